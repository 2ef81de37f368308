package dev.portajava.builder.internal;

import dev.portajava.PortajavaException;
import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.ddi.Architecture;
import dev.portajava.ddi.DiskImageWriter;
import dev.portajava.ddi.FileSystemWrites;
import dev.portajava.ddi.SigningKey;
import dev.portajava.ddi.VerityResult;
import dev.portajava.name.ImageFile;
import dev.portajava.name.ImageFile.Sidecar;
import dev.portajava.tree.ImagePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a ddi image: the file system writer puts the squashfs straight into the root partition of the output.
 * When it can show its writes, the first level of the hash tree is computed from them as it writes; otherwise from
 * the squashfs there, once written. Then the rest of the tree and the GPT disk are completed, with the signature
 * partition when signed.
 * With sidecars, also {@code NAME.roothash} (and {@code .roothash.p7s}), which systemd 252 needs next to a disk
 * image to enforce verity.
 */
final class DdiWriter implements ImageWriter {

    private final FileSystemWriter filesystem;
    private final Architecture architecture;
    private final Optional<SigningKey> key;
    private final boolean sidecars;

    /** @param filesystem writes the file system at {@link DiskImageWriter#ROOT_OFFSET} of its output */
    DdiWriter(FileSystemWriter filesystem, Architecture architecture, Optional<SigningKey> key, boolean sidecars) {
        this.filesystem = filesystem;
        this.architecture = architecture;
        this.key = key;
        this.sidecars = sidecars;
    }

    @Override
    public WrittenImage write(BuildContext context, ImagePlan plan, Path temporary)
            throws ImageBuildException, InvalidSpecException {
        try {
            FileSystemWrites writes = new FileSystemWrites();
            boolean observed = filesystem.writeAsPhase(context, plan, temporary, writes);
            VerityResult result = observed ? DiskImageWriter.complete(temporary, architecture, key, writes)
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
}
