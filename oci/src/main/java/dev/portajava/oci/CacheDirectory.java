package dev.portajava.oci;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where portajava keeps what it downloads and unpacks: {@code $XDG_CACHE_HOME/portajava}, else
 * {@code ~/.cache/portajava}.
 *
 * <pre>
 * blobs/sha256/HEX        blobs, by digest, verified before they are stored
 * layers/sha256/HEX/      each layer unpacked once, by blob digest
 * files/sha256/HEX...     file contents, shared by every layer and image that has them
 * checkouts/HEX-MODE...    those contents with the mode (and owner) an image gives them, hard-linked into builds
 * squashfs-blocks/        compressed squashfs blocks of those contents, so a second build compresses nothing again
 * tmp/                    downloads and unpacks in progress; never read as cache content
 * </pre>
 */
public record CacheDirectory(Path root) {

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

    public Path tmp() {
        return root.resolve("tmp");
    }
}
