package dev.portajava.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Writes spec directories for tests: a {@code portable.toml} and the files it names. The base spec is a working
 * image "hello" whose one service runs a script the spec writes into the image.
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
                """ + more;
    }

    private SpecFixture() {
    }

    /** A spec directory {@code dir} with {@code toml} as its portable.toml and hello.service as {@code unit}. */
    static Path specDir(Path dir, String toml, String unit) {
        write(dir.resolve("portable.toml"), toml);
        write(dir.resolve("hello.service"), unit);
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
