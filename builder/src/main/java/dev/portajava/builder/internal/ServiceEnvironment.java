package dev.portajava.builder.internal;

import dev.portajava.builder.internal.launch.LaunchEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a service's {@code [Service]} settings make of its programs' lookups: where systemd looks up a command given
 * without a path ({@code ExecSearchPath=}, else its built-in path, in the image: systemd 252 looks after entering
 * the image) and the {@code PATH} and {@code LD_LIBRARY_PATH} its programs see ({@code Environment=}). Unknown
 * where the unit takes them from the host or from specifiers only systemd expands.
 */
final class ServiceEnvironment {

    /** Settings that bring variables from the host when the service starts. */
    private static final List<String> FROM_HOST = List.of("EnvironmentFile", "PassEnvironment", "UnsetEnvironment");

    private ServiceEnvironment() {
    }

    /** The directories a command without a path is looked up in, in order; empty if they cannot be known. */
    static Optional<List<String>> searchPath(UnitFile unit) {
        Optional<String> path = execSearchPath(unit);
        if (path.isPresent() && path.get().contains("%")) {
            return Optional.empty();
        }
        return Optional.of(List.of(path.orElse(LaunchEnvironment.SYSTEMD_PATH).split(":")));
    }

    static LaunchEnvironment launchEnvironment(UnitFile unit) {
        if (FROM_HOST.stream().anyMatch(key -> unit.values("Service", key).stream()
                .anyMatch(s -> !s.value().isBlank()))) {
            return LaunchEnvironment.UNKNOWN;
        }
        Map<String, String> variables = new HashMap<>();
        for (UnitFile.Setting setting : unit.values("Service", "Environment")) {
            if (setting.value().isBlank()) {
                variables.clear();
            }
            for (UnitWords.Word word : UnitWords.split(setting.value())) {
                int eq = word.value().indexOf('=');
                if (eq > 0) {
                    variables.put(word.value().substring(0, eq), word.value().substring(eq + 1));
                }
            }
        }
        String path = Optional.ofNullable(variables.get("PATH"))
                .or(() -> execSearchPath(unit)).orElse(LaunchEnvironment.SYSTEMD_PATH);
        Optional<String> libraryPath = Optional.ofNullable(variables.get("LD_LIBRARY_PATH"));
        if (path.contains("%") || libraryPath.orElse("").contains("%")) {
            return LaunchEnvironment.UNKNOWN;
        }
        return new LaunchEnvironment(true, path, libraryPath);
    }

    /** {@code ExecSearchPath=}: each setting appends, an empty one resets. */
    private static Optional<String> execSearchPath(UnitFile unit) {
        List<String> dirs = new ArrayList<>();
        for (UnitFile.Setting setting : unit.values("Service", "ExecSearchPath")) {
            if (setting.value().isBlank()) {
                dirs.clear();
            } else {
                dirs.add(setting.value().strip());
            }
        }
        return dirs.isEmpty() ? Optional.empty() : Optional.of(String.join(":", dirs));
    }
}
