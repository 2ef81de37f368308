package dev.portajava.maven;

import java.nio.file.Path;
import java.util.List;

/** The {@code portable.toml} of a {@link ServiceImage}, for the builder: its trees, unit and os-release. */
final class SpecText {

    /** The os-release field naming the sandbox profile the image is meant for. */
    static final String PROFILE_FIELD = "PORTAJAVA_PROFILE";

    private SpecText() {
    }

    static String of(ServiceImage image, String unit, List<Path> trees) {
        StringBuilder toml = new StringBuilder("[image]\n")
                .append("name = ").append(string(image.name())).append('\n')
                .append("version = ").append(string(image.version())).append('\n');
        image.prettyName().ifPresent(pretty -> toml.append("pretty-name = ").append(string(pretty)).append('\n'));
        toml.append("units = [").append(string(unit)).append("]\n\n[os-release]\n")
                .append(PROFILE_FIELD).append(" = ").append(string(image.profile())).append('\n');
        for (Path tree : trees) {
            toml.append("\n[[copy]]\nfrom = ").append(string(tree.toAbsolutePath().toString()))
                    .append("\nto = \"/\"\n");
        }
        return toml.toString();
    }

    /** A TOML basic string. */
    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
