package dev.portajava.tree;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves paths the way a service running from an image sees them: symlinks are followed inside the image (an
 * absolute target starts again at the image root, {@code ..} stops at the root), never on the host that reads the
 * image. The image is reached only through a {@link Lookup}, so a directory tree, a squashfs image and a staging
 * tree share this one walk.
 */
public final class InImagePaths {

    /** As many symlinks as the kernel follows in one lookup. */
    public static final int MAX_SYMLINKS = 40;

    private InImagePaths() {
    }

    /** What is at an absolute path of the image that contains no symlinks. */
    public record Node(boolean exists, Optional<String> linkTarget) {

        public static final Node MISSING = new Node(false, Optional.empty());
        public static final Node PLAIN = new Node(true, Optional.empty());

        public static Node link(String target) {
            return new Node(true, Optional.of(target));
        }
    }

    /** Looks at one path of the image, such as {@code /usr/bin}, without following a symlink there. */
    @FunctionalInterface
    public interface Lookup {
        Node at(String absolutePath) throws IOException;
    }

    /** More than {@link #MAX_SYMLINKS} symlinks on the way: a loop, most likely. */
    public static final class SymlinkLoopException extends IOException {
        private static final long serialVersionUID = 1L;

        SymlinkLoopException(String path) {
            super("too many levels of symlinks resolving " + path);
        }
    }

    /**
     * A symlink that leads out of the image when the kernel follows it with the image mounted on a host: its target
     * is absolute (a path of the host), or climbs with {@code ..} above the image's root (into the host).
     */
    public static final class LeavesImageException extends IOException {
        private static final long serialVersionUID = 1L;

        private final String link;
        private final String target;

        LeavesImageException(String link, String target) {
            super(link + " is a symlink to " + target + ", which leaves the image");
            this.link = link;
            this.target = target;
        }

        /** The symlink, as an absolute path of the image without symlinks. */
        public String link() {
            return link;
        }

        /** Its target, as stored. */
        public String target() {
            return target;
        }
    }

    /**
     * The absolute path, without symlinks, that {@code path} names inside the image; empty if some part of it
     * does not exist.
     *
     * @throws SymlinkLoopException if resolving it follows more than {@link #MAX_SYMLINKS} symlinks
     */
    public static Optional<String> resolve(String path, Lookup lookup) throws IOException {
        return walk(path, lookup, false);
    }

    /**
     * Resolves {@code path} as the kernel does when the image is mounted somewhere on a host and {@code path} is
     * opened there, as systemd-portabled opens a unit file: a symlink whose target is absolute names a file of the
     * host, and a {@code ..} above the image's root climbs into the host. Every other symlink is followed inside the
     * image, as {@link #resolve} follows it. Give it a path whose directories are already resolved: only the
     * symlinks met from there on are judged.
     *
     * @return the absolute path, without symlinks, inside the image; empty if some part of it does not exist
     * @throws LeavesImageException naming the first symlink on the way that leads out of the image
     * @throws SymlinkLoopException if resolving it follows more than {@link #MAX_SYMLINKS} symlinks
     */
    public static Optional<String> resolveMounted(String path, Lookup lookup) throws IOException {
        return walk(path, lookup, true);
    }

    /** One name still to walk, and the symlink whose target it came from (null for the names of the path given). */
    private record Step(String name, String link, String target) {
    }

    private static Optional<String> walk(String path, Lookup lookup, boolean mounted) throws IOException {
        Deque<Step> todo = new ArrayDeque<>();
        for (String name : names(path)) {
            todo.addLast(new Step(name, null, null));
        }
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            Step step = todo.removeFirst();
            if (step.name().equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                } else if (mounted && step.link() != null) {
                    throw new LeavesImageException(step.link(), step.target());
                }
                continue;
            }
            done.add(step.name());
            String here = "/" + String.join("/", done);
            Node node = lookup.at(here);
            if (!node.exists()) {
                return Optional.empty();
            }
            if (node.linkTarget().isPresent()) {
                if (++links > MAX_SYMLINKS) {
                    throw new SymlinkLoopException(path);
                }
                String target = node.linkTarget().get();
                if (mounted && target.startsWith("/")) {
                    throw new LeavesImageException(here, target);
                }
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> targetNames = names(target);
                for (int i = targetNames.size() - 1; i >= 0; i--) {
                    todo.addFirst(new Step(targetNames.get(i), here, target));
                }
            }
        }
        return Optional.of("/" + String.join("/", done));
    }

    /** The names of a path, without empty names and {@code .}. */
    public static List<String> names(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return names;
    }
}
