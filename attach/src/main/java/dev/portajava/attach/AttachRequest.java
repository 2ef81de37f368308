package dev.portajava.attach;

import dev.portajava.profiles.ProfileName;
import java.util.List;

/**
 * What {@code portajava attach} asks for.
 *
 * @param image an absolute image path, or a bare image name portabled looks up in its search path
 * @param extensions extension images layered on {@code image}, in order; empty for none
 * @param matches unit prefixes to attach; empty for the image's own prefixes
 */
public record AttachRequest(String image, List<String> extensions, List<String> matches, ProfileName profile,
        CopyMode copyMode, boolean runtime, boolean enable, boolean now, boolean noReload, boolean force) {

    public AttachRequest {
        extensions = List.copyOf(extensions);
        matches = List.copyOf(matches);
    }
}
