package dev.portajava.builder;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an image is to systemd: {@code [image] kind} in a spec. */
public enum ImageKind {
    /** A portable service image: {@code usr/lib/os-release} with {@code PORTABLE_PREFIXES=}, attached on its own. */
    PORTABLE,
    /**
     * An extension image for portable services: {@code usr/lib/extension-release.d/extension-release.NAME} with
     * {@code SYSEXT_SCOPE=portable}, and no os-release; attached over a base image
     * ({@code portablectl attach --extension}).
     */
    EXTENSION;

    /** The spec's word for it: {@code portable}, {@code extension}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a spec names, if it is one. */
    public static Optional<ImageKind> parse(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label().equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label();
    }
}
