package dev.portajava.attach;

import java.util.List;

/**
 * What {@code portajava detach} asks for.
 *
 * @param extensions the extension images the image was attached with, in order; they need not exist any more
 * @param matches unit prefixes whose units {@code --now} and {@code --enable} stop and disable; empty for all
 */
public record DetachRequest(String image, List<String> extensions, List<String> matches, boolean runtime,
        boolean enable, boolean now, boolean noReload) {

    public DetachRequest {
        extensions = List.copyOf(extensions);
        matches = List.copyOf(matches);
    }
}
