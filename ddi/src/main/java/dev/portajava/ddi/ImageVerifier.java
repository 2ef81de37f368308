package dev.portajava.ddi;

import dev.portajava.ddi.internal.DamagedTableException;
import dev.portajava.ddi.internal.GptPartition;
import dev.portajava.ddi.internal.GptReader;
import dev.portajava.ddi.internal.HashTreeChecker;
import dev.portajava.ddi.internal.HashTreeLayout;
import dev.portajava.ddi.internal.SignaturePartition;
import dev.portajava.ddi.internal.VeritySuperblock;
import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Checks a verity image in Java, without device-mapper or root: a ddi (root and root-verity partitions, optionally
 * root-verity-sig) or a raw squashfs with {@code .verity} and {@code .roothash} sidecars. It checks every data block
 * against the hash tree, the tree against the root hash, the root hash against the partition UUIDs and the
 * signature, and the signature: against the certificate given, else against the certificate it carries.
 */
public final class ImageVerifier {

    private ImageVerifier() {
    }

    public static Verification verify(Path image, Optional<Path> certificate) throws DiskImageException {
        Optional<X509CertificateHolder> trusted = certificate.isPresent()
                ? Optional.of(SigningKey.readCertificate(certificate.get())) : Optional.empty();
        if (Files.isDirectory(image)) {
            throw new NotAVerityImageException(image, "a directory image, which has no dm-verity hash tree; verify"
                    + " checks a ddi, or a raw image with its .verity and .roothash beside it");
        }
        if (!Files.isRegularFile(image)) {
            throw new NotAVerityImageException(image, "no such image file");
        }
        try (FileChannel disk = FileChannel.open(image)) {
            Optional<List<GptPartition>> table;
            try {
                table = GptReader.read(disk);
            } catch (DamagedTableException e) {
                throw new DamagedImageException(image, e.getMessage());
            }
            if (table.isPresent()) {
                return verifyDisk(image, disk, table.get(), trusted);
            }
            return verifyWithSidecars(image, disk, trusted);
        } catch (IOException e) {
            throw new DiskImageException("cannot read " + image + ": " + e.getMessage(), e);
        }
    }

    private static Verification verifyDisk(Path image, FileChannel disk, List<GptPartition> partitions,
            Optional<X509CertificateHolder> trusted) throws IOException, DiskImageException {
        for (Architecture architecture : Architecture.values()) {
            Optional<GptPartition> root = find(partitions, architecture, 0);
            Optional<GptPartition> verity = find(partitions, architecture, 1);
            if (root.isEmpty() || verity.isEmpty()) {
                continue;
            }
            byte[] uuids = ByteBuffer.allocate(32)
                    .putLong(root.get().uuid().getMostSignificantBits()).putLong(root.get().uuid().getLeastSignificantBits())
                    .putLong(verity.get().uuid().getMostSignificantBits())
                    .putLong(verity.get().uuid().getLeastSignificantBits()).array();
            RootHash rootHash = RootHash.of(uuids);
            Optional<byte[]> signature = Optional.empty();
            Optional<String> namedFingerprint = Optional.empty();
            Optional<GptPartition> sig = find(partitions, architecture, 2);
            if (sig.isPresent()) {
                ByteBuffer content = ByteBuffer.allocate((int) Math.min(sig.get().size(), 1 << 20));
                disk.read(content, sig.get().offset());
                SignaturePartition parsed = SignaturePartition.parse(content.array()).orElseThrow(
                        () -> new DamagedImageException(image, "the root-verity-sig partition holds no valid JSON"));
                if (!parsed.rootHash().equals(rootHash)) {
                    throw new DamagedImageException(image, "the signature is for root hash " + parsed.rootHash()
                            + ", the partition UUIDs say " + rootHash);
                }
                signature = Optional.of(parsed.signature());
                namedFingerprint = Optional.of(parsed.certificateFingerprint());
            }
            long dataBlocks = checkTree(image, disk, root.get().offset(), root.get().size(), disk,
                    verity.get().offset(), verity.get().size(), rootHash, "the root partition",
                    "the root-verity partition");
            return new Verification(image, "ddi", rootHash, dataBlocks,
                    SignatureVerifier.check(image, rootHash, signature, namedFingerprint, trusted));
        }
        throw new NotAVerityImageException(image, "a GPT disk without root and root-verity partitions");
    }

