package dev.portajava.ddi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.ddi.internal.GptPartition;
import dev.portajava.ddi.internal.GptWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskPartitionTest {

    @TempDir
    Path dir;

    @Test
    void read_ofADiskImage_givesItsRootAndVerityPartitions() throws Exception {
        Path filesystem = dir.resolve("fs");
        Files.write(filesystem, new byte[10000]);
        Path disk = dir.resolve("disk.raw");
        DiskImageWriter.write(filesystem, disk, Architecture.ARM64, Optional.empty());

        List<DiskPartition> partitions = DiskPartition.read(disk).orElseThrow();

        assertEquals(2, partitions.size());
        assertTrue(partitions.get(0).isRootOf(Architecture.ARM64));
        assertEquals(DiskImageWriter.ROOT_OFFSET, partitions.get(0).offset());
        assertEquals(12288, partitions.get(0).size(), "the file system padded to whole 4096-byte blocks");
        assertEquals(Architecture.ARM64.rootVerityType(), partitions.get(1).type());
        assertTrue(partitions.stream().allMatch(DiskPartition::belongsToRoot));
    }

    @Test
    void read_ofAFileWithoutGpt_isEmpty() throws IOException {
        Path file = dir.resolve("random.raw");
        Files.write(file, new byte[1 << 16]);

        assertEquals(Optional.empty(), DiskPartition.read(file));
    }

    @Test
    void read_ofAPartitionBeyondTheDisk_refusesIt() throws IOException {
        Path disk = dir.resolve("disk.raw");
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            GptWriter.write(channel, 4 << 20, UUID.randomUUID(), List.of(new GptPartition(
                    Architecture.X86_64.rootType(), UUID.randomUUID(), 2048, 6143, 0, "root-x86-64")));
            channel.truncate(2 << 20); // a disk cut short: the primary table still passes its checksums
        }

        IOException e = assertThrows(IOException.class, () -> DiskPartition.read(disk));
        assertTrue(e.getMessage().contains("lies outside the disk"), e.getMessage());
    }
}
