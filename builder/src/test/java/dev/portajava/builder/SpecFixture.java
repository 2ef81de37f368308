package dev.portajava.builder;

import dev.portajava.builder.internal.launch.TestElf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Writes spec directories for tests: a {@code portable.toml} and the files it names. The base spec is a working
 * image "hello" whose one service runs a script the spec writes into the image, with its interpreter {@code /bin/sh}
 * (a small static program, written by {@link TestElf}, in {@code /usr/bin}, which {@code /bin} links to).
 */
final class SpecFixture {

    static final String HELLO_UNIT = """
            [Unit]
            Description=Hello

            [Service]
            ExecStart=/usr/bin/hello
            StateDirectory=hello
            """;

    /** [image] hello 1.0 with hello.service, and /usr/bin/hello written from content; {@code more} is appended. */
    static String helloSpec(String more) {
        return """
                [image]
                name = "hello"
                version = "1.0"
                units = ["hello.service"]

                [[file]]
                content = "#!/bin/sh\\necho hello\\n"
                to = "/usr/bin/hello"
                mode = "0755"

                [[file]]
                from = "sh"
                to = "/usr/bin/sh"

                [[symlink]]
                path = "/bin"
                target = "usr/bin"
                """ + more;
    }

    /** A program {@code app} from the spec directory, at /usr/bin/app. */
    static final String APP = """
            [[file]]
            from = "app"
            to = "/usr/bin/app"
            mode = "0755"
            """;

    /** The loader and libc from the spec directory, where Debian 12 has them. */
    static final String LOADER_AND_LIBC = """
            [[file]]
            from = "ld.so"
            to = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
            mode = "0755"

            [[file]]
            from = "libc.so.6"
            to = "/usr/lib/x86_64-linux-gnu/libc.so.6"

            [[symlink]]
            path = "/lib64/ld-linux-x86-64.so.2"
            target = "../usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
            """;

    private SpecFixture() {
    }

    /**
     * A spec directory {@code dir} with {@code toml} as its portable.toml, hello.service as {@code unit}, and the
     * program {@code sh} (mode 0755) that {@link #helloSpec} installs as {@code /usr/bin/sh}.
     */
    static Path specDir(Path dir, String toml, String unit) {
        write(dir.resolve("portable.toml"), toml);
        write(dir.resolve("hello.service"), unit);
        try {
            Files.write(dir.resolve("sh"), TestElf.staticProgram().bytes());
            Files.setPosixFilePermissions(dir.resolve("sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The working hello spec directory, with {@code more} appended to its portable.toml. */
    static Path helloDir(Path dir, String more) {
        return specDir(dir, helloSpec(more), HELLO_UNIT);
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names in {@code dir}, sorted, hidden ones included. */
    static java.util.List<String> names(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
