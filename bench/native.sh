#!/usr/bin/env bash
# bench/native.sh - wall time of one attach + detach with portajava's native backend, against portablectl and
# against portajava's portabled backend, on the same image and the same systemd 252 container.
#
# Run as root from the repository root after scripts/provision.sh:
#
#     bash bench/native.sh
#
# All commands run INSIDE one throw-away systemd test container (bench/container.sh: this machine's JDK and the
# checkout bound read-only), timed there by hyperfine, so each talks to the same systemd at the same cost:
#
#   portablectl             portablectl attach IMG && portablectl detach IMG
#   portajava native        java -jar portajava.jar attach --backend native IMG && … detach --backend native IMG
#   portajava portabled     the same with --backend portabled
#   portajava native + CDS  the native pair with an AppCDS archive of its own classes (-XX:SharedArchiveFile),
#                           dumped from one native attach/detach: what a launcher could gain
#
# IMG is samples/hello built as a raw squashfs image. The summary gives the median and mean ± stddev of each, and
# each portajava variant relative to portablectl (target for the native backend: <= 1.00, i.e. not slower).
#
# Knobs (env): BENCH_RUNS (default 20), BENCH_WARMUP (default 3), PJ_IMAGE (default pj-systemd:bookworm-<recipe>).
# It leaves only bench/results/native.{json,csv} behind: the container is removed on every exit path.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
BENCH_REPO="$REPO"
# shellcheck source=bench/container.sh
. "$REPO/bench/container.sh"
RUNS="${BENCH_RUNS:-20}"
WARMUP="${BENCH_WARMUP:-3}"
JAR="$REPO/cli/target/portajava.jar"
RESULTS="$REPO/bench/results"

die() { printf '[native] ERROR: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root"
[ -f "$JAR" ] || (mvn -B -q -o package -DskipTests || mvn -B -q package -DskipTests)

WORK="$(mktemp -d /tmp/pjnative-XXXXXX)"
chmod 755 "$WORK"
cleanup() {
    bench_container_stop
    rm -rf "$WORK"
}
trap cleanup EXIT

IMG="$WORK/hello_1.0.raw"
java -jar "$JAR" build samples/hello -o "$IMG" >/dev/null
bench_container "$WORK"

IN=(docker exec -i -w "$REPO" "$BENCH_CONTAINER")
PJ="$BENCH_JAVA -jar $JAR"
JSA="$WORK/native.jsa"
# the CDS archive: classes of one native attach + detach, dumped at exit (JDK 17: dynamic archives only)
"${IN[@]}" "$BENCH_JAVA" -XX:ArchiveClassesAtExit="$JSA" -jar "$JAR" attach --backend native "$IMG" >/dev/null 2>&1
"${IN[@]}" sh -c "$PJ detach --backend native $IMG" >/dev/null
PJ_CDS="$BENCH_JAVA -XX:SharedArchiveFile=$JSA -jar $JAR"

pair() { echo "$1 attach $2 $IMG >/dev/null && $1 detach $2 $IMG >/dev/null"; }
# every pair must work before it is timed, and leave the image detached
for p in "$(pair portablectl "")" "$(pair "$PJ" "--backend native")" "$(pair "$PJ" "--backend portabled")"; do
    "${IN[@]}" sh -c "$p" || die "failed: $p"
done
[ "$("${IN[@]}" portablectl is-attached "$IMG" || true)" = detached ] || die "the image stayed attached"

mkdir -p "$RESULTS"
"${IN[@]}" hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" \
    --export-json "$WORK/native.json" --export-csv "$WORK/native.csv" \
    -n portablectl "$(pair portablectl "")" \
    -n "portajava native" "$(pair "$PJ" "--backend native")" \
    -n "portajava portabled" "$(pair "$PJ" "--backend portabled")" \
    -n "portajava native + CDS" "$(pair "$PJ_CDS" "--backend native")"
cp "$WORK/native.json" "$WORK/native.csv" "$RESULTS/"

echo
echo "attach + detach of hello_1.0.raw, all in the container ($RUNS runs each)"
# hyperfine's CSV, in seconds: command,mean,stddev,median,user,system,min,max
awk -F, 'NR == 1 { next }
    NR == 2 { base = $4 }
    { printf "  %-24s median %7.1f ms   mean %7.1f ms ± %5.1f   %.2f x portablectl (median)\n", $1, $4 * 1000,
        $2 * 1000, $3 * 1000, $4 / base }' "$RESULTS/native.csv"
echo "target: portajava native <= 1.00 x portablectl"
