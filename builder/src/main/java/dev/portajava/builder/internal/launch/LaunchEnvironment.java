package dev.portajava.builder.internal.launch;

import java.util.Optional;

/**
 * The variables of a service's environment that decide where its programs are found: {@code PATH}, which
 * {@code #!/usr/bin/env NAME} searches, and {@code LD_LIBRARY_PATH}, which the loader searches. Unknown when the unit
 * takes variables from outside the image ({@code EnvironmentFile=} and {@code PassEnvironment=} are read on the
 * host when the service starts).
 *
 * @param path the colon-separated {@code PATH}
 * @param libraryPath the colon-separated {@code LD_LIBRARY_PATH}, if set
 */
public record LaunchEnvironment(boolean known, String path, Optional<String> libraryPath) {

    /** The {@code PATH} systemd 252 gives services, and where it looks up a command given without a path. */
    public static final String SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** A service that sets neither variable. */
    public static final LaunchEnvironment DEFAULT = new LaunchEnvironment(true, SYSTEMD_PATH, Optional.empty());

    /** A service whose variables come partly from the host: what programs find cannot be known at build time. */
    public static final LaunchEnvironment UNKNOWN = new LaunchEnvironment(false, SYSTEMD_PATH, Optional.empty());
}
