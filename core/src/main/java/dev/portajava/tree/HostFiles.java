package dev.portajava.tree;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Small files of the host, read and written through {@code java.io}'s files where it can name them. {@link Files}
 * reads and writes through a channel, and the first channel a JVM opens sets up the JDK's channel machinery
 * ({@code sun.nio.ch.IOUtil}, which loads the network library, and a pool of direct buffers): several milliseconds
 * of a command whose own work takes about 30. The commands that attach and detach read images and small files, and
 * write small files, here.
 *
 * <p>{@code java.io} names a file by a {@code String}, which the JDK encodes in the locale's charset: a path whose
 * bytes do not come back from that round trip (a name that is not UTF-8, or not ASCII under {@code LC_ALL=C}) is
 * read and written through {@link Files}, as before. Either way a failure to open is reported as {@link Files}
 * reports it: {@link NoSuchFileException}, {@link AccessDeniedException}, or a {@link FileSystemException} with the
 * system's reason.
 */
public final class HostFiles {

    private HostFiles() {
    }

    /** A file open for reads at any position, from any thread. */
    public interface PositionalFile extends Closeable {

        long size() throws IOException;

        /**
         * Reads up to {@code length} bytes at {@code position} into {@code into} from {@code offset}.
         *
         * @return how many were read, {@code -1} at the end of the file
         */
        int read(byte[] into, int offset, int length, long position) throws IOException;

        /**
         * Reads {@code length} bytes at {@code position} into the start of {@code into}, or as many as the file has
         * there.
         *
         * @return how many were read: {@code length}, or fewer at the end of the file
         */
        default int readFully(byte[] into, int length, long position) throws IOException {
            int done = 0;
            while (done < length) {
                int n = read(into, done, length - done, position + done);
                if (n < 0) {
                    break;
                }
                done += n;
            }
            return done;
        }
    }

    /** {@code file} opened for reading at positions. */
    public static PositionalFile openForReading(Path file) throws IOException {
        File plain = plain(file);
        if (plain == null) {
            return new ChannelFile(FileChannel.open(file, StandardOpenOption.READ));
        }
        try {
            return new PlainFile(new RandomAccessFile(plain, "r"));
        } catch (FileNotFoundException e) {
            throw translated(e, file);
        }
    }

    public static byte[] readAllBytes(Path file) throws IOException {
        File plain = plain(file);
        if (plain == null) {
            return Files.readAllBytes(file);
        }
        try (FileInputStream in = open(plain, file)) {
            return in.readAllBytes();
        }
    }

    /** The file's text, which must be UTF-8, as {@link Files#readString(Path)} has it. */
    public static String readString(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(readAllBytes(file))).toString();
    }

    /** The file's lines, which must be UTF-8, as {@link Files#readAllLines(Path)} has them. */
    public static List<String> readAllLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(readString(file)))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Writes {@code content} to {@code file}, created or truncated, as {@link Files#write} does. */
    public static void write(Path file, byte[] content) throws IOException {
        File plain = plain(file);
        if (plain == null) {
            Files.write(file, content);
            return;
        }
        FileOutputStream out;
        try {
            out = new FileOutputStream(plain);
        } catch (FileNotFoundException e) {
            throw translated(e, file);
        }
        try (out) {
            out.write(content);
        }
    }

    /** The file {@code path} names, as {@code java.io} names it; null if that name is another file's. */
    private static File plain(Path path) {
        File file = path.toFile();
        return file.toPath().equals(path) ? file : null;
    }

    private static FileInputStream open(File plain, Path file) throws IOException {
        try {
            return new FileInputStream(plain);
        } catch (FileNotFoundException e) {
            throw translated(e, file);
        }
    }

    /**
     * What {@link Files} would have thrown for {@code e}, the failure to open {@code file} through {@code java.io},
     * whose message is the path and the system's reason in parentheses.
     */
    static IOException translated(FileNotFoundException e, Path file) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int open = message.lastIndexOf(" (");
        String reason = open >= 0 && message.endsWith(")") ? message.substring(open + 2, message.length() - 1)
                : message;
        IOException translated;
        if (reason.equals("No such file or directory")) {
            translated = new NoSuchFileException(file.toString());
        } else if (reason.equals("Permission denied")) {
            translated = new AccessDeniedException(file.toString());
        } else {
            translated = new FileSystemException(file.toString(), null, reason);
        }
        translated.initCause(e);
        return translated;
    }

    /** Reads are serialised on the file: {@link RandomAccessFile} has no positional read. */
    private static final class PlainFile implements PositionalFile {

        private final RandomAccessFile file;

        PlainFile(RandomAccessFile file) {
            this.file = file;
        }

        @Override
        public long size() throws IOException {
            return file.length();
        }

        @Override
        public int read(byte[] into, int offset, int length, long position) throws IOException {
            synchronized (file) {
                file.seek(position);
                return file.read(into, offset, length);
            }
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    private static final class ChannelFile implements PositionalFile {

        private final FileChannel channel;

        ChannelFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public int read(byte[] into, int offset, int length, long position) throws IOException {
            return channel.read(ByteBuffer.wrap(into, offset, length), position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
