package dev.portajava.builder.internal;

import dev.portajava.builder.FileMode;
import dev.portajava.builder.ImageBuildException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;

/**
 * Makes the staged tree reproducible: the root is 0755 (a DynamicUser service must be able to enter it), every
 * entry gets the build's single time, and, when the build runs as root, root ownership.
 */
final class NormalizeStep implements BuildStep {

    @Override
    public String name() {
        return "normalize";
    }

    @Override
    public void run(BuildContext context) throws ImageBuildException {
        Path root = context.tree().root();
        FileTime time = FileTime.fromMillis(context.epoch() * 1000);
        try {
            StagingTree.setMode(root, new FileMode(0755));
            UserPrincipal rootUser = asRoot(root);
            GroupPrincipal rootGroup = rootUser == null ? null
                    : root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("root");
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
                    if (rootUser != null) {
                        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                                LinkOption.NOFOLLOW_LINKS);
                        view.setOwner(rootUser);
                        view.setGroup(rootGroup);
                    }
                    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(time, time, null);
                }
            });
        } catch (IOException | StagingException e) {
            throw new ImageBuildException("cannot normalise the staged image in " + root + ": " + e.getMessage(), e);
        }
        context.report(name(), "all times set to " + context.epoch());
    }

    /** The root user when the build runs as root (then files can be given to it), else null. */
    private static UserPrincipal asRoot(Path root) throws IOException {
        Object uid = Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return Integer.valueOf(0).equals(uid)
                ? root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root") : null;
    }
}
