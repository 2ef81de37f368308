package dev.portajava.tree;

import dev.portajava.text.ControlCharacters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A normalised absolute path inside an image, as a list of names: never {@code ..}, never empty names, each name
 * the text {@link FileNames} makes of its bytes, at most {@value FileNames#MAX_NAME} bytes long. The root is the
 * empty list. Paths are ordered as a depth-first walk visits them when each directory's names are sorted by their
 * bytes (see {@link #compareNames}): a directory comes before its entries.
 */
public final class ImagePath implements Comparable<ImagePath> {

    public static final ImagePath ROOT = new ImagePath(List.of());

    private final List<String> names;

    /** @throws IllegalArgumentException if one of {@code names} is not a file name */
    public ImagePath(List<String> names) {
        this.names = List.copyOf(names);
        for (String name : this.names) {
            check(name);
        }
    }

    /** A path of names already checked. */
    private ImagePath(String[] checked) {
        this.names = List.of(checked);
    }

    private static void check(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("'" + ControlCharacters.escapedUnambiguously(name)
                    + "' is not a file name");
        }
        int length = FileNames.length(name); // also refuses text that spells no bytes
        if (length > FileNames.MAX_NAME) {
            throw new IllegalArgumentException("the name '" + ControlCharacters.escapedUnambiguously(name) + "' has "
                    + length
                    + " bytes, more than the " + FileNames.MAX_NAME + " a file name may have");
        }
    }

    /** The names from the root, the root's list empty. */
    public List<String> names() {
        return names;
    }

    /**
     * Parses {@code /usr/bin/x} (a leading slash is optional). {@code .} and empty names are dropped; a
     * {@code ..} that would climb above the root is refused.
     */
    public static ImagePath of(String path, String what) {
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " '" + ControlCharacters.escapedUnambiguously(path)
                    + "' contains a NUL character");
        }
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (names.isEmpty()) {
                    throw new IllegalArgumentException(what + " '" + ControlCharacters.escapedUnambiguously(path)
                            + "' escapes the image root");
                }
                names.remove(names.size() - 1);
            } else {
                names.add(name);
            }
        }
        for (String name : names) {
            int length;
            try {
                length = FileNames.length(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
            }
            if (length > FileNames.MAX_NAME) {
                throw new IllegalArgumentException(what + " '" + ControlCharacters.escapedUnambiguously(path)
                        + "' has a name of "
                        + length + " bytes, more than the " + FileNames.MAX_NAME + " a file name may have");
            }
        }
        return new ImagePath(names.toArray(new String[0])); // each name checked above
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
        return new ImagePath(names.subList(0, names.size() - 1).toArray(new String[0]));
    }

    public String fileName() {
        return isRoot() ? "" : names.get(names.size() - 1);
    }

    /** The path of the entry {@code name} in this directory. */
    public ImagePath resolve(String name) {
        check(name);
        String[] longer = names.toArray(new String[names.size() + 1]);
        longer[names.size()] = name;
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
                    return Arrays.compareUnsigned(FileNames.encode(a), FileNames.encode(b));
                }
                return Character.compare(x, y); // UTF-8 keeps the order of the code points it encodes
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** This path as a relative path string, for resolving against a staging root ("" for the root). */
    public String relative() {
        return String.join("/", names);
    }

    /** This path for a message: bytes that are not UTF-8 and control characters escaped. */
    public String printable() {
        return ControlCharacters.escapedUnambiguously(toString());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImagePath path && names.equals(path.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "/" + relative();
    }
}