    private static Verification verifyWithSidecars(Path image, FileChannel data, Optional<X509CertificateHolder> trusted)
            throws IOException, DiskImageException {
        VeritySidecars.Paths sidecars = VeritySidecars.of(image);
        if (!Files.isRegularFile(sidecars.verity()) || !Files.isRegularFile(sidecars.rootHash())) {
            throw new NotAVerityImageException(image, "neither a GPT disk image nor an image with "
                    + sidecars.verity().getFileName() + " and " + sidecars.rootHash().getFileName() + " beside it");
        }
        RootHash rootHash;
        try {
            rootHash = new RootHash(Files.readString(sidecars.rootHash(), StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new DamagedImageException(image, sidecars.rootHash().getFileName() + " holds no root hash");
        }
        Path p7s = sidecars.signature().orElseThrow();
        Optional<byte[]> signature = Files.isRegularFile(p7s) ? Optional.of(Files.readAllBytes(p7s)) : Optional.empty();
        try (FileChannel hash = FileChannel.open(sidecars.verity())) {
            long dataBlocks = checkTree(image, data, 0, data.size(), hash, 0, hash.size(), rootHash, "the image",
                    sidecars.verity().getFileName().toString());
            return new Verification(image, "squashfs+sidecars", rootHash, dataBlocks,
                    SignatureVerifier.check(image, rootHash, signature, Optional.empty(), trusted));
        }
    }

    /**
     * Checks the data at {@code dataOffset} of {@code data} against the hash tree at {@code hashOffset} of
     * {@code hash}, which holds {@code hashSize} bytes there; {@code where} and {@code hashWhere} name the two in
     * messages, so that a damaged hash device is named as such, not as the image.
     */
    private static long checkTree(Path image, FileChannel data, long dataOffset, long dataSize, FileChannel hash,
            long hashOffset, long hashSize, RootHash rootHash, String where, String hashWhere)
            throws IOException, DiskImageException {
        ByteBuffer block = ByteBuffer.allocate(HashTreeLayout.BLOCK_SIZE);
        hash.read(block, hashOffset);
        VeritySuperblock superblock = VeritySuperblock.parse(block.array()).orElseThrow(() ->
                new DamagedImageException(image, hashWhere + " holds no dm-verity superblock (format 1, sha256,"
                        + " 4096-byte blocks)"));
        HashTreeLayout layout = superblock.layout();
        if (layout.dataBytes() > dataSize) {
            throw new DamagedImageException(image, "the hash tree covers " + layout.dataBlocks() + " blocks, but "
                    + where + " has only " + dataSize / HashTreeLayout.BLOCK_SIZE);
        }
        if (layout.hashBytes() > hashSize) {
            throw new DamagedImageException(image, hashWhere + " is cut short: it holds " + hashSize + " bytes, the"
                    + " hash tree of " + layout.dataBlocks() + " blocks takes " + layout.hashBytes());
        }
        Optional<HashTreeChecker.Damage> damage =
                HashTreeChecker.check(data, dataOffset, hash, hashOffset, superblock, rootHash.bytes());
        if (damage.isEmpty()) {
            return layout.dataBlocks();
        }
        String problem;
        if (damage.get() instanceof HashTreeChecker.BadDataBlock bad) {
            long from = bad.block() * HashTreeLayout.BLOCK_SIZE;
            String holder = holderOf(image, dataOffset, from, from + HashTreeLayout.BLOCK_SIZE)
                    .map(what -> "; it holds " + what).orElse("");
            problem = "data block " + bad.block() + " (bytes " + from + "-" + (from + HashTreeLayout.BLOCK_SIZE - 1)
                    + " of " + where + ") does not match the hash tree" + holder;
        } else if (damage.get() instanceof HashTreeChecker.BadHashBlock bad) {
            problem = "the hash tree is damaged: block " + bad.block() + " of level " + bad.level()
                    + " does not match the level above";
        } else {
            problem = "the hash tree's root hash is "
                    + RootHash.of(((HashTreeChecker.WrongRootHash) damage.get()).computed()) + ", not " + rootHash;
        }
        throw new DamagedImageException(image, problem);
    }

    /** What the squashfs at {@code offset} keeps at bytes {@code [from, to)} of it; empty when it cannot tell. */
    private static Optional<String> holderOf(Path image, long offset, long from, long to) {
        try (SquashfsImage squashfs = SquashfsImage.open(image, offset)) {
            return squashfs.holderOf(from, to);
        } catch (SquashfsException | IOException e) {
            return Optional.empty();
        }
    }

    /** The partition of {@code architecture}: 0 root, 1 root-verity, 2 root-verity-sig. */
    private static Optional<GptPartition> find(List<GptPartition> partitions, Architecture architecture, int which) {
        var type = switch (which) {
            case 0 -> architecture.rootType();
            case 1 -> architecture.rootVerityType();
            default -> architecture.rootVeritySignatureType();
        };
        return partitions.stream().filter(partition -> partition.type().equals(type)).findFirst();
    }
}
