package dev.portajava.builder.internal;

import dev.portajava.builder.FileMode;
import dev.portajava.builder.OutputWriteException;
import dev.portajava.squashfs.Owner;
import dev.portajava.tree.FileNames;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * Makes the staged tree reproducible: the root is 0755 (a DynamicUser service must be able to enter it), every
 * entry gets the build's single time, and, when the build runs as root, its owner: root unless a base image's layer
 * gave it another (see {@link StagingTree#owners()}).
 */
final class NormalizeStep implements BuildStep {

    @Override
    public String name() {
        return "normalize";
    }

    @Override
    public void run(BuildContext context) throws OutputWriteException {
        Path root = context.tree().root();
        FileTime time = FileTime.fromMillis(context.epoch() * 1000);
        try {
            context.tree().setMode(root, new FileMode(0755));
            boolean asRoot = asRoot(root);
            Map<String, Owner> owners = context.tree().owners();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    normalize(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    normalize(dir);
                    return FileVisitResult.CONTINUE;
                }

                private void normalize(Path path) throws IOException {
                    if (asRoot) {
                        chown(path, owners.getOrDefault(FileNames.relative(root, path), Owner.ROOT));
                    }
                    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(time, time, null);
                }
            });
        } catch (IOException e) {
            throw context.tree().writeFailed("the times and owners of the image's files", e);
        }
        context.report(name(), "all times set to " + context.epoch());
    }

    /**
     * Gives {@code path} its owner, only if it has another: a file hard-linked from the cache already has it. A
     * chown clears setuid and setgid bits, so they are set again.
     */
    private static void chown(Path path, Owner owner) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(path, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        if ((Integer) attrs.get("uid") == owner.uid() && (Integer) attrs.get("gid") == owner.gid()) {
            return;
        }
        Files.setAttribute(path, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attrs.get("mode");
        if ((mode & 06000) != 0 && !Files.isSymbolicLink(path)) {
            Files.setAttribute(path, "unix:mode", mode & 07777);
        }
    }

    /** Whether the build runs as root, so that files can be given their owners. */
    static boolean asRoot(Path root) throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    }
}
