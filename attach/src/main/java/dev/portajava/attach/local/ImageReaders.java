package dev.portajava.attach.local;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.ImageNotFoundException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.attach.UnreadableImageException;
import dev.portajava.ddi.Architecture;
import dev.portajava.ddi.DiskPartition;
import dev.portajava.tree.HostFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Opens an image for reading by what it is: a directory; a raw squashfs; or a GPT disk image (a Discoverable Disk
 * Image) whose root partition for this machine holds a squashfs. portajava reads every image before it is attached,
 * whatever the backend, so an image it cannot read is refused: ext4 and erofs file systems, a disk image with a
 * partition systemd would mount besides the root (a {@code /usr} partition, for one), anything else.
 */
public final class ImageReaders {

    private static final int SQUASHFS_MAGIC = 0x73717368; // "hsqs"
    private static final int EXT4_MAGIC_AT_1080 = 0xef53;
    private static final int EROFS_MAGIC_AT_1024 = 0xe0f5e1e2;
    private static final long GPT_HEADER = 512;

    private ImageReaders() {
    }

    public static ImageReader open(Path image) throws AttachException {
        if (!Files.isDirectory(image) && !Files.isRegularFile(image)) {
            throw new ImageNotFoundException(image + ": not a .raw image file or an image directory");
        }
        if (Files.isDirectory(image)) {
            try {
                return DirectoryImageReader.open(image);
            } catch (IOException e) {
                throw new InvalidImageException(image + ": cannot read it: " + e.getMessage(), e);
            }
        }
        try (HostFiles.PositionalFile file = HostFiles.openForReading(image)) {
            boolean gpt = file.size() >= GPT_HEADER + 8 && "EFI PART".equals(ascii(file, GPT_HEADER, 8));
            if (magic(file, 0, 4) == SQUASHFS_MAGIC) {
                if (gpt && DiskPartition.read(image).isPresent()) {
                    throw new UnreadableImageException(image + ": both a squashfs file system and a GPT disk image;"
                            + " systemd might mount another file system than the one portajava reads");
                }
                return squashfs(image, 0, file.size(), "");
            }
            if (gpt) {
                return rootPartition(image, file);
            }
            if (file.size() == 0) {
                throw new UnreadableImageException(image + ": an empty file, not an image");
            }
            throw new UnreadableImageException(image + ": " + fileSystem(file, 0)
                    .map(fs -> "an " + fs + " file system; portajava reads squashfs images only")
                    .orElse("neither a squashfs file system nor a GPT disk image (it starts with 0x"
                            + HexFormat.of().formatHex(bytes(file, 0, (int) Math.min(8, file.size()))) + ")"));
        } catch (IOException e) {
            throw new InvalidImageException(image + ": cannot read it: " + e.getMessage(), e);
        }
    }

    /** True if {@code image} is a bare file system (a squashfs at its start), not a GPT disk image. */
    static boolean bareFileSystem(Path image) throws IOException {
        try (HostFiles.PositionalFile file = HostFiles.openForReading(image)) {
            return magic(file, 0, 4) == SQUASHFS_MAGIC;
        }
    }

    /** The squashfs of the root partition systemd mounts on this machine. */
    private static ImageReader rootPartition(Path image, HostFiles.PositionalFile file)
            throws IOException, AttachException {
        Architecture architecture = Architecture.ofThisMachine().orElseThrow(() -> new UnreadableImageException(
                image + ": portajava knows no root partition type for this machine (" + System.getProperty("os.arch")
                        + ")"));
        DiskPartition root = RootPartition.of(image, architecture);
        if (magic(file, root.offset(), 4) != SQUASHFS_MAGIC) {
            throw new UnreadableImageException(image + ": the root-" + architecture.label() + " partition holds "
                    + fileSystem(file, root.offset()).map(fs -> "an " + fs + " file system")
                            .orElse("no file system portajava knows") + "; portajava reads squashfs root partitions only");
        }
        return squashfs(image, root.offset(), root.size(), " (root-" + architecture.label() + " partition)");
    }

    private static ImageReader squashfs(Path image, long offset, long size, String where) throws AttachException {
        SquashfsImageReader reader;
        try {
            reader = SquashfsImageReader.open(image, offset);
        } catch (IOException e) {
            throw new InvalidImageException(image + where + ": cannot read its squashfs: " + e.getMessage(), e);
        }
        if (reader.bytesUsed() > size) {
            try {
                reader.close();
            } catch (IOException e) {
                // nothing was read from it
            }
            throw new InvalidImageException(image + where + ": the squashfs claims " + reader.bytesUsed()
                    + " bytes, more than the " + size + " it has");
        }
        return reader;
    }

    /** The file systems portajava cannot read but can name, by their superblock's magic number. */
    private static Optional<String> fileSystem(HostFiles.PositionalFile file, long offset) throws IOException {
        if (magic(file, offset + 1080, 2) == EXT4_MAGIC_AT_1080) {
            return Optional.of("ext4");
        }
        if (magic(file, offset + 1024, 4) == EROFS_MAGIC_AT_1024) {
            return Optional.of("erofs");
        }
        return Optional.empty();
    }

    /** The little-endian number of {@code length} (2 or 4) bytes at {@code offset}; 0 past the end of the file. */
    private static int magic(HostFiles.PositionalFile file, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes(file, offset, length)).order(ByteOrder.LITTLE_ENDIAN);
        return length == 2 ? buffer.getShort() & 0xffff : buffer.getInt();
    }

    private static String ascii(HostFiles.PositionalFile file, long offset, int length) throws IOException {
        return new String(bytes(file, offset, length), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** {@code length} bytes at {@code offset}, zeros past the end of the file. */
    private static byte[] bytes(HostFiles.PositionalFile file, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        file.readFully(bytes, length, offset);
        return bytes;
    }
}
