package dev.portajava.builder.internal;

import dev.portajava.builder.FileMode;
import dev.portajava.tree.ImagePath;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.tree.Content;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.PlanConflictException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Puts the spec's tree into the plan: {@code [[copy]]} trees first, then {@code [[file]]},
 * {@code [[symlink]]} and {@code [[directory]]} entries, each in spec order; a later entry replaces an earlier file.
 * Device nodes, sockets and FIFOs in a source tree are refused. Names are taken byte for byte (see
 * {@link FileNames}); files are read only when the image is written.
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
                    context.plan().file(to, new Content.Inline(file.content().getBytes(StandardCharsets.UTF_8)),
                            file.modeIfSet().orElse(new FileMode(0644)).bits());
                } else {
                    Path from = SourcePaths.resolve(context, "[[file]] from", file.from());
                    if (!Files.isRegularFile(from)) {
                        throw context.invalid("[[file]] from '" + FileNames.printable(file.from())
                                + "' is not a regular file");
                    }
                    FileMode mode = file.modeIfSet().isPresent() ? file.mode() : modeOf(from);
                    context.plan().file(to, hostFile(from), mode.bits());
                }
                context.plan().xattrs(to, file.xattrs());
            } catch (PlanConflictException e) {
                throw context.invalid("[[file]] to '" + FileNames.printable(file.to()) + "': " + e.getMessage());
            }
        }
        for (ImageSpec.SymlinkEntry link : spec.symlink()) {
            try {
                context.plan().symlink(ImagePath.of(link.path()), link.target());
            } catch (PlanConflictException e) {
                throw context.invalid("[[symlink]] path '" + FileNames.printable(link.path()) + "': " + e.getMessage());
            }
        }
        for (ImageSpec.DirectoryEntry dir : spec.directory()) {
            try {
                context.plan().directory(ImagePath.of(dir.path()), dir.modeOrDefault().bits());
                context.plan().xattrs(ImagePath.of(dir.path()), dir.xattrs());
            } catch (PlanConflictException e) {
                throw context.invalid("[[directory]] path '" + FileNames.printable(dir.path()) + "': "
                        + e.getMessage());
            }
        }
        context.report(name(), "planned " + spec.copy().size() + " trees, " + spec.file().size() + " files, "
                + spec.symlink().size() + " symlinks, " + spec.directory().size() + " directories");
    }

    private void copyTree(BuildContext context, ImageSpec.CopyTree copy) throws InvalidSpecException {
        Path from = SourcePaths.resolve(context, "[[copy]] from", copy.from());
        if (!Files.isDirectory(from)) {
            throw context.invalid("[[copy]] from '" + FileNames.printable(copy.from()) + "' is not a directory");
        }
        try {
            Path outputDirectory = context.output().toAbsolutePath().getParent();
            if (outputDirectory != null && outputDirectory.toRealPath().startsWith(from.toRealPath())) {
                throw context.invalid("[[copy]] from '" + copy.from() + "' contains the output; write the image elsewhere");
            }
        } catch (IOException e) {
            throw context.invalid("[[copy]] from '" + FileNames.printable(copy.from()) + "': " + e.getMessage());
        }
        ImagePath to = ImagePath.of(copy.to());
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                /** The image paths of the directories being walked, the innermost first. */
                private final Deque<ImagePath> directories = new ArrayDeque<>();

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    directories.push(stage(dir, attrs));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    directories.pop();
                    return super.postVisitDirectory(dir, e);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    stage(file, attrs);
                    return FileVisitResult.CONTINUE;
                }

                /** Plans {@code source}, with the attributes the walk read, and returns its path in the image. */
                private ImagePath stage(Path source, BasicFileAttributes attrs) throws IOException {
                    try {
                        ImagePath target = directories.isEmpty() ? to
                                : directories.peek().resolve(FileNames.name(source));
                        if (attrs.isDirectory()) {
                            context.plan().directory(target, modeOf(source, attrs));
                        } else if (attrs.isSymbolicLink()) {
                            context.plan().symlink(target, FileNames.text(Files.readSymbolicLink(source)));
                        } else if (attrs.isRegularFile()) {
                            context.plan().file(target, readable(source, attrs.size()), modeOf(source, attrs));
                        } else {
                            throw new SpecProblem(context.invalid("[[copy]] from '" + FileNames.printable(copy.from())
                                    + "': " + FileNames.printable(source)
                                    + " is a device node, socket or FIFO; portable images may not contain one"));
                        }
                        return target;
                    } catch (PlanConflictException | IllegalArgumentException e) {
                        throw new SpecProblem(context.invalid("[[copy]] from '" + FileNames.printable(copy.from())
                                + "': " + e.getMessage()));
                    }
                }
            });
        } catch (SpecProblem e) {
            throw e.problem;
        } catch (IOException e) {
            throw context.invalid("[[copy]] from '" + FileNames.printable(copy.from()) + "': cannot read "
                    + FileNames.printable(e.getMessage()));
        }
    }

    /**
     * The permission bits of a source file from the attributes a walk read (on this host they carry them), else
     * read again.
     */
    private static int modeOf(Path source, BasicFileAttributes attrs) throws PlanConflictException {
        if (attrs instanceof PosixFileAttributes posix) {
            int bits = 0;
            for (PosixFilePermission permission : posix.permissions()) {
                bits |= 0400 >> permission.ordinal();
            }
            return bits;
        }
        return modeOf(source).bits();
    }

    /** The permission bits of a source file (setuid, setgid and sticky bits are not taken). */
    static FileMode modeOf(Path source) throws PlanConflictException {
        try {
            return new FileMode((Integer) Files.getAttribute(source, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0777);
        } catch (IOException e) {
            throw new PlanConflictException("cannot read the mode of " + FileNames.printable(source) + ": "
                    + e.getMessage());
        }
    }

    /** A source file the image will be written from; it must be readable now, as a copy would have read it. */
    private static Content hostFile(Path source) throws PlanConflictException {
        try {
            return SourcePaths.content(source);
        } catch (IOException e) {
            throw new PlanConflictException("cannot read " + FileNames.printable(source) + ": "
                    + BuildRunner.reason(e));
        }
    }

    private static Content readable(Path source, long size) throws PlanConflictException {
        if (!Files.isReadable(source)) {
            throw new PlanConflictException("cannot read " + FileNames.printable(source) + ": Permission denied");
        }
        return new Content.HostFile(source, size);
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
