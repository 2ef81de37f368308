package dev.portajava.builder;

import static dev.portajava.builder.SpecFixture.helloDir;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portajava.squashfs.SquashfsImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code [[file]]} from a host file gets its permission bits only: setuid and setgid bits are removed with the
 * warning a {@code [[copy]]} tree gives, unless the entry gives its {@code mode}.
 */
class FileSetuidTest {

    @TempDir
    Path temp;

    private Path spec;

    @BeforeEach
    void files() throws IOException {
        spec = Files.createDirectory(temp.resolve("spec"));
        mode(SpecFixture.write(spec.resolve("tool"), "#!/bin/sh\n"), 04755);
        mode(SpecFixture.write(spec.resolve("mailer"), "#!/bin/sh\n"), 02711);
        mode(SpecFixture.write(spec.resolve("plain"), "#!/bin/sh\n"), 0755);
    }

    @Test
    void file_fromAHostFileWithSetuidOrSetgid_getsItsPermissionBits_andAWarningNamesTheFiles() throws Exception {
        helloDir(spec, files(""));
        List<String> warnings = new ArrayList<>();

        Path image = build(warnings);

        assertEquals(List.of("removed the setuid/setgid bit of 2 files (/usr/sbin/mailer, /usr/sbin/tool); a [[file]]"
                + " gets permission bits only: copy such files with a [[copy]] tree that sets allow-setuid = true to"
                + " keep the bits"), warnings);
        assertEquals(List.of(0755, 0711, 0755), modes(image));
    }

    @Test
    void file_withAMode_getsIt_withoutAWarning() throws Exception {
        helloDir(spec, files("mode = \"0750\"\n"));
        List<String> warnings = new ArrayList<>();

        Path image = build(warnings);

        assertEquals(List.of(), warnings);
        assertEquals(List.of(0750, 0750, 0750), modes(image));
    }

    /** A [[file]] for tool, mailer and plain, each with {@code more}. */
    private static String files(String more) {
        StringBuilder toml = new StringBuilder();
        for (String name : List.of("tool", "mailer", "plain")) {
            toml.append("[[file]]\nfrom = \"").append(name).append("\"\nto = \"/usr/sbin/").append(name)
                    .append("\"\n").append(more).append('\n');
        }
        return toml.toString();
    }

    private Path build(List<String> warnings) throws Exception {
        return ImageBuilder.load(spec).withListener(e -> {
            if (e.warning()) {
                warnings.add(e.message());
            }
        }).build(temp.resolve("hello.raw")).path();
    }

    /** The modes of tool, mailer and plain in the image. */
    private static List<Integer> modes(Path raw) throws Exception {
        try (SquashfsImage image = SquashfsImage.open(raw)) {
            List<Integer> modes = new ArrayList<>();
            for (String name : List.of("tool", "mailer", "plain")) {
                modes.add(image.lookup("/usr/sbin/" + name).orElseThrow().permissions());
            }
            return modes;
        }
    }

    private static void mode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode);
    }
}
