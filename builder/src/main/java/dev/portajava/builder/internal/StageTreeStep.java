package dev.portajava.builder.internal;

import dev.portajava.PortajavaException;
import dev.portajava.builder.FileMode;
import dev.portajava.tree.ImagePath;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.builder.OutputWriteException;
import dev.portajava.tree.FileNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Lays the spec's tree into the staging directory: {@code [[copy]]} trees first, then {@code [[file]]},
 * {@code [[symlink]]} and {@code [[directory]]} entries, each in spec order; a later entry replaces an earlier file.
 * Device nodes, sockets and FIFOs in a source tree are refused. Names are copied byte for byte (see
 * {@link FileNames}).
 */
final class StageTreeStep implements BuildStep {

    @Override
    public String name() {
        return "tree";
    }

    @Override
    public void run(BuildContext context) throws InvalidSpecException, OutputWriteException {
        ImageSpec spec = context.spec();
        for (ImageSpec.CopyTree copy : spec.copy()) {
            copyTree(context, copy);
        }
        for (ImageSpec.FileEntry file : spec.file()) {
            ImagePath to = ImagePath.of(file.to());
            try {
                if (file.content() != null) {
                    context.tree().writeFile(to, file.content().getBytes(StandardCharsets.UTF_8),
                            file.modeIfSet().orElse(new FileMode(0644)));
                } else {
                    Path from = SourcePaths.resolve(context, "[[file]] from", file.from());
                    if (!Files.isRegularFile(from)) {
                        throw context.invalid("[[file]] from '" + FileNames.printable(file.from())
                                + "' is not a regular file");
                    }
                    FileMode mode = file.modeIfSet().isPresent() ? file.mode() : modeOf(from);
                    context.tree().copyFile(from, to, mode);
                }
            } catch (StagingException e) {
                throw context.invalid("[[file]] to '" + FileNames.printable(file.to()) + "': " + e.getMessage());
            }
        }
        for (ImageSpec.SymlinkEntry link : spec.symlink()) {
            try {
                context.tree().symlink(ImagePath.of(link.path()), link.target());
            } catch (StagingException e) {
                throw context.invalid("[[symlink]] path '" + FileNames.printable(link.path()) + "': " + e.getMessage());
            }
        }
        for (ImageSpec.DirectoryEntry dir : spec.directory()) {
            try {
                context.tree().mkdir(ImagePath.of(dir.path()), dir.modeOrDefault());
            } catch (StagingException e) {
                throw context.invalid("[[directory]] path '" + FileNames.printable(dir.path()) + "': "
                        + e.getMessage());
            }
        }
        context.report(name(), "staged " + spec.copy().size() + " trees, " + spec.file().size() + " files, "
                + spec.symlink().size() + " symlinks, " + spec.directory().size() + " directories");
    }

    private void copyTree(BuildContext context, ImageSpec.CopyTree copy) throws InvalidSpecException, OutputWriteException {
        Path from = SourcePaths.resolve(context, "[[copy]] from", copy.from());
        if (!Files.isDirectory(from)) {
            throw context.invalid("[[copy]] from '" + FileNames.printable(copy.from()) + "' is not a directory");
        }
        try {
            if (context.tree().root().toRealPath().startsWith(from.toRealPath())) {
                throw context.invalid("[[copy]] from '" + copy.from() + "' contains the output; write the image elsewhere");
            }
        } catch (IOException e) {
            throw context.invalid("[[copy]] from '" + FileNames.printable(copy.from()) + "': " + e.getMessage());
        }
        ImagePath to = ImagePath.of(copy.to());
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    stage(dir, attrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    stage(file, attrs);
                    return FileVisitResult.CONTINUE;
                }

                private void stage(Path source, BasicFileAttributes attrs) throws IOException {
                    try {
                        ImagePath target = to;
                        for (String name : FileNames.relative(from, source).split("/")) {
                            if (!name.isEmpty()) {
                                target = target.resolve(name);
                            }
                        }
                        if (attrs.isDirectory()) {
                            context.tree().mkdir(target, modeOf(source));
                        } else if (attrs.isSymbolicLink()) {
                            context.tree().symlink(target, FileNames.text(Files.readSymbolicLink(source)));
                        } else if (attrs.isRegularFile()) {
                            context.tree().copyFile(source, target, modeOf(source));
                        } else {
                            throw new SpecProblem(context.invalid("[[copy]] from '" + FileNames.printable(copy.from())
                                    + "': " + FileNames.printable(source)
                                    + " is a device node, socket or FIFO; portable images may not contain one"));
                        }
                    } catch (StagingException | IllegalArgumentException e) {
                        throw new SpecProblem(context.invalid("[[copy]] from '" + FileNames.printable(copy.from())
                                + "': " + e.getMessage()));
                    } catch (OutputWriteException e) {
                        throw new SpecProblem(e);
                    }
                }
            });
        } catch (SpecProblem e) {
            if (e.problem instanceof OutputWriteException write) {
                throw write;
            }
            throw (InvalidSpecException) e.problem;
        } catch (IOException e) {
            throw context.invalid("[[copy]] from '" + FileNames.printable(copy.from()) + "': cannot read "
                    + FileNames.printable(e.getMessage()));
        }
    }

    static FileMode modeOf(Path source) throws StagingException {
        try {
            return new FileMode(StagingTree.bits(Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS)));
        } catch (IOException e) {
            throw new StagingException("cannot read the mode of " + FileNames.printable(source) + ": "
                    + e.getMessage());
        }
    }

    /** Carries a spec problem, or a failed write, out of the file visitor, which may only throw IOException. */
    private static final class SpecProblem extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient PortajavaException problem;

        SpecProblem(PortajavaException problem) {
            super(problem.getMessage());
            this.problem = problem;
        }
    }
}
