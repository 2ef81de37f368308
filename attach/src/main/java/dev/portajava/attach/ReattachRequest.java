package dev.portajava.attach;

import dev.portajava.profiles.ProfileName;
import java.util.List;

/**
 * What {@code portajava reattach} asks for: replace what an image of the same name attached with {@code image}.
 *
 * @param extensions extension images layered on {@code image}, in order; empty for none
 * @param matches unit prefixes to attach from the new image; empty for all of its units
 * @param force accept an extension whose release file is named otherwise than the image file
 */
public record ReattachRequest(String image, List<String> extensions, List<String> matches, ProfileName profile,
        CopyMode copyMode, boolean runtime, boolean enable, boolean now, boolean noReload, boolean force) {

    public ReattachRequest {
        extensions = List.copyOf(extensions);
        matches = List.copyOf(matches);
    }
}
