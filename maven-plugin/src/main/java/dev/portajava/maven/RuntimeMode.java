package dev.portajava.maven;

import java.util.Locale;

/** Where a service's Java runtime goes: the build goal's {@code <runtime>}. */
enum RuntimeMode {

    /** Into the service image itself, under {@code /usr/lib/NAME/runtime}: one image, attached on its own. */
    BUNDLED,
    /**
     * Into a base image of its own ({@link RuntimeImage}), the same for every application that needs the same
     * modules of the same JDK; the application is an extension image laid over it.
     */
    SHARED;

    /** {@code bundled} or {@code shared}, in any case. */
    static RuntimeMode parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "bundled" -> BUNDLED;
            case "shared" -> SHARED;
            default -> throw new IllegalArgumentException("runtime '" + value + "' is not bundled or shared");
        };
    }
}
