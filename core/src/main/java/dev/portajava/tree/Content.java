package dev.portajava.tree;

import dev.portajava.digest.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Where the bytes of a regular file of an image come from, with their size and, when known, their SHA-256.
 * Nothing is read when the content is described; writers {@link #open} it when they write the file.
 */
public sealed interface Content permits Content.HostFile, Content.StoredFile, Content.Inline {

    /** How many bytes the file has. */
    long size();

    /**
     * The SHA-256 of the bytes as 64 lower-case hex digits, when it is known without reading them. A writer
     * trusts it: two files with the same size and digest are the same file to it.
     */
    Optional<String> sha256();

    /** The bytes, from the first. Reading a host file never follows a symlink in its last name. */
    InputStream open() throws IOException;

    /**
     * A file on the build host. {@code size} is its size when the plan was made: a writer that finds another size
     * fails rather than write a file that is not what the plan described.
     */
    record HostFile(Path path, long size) implements Content {
        public HostFile {
            if (path == null || size < 0) {
                throw new IllegalArgumentException("a host file needs a path and a size of 0 or more: " + path);
            }
        }

        /** The file at {@code path} (not followed if a symlink) with its size now. */
        public static HostFile of(Path path) throws IOException {
            return new HostFile(path, Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).size());
        }

        @Override
        public Optional<String> sha256() {
            return Optional.empty();
        }

        @Override
        public InputStream open() throws IOException {
            return openHostFile(path);
        }
    }

    /**
     * A file of a content store, known by the SHA-256 of its bytes: a writer may reuse what it made of that content
     * before without reading the file again.
     */
    record StoredFile(Path path, long size, String digest) implements Content {
        public StoredFile {
            if (path == null || size < 0) {
                throw new IllegalArgumentException("a stored file needs a path and a size of 0 or more: " + path);
            }
            digest = checkSha256(digest);
        }

        @Override
        public Optional<String> sha256() {
            return Optional.of(digest);
        }

        @Override
        public InputStream open() throws IOException {
            return openHostFile(path);
        }
    }

    /** Bytes held in the plan itself: units, os-release, small files a spec writes. */
    record Inline(byte[] bytes) implements Content {
        public Inline {
            if (bytes == null) {
                throw new IllegalArgumentException("inline content without bytes");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public Optional<String> sha256() {
            return Optional.empty();
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Inline other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Inline[" + bytes.length + " bytes]";
        }
    }

    private static InputStream openHostFile(Path path) throws IOException {
        return Channels.newInputStream(Files.newByteChannel(path, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)));
    }

    private static String checkSha256(String digest) {
        if (!Sha256.isHex(digest)) {
            throw new IllegalArgumentException("not a SHA-256 of 64 lower-case hex digits: " + digest);
        }
        return digest;
    }
}
