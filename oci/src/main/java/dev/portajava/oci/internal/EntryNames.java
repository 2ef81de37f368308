package dev.portajava.oci.internal;

import dev.portajava.tree.FileNames;
import java.util.ArrayList;
import java.util.List;

/** The rules a layer entry's name, and a link's target, must follow. */
final class EntryNames {

    /** The longest path accepted, in bytes: Linux's {@code PATH_MAX}. */
    static final int MAX_PATH = 4096;
    /** The longest name component accepted, in bytes: Linux's {@code NAME_MAX}. */
    static final int MAX_COMPONENT = FileNames.MAX_NAME;

    private EntryNames() {
    }

    /**
     * The components of a tar entry name ({@code ./usr//bin/} gives {@code usr, bin}); empty for the root.
     *
     * @throws IllegalArgumentException saying what is wrong with the name: a NUL, a leading {@code /}, a {@code ..}
     *     component, a path or component too long
     */
    static List<String> components(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the name contains a NUL character");
        }
        if (FileNames.length(name) > MAX_PATH) {
            throw new IllegalArgumentException("the path is longer than " + MAX_PATH + " bytes");
        }
        if (name.startsWith("/")) {
            throw new IllegalArgumentException("the name is absolute");
        }
        List<String> components = new ArrayList<>();
        int bytes = -1;
        for (String component : name.split("/")) {
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                throw new IllegalArgumentException("the name has a '..' component");
            }
            int length = FileNames.length(component);
            if (length > MAX_COMPONENT) {
                throw new IllegalArgumentException("a name component is longer than " + MAX_COMPONENT + " bytes");
            }
            bytes += length + 1;
            components.add(component);
        }
        if (bytes > MAX_PATH) {
            throw new IllegalArgumentException("the path is longer than " + MAX_PATH + " bytes");
        }
        return components;
    }

    /** What is wrong with a symlink's target, or null. */
    static String symlinkTargetProblem(String target) {
        if (target.isEmpty()) {
            return "the symlink has no target";
        }
        if (target.indexOf('\0') >= 0) {
            return "the symlink target contains a NUL character";
        }
        if (FileNames.length(target) >= MAX_PATH) {
            return "the symlink target is longer than " + (MAX_PATH - 1) + " bytes";
        }
        return null;
    }

    /**
     * A relative target that climbs above the root with {@code ..} from the link's directory ({@code parent}) made
     * the absolute path the kernel reaches in the image, where {@code ..} stops at the root ({@code /opt/jdk/x ->
     * ../../../lib/y} becomes {@code /lib/y}); any other target unchanged. Such links are common where a tree was
     * copied into an image from deeper in a file system; written as they are, they would point outside the tree
     * for anything that follows them outside the service's root.
     */
    static String neutralisedTarget(String target, List<String> parent) {
        if (target.startsWith("/")) {
            return target;
        }
        List<String> resolved = new java.util.ArrayList<>(parent);
        boolean climbed = false;
        for (String component : target.split("/")) {
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                if (resolved.isEmpty()) {
                    climbed = true;
                } else {
                    resolved.remove(resolved.size() - 1);
                }
            } else {
                resolved.add(component);
            }
        }
        return climbed ? "/" + String.join("/", resolved) : target;
    }

    static String join(List<String> components, int from, int to) {
        return String.join("/", components.subList(from, to));
    }
}
