package dev.portajava.oci;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How images are fetched.
 *
 * @param architecture the GOARCH to pick from an image index ({@code amd64}, {@code arm64}, …)
 * @param insecureRegistries hosts ({@code host} or {@code host:port}) that may be spoken to over plain HTTP, besides
 *     loopback, which always may
 * @param dockerConfig the {@code config.json} credentials are read from, if any
 * @param progress receives one-line progress messages
 */
public record SourceOptions(String architecture, Set<String> insecureRegistries, Optional<Path> dockerConfig,
        Consumer<String> progress) {

    public SourceOptions {
        insecureRegistries = Set.copyOf(insecureRegistries);
    }
}
