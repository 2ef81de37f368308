package dev.portajava.squashfs.internal;

import dev.portajava.squashfs.SquashfsException;
import dev.portajava.squashfs.SquashfsOptions;
import dev.portajava.squashfs.UnsupportedEntryException;
import dev.portajava.tree.Content;
import dev.portajava.tree.EntryType;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.ImagePath;
import dev.portajava.tree.ImagePlan;
import dev.portajava.tree.PlanConflictException;
import dev.portajava.tree.PlanEntry;
import dev.portajava.tree.Xattrs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a directory tree of the build host into a plan, as mksquashfs reads a tree: modes, owners, times, symlink
 * targets, device numbers, hard links (by device and inode number); file contents are not read, only their size
 * noted. The options' owner and time replace every entry's; special files are refused unless allowed; extended
 * attributes are read only when asked, and then only the user namespace (the one Java reads).
 */
public final class HostTreeScanner {

    private static final String ATTRIBUTES = "unix:mode,uid,gid,nlink,ino,dev,size,lastModifiedTime,rdev";

    private final SquashfsOptions options;
    private final ImagePlan.Builder plan = ImagePlan.builder();
    private final Map<List<Long>, ImagePath> hardLinks = new HashMap<>();

    private HostTreeScanner(SquashfsOptions options) {
        this.options = options;
    }

    /** The plan of the tree at {@code root}. */
    public static ImagePlan.Builder scan(Path root, SquashfsOptions options) throws SquashfsException {
        HostTreeScanner scanner = new HostTreeScanner(options);
        try {
            Map<String, Object> attrs = Files.readAttributes(root, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            PlanEntry entry = scanner.entry(root, ImagePath.ROOT, attrs);
            if (entry.type() != EntryType.DIRECTORY) {
                throw new UnsupportedEntryException(root, "is not a directory");
            }
            scanner.plan.put(entry);
            scanner.directory(root, ImagePath.ROOT);
        } catch (IOException e) {
            throw new SquashfsException("cannot read " + FileNames.printable(root) + ": " + e, e);
        } catch (PlanConflictException e) {
            throw new IllegalStateException("a directory tree cannot conflict with itself", e);
        }
        return scanner.plan;
    }

    private void directory(Path dir, ImagePath path) throws IOException, SquashfsException, PlanConflictException {
        List<Path> subdirectories = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                ImagePath childPath = childPath(path, child);
                Map<String, Object> attrs = Files.readAttributes(child, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) attrs.get("mode");
                boolean directory = (mode & EntryType.TYPE_MASK) == EntryType.DIRECTORY.modeBits();
                if ((Integer) attrs.get("nlink") > 1 && !directory) {
                    List<Long> key = List.of((Long) attrs.get("dev"), (Long) attrs.get("ino"));
                    ImagePath first = hardLinks.putIfAbsent(key, childPath);
                    if (first != null) {
                        plan.hardLink(first, childPath);
                        continue;
                    }
                }
                PlanEntry entry = entry(child, childPath, attrs);
                plan.put(entry);
                if (entry.isDirectory()) {
                    subdirectories.add(child);
                }
            }
        }
        for (Path sub : subdirectories) {
            directory(sub, childPath(path, sub));
        }
    }

    /** The path in the image of {@code child}, a host file in the directory at {@code parent}: its name's bytes. */
    private static ImagePath childPath(ImagePath parent, Path child) throws UnsupportedEntryException {
        try {
            return parent.resolve(FileNames.name(child));
        } catch (IllegalArgumentException e) {
            throw new UnsupportedEntryException(child, e.getMessage());
        }
    }

    private PlanEntry entry(Path host, ImagePath path, Map<String, Object> attrs) throws IOException,
            UnsupportedEntryException {
        int mode = (Integer) attrs.get("mode");
        EntryType type = typeOf(host, mode);
        long mtime;
        if (options.time().isPresent()) {
            mtime = options.time().getAsLong();
        } else {
            mtime = ((FileTime) attrs.get("lastModifiedTime")).to(TimeUnit.SECONDS);
            if (mtime < 0 || mtime > 0xFFFF_FFFFL) {
                throw new UnsupportedEntryException(host, "its time " + mtime
                        + " does not fit squashfs (0 to 4294967295); give the image one time");
            }
        }
        int uid = options.owner().isPresent() ? options.owner().getAsInt() : (Integer) attrs.get("uid");
        int gid = options.owner().isPresent() ? options.owner().getAsInt() : (Integer) attrs.get("gid");
        int permissions = mode & 07777;
        PlanEntry entry = switch (type) {
            case DIRECTORY -> PlanEntry.directory(path, permissions, uid, gid, mtime);
            case FILE -> PlanEntry.file(path, permissions, uid, gid, mtime,
                    new Content.HostFile(host, (Long) attrs.get("size")));
            case SYMLINK -> PlanEntry.symlink(path, FileNames.text(Files.readSymbolicLink(host)), uid, gid, mtime)
                    .withPermissions(permissions);
            case BLOCK_DEVICE, CHAR_DEVICE -> PlanEntry.special(path, type, permissions, uid, gid, mtime,
                    (Long) attrs.get("rdev"));
            case FIFO, SOCKET -> PlanEntry.special(path, type, permissions, uid, gid, mtime, 0);
        };
        return options.hostXattrs() && type != EntryType.SYMLINK ? entry.withXattrs(userXattrs(host)) : entry;
    }

    private static Xattrs userXattrs(Path host) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(host, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        Xattrs xattrs = Xattrs.NONE;
        if (view == null) {
            return xattrs;
        }
        for (String name : view.list()) {
            ByteBuffer value = ByteBuffer.allocate(view.size(name));
            view.read(name, value);
            xattrs = xattrs.with("user." + name, java.util.Arrays.copyOf(value.array(), value.position()));
        }
        return xattrs;
    }

    private EntryType typeOf(Path path, int mode) throws UnsupportedEntryException {
        EntryType type = EntryType.ofMode(mode);
        if (type == null) {
            throw new UnsupportedEntryException(path, "has an unknown file type (mode " + Integer.toOctalString(mode)
                    + ")");
        }
        if (type.isSpecial() && !options.specialFiles()) {
            throw new UnsupportedEntryException(path, "is a " + type.name().toLowerCase().replace('_', ' ')
                    + "; only files, directories and symlinks are stored unless special files are allowed");
        }
        return type;
    }
}
