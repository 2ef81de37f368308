#!/usr/bin/env bash
# bench/squashfs.sh - the Java squashfs writer against mksquashfs, on the same trees with the same compressor,
# level and block size: wall time, image size and peak memory (RSS, from /usr/bin/time -v).
#
#   bench/squashfs.sh [WORKDIR]        # default WORKDIR: /tmp/portajava-bench-squashfs
#
# Trees: a JDK (JDK_TREE, default /usr/lib/jvm/java-17-openjdk-amd64, about 300 MB, compressible) and a directory
# of jars copied from ~/.m2/repository (about JARS_MB=400 MB, already compressed). Compressors: COMPRESSORS
# (default "gzip zstd xz lz4"), at mksquashfs's default levels, 128 KiB blocks, 'RUNS' runs each (best wall time
# kept). The Java side runs with JAVA_OPTS (default -Xmx256m) to show that memory stays bounded.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-/tmp/portajava-bench-squashfs}"
jdk="${JDK_TREE:-/usr/lib/jvm/java-17-openjdk-amd64}"
jars_mb="${JARS_MB:-400}"
compressors="${COMPRESSORS:-gzip zstd xz lz4}"
runs="${RUNS:-1}"
java_opts="${JAVA_OPTS:--Xmx256m}"
block=131072

command -v mksquashfs >/dev/null || { echo "bench: mksquashfs is needed (apt-get install squashfs-tools)" >&2; exit 3; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 3; }
mkdir -p "$work"

# the Java side: the squashfs module and its dependencies, and a small main class
(cd "$here" && mvn -B -q -o -pl core,squashfs install -DskipTests >&2 \
    && mvn -B -q -o -pl squashfs dependency:build-classpath -Dmdep.outputFile="$work/classpath" >&2)
cp="$here/squashfs/target/classes:$(cat "$work/classpath")"
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$cp" "$here/bench/SquashfsWrite.java"
cp="$work/classes:$cp"

jars="$work/jars"
if [ ! -d "$jars" ]; then
    mkdir -p "$jars.tmp"
    total=0
    while IFS= read -r jar; do
        size=$(stat -c %s "$jar")
        cp "$jar" "$jars.tmp/$(echo "${jar#"$HOME/.m2/repository/"}" | tr / _)"
        total=$((total + size))
        [ "$total" -lt $((jars_mb * 1024 * 1024)) ] || break
    done < <(find "$HOME/.m2/repository" -name '*.jar' -size +10k | sort)
    mv "$jars.tmp" "$jars"
fi

level() { case "$1" in gzip) echo 9 ;; zstd) echo 15 ;; xz) echo 6 ;; lz4) echo 0 ;; esac; }
mkargs() { case "$1" in gzip|zstd) echo "-Xcompression-level $(level "$1")" ;; *) echo "" ;; esac; }

# measure NAME OUT COMMAND...: best wall time of $runs runs, peak RSS of that run, the image's size
measure() {
    local out=$1; shift
    local best="" rss=""
    for _ in $(seq "$runs"); do
        rm -f "$out"
        /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" \
            || { cat "$work/stderr.txt" >&2; exit 1; }
        local wall
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time.txt")
        local kb
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; rss=$kb; fi
    done
    echo "$best $rss $(stat -c %s "$out")"
}

printf '| tree | comp | mksquashfs s | java s | time ratio | mksquashfs bytes | java bytes | size ratio | mksquashfs RSS MB | java RSS MB |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for tree in "$jdk" "$jars"; do
    du=$(du -sm "$tree" | cut -f1)
    for comp in $compressors; do
        # shellcheck disable=SC2046
        read -r mw mr ms < <(measure "$work/mk.img" mksquashfs "$tree" "$work/mk.img" -noappend -all-root -no-xattrs \
            -comp "$comp" $(mkargs "$comp") -b "$block" -mkfs-time 0 -all-time 0 -quiet -no-progress)
        # shellcheck disable=SC2086
        read -r jw jr js < <(measure "$work/java.img" java $java_opts -cp "$cp" SquashfsWrite "$tree" "$work/java.img" \
            "$comp" "$(level "$comp")" "$block")
        unsquashfs -lln "$work/mk.img" | tail -n +2 > "$work/mk.lls"
        unsquashfs -lln "$work/java.img" | tail -n +2 > "$work/java.lls"
        cmp -s "$work/mk.lls" "$work/java.lls" || echo "bench: the listings of $tree with $comp differ" >&2
        awk -v t="$(basename "$tree") (${du} MB)" -v c="$comp" -v mw="$mw" -v jw="$jw" -v ms="$ms" -v js="$js" \
            -v mr="$mr" -v jr="$jr" 'BEGIN {
            printf "| %s | %s | %.2f | %.2f | %.2f | %d | %d | %.4f | %d | %d |\n", t, c, mw, jw, jw/mw, ms, js, js/ms, mr/1024, jr/1024 }'
    done
done
rm -f "$work/mk.img" "$work/java.img"
