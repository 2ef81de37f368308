package dev.portajava.builder.internal;

import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.MissingToolException;
import dev.portajava.builder.OutputWriteException;
import dev.portajava.builder.RawImageOptions;
import dev.portajava.tree.ImagePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes a raw squashfs image with {@code mksquashfs}, from the plan made into a tree next to the image (removed
 * after), with flags that make it reproducible: every file owned by root (unless the plan gives other owners),
 * every time and the file system's own time set to the build's epoch, no xattrs, no appending. mksquashfs
 * sorts directory entries itself, so the order the build host lists them in does not matter.
 */
final class MksquashfsWriter implements ImageWriter {

    static final String TOOL = "mksquashfs";

    private final RawImageOptions raw;
    private final long offset;

    MksquashfsWriter(RawImageOptions raw) {
        this(raw, 0);
    }

    /** Writes the file system {@code offset} bytes into the output, zeros before it (a disk image's partition). */
    MksquashfsWriter(RawImageOptions raw, long offset) {
        this.raw = raw;
        this.offset = offset;
    }

    @Override
    public WrittenImage write(BuildContext context, ImagePlan plan, Path temporary)
            throws ImageBuildException, OutputWriteException {
        boolean[] owned = new boolean[1];
        plan.walk(entry -> owned[0] |= entry.uid() != 0 || entry.gid() != 0);
        DirectoryWriter.warnOfLostXattrs(context, plan, "", TOOL + " (-no-xattrs)");
        Path tree = temporary.resolveSibling(temporary.getFileName() + ".tree");
        try {
            DirectoryWriter.materialise(context, plan, tree);
            if (owned[0] && !Integer.valueOf(0).equals(Files.getAttribute(tree, "unix:uid"))) {
                throw new ImageBuildException("the image has files owned by users other than root, which "
                        + TOOL + " can only keep when the build runs as root; run as root or use --engine java");
            }
            run(context, tree, temporary, !owned[0]);
        } catch (IOException e) {
            throw new ImageBuildException("cannot read the owner of " + tree + ": " + e.getMessage(), e);
        } finally {
            BuildRunner.deleteQuietly(tree);
        }
        context.report("squashfs", "wrote " + temporary.getFileName());
        return WrittenImage.plain();
    }

    /** Runs mksquashfs on the tree of the plan. */
    private void run(BuildContext context, Path tree, Path temporary, boolean allRoot)
            throws ImageBuildException {
        String epoch = Long.toString(context.epoch());
        List<String> command = new ArrayList<>(List.of(TOOL, tree.toString(), temporary.toString(),
                "-noappend", "-no-xattrs", "-comp", raw.compression().label(),
                "-b", Integer.toString(raw.blockSize()), "-mkfs-time", epoch, "-all-time", epoch, "-quiet", "-no-progress"));
        if (allRoot) {
            command.add("-all-root");
        }
        switch (raw.compression()) {
            case GZIP, ZSTD -> command.addAll(List.of("-Xcompression-level", Integer.toString(raw.level())));
            case LZ4 -> {
                if (raw.level() != 0) {
                    command.add("-Xhc");
                }
            }
            case XZ -> {
                // mksquashfs uses xz's default preset, 6
            }
        }
        if (offset > 0) {
            command.addAll(List.of("-offset", Long.toString(offset)));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("SOURCE_DATE_EPOCH"); // mksquashfs refuses it together with -all-time
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new MissingToolException(TOOL, "install squashfs-tools, or use --engine java");
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                String last = output.isEmpty() ? "no output" : output.lines().reduce((a, b) -> b).orElse("");
                throw new ImageBuildException(TOOL + " failed for " + temporary + ": " + last);
            }
        } catch (IOException e) {
            throw new ImageBuildException("cannot read " + TOOL + "'s output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ImageBuildException(TOOL + " was interrupted");
        }
    }
}
