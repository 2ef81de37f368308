#!/usr/bin/env bash
# bench/verity.sh - portajava's dm-verity and ddi build against the standard tools, on this machine.
#
#   1. hash tree throughput: portajava (Java, parallel over the cores) against `veritysetup format` on the same
#      512 MB file with the same salt and uuid; the hash devices must be identical.       target: >= 1.0x
#   2. the whole ddi build of a 300 MB tree (`portajava build --format ddi`) against mksquashfs + veritysetup
#      format run by hand with the same mksquashfs options.                                target: <= 1.1x
#   3. peak memory of that build with -Xmx256m: the build must pass, and the largest heap after a GC is printed.
#
# Usage: bench/verity.sh            (needs cryptsetup-bin, squashfs-tools, a built cli/target/portajava.jar)
# Knobs: WORK=/var/tmp/portajava-bench  DATA_MB=512  TREE_MB=300  RUNS=3
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
JAR=$HERE/cli/target/portajava.jar
WORK=${WORK:-/var/tmp/portajava-bench}
DATA_MB=${DATA_MB:-512}
TREE_MB=${TREE_MB:-300}
RUNS=${RUNS:-3}
SALT=5a17c0ffee0ddba11ad5a17c0ffee0ddba11ad5a17c0ffee0ddba11ad5a17c0f
UUID=0123456789abcdef0123456789abcdef
UUID_TEXT=01234567-89ab-cdef-0123-456789abcdef
PATH=/usr/sbin:/sbin:$PATH

[ -f "$JAR" ] || (cd "$HERE" && mvn -B -q -DskipTests -pl cli -am package)
for tool in veritysetup mksquashfs; do command -v $tool >/dev/null || { echo "missing $tool (scripts/provision.sh)"; exit 1; }; done
mkdir -p "$WORK"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }
best() { sort -n | head -1; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), $(veritysetup --version)"

# ---------------------------------------------------------------- 1. hash tree throughput
DATA=$WORK/data.img
if [ "$(stat -c %s "$DATA" 2>/dev/null || echo 0)" != $((DATA_MB * 1024 * 1024)) ]; then
    head -c $((DATA_MB * 1024 * 1024)) /dev/urandom > "$DATA"
fi
cat "$DATA" > /dev/null  # both sides read from the page cache
vs_times=()
for i in $(seq "$RUNS"); do
    rm -f "$WORK/vs.verity"
    t0=$(now)
    veritysetup format --hash=sha256 --data-block-size=4096 --hash-block-size=4096 --salt=$SALT --uuid=$UUID_TEXT \
        "$DATA" "$WORK/vs.verity" > "$WORK/vs.out"
    vs_times+=("$(secs "$t0" "$(now)")")
done
VS=$(printf '%s\n' "${vs_times[@]}" | best)
java -cp "$JAR" "$HERE/bench/VerityBench.java" "$DATA" "$WORK/pj.verity" $SALT $UUID "$RUNS" > "$WORK/pj.out"
PJ=$(sed -n 's/^run [0-9]*: \([0-9.]*\) s.*/\1/p' "$WORK/pj.out" | best)
PJ_FIRST=$(sed -n 's/^run 1: \([0-9.]*\) s.*/\1/p' "$WORK/pj.out")
cmp -s "$WORK/vs.verity" "$WORK/pj.verity" && SAME=identical || SAME=DIFFERENT
grep -q "$(awk '/Root hash/{print $3}' "$WORK/vs.out")" "$WORK/pj.out" && ROOT=equal || ROOT=DIFFERENT
echo "hash tree, ${DATA_MB} MB: veritysetup best ${VS} s ($(awk -v s="$VS" -v m="$DATA_MB" 'BEGIN{printf "%.0f", m*1.048576/s}') MB/s), portajava best ${PJ} s (first run ${PJ_FIRST} s) -> speed ratio $(awk -v a="$VS" -v b="$PJ" 'BEGIN{printf "%.2f", a/b}')x (target >= 1.0x); hash devices $SAME, root hash $ROOT"

