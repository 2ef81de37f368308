package dev.portajava.digest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, which every JVM has: of a file, in lower-case hex, as {@code sha256sum} prints it. */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The SHA-256 of {@code bytes}, in hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The SHA-256 of the file {@code file}'s content, in hex. */
    public static String hex(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return hex(channel);
        }
    }

    /** The SHA-256 of everything in {@code channel}, read from its start in 1 MiB chunks, in hex. */
    public static String hex(FileChannel channel) throws IOException {
        MessageDigest digest = digest();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        long position = 0;
        for (int n; (n = channel.read(buffer.clear(), position)) >= 0; position += n) {
            digest.update(buffer.array(), 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
