package dev.portajava.builder.internal;

import dev.portajava.builder.FileMode;
import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.ImagePath;
import dev.portajava.builder.ImageSpec;
import dev.portajava.builder.InvalidSpecException;
import dev.portajava.tree.Content;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.PlanConflictException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Puts the spec's tree into the plan: {@code [[copy]]} trees first (their setuid and setgid bits as
 * {@link SetuidBits} decides), then {@code [[file]]} entries (a host file's setuid and setgid bits removed, with
 * the warning of {@link SetuidBits}, unless the entry gives its {@code mode}), {@code [[symlink]]} and
 * {@code [[directory]]} entries, each in spec order; a later entry replaces an earlier file.
 * Device nodes, sockets and FIFOs in a source tree are refused. Names are taken byte for byte (see
 * {@link FileNames}); files are read only when the image is written.
 */
final class StageTreeStep implements BuildStep {

    /** The bits a {@code [[file]]} takes of its source's mode: permission bits only, as {@link FileMode} holds. */
    private static final int PERMISSIONS = 0777;

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
        SetuidBits fileSetuid = SetuidBits.ofFiles();
        for (ImageSpec.FileEntry file : spec.file()) {
            ImagePath to = ImagePath.of(file.to());
            try {
                if (file.content() != null) {
                    context.plan().file(to, new Content.Inline(file.content().getBytes(StandardCharsets.UTF_8)),
                            file.modeIfSet().orElse(new FileMode(0644)).bits());
                } else {
                    Path from = SourcePaths.resolve(context, "[[file]] from", file.from());
                    if (!Files.isRegularFile(from)) {
                        throw context.invalid("[[file]] from '" + ControlCharacters.escapedUnambiguously(file.from())
                                + "' is not a regular file");
                    }
                    // a mode the spec gives is the user's choice; a source's loses its special bits
                    int mode = file.modeIfSet().isPresent() ? file.mode().bits()
                            : fileSetuid.mode(to, modeOf(from)) & PERMISSIONS;
                    context.plan().file(to, hostFile(from), mode);
                }
                context.plan().xattrs(to, file.xattrs());
            } catch (PlanConflictException e) {
                throw context.invalid("[[file]] to '" + ControlCharacters.escapedUnambiguously(file.to()) + "': "
                        + e.getMessage());
            }
        }
        fileSetuid.warn(context, name());
        for (ImageSpec.SymlinkEntry link : spec.symlink()) {
            try {
                context.plan().symlink(ImagePath.of(link.path()), link.target());
            } catch (PlanConflictException e) {
                throw context.invalid("[[symlink]] path '" + ControlCharacters.escapedUnambiguously(link.path()) + "': "
                        + e.getMessage());
            }
        }
        for (ImageSpec.DirectoryEntry dir : spec.directory()) {
            try {
                context.plan().directory(ImagePath.of(dir.path()), dir.modeOrDefault().bits());
                context.plan().xattrs(ImagePath.of(dir.path()), dir.xattrs());
            } catch (PlanConflictException e) {
                throw context.invalid("[[directory]] path '" + ControlCharacters.escapedUnambiguously(dir.path())
                        + "': "
                        + e.getMessage());
            }
        }
        context.report(name(), "planned " + spec.copy().size() + " trees, " + spec.file().size() + " files, "
                + spec.symlink().size() + " symlinks, " + spec.directory().size() + " directories");
    }

    private void copyTree(BuildContext context, ImageSpec.CopyTree copy) throws InvalidSpecException {
        Path from = SourcePaths.resolve(context, "[[copy]] from", copy.from());
        if (!Files.isDirectory(from)) {
            throw context.invalid("[[copy]] from '" + ControlCharacters.escapedUnambiguously(copy.from())
                    + "' is not a directory");
        }
        try {
            Path outputDirectory = context.output().toAbsolutePath().getParent();
            if (outputDirectory != null && outputDirectory.toRealPath().startsWith(from.toRealPath())) {
                throw context.invalid("[[copy]] from '" + copy.from() + "' contains the output; write the image elsewhere");
            }
        } catch (IOException e) {
            throw context.invalid("[[copy]] from '" + ControlCharacters.escapedUnambiguously(copy.from()) + "': "
                    + e.getMessage());
        }
        String what = "[[copy]] from '" + ControlCharacters.escapedUnambiguously(copy.from()) + "': ";
        SetuidBits setuid = SetuidBits.ofCopy(copy.allowSetuid(), copy.from());
        stageTree(context, what, setuid, SourceTree.read(from), ImagePath.of(copy.to()));
        setuid.warn(context, name());
    }

    /**
     * Plans an entry of a source tree at {@code target} and, for a directory, its entries below it, depth first, in
     * the order the tree lists them: the first problem met is the same on every run. {@code prefix} begins each
     * message ({@code [[copy]] from 'DIR': }); {@code setuid} decides the setuid and setgid bits.
     */
    private void stageTree(BuildContext context, String prefix, SetuidBits setuid, SourceTree.Entry entry,
            ImagePath target) throws InvalidSpecException {
        if (entry.failure() instanceof IOException e) {
            throw context.invalid(prefix + "cannot read " + ControlCharacters.escapedUnambiguously(e.getMessage()));
        } else if (entry.failure() != null) {
            throw context.invalid(prefix + entry.failure().getMessage()); // a name that is not a file name
        }
        try {
            if (entry.type() == SourceTree.Type.DIRECTORY) {
                context.plan().directory(target, setuid.mode(target, entry.permissions()));
            } else if (entry.type() == SourceTree.Type.SYMLINK) {
                context.plan().symlink(target, entry.symlinkTarget());
            } else if (entry.type() == SourceTree.Type.FILE && entry.readable()) {
                context.plan().file(target, new Content.HostFile(entry.source(), entry.size()),
                        setuid.mode(target, entry.permissions()));
            } else if (entry.type() == SourceTree.Type.FILE) {
                throw context.invalid(prefix + "cannot read " + FileNames.printable(entry.source())
                        + ": Permission denied");
            } else {
                throw context.invalid(prefix + FileNames.printable(entry.source())
                        + " is a device node, socket or FIFO; portable images may not contain one");
            }
            if (entry.children() != null) {
                for (SourceTree.Entry child : entry.children()) {
                    stageTree(context, prefix, setuid, child,
                            child.failure() != null ? target : target.resolve(child.name()));
                }
            }
        } catch (PlanConflictException | IllegalArgumentException e) {
            throw context.invalid(prefix + e.getMessage());
        }
    }

    /** The mode bits of a source file: its permission bits and its setuid, setgid and sticky bits (07777). */
    static int modeOf(Path source) throws PlanConflictException {
        try {
            return (Integer) Files.getAttribute(source, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
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
}
