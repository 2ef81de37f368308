package dev.portajava.attach.dbus;

import dev.portajava.attach.ImageMetadata;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The out arguments of {@code GetImageMetadata} ({@code s path, ay os-release, a{say} units}) and of
 * {@code GetImageMetadataWithExtensions} (the same, with {@code a{say}} extension releases before the units).
 */
final class PortableImageMetadata {

    private PortableImageMetadata() {
    }

    static ImageMetadata of(List<Object> reply) {
        boolean withExtensions = reply.size() == 4;
        Map<String, String> releases = new LinkedHashMap<>();
        if (withExtensions) {
            texts(reply.get(2)).forEach(releases::put);
        }
        TreeMap<String, String> units = new TreeMap<>(texts(reply.get(withExtensions ? 3 : 2)));
        return ImageMetadata.of((String) reply.get(0), text(reply.get(1)), releases, units);
    }

    private static Map<String, String> texts(Object wire) {
        Map<String, String> texts = new LinkedHashMap<>();
        ((Map<?, ?>) wire).forEach((name, content) -> texts.put((String) name, text(content)));
        return texts;
    }

    /** {@code ay} as UTF-8 text. */
    private static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }
}
