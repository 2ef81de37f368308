#!/usr/bin/env bash
# bench/run.sh - how fast is the portajava command compared with the tools it stands in for?
#
# Run as root from the repository root on a Debian 12 machine provisioned for the integration tests
# (docker engine up, local image pj-systemd:bookworm, mksquashfs and busybox-static: scripts/provision.sh):
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
#        AppCDS, dynamic                 (-XX:SharedArchiveFile=cli/target/bench-dynamic.jsa, dumped at the exit of
#                                         one `--help` run with -XX:ArchiveClassesAtExit; --help loads
#                                         everything --version does)
#        AppCDS, static merged           (cli/target/bench-static.jsa: -Xshare:dump over the class lists of
#                                         --version, --help, attach and detach together, so it also holds the
#                                         D-Bus classes an attach needs; JDK 17 can dump one run only dynamically)
#        and combinations of these.
#
# How to read the summary (computed from hyperfine's JSON in bench/results/, which git ignores):
#   * portajava / portablectl for the attach+detach pair: 1.00 means as fast as portablectl, 2.00 twice as
#     slow. Target: <= 1.5.
#   * portajava --version / jvm hello: what portajava's own start-up (jar opening, picocli, its classes) adds
#     to the bare JVM start it cannot avoid. Target: <= 1.3.
#   * For each flag variant: its time relative to plain `java -jar` (below 1.00 = faster) and to jvm hello.
#     A variant is marked "worth it" when it saves at least 5 % and more than the noise (the two stddevs).
#
# Where portablectl runs: the host gets Debian's systemd-container package (portablectl); sd-bus honours
# DBUS_SYSTEM_BUS_ADDRESS, so the host's portablectl, like the host JVM, talks to the container's portabled
# through the bind-mounted bus socket. portablectl also insists on a host booted with systemd
# (/run/systemd/system must exist), so the checks and hyperfine run in a private mount namespace that has
# that directory (see BOOTED_NS below); the host itself is not changed. If the package cannot be installed
# or portablectl still cannot reach the bus, the script falls back to running BOTH portablectl and
# portajava inside the container with `docker exec` (the JDK bind-mounted read-only), so both pay the same
# exec overhead. The summary says which way was used.
#
# Knobs (env):
#   PORTAJAVA_CMD  the portajava command (default: ./portajava if that launcher exists, else
#                  `java -jar cli/target/portajava.jar`)
#   BENCH_RUNS     hyperfine --runs   (default 15)
#   BENCH_WARMUP   hyperfine --warmup (default 3)
#   BENCH_MODE     auto | host | container  (default auto: host if portablectl works there)
#   PJ_IMAGE       the systemd image (default pj-systemd:bookworm)
#   JAVA           the java binary (default: java on PATH)
#
# It leaves nothing behind but bench/results/ and the archives in cli/target/: its container is removed and
# the image is detached on every exit path.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

RUNS="${BENCH_RUNS:-15}"
WARMUP="${BENCH_WARMUP:-3}"
MODE="${BENCH_MODE:-auto}"
PJ_IMAGE="${PJ_IMAGE:-pj-systemd:bookworm}"
JAVA="${JAVA:-java}"
JAR="$REPO/cli/target/portajava.jar"
JSA_DYNAMIC="$REPO/cli/target/bench-dynamic.jsa"  # not portajava.jsa: that is the launcher's own archive
JSA_STATIC="$REPO/cli/target/bench-static.jsa"
RESULTS="$REPO/bench/results"
CONTAINER="pjbench-$$"
IMAGE_NAME=hello

log() { printf '\n[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (the bus grants attach/detach to uid 0 only)"
[ -f pom.xml ] && [ -d cli ] && [ -d samples/hello ] || die "run from the portajava repository root"
case "$MODE" in auto | host | container) ;; *) die "BENCH_MODE must be auto, host or container" ;; esac
((RUNS >= 10)) || die "BENCH_RUNS must be at least 10"
((WARMUP >= 2)) || die "BENCH_WARMUP must be at least 2"

