package dev.portajava.attach;

import java.util.List;

/**
 * What {@code portajava detach} asks for.
 *
 * @param extensions the extension images the image was attached with, in order; they need not exist any more
 * @param matches unit prefixes whose units {@code --now}, {@code --enable} and {@code --clean} stop, disable and
 *     clean; empty for all
 * @param clean also remove the units' configuration, state, cache, logs and runtime data ({@code --clean})
 */
public record DetachRequest(String image, List<String> extensions, List<String> matches, boolean runtime,
        boolean enable, boolean now, boolean noReload, boolean clean) {

    public DetachRequest {
        extensions = List.copyOf(extensions);
        matches = List.copyOf(matches);
    }

    public DetachRequest(String image, List<String> extensions, List<String> matches, boolean runtime,
            boolean enable, boolean now, boolean noReload) {
        this(image, extensions, matches, runtime, enable, now, noReload, false);
    }
}
