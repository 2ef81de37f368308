#!/usr/bin/env bash
# bench/run.sh - how fast is the portajava command compared with the tools it stands in for?
#
# Run as root from the repository root on a Debian 12 machine provisioned for the integration tests
# (docker engine up, local image pj-systemd:bookworm-<recipe>, mksquashfs and busybox-static: scripts/provision.sh):
#
#     bash bench/run.sh
#
# What it measures, side by side in one run, with hyperfine (warmup and run counts below):
#
#   A. attach + detach of one image, against one throw-away systemd container running systemd-portabled:
#        portajava attach IMG && portajava detach IMG      (PORTAJAVA_CMD, the command a user types)
#        portablectl attach IMG && portablectl detach IMG  (the reference: systemd's own C client)
#        the same portajava pair with the JVM flags that came out best in B, to show what a launcher gains
#   B. JVM start-up: `portajava --version` against a plain JVM "hello world" (`java -cp DIR Hello`), plus
#      `java FLAGS -jar portajava.jar --version` for start-up flags a launcher could pass:
#        -Xshare:off                     (switches off the JDK's default CDS archive: shows what CDS is worth)
#        -XX:TieredStopAtLevel=1         (C1 only: less JIT work in a short-lived process)
#        -XX:+UseSerialGC                (cheaper GC set-up than G1)
#        AppCDS, dynamic                 (-XX:SharedArchiveFile=WORK/bench-dynamic.jsa, dumped at the exit of
#                                         one `--help` run with -XX:ArchiveClassesAtExit; --help loads
#                                         everything --version does)
#        AppCDS, static merged           (WORK/bench-static.jsa: -Xshare:dump over the class lists of
#                                         --version, --help, attach and detach together, so it also holds the
#                                         D-Bus classes an attach needs; JDK 17 can dump one run only dynamically)
#        and combinations of these.
#
# How to read the summary (computed from hyperfine's exports in bench/results/, which git ignores):
#   * portajava / portablectl for the attach+detach pair: 1.00 means as fast as portablectl, 2.00 twice as
#     slow. Target: <= 1.5.
#   * portajava --version / jvm hello: what portajava's own start-up (jar opening, picocli, its classes) adds
#     to the bare JVM start it cannot avoid. Target: <= 1.3.
#   * For each flag variant: its time relative to plain `java -jar` (below 1.00 = faster) and to jvm hello.
#     A variant is marked "worth it" when it saves at least 5 % and more than the noise (the two stddevs).
#
# Where it runs: everything, portajava and its references alike, in one throw-away systemd test container
# (bench/container.sh; its image, built by scripts/provision.sh, holds portablectl and hyperfine), timed there by
# hyperfine, so that each command pays the same and nothing is installed on or changed in this machine. portajava
# runs on this machine's JDK, bound read-only with the checkout; systemd-portabled is the container's.
#
# Knobs (env):
#   PORTAJAVA_CMD  the portajava command (default: ./portajava if that launcher exists, else
#                  `java -jar cli/target/portajava.jar`); it runs in the container
#   BENCH_RUNS     hyperfine --runs   (default 15)
#   BENCH_WARMUP   hyperfine --warmup (default 3)
#   PJ_IMAGE       the systemd image (default pj-systemd:bookworm-<recipe>)
#   JAVA           the java binary (default: java on PATH)
#
# It leaves nothing behind but bench/results/ (and the launcher's own start-up archive in cli/target/, which the
# launcher makes on first use): the container and the work directory are removed on every exit path.
set -euo pipefail


REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
BENCH_REPO="$REPO"
# shellcheck source=bench/container.sh
. "$REPO/bench/container.sh"

RUNS="${BENCH_RUNS:-15}"
WARMUP="${BENCH_WARMUP:-3}"
JAR="$REPO/cli/target/portajava.jar"
RESULTS="$REPO/bench/results"
IMAGE_NAME=hello

log() { printf '\n[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (the Docker engine and the container's bus answer root)"
[ -f pom.xml ] && [ -d cli ] && [ -d samples/hello ] || die "run from the portajava repository root"
((RUNS >= 3)) || die "BENCH_RUNS must be at least 3"
((WARMUP >= 1)) || die "BENCH_WARMUP must be at least 1"
command -v docker >/dev/null || die "docker not found (run scripts/provision.sh first)"

