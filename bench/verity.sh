#!/usr/bin/env bash
# bench/verity.sh - portajava's dm-verity and ddi build against the standard tools.
#
#   1. hash tree throughput: portajava (Java, parallel over the cores) against `veritysetup format` on the same
#      512 MB file with the same salt and uuid; the hash devices must be identical.       target: >= 1.0x
#   2. the whole ddi build of a 300 MB tree (`portajava build --format ddi`, run as installed: the tree `mvn -B
#      package` lays out in dist/target/portajava-VERSION) against mksquashfs + veritysetup format run by hand with
#      the same mksquashfs options, on the same files (the image's, written once by `build --format directory`).
#                                                                  target: <= 1.1x
#      Also the CPU (user + system) each side takes, and the load average: other work on the machine stretches
#      the times more than the CPU.
#   3. peak memory of that build with -Xmx256m: the build must pass, and the largest heap after a GC is printed.
#
# Usage: bench/verity.sh   (as root, after scripts/provision.sh; it runs `mvn -B package` if the package is missing)
# Both sides run in a throw-away systemd test container (bench/container.sh): veritysetup and mksquashfs from its
# image, portajava on this machine's JDK; each is timed in the container. The data are generated: random bytes, and
# a tree of random and text files. Medians of RUNS runs; the ddi build and the hand-made side run in turns, and the
# median of the rounds' ratios is printed beside the ratio of the medians.
# Knobs: WORK=/var/tmp/portajava-bench  DATA_MB=512  TREE_MB=300  RUNS=3
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
JAR=$HERE/cli/target/portajava.jar
PORTAJAVA="$(ls -d "$HERE"/dist/target/portajava-*/bin/portajava 2>/dev/null | head -n 1)"
WORK=${WORK:-/var/tmp/portajava-bench}
DATA_MB=${DATA_MB:-512}
TREE_MB=${TREE_MB:-300}
RUNS=${RUNS:-3}
SALT=5a17c0ffee0ddba11ad5a17c0ffee0ddba11ad5a17c0ffee0ddba11ad5a17c0f
UUID=0123456789abcdef0123456789abcdef
UUID_TEXT=01234567-89ab-cdef-0123-456789abcdef
BENCH_REPO="$HERE"
# shellcheck source=bench/container.sh
. "$HERE/bench/container.sh"
# shellcheck source=bench/tree-spec.sh
. "$HERE/bench/tree-spec.sh"

[ "$(id -u)" = 0 ] || { echo "run as root (it starts a container)"; exit 3; }
if [ ! -f "$JAR" ] || [ -z "$PORTAJAVA" ]; then
    (cd "$HERE" && mvn -B -q -DskipTests -pl dist -am package)
    PORTAJAVA="$(ls -d "$HERE"/dist/target/portajava-*/bin/portajava | head -n 1)"
fi
mkdir -p "$WORK"
chmod 755 "$WORK"
trap bench_container_stop EXIT
bench_container "$WORK"
JAVA="$BENCH_JAVA"

