package dev.portajava.cli;

import static dev.portajava.cli.TestSpecs.HELLO;
import static dev.portajava.cli.TestSpecs.HELLO_UNIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portajava.text.ByteCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommandTest {

    @TempDir
    Path temp;

    private final FakeHost host = new FakeHost();
    private Path spec;
    private Path outDir;

    @BeforeEach
    void directories() throws IOException {
        spec = Files.createDirectory(temp.resolve("spec"));
        outDir = Files.createDirectory(temp.resolve("out"));
        Files.writeString(spec.resolve("hello.service"), HELLO_UNIT);
    }

    @Test
    void build_whenSpecHasUnknownKey_exits2WithOneLineNamingTheFile() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO.replace("units", "unit"));

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello").toString());

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().startsWith("portajava: " + spec.resolve("portable.toml") + ": unknown key [image] unit"),
                cli.err());
        assertEquals("", cli.out());
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_whenAnOsReleaseValueHoldsControlCharacters_exits2NamingTheKeyAndWritesNothing() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO
                + "\n[os-release]\nPRETTY_NAME = \"Hi \\u001b]0;pwned\\u0007\\u001b[31mRED\"\n");

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString());

        assertEquals(2, cli.code(), cli.out());
        assertEquals("portajava: " + spec.resolve("portable.toml") + ": [os-release] PRETTY_NAME must be a one-line"
                + " string without control characters", cli.errLine());
        assertEquals("", cli.out());
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_whenThePrettyNameHoldsAControlCharacter_exits2NamingTheKeyAndWritesNothing() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO.replace("version = \"1.0\"\n",
                "version = \"1.0\"\npretty-name = \"P \\u001b[2J\"\n"));

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString());

        assertEquals(2, cli.code(), cli.out());
        assertEquals("portajava: " + spec.resolve("portable.toml") + ": [image] pretty-name must be a non-empty,"
                + " one-line string without control characters", cli.errLine());
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_whenModeIsAnInteger_exits2WithTheStringToWriteAndWritesNothing() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO.replace("mode = \"0755\"", "mode = 755"));

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: " + spec.resolve("portable.toml") + ": [[file]] #1 mode = 755 must be a string such as \"0755\"",
                cli.errLine());
        assertEquals("", cli.out());
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_whenUnitLacksThePrefix_exits2AndWritesNothing() throws IOException {
        Files.writeString(spec.resolve("other.service"), HELLO_UNIT);
        Files.writeString(spec.resolve("portable.toml"), HELLO.replace("hello.service", "other.service"));

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello").toString());

        assertEquals(2, cli.code());
        String line = cli.errLine();
        assertTrue(line.startsWith("portajava: " + spec.resolve("portable.toml") + ": "), line);
        assertTrue(line.contains("other.service does not carry the image's prefix"), line);
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_whenExecStartIsOnlyOnTheHost_exits2AndWritesNothing() throws IOException {
        Files.writeString(spec.resolve("hello.service"), "[Service]\nExecStart=/bin/sh -c true\n");
        Files.writeString(spec.resolve("portable.toml"), HELLO);

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString());

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().contains("ExecStart=/bin/sh: no such program in the image"), cli.err());
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_whenTheScriptsInterpreterIsNotInTheImage_exits2WithOneLineAndWritesNothing() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO.replace("#!/usr/bin/busybox sh", "#!/bin/bash"));

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: " + spec.resolve("portable.toml") + ": unit /usr/lib/systemd/system/hello.service"
                + " line 2 ExecStart=/usr/bin/hello: its interpreter /bin/bash is not in the image", cli.errLine());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_whenSpecIsMissing_exits2NamingTheFile() {
        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello").toString());

        assertEquals(2, cli.code());
        assertTrue(cli.errLine().startsWith("portajava: " + spec.resolve("portable.toml") + ": "), cli.err());
    }

    @Test
    void build_whenOutputExists_exits2AndKeepsIt() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO);
        Path output = Files.writeString(outDir.resolve("hello.raw"), "old");

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", output.toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: " + output + ": already exists; use --force to replace it", cli.errLine());
        assertEquals("old", Files.readString(output));
        assertEquals(List.of("hello.raw"), names(outDir));
    }

    @Test
    void build_whenOutputIsMissing_exits2WithUsage() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO);

        Cli cli = Cli.run(host, "build", spec.toString());

        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("--output"), cli.err());
    }

    @Test
    void build_json_printsPathFormatAndUnits() throws Exception {
        Files.writeString(spec.resolve("portable.toml"), HELLO);
        Path output = outDir.resolve("hello");

        Cli cli = Cli.run(host, "build", spec.resolve("portable.toml").toString(), "-o", output.toString(), "--json");

        assertEquals(0, cli.code(), cli.err());
        assertEquals("", cli.err());
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertEquals(output.toString(), json.get("path").asText());
        assertEquals("directory", json.get("format").asText());
        assertEquals("hello", json.get("name").asText());
        assertEquals(List.of("hello.service"), List.of(json.get("units").get(0).asText()));
        assertEquals(1, json.get("units").size());
        assertEquals(null, json.get("bytes"), "a directory image's size is not one file's");
        assertTrue(Files.isRegularFile(output.resolve("usr/lib/systemd/system/hello.service")));
    }

    @Test
    void build_jsonRaw_printsTheImagesSizeAndSha256() throws Exception {
        Files.writeString(spec.resolve("portable.toml"), HELLO);
        Path output = outDir.resolve("hello_1.0.raw");

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", output.toString(), "--json");

        assertEquals(0, cli.code(), cli.err());
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertEquals("squashfs", json.get("format").asText());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(output)));
        assertEquals(sha256, json.get("sha256").asText());
        assertEquals(Files.size(output), json.get("bytes").asLong());
    }

    @Test
    void build_withUnknownEngine_exits2NamingTheEngines() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO);

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString(), "--engine", "cp");

        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("'cp' is not an engine (java, mksquashfs)"), cli.err());
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_withBadBlockSize_exits2() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO);

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString(),
                "--compression", "zstd", "--block-size", "100K");

        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("block size 102400 is not a power of two"), cli.err());
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_withConflictingOptions_exits2WithOneLineAndWritesNothing() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO);
        String out = outDir.resolve("hello.raw").toString();
        Map<List<String>, String> cases = Map.of(
                List.of(spec.toString(), "-o", out, "--key", "key.pem"), "--key needs --cert",
                List.of(spec.toString(), "-o", out, "--cert", "cert.pem"), "--cert needs --key",
                List.of(spec.toString(), "-o", out, "--arch", "sparc"), "unknown architecture 'sparc'; use x86-64 or arm64",
                List.of(spec.toString(), "-o", out, "--arch", "arm64"), "--arch has no effect on this image: it picks"
                    + " the partition types of a ddi (--format ddi) and the platform of a container image ([from] or"
                    + " --from), and this spec has neither",
                List.of("--from", "oci:app", "--base", "runtime.raw", "-o", out),
                "--base is for extension images, built from a spec, not --from",
                List.of(spec.toString(), "--from", "oci:app", "-o", out),
                "give either a SPEC or --from, not both (a spec names its image in [from])",
                List.of(spec.toString(), "-o", out, "--allow-setuid"), "--allow-setuid is for --from; with a spec, set"
                    + " allow-setuid = true in its [from] or in a [[copy]] entry",
                List.of(spec.toString(), "-o", out, "--insecure-registry", "registry.example:5000"),
                spec.resolve("portable.toml") + ": --insecure-registry has no effect: the spec has no [from] to pull"
                    + " from a registry",
                List.of("--from", "oci:app", "--insecure-registry", "registry.example:5000", "-o", out),
                "--from: --insecure-registry has no effect: 'oci:" + Path.of("app").toAbsolutePath() + "' is read"
                    + " from this machine, not a registry");
        for (Map.Entry<List<String>, String> entry : cases.entrySet()) {
            List<String> args = new ArrayList<>(List.of("build"));
            args.addAll(entry.getKey());

            Cli cli = Cli.run(host, args.toArray(String[]::new));

            assertEquals(2, cli.code(), entry.getKey().toString());
            assertEquals("portajava: " + entry.getValue(), cli.errLine(), entry.getKey().toString());
            assertEquals(List.of(), names(outDir), entry.getKey().toString());
        }
    }

    @Test
    void build_withArch_ofADdi_usesIt() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO);

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", outDir.resolve("hello.raw").toString(), "--format",
                "ddi", "--arch", "arm64", "--quiet");

        assertEquals(0, cli.code(), cli.err());
        assertEquals(List.of("hello.raw"), names(outDir));
    }

    @Test
    void build_human_saysWhatItBuilt() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO);
        Path output = outDir.resolve("hello");

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", output.toString());

        assertEquals(0, cli.code(), cli.err());
        assertEquals(List.of("Built " + output + " (directory, units: hello.service)."),
                cli.out().lines().filter(line -> !line.startsWith("write: ")).toList(), "after the phase's line");
    }

    @Test
    void build_withSourceDateEpoch_givesEveryFileThatTime() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO);
        Path output = outDir.resolve("hello");

        Cli cli = Cli.run(host, Map.of("SOURCE_DATE_EPOCH", "1234567890"), "build", spec.toString(), "-o",
                output.toString());

        assertEquals(0, cli.code(), cli.err());
        try (Stream<Path> paths = Files.walk(output)) {
            for (Path path : paths.toList()) {
                assertEquals(FileTime.fromMillis(1_234_567_890_000L), Files.getLastModifiedTime(path), path.toString());
            }
        }
    }

    @Test
    void build_withBadSourceDateEpoch_exits2AndWritesNothing() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO);

        Cli cli = Cli.run(host, Map.of("SOURCE_DATE_EPOCH", "yesterday"), "build", spec.toString(), "-o",
                outDir.resolve("hello").toString());

        assertEquals(2, cli.code());
        assertEquals("portajava: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970", cli.errLine());
        assertEquals(List.of(), names(outDir));
    }

    @Test
    void build_whenForce_replacesTheOutput() throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO);
        Path output = Files.createDirectories(outDir.resolve("hello/usr/lib")).getParent().getParent();
        Files.writeString(output.resolve("usr/lib/os-release"), "ID=hello\n");
        Files.writeString(output.resolve("stale"), "x");

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", output.toString(), "--force");

        assertEquals(0, cli.code(), cli.err());
        assertTrue(Files.notExists(output.resolve("stale")));
        assertEquals(List.of("hello"), names(outDir));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void build_notOnATerminal_printsALinePerPhase_beforeTheResult_andNothingOnStderr() throws Exception {
        Files.writeString(spec.resolve("portable.toml"), HELLO);
        Path output = outDir.resolve("hello_1.0.raw");

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", output.toString(), "--format", "ddi");

        assertEquals(0, cli.code(), cli.err());
        assertEquals("", cli.err());
        List<String> lines = cli.out().lines().toList();
        // the files of the image and their bytes
        assertTrue(lines.get(0).matches("write: \\d+ files, \\d+\\.\\d [kM]B in \\d+\\.\\d s \\(\\d+\\.\\d [kMG]B/s\\)"),
                cli.out());
        assertTrue(lines.get(1).matches("verity: \\d+\\.\\d MB in \\d+\\.\\d s \\(.*B/s\\)"), cli.out());
        assertEquals("Built " + output + " (ddi, " + ByteCount.of(Files.size(output)) + ", units: hello.service).",
                lines.get(2));
    }

    @Test
    void build_quiet_printsNothing_andWritesTheImage() throws Exception {
        Files.writeString(spec.resolve("portable.toml"), HELLO);
        Path output = outDir.resolve("hello.raw");

        Cli cli = Cli.run(host, "build", spec.toString(), "-o", output.toString(), "--quiet");

        assertEquals(0, cli.code(), cli.err());
        assertEquals("", cli.out());
        assertEquals("", cli.err());
        assertTrue(Files.size(output) > 0);
    }
}
