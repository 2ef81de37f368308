package dev.portajava.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The specs the command tests build: a service that is a busybox script. */
final class TestSpecs {

    /** hello 1.0: {@code hello.service} runs {@code /usr/bin/hello}, a busybox script; busybox from the host. */
    static final String HELLO = """
            [image]
            name = "hello"
            version = "1.0"
            units = ["hello.service"]

            [[file]]
            content = "#!/usr/bin/busybox sh\\n"
            to = "/usr/bin/hello"
            mode = "0755"

            [[file]]
            from = "/bin/busybox"
            to = "/usr/bin/busybox"
            mode = "0755"
            """;

    /** The unit file {@link #HELLO} names. */
    static final String HELLO_UNIT = "[Service]\nExecStart=/usr/bin/hello\n";

    private TestSpecs() {
    }

    /** Writes {@link #HELLO} and its unit file into the directory {@code spec}; returns it. */
    static Path hello(Path spec) throws IOException {
        Files.writeString(spec.resolve("portable.toml"), HELLO);
        Files.writeString(spec.resolve("hello.service"), HELLO_UNIT);
        return spec;
    }
}