# timed CMD...: milliseconds CMD takes in the container (its output is dropped)
timed() {
    in_container sh -c 's=$(date +%s%N); "$@" >/dev/null || exit 1; e=$(date +%s%N); echo $(((e - s) / 1000000))' \
        sh "$@" </dev/null
}
# cpu CMD...: milliseconds of CPU (user + system, its children included) CMD takes in the container; on a machine
# that other work shares, a steadier figure than the time
cpu() {
    in_container /usr/bin/time -f '%U %S' -o /dev/stderr "$@" </dev/null 2>&1 >/dev/null | tail -1 \
        | awk '{ printf "%d\n", ($1 + $2) * 1000 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds() { awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA" -version 2>&1 | head -1), $(in_container veritysetup --version)"

# ---------------------------------------------------------------- 1. hash tree throughput
DATA=$WORK/data.img
if [ "$(stat -c %s "$DATA" 2>/dev/null || echo 0)" != $((DATA_MB * 1024 * 1024)) ]; then
    head -c $((DATA_MB * 1024 * 1024)) /dev/urandom > "$DATA"
fi
cat "$DATA" > /dev/null  # both sides read from the page cache
vs_times=()
for _ in $(seq "$RUNS"); do
    rm -f "$WORK/vs.verity"
    vs_times+=("$(timed veritysetup format --hash=sha256 --data-block-size=4096 --hash-block-size=4096 --salt=$SALT \
        --uuid=$UUID_TEXT "$DATA" "$WORK/vs.verity")")
done
in_container veritysetup format --hash=sha256 --data-block-size=4096 --hash-block-size=4096 --salt=$SALT \
    --uuid=$UUID_TEXT "$DATA" "$WORK/vs.verity" > "$WORK/vs.out"
VS=$(seconds "$(printf '%s\n' "${vs_times[@]}" | median)")
# the Java side times itself, in one JVM, without its start-up
in_container "$JAVA" -cp "$JAR" "$HERE/bench/VerityBench.java" "$DATA" "$WORK/pj.verity" $SALT $UUID "$RUNS" > "$WORK/pj.out"
PJ=$(sed -n 's/^run [0-9]*: \([0-9.]*\) s.*/\1/p' "$WORK/pj.out" | median)
PJ_FIRST=$(sed -n 's/^run 1: \([0-9.]*\) s.*/\1/p' "$WORK/pj.out")
cmp -s "$WORK/vs.verity" "$WORK/pj.verity" && SAME=identical || SAME=DIFFERENT
grep -q "$(awk '/Root hash/{print $3}' "$WORK/vs.out")" "$WORK/pj.out" && ROOT=equal || ROOT=DIFFERENT
echo "hash tree, ${DATA_MB} MB: veritysetup median ${VS} s ($(awk -v s="$VS" -v m="$DATA_MB" 'BEGIN{printf "%.0f", m*1.048576/s}') MB/s), portajava median ${PJ} s (first run ${PJ_FIRST} s) -> speed ratio $(awk -v a="$VS" -v b="$PJ" 'BEGIN{printf "%.2f", a/b}')x (target >= 1.0x); hash devices $SAME, root hash $ROOT"

# ---------------------------------------------------------------- 2. the whole ddi build
TREE=$WORK/tree
SPEC=$WORK/spec
ddi_tree "$TREE" "$TREE_MB"
copy_spec "$SPEC" "$TREE" bench
FILES=$WORK/image-tree # what the hand-made side packs: the image's files
image_tree "$PORTAJAVA" "$SPEC" "$FILES"
du -sh "$TREE" | awk '{print "tree: " $1}'

LOAD_BEFORE=$(load)
# hand SQUASHFS VERITY: mksquashfs with the options portajava's build uses, then veritysetup format
hand() {
    echo "mksquashfs '$FILES' '$1' -noappend -all-root -no-xattrs -comp gzip -b 131072 -mkfs-time 0 -all-time 0 \
        -quiet -no-progress && veritysetup format '$1' '$2'"
}
# the two sides in turns, so that what else the machine does in a round slows both; each writes new files, as the
# hand-made ones are removed before each run: replacing the last run's image costs the time of unlinking it, which
# neither side's timer should count
build_times=()
hand_times=()
ratios=()
for _ in $(seq "$RUNS"); do
    rm -f "$WORK/bench.raw"
    build_times+=("$(timed "$PORTAJAVA" build "$SPEC" -o "$WORK/bench.raw" --format ddi)")
    rm -f "$WORK/hand.squashfs" "$WORK/hand.verity"
    hand_times+=("$(timed sh -c "$(hand "$WORK/hand.squashfs" "$WORK/hand.verity")")")
    ratios+=("$(awk -v a="${build_times[-1]}" -v b="${hand_times[-1]}" 'BEGIN{printf "%.3f", a/b}')")
done
BUILD=$(seconds "$(printf '%s\n' "${build_times[@]}" | median)")
HAND=$(seconds "$(printf '%s\n' "${hand_times[@]}" | median)")
RATIO=$(printf '%s\n' "${ratios[@]}" | median)
squashfs_times=()
for _ in $(seq "$RUNS"); do
    rm -f "$WORK/bench-squashfs.raw"
    squashfs_times+=("$(timed "$PORTAJAVA" build "$SPEC" -o "$WORK/bench-squashfs.raw" --format squashfs)")
done
SQUASHFS=$(seconds "$(printf '%s\n' "${squashfs_times[@]}" | median)")
# the same builds again, for the CPU they take
build_cpu=()
hand_cpu=()
for _ in $(seq "$RUNS"); do
    rm -f "$WORK/bench.raw"
    build_cpu+=("$(cpu "$PORTAJAVA" build "$SPEC" -o "$WORK/bench.raw" --format ddi)")
    rm -f "$WORK/hand.squashfs" "$WORK/hand.verity"
    hand_cpu+=("$(cpu sh -c "$(hand "$WORK/hand.squashfs" "$WORK/hand.verity")")")
done
BUILD_CPU=$(seconds "$(printf '%s\n' "${build_cpu[@]}" | median)")
HAND_CPU=$(seconds "$(printf '%s\n' "${hand_cpu[@]}" | median)")
echo "ddi build, ${TREE_MB} MB tree: portajava build --format ddi median ${BUILD} s (runs, ms: ${build_times[*]}), mksquashfs + veritysetup by hand median ${HAND} s (runs, ms: ${hand_times[*]}) -> time ratio $(awk -v a="$BUILD" -v b="$HAND" 'BEGIN{printf "%.2f", a/b}')x, median of the rounds' ratios $(awk -v r="$RATIO" 'BEGIN{printf "%.2f", r}')x (target <= 1.1x); image $(stat -c %s "$WORK/bench.raw") bytes"
echo "  CPU (user + system): portajava build --format ddi median ${BUILD_CPU} s (runs, ms: ${build_cpu[*]}), by hand median ${HAND_CPU} s (runs, ms: ${hand_cpu[*]}) -> CPU ratio $(awk -v a="$BUILD_CPU" -v b="$HAND_CPU" 'BEGIN{printf "%.2f", a/b}')x; load average before ${LOAD_BEFORE}, after $(load) ($(nproc) cores)"
echo "  for reference: portajava build --format squashfs (no verity) median ${SQUASHFS} s (runs, ms: ${squashfs_times[*]}): the ddi part adds $(awk -v a="$BUILD" -v b="$SQUASHFS" 'BEGIN{printf "%.2f", a-b}') s"

# ---------------------------------------------------------------- 3. memory
rm -f "$WORK/gc.log"
in_container /usr/bin/time -f '%M' -o "$WORK/rss" "$JAVA" -Xmx256m -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" build \
    "$SPEC" -o "$WORK/bench.raw" --format ddi --force > /dev/null </dev/null
PEAK=$(grep -o '[0-9]*M->[0-9]*M' "$WORK/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
echo "memory: build of the ${TREE_MB} MB tree with -Xmx256m passed; largest heap before a GC ${PEAK:-?} MB, $(grep -c 'Pause' "$WORK/gc.log") GC pauses, peak RSS $(( $(cat "$WORK/rss") / 1024 )) MB"
