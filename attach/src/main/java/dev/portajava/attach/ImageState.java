package dev.portajava.attach;

import java.util.Locale;

/** Whether an image is attached, and how, as portabled's {@code GetImageState} reports it. */
public enum ImageState {
    DETACHED, ATTACHED, ATTACHED_RUNTIME, ENABLED, ENABLED_RUNTIME, RUNNING, RUNNING_RUNTIME;

    /** Parses portabled's name, such as {@code attached-runtime}. */
    public static ImageState parse(String wire) {
        try {
            return valueOf(wire.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown image state '" + wire + "'", e);
        }
    }

    public boolean isAttached() {
        return this != DETACHED;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
