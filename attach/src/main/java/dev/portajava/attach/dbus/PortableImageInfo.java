package dev.portajava.attach.dbus;

import dev.portajava.attach.ImageInfo;
import dev.portajava.attach.ImageState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code ListImages}'s {@code a(ssbtttso)}: name, type, read-only, creation and modification time (µs), usage,
 * state, object path.
 */
final class PortableImageInfo {

    static final String SIGNATURE = "a(ssbtttso)";

    private PortableImageInfo() {
    }

    static List<ImageInfo> list(Object wire) {
        return ((List<?>) wire).stream().map(item -> {
            List<?> f = (List<?>) item;
            return new ImageInfo((String) f.get(0), (String) f.get(1), (Boolean) f.get(2), instant(f.get(3)),
                    instant(f.get(4)), (Long) f.get(5), ImageState.parse((String) f.get(6)), (String) f.get(7));
        }).toList();
    }

    private static Optional<Instant> instant(Object micros) {
        long value = (Long) micros;
        return value == 0 ? Optional.empty() : Optional.of(Instant.EPOCH.plusNanos(value * 1000));
    }
}
