#!/usr/bin/env bash
# bench/startup.sh - how fast does the packaged portajava start, and how many classes does it load? The tarball
# that `mvn -B package` writes (dist/target/portajava-VERSION-linux-x86_64.tar.gz, the tree the .deb installs) is
# unpacked into a work directory and run from there: its launcher, its own runtime and its start-up archive.
#
# Run from the repository root after `mvn -B package` (no root, no Docker, no bus: nothing here talks to systemd):
#
#     bash bench/startup.sh [TARBALL]
#
# Side by side in one run, each pair run in turn (A B A B ...) and timed from outside, start to exit, with
# `date +%s%N` (wall) and bash's `time` (CPU: user + system); the median of BENCH_RUNS runs of each, and the ratio
# of the medians:
#   1. `portajava --version` against a bare JVM hello world on the same runtime (lib/runtime/bin/java -cp DIR
#      Hello, with the same JIT flags as the launcher and a default CDS archive of JDK classes, which this copy of
#      the runtime gets).                                                                     target <= 2.0 x
#   2. `portajava attach --root ROOT --backend native IMG` (a root tree that is not running: no bus; the image is
#      detached, untimed, before each run) against `portajava --version`.                      target <= 1.3 x
# and, counted with -Xlog:class+load (one line a class), the classes each command loads, and how many of them did
# not come from the start-up archive (a path the archive's training missed).      targets <= 600 / <= 1,000
#
# Knobs (env): BENCH_RUNS (default 21), BENCH_WARMUP (default 3). It leaves nothing behind: the work directory is
# removed on every exit path.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${BENCH_RUNS:-21}"
WARMUP="${BENCH_WARMUP:-3}"

die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

TARBALL="${1:-$(ls "$REPO"/dist/target/portajava-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1)}"
[ -f "$TARBALL" ] || die "no dist/target/portajava-*-linux-x86_64.tar.gz: run mvn -B package first"
command -v javac >/dev/null || die "javac not found: a JDK 17 compiles the hello world"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pj-bench-startup.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# shellcheck source=bench/packaged.sh
. "$REPO/bench/packaged.sh"
unpack_package "$TARBALL" "$WORK"
IMG="$WORK/hello.raw"
"$PJ" build "$REPO/samples/hello" -o "$IMG" >/dev/null
ROOT="$WORK/root"
mkdir -p "$ROOT/usr/lib/x86_64-linux-gnu/systemd"
touch "$ROOT/usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"

HELLO=("$RUNTIME_JAVA" -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp "$WORK/hello" Hello)
VERSION=("$PJ" --version)
ATTACH=("$PJ" attach --root "$ROOT" --backend native --image-path /var/lib/portables/hello.raw "$IMG")
DETACH=("$PJ" detach --root "$ROOT" --backend native "$IMG")
detach() { "${DETACH[@]}" >/dev/null 2>&1 || true; }

# every command must work before it is timed
"${HELLO[@]}" >/dev/null || die "failed: ${HELLO[*]}"
"${VERSION[@]}" >/dev/null || die "failed: ${VERSION[*]}"
"${ATTACH[@]}" >/dev/null || die "failed: ${ATTACH[*]}"
"${DETACH[@]}" >/dev/null || die "failed: ${DETACH[*]}"

# classes loaded, counted by the JVM's own log: "N (M not from the archive)"
classes() {
    PORTAJAVA_JAVA_OPTS="-Xlog:class+load:file=$WORK/classes.log" "$@" >/dev/null
    # a class is a line with its source; the JVM also logs the jars of the boot class path it opens
    echo "$(grep -c ' source: ' "$WORK/classes.log") ($(grep ' source: ' "$WORK/classes.log" |
        grep -vc 'source: shared objects file') not from the archive)"
}
VERSION_CLASSES="$(classes "${VERSION[@]}")"
ATTACH_CLASSES="$(classes "${ATTACH[@]}")"
detach

# one run of "$@": its wall time and its CPU time (user + system, the kernel's accounting of the finished
# process), in microseconds, "WALL CPU"; on a busy machine the CPU time is the steadier figure
elapsed() {
    local start end cpu TIMEFORMAT='%3U %3S'
    start="$(date +%s%N)"
    cpu="$({ time "$@" >/dev/null 2>&1; } 2>&1)" || die "failed while timed: $*"
    end="$(date +%s%N)"
    echo "$(((end - start) / 1000)) $(awk '{ printf "%d", ($1 + $2) * 1000000 }' <<<"$cpu")"
}
median() { cut -d' ' -f"$1" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# A and B in turn, WARMUP runs of each not counted, then RUNS of each; PREPARE (a function, untimed) before each
# run of A. Writes A's and B's times to WORK/NAME.a and WORK/NAME.b.
pairwise() {
    local name="$1" prepare="$2" a="$3" b="$4" i
    : >"$WORK/$name.a"
    : >"$WORK/$name.b"
    for ((i = 0; i < WARMUP + RUNS; i++)); do
        $prepare
        ta="$(eval "elapsed \"\${$a[@]}\"")"
        tb="$(eval "elapsed \"\${$b[@]}\"")"
        if ((i >= WARMUP)); then
            echo "$ta" >>"$WORK/$name.a"
            echo "$tb" >>"$WORK/$name.b"
        fi
    done
}
none() { :; }
pairwise startup none VERSION HELLO
pairwise root detach ATTACH VERSION
detach

row() {
    local name="$1" label_a="$2" label_b="$3" target="$4" field what ma mb
    for field in 1 2; do
        what="$([ "$field" = 1 ] && echo wall || echo cpu)"
        ma="$(median "$field" <"$WORK/$name.a")"
        mb="$(median "$field" <"$WORK/$name.b")"
        awk -v a="$ma" -v b="$mb" -v la="$label_a" -v lb="$label_b" -v t="$target" -v w="$what" 'BEGIN {
            printf "  %-4s %-32s %7.1f ms   %-20s %7.1f ms   %.2f x   (target <= %s x)\n", w, la, a / 1000, lb, b / 1000, a / b, t }'
    done
}
echo "packaged portajava ($(basename "$TARBALL")), median of $RUNS runs each, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
row startup "portajava --version" "jvm hello" 2.0
row root "attach --root --backend native" "portajava --version" 1.3
printf '  classes loaded: --version %s, target <= 600\n' "$VERSION_CLASSES"
printf '                  attach --root --backend native %s, target <= 1,000\n' "$ATTACH_CLASSES"
