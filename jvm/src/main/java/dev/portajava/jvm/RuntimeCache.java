package dev.portajava.jvm;

import dev.portajava.work.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Runtimes linked before, and start-up archives dumped before, kept under a directory by what made them: a runtime by
 * the JDK and its modules, an archive by everything it was dumped from; and the compressed blocks of images' files.
 * Entries are written beside their place and moved in whole, so that a build that stops half-way leaves nothing a
 * later one would take.
 */
public final class RuntimeCache {

    private final Path directory;

    public RuntimeCache(Path directory) {
        this.directory = directory;
    }

    /** The runtime of {@code modules} linked from the running JDK, linked now unless it was before. */
    public Path runtime(String modules) throws IOException {
        Path runtime = directory.resolve("runtimes").resolve(key(JavaRuntime.jdk() + "\n" + modules));
        if (Files.isDirectory(runtime)) {
            return runtime;
        }
        Files.createDirectories(runtime.getParent());
        Path partial = Files.createTempDirectory(runtime.getParent(), "partial-");
        Path linked = partial.resolve("runtime");
        try {
            JavaRuntime.link(modules, linked);
            Files.move(linked, runtime);
        } catch (IOException e) {
            if (!Files.isDirectory(runtime)) {
                throw e;
            }
            // another build linked the same runtime meanwhile
        } finally {
            FileTrees.delete(partial);
        }
        return runtime;
    }

    /**
     * The directory where image writers keep the compressed blocks of the files they wrote (a squashfs block store),
     * so that the next build does not compress an unchanged runtime or jar again.
     */
    public Path blocks() {
        return directory.resolve("squashfs-blocks");
    }

    /** The file an entry of {@code kind} made from {@code inputs} has, whether or not it exists yet. */
    public Path entry(String kind, String inputs) throws IOException {
        return Files.createDirectories(directory.resolve(kind)).resolve(key(JavaRuntime.jdk() + "\n" + inputs));
    }

    /** A hex SHA-256 of {@code text}. */
    static String key(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
