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
 * A {@code [[copy]]} tree's setuid and setgid bits, as a {@code [from]} image's: kept with {@code allow-setuid = true},
 * else removed with a warning naming the files; the sticky bit is kept.
 */
class CopySetuidTest {

    @TempDir
    Path temp;

    private Path spec;

    @BeforeEach
    void tree() throws IOException {
        spec = Files.createDirectory(temp.resolve("spec"));
        Path root = spec.resolve("root");
        mode(SpecFixture.write(root.resolve("usr/sbin/tool"), "#!/bin/sh\n"), 04755);
        mode(SpecFixture.write(root.resolve("usr/sbin/mailer"), "#!/bin/sh\n"), 02711);
        mode(Files.createDirectories(root.resolve("srv/shared")), 02775);
        mode(Files.createDirectories(root.resolve("srv/drop")), 01777);
    }

    @Test
    void copy_removesSetuidAndSetgidBits_andNamesTheFilesInAWarning_keepingTheStickyBit() throws Exception {
        helloDir(spec, """
                [[copy]]
                from = "root"
                """);
        List<String> warnings = new ArrayList<>();

        Path image = ImageBuilder.load(spec).withListener(e -> {
            if (e.warning()) {
                warnings.add(e.message());
            }
        }).build(temp.resolve("hello.raw")).path();

        assertEquals(List.of("removed the setuid/setgid bit of 3 files (/srv/shared, /usr/sbin/mailer, /usr/sbin/tool);"
                + " set allow-setuid = true in the [[copy]] from 'root' to keep them"), warnings);
        assertEquals(List.of(0755, 0711, 0775, 01777), modes(image));
    }

    @Test
    void copy_withAllowSetuid_keepsTheBits_withoutAWarning() throws Exception {
        helloDir(spec, """
                [[copy]]
                from = "root"
                allow-setuid = true
                """);
        List<String> warnings = new ArrayList<>();

        Path image = ImageBuilder.load(spec).withListener(e -> {
            if (e.warning()) {
                warnings.add(e.message());
            }
        }).build(temp.resolve("hello.raw")).path();

        assertEquals(List.of(), warnings);
        assertEquals(List.of(04755, 02711, 02775, 01777), modes(image));
    }

    /** The modes of the tree's entries in the image: tool, mailer, shared, drop. */
    private static List<Integer> modes(Path raw) throws Exception {
        try (SquashfsImage image = SquashfsImage.open(raw)) {
            List<Integer> modes = new ArrayList<>();
            for (String path : List.of("/usr/sbin/tool", "/usr/sbin/mailer", "/srv/shared", "/srv/drop")) {
                modes.add(image.lookup(path).orElseThrow().permissions());
            }
            return modes;
        }
    }

    private static void mode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode);
    }
}
