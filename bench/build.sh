#!/usr/bin/env bash
# bench/build.sh - a whole `portajava build` of a generated tree against mksquashfs on the same files, with the
# same compressor, level and block size: wall time (median of RUNS) and image size, and their ratios.
#
#   bench/build.sh [WORKDIR]     # as root, after scripts/provision.sh; default WORKDIR: /var/tmp/portajava-bench-build
#
# TREE picks the tree, generated once and kept in WORKDIR for the next run:
#   files     (the default) bench/ManyFiles.java's FILES small files, default 100000, in nested directories;
#   program   bench/Corpus.java's installed program of PROGRAM_MB megabytes (default 260, as bench/squashfs.sh's):
#             a deep tree of text, binary-like data and some random and empty files;
#   jars      bench/Corpus.java's directory of jar files, JARS_MB megabytes (default 400), already compressed.
# bench/squashfs.sh times the squashfs writer alone on the program and the jars, on the build machine's JDK; this
# script times what a user runs on them: the installed package's whole build.
#
# The build copies the tree to /srv/data with a busybox and a unit, so it does what a user's build does: plan the
# tree, check the unit's program, write the image. mksquashfs packs the same image's files, written once as a
# directory by `portajava build --format directory` (bench/tree-spec.sh's image_tree), so that both images hold the
# same files. Both sides run in a throw-away systemd test container (bench/container.sh): mksquashfs from its image,
# portajava as it is installed (the tree `mvn -B package` lays out in dist/target/portajava-VERSION: its launcher,
# its own runtime and start-up archive; a fresh JVM per run, its start-up counted). The two sides take turns. Wall
# and CPU time (user + system, from GNU time) are printed, and the median of the runs' ratios; on a busy machine
# the CPU ratio is the steadier figure. Knobs: TREE=files FILES=100000 PROGRAM_MB=260 JARS_MB=400 RUNS=3
# COMPRESSORS="gzip zstd".
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-/var/tmp/portajava-bench-build}"
kind="${TREE:-files}"
files="${FILES:-100000}"
runs="${RUNS:-3}"
compressors="${COMPRESSORS:-gzip zstd}"
BENCH_REPO="$here"
# shellcheck source=bench/container.sh
. "$here/bench/container.sh"
# shellcheck source=bench/tree-spec.sh
. "$here/bench/tree-spec.sh"

[ "$(id -u)" = 0 ] || { echo "bench: run as root (it starts a container)" >&2; exit 3; }
portajava="$(ls -d "$here"/dist/target/portajava-*/bin/portajava 2>/dev/null | head -n 1)"
if [ -z "$portajava" ]; then
    (cd "$here" && mvn -B -q -DskipTests -pl dist -am package >&2)
    portajava="$(ls -d "$here"/dist/target/portajava-*/bin/portajava | head -n 1)"
fi
mkdir -p "$work"
chmod 755 "$work"
case $kind in
    files) tree="$work/tree-$files" make=(java "$here/bench/ManyFiles.java" "$work/tree-$files.tmp" "$files") ;;
    program | jars)
        mb=$([ "$kind" = program ] && echo "${PROGRAM_MB:-260}" || echo "${JARS_MB:-400}")
        tree="$work/$kind-$mb" make=(java "$here/bench/Corpus.java" "$kind" "$work/$kind-$mb.tmp" "$mb") ;;
    *) echo "bench: TREE=$kind: files, program or jars" >&2; exit 2 ;;
esac
if [ ! -d "$tree" ]; then
    rm -rf "$tree.tmp"
    "${make[@]}" >&2
    mv "$tree.tmp" "$tree"
fi
spec="$work/spec"
rm -rf "$spec"
copy_spec "$spec" "$tree" bench
image_tree "$portajava" "$spec" "$work/image-tree"
trap bench_container_stop EXIT
bench_container "$work"

# timed CMD...: "WALL CPU", the milliseconds CMD takes in the container and the CPU time (user + system) it uses,
# from GNU time (its output dropped)
timed() {
    in_container sh -c 's=$(date +%s%N); /usr/bin/time -f "%U %S" -o /tmp/bench-cpu "$@" >/dev/null || exit 1
        e=$(date +%s%N); echo $(((e - s) / 1000000)) $(awk "{ printf \"%d\", (\$1 + \$2) * 1000 }" /tmp/bench-cpu)' \
        sh "$@" </dev/null
}
runs() { xargs -n 2 | tr ' ' / | xargs; } # "W C W C" -> "W/C W/C"
median() { sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "machine: $(nproc) cores, $("$portajava" --version), $(in_container mksquashfs -version 2>&1 | head -1)"
echo "tree: $kind, $(find "$tree" -type f | wc -l) files, $(du -sm "$tree" | cut -f1) MB on disk"
for comp in $compressors; do
    case $comp in
        gzip) level=9 ;;
        zstd) level=15 ;;
        *) echo "bench: $comp: only gzip and zstd here" >&2; exit 2 ;;
    esac
    pj=() mk=()
    for _ in $(seq "$runs"); do
        # each side writes a new image: replacing the last run's costs the time of unlinking it (about 65 ms for
        # 140 MB here), which neither side's timer should count
        rm -f "$work/pj.raw"
        pj+=("$(timed "$portajava" build "$spec" -o "$work/pj.raw" --compression "$comp")")
        rm -f "$work/mk.raw"
        mk+=("$(timed mksquashfs "$work/image-tree" "$work/mk.raw" -noappend -all-root -no-xattrs -comp "$comp" \
            -Xcompression-level "$level" -b 131072 -mkfs-time 0 -all-time 0 -quiet -no-progress)")
    done
    pjm=$(printf '%s\n' "${pj[@]}" | cut -d' ' -f1 | median)
    mkm=$(printf '%s\n' "${mk[@]}" | cut -d' ' -f1 | median)
    pjc=$(printf '%s\n' "${pj[@]}" | cut -d' ' -f2 | median)
    mkc=$(printf '%s\n' "${mk[@]}" | cut -d' ' -f2 | median)
    pjs=$(stat -c %s "$work/pj.raw")
    mks=$(stat -c %s "$work/mk.raw")
    # the two sides take turns, so each run's ratio compares two builds made moments apart: on a machine whose
    # speed drifts from minute to minute, the median of those ratios is steadier than the ratio of the medians
    rounds=$(for i in "${!pj[@]}"; do echo "${pj[$i]%% *} ${mk[$i]%% *}"; done \
        | awk '{ printf "%.4f\n", $1 / $2 }' | median)
    echo "$comp: portajava build median ${pjm} ms, CPU ${pjc} ms (runs, wall/CPU ms: $(echo "${pj[@]}" | runs))," \
        "mksquashfs median ${mkm} ms, CPU ${mkc} ms (runs: $(echo "${mk[@]}" | runs))" \
        "-> time ratio $(awk -v a="$pjm" -v b="$mkm" 'BEGIN{printf "%.2f", a/b}')x (target <= 1.0x)," \
        "median of the runs' ratios $(awk -v r="$rounds" 'BEGIN{printf "%.2f", r}')x," \
        "CPU ratio $(awk -v a="$pjc" -v b="$mkc" 'BEGIN{printf "%.2f", a/b}')x;" \
        "size $pjs vs $mks bytes -> $(awk -v a="$pjs" -v b="$mks" 'BEGIN{printf "%.4f", a/b}')x (target <= 1.01x)"
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end ($(nproc) CPUs)"
