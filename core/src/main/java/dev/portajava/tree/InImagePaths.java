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
     * The absolute path, without symlinks, that {@code path} names inside the image; empty if some part of it
     * does not exist.
     *
     * @throws SymlinkLoopException if resolving it follows more than {@link #MAX_SYMLINKS} symlinks
     */
    public static Optional<String> resolve(String path, Lookup lookup) throws IOException {
        Deque<String> todo = new ArrayDeque<>(names(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (name.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(name);
            Node node = lookup.at("/" + String.join("/", done));
            if (!node.exists()) {
                return Optional.empty();
            }
            if (node.linkTarget().isPresent()) {
                if (++links > MAX_SYMLINKS) {
                    throw new SymlinkLoopException(path);
                }
                String target = node.linkTarget().get();
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> targetNames = names(target);
                for (int i = targetNames.size() - 1; i >= 0; i--) {
                    todo.addFirst(targetNames.get(i));
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
