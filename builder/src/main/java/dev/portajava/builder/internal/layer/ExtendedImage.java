package dev.portajava.builder.internal.layer;

import dev.portajava.OsRelease;
import dev.portajava.ddi.Architecture;
import dev.portajava.ddi.DiskPartition;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsImage;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image an extension is built for, its base ({@code portajava build --base IMAGE}): a directory image, a raw squashfs
 * or a ddi (its root partition for this machine), read without mounting it. Its files are consulted, never copied.
 */
public final class ExtendedImage implements Closeable {

    private static final int SQUASHFS_MAGIC = 0x73717368; // "hsqs", little-endian
    private static final long GPT_HEADER = 512;
    private static final List<String> OS_RELEASES = List.of("/etc/os-release", "/usr/lib/os-release");

    private final Path path;
    private final ImageLayer layer;
    private final SquashfsLayer squashfs;

    private ExtendedImage(Path path, ImageLayer layer, SquashfsLayer squashfs) {
        this.path = path;
        this.layer = layer;
        this.squashfs = squashfs;
    }

    /** Why a file is no base image: one line for a message after its path. */
    public static final class NotAnImageException extends Exception {
        private static final long serialVersionUID = 1L;

        NotAnImageException(String problem) {
            super(problem);
        }
    }

    /** Opens the image at {@code path}. */
    public static ExtendedImage open(Path path) throws NotAnImageException {
        if (Files.isDirectory(path)) {
            return new ExtendedImage(path, new DirectoryLayer(path.toAbsolutePath()), null);
        }
        if (!Files.isRegularFile(path)) {
            throw new NotAnImageException(Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    ? "not a .raw image file or an image directory" : "no such image");
        }
        try (FileChannel file = FileChannel.open(path)) {
            long offset;
            if (littleEndianInt(file, 0) == SQUASHFS_MAGIC) {
                offset = 0;
            } else if (file.size() >= GPT_HEADER + 8 && "EFI PART".equals(ascii(file, GPT_HEADER, 8))) {
                offset = rootPartition(path).offset();
            } else {
                throw new NotAnImageException("neither a squashfs file system, a GPT disk image nor a directory");
            }
            SquashfsLayer layer = new SquashfsLayer(SquashfsImage.open(path, offset));
            return new ExtendedImage(path, layer, layer);
        } catch (SquashfsException e) {
            throw new NotAnImageException("cannot read its squashfs: " + e.getMessage());
        } catch (IOException e) {
            throw new NotAnImageException("cannot read it: " + e.getMessage());
        }
    }

    private static DiskPartition rootPartition(Path path) throws IOException, NotAnImageException {
        Architecture architecture = Architecture.ofThisMachine().orElse(Architecture.X86_64);
        List<DiskPartition> roots = DiskPartition.read(path).orElseThrow(() -> new NotAnImageException(
                "a GPT disk image whose partition table fails its checksums")).stream()
                .filter(p -> p.isRootOf(architecture)).toList();
        if (roots.size() != 1) {
            throw new NotAnImageException("a GPT disk image with " + roots.size() + " root-" + architecture.label()
                    + " partitions; systemd mounts an image with exactly one");
        }
        return roots.get(0);
    }

    public Path path() {
        return path;
    }

    public ImageLayer layer() {
        return layer;
    }

    /**
     * The fields of the base's os-release ({@code /etc/os-release}, else {@code /usr/lib/os-release}, symlinks
     * followed inside the image); empty if it has none, which makes it no portable image.
     */
    public Optional<Map<String, String>> osRelease() throws IOException {
        LayeredImageFiles files = LayeredImageFiles.of(layer);
        for (String candidate : OS_RELEASES) {
            Optional<String> resolved = files.resolve(candidate);
            if (resolved.isPresent() && layer.regularFile(resolved.get()).isPresent()) {
                try (SeekableByteChannel channel = layer.open(resolved.get());
                        InputStream in = Channels.newInputStream(channel)) {
                    return Optional.of(OsRelease.parse(new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8)));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        if (squashfs != null) {
            squashfs.close();
        }
    }

    private static int littleEndianInt(FileChannel file, long offset) throws IOException {
        return ByteBuffer.wrap(bytes(file, offset, 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static String ascii(FileChannel file, long offset, int length) throws IOException {
        return new String(bytes(file, offset, length), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(FileChannel file, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && file.read(buffer, offset + buffer.position()) >= 0) {
            // read until full or at the end
        }
        return buffer.array();
    }
}
