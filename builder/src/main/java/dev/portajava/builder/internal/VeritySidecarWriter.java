package dev.portajava.builder.internal;

import dev.portajava.PortajavaException;
import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.ddi.FileSystemWrites;
import dev.portajava.ddi.SigningKey;
import dev.portajava.ddi.VerityResult;
import dev.portajava.ddi.VeritySidecars;
import dev.portajava.name.ImageFile;
import dev.portajava.name.ImageFile.Sidecar;
import dev.portajava.tree.ImagePlan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a raw squashfs image with the files systemd looks for next to it: {@code NAME.verity},
 * {@code NAME.roothash} and, when signed, {@code NAME.roothash.p7s}. The hash tree's first level is made as the
 * squashfs is written when its writer shows its writes; otherwise from the squashfs, once written.
 */
final class VeritySidecarWriter implements ImageWriter {

    private final FileSystemWriter filesystem;
    private final Optional<SigningKey> key;

    VeritySidecarWriter(FileSystemWriter filesystem, Optional<SigningKey> key) {
        this.filesystem = filesystem;
        this.key = key;
    }

    @Override
    public WrittenImage write(BuildContext context, ImagePlan plan, Path temporary)
            throws ImageBuildException, InvalidSpecException {
        FileSystemWrites writes = new FileSystemWrites();
        boolean observed = filesystem.writeAsPhase(context, plan, temporary, writes);
        String base = temporary.getFileName().toString();
        Path verity = ImageFile.sidecar(temporary, Sidecar.VERITY);
        Path rootHash = ImageFile.sidecar(temporary, Sidecar.ROOT_HASH);
        Path signature = ImageFile.sidecar(temporary, Sidecar.ROOT_HASH_SIGNATURE);
        Map<Path, Sidecar> written = new LinkedHashMap<>();
        written.put(verity, Sidecar.VERITY);
        written.put(rootHash, Sidecar.ROOT_HASH);
        if (key.isPresent()) {
            written.put(signature, Sidecar.ROOT_HASH_SIGNATURE);
        }
        VerityResult result;
        try {
            VeritySidecars.Paths paths = new VeritySidecars.Paths(verity, rootHash, key.map(k -> signature));
            result = observed ? VeritySidecars.write(temporary, paths, key, writes)
                    : VeritySidecars.write(temporary, paths, key);
        } catch (PortajavaException e) {
            written.keySet().forEach(BuildRunner::deleteQuietly);
            if (e.getCause() instanceof java.io.IOException io) {
                throw context.writeFailed("the verity sidecars", io);
            }
            throw new ImageBuildException(e.getMessage(), e);
        }
        context.report("verity", "wrote the sidecars of " + base + ", root hash " + result.rootHash());
        // the squashfs may have been padded to whole blocks: hash it now
        return new WrittenImage(Optional.of(result.rootHash().hex()), written);
    }

}
