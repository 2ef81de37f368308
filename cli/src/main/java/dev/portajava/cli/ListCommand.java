package dev.portajava.cli;

import dev.portajava.PortajavaException;
import dev.portajava.attach.ImageInfo;
import dev.portajava.text.ControlCharacters;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class ListCommand implements Command {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final CommandModel MODEL = CommandModel.of("list",
            "Lists the portable service images portabled knows: attached ones and those in its search path.")
            .options(JsonOption.JSON).options(BackendOptions.ALL)
            .footer("Example", "  portajava list --json");

    @Override
    public CommandModel model() {
        return MODEL;
    }

    @Override
    public int call(Invocation invocation) throws PortajavaException {
        List<ImageInfo> images = new BackendOptions(invocation).portables(Optional.empty()).list();
        PrintWriter out = invocation.out();
        if (invocation.has(JsonOption.JSON)) {
            JsonOption.print(out, images.stream().map(ListCommand::toMap).toList());
            return 0;
        }
        if (images.isEmpty()) {
            out.println("No images.");
            return 0;
        }
        String format = "%-24s %-10s %-3s %-23s %-23s %10s %s%n";
        out.printf(format, "NAME", "TYPE", "RO", "CRTIME", "MTIME", "USAGE", "STATE");
        for (ImageInfo image : images) {
            out.printf(format, ControlCharacters.escaped(image.name()), ControlCharacters.escaped(image.type()),
                    image.readOnly() ? "yes" : "no", time(image.created()), time(image.modified()),
                    image.usageBytes() == -1 ? "n/a" : Long.toString(image.usageBytes()), image.state());
        }
        out.println();
        out.println(images.size() + " images listed.");
        return 0;
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(TIME::format).orElse("n/a");
    }

    private static Map<String, Object> toMap(ImageInfo image) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", image.name());
        map.put("type", image.type());
        map.put("readOnly", image.readOnly());
        map.put("created", image.created().map(Instant::toString).orElse(null));
        map.put("modified", image.modified().map(Instant::toString).orElse(null));
        map.put("usageBytes", image.usageBytes());
        map.put("state", image.state().toString());
        return map;
    }
}
