package dev.portajava.name;

import java.util.Optional;

/** The unit types systemd-portabled attaches out of an image. Every other unit type is refused. */
public enum UnitType {
    SERVICE("service"), SOCKET("socket"), TARGET("target"), TIMER("timer"), PATH("path");

    private final String suffix;

    /**
     * {@code suffix} written out: {@code toLowerCase(Locale.ROOT)} would set up {@code Locale} in the commands that
     * attach and detach, which need it nowhere else.
     */
    UnitType(String suffix) {
        this.suffix = suffix;
    }

    /** The suffix without the dot, as in {@code service}; also the name of a profile's drop-in file. */
    public String suffix() {
        return suffix;
    }

    /** The type a unit file name ends with, if portabled takes that type. */
    public static Optional<UnitType> ofFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String suffix = fileName.substring(dot + 1);
        for (UnitType type : values()) {
            if (type.suffix().equals(suffix)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
