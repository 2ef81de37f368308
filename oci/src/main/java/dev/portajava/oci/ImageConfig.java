package dev.portajava.oci;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the image's config blob says about running it: the parts a unit file is written from.
 *
 * @param architecture GOARCH ({@code amd64}, {@code arm64}, …)
 * @param os GOOS, {@code linux} for anything portajava can use
 * @param entrypoint {@code Entrypoint}, empty when unset
 * @param cmd {@code Cmd}, empty when unset
 * @param env {@code Env}, each {@code NAME=value}
 * @param workingDir {@code WorkingDir}, empty when unset
 * @param user {@code User} ({@code name}, {@code uid}, {@code uid:gid}, …), empty when unset
 * @param volumes the keys of {@code Volumes}, in order
 * @param exposedPorts the keys of {@code ExposedPorts} ({@code 8080/tcp}), in order
 * @param labels {@code Labels}
 * @param diffIds {@code rootfs.diff_ids}: the digests of the uncompressed layers, in order
 */
public record ImageConfig(String architecture, String os, List<String> entrypoint, List<String> cmd,
        List<String> env, String workingDir, String user, Set<String> volumes, Set<String> exposedPorts,
        Map<String, String> labels, List<Digest> diffIds) {

    public ImageConfig {
        architecture = architecture == null ? "" : architecture;
        os = os == null ? "" : os;
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
        volumes = volumes == null ? Set.of() : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(volumes));
        exposedPorts = exposedPorts == null ? Set.of()
                : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(exposedPorts));
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
    }

    /** The command the image runs: {@code Entrypoint} followed by {@code Cmd}, as {@code docker run} does. */
    public List<String> command() {
        return java.util.stream.Stream.concat(entrypoint.stream(), cmd.stream()).toList();
    }
}
