package dev.portajava.attach.local;

import dev.portajava.attach.AttachException;
import dev.portajava.attach.InvalidImageException;
import dev.portajava.ddi.Architecture;
import dev.portajava.ddi.DiskPartition;
import dev.portajava.ddi.VeritySidecars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Pattern;

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
 * Reading the sidecars, 262 refuses an image whose sidecar is no file or whose root hash is no root hash; so does
 * this class, from the same version on.
 */
final class PinnedImagePolicy {

    private static final String FILE_SYSTEM = "squashfs"; // the only one portajava reads
    private static final Pattern ROOT_HASH = Pattern.compile("(?:[0-9a-fA-F]{2}){16,}");

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
            boolean rootHash = present(sidecars.rootHash());
            if (rootHash) {
                checkRootHash(sidecars.rootHash());
            }
            boolean signed = sidecars.signature().isPresent() && present(sidecars.signature().get());
            boolean hashDevice = present(sidecars.verity());
            List<String> entries = new ArrayList<>();
            if (ImageReaders.bareFileSystem(file)) {
                String protection = signed || rootHash && hashDevice ? "signed"
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

    /**
     * The one policy portabled pins for all raw extension images ({@code ExtensionImagePolicy=}): each extension's
     * own, when they agree; empty without raw extensions.
     *
     * @throws InvalidImageException if they differ: portabled then pins their union, which portajava does not write
     */
    static Optional<String> ofExtensions(List<PortableImage> extensions) throws AttachException {
        java.util.Set<String> policies = new java.util.LinkedHashSet<>();
        for (PortableImage extension : extensions) {
            of(extension).ifPresent(policies::add);
        }
        if (policies.size() > 1) {
            throw new InvalidImageException("the extension images differ in their partitions or verity data ("
                    + String.join(", ", policies) + "); portajava cannot write the one image policy systemd 260"
                    + " pins for them all: attach them with the portabled backend");
        }
        return policies.stream().findFirst();
    }

    /**
     * True if the sidecar {@code path} is there. systemd 262 reads every one it finds and refuses the image when one
     * is not a file (it says "Is a directory"); 252 and 257 do not look.
     */
    private static boolean present(Path path) throws InvalidImageException {
        if (!Files.exists(path)) {
            return false;
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InvalidImageException(path + ": not a readable file, where systemd reads the image's verity data;"
                    + " portabled refuses the image");
        }
        return true;
    }

    /** systemd 262 refuses an image whose root hash file is not hex digits, under 16 bytes or all zero. */
    private static void checkRootHash(Path path) throws IOException, InvalidImageException {
        String text = Files.readString(path, StandardCharsets.ISO_8859_1).strip();
        if (!ROOT_HASH.matcher(text).matches() || text.chars().allMatch(c -> c == '0')) {
            throw new InvalidImageException(path + ": not a root hash (at least 32 hex digits, not all zero);"
                    + " portabled refuses the image");
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
