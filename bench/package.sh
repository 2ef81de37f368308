#!/usr/bin/env bash
# bench/package.sh - how fast does the packaged portajava start? The tarball that `mvn -B package` writes
# (dist/target/portajava-VERSION-linux-x86_64.tar.gz, the same tree as the .deb installs) is unpacked into a work
# directory and run from there: its launcher, its own runtime and its start-up archive.
#
# Run as root from the repository root after `mvn -B package`, on a machine provisioned for the integration tests
# (scripts/provision.sh):
#
#     bash bench/package.sh
#
# Side by side in one run, in one throw-away systemd test container (bench/container.sh), timed by hyperfine:
#   1. `portajava --version` against a bare JVM hello world on the same runtime (lib/runtime/bin/java -cp DIR
#      Hello, with a default CDS archive of JDK classes, which this copy gets).               target <= 2.0 x
#   2. `portajava attach --root ROOT --backend native IMG` (no bus; the image is detached before each run)
#      against `portajava --version`.                                                         target <= 1.3 x
#   3. `portajava attach IMG && portajava detach IMG` against the same pair by portablectl, through the
#      container's systemd-portabled: the same work on both sides.                            target <= 1.5 x
#   4. the same pairs with --now. portajava's attach --now also watches each unit it started for 0.5 s, and fails
#      if one fails in that time (portablectl does not watch), so this pair cannot come near 1.5 x.
# and, counted with -Xlog:class+load, the classes `--version` and a native `attach --root` load
#                                                                                   targets <= 600 / <= 1,000
#
# Knobs (env): BENCH_RUNS (hyperfine --runs, default 15), BENCH_WARMUP (default 3), PJ_IMAGE (the systemd image).
# It leaves nothing behind but bench/results/package.*: the container and the work directory are removed.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
BENCH_REPO="$REPO"
# shellcheck source=bench/container.sh
. "$REPO/bench/container.sh"

RUNS="${BENCH_RUNS:-15}"
WARMUP="${BENCH_WARMUP:-3}"
RESULTS="$REPO/bench/results"

die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (the Docker engine and the container's bus answer root)"
TARBALL="$(ls dist/target/portajava-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1)"
[ -n "$TARBALL" ] || die "no dist/target/portajava-*-linux-x86_64.tar.gz: run mvn -B package first"

WORK="$(mktemp -d /var/tmp/pj-bench-package.XXXXXX)"
chmod 755 "$WORK"
cleanup() {
    bench_container_stop
    rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck source=bench/packaged.sh
. "$REPO/bench/packaged.sh"
unpack_package "$TARBALL" "$WORK"
IMG="$WORK/hello_1.0.raw"
"$PJ" build samples/hello -o "$IMG" >/dev/null
ROOT="$WORK/root"
mkdir -p "$ROOT/usr/lib/x86_64-linux-gnu/systemd"
touch "$ROOT/usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"

bench_container "$WORK"
IN=(docker exec -i -w "$WORK" "$BENCH_CONTAINER")

HELLO="$RUNTIME_JAVA -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp $WORK/hello Hello"
ROOT_ATTACH="$PJ attach --root $ROOT --backend native --image-path /var/lib/portables/hello_1.0.raw $IMG"
ROOT_DETACH="$PJ detach --root $ROOT --backend native $IMG"
pair() { echo "$1 attach $IMG >/dev/null && $1 detach $IMG >/dev/null"; }
pair_now() { echo "$1 attach $IMG --now >/dev/null && $1 detach $IMG --now >/dev/null"; }

# every command must work before it is timed
for c in "$HELLO" "$PJ --version" "$ROOT_ATTACH" "$ROOT_DETACH" "$(pair portablectl)" "$(pair "$PJ")" \
    "$(pair_now portablectl)" "$(pair_now "$PJ")"; do
    "${IN[@]}" sh -c "$c" >/dev/null || die "failed: $c"
done

# classes loaded, counted by the JVM's own log: a class is a line with its source (the JVM also logs the jars of
# the boot class path it opens)
count() {
    "${IN[@]}" env PORTAJAVA_JAVA_OPTS="-Xlog:class+load:file=$WORK/classes.log" sh -c "$1" >/dev/null
    "${IN[@]}" sh -c "grep -c ' source: ' $WORK/classes.log"
}
VERSION_CLASSES="$(count "$PJ --version")"
ATTACH_CLASSES="$(count "$ROOT_ATTACH")"
"${IN[@]}" sh -c "$ROOT_DETACH" >/dev/null

hyper() { "${IN[@]}" hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --export-csv "$WORK/$1.csv" "${@:2}"; }
hyper startup -n "jvm hello" "$HELLO" -n "portajava --version" "$PJ --version"
hyper root --prepare "$ROOT_DETACH >/dev/null 2>&1 || true" \
    -n "portajava --version" "$PJ --version" -n "attach --root --backend native" "$ROOT_ATTACH"
hyper portabled -n portablectl "$(pair portablectl)" -n "portajava" "$(pair "$PJ")"
hyper portabled_now -n "portablectl --now" "$(pair_now portablectl)" -n "portajava --now" "$(pair_now "$PJ")"

mkdir -p "$RESULTS"
# hyperfine's CSV, in seconds: command,mean,stddev,median,user,system,min,max; the ratio is row 2 / row 1
ratio() { awk -F, 'NR == 2 { a = $4; an = $1 } NR == 3 { printf "  %-32s %7.1f ms   %-22s %7.1f ms   %.2f x\n", $1, $4 * 1000, an, a * 1000, $4 / a }' "$WORK/$1.csv"; }
{
    echo "packaged portajava ($(basename "$TARBALL")), median of $RUNS runs, in one systemd 252 container"
    ratio startup
    echo "    target: portajava --version <= 2.0 x jvm hello on the same runtime"
    ratio root
    echo "    target: attach --root --backend native <= 1.3 x --version"
    ratio portabled
    echo "    target: portajava attach+detach <= 1.5 x portablectl"
    ratio portabled_now
    echo "    (--now: portajava also watches the started unit for 0.5 s)"
    echo "  classes loaded: --version $VERSION_CLASSES (target <= 600), attach --root $ATTACH_CLASSES (target <= 1,000)"
} | tee "$RESULTS/package.txt"
