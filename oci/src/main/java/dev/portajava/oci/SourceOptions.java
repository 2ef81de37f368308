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
 * @param arrivals told of each layer as its download starts, if anyone follows the downloads
 */
public record SourceOptions(String architecture, Set<String> insecureRegistries, Optional<Path> dockerConfig,
        Consumer<String> progress, Optional<LayerArrivals> arrivals) {

    public SourceOptions {
        insecureRegistries = Set.copyOf(insecureRegistries);
    }

    /** Options whose downloads nobody follows. */
    public SourceOptions(String architecture, Set<String> insecureRegistries, Optional<Path> dockerConfig,
            Consumer<String> progress) {
        this(architecture, insecureRegistries, dockerConfig, progress, Optional.empty());
    }
}
