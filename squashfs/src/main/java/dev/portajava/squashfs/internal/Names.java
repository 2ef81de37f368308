package dev.portajava.squashfs.internal;

import java.nio.charset.StandardCharsets;

/**
 * Names as squashfs stores them: file names, symlink targets and xattr names are bytes in an image and Strings in
 * a plan. This is the one place that turns one into the other.
 */
public final class Names {

    private Names() {
    }

    /** The bytes a name of the plan is stored as. */
    public static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    /** The name that bytes read from an image stand for. */
    public static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