# ------------------------------------------------------------------ cleanup (every exit path)
WORK=""
CREATED_POLICY=0
CREATED_RUN_SYSTEMD=0
cleanup() {
    local rc=$?
    set +e
    if [ -n "$(docker ps -q --filter "name=^${CONTAINER}\$" 2>/dev/null)" ]; then
        # detach whatever a failed run may have left attached, then drop the container
        if docker exec "$CONTAINER" portablectl is-attached "$IMAGE_NAME" >/dev/null 2>&1; then
            docker exec "$CONTAINER" portablectl detach "$IMAGE_NAME" >/dev/null 2>&1 \
                && log "cleanup: detached $IMAGE_NAME"
        fi
    fi
    docker rm -f "$CONTAINER" >/dev/null 2>&1
    [ -n "$WORK" ] && rm -rf "$WORK"
    [ "$CREATED_POLICY" = 1 ] && rm -f /usr/sbin/policy-rc.d
    [ "$CREATED_RUN_SYSTEMD" = 1 ] && rmdir /run/systemd
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ 1. tools
# hyperfine, python3 (summary) and, on the host, portablectl from systemd-container.
# policy-rc.d (exit 101) keeps maintainer scripts from starting any service on the host.
APT_UPDATED=0
apt_install() {  # apt_install PKG[=VERSION]...
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        CREATED_POLICY=1
    fi
    if [ "$APT_UPDATED" = 0 ]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v hyperfine >/dev/null || { log "installing hyperfine"; apt_install hyperfine; }
command -v python3 >/dev/null || { log "installing python3"; apt_install python3; }
command -v javac >/dev/null || die "javac not found (the machine should have openjdk-17-jdk-headless)"
command -v docker >/dev/null || die "docker not found (run scripts/provision.sh first)"

if [ "$MODE" != container ] && ! command -v portablectl >/dev/null; then
    log "installing systemd-container on the host (for portablectl)"
    # Prefer the version of the installed systemd, so the host's systemd is not upgraded with it.
    sd_version="$(dpkg-query -W -f='${Version}' systemd 2>/dev/null || true)"
    if { [ -n "$sd_version" ] && apt_install "systemd-container=$sd_version"; } || apt_install systemd-container; then
        :
    elif [ "$MODE" = host ]; then
        die "could not install systemd-container on the host"
    else
        log "could not install systemd-container on the host: falling back to the container for both tools"
        MODE=container
    fi
fi

# ------------------------------------------------------------------ 2. jar, image, container
if [ ! -f "$JAR" ]; then
    log "building $JAR"
    mvn -B -q -o package -DskipTests || mvn -B -q package -DskipTests
fi

JAVA_REAL="$(readlink -f "$(command -v "$JAVA")")"
if [ -z "${PORTAJAVA_CMD:-}" ]; then
    if [ -x ./portajava ]; then PORTAJAVA_CMD="$REPO/portajava"; else PORTAJAVA_CMD="$JAVA_REAL -jar $JAR"; fi
fi

# A short path: the bus socket path must stay under 108 bytes. Same absolute paths on host and container.
WORK="$(mktemp -d /tmp/pjbench.XXXXXX)"
BUSDIR="$WORK/bus"
IMGDIR="$WORK/img"
HELLODIR="$WORK/hello"
mkdir -p "$BUSDIR" "$IMGDIR" "$HELLODIR"
chmod 755 "$WORK" "$BUSDIR" "$IMGDIR" "$HELLODIR"
IMG="$IMGDIR/$IMAGE_NAME.raw"
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$BUSDIR/system_bus_socket"

# portablectl (like systemctl) refuses to talk to the local system bus unless sd_booted() is true, that is,
# unless /run/systemd/system exists: "System has not been booted with systemd as init system (PID 1)".
# This host does not run systemd, so the host-side checks and hyperfine itself run in a private mount
# namespace with a tmpfs on /run/systemd that holds an empty system/ dir. Nothing changes for the rest of
# the host, and portablectl and portajava run in the same namespace at no per-run cost.
BOOTED_NS="$WORK/booted-ns"
cat >"$BOOTED_NS" <<'EOF'
#!/bin/sh
exec unshare --mount --propagation private sh -c \
    'mount -t tmpfs -o mode=755 pjbench /run/systemd && mkdir /run/systemd/system && exec "$@"' sh "$@"
EOF
chmod 755 "$BOOTED_NS"
[ -d /run/systemd ] || { mkdir -p /run/systemd; CREATED_RUN_SYSTEMD=1; }

log "building samples/hello into $IMG"
$JAVA -jar "$JAR" build samples/hello -o "$IMG" >/dev/null

cat >"$HELLODIR/Hello.java" <<'EOF'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
EOF
javac -d "$HELLODIR" "$HELLODIR/Hello.java"

start_container() {
    log "starting container $CONTAINER from $PJ_IMAGE ($MODE mode)"
    local extra_mounts=()
    if [ "$MODE" = container ]; then
        # fallback: portajava runs in the container too, with the host's JDK and this checkout, both read-only
        extra_mounts=(-v /usr/lib/jvm:/usr/lib/jvm:ro -v "$REPO:$REPO:ro" -v "$HELLODIR:$HELLODIR:ro")
        # Debian's JDK keeps its conf (java.security, ...) in /etc/java-17-openjdk, behind symlinks
        local d
        for d in /etc/java-*; do
            if [ -d "$d" ]; then extra_mounts+=(-v "$d:$d:ro"); fi
        done
    fi
    docker run -d --name "$CONTAINER" --network none \
        --tmpfs /run:rw,mode=755 --tmpfs /run/lock \
        -v /sys/fs/cgroup:/sys/fs/cgroup:rw -v /dev:/dev \
        -v "$BUSDIR:/run/dbus" -v "$IMGDIR:$IMGDIR" "${extra_mounts[@]}" \
        --cap-add SYS_ADMIN --cap-add NET_ADMIN --cap-add SYS_PTRACE --cap-add MKNOD \
        --security-opt seccomp=unconfined --security-opt apparmor=unconfined --cgroupns=host \
        --device-cgroup-rule 'b 7:* rmw' --device-cgroup-rule 'c 10:237 rmw' --device-cgroup-rule 'b 259:* rmw' \
        "$PJ_IMAGE" /lib/systemd/systemd >/dev/null
    local state="" _
    for _ in $(seq 1 900); do  # up to 90 s
        state="$(docker exec "$CONTAINER" systemctl is-system-running 2>/dev/null || true)"
        if [ "$state" = running ] || [ "$state" = degraded ]; then break; fi
        sleep 0.1
    done
    [ "$state" = running ] || [ "$state" = degraded ] || die "systemd in $CONTAINER did not come up (state: $state)"
    [ -S "$BUSDIR/system_bus_socket" ] || die "no bus socket at $BUSDIR/system_bus_socket"
    echo "systemd in $CONTAINER: $state"
}
start_container

# Host portablectl must reach the container's portabled through the socket; if not, use the fallback.
if [ "$MODE" != container ]; then
    if "$BOOTED_NS" portablectl list >"$WORK/list.out" 2>&1; then
        MODE=host
        echo "host portablectl ($(portablectl --version | head -1)) reaches portabled through $DBUS_SYSTEM_BUS_ADDRESS:"
        sed 's/^/    /' "$WORK/list.out"
    elif [ "$MODE" = host ]; then
        cat "$WORK/list.out" >&2
        die "host portablectl cannot reach portabled through $DBUS_SYSTEM_BUS_ADDRESS"
    else
        log "host portablectl cannot reach the bus: falling back to the container for both tools"
        docker rm -f "$CONTAINER" >/dev/null
        MODE=container
        start_container
    fi
fi

if [ "$MODE" = container ]; then
    IN=(docker exec -w "$REPO" "$CONTAINER")
    PJ="${IN[*]} $PORTAJAVA_CMD"
    PJ_JAVA="${IN[*]} $JAVA_REAL"
    PCTL="${IN[*]} portablectl"
    HELLO="${IN[*]} $JAVA_REAL -cp $HELLODIR Hello"
    WHERE="container: portablectl AND portajava run through 'docker exec' (JDK bind-mounted read-only)"
    RUN=()
else
    PJ="$PORTAJAVA_CMD"
    PJ_JAVA="$JAVA_REAL"
    PCTL="portablectl"
    HELLO="$JAVA_REAL -cp $HELLODIR Hello"
    WHERE="host: portablectl and the JVM on the host, both over $DBUS_SYSTEM_BUS_ADDRESS"
    RUN=("$BOOTED_NS")
fi
export PJ_BENCH_WHERE="$WHERE" PJ_BENCH_MODE="$MODE"

# ------------------------------------------------------------------ 3a. CDS archives
log "creating the CDS archives"
rm -f "$JSA_DYNAMIC" "$JSA_STATIC"
# dynamic: classes loaded by one --help run (a superset of --version's)
$JAVA -XX:ArchiveClassesAtExit="$JSA_DYNAMIC" -jar "$JAR" --help >/dev/null 2>"$WORK/cds-dynamic.log" \
    || { cat "$WORK/cds-dynamic.log" >&2; die "dynamic CDS dump failed"; }
# static: the class lists of --version, --help, attach and detach, merged into one archive
i=0
for args in "--version" "--help" "attach $IMG" "detach $IMG"; do
    i=$((i + 1))
    # shellcheck disable=SC2086 # $args is a word list on purpose
    $JAVA -XX:DumpLoadedClassList="$WORK/classes.$i" -jar "$JAR" $args >/dev/null
done
awk '!seen[$0]++' "$WORK"/classes.* >"$WORK/classes.all"
$JAVA -Xshare:dump -XX:SharedClassListFile="$WORK/classes.all" -XX:SharedArchiveFile="$JSA_STATIC" \
    -cp "$JAR" >"$WORK/cds-static.log" 2>&1 || { tail -20 "$WORK/cds-static.log" >&2; die "static CDS dump failed"; }
# -Xshare:on makes the JVM fail instead of silently ignoring an archive it cannot map
for jsa in "$JSA_DYNAMIC" "$JSA_STATIC"; do
    $JAVA -Xshare:on -XX:SharedArchiveFile="$jsa" -jar "$JAR" --version >/dev/null \
        || die "the JVM refuses $jsa"
done
ls -l "$JSA_DYNAMIC" "$JSA_STATIC" | awk '{print $5, $9}'

# ------------------------------------------------------------------ 3b. check the commands before timing
is_attached_state() { docker exec "$CONTAINER" portablectl is-attached "$IMAGE_NAME" 2>/dev/null || true; }
check_pair() {  # check_pair LABEL CMD: attach && detach must succeed and leave the image detached
    log "checking: $1"
    "${RUN[@]}" sh -c "$2" >"$WORK/check.out" 2>&1 || { cat "$WORK/check.out" >&2; die "$1 failed"; }
    local s
    s="$(is_attached_state)"
    [ "$s" = detached ] || die "$1 left the image '$s'"
    sed 's/^/    /' "$WORK/check.out"
}

# the best JVM flags a launcher could use; measured in B, used for the attach/detach comparison too
FAST_FLAGS="-XX:SharedArchiveFile=$JSA_STATIC -XX:TieredStopAtLevel=1"
PAIR_PJ="$PJ attach $IMG && $PJ detach $IMG"
PAIR_PCTL="$PCTL attach $IMG && $PCTL detach $IMG"
PAIR_FAST="$PJ_JAVA $FAST_FLAGS -jar $JAR attach $IMG && $PJ_JAVA $FAST_FLAGS -jar $JAR detach $IMG"
check_pair "portajava attach+detach" "$PAIR_PJ"
check_pair "portablectl attach+detach" "$PAIR_PCTL"
check_pair "portajava (static CDS, C1) attach+detach" "$PAIR_FAST"
sh -c "$PJ --version" >/dev/null || die "$PJ --version failed"
sh -c "$HELLO" | grep -qx hello || die "jvm hello failed"

# ------------------------------------------------------------------ 3c. measure
mkdir -p "$RESULTS"
PJ_BENCH_LOAD_BEFORE="$(cut -d' ' -f1 /proc/loadavg)"
export PJ_BENCH_LOAD_BEFORE
log "load average now: $PJ_BENCH_LOAD_BEFORE on $(nproc) CPUs (a busy machine makes the figures noisy)"
HF=("${RUN[@]}" hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS")

log "A. attach + detach ($RUNS runs, $WARMUP warmup)"
"${HF[@]}" --export-json "$RESULTS/attach-detach.json" --export-markdown "$RESULTS/attach-detach.md" \
    -n "portajava attach+detach" "$PAIR_PJ" \
    -n "portablectl attach+detach" "$PAIR_PCTL" \
    -n "portajava attach+detach (static CDS, C1)" "$PAIR_FAST"

log "B. JVM start-up ($RUNS runs, $WARMUP warmup)"
V="-jar $JAR --version"
"${HF[@]}" --export-json "$RESULTS/startup.json" --export-markdown "$RESULTS/startup.md" \
    -n "jvm hello" "$HELLO" \
    -n "portajava --version" "$PJ --version" \
    -n "java -jar (plain)" "$PJ_JAVA $V" \
    -n "java -Xshare:off" "$PJ_JAVA -Xshare:off $V" \
    -n "java -XX:TieredStopAtLevel=1" "$PJ_JAVA -XX:TieredStopAtLevel=1 $V" \
    -n "java -XX:+UseSerialGC" "$PJ_JAVA -XX:+UseSerialGC $V" \
    -n "AppCDS dynamic" "$PJ_JAVA -XX:SharedArchiveFile=$JSA_DYNAMIC $V" \
    -n "AppCDS static merged" "$PJ_JAVA -XX:SharedArchiveFile=$JSA_STATIC $V" \
    -n "AppCDS dynamic + C1" "$PJ_JAVA -XX:SharedArchiveFile=$JSA_DYNAMIC -XX:TieredStopAtLevel=1 $V" \
    -n "AppCDS static merged + C1" "$PJ_JAVA $FAST_FLAGS $V" \
    -n "AppCDS static merged + C1 + SerialGC" "$PJ_JAVA $FAST_FLAGS -XX:+UseSerialGC $V"

[ "$(is_attached_state)" = detached ] || die "the image is still attached after the runs"

# ------------------------------------------------------------------ 4. summary
log "summary"
python3 - "$RESULTS" <<'EOF'
import json, os, sys

res = sys.argv[1]
def load(name):
    with open(os.path.join(res, name)) as f:
        return {r["command"]: r for r in json.load(f)["results"]}

def ms(r):
    return f'{r["mean"] * 1000:7.1f} ± {r["stddev"] * 1000:5.1f} ms  (median {r["median"] * 1000:7.1f})'

def ratio_line(label, num, den, target):
    mean, median = num["mean"] / den["mean"], num["median"] / den["median"]
    ok = "met" if mean <= target else "MISSED"
    print(f"  {label:46s} {mean:5.2f}  (median {median:5.2f})   target <= {target}: {ok}")

a = load("attach-detach.json")
b = load("startup.json")
print(f'where: {os.environ.get("PJ_BENCH_WHERE", "?")}')
print(f'load average before/after: {os.environ.get("PJ_BENCH_LOAD_BEFORE", "?")} / {os.getloadavg()[0]:.2f}'
      f' on {os.cpu_count()} CPUs (other work on the machine shows up as noise)')
print()
print("A. attach + detach of one image (mean ± stddev)")
for name, r in a.items():
    print(f"  {name:46s} {ms(r)}")
pc = a["portablectl attach+detach"]
ratio_line("ratio portajava / portablectl", a["portajava attach+detach"], pc, 1.5)
ratio_line("ratio portajava (static CDS, C1) / portablectl", a["portajava attach+detach (static CDS, C1)"], pc, 1.5)
print()
print("B. JVM start-up (mean ± stddev)")
hello, ver, plain = b["jvm hello"], b["portajava --version"], b["java -jar (plain)"]
print(f"  {'jvm hello':46s} {ms(hello)}")
print(f"  {'portajava --version':46s} {ms(ver)}")
ratio_line("ratio portajava --version / jvm hello", ver, hello, 1.3)
print()
print("  `java FLAGS -jar portajava.jar --version`. /plain and /hello are ratios of means, cpu = user+sys.")
in_container = os.environ.get("PJ_BENCH_MODE") == "container"
if in_container:
    print("  (container mode: cpu is only the docker exec client's, so 'worth it' = median AND mean wall time")
    print("  both at least 5 % below plain)")
else:
    print("  'worth it' = median wall time AND cpu time both at least 5 % below plain (cpu time is the steadier")
    print("  signal when other work shares the CPUs)")
print(f'  {"variant":38s} {"mean ± stddev":>36s} {"cpu":>9s}  {"/plain":>6s} {"cpu/plain":>9s}  {"/hello":>6s}  worth it?')
def cpu(r):
    return r["user"] + r["system"]
for name, r in b.items():
    if name in ("jvm hello", "portajava --version"):
        continue
    rp, rc, rh = r["mean"] / plain["mean"], cpu(r) / cpu(plain), r["mean"] / hello["mean"]
    second = rp <= 0.95 if in_container else rc <= 0.95
    worth = "-" if name == "java -jar (plain)" else (
        "yes" if r["median"] <= 0.95 * plain["median"] and second else "no")
    print(f"  {name:38s} {ms(r):>36s} {cpu(r) * 1000:6.0f} ms  {rp:6.2f} {rc:9.2f}  {rh:6.2f}  {worth}")
EOF
echo
echo "hyperfine exports: $RESULTS/{attach-detach,startup}.{json,md}"
