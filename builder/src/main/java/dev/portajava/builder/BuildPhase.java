package dev.portajava.builder;

import java.util.Locale;

/** The long parts of a build, in the order they run; a build runs those it needs. */
public enum BuildPhase {
    /**
     * Fetching a {@code [from]} image's manifest, config and layers into the cache, each downloaded layer unpacked
     * while it arrives; counts layers.
     */
    PULL("layer"),
    /**
     * Unpacking the layers not unpacked yet into the cache's file index (those that were in the cache, and the rest
     * of those that arrived), then applying them in order; counts files.
     */
    UNPACK("file"),
    /** Writing the image's file system (a squashfs, or a directory). */
    WRITE("file"),
    /** Hashing the file system for dm-verity, and writing the disk image or the sidecars. */
    VERITY("file");

    private final String unit;

    BuildPhase(String unit) {
        this.unit = unit;
    }

    /** {@code pull}, {@code unpack}, {@code write}, {@code verity}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What {@link BuildProgress#files()} counts in this phase, in the singular: {@code layer} or {@code file}. */
    public String unit() {
        return unit;
    }
}
