package dev.portajava.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portajava.text.ControlCharacters;
import dev.portajava.tree.FileNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command in its own JVM, with the locale services often run with: {@code LC_ALL=C}, or no locale variable at
 * all (the JDK then decodes file names as ASCII). Names that are not UTF-8 or not ASCII build all the same, and
 * reach the image byte for byte (unsquashfs and find are the judges); an argument the JVM could not decode is
 * refused as bad usage.
 */
class LocaleTest {

    /** The copied tree: each name's bytes in hex; "d" marks a directory. */
    private static final List<String> TREE = List.of("61ff", "61fe", "636166c3a9", "64fd:d", "64fd/e5908de5898d");

    private static final String SPEC = TestSpecs.HELLO + """

            [[copy]]
            from = "données"
            to = "/srv/names"

            [[file]]
            content = "x\\n"
            to = "/etc/naïve.conf"
            """;

    @TempDir
    Path temp;

    private Path spec;
    private Path outDir;

    @BeforeEach
    void spec() throws IOException {
        spec = Files.createDirectory(temp.resolve("spec"));
        Files.writeString(spec.resolve("portable.toml"), SPEC);
        Files.writeString(spec.resolve("hello.service"), "[Service]\nExecStart=/usr/bin/hello\n");
        Path tree = Files.createDirectory(FileNames.resolve(spec, "données"));
        for (String entry : TREE) {
            Path path = FileNames.resolve(tree, name(entry.replace(":d", "")));
            if (entry.endsWith(":d")) {
                Files.createDirectory(path);
            } else {
                Files.writeString(path, "made as " + entry);
            }
        }
        outDir = Files.createDirectory(temp.resolve("out"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LC_ALL=C", ""})
    void build_inAnyLocale_keepsEveryNameByteForByte(String locale) throws Exception {
        Path image = outDir.resolve("hello.raw");

        Run run = portajava(locale, "build", spec.toString(), "-o", image.toString());

        assertEquals(0, run.code(), run.err());
        Path extracted = temp.resolve("extracted");
        command("unsquashfs", "-no-progress", "-d", extracted.toString(), image.toString());
        Map<String, String> expected = new TreeMap<>();
        expected.put("srv/names", "");
        for (String entry : TREE) {
            String name = name(entry.replace(":d", ""));
            expected.put(ControlCharacters.escapedUnambiguously("srv/names/"
                    + name), entry.endsWith(":d") ? "" : "made as " + entry);
        }
        assertEquals(expected, srv(extracted));
        assertTrue(Files.exists(extracted.resolve("etc").resolve(FileNames.path("naïve.conf"))), "etc/naïve.conf");
    }

    @Test
    void build_underLcAllC_refusesANameOver255BytesWithItEscaped() throws Exception {
        Files.writeString(spec.resolve("portable.toml"), SPEC + """

                [[directory]]
                path = "/srv/\\u0001%s"
                """.formatted("a".repeat(255)));

        Run run = portajava("LC_ALL=C", "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString());

        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("path '/srv/\\x01" + "a".repeat(255) + "'"), run.err());
        assertTrue(run.err().contains("has a name of 256 bytes, more than the 255 a file name may have"), run.err());
        try (Stream<Path> left = Files.list(outDir)) {
            assertEquals(List.of(), left.toList(), "nothing written");
        }
    }

    @Test
    void build_outputTheJvmCannotDecode_isRefusedRatherThanRenamed() throws Exception {
        // the shell passes the byte 0xff itself; the JVM turns it into U+FFFD before portajava sees it
        Run run = portajava("LANG=C.UTF-8", "build", spec.toString(), "-o", "$(printf '%s/a\\377.raw' \"$OUT\")");

        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("portajava: Invalid value for option '--output': '" + outDir + "/a\ufffd.raw'"
                + " is not the argument given: the JVM decoded it with the locale's encoding, UTF-8, which some of its"
                + " bytes are not\n"), run.err());
        try (Stream<Path> left = Files.list(outDir)) {
            assertEquals(List.of(), left.toList(), "nothing written, under no other name either");
        }
    }

    @Test
    void inspect_underLcAllC_imageWithNonAsciiName_isBadUsageNotAnInternalError() throws Exception {
        Run run = portajava("LC_ALL=C", "inspect", "$(printf '%s/caf\\303\\251.raw' \"$OUT\")");

        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("is not the argument given: the JVM decoded it with the locale's encoding,"
                + " ANSI_X3.4-1968, which some of its bytes are not; use a UTF-8 locale (LC_ALL=C.UTF-8)"), run.err());
    }

    /** Every path below {@code root}/srv as find sees its bytes, with a file's content. */
    private static Map<String, String> srv(Path root) throws IOException, InterruptedException {
        byte[] listing = command("find", root.resolve("srv").toString(), "-mindepth", "1", "-printf", "%P\\0");
        Map<String, String> found = new TreeMap<>();
        int start = 0;
        for (int i = 0; i < listing.length; i++) {
            if (listing[i] == 0) {
                String name = FileNames.decode(listing, start, i - start);
                Path path = FileNames.resolve(root.resolve("srv"), name);
                found.put(ControlCharacters.escapedUnambiguously("srv/" + name),
                        Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : "");
                start = i + 1;
            }
        }
        return found;
    }

    private static String name(String hexPath) {
        List<String> names = new ArrayList<>();
        for (String hex : hexPath.split("/")) {
            names.add(FileNames.decode(HexFormat.of().parseHex(hex)));
        }
        return String.join("/", names);
    }

    private record Run(int code, String err) {
    }

    /**
     * Runs the command in a new JVM, through a shell that expands {@code $(…)} in the arguments ({@code $OUT} is the
     * output directory), with no locale variable but {@code locale} ("" for none).
     */
    private Run portajava(String locale, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder script = new StringBuilder("exec \"$0\" -cp \"$1\" " + Main.class.getName());
        for (String arg : args) {
            script.append(arg.startsWith("$(") ? " \"" + arg + "\"" : " '" + arg.replace("'", "'\\''") + "'");
        }
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script.toString(), java,
                System.getProperty("java.class.path")).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(k -> k.equals("LANG") || k.equals("LANGUAGE") || k.startsWith("LC_"));
        builder.environment().put("OUT", outDir.toString());
        if (!locale.isEmpty()) {
            String[] variable = locale.split("=", 2);
            builder.environment().put(variable[0], variable[1]);
        }
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), err);
    }

    private static byte[] command(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", command));
        return out;
    }
}
