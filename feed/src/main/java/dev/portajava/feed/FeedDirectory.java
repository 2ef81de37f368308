package dev.portajava.feed;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A feed on disk, locked against other publishers while open. Every file is written beside its place and renamed
 * into it, so that a reader sees the old file or the new one, never a part. Closing removes the lock file, and the
 * directory too if opening made it and nothing was written into it.
 */
final class FeedDirectory implements AutoCloseable {

    static final String SUMS = "SHA256SUMS";
    static final String SIGNATURE = "SHA256SUMS.gpg";
    private static final String LOCK = ".portajava-feed.lock";

    private final Path directory;
    private final boolean made;
    private final FileChannel lockFile;
    private final FileLock lock;

    private FeedDirectory(Path directory, boolean made, FileChannel lockFile, FileLock lock) {
        this.directory = directory;
        this.made = made;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** Opens (making it if need be) and locks the feed at {@code directory}; refuses one portajava did not write. */
    static FeedDirectory open(Path directory) throws IOException, FeedConflictException {
        FeedDirectory feed = lock(directory);
        try {
            if (!Files.exists(directory.resolve(FeedIndex.FILE))) {
                try (Stream<Path> files = Files.list(directory)) {
                    Optional<Path> other = files.filter(f -> !f.getFileName().toString().equals(LOCK)).findFirst();
                    if (other.isPresent()) {
                        throw new FeedConflictException(directory + ": holds " + other.get().getFileName() + " and no "
                                + FeedIndex.FILE + " of portajava's; publish into an empty directory or a feed"
                                + " portajava wrote");
                    }
                }
            }
            return feed;
        } catch (IOException | FeedConflictException | RuntimeException e) {
            try {
                feed.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Makes {@code directory} if need be and locks its lock file. A publisher removes the lock file when it is done,
     * so one that waited for the lock may hold it on a file no longer there: it checks, after locking, that the file
     * at the lock's path is still the one that was there before it opened it, and else tries again (also when it made
     * the file).
     */
    private static FeedDirectory lock(Path directory) throws IOException {
        Path path = directory.resolve(LOCK);
        boolean made = false;
        while (true) {
            made |= !Files.isDirectory(directory);
            Files.createDirectories(directory);
            Optional<Object> opened = fileKey(path); // before opening: the file opened is this one, or a later
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.lock();
                if (opened.isPresent() && opened.equals(fileKey(path))) {
                    return new FeedDirectory(directory, made, channel, lock);
                }
                channel.close();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    private static Optional<Object> fileKey(Path path) throws IOException {
        try {
            return Optional.ofNullable(Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    Path path() {
        return directory;
    }

    Optional<byte[]> read(String name) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(directory.resolve(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    FeedIndex index() throws IOException, FeedConflictException {
        Optional<byte[]> json = read(FeedIndex.FILE);
        try {
            return json.map(FeedIndex::parse).orElseGet(FeedIndex::empty);
        } catch (IllegalArgumentException e) {
            throw new FeedConflictException(directory.resolve(FeedIndex.FILE) + ": " + e.getMessage());
        }
    }

    Sha256Sums sums() throws IOException, FeedConflictException {
        try {
            return Sha256Sums.parse(read(SUMS).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(""));
        } catch (IllegalArgumentException e) {
            throw new FeedConflictException(directory.resolve(SUMS) + ": " + e.getMessage());
        }
    }

    /** Writes {@code name} unless it holds these bytes already; whether it wrote. */
    boolean write(String name, byte[] content) throws IOException {
        if (read(name).map(old -> Arrays.equals(old, content)).orElse(false)) {
            return false;
        }
        Path temporary = temporary(name);
        try {
            Files.write(temporary, content);
            Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return true;
    }

    /** Copies the file {@code source} in as {@code name}. */
    void copy(Path source, String name) throws IOException {
        Path temporary = temporary(name);
        try {
            Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    boolean delete(String name) throws IOException {
        return Files.deleteIfExists(directory.resolve(name));
    }

    private Path temporary(String name) throws IOException {
        return Files.createTempFile(directory, "." + name + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    }

    /** Removes the lock file (and the directory, if this made it and it is empty), then lets the lock go. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(directory.resolve(LOCK));
            if (made) {
                try {
                    Files.deleteIfExists(directory);
                } catch (DirectoryNotEmptyException e) {
                    // the feed was written, or another publisher waits for its lock in it
                }
            }
        } finally {
            try {
                lock.release();
            } finally {
                lockFile.close();
            }
        }
    }
}
