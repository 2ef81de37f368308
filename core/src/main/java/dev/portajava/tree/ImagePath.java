package dev.portajava.tree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A normalised absolute path inside an image, as a list of names: never {@code ..}, never empty names. The root
 * is the empty list. Paths are ordered as a depth-first walk visits them when each directory's names are sorted by
 * their bytes (see {@link #compareNames}): a directory comes before its entries.
 */
public record ImagePath(List<String> names) implements Comparable<ImagePath> {

    public static final ImagePath ROOT = new ImagePath(List.of());

    public ImagePath {
        names = List.copyOf(names);
        for (String name : names) {
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                    || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("'" + name + "' is not a file name");
            }
        }
    }

    /**
     * Parses {@code /usr/bin/x} (a leading slash is optional). {@code .} and empty names are dropped; a
     * {@code ..} that would climb above the root is refused.
     */
    public static ImagePath of(String path, String what) {
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " '" + path + "' contains a NUL character");
        }
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (names.isEmpty()) {
                    throw new IllegalArgumentException(what + " '" + path + "' escapes the image root");
                }
                names.remove(names.size() - 1);
            } else {
                names.add(name);
            }
        }
        return new ImagePath(names);
    }

    public static ImagePath of(String path) {
        return of(path, "path");
    }

    public boolean isRoot() {
        return names.isEmpty();
    }

    public ImagePath parent() {
        if (isRoot()) {
            throw new IllegalStateException("the root has no parent");
        }
        return new ImagePath(names.subList(0, names.size() - 1));
    }

    public String fileName() {
        return isRoot() ? "" : names.get(names.size() - 1);
    }

    public ImagePath resolve(String name) {
        List<String> longer = new ArrayList<>(names);
        longer.add(name);
        return new ImagePath(longer);
    }

    /** Whether this path is {@code ancestor} or lies below it. */
    public boolean startsWith(ImagePath ancestor) {
        return names.size() >= ancestor.names.size() && names.subList(0, ancestor.names.size()).equals(ancestor.names);
    }

    @Override
    public int compareTo(ImagePath other) {
        int common = Math.min(names.size(), other.names.size());
        for (int i = 0; i < common; i++) {
            int c = compareNames(names.get(i), other.names.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(names.size(), other.names.size());
    }

    /**
     * The order of names in a directory: by their bytes, unsigned, as mksquashfs sorts a directory (and as the
     * kernel expects a squashfs directory to be sorted).
     */
    public static int compareNames(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Arrays.compareUnsigned(bytes(a), bytes(b));
                }
                return Character.compare(x, y); // UTF-8 keeps the order of the code points it encodes
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** The bytes a name stands for. */
    private static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    /** This path as a relative path string, for resolving against a staging root ("" for the root). */
    public String relative() {
        return String.join("/", names);
    }

    @Override
    public String toString() {
        return "/" + relative();
    }
}
