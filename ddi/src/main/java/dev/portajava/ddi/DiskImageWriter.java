package dev.portajava.ddi;

import dev.portajava.ddi.internal.GptLayout;
import dev.portajava.ddi.internal.GptPartition;
import dev.portajava.ddi.internal.GptWriter;
import dev.portajava.ddi.internal.HashTreeLayout;
import dev.portajava.ddi.internal.SignaturePartition;
import dev.portajava.ddi.internal.VerityValues;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a Discoverable Disk Image: a GPT disk with a root partition holding a file system image, a root-verity
 * partition with its dm-verity hash tree and, with a key, a root-verity-sig partition. The root partition starts at
 * 1 MiB and every partition on a 1 MiB boundary; all are read-only (attribute bit 60); the partition UUIDs are the
 * halves of the root hash. Nothing is random, so the same file system gives the same image: the verity salt is
 * one for every image, and the verity uuid, the disk GUID and the signature partition's UUID derive from the root
 * hash ({@link VerityValues}). The file system is copied and hashed in streams, never held in memory. Like
 * veritysetup, it does not sync the disk image: a caller that renames it into place does that first.
 */
public final class DiskImageWriter {

    /** Where the root partition, and so the file system, starts: 1 MiB. */
    public static final long ROOT_OFFSET = GptLayout.ALIGNMENT;

    private DiskImageWriter() {
    }

    /**
     * Writes {@code output}, which must not exist, from the file system image {@code filesystem} (a squashfs, as
     * mksquashfs or any other writer produced it).
     */
    public static VerityResult write(Path filesystem, Path output, Architecture architecture, Optional<SigningKey> key)
            throws DiskImageException {
        try (FileChannel in = FileChannel.open(filesystem);
                FileChannel disk = FileChannel.open(output, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
            long size = in.size();
            if (size == 0) {
                throw new DiskImageException(filesystem + ": the file system image is empty");
            }
            copy(in, disk, ROOT_OFFSET, size);
            return complete(disk, size, architecture, key, Optional.empty());
        } catch (IOException e) {
            throw new DiskImageException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    /**
     * Turns {@code disk} into a disk image around the file system a writer already put at {@link #ROOT_OFFSET}
     * (for example {@code mksquashfs -offset 1048576}), which saves copying it. Everything after the file system is
     * overwritten.
     */
    public static VerityResult complete(Path disk, Architecture architecture, Optional<SigningKey> key)
            throws DiskImageException {
        return complete(disk, architecture, key, Optional.empty());
    }

    /**
     * As {@link #complete(Path, Architecture, Optional)}, for a file system whose every write {@code writes} saw:
     * the digests of its blocks, the first level of the hash tree, come from them instead of a read of the whole
     * file system. The image is the same.
     */
    public static VerityResult complete(Path disk, Architecture architecture, Optional<SigningKey> key,
            FileSystemWrites writes) throws DiskImageException {
        return complete(disk, architecture, key, Optional.of(writes));
    }

    private static VerityResult complete(Path disk, Architecture architecture, Optional<SigningKey> key,
            Optional<FileSystemWrites> writes) throws DiskImageException {
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size() - ROOT_OFFSET;
            if (size <= 0) {
                throw new DiskImageException(disk + ": no file system at byte " + ROOT_OFFSET);
            }
            return complete(channel, size, architecture, key, writes);
        } catch (IOException e) {
            throw new DiskImageException("cannot write " + disk + ": " + e.getMessage(), e);
        }
    }

    private static VerityResult complete(FileChannel disk, long size, Architecture architecture,
            Optional<SigningKey> key, Optional<FileSystemWrites> writes) throws IOException, DiskImageException {
        long rootOffset = ROOT_OFFSET;
        long dataBytes = GptLayout.align(size, HashTreeLayout.BLOCK_SIZE);
        if (disk.size() < rootOffset + dataBytes) { // the zeros that pad the file system to whole blocks
            disk.write(ByteBuffer.allocate(1), rootOffset + dataBytes - 1);
        } else if (dataBytes > size) {
            disk.write(ByteBuffer.allocate((int) (dataBytes - size)), rootOffset + size);
        }
        HashTreeLayout layout = HashTreeLayout.forDataSize(dataBytes);
        long verityOffset = GptLayout.align(rootOffset + dataBytes, GptLayout.ALIGNMENT);
        RootHash rootHash = FileSystemWrites.writeHashTree(writes, disk, rootOffset, layout, disk, verityOffset);

        String arch = architecture.label();
        List<GptPartition> partitions = new ArrayList<>();
        partitions.add(partition(architecture.rootType(), rootHash.rootPartitionUuid(), rootOffset, dataBytes,
                "root-" + arch));
        partitions.add(partition(architecture.rootVerityType(), rootHash.verityPartitionUuid(), verityOffset,
                layout.hashBytes(), "root-" + arch + "-verity"));
        long end = verityOffset + layout.hashBytes();
        Optional<byte[]> signature = Optional.empty();
        if (key.isPresent()) {
            byte[] pkcs7 = key.get().sign(rootHash.hex().getBytes(StandardCharsets.US_ASCII));
            signature = Optional.of(pkcs7);
            byte[] content = new SignaturePartition(rootHash, key.get().certificateFingerprint(), pkcs7).toBytes();
            long signatureOffset = GptLayout.align(end, GptLayout.ALIGNMENT);
            disk.write(ByteBuffer.wrap(content), signatureOffset);
            partitions.add(partition(architecture.rootVeritySignatureType(),
                    VerityValues.signaturePartitionUuid(rootHash.bytes()), signatureOffset,
                    content.length, "root-" + arch + "-verity-sig"));
            end = signatureOffset + content.length;
        }
        long diskSize = GptLayout.diskSize(end);
        UUID diskGuid = VerityValues.diskGuid(rootHash.bytes());
        disk.truncate(diskSize);
        GptWriter.write(disk, diskSize, diskGuid, partitions);
        return new VerityResult(rootHash, dataBytes, layout.hashBytes(), signature);
    }

    private static GptPartition partition(UUID type, UUID uuid, long offset, long bytes, String name) {
        long first = offset / GptLayout.SECTOR;
        return new GptPartition(type, uuid, first, first + bytes / GptLayout.SECTOR - 1, GptPartition.READ_ONLY, name);
    }

    private static void copy(FileChannel in, FileChannel out, long at, long size) throws IOException {
        long done = 0;
        while (done < size) {
            long copied = in.transferTo(done, size - done, out.position(at + done));
            if (copied <= 0) {
                throw new IOException("copy stopped at byte " + done);
            }
            done += copied;
        }
    }
}
