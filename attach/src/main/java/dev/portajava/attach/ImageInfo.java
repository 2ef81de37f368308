package dev.portajava.attach;

import java.time.Instant;
import java.util.Optional;

/** An image portabled knows of: attached, or found in its search path. */
public record ImageInfo(String name, String type, boolean readOnly, Optional<Instant> created,
        Optional<Instant> modified, long usageBytes, ImageState state, String objectPath) {
}
