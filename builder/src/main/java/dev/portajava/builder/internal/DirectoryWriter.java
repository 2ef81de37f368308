package dev.portajava.builder.internal;

import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.OutputWriteException;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.ImagePlan;
import dev.portajava.tree.PlanEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A directory image: the plan made into a tree of the build host. Hard links are kept, owners given when the build
 * runs as root, modes (setuid, setgid and sticky bits included) and times set as the plan says, extended attributes
 * of the {@code user.} namespace set where the file system takes them (Java sets no other namespace).
 */
final class DirectoryWriter implements ImageWriter {

    private static final int BUFFER = 1 << 16;

    @Override
    public WrittenImage write(BuildContext context, ImagePlan plan, Path temporary)
            throws ImageBuildException, OutputWriteException {
        warnOfLostXattrs(context, plan, "user.", "a directory image");
        materialise(context, plan, temporary);
        return WrittenImage.plain();
    }

    /**
     * Warns, once, of the entries whose xattrs outside {@code kept} (a namespace, or "" for none) {@code image}
     * does not keep: those a base image's layers gave, such as a program's {@code security.capability}.
     */
    static void warnOfLostXattrs(BuildContext context, ImagePlan plan, String kept, String image) {
        List<String> lost = new ArrayList<>();
        plan.walk(entry -> {
            if (entry.hardLinkOf() == null && entry.xattrs().names().stream()
                    .anyMatch(name -> kept.isEmpty() || !name.startsWith(kept))) {
                lost.add(entry.path().printable());
            }
        });
        if (!lost.isEmpty()) {
            context.warn("xattrs", image + " cannot keep the xattrs" + (kept.isEmpty() ? "" : " outside " + kept)
                    + " of " + lost.size() + " entr" + (lost.size() == 1 ? "y" : "ies") + " ("
                    + String.join(", ", lost.subList(0, Math.min(3, lost.size()))) + (lost.size() > 3 ? ", …" : "")
                    + "): they are left out; a raw image of the Java writer keeps them");
        }
    }

    /** Makes {@code plan} into a tree at {@code root}, which must not exist. */
    static void materialise(BuildContext context, ImagePlan plan, Path root)
            throws ImageBuildException, OutputWriteException {
        List<PlanEntry> directories = new ArrayList<>();
        boolean[] asRoot = new boolean[1];
        plan.walk(entry -> {
            Path host = entry.path().isRoot() ? root : FileNames.resolve(root, entry.path().relative());
            try {
                if (entry.hardLinkOf() != null) {
                    Files.createLink(host, FileNames.resolve(root, entry.hardLinkOf().relative()));
                    return; // one inode: its metadata is set once, for its first name
                }
                switch (entry.type()) {
                    case DIRECTORY -> {
                        Files.createDirectory(host);
                        if (entry.path().isRoot()) {
                            asRoot[0] = Integer.valueOf(0).equals(Files.getAttribute(root, "unix:uid"));
                        }
                        directories.add(entry);
                    }
                    case FILE -> copy(entry, host, context);
                    case SYMLINK -> Files.createSymbolicLink(host, FileNames.path(entry.symlinkTarget()));
                    default -> throw new ImageBuildException(entry.path().printable() + " is a "
                            + entry.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + "; a directory image holds files, directories and symlinks only");
                }
                if (!entry.isDirectory()) {
                    metadata(entry, host, asRoot[0]);
                }
            } catch (IOException e) {
                throw context.writeFailed(entry.path().printable() + " into the image", e);
            }
        });
        // last, deepest first: a directory's own time and mode once nothing more is written into it
        for (int i = directories.size() - 1; i >= 0; i--) {
            PlanEntry entry = directories.get(i);
            Path host = entry.path().isRoot() ? root : FileNames.resolve(root, entry.path().relative());
            try {
                metadata(entry, host, asRoot[0]);
            } catch (IOException e) {
                throw context.writeFailed(entry.path().printable() + " into the image", e);
            }
        }
    }

    private static void copy(PlanEntry entry, Path host, BuildContext context)
            throws ImageBuildException, OutputWriteException {
        InputStream in;
        try {
            in = entry.content().open();
        } catch (IOException e) {
            throw new ImageBuildException("cannot read the content of " + entry.path().printable() + ": "
                    + BuildRunner.reason(e), e);
        }
        try (in; OutputStream out = Files.newOutputStream(host, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            for (int n; (n = read(in, buffer, entry)) >= 0; total += n) {
                out.write(buffer, 0, n);
            }
            if (total != entry.content().size()) {
                throw new ImageBuildException("the content of " + entry.path().printable() + " changed while the "
                        + "image was written: " + total + " bytes, not " + entry.content().size());
            }
        } catch (IOException e) {
            throw context.writeFailed(entry.path().printable() + " into the image", e);
        }
    }

    private static int read(InputStream in, byte[] buffer, PlanEntry entry) throws ImageBuildException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new ImageBuildException("cannot read the content of " + entry.path().printable() + ": "
                    + BuildRunner.reason(e), e);
        }
    }

    /** Owner (as root), then mode (a chown clears setuid bits), extended attributes and times; links not followed. */
    private static void metadata(PlanEntry entry, Path host, boolean asRoot) throws IOException {
        if (asRoot) {
            Files.setAttribute(host, "unix:uid", entry.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(host, "unix:gid", entry.gid(), LinkOption.NOFOLLOW_LINKS);
        }
        if (entry.symlinkTarget() == null) {
            Files.setAttribute(host, "unix:mode", entry.permissions());
            xattrs(entry, host);
        }
        FileTime time = FileTime.from(entry.mtime(), java.util.concurrent.TimeUnit.SECONDS);
        Files.getFileAttributeView(host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(time, time, null);
    }

    private static void xattrs(PlanEntry entry, Path host) throws IOException {
        UserDefinedFileAttributeView view = null;
        for (Map.Entry<String, byte[]> xattr : entry.xattrs().toMap().entrySet()) {
            if (!xattr.getKey().startsWith("user.")) {
                continue;
            }
            if (view == null) {
                view = Files.getFileAttributeView(host, UserDefinedFileAttributeView.class);
            }
            if (view != null) {
                view.write(xattr.getKey().substring("user.".length()), ByteBuffer.wrap(xattr.getValue()));
            }
        }
    }
}
