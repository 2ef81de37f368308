package dev.portajava.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's spec examples are what the loader reads: each example loads, every key the loader knows is shown,
 * and every key the loader requires is marked {@code # required}.
 */
class ReadmeSpecTest {

    /** Every table and key the loader knows, each set. */
    private static final String FULL = """
            [image]
            name = "app"
            version = "1.0"
            pretty-name = "App"
            prefixes = ["app"]
            units = ["app.service"]
            kind = "portable"

            [from]
            image = "oci:layout"
            allow-setuid = false

            [os-release]
            NAME = "App"

            [[copy]]
            from = "www"
            to = "/srv/www"
            allow-setuid = false

            [[file]]
            from = "/bin/busybox"
            to = "/usr/bin/busybox"
            mode = "0755"
            xattrs = { "user.origin" = "debian" }

            [[file]]
            content = "x"
            to = "/etc/x"

            [[symlink]]
            path = "/usr/bin/sh"
            target = "busybox"

            [[directory]]
            path = "/srv/data"
            mode = "0755"
            xattrs = { "user.purpose" = "data" }

            [health]
            url = "http://127.0.0.1:8080/health"
            timeout = "10s"
            """;

    /** Every key of an extension image, each set. */
    private static final String FULL_EXTENSION = """
            [image]
            name = "app"
            version = "1.0"
            kind = "extension"
            units = ["app.service"]

            [extension]
            base-id = "runtime"
            base-sysext-level = "1"
            base-version-id = "1.0"
            release-name = "app"
            strict = false
            """;

    private static final Pattern IMAGE_TABLE = Pattern.compile("^\\[image\\]", Pattern.MULTILINE);
    private static final Pattern HEADER = Pattern.compile("^\\s*(\\[\\[?[a-z-]+\\]\\]?)\\s*(#.*)?$");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z-]+)\\s*=.*$");

    @TempDir
    Path dir;

    @Test
    void readme_everySpecExample_loads() throws Exception {
        List<String> examples = specExamples();
        assertEquals(3, examples.size(), "the spec, extension and [from] examples");
        for (String example : examples) {
            Path file = Files.writeString(dir.resolve("portable.toml"), example);
            ImageSpec.load(file);
        }
    }

    @Test
    void readme_projectSpecExample_loadsWithTheImageTableThePluginAdds() throws Exception {
        List<String> partial = new ArrayList<>(examples());
        partial.removeAll(specExamples());
        assertEquals(1, partial.size(), "the Maven plugin's portable.toml next to the POM");
        Path file = Files.writeString(dir.resolve("portable.toml"),
                partial.get(0) + "\n[image]\nname = \"my-app\"\nversion = \"1.0\"\n");
        ImageSpec.load(file);
    }

    @Test
    void readme_showsEveryKeyTheLoaderKnows() throws Exception {
        Map<String, String> shown = keyLines(String.join("\n", specExamples()));
        for (String full : List.of(FULL, FULL_EXTENSION)) {
            for (String key : keyLines(full).keySet()) {
                assertTrue(shown.containsKey(key), "the README shows " + key);
            }
            Path file = Files.writeString(dir.resolve("portable.toml"), full);
            ImageSpec.load(file); // each is a valid spec: the keys above are all the loader's
        }
    }

    @Test
    void readme_marksEveryRequiredKey() throws Exception {
        Map<String, String> shown = keyLines(String.join("\n", specExamples()));
        List<String> required = new ArrayList<>();
        for (String full : List.of(FULL, FULL_EXTENSION)) {
            required.addAll(requiredKeys(full));
        }
        assertTrue(required.containsAll(List.of("[image] name", "[image] version", "[from] image", "[[copy]] from",
                "[[file]] to", "[[symlink]] path", "[[symlink]] target", "[[directory]] path", "[extension] base-id")),
                required.toString());
        for (String key : required) {
            assertTrue(shown.get(key).contains("# required"), "the README marks " + key + " required: " + shown.get(key));
        }
    }

    /** The keys of {@code full} without which it is refused as missing a key. */
    private List<String> requiredKeys(String full) throws IOException {
        List<String> required = new ArrayList<>();
        for (Map.Entry<String, Integer> key : keyLineNumbers(full).entrySet()) {
            List<String> lines = new ArrayList<>(full.lines().toList());
            lines.remove((int) key.getValue());
            Path file = Files.writeString(dir.resolve("portable.toml"), String.join("\n", lines) + "\n");
            try {
                ImageSpec.load(file);
            } catch (InvalidSpecException e) {
                if (e.getMessage().contains(" is missing")) {
                    required.add(key.getKey());
                }
            }
        }
        return required;
    }

    /** The README's whole specs: its TOML examples with an {@code [image]} table. */
    private static List<String> specExamples() throws IOException {
        return examples().stream().filter(example -> IMAGE_TABLE.matcher(example).find()).toList();
    }

    /** The README's TOML examples: whole specs, and the part of one a project next to its POM gives the plugin. */
    private static List<String> examples() throws IOException {
        String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        List<String> examples = new ArrayList<>();
        Matcher block = Pattern.compile("```toml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find()) {
            examples.add(block.group(1));
        }
        return examples;
    }

    /** "[table] key" to the line that sets it, for every key in {@code toml}. */
    private static Map<String, String> keyLines(String toml) {
        Map<String, String> keys = new LinkedHashMap<>();
        String table = "";
        for (String line : toml.lines().toList()) {
            Matcher header = HEADER.matcher(line);
            Matcher key = KEY.matcher(line);
            if (header.matches()) {
                table = header.group(1);
            } else if (key.matches()) {
                keys.putIfAbsent(table + " " + key.group(1), line);
            }
        }
        return keys;
    }

    /** "[table] key" to its line number, for the first setting of each key in {@code toml}. */
    private static Map<String, Integer> keyLineNumbers(String toml) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        String table = "";
        List<String> lines = toml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher header = HEADER.matcher(lines.get(i));
            Matcher key = KEY.matcher(lines.get(i));
            if (header.matches()) {
                table = header.group(1);
            } else if (key.matches()) {
                keys.putIfAbsent(table + " " + key.group(1), i);
            }
        }
        return keys;
    }
}
