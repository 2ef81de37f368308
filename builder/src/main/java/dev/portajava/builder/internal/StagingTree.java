package dev.portajava.builder.internal;

import dev.portajava.builder.FileMode;
import dev.portajava.builder.OutputWriteException;
import dev.portajava.squashfs.Owner;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.InImagePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The image being assembled, in a directory on the build host. Every write goes through {@link #hostPath}, which
 * refuses to pass through a symbolic link: a link in the image points somewhere in the image, never on the build
 * host, so following one while writing could escape the tree. Names go to and come from the build host through
 * {@link FileNames}, byte for byte, whatever the locale.
 *
 * <p>A refusal (a path through a link, a file where a directory is) is a {@link StagingException}, which the step
 * reports against the spec. A write that fails (a full or read-only file system) is an {@link OutputWriteException}
 * naming the output; a source that cannot be read is a {@link StagingException} naming the source.
 */
public final class StagingTree {

    private static final int BUFFER = 1 << 16;

    private final Path root;
    private final Path output;
    private final Map<String, Owner> owners = new HashMap<>();
    private final Map<String, String> contentKeys = new HashMap<>();

    /** @param output the image this tree becomes, named when a write fails */
    public StagingTree(Path root, Path output) {
        this.root = root;
        this.output = output;
    }

    /** A tree that is its own output, as in tests of the steps. */
    public StagingTree(Path root) {
        this(root, root);
    }

    /** The image this tree becomes. */
    public Path output() {
        return output;
    }

    /** A write into the tree failed: the output's file system is full, read-only or failing. */
    OutputWriteException writeFailed(String what, IOException e) {
        return new OutputWriteException(output, "cannot write " + what + ": " + BuildRunner.reason(e), e);
    }

    /**
     * Gives {@code path} an owner other than root. The owner is kept here, not on the build host's file system
     * (a build need not run as root); writers take it from {@link #owners()}. Replacing the entry forgets it.
     */
    public void setOwner(ImagePath path, Owner owner) {
        if (owner.equals(Owner.ROOT)) {
            owners.remove(path.relative());
        } else {
            owners.put(path.relative(), owner);
        }
    }

    /** The entries not owned by root, by their path relative to the root ({@code usr/bin/x}). */
    public Map<String, Owner> owners() {
        return Collections.unmodifiableMap(owners);
    }

    /**
     * Records that the file at {@code path} holds the content whose SHA-256 is {@code sha256}, so a writer may reuse
     * what it made of that content before. Replacing the file forgets it.
     */
    public void setContentKey(ImagePath path, String sha256) {
        contentKeys.put(path.relative(), sha256);
    }

    /** The files whose content is known by its SHA-256, by their path relative to the root. */
    public Map<String, String> contentKeys() {
        return Collections.unmodifiableMap(contentKeys);
    }

    /**
     * Puts the cache file {@code source} at {@code path} as a hard link: the staged entry shares its inode, so the
     * caller must give a file nobody writes to, with the mode the entry needs. Falls back to a copy when the two
     * are on different file systems.
     */
    public void linkFile(Path source, ImagePath path) throws StagingException, OutputWriteException {
        Path target = prepareFileTarget(path);
        try {
            Files.createLink(target, source);
        } catch (IOException linkFailed) {
            // on another file system: a copy with the source's owner (when the build may give one) and mode
            copy(source, target, path);
            try {
                if (NormalizeStep.asRoot(root)) {
                    Files.setAttribute(target, "unix:uid", Files.getAttribute(source, "unix:uid"));
                    Files.setAttribute(target, "unix:gid", Files.getAttribute(source, "unix:gid"));
                }
                Files.setAttribute(target, "unix:mode", Files.getAttribute(source, "unix:mode")); // after chown
            } catch (IOException e) {
                throw writeFailed(path.printable() + " into the image", e);
            }
        }
    }

    /**
     * Copies {@code source} to {@code target}, which does not exist: a failure to read is the source's, a failure to
     * write the output's.
     */
    private void copy(Path source, Path target, ImagePath path) throws StagingException, OutputWriteException {
        InputStream in;
        try {
            in = Files.newInputStream(source);
        } catch (IOException e) {
            throw new StagingException("cannot read " + FileNames.printable(source) + ": " + BuildRunner.reason(e));
        }
        try (in; OutputStream out = open(target, path)) {
            byte[] buffer = new byte[BUFFER];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new StagingException("cannot read " + FileNames.printable(source) + ": " + BuildRunner.reason(e));
                }
                if (n < 0) {
                    break;
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw writeFailed(path.printable() + " into the image", e);
                }
            }
        } catch (IOException e) {
            throw writeFailed(path.printable() + " into the image", e); // closing: the last write failed
        }
    }

    private OutputStream open(Path target, ImagePath path) throws OutputWriteException {
        try {
            return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw writeFailed(path.printable() + " into the image", e);
        }
    }

    /** Makes {@code path} a hard link of the staged file {@code existing}. */
    public void hardLink(ImagePath existing, ImagePath path) throws StagingException, OutputWriteException {
        Path target = prepareFileTarget(path);
        Path from = hostPath(existing);
        try {
            Files.createLink(target, from);
        } catch (IOException e) {
            throw writeFailed(path.printable() + " into the image", e);
        }
        Owner owner = owners.get(existing.relative());
        if (owner != null) {
            owners.put(path.relative(), owner);
        }
        String key = contentKeys.get(existing.relative());
        if (key != null) {
            contentKeys.put(path.relative(), key);
        }
    }

    public Path root() {
        return root;
    }

    /**
     * The host path of {@code path}, with its parent directories created (mode 0755) where missing.
     *
     * @throws StagingException if a parent in the image is a symlink or not a directory
     */
    public Path hostPath(ImagePath path) throws StagingException, OutputWriteException {
        Path current = root;
        List<String> names = path.names();
        for (int i = 0; i < names.size() - 1; i++) {
            current = FileNames.resolve(current, names.get(i));
            if (Files.isSymbolicLink(current)) {
                throw new StagingException(path.printable() + " passes through the symlink " + inImage(current)
                        + " in the image");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                createDirectory(current, new FileMode(0755));
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new StagingException(path.printable() + ": " + inImage(current)
                        + " is not a directory in the image");
            }
        }
        return names.isEmpty() ? root : FileNames.resolve(current, names.get(names.size() - 1));
    }

    public void mkdir(ImagePath path, FileMode mode) throws StagingException, OutputWriteException {
        Path target = hostPath(path);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            setMode(target, mode);
            return;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new StagingException(path.printable() + " is already in the image and is not a directory");
        }
        createDirectory(target, mode);
    }

    public void copyFile(Path source, ImagePath path, FileMode mode) throws StagingException, OutputWriteException {
        Path target = prepareFileTarget(path);
        copy(source, target, path);
        setMode(target, mode);
    }

    public void writeFile(ImagePath path, byte[] content, FileMode mode) throws StagingException, OutputWriteException {
        Path target = prepareFileTarget(path);
        try {
            Files.write(target, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw writeFailed(path.printable() + " into the image", e);
        }
        setMode(target, mode);
    }

    public void symlink(ImagePath path, String target) throws StagingException, OutputWriteException {
        Path link = hostPath(path);
        if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new StagingException(path.printable()
                    + " is already a directory in the image; cannot make it a symlink");
        }
        try {
            Files.deleteIfExists(link);
            owners.remove(path.relative());
            contentKeys.remove(path.relative());
            Files.createSymbolicLink(link, FileNames.path(target));
        } catch (IOException e) {
            throw writeFailed(path.printable() + " into the image", e);
        } catch (IllegalArgumentException e) {
            throw new StagingException("cannot create symlink " + path.printable() + ": " + e.getMessage());
        }
    }

    /**
     * True if the image has an entry at {@code path}: its parent is resolved inside the image (never through a
     * symlink on the build host), the entry itself is not followed.
     */
    public boolean exists(ImagePath path) {
        if (path.isRoot()) {
            return true;
        }
        Optional<Path> parent = resolve(path.parent().toString());
        return parent.isPresent()
                && Files.exists(FileNames.resolve(parent.get(), path.fileName()), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Resolves {@code path} the way the service will see it: symlinks are followed inside the image (an absolute
     * target starts at the image root, {@code ..} stops at the root), never on the build host.
     *
     * @return the host path of what {@code path} finally names, or empty if it does not exist or loops
     */
    public Optional<Path> resolve(String path) {
        try {
            return InImagePaths.resolve(path, inImage -> {
                Path candidate = FileNames.resolve(root, inImage);
                if (Files.isSymbolicLink(candidate)) {
                    return InImagePaths.Node.link(FileNames.text(Files.readSymbolicLink(candidate)));
                }
                return Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
                        ? InImagePaths.Node.PLAIN : InImagePaths.Node.MISSING;
            }).map(resolved -> FileNames.resolve(root, resolved));
        } catch (IOException | IllegalArgumentException e) {
            // a symlink loop, an unreadable link, a path no file can have: nothing the service could use
            return Optional.empty();
        }
    }

    /** A host path below the root as the image's absolute path, for messages. */
    private String inImage(Path host) {
        return FileNames.printable("/" + FileNames.relative(root, host));
    }

    private Path prepareFileTarget(ImagePath path) throws StagingException, OutputWriteException {
        if (path.isRoot()) {
            throw new StagingException("the image root cannot be a file");
        }
        Path target = hostPath(path);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new StagingException(path.printable()
                    + " is already a directory in the image; cannot make it a file");
        }
        owners.remove(path.relative());
        contentKeys.remove(path.relative());
        try {
            // replace a symlink itself, never write through it; replace a file by a new one, never write into it
            // (it may be a hard link shared with the cache)
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw writeFailed(path.printable() + " into the image", e);
        }
        return target;
    }

    private void createDirectory(Path dir, FileMode mode) throws OutputWriteException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by an earlier entry: only its mode changes
        } catch (IOException e) {
            throw writeFailed(inImage(dir) + " into the image", e);
        }
        setMode(dir, mode);
    }

    /** Sets the permission bits of a file of the tree. */
    void setMode(Path path, FileMode mode) throws OutputWriteException {
        try {
            Files.setPosixFilePermissions(path, permissions(mode.bits()));
        } catch (IOException e) {
            throw writeFailed(inImage(path) + " into the image", e);
        }
    }

    /** Sets all twelve mode bits of a file of the tree, setuid, setgid and sticky included (a base image's may). */
    void setRawMode(Path path, int bits) throws OutputWriteException {
        try {
            Files.setAttribute(path, "unix:mode", bits & 07777);
        } catch (IOException e) {
            throw writeFailed(inImage(path) + " into the image", e);
        }
    }

    static Set<PosixFilePermission> permissions(int bits) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    static int bits(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission p : permissions) {
            bits |= switch (p) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return bits;
    }

}
