package dev.portajava.attach.local;

import dev.portajava.attach.UnreadableImageException;
import dev.portajava.ddi.Architecture;
import dev.portajava.ddi.DiskPartition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The partition of a GPT disk image whose file system portabled mounts as the image's root, found as systemd finds
 * it, and only where portajava can be sure it reads what systemd mounts: exactly one root partition for this
 * machine's architecture, and no partition but root, root-verity and root-verity-sig ones (systemd would mount a
 * {@code usr} partition over the root's {@code /usr}, where unit files and os-release are).
 */
final class RootPartition {

    private RootPartition() {
    }

    static DiskPartition of(Path image, Architecture architecture) throws IOException, UnreadableImageException {
        List<DiskPartition> partitions = DiskPartition.read(image).orElseThrow(() -> new UnreadableImageException(
                image + ": a GPT disk image whose partition table fails its checksums"));
        for (DiskPartition partition : partitions) {
            if (!partition.belongsToRoot()) {
                throw new UnreadableImageException(image + ": the GPT disk image has a partition of type "
                        + partition.type() + "; portajava reads disk images with root, root-verity and"
                        + " root-verity-sig partitions only");
            }
        }
        List<DiskPartition> roots = partitions.stream().filter(p -> p.isRootOf(architecture)).toList();
        if (roots.size() != 1) {
            throw new UnreadableImageException(image + ": the GPT disk image has " + roots.size() + " root-"
                    + architecture.label() + " partitions; systemd mounts an image with exactly one");
        }
        return roots.get(0);
    }
}
