package dev.portajava.attach;

import dev.portajava.profiles.ProfileName;
import java.util.List;

/**
 * What {@code portajava reattach} asks for: replace what an image of the same name attached with {@code image}.
 *
 * @param matches unit prefixes to attach from the new image; empty for all of its units
 */
public record ReattachRequest(String image, List<String> matches, ProfileName profile, CopyMode copyMode,
        boolean runtime, boolean enable, boolean now, boolean noReload) {

    public ReattachRequest {
        matches = List.copyOf(matches);
    }
}
