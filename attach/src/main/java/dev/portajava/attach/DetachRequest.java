package dev.portajava.attach;

import java.util.List;

/**
 * What {@code portajava detach} asks for.
 *
 * @param matches unit prefixes whose units {@code --now}, {@code --enable} and {@code --clean} stop, disable and
 *     clean; empty for all
 * @param clean also remove the units' configuration, state, cache, logs and runtime data ({@code --clean})
 */
public record DetachRequest(String image, List<String> matches, boolean runtime, boolean enable, boolean now,
        boolean noReload, boolean clean) {

    public DetachRequest {
        matches = List.copyOf(matches);
    }

    public DetachRequest(String image, List<String> matches, boolean runtime, boolean enable, boolean now,
            boolean noReload) {
        this(image, matches, runtime, enable, now, noReload, false);
    }
}
