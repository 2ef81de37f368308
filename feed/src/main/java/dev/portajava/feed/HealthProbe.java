package dev.portajava.feed;

import dev.portajava.health.HealthCheck;
import java.util.Optional;

/** Runs an image's health check against its running service. */
@FunctionalInterface
public interface HealthProbe {

    /**
     * Runs {@code check}; a command runs in the context of the process {@code mainPid} (0: the service has no main
     * process). Returns what failed, in one line, or nothing if the service is healthy.
     */
    Optional<String> failure(HealthCheck check, long mainPid);
}
