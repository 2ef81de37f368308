package dev.portajava.cli;

import dev.portajava.builder.BuiltImage;
import dev.portajava.name.UnitName;
import dev.portajava.text.ByteCount;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints what build made: its path, format, size (of a raw image) and units, its sha256 or root hash, and the
 * sidecars written.
 */
final class BuiltImagePrinter {

    private BuiltImagePrinter() {
    }

    static void print(PrintWriter out, BuiltImage image, boolean json) {
        String format = image.format().name().toLowerCase(Locale.ROOT);
        List<String> units = image.units().stream().map(UnitName::value).toList();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("path", image.path().toString());
            result.put("format", format);
            result.put("name", image.name().value());
            result.put("units", units);
            image.bytes().ifPresent(bytes -> result.put("bytes", bytes));
            image.sha256().ifPresent(sha -> result.put("sha256", sha));
            image.rootHash().ifPresent(hash -> result.put("rootHash", hash));
            result.put("sidecars", image.sidecars().stream().map(Path::toString).toList());
            JsonOption.print(out, result);
        } else {
            String size = image.bytes().isPresent() ? ByteCount.of(image.bytes().getAsLong()) + ", " : "";
            out.println("Built " + image.path() + " (" + format + ", " + size + "units: " + String.join(" ", units)
                    + ").");
            image.sha256().ifPresent(sha -> out.println("sha256 " + sha));
            image.rootHash().ifPresent(hash -> out.println("roothash " + hash));
            image.sidecars().forEach(sidecar -> out.println("wrote " + sidecar));
        }
    }
}
