package dev.portajava.builder.internal;

import dev.portajava.builder.FileMode;
import dev.portajava.builder.ImageBuildException;
import dev.portajava.builder.OutputWriteException;
import dev.portajava.oci.CacheDirectory;
import dev.portajava.oci.OciException;
import dev.portajava.oci.TreeEntry;
import dev.portajava.squashfs.Owner;
import dev.portajava.tree.FileNames;
import dev.portajava.tree.ImagePath;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays the base image's file system into the staging tree, before anything from the spec. A file comes from the
 * cache as a hard link to a copy with the mode (and, when the build runs as root, the owner) the image gives it,
 * made once and shared by every later build; so a second build of the same image copies nothing. Setuid and setgid
 * bits are removed unless the spec allows them.
 */
final class BaseImageStep implements BuildStep {

    private static final int SETID = 06000;

    private final BaseImage base;

    BaseImageStep(BaseImage base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "base";
    }

    @Override
    public void run(BuildContext context) throws ImageBuildException, OciException {
        StagingTree tree = context.tree();
        Map<Integer, ImagePath> linkGroups = new HashMap<>();
        Set<Path> linked = new HashSet<>();
        List<String> setid = new ArrayList<>();
        boolean asRoot;
        try {
            asRoot = NormalizeStep.asRoot(tree.root());
        } catch (IOException e) {
            throw tree.writeFailed("the image's root", e);
        }
        for (TreeEntry entry : base.tree().entries()) {
            ImagePath path = ImagePath.of("/" + entry.path());
            int mode = entry.mode();
            if ((mode & SETID) != 0 && !base.allowSetuid()) {
                setid.add(FileNames.printable("/" + entry.path()));
                mode &= ~SETID;
            }
            try {
                switch (entry.kind()) {
                    case DIRECTORY -> {
                        tree.mkdir(path, new FileMode(mode & 0777));
                        if ((mode & 07000) != 0) {
                            tree.setRawMode(tree.hostPath(path), mode);
                        }
                    }
                    case SYMLINK -> tree.symlink(path, entry.linkTarget());
                    case FILE -> {
                        ImagePath first = entry.linkGroup() > 0 ? linkGroups.putIfAbsent(entry.linkGroup(), path) : null;
                        if (first != null) {
                            tree.hardLink(first, path);
                            continue;
                        }
                        stageFile(tree, entry, path, mode, asRoot, linked);
                        if (entry.size() > 0) {
                            tree.setContentKey(path, entry.content().getFileName().toString());
                        }
                    }
                }
            } catch (StagingException e) {
                throw new ImageBuildException(base.image().reference() + ": cannot stage "
                        + FileNames.printable("/" + entry.path()) + ": " + e.getMessage());
            }
            tree.setOwner(path, new Owner(entry.uid(), entry.gid()));
        }
        if (!setid.isEmpty()) {
            context.warn(name(), "removed the setuid/setgid bit of " + setid.size() + " file"
                    + (setid.size() == 1 ? "" : "s") + " (" + String.join(", ", setid.subList(0, Math.min(5, setid.size())))
                    + (setid.size() > 5 ? ", …" : "") + "); set allow-setuid = true in [from] to keep them");
        }
        context.report(name(), "staged " + base.tree().entries().size() + " entries of " + base.image().reference()
                + " (" + base.image().layers().size() + " layers, manifest " + base.image().manifestDigest() + ")");
    }

    /**
     * A file's content is hard-linked from the cache once per build; a second path with the same content, mode
     * and owner that is not a hard link of the first in the image gets its own copy, so the image keeps its inodes.
     */
    private void stageFile(StagingTree tree, TreeEntry entry, ImagePath path, int mode, boolean asRoot,
            Set<Path> linked) throws StagingException, OutputWriteException, OciException {
        if (entry.size() > 0 && base.linkFromCache()) {
            Path checkout = checkout(base.cache(), entry, mode, asRoot);
            if (linked.add(checkout)) {
                tree.linkFile(checkout, path);
                return;
            }
        }
        if (entry.size() == 0) {
            tree.writeFile(path, new byte[0], new FileMode(mode & 0777));
        } else {
            tree.copyFile(entry.content(), path, new FileMode(mode & 0777));
        }
        if ((mode & 07000) != 0) {
            tree.setRawMode(tree.hostPath(path), mode);
        }
    }

    /** {@code checkouts/HEX-MODE[-UID-GID]}: the content with this mode (and owner), made once. */
    private static Path checkout(CacheDirectory cache, TreeEntry entry, int mode, boolean asRoot)
            throws OciException {
        String hex = entry.content().getFileName().toString();
        String name = hex + "-" + Integer.toOctalString(mode & 07777)
                + (asRoot ? "-" + entry.uid() + "-" + entry.gid() : "");
        Path checkout = cache.checkouts().resolve(name);
        if (Files.exists(checkout)) {
            return checkout;
        }
        Path temporary = null;
        try {
            Files.createDirectories(cache.checkouts());
            Files.createDirectories(cache.tmp());
            temporary = Files.createTempFile(cache.tmp(), "checkout-", "");
            Files.copy(entry.content(), temporary, StandardCopyOption.REPLACE_EXISTING);
            if (asRoot) {
                Files.setAttribute(temporary, "unix:uid", entry.uid());
                Files.setAttribute(temporary, "unix:gid", entry.gid());
            }
            // after chown, which clears setuid bits
            Files.setAttribute(temporary, "unix:mode", mode & 07777);
            try {
                Files.move(temporary, checkout, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // made meanwhile by another build: identical by construction
            }
            return checkout;
        } catch (IOException e) {
            throw OciException.unavailable("cache " + cache.root() + ": cannot write " + checkout + ": "
                    + BuildRunner.reason(e), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // a stray file in the cache's tmp directory, removed with it
                }
            }
        }
    }
}
