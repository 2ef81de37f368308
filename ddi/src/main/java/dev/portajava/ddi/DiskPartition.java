package dev.portajava.ddi;

import dev.portajava.ddi.internal.GptPartition;
import dev.portajava.ddi.internal.GptReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A partition of a GPT disk image, as systemd's image dissection sees it: its type and where its bytes are.
 *
 * @param offset where it starts, in bytes from the start of the disk
 * @param size how many bytes it has
 */
public record DiskPartition(UUID type, long offset, long size) {

    /**
     * The used partitions of the primary GPT of {@code image}, in table order; empty if {@code image} holds no GPT
     * whose header and entries pass their checksums.
     *
     * @throws IOException if it cannot be read, or a partition lies outside the disk
     */
    public static Optional<List<DiskPartition>> read(Path image) throws IOException {
        try (FileChannel disk = FileChannel.open(image)) {
            Optional<List<GptPartition>> table = GptReader.read(disk);
            if (table.isEmpty()) {
                return Optional.empty();
            }
            List<DiskPartition> partitions = new ArrayList<>();
            for (GptPartition p : table.get()) {
                partitions.add(new DiskPartition(p.type(), p.offset(), p.size()));
            }
            return Optional.of(List.copyOf(partitions));
        }
    }

    /** True for a root partition of {@code architecture}. */
    public boolean isRootOf(Architecture architecture) {
        return type.equals(architecture.rootType());
    }

    /** True for a root, root-verity or root-verity-sig partition of an architecture portajava knows. */
    public boolean belongsToRoot() {
        return Architecture.ofPartitionType(type).isPresent();
    }
}
