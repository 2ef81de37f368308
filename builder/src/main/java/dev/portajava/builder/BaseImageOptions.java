package dev.portajava.builder;

import dev.portajava.oci.CacheDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a container image named by {@code [from]} or {@code --from} is fetched.
 *
 * @param cache where blobs and unpacked layers are kept
 * @param architecture the GOARCH picked from a multi-platform image ({@code amd64}, {@code arm64})
 * @param insecureRegistries registry hosts spoken to over plain HTTP (loopback always may be)
 * @param dockerConfig the {@code config.json} registry credentials are read from, if there is one
 */
public record BaseImageOptions(CacheDirectory cache, String architecture, Set<String> insecureRegistries,
        Optional<Path> dockerConfig) {

    public BaseImageOptions {
        if (cache == null || architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException("a cache directory and an architecture are needed");
        }
        insecureRegistries = Set.copyOf(insecureRegistries);
    }

    /**
     * The cache of {@code $XDG_CACHE_HOME}, this machine's architecture, and the credentials of
     * {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json} when that file exists.
     */
    public static BaseImageOptions fromEnvironment(Map<String, String> environment) {
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        String dockerDir = environment.get("DOCKER_CONFIG");
        Path config = dockerDir != null && !dockerDir.isEmpty() ? Path.of(dockerDir, "config.json")
                : Path.of(home, ".docker", "config.json");
        return new BaseImageOptions(CacheDirectory.fromEnvironment(environment), hostArchitecture(), Set.of(),
                Files.isRegularFile(config) ? Optional.of(config) : Optional.empty());
    }

    /** The same options with another cache: a build's {@code CacheSession} directory. */
    public BaseImageOptions withCache(CacheDirectory cache) {
        return new BaseImageOptions(cache, architecture, insecureRegistries, dockerConfig);
    }

    public BaseImageOptions withArchitecture(String architecture) {
        return new BaseImageOptions(cache, architecture, insecureRegistries, dockerConfig);
    }

    public BaseImageOptions withInsecureRegistries(Set<String> hosts) {
        return new BaseImageOptions(cache, architecture, hosts, dockerConfig);
    }

    /** The GOARCH of this JVM's machine. */
    public static String hostArchitecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> arch;
        };
    }
}
