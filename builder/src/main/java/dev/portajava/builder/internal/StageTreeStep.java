package dev.portajava.builder.internal;

import dev.portajava.builder.FileMode;
import dev.portajava.tree.ImagePath;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
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
 * Device nodes, sockets and FIFOs in a source tree are refused.
 */
final class StageTreeStep implements BuildStep {

    @Override
    public String name() {
        return "tree";
    }

    @Override
    public void run(BuildContext context) throws InvalidSpecException {
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
                        throw context.invalid("[[file]] from '" + file.from() + "' is not a regular file");
                    }
                    FileMode mode = file.modeIfSet().isPresent() ? file.mode() : modeOf(from);
                    context.tree().copyFile(from, to, mode);
                }
            } catch (StagingException e) {
                throw context.invalid("[[file]] to '" + file.to() + "': " + e.getMessage());
            }
        }
        for (ImageSpec.SymlinkEntry link : spec.symlink()) {
            try {
                context.tree().symlink(ImagePath.of(link.path()), link.target());
            } catch (StagingException e) {
                throw context.invalid("[[symlink]] path '" + link.path() + "': " + e.getMessage());
            }
        }
        for (ImageSpec.DirectoryEntry dir : spec.directory()) {
            try {
                context.tree().mkdir(ImagePath.of(dir.path()), dir.modeOrDefault());
            } catch (StagingException e) {
                throw context.invalid("[[directory]] path '" + dir.path() + "': " + e.getMessage());
            }
        }
        context.report(name(), "staged " + spec.copy().size() + " trees, " + spec.file().size() + " files, "
                + spec.symlink().size() + " symlinks, " + spec.directory().size() + " directories");
    }

    private void copyTree(BuildContext context, ImageSpec.CopyTree copy) throws InvalidSpecException {
        Path from = SourcePaths.resolve(context, "[[copy]] from", copy.from());
        if (!Files.isDirectory(from)) {
            throw context.invalid("[[copy]] from '" + copy.from() + "' is not a directory");
        }
        try {
            if (context.tree().root().toRealPath().startsWith(from.toRealPath())) {
                throw context.invalid("[[copy]] from '" + copy.from() + "' contains the output; write the image elsewhere");
            }
        } catch (IOException e) {
            throw context.invalid("[[copy]] from '" + copy.from() + "': " + e.getMessage());
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
                    ImagePath target = to;
                    for (Path name : from.relativize(source)) {
                        if (!name.toString().isEmpty()) {
                            target = target.resolve(name.toString());
                        }
                    }
                    try {
                        if (attrs.isDirectory()) {
                            context.tree().mkdir(target, modeOf(source));
                        } else if (attrs.isSymbolicLink()) {
                            context.tree().symlink(target, Files.readSymbolicLink(source).toString());
                        } else if (attrs.isRegularFile()) {
                            context.tree().copyFile(source, target, modeOf(source));
                        } else {
                            throw new SpecProblem(context.invalid("[[copy]] from '" + copy.from() + "': " + source
                                    + " is a device node, socket or FIFO; portable images may not contain one"));
                        }
                    } catch (StagingException e) {
                        throw new SpecProblem(context.invalid("[[copy]] from '" + copy.from() + "': " + e.getMessage()));
                    }
                }
            });
        } catch (SpecProblem e) {
            throw e.problem;
        } catch (IOException e) {
            throw context.invalid("[[copy]] from '" + copy.from() + "': cannot read " + e.getMessage());
        }
    }

    static FileMode modeOf(Path source) throws StagingException {
        try {
            return new FileMode(StagingTree.bits(Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS)));
        } catch (IOException e) {
            throw new StagingException("cannot read the mode of " + source + ": " + e.getMessage());
        }
    }

    /** Carries a spec problem out of the file visitor, which may only throw IOException. */
    private static final class SpecProblem extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient InvalidSpecException problem;

        SpecProblem(InvalidSpecException problem) {
            super(problem.getMessage());
            this.problem = problem;
        }
    }
}
