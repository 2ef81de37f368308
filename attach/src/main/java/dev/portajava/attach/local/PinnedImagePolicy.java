package dev.portajava.attach.local;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.ddi.Architecture;
import dev.portajava.ddi.DiskPartition;
import dev.portajava.ddi.VeritySidecars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The {@code RootImagePolicy=} that portabled of systemd 260 and later pins in {@code 20-portable.conf} for a raw
 * image: what its dissection found, and nothing else ({@code =absent} for every other partition), in the short form
 * of {@code systemd.image-policy(7)}. Per partition found, in systemd's order of partition designators: its
 * protection ({@code verity}, {@code signed}), then, for a partition of a GPT disk image, {@code read-only-on|off}
 * and {@code growfs-off|on} from its attribute bits, then its file system. So a bare squashfs gives
 * {@code root=squashfs:=absent}, and a disk image with a signed hash tree
 * {@code root=signed+read-only-on+growfs-off+squashfs:root-verity=read-only-on+growfs-off:root-verity-sig=…:=absent}.
 *
 * <p>The protection as systemd 262 derives it, checked image by image: a disk image's root is {@code signed} with a
 * root-verity-sig partition or a {@code NAME.roothash.p7s} next to it, else {@code verity} with a root-verity
 * partition (its root hash is read from the partition UUIDs) or a {@code NAME.roothash}. A bare file system is
 * {@code signed} with a {@code NAME.roothash.p7s}, and also with {@code NAME.verity} and {@code NAME.roothash} (a
 * hash device of its own), else {@code verity} with a {@code NAME.roothash} alone. Directory images get none.
 */
final class PinnedImagePolicy {

    private static final String FILE_SYSTEM = "squashfs"; // the only one portajava reads

    private PinnedImagePolicy() {
    }

    /** The policy for {@code image}; empty for a directory image. */
    static Optional<String> of(PortableImage image) throws AttachException {
        if (image.directory()) {
            return Optional.empty();
        }
        Path file = image.onDisk();
        try {
            VeritySidecars.Paths sidecars = VeritySidecars.of(file);
            boolean rootHash = Files.isRegularFile(sidecars.rootHash());
            boolean signed = sidecars.signature().filter(Files::isRegularFile).isPresent();
            List<String> entries = new ArrayList<>();
            if (ImageReaders.bareFileSystem(file)) {
                String protection = signed || rootHash && Files.isRegularFile(sidecars.verity()) ? "signed"
                        : rootHash ? "verity" : "";
                entries.add("root=" + flags(protection, Optional.empty(), FILE_SYSTEM));
            } else {
                List<DiskPartition> table = DiskPartition.read(file).orElseThrow(() -> new InvalidImageException(
                        file + ": neither a squashfs file system nor a GPT disk image"));
                Architecture architecture = Architecture.ofThisMachine().orElseThrow(() -> new InvalidImageException(
                        file + ": portajava knows no root partition type for this machine"));
                Optional<DiskPartition> root = find(table, architecture.rootType());
                Optional<DiskPartition> verity = find(table, architecture.rootVerityType());
                Optional<DiskPartition> signature = find(table, architecture.rootVeritySignatureType());
                String protection = signature.isPresent() || signed ? "signed"
                        : verity.isPresent() || rootHash ? "verity" : "";
                root.ifPresent(p -> entries.add("root=" + flags(protection, Optional.of(p), FILE_SYSTEM)));
                verity.ifPresent(p -> entries.add("root-verity=" + flags("", Optional.of(p), "")));
                signature.ifPresent(p -> entries.add("root-verity-sig=" + flags("", Optional.of(p), "")));
            }
            entries.add("=absent");
            return Optional.of(String.join(":", entries));
        } catch (IOException e) {
            throw new InvalidImageException(file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    private static Optional<DiskPartition> find(List<DiskPartition> table, UUID type) {
        return table.stream().filter(p -> p.type().equals(type)).findFirst();
    }

    /** One partition's flags: protection, read-only and growfs (for GPT partitions), file system; "-" for none. */
    private static String flags(String protection, Optional<DiskPartition> partition, String fileSystem) {
        StringJoiner flags = new StringJoiner("+");
        flags.setEmptyValue("-");
        if (!protection.isEmpty()) {
            flags.add(protection);
        }
        partition.ifPresent(p -> flags.add(p.readOnly() ? "read-only-on" : "read-only-off")
                .add(p.growFileSystem() ? "growfs-on" : "growfs-off"));
        if (!fileSystem.isEmpty()) {
            flags.add(fileSystem);
        }
        return flags.toString();
    }

}
