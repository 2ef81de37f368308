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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

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
        try {
            stageTree(context, copy, from, ImagePath.of(copy.to()));
        } catch (SpecProblem e) {
            throw e.problem;
        } catch (IOException e) {
            throw context.invalid("[[copy]] from '" + FileNames.printable(copy.from()) + "': cannot read "
                    + FileNames.printable(e.getMessage()));
        }
    }

    /**
     * Plans {@code source} at {@code target} and, for a directory, its entries below it, depth first. Each entry's
     * attributes are read once, its last name not followed (one {@code lstat}); a file is checked for reading only
     * when its mode does not let everyone read it.
     */
    private void stageTree(BuildContext context, ImageSpec.CopyTree copy, Path source, ImagePath target)
            throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(source, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        try {
            int mode = permissions(attrs);
            if (attrs.isDirectory()) {
                context.plan().directory(target, mode);
            } else if (attrs.isSymbolicLink()) {
                context.plan().symlink(target, FileNames.text(Files.readSymbolicLink(source)));
            } else if (attrs.isRegularFile()) {
                context.plan().file(target, readable(source, attrs.size(), mode), mode);
            } else {
                throw new SpecProblem(context.invalid("[[copy]] from '" + FileNames.printable(copy.from())
                        + "': " + FileNames.printable(source)
                        + " is a device node, socket or FIFO; portable images may not contain one"));
            }
        } catch (PlanConflictException | IllegalArgumentException e) {
            throw new SpecProblem(context.invalid("[[copy]] from '" + FileNames.printable(copy.from())
                    + "': " + e.getMessage()));
        }
        if (attrs.isDirectory()) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(source)) {
                for (Path entry : entries) {
                    ImagePath path;
                    try {
                        path = target.resolve(FileNames.name(entry));
                    } catch (IllegalArgumentException e) {
                        throw new SpecProblem(context.invalid("[[copy]] from '" + FileNames.printable(copy.from())
                                + "': " + e.getMessage()));
                    }
                    stageTree(context, copy, entry, path);
                }
            }
        }
    }

    /** The permission bits of a source file as its attributes give them (setuid, setgid and sticky not taken). */
    private static int permissions(PosixFileAttributes attrs) {
        int bits = 0;
        for (PosixFilePermission permission : attrs.permissions()) {
            bits |= 0400 >> permission.ordinal();
        }
        return bits;
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

    /**
     * A file of a tree, which must be readable now, as a copy would have read it: asked of the system only when
     * its mode does not let everyone read it (an access control list that denies this user is then found when the
     * image is written, which fails it just the same).
     */
    private static Content readable(Path source, long size, int mode) throws PlanConflictException {
        if ((mode & 0004) == 0 && !Files.isReadable(source)) {
            throw new PlanConflictException("cannot read " + FileNames.printable(source) + ": Permission denied");
        }
        return new Content.HostFile(source, size);
    }

    /** Carries a spec problem out of the walk, through the IOExceptions of reading the tree. */
    private static final class SpecProblem extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient InvalidSpecException problem;

        SpecProblem(InvalidSpecException problem) {
            super(problem.getMessage());
            this.problem = problem;
        }
    }
}
