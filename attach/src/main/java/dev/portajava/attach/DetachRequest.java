package dev.portajava.attach;

import java.util.List;

/**
 * What {@code portajava detach} asks for.
 *
 * @param matches unit prefixes whose units {@code --now} and {@code --enable} stop and disable; empty for all
 */
public record DetachRequest(String image, List<String> matches, boolean runtime, boolean enable, boolean now,
        boolean noReload) {

    public DetachRequest {
        matches = List.copyOf(matches);
    }
}
