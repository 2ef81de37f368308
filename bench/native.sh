#!/usr/bin/env bash
# bench/native.sh - wall time of one attach + detach with portajava's native backend, against portablectl and
# against portajava's portabled backend, on the same image and the same systemd 252 container.
#
# Run as root from the repository root on a machine provisioned for the integration tests (docker engine up,
# local image pj-systemd:bookworm; see harness.md), after `mvn -B -o package -DskipTests`:
#
#     bash bench/native.sh
#
# All three commands run INSIDE the container through `docker exec` (the host's JDK and this checkout are
# bind-mounted read-only), so each pays the same exec overhead and talks to the same systemd:
#
#   portablectl             portablectl attach IMG && portablectl detach IMG
#   portajava native        java -jar portajava.jar attach --backend native IMG && … detach --backend native IMG
#   portajava portabled     the same with --backend portabled
#   portajava native, CDS   the native pair with an AppCDS archive of its own classes (-XX:SharedArchiveFile),
#                           dumped from one native attach/detach: what a launcher could gain
#
# IMG is samples/hello built as a raw squashfs image. The summary gives mean ± stddev and each portajava
# variant relative to portablectl (target for the native backend: <= 1.00, i.e. not slower than portablectl).
#
# Knobs (env): BENCH_RUNS (default 20), BENCH_WARMUP (default 3), PJ_IMAGE (default pj-systemd:bookworm).
# It leaves only bench/results/native.json behind: the container is removed on every exit path.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
RUNS="${BENCH_RUNS:-20}"
WARMUP="${BENCH_WARMUP:-3}"
PJ_IMAGE="${PJ_IMAGE:-pj-systemd:bookworm}"
JAR="$REPO/cli/target/portajava.jar"
RESULTS="$REPO/bench/results"
CONTAINER="pjnative-$$"

die() { printf '[native] ERROR: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root"
[ -f "$JAR" ] || die "$JAR is missing: run mvn -B -o package -DskipTests first"
command -v hyperfine >/dev/null || die "hyperfine is not installed (apt-get install hyperfine)"
JAVA_HOME_REAL="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"

WORK="$(mktemp -d /tmp/pjnative-XXXXXX)"
chmod 755 "$WORK"
cleanup() {
    docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

IMG="$WORK/hello_1.0.raw"
java -jar "$JAR" build samples/hello -o "$IMG" >/dev/null

mounts=(-v "$JAVA_HOME_REAL:$JAVA_HOME_REAL:ro" -v "$REPO:$REPO:ro" -v "$WORK:$WORK")
for d in /etc/java-*; do
    if [ -d "$d" ]; then mounts+=(-v "$d:$d:ro"); fi
done
docker run -d --name "$CONTAINER" --network none --tmpfs /run:rw,mode=755 --tmpfs /run/lock \
    -v /sys/fs/cgroup:/sys/fs/cgroup:rw -v /dev:/dev "${mounts[@]}" \
    --cap-add SYS_ADMIN --cap-add NET_ADMIN --cap-add SYS_PTRACE --cap-add MKNOD \
    --security-opt seccomp=unconfined --security-opt apparmor=unconfined --cgroupns=host \
    --device-cgroup-rule 'b 7:* rmw' --device-cgroup-rule 'c 10:237 rmw' --device-cgroup-rule 'b 259:* rmw' \
    "$PJ_IMAGE" /lib/systemd/systemd >/dev/null
state=""
for _ in $(seq 1 900); do
    state="$(docker exec "$CONTAINER" systemctl is-system-running 2>/dev/null || true)"
    if [ "$state" = running ] || [ "$state" = degraded ]; then break; fi
    sleep 0.1
done
[ "$state" = running ] || [ "$state" = degraded ] || die "systemd did not come up (state: $state)"

IN="docker exec $CONTAINER"
PJ="$IN $JAVA_HOME_REAL/bin/java -jar $JAR"
JSA="$WORK/native.jsa"
# the CDS archive: classes of one native attach + detach, dumped at exit (JDK 17: dynamic archives only)
$IN "$JAVA_HOME_REAL/bin/java" -XX:ArchiveClassesAtExit="$JSA" -jar "$JAR" attach --backend native "$IMG" >/dev/null 2>&1
$PJ detach --backend native "$IMG" >/dev/null
PJ_CDS="$IN $JAVA_HOME_REAL/bin/java -XX:SharedArchiveFile=$JSA -jar $JAR"

# every pair must work before it is timed, and leave the image detached
for pair in "$IN portablectl attach $IMG >/dev/null && $IN portablectl detach $IMG >/dev/null" \
    "$PJ attach --backend native $IMG >/dev/null && $PJ detach --backend native $IMG >/dev/null" \
    "$PJ attach --backend portabled $IMG >/dev/null && $PJ detach --backend portabled $IMG >/dev/null"; do
    sh -c "$pair" || die "failed: $pair"
done
[ "$($IN portablectl is-attached "$IMG" || true)" = detached ] || die "the image stayed attached"

mkdir -p "$RESULTS"
hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$RESULTS/native.json" \
    -n portablectl "$IN portablectl attach $IMG >/dev/null && $IN portablectl detach $IMG >/dev/null" \
    -n "portajava native" "$PJ attach --backend native $IMG >/dev/null && $PJ detach --backend native $IMG >/dev/null" \
    -n "portajava portabled" "$PJ attach --backend portabled $IMG >/dev/null && $PJ detach --backend portabled $IMG >/dev/null" \
    -n "portajava native, CDS" "$PJ_CDS attach --backend native $IMG >/dev/null && $PJ_CDS detach --backend native $IMG >/dev/null"

python3 - "$RESULTS/native.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
base = results["portablectl"]["mean"]
print("\nattach + detach of hello_1.0.raw, all inside the container via docker exec (%d runs each)"
      % len(results["portablectl"]["times"]))
for name, r in results.items():
    print("  %-24s %7.1f ms ± %5.1f   %.2f x portablectl" % (name, r["mean"] * 1000, r["stddev"] * 1000, r["mean"] / base))
print("target: portajava native <= 1.00 x portablectl")
PY
