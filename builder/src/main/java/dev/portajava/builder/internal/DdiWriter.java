package dev.portajava.builder.internal;

import dev.portajava.PortajavaException;
import dev.portajava.builder.BuildPhase;
import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.ddi.Architecture;
import dev.portajava.ddi.DiskImageWriter;
import dev.portajava.ddi.RootPartitionWrites;
import dev.portajava.ddi.SigningKey;
import dev.portajava.ddi.VerityResult;
import dev.portajava.name.ImageFile;
import dev.portajava.name.ImageFile.Sidecar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.portajava.tree.ImagePlan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a ddi image: the file system writer puts the squashfs straight into the root partition of the output,
 * hashed as it writes when it can show its writes, then the hash tree is computed from it there and the GPT disk
 * completed, with the signature partition when signed.
 * With sidecars, also {@code NAME.roothash} (and {@code .roothash.p7s}), which systemd 252 needs next to a disk
 * image to enforce verity.
 */
final class DdiWriter implements ImageWriter {

    private final RootWriter filesystem;
    private final Architecture architecture;
    private final Optional<SigningKey> key;
    private final boolean sidecars;

    /** @param filesystem writes the file system at {@link DiskImageWriter#ROOT_OFFSET} of its output */
    DdiWriter(RootWriter filesystem, Architecture architecture, Optional<SigningKey> key, boolean sidecars) {
        this.filesystem = filesystem;
        this.architecture = architecture;
        this.key = key;
        this.sidecars = sidecars;
    }

    @Override
    public WrittenImage write(BuildContext context, ImagePlan plan, Path temporary)
            throws ImageBuildException, InvalidSpecException {
        try {
            RootPartitionWrites writes = new RootPartitionWrites();
            boolean[] observed = new boolean[1];
            PhasedWriter.of((c, p, t) -> {
                observed[0] = filesystem.write(c, p, t, writes);
                return WrittenImage.plain();
            }, BuildPhase.WRITE).write(context, plan, temporary);
            VerityResult result = observed[0] ? DiskImageWriter.complete(temporary, architecture, key, writes)
                    : DiskImageWriter.complete(temporary, architecture, key);
            context.report("ddi", "wrote " + temporary.getFileName() + ", root hash " + result.rootHash());
            Map<Path, Sidecar> written = new LinkedHashMap<>();
            if (sidecars) {
                Path rootHash = ImageFile.sidecar(temporary, Sidecar.ROOT_HASH);
                Files.writeString(rootHash, result.rootHash().hex(), StandardCharsets.US_ASCII);
                written.put(rootHash, Sidecar.ROOT_HASH);
                if (result.signature().isPresent()) {
                    Path signature = ImageFile.sidecar(temporary, Sidecar.ROOT_HASH_SIGNATURE);
                    Files.write(signature, result.signature().get());
                    written.put(signature, Sidecar.ROOT_HASH_SIGNATURE);
                }
            }
            return new WrittenImage(Optional.of(result.rootHash().hex()), written);
        } catch (IOException e) {
            throw context.writeFailed("the root hash", e);
        } catch (ImageBuildException | InvalidSpecException e) {
            throw e;
        } catch (PortajavaException e) {
            // the disk image is written next to the output: an I/O error is the output's
            if (e.getCause() instanceof IOException io) {
                throw context.writeFailed("the disk image", io);
            }
            throw new ImageBuildException(e.getMessage(), e);
        }
    }

    /** Writes a disk image's file system at {@link DiskImageWriter#ROOT_OFFSET} of its output. */
    @FunctionalInterface
    interface RootWriter {
        /** Writes it; shows every write to {@code writes} if it can, and says whether it did. */
        boolean write(BuildContext context, ImagePlan plan, Path temporary, RootPartitionWrites writes)
                throws ImageBuildException, InvalidSpecException;

        /** {@code writer}, whose writes cannot be seen (another program's). */
        static RootWriter unobserved(ImageWriter writer) {
            return (context, plan, temporary, writes) -> {
                writer.write(context, plan, temporary);
                return false;
            };
        }
    }
}
