#!/usr/bin/env bash
# bench/heap.sh - the memory of a ddi build of a large tree: `portajava build --format ddi` of a generated tree of
# TREE_MB (default 2048) with a 256 MB heap (-Xmx256m) must pass; printed are the largest heap before a GC and the
# largest live set after one (from -Xlog:gc), the GC count, and the peak RSS. Beside it, mksquashfs + veritysetup
# format by hand on the same tree, with the same mksquashfs options: their time and peak RSS.   target: heap <= 256 MB
#
# Usage: bench/heap.sh   (as root, after scripts/provision.sh; it builds cli/target/portajava.jar if missing)
# Both sides run in a throw-away systemd test container (bench/container.sh), each under its GNU time; portajava
# runs on this machine's JDK with the launcher's collector for a build (the parallel one), full JIT. The tree (half
# random, half text, in files of 1 MB) is written in WORK and deleted at the end with everything else there, unless
# KEEP=1. Knobs: WORK=/var/tmp/portajava-bench-heap  TREE_MB=2048  HEAP=256m  KEEP=0
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
JAR=$HERE/cli/target/portajava.jar
WORK=${WORK:-/var/tmp/portajava-bench-heap}
TREE_MB=${TREE_MB:-2048}
HEAP=${HEAP:-256m}
KEEP=${KEEP:-0}
BENCH_REPO="$HERE"
# shellcheck source=bench/container.sh
. "$HERE/bench/container.sh"
# shellcheck source=bench/tree-spec.sh
. "$HERE/bench/tree-spec.sh"

[ "$(id -u)" = 0 ] || { echo "run as root (it starts a container)"; exit 3; }
[ -f "$JAR" ] || (cd "$HERE" && mvn -B -q -DskipTests -pl cli -am package)
mkdir -p "$WORK"
chmod 755 "$WORK"
finish() {
    bench_container_stop
    [ "$KEEP" = 1 ] || rm -rf "$WORK"
}
trap finish EXIT
bench_container "$WORK"
JAVA="$BENCH_JAVA"

TREE=$WORK/tree
SPEC=$WORK/spec
ddi_tree "$TREE" "$TREE_MB"
copy_spec "$SPEC" "$TREE" heap
echo "machine: $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tree: $(du -sh "$TREE" | cut -f1) in $(find "$TREE" -type f | wc -l) files"

# %e wall seconds, %U + %S CPU seconds, %M peak RSS in KB
in_container /usr/bin/time -f '%e %U %S %M' -o "$WORK/pj.time" "$JAVA" -XX:+UseParallelGC -Xmx"$HEAP" \
    -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" build "$SPEC" -o "$WORK/heap.raw" --format ddi --force \
    > /dev/null </dev/null
read -r pj_wall pj_user pj_sys pj_rss < "$WORK/pj.time"
BEFORE=$(grep -o '[0-9]*M->[0-9]*M' "$WORK/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
AFTER=$(grep -o '[0-9]*M->[0-9]*M' "$WORK/gc.log" | sed 's/.*M->//; s/M//' | sort -n | tail -1)
echo "portajava build --format ddi with -Xmx$HEAP: passed in ${pj_wall} s ($(awk -v u="$pj_user" -v s="$pj_sys" \
    'BEGIN{printf "%.1f", u + s}') s CPU), image $(stat -c %s "$WORK/heap.raw") bytes; largest heap before a GC \
${BEFORE:-?} MB, largest live set after a GC ${AFTER:-?} MB, $(grep -c 'Pause' "$WORK/gc.log") GCs; peak RSS \
$((pj_rss / 1024)) MB"
rm -f "$WORK/heap.raw"

in_container /usr/bin/time -f '%e %U %S %M' -o "$WORK/hand.time" sh -c "mksquashfs '$TREE' '$WORK/hand.squashfs' \
    -noappend -all-root -no-xattrs -comp gzip -b 131072 -mkfs-time 0 -all-time 0 -quiet -no-progress \
    && veritysetup format '$WORK/hand.squashfs' '$WORK/hand.verity'" > /dev/null </dev/null
read -r hand_wall hand_user hand_sys hand_rss < "$WORK/hand.time"
echo "mksquashfs + veritysetup by hand: ${hand_wall} s ($(awk -v u="$hand_user" -v s="$hand_sys" \
    'BEGIN{printf "%.1f", u + s}') s CPU), peak RSS of the largest process $((hand_rss / 1024)) MB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
