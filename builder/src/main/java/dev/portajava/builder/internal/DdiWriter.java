package dev.portajava.builder.internal;

import dev.portajava.PortajavaException;
import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.ddi.Architecture;
import dev.portajava.ddi.DiskImageWriter;
import dev.portajava.ddi.SigningKey;
import dev.portajava.ddi.VerityResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a ddi image: the squashfs from the file system writer, then the GPT disk with the squashfs, its hash tree
 * and, when signed, the signature partition. With sidecars, also {@code NAME.roothash} (and {@code .roothash.p7s}),
 * which systemd 252 needs next to a disk image to enforce verity.
 */
final class DdiWriter implements ImageWriter {

    private final ImageWriter filesystem;
    private final boolean inPlace;
    private final Architecture architecture;
    private final Optional<SigningKey> key;
    private final boolean sidecars;

    private DdiWriter(ImageWriter filesystem, boolean inPlace, Architecture architecture, Optional<SigningKey> key,
            boolean sidecars) {
        this.filesystem = filesystem;
        this.inPlace = inPlace;
        this.architecture = architecture;
        this.key = key;
        this.sidecars = sidecars;
    }

    /** @param filesystem writes the file system at {@link DiskImageWriter#ROOT_OFFSET} of its output */
    static DdiWriter inPlace(ImageWriter filesystem, Architecture architecture, Optional<SigningKey> key,
            boolean sidecars) {
        return new DdiWriter(filesystem, true, architecture, key, sidecars);
    }

    /** @param filesystem writes a plain file system image, which is then copied into the root partition */
    static DdiWriter copying(ImageWriter filesystem, Architecture architecture, Optional<SigningKey> key,
            boolean sidecars) {
        return new DdiWriter(filesystem, false, architecture, key, sidecars);
    }

    @Override
    public WrittenImage write(BuildContext context, Path staging, Path temporary)
            throws ImageBuildException, InvalidSpecException {
        Path squashfs = temporary.resolveSibling(temporary.getFileName() + ".squashfs");
        try {
            VerityResult result;
            if (inPlace) {
                filesystem.write(context, staging, temporary);
                result = DiskImageWriter.complete(temporary, architecture, key);
            } else {
                filesystem.write(context, staging, squashfs);
                result = DiskImageWriter.write(squashfs, temporary, architecture, key);
            }
            context.report("ddi", "wrote " + temporary.getFileName() + ", root hash " + result.rootHash());
            Map<Path, String> written = new LinkedHashMap<>();
            if (sidecars) {
                Path rootHash = temporary.resolveSibling(temporary.getFileName() + ".roothash");
                Files.writeString(rootHash, result.rootHash().hex(), StandardCharsets.US_ASCII);
                written.put(rootHash, ".roothash");
                if (result.signature().isPresent()) {
                    Path signature = temporary.resolveSibling(temporary.getFileName() + ".roothash.p7s");
                    Files.write(signature, result.signature().get());
                    written.put(signature, ".roothash.p7s");
                }
            }
            return new WrittenImage(Optional.of(result.rootHash().hex()), written);
        } catch (IOException e) {
            throw context.tree().writeFailed("the root hash", e);
        } catch (ImageBuildException | InvalidSpecException e) {
            throw e;
        } catch (PortajavaException e) {
            // the disk image is made of the file system written next to the output: an I/O error is the output's
            if (e.getCause() instanceof IOException io) {
                throw context.tree().writeFailed("the disk image", io);
            }
            throw new ImageBuildException(e.getMessage(), e);
        } finally {
            BuildRunner.deleteQuietly(squashfs);
        }
    }

}
