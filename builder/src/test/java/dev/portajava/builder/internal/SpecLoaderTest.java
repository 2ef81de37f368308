package dev.portajava.builder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portajava.builder.FileMode;
import dev.portajava.builder.ImageKind;
import dev.portajava.builder.ImageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

    @TempDir
    Path dir;

    @Test
    void write_thenLoad_givesAnEqualSpec() throws Exception {
        ImageSpec spec = new ImageSpec(
                new ImageSpec.Image("hello", "1.0~rc1", "Hello, \"quoted\" and unicode \u2192", List.of("hello", "hello-x"),
                        List.of("hello.service", "units/hello-x.timer")),
                new ImageSpec.From("oci:layout:app-1.0", true), null,
                Map.of("NAME", "Hello", "VERSION_CODENAME", "first"),
                List.of(new ImageSpec.CopyTree("root", "/"), new ImageSpec.CopyTree("www", "/srv/www")),
                List.of(new ImageSpec.FileEntry("/bin/busybox", null, "/usr/bin/busybox", new FileMode(0755)),
                        new ImageSpec.FileEntry(null, "#!/bin/sh\necho \"hi\" \\ $HOME\n", "/usr/bin/hello", null)),
                List.of(new ImageSpec.SymlinkEntry("/usr/bin/sh", "busybox"), new ImageSpec.SymlinkEntry("/bin", "usr/bin")),
                List.of(new ImageSpec.DirectoryEntry("/var/empty", new FileMode(0700)),
                        new ImageSpec.DirectoryEntry("/srv", null)));
        Path file = Files.writeString(dir.resolve("portable.toml"), SpecLoader.write(spec));

        assertEquals(spec, SpecLoader.load(file));
    }

    @Test
    void write_thenLoad_ofAnExtensionWithXattrs_givesAnEqualSpec() throws Exception {
        ImageSpec spec = new ImageSpec(
                new ImageSpec.Image("app", "2", null, null, List.of("app.service"), ImageKind.EXTENSION), null,
                new ImageSpec.Extension("debian", "12", "1", "app_2", false), null, null,
                List.of(new ImageSpec.FileEntry(null, "x", "/usr/share/app/x", null,
                        Map.of("user.note", "a \"note\"", "user.other", ""))),
                null, List.of(new ImageSpec.DirectoryEntry("/usr/share/app", null, Map.of("user.dir", "d"))));
        Path file = Files.writeString(dir.resolve("portable.toml"), SpecLoader.write(spec));

        assertEquals(spec, SpecLoader.load(file));
    }

    @Test
    void write_thenLoad_ofMinimalSpec_givesAnEqualSpec() throws Exception {
        ImageSpec spec = new ImageSpec(new ImageSpec.Image("x", "1", null, null, null), null, null, null, null, null, null, null);
        Path file = Files.writeString(dir.resolve("portable.toml"), SpecLoader.write(spec));

        assertEquals(spec, SpecLoader.load(file));
    }

    @Test
    void write_thenLoad_keepsEmptyStrings() throws Exception {
        ImageSpec spec = new ImageSpec(new ImageSpec.Image("x", "1", null, null, null), null, null, Map.of("PRETTY_NAME", ""),
                null, List.of(new ImageSpec.FileEntry(null, "", "/etc/empty", null)), null, null);
        Path file = Files.writeString(dir.resolve("portable.toml"), SpecLoader.write(spec));

        assertEquals(spec, SpecLoader.load(file));
    }

    @Test
    void write_thenLoad_ofEachSample_givesAnEqualSpec() throws Exception {
        for (String sample : List.of("hello", "webserver")) {
            ImageSpec loaded = SpecLoader.load(SpecLoader.specFile(samples().resolve(sample)));
            Path file = Files.writeString(dir.resolve(sample + ".toml"), SpecLoader.write(loaded));

            assertEquals(loaded, SpecLoader.load(file), sample);
        }
    }

    /** The repository's samples directory; surefire runs in the module directory. */
    static Path samples() {
        return Path.of("").toAbsolutePath().getParent().resolve("samples");
    }
}