WORK=""
cleanup() {
    local rc=$?
    set +e
    bench_container_stop
    [ -n "$WORK" ] && rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ 1. jar, image, container
if [ ! -f "$JAR" ]; then
    log "building $JAR"
    mvn -B -q -o package -DskipTests || mvn -B -q package -DskipTests
fi
if [ -z "${PORTAJAVA_CMD:-}" ]; then
    if [ -x ./portajava ]; then PORTAJAVA_CMD="$REPO/portajava"; else PORTAJAVA_CMD="java -jar $JAR"; fi
fi
# the launcher makes its jar and start-up archive on first use: here, where the checkout is writable, and before
# the timings
sh -c "$PORTAJAVA_CMD --version" >/dev/null

WORK="$(mktemp -d /tmp/pjbench.XXXXXX)"
chmod 755 "$WORK"
mkdir -p "$WORK/img" "$WORK/hello" "$WORK/results"
IMG="$WORK/img/$IMAGE_NAME.raw"
JSA_DYNAMIC="$WORK/bench-dynamic.jsa" # not portajava.jsa: that is the launcher's own archive
JSA_STATIC="$WORK/bench-static.jsa"

log "building samples/hello into $IMG"
java -jar "$JAR" build samples/hello -o "$IMG" >/dev/null
printf '%s\n' 'public class Hello {' '    public static void main(String[] args) {' \
    '        System.out.println("hello");' '    }' '}' >"$WORK/hello/Hello.java"
javac -d "$WORK/hello" "$WORK/hello/Hello.java"

log "starting a systemd test container"
bench_container "$WORK"
JAVA="$BENCH_JAVA" # this machine's java, which runs in the container too; the launcher finds it through $JAVA
IN=(docker exec -i -w "$REPO" -e JAVA="$JAVA" "$BENCH_CONTAINER")
echo "systemd in $BENCH_CONTAINER: $("${IN[@]}" systemctl is-system-running || true)," \
    "$("${IN[@]}" portablectl --version | head -1), $("${IN[@]}" hyperfine --version)"

# ------------------------------------------------------------------ 2. CDS archives
log "creating the CDS archives"
# dynamic: classes loaded by one --help run (a superset of --version's)
"${IN[@]}" "$JAVA" -XX:ArchiveClassesAtExit="$JSA_DYNAMIC" -jar "$JAR" --help >/dev/null 2>"$WORK/cds-dynamic.log" ||
    { cat "$WORK/cds-dynamic.log" >&2; die "dynamic CDS dump failed"; }
# static: the class lists of --version, --help, attach and detach, merged into one archive
i=0
for args in "--version" "--help" "attach $IMG" "detach $IMG"; do
    i=$((i + 1))
    # shellcheck disable=SC2086 # $args is a word list on purpose
    "${IN[@]}" "$JAVA" -XX:DumpLoadedClassList="$WORK/classes.$i" -jar "$JAR" $args >/dev/null
done
awk '!seen[$0]++' "$WORK"/classes.* >"$WORK/classes.all"
"${IN[@]}" "$JAVA" -Xshare:dump -XX:SharedClassListFile="$WORK/classes.all" -XX:SharedArchiveFile="$JSA_STATIC" \
    -cp "$JAR" >"$WORK/cds-static.log" 2>&1 || { tail -20 "$WORK/cds-static.log" >&2; die "static CDS dump failed"; }
# -Xshare:on makes the JVM fail instead of silently ignoring an archive it cannot map
for jsa in "$JSA_DYNAMIC" "$JSA_STATIC"; do
    "${IN[@]}" "$JAVA" -Xshare:on -XX:SharedArchiveFile="$jsa" -jar "$JAR" --version >/dev/null ||
        die "the JVM refuses $jsa"
done
ls -l "$JSA_DYNAMIC" "$JSA_STATIC" | awk '{print $5, $9}'

# ------------------------------------------------------------------ 3. check the commands before timing
is_attached_state() { "${IN[@]}" portablectl is-attached "$IMAGE_NAME" 2>/dev/null || true; }
check_pair() { # check_pair LABEL CMD: attach && detach must succeed and leave the image detached
    log "checking: $1"
    "${IN[@]}" sh -c "$2" >"$WORK/check.out" 2>&1 || { cat "$WORK/check.out" >&2; die "$1 failed"; }
    local s
    s="$(is_attached_state)"
    [ "$s" = detached ] || die "$1 left the image '$s'"
    sed 's/^/    /' "$WORK/check.out"
}

PJ="$PORTAJAVA_CMD"
HELLO="$JAVA -cp $WORK/hello Hello"
# the best JVM flags a launcher could use; measured in B, used for the attach/detach comparison too
FAST_FLAGS="-XX:SharedArchiveFile=$JSA_STATIC -XX:TieredStopAtLevel=1"
PAIR_PJ="$PJ attach $IMG && $PJ detach $IMG"
PAIR_PCTL="portablectl attach $IMG && portablectl detach $IMG"
PAIR_FAST="$JAVA $FAST_FLAGS -jar $JAR attach $IMG && $JAVA $FAST_FLAGS -jar $JAR detach $IMG"
check_pair "portajava attach+detach" "$PAIR_PJ"
check_pair "portablectl attach+detach" "$PAIR_PCTL"
check_pair "portajava (static CDS + C1) attach+detach" "$PAIR_FAST"
"${IN[@]}" sh -c "$PJ --version" >/dev/null || die "$PJ --version failed"
"${IN[@]}" sh -c "$HELLO" | grep -qx hello || die "jvm hello failed"

# ------------------------------------------------------------------ 4. measure
LOAD_BEFORE="$(cut -d' ' -f1 /proc/loadavg)"
log "load average now: $LOAD_BEFORE on $(nproc) CPUs (a busy machine makes the figures noisy)"
HF=("${IN[@]}" hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS")
export_to() { echo --export-json "$WORK/results/$1.json" --export-csv "$WORK/results/$1.csv" \
    --export-markdown "$WORK/results/$1.md"; }

log "A. attach + detach ($RUNS runs, $WARMUP warmup)"
# shellcheck disable=SC2046 # the paths have no spaces
"${HF[@]}" $(export_to attach-detach) \
    -n "portajava attach+detach" "$PAIR_PJ" \
    -n "portablectl attach+detach" "$PAIR_PCTL" \
    -n "portajava attach+detach (static CDS + C1)" "$PAIR_FAST"

log "B. JVM start-up ($RUNS runs, $WARMUP warmup)"
V="-jar $JAR --version"
# shellcheck disable=SC2046
"${HF[@]}" $(export_to startup) \
    -n "jvm hello" "$HELLO" \
    -n "portajava --version" "$PJ --version" \
    -n "java -jar (plain)" "$JAVA $V" \
    -n "java -Xshare:off" "$JAVA -Xshare:off $V" \
    -n "java -XX:TieredStopAtLevel=1" "$JAVA -XX:TieredStopAtLevel=1 $V" \
    -n "java -XX:+UseSerialGC" "$JAVA -XX:+UseSerialGC $V" \
    -n "AppCDS dynamic" "$JAVA -XX:SharedArchiveFile=$JSA_DYNAMIC $V" \
    -n "AppCDS static merged" "$JAVA -XX:SharedArchiveFile=$JSA_STATIC $V" \
    -n "AppCDS dynamic + C1" "$JAVA -XX:SharedArchiveFile=$JSA_DYNAMIC -XX:TieredStopAtLevel=1 $V" \
    -n "AppCDS static merged + C1" "$JAVA $FAST_FLAGS $V" \
    -n "AppCDS static merged + C1 + SerialGC" "$JAVA $FAST_FLAGS -XX:+UseSerialGC $V"

[ "$(is_attached_state)" = detached ] || die "the image is still attached after the runs"
mkdir -p "$RESULTS"
cp "$WORK"/results/* "$RESULTS/"

# ------------------------------------------------------------------ 5. summary
log "summary"
echo "where: a systemd test container ($SYSTEMD_IMAGE): its portablectl, and portajava on this machine's JDK"
echo "load average before/after: $LOAD_BEFORE / $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs" \
    "(other work on the machine shows up as noise)"
# hyperfine's CSV, in seconds: command,mean,stddev,median,user,system,min,max
awk -F, '
function ms(n) { return sprintf("%7.1f ± %5.1f ms  (median %7.1f)", mean[n] * 1000, sd[n] * 1000, med[n] * 1000) }
function ratio(label, a, b, target,   r) {
    r = mean[a] / mean[b]
    printf "  %-46s %5.2f  (median %5.2f)   target <= %s: %s\n", label, r, med[a] / med[b], target,
        r <= target ? "met" : "MISSED"
}
FNR == 1 { part++; next }
{ mean[$1] = $2; sd[$1] = $3; med[$1] = $4; cpu[$1] = $5 + $6; order[part, ++count[part]] = $1 }
END {
    print ""
    print "A. attach + detach of one image (mean ± stddev)"
    for (i = 1; i <= count[1]; i++) printf "  %-46s %s\n", order[1, i], ms(order[1, i])
    ratio("ratio portajava / portablectl", "portajava attach+detach", "portablectl attach+detach", 1.5)
    ratio("ratio portajava (static CDS + C1) / portablectl", "portajava attach+detach (static CDS + C1)",
        "portablectl attach+detach", 1.5)
    print ""
    print "B. JVM start-up (mean ± stddev)"
    printf "  %-46s %s\n", "jvm hello", ms("jvm hello")
    printf "  %-46s %s\n", "portajava --version", ms("portajava --version")
    ratio("ratio portajava --version / jvm hello", "portajava --version", "jvm hello", 1.3)
    print ""
    print "  `java FLAGS -jar portajava.jar --version`. /plain and /hello are ratios of means, cpu = user+sys."
    print "  worth it = median wall time AND cpu time both at least 5 % below plain"
    printf "  %-38s %36s %9s  %6s %9s  %6s  worth it?\n", "variant", "mean ± stddev", "cpu", "/plain", "cpu/plain",
        "/hello"
    p = "java -jar (plain)"
    for (i = 1; i <= count[2]; i++) {
        n = order[2, i]
        if (n == "jvm hello" || n == "portajava --version") continue
        worth = n == p ? "-" : (med[n] <= 0.95 * med[p] && cpu[n] <= 0.95 * cpu[p] ? "yes" : "no")
        printf "  %-38s %36s %6.0f ms  %6.2f %9.2f  %6.2f  %s\n", n, ms(n), cpu[n] * 1000, mean[n] / mean[p],
            cpu[n] / cpu[p], mean[n] / mean["jvm hello"], worth
    }
}' "$RESULTS/attach-detach.csv" "$RESULTS/startup.csv"
echo
echo "hyperfine exports: $RESULTS/{attach-detach,startup}.{json,csv,md}"
