package dev.portajava.oci;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where portajava keeps what it downloads and unpacks: {@code $XDG_CACHE_HOME/portajava}, else
 * {@code ~/.cache/portajava}.
 *
 * <pre>
 * blobs/sha256/HEX        blobs fetched from registries, by digest, verified before they are stored
 * layers/sha256/HEX/      each layer unpacked once, by blob digest
 * files/sha256/HEX...     file contents, shared by every layer and image that has them
 * checkouts/               left by earlier versions, which hard-linked copies of those contents into builds
 * squashfs-blocks/        compressed squashfs blocks of those contents, so a second build compresses nothing again
 * tmp/ID/                 a running build's downloads and unpacks in progress; never read as cache content
 * lock                    held (shared) by every running build, so that pruning never removes what one uses
 * </pre>
 *
 * @param tmp where this process writes its temporaries: {@code tmp/} itself, or the directory of its
 *     {@link CacheSession}
 */
public record CacheDirectory(Path root, Path tmp) {

    public CacheDirectory(Path root) {
        this(root, root.resolve("tmp"));
    }

    public static CacheDirectory fromEnvironment(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return new CacheDirectory(Path.of(xdg, "portajava"));
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return new CacheDirectory(Path.of(home, ".cache", "portajava"));
    }

    public Path blobs() {
        return root.resolve("blobs").resolve("sha256");
    }

    public Path layers() {
        return root.resolve("layers").resolve("sha256");
    }

    public Path files() {
        return root.resolve("files").resolve("sha256");
    }

    public Path checkouts() {
        return root.resolve("checkouts");
    }

    public Path squashfsBlocks() {
        return root.resolve("squashfs-blocks");
    }

    /** The directory of every build's temporaries. */
    public Path temporaries() {
        return root.resolve("tmp");
    }

    /** The file every running build holds a shared lock on. */
    public Path lock() {
        return root.resolve("lock");
    }

    /** The same cache, with this process's temporaries in {@code tmp}. */
    CacheDirectory withTmp(Path tmp) {
        return new CacheDirectory(root, tmp);
    }
}
