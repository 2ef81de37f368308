package dev.portajava.builder.internal;

import dev.portajava.builder.BuildPhase;
import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.ddi.FileSystemWrites;
import dev.portajava.tree.ImagePlan;
import java.nio.file.Path;

/**
 * Writes the file system of a verity image (a ddi's root partition, or a squashfs with sidecars) and shows every
 * write to a {@link FileSystemWrites} when it can, so that the hash tree's first level is made as it writes.
 */
@FunctionalInterface
interface FileSystemWriter {

    /** Writes it; shows every write to {@code writes} if it can, and says whether it did. */
    boolean write(BuildContext context, ImagePlan plan, Path temporary, FileSystemWrites writes)
            throws ImageBuildException, InvalidSpecException;

    /** Writes it as the build's {@link BuildPhase#WRITE} phase; says whether {@code writes} saw every write. */
    default boolean writeAsPhase(BuildContext context, ImagePlan plan, Path temporary, FileSystemWrites writes)
            throws ImageBuildException, InvalidSpecException {
        boolean[] observed = new boolean[1];
        PhasedWriter.of((c, p, t) -> {
            observed[0] = write(c, p, t, writes);
            return ImageWriter.WrittenImage.plain();
        }, BuildPhase.WRITE).write(context, plan, temporary);
        return observed[0];
    }

    /** {@code writer}, whose writes cannot be seen (another program's). */
    static FileSystemWriter unobserved(ImageWriter writer) {
        return (context, plan, temporary, writes) -> {
            writer.write(context, plan, temporary);
            return false;
        };
    }
}
