package dev.portajava.builder;

import java.nio.file.Path;

/** What {@code portajava build} writes. */
public enum ImageFormat {
    /** A directory tree, attached with {@code RootDirectory=}. */
    DIRECTORY,
    /** A raw squashfs file system image ({@code NAME.raw}), attached with {@code RootImage=}. */
    SQUASHFS;

    /** The format an output name asks for: a name ending in {@code .raw} is a raw image, anything else a directory. */
    public static ImageFormat guess(Path output) {
        Path name = output.getFileName();
        return name != null && name.toString().endsWith(".raw") ? SQUASHFS : DIRECTORY;
    }
}
