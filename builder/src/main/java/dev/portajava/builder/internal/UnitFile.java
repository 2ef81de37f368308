package dev.portajava.builder.internal;

import java.util.ArrayList;
import java.util.List;

/** The settings of a systemd unit file, enough to check what the builder cares about. */
record UnitFile(List<Setting> settings) {

    /** One {@code Key=value} line, continuation lines joined, with the section it stands in. */
    record Setting(String section, String key, String value, int line) {
    }

    UnitFile {
        settings = List.copyOf(settings);
    }

    static UnitFile parse(String text) {
        List<Setting> settings = new ArrayList<>();
        String section = "";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int first = i;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            StringBuilder joined = new StringBuilder();
            while (line.endsWith("\\") && i + 1 < lines.length) {
                joined.append(line, 0, line.length() - 1).append(' ');
                line = lines[++i].strip();
                if (line.startsWith("#") || line.startsWith(";")) {
                    line = "\\"; // comment lines inside a continuation are skipped
                }
            }
            joined.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line);
            String full = joined.toString().strip();
            if (full.startsWith("[") && full.endsWith("]")) {
                section = full.substring(1, full.length() - 1);
                continue;
            }
            int eq = full.indexOf('=');
            if (eq > 0) {
                settings.add(new Setting(section, full.substring(0, eq).strip(), full.substring(eq + 1).strip(), first + 1));
            }
        }
        return new UnitFile(settings);
    }

    List<Setting> values(String section, String key) {
        return settings.stream().filter(s -> s.section().equals(section) && s.key().equals(key)).toList();
    }
}
