package dev.portajava.digest;

import dev.portajava.text.AsciiNames;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** SHA-256, which every JVM has: of a file, in lower-case hex, as {@code sha256sum} prints it. */
public final class Sha256 {

    /** The digits of a SHA-256 in hex. */
    public static final int HEX_DIGITS = 64;

    private static final int CHUNK = 1 << 20;

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * Whether {@code text} is a SHA-256 as portajava writes and reads one everywhere (an image's, a layer's, a root
     * hash, a certificate's fingerprint): {@value #HEX_DIGITS} lower-case hex digits, as {@link #hex} makes and
     * {@code sha256sum} prints. Checked by hand: a short command that reads one compiles no pattern.
     */
    public static boolean isHex(CharSequence text) {
        return AsciiNames.isLowerHex(text, HEX_DIGITS);
    }

    /** The SHA-256 of {@code bytes}, in hex. */
    public static String hex(byte[] bytes) {
        MessageDigest sha256 = digest();
        sha256.update(bytes);
        return hex(sha256);
    }

    /** The SHA-256 {@code sha256} (one of {@link #digest()}'s) was fed, in hex; it is then reset. */
    public static String hex(MessageDigest sha256) {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The SHA-256 of the file {@code file}'s content, in hex. */
    public static String hex(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return hex(channel);
        }
    }

    /**
     * The SHA-256 of everything in {@code channel}, read from its start in 1 MiB chunks, in hex. Past the first
     * chunk, a thread of its own reads the next chunk while this one hashes the last: reading from the page cache
     * costs about as much as hashing.
     */
    public static String hex(FileChannel channel) throws IOException {
        MessageDigest digest = digest();
        byte[] current = new byte[CHUNK];
        int n = read(channel, current, 0);
        if (n < CHUNK) {
            digest.update(current, 0, Math.max(n, 0));
            return hex(digest);
        }
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "sha256-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            byte[] next = new byte[CHUNK];
            for (long position = n; n >= 0; position += n) {
                byte[] buffer = next;
                long at = position;
                Future<Integer> ahead = reader.submit(() -> read(channel, buffer, at));
                digest.update(current, 0, n);
                n = await(ahead);
                next = current;
                current = buffer;
            }
        } finally {
            reader.shutdownNow();
        }
        return hex(digest);
    }

    /** Fills {@code buffer} from {@code position} as far as the file goes: its length, or -1 at the end. */
    private static int read(FileChannel channel, byte[] buffer, long position) throws IOException {
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        while (wrapped.hasRemaining()) {
            int n = channel.read(wrapped, position + wrapped.position());
            if (n < 0) {
                break;
            }
        }
        return wrapped.position() == 0 ? -1 : wrapped.position();
    }

    private static int await(Future<Integer> read) throws IOException {
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }
}