# ---------------------------------------------------------------- 2. the whole ddi build
TREE=$WORK/tree
SPEC=$WORK/spec
if [ ! -f "$TREE/.done-$TREE_MB" ]; then
    rm -rf "$TREE"; mkdir -p "$TREE"
    # half incompressible, half compressible text, in files of 1 MB
    for i in $(seq $((TREE_MB / 2))); do
        head -c 1048576 /dev/urandom > "$TREE/random-$i.bin"
        (yes "line $i of a compressible file for the benchmark" || true) | head -c 1048576 > "$TREE/text-$i.txt"
    done
    touch "$TREE/.done-$TREE_MB"
fi
mkdir -p "$SPEC"
cat > "$SPEC/portable.toml" <<TOML
[image]
name = "bench"
version = "1.0"
units = ["bench.service"]

[[copy]]
from = "$TREE"
to = "/srv/data"

[[file]]
from = "/bin/busybox"
to = "/usr/bin/busybox"
mode = "0755"
TOML
printf '[Service]\nExecStart=/usr/bin/busybox sleep 1000\n' > "$SPEC/bench.service"
du -sh "$TREE" | awk '{print "tree: " $1}'

build_times=()
for i in $(seq "$RUNS"); do
    t0=$(now)
    java -jar "$JAR" build "$SPEC" -o "$WORK/bench.raw" --format ddi --force > "$WORK/build.out"
    build_times+=("$(secs "$t0" "$(now)")")
done
BUILD=$(printf '%s\n' "${build_times[@]}" | best)
squashfs_times=()
for i in $(seq "$RUNS"); do
    t0=$(now)
    java -jar "$JAR" build "$SPEC" -o "$WORK/bench-squashfs.raw" --format squashfs --force > /dev/null
    squashfs_times+=("$(secs "$t0" "$(now)")")
done
SQUASHFS=$(printf '%s\n' "${squashfs_times[@]}" | best)
hand_times=()
for i in $(seq "$RUNS"); do
    rm -f "$WORK/hand.squashfs" "$WORK/hand.verity"
    t0=$(now)
    mksquashfs "$TREE" "$WORK/hand.squashfs" -noappend -all-root -no-xattrs -comp gzip -b 131072 -mkfs-time 0 \
        -all-time 0 -quiet -no-progress > /dev/null
    veritysetup format "$WORK/hand.squashfs" "$WORK/hand.verity" > /dev/null
    hand_times+=("$(secs "$t0" "$(now)")")
done
HAND=$(printf '%s\n' "${hand_times[@]}" | best)
echo "ddi build, ${TREE_MB} MB tree: portajava build --format ddi best ${BUILD} s (runs: ${build_times[*]}), mksquashfs + veritysetup by hand best ${HAND} s (runs: ${hand_times[*]}) -> time ratio $(awk -v a="$BUILD" -v b="$HAND" 'BEGIN{printf "%.2f", a/b}')x (target <= 1.1x); image $(stat -c %s "$WORK/bench.raw") bytes"
echo "  for reference: portajava build --format squashfs (staging, mksquashfs, sha256; no verity) best ${SQUASHFS} s (runs: ${squashfs_times[*]}): the ddi part adds $(awk -v a="$BUILD" -v b="$SQUASHFS" 'BEGIN{printf "%.2f", a-b}') s"

# ---------------------------------------------------------------- 3. memory
rm -f "$WORK/gc.log"
/usr/bin/time -f '%M' -o "$WORK/rss" java -Xmx256m -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" build "$SPEC" \
    -o "$WORK/bench.raw" --format ddi --force > /dev/null
PEAK=$(grep -o '[0-9]*M->[0-9]*M' "$WORK/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
echo "memory: build of the ${TREE_MB} MB tree with -Xmx256m passed; largest heap before a GC ${PEAK:-?} MB, $(grep -c 'Pause' "$WORK/gc.log") GC pauses, peak RSS $(( $(cat "$WORK/rss") / 1024 )) MB (heap, code and mksquashfs's parent JVM only)"
