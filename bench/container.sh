# bench/container.sh - sourced by the benchmarks. They install nothing and change nothing on this machine: the
# reference tools (portablectl, mksquashfs, veritysetup) and the timers (hyperfine, GNU time) run in a throw-away
# systemd test container, from the image scripts/provision.sh builds with them. This machine's JDK and the checkout
# are bound into it read-only, and the benchmark's work directory read-write, each at the same path as here, so
# that portajava runs in it too, beside its reference, on the same CPUs and under the same timer.
#
#   bench_container WORK     starts the container and waits for its systemd; sets BENCH_CONTAINER and BENCH_JAVA
#                            (this machine's java, which runs there too)
#   in_container CMD...      runs CMD in it, in the checkout, with standard input
#   bench_container_stop     removes it; call it when the benchmark exits
#
# Needs BENCH_REPO (the checkout). Knob: PJ_IMAGE (default pj-systemd:bookworm-<recipe>).
# shellcheck shell=bash

# shellcheck source=scripts/recipes.sh
. "$BENCH_REPO/scripts/recipes.sh"

bench_container() {
    local work=$1 java_home conf state="" _
    local mounts=()
    BENCH_JAVA="$(readlink -f "$(command -v "${JAVA:-java}")")"
    java_home="$(dirname "$(dirname "$BENCH_JAVA")")"
    if [ "$(docker image inspect -f '{{index .Config.Labels "dev.portajava.recipe"}}' "$SYSTEMD_IMAGE" 2>/dev/null)" \
        != "$SYSTEMD_IMAGE_RECIPE" ]; then
        echo "bench: $SYSTEMD_IMAGE is missing or lacks the benchmarks' tools: run scripts/provision.sh" >&2
        return 3
    fi
    mounts=(-v "$java_home:$java_home:ro" -v "$BENCH_REPO:$BENCH_REPO:ro" -v "$work:$work")
    # Debian's JDK keeps its conf (java.security, ...) in /etc/java-17-openjdk, behind a symlink
    conf="$(dirname "$(dirname "$(readlink -f "$java_home/conf/security/java.security")")")"
    case "$conf" in "$java_home"/*) ;; *) mounts+=(-v "$conf:$conf:ro") ;; esac
    BENCH_CONTAINER="pj-bench-$$"
    docker run -d --name "$BENCH_CONTAINER" --network none --tmpfs /run:rw,mode=755 --tmpfs /run/lock \
        -v /sys/fs/cgroup:/sys/fs/cgroup:rw -v /dev:/dev "${mounts[@]}" \
        --cap-add SYS_ADMIN --cap-add NET_ADMIN --cap-add SYS_PTRACE --cap-add MKNOD \
        --security-opt seccomp=unconfined --security-opt apparmor=unconfined --cgroupns=host \
        --device-cgroup-rule 'b 7:* rmw' --device-cgroup-rule 'c 10:237 rmw' --device-cgroup-rule 'b 259:* rmw' \
        "$SYSTEMD_IMAGE" /lib/systemd/systemd >/dev/null
    for _ in $(seq 1 900); do # up to 90 s
        state="$(docker exec "$BENCH_CONTAINER" systemctl is-system-running 2>/dev/null || true)"
        if [ "$state" = running ] || [ "$state" = degraded ]; then return 0; fi
        sleep 0.1
    done
    echo "bench: systemd in $BENCH_CONTAINER did not come up (state: $state)" >&2
    return 1
}

in_container() { docker exec -i -w "$BENCH_REPO" "$BENCH_CONTAINER" "$@"; }

bench_container_stop() { [ -z "${BENCH_CONTAINER:-}" ] || docker rm -f "$BENCH_CONTAINER" >/dev/null 2>&1 || true; }
