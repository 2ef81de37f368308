package dev.portajava.builder;

import dev.portajava.name.ImageFile;
import java.nio.file.Path;

/** What {@code portajava build} writes. */
public enum ImageFormat {
    /** A directory tree, attached with {@code RootDirectory=}. */
    DIRECTORY,
    /** A raw squashfs file system image ({@code NAME.raw}), attached with {@code RootImage=}. */
    SQUASHFS,
    /**
     * A GPT disk image ({@code NAME.raw}, a Discoverable Disk Image) with the squashfs in a root partition, its
     * dm-verity hash tree in a root-verity partition and, when signed, a root-verity-sig partition.
     */
    DDI;

    /** The format an output name asks for: a name ending in {@code .raw} is a raw image, anything else a directory. */
    public static ImageFormat guess(Path output) {
        return ImageFile.named(output).filter(ImageFile::raw).isPresent() ? SQUASHFS : DIRECTORY;
    }
}
