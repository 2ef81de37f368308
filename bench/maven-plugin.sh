#!/usr/bin/env bash
# bench/maven-plugin.sh - portajava-maven-plugin on samples/java-http: how big is the image, how long does a build
# take when only the application's code changed, and how soon does the service answer once started?
#
# Run as root from the repository root after `mvn -B install` (the plugin and the parent POM in ~/.m2, the
# sample's image in samples/java-http/target/), on a machine provisioned for the integration tests
# (scripts/provision.sh):
#
#     bash bench/maven-plugin.sh
#
# Side by side in one run:
#   1. the size of samples/java-http/target/java-http_VERSION.raw                              target <= 60 MB
#   2. `mvn -o package` of a copy of the sample (its one bundled image: the POM's two executions on a shared
#      runtime are left out) after a change of its code (a runtime and archive cache warmed by
#      a first build) against
#      a. `mvn -o package jib:buildTar` (jib-maven-plugin JIB_VERSION, without the plugin): an OCI image tar of the
#         same jar, on a base that holds a runtime of the same modules, linked by jlink, with the C libraries it
#         needs; the base is written here as a `docker save` tar (`tar://`), so jib needs no registry and no
#         daemon. jib's caches are warmed by a first build too.                               target <= 1.5 x
#      b. the plain way to the same runtime and jar: `mvn -o package` without the plugin, then jdeps and jlink of
#         the jar.
#      All run on this machine with its Maven and JDK, the tools the plugin itself uses. Should jib fail to run,
#      the output says why and keeps b.
#   3. in a throw-away systemd 252 container (bench/container.sh), the image attached with portablectl: from
#      `systemctl start java-http` to the first answered request, against the same unit with the start-up archive
#      turned off (a drop-in running java with -Xshare:off).                                    target <= 1.0 s
#
# Knobs (env): BENCH_RUNS (default 5), JIB_VERSION (default 3.5.2). It leaves nothing behind but bench/results/maven-plugin.txt.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
BENCH_REPO="$REPO"
# shellcheck source=bench/container.sh
. "$REPO/bench/container.sh"

RUNS="${BENCH_RUNS:-5}"
JIB_VERSION="${JIB_VERSION:-3.5.2}"
RESULTS="$REPO/bench/results"

die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (the Docker engine and the container's systemd answer root)"
IMAGE="$(ls samples/java-http/target/java-http_*.raw 2>/dev/null | head -n 1)"
[ -n "$IMAGE" ] || die "no samples/java-http/target/java-http_*.raw: run mvn -B install first"

WORK="$(mktemp -d /var/tmp/pj-bench-maven.XXXXXX)"
chmod 755 "$WORK"
cleanup() {
    bench_container_stop
    rm -rf "$WORK"
}
trap cleanup EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# 1. size
SIZE="$(stat -c %s "$IMAGE")"

# 2. a build after a change of the code, ours against jib's buildTar and against jar + jlink
cp -r samples/java-http "$WORK/project"
rm -rf "$WORK/project/target"
sed -i 's|<relativePath>../../pom.xml</relativePath>|<relativePath/>|' "$WORK/project/pom.xml"
# one image, as jib builds one: the sample's two executions on a shared runtime are left out
perl -0pi -e 's{\s*<!-- the same service twice more.*?<id>shared-two</id>.*?</execution>}{}s' "$WORK/project/pom.xml"
! grep -q '<id>shared-' "$WORK/project/pom.xml" || die "the sample's shared-runtime executions are still in its POM"
SOURCE="$WORK/project/src/main/java/dev/portajava/samples/http/CounterService.java"
MVN=(mvn -B -o -q -f "$WORK/project/pom.xml" -Dportajava.cacheDirectory="$WORK/cache")
"${MVN[@]}" package >/dev/null # warms the cache: the runtime is linked once per JDK and modules
change() { sed -i "s|<h1>java-http[^<]*</h1>|<h1>java-http $1</h1>|" "$SOURCE"; }
plain() {
    "${MVN[@]}" package -Dportajava.skip >/dev/null
    local jar modules
    jar="$(ls "$WORK"/project/target/java-http-*.jar)"
    modules="$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps "$jar" | tail -n 1)"
    rm -rf "$WORK/plain-runtime"
    jlink --add-modules "$modules" --output "$WORK/plain-runtime" --strip-debug --no-header-files --no-man-pages
}
# jib's base: a `docker save` tar of one layer, /opt/java (the runtime of the jar's modules) and the C libraries
# its programs and libraries need, at the paths ldd finds them
jib_base() {
    local jar modules root lib diff
    jar="$(ls "$WORK"/project/target/java-http-*.jar)"
    modules="$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps "$jar" | tail -n 1)"
    root="$WORK/jib-base/root"
    mkdir -p "$root/opt"
    jlink --add-modules "$modules" --output "$root/opt/java" --strip-debug --no-header-files --no-man-pages
    find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
        | sed -n 's|.*=> \(/[^ ]*\) .*|\1|p; s|^[[:space:]]*\(/[^ ]*\) (.*|\1|p' | sort -u \
        | while read -r lib; do
            mkdir -p "$root$(dirname "$lib")"
            cp -L "$lib" "$root$lib"
        done
    mkdir -p "$root/tmp" && chmod 1777 "$root/tmp"
    (cd "$root" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$WORK/jib-base/layer.tar" .)
    diff="$(sha256sum "$WORK/jib-base/layer.tar" | cut -d' ' -f1)"
    cat >"$WORK/jib-base/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff"]}}
JSON
    echo '[{"Config":"config.json","RepoTags":["pj-bench-java-base:1"],"Layers":["layer.tar"]}]' \
        >"$WORK/jib-base/manifest.json"
    tar -C "$WORK/jib-base" -cf "$WORK/jib-base.tar" manifest.json config.json layer.tar
}
JIB=("${MVN[@]}" "com.google.cloud.tools:jib-maven-plugin:$JIB_VERSION:buildTar" -Dportajava.skip
    -Djib.from.image="tar://$WORK/jib-base.tar" -Djib.to.image=java-http:bench
    -Djib.outputPaths.tar="$WORK/project/target/jib-image.tar" -Djib.baseImageCache="$WORK/jib-cache"
    -Djib.container.jvmFlags=-Xmx64m,-XX:TieredStopAtLevel=1 -Djib.container.environment=PORT=8080)
jib() { "${JIB[@]}" package >"$WORK/jib.log" 2>&1; }
# whether jib runs here, and whether its image's java runs (in the local Docker engine, when there is one)
JIB_WHY=""
JIB_RUNTIME="a runtime of the same modules, linked by jlink, in its base"
if ! jib_base >"$WORK/jib-base.log" 2>&1; then
    JIB_WHY="its base image could not be made: $(tail -n 1 "$WORK/jib-base.log")"
elif ! jib; then
    JIB_WHY="jib:buildTar failed: $(grep -m 1 '\[ERROR\]' "$WORK/jib.log" || tail -n 1 "$WORK/jib.log")"
elif docker info >/dev/null 2>&1; then
    JIB_LOADED="$(docker load -i "$WORK/project/target/jib-image.tar" 2>/dev/null | sed -n 's/^Loaded image: //p')"
    if [ -n "$JIB_LOADED" ] && docker run --rm --network none --entrypoint java "$JIB_LOADED" -version >/dev/null 2>&1; then
        JIB_RUNTIME="$JIB_RUNTIME (java -version runs in the image)"
    else
        JIB_RUNTIME="$JIB_RUNTIME, but java -version did not run in the image"
    fi
    if [ -n "$JIB_LOADED" ]; then docker rmi "$JIB_LOADED" >/dev/null 2>&1 || true; fi
fi

: >"$WORK/ours.times"
: >"$WORK/jib.times"
: >"$WORK/plain.times"
for i in $(seq 1 "$RUNS"); do
    change "ours $i"
    t0="$(now)"; "${MVN[@]}" package >/dev/null; t1="$(now)"
    echo "$t1 - $t0" | bc >>"$WORK/ours.times"
    if [ -z "$JIB_WHY" ]; then
        change "jib $i"
        t0="$(now)"; jib || die "jib:buildTar failed: $(tail -n 5 "$WORK/jib.log")"; t1="$(now)"
        echo "$t1 - $t0" | bc >>"$WORK/jib.times"
    fi
    change "plain $i"
    t0="$(now)"; plain; t1="$(now)"
    echo "$t1 - $t0" | bc >>"$WORK/plain.times"
done
OURS="$(median <"$WORK/ours.times")"
PLAIN="$(median <"$WORK/plain.times")"
if [ -z "$JIB_WHY" ]; then JIBT="$(median <"$WORK/jib.times")"; fi

# 3. start to first answered request, in a systemd 252 container
cp "$IMAGE" "$WORK/java-http.raw"
bench_container "$WORK"
IN=(docker exec -i -w "$WORK" "$BENCH_CONTAINER")
# the plugin's profile, jit (portajava's own: default less MemoryDenyWriteExecute=yes), where portabled looks for it
"$REPO/portajava" profiles show jit | tail -n +2 >"$WORK/jit.conf" # its first line names where it comes from
"${IN[@]}" sh -c "mkdir -p /etc/systemd/portable/profile/jit && cp $WORK/jit.conf /etc/systemd/portable/profile/jit/service.conf"
"${IN[@]}" portablectl attach --profile jit "$WORK/java-http.raw" >/dev/null 2>&1 || die "portablectl attach failed"
cat >"$WORK/first-request.sh" <<'SCRIPT'
# prints the microseconds from `systemctl start java-http` to the first answered GET /, for each of $1 runs
for _ in $(seq 1 "$1"); do
    systemctl stop java-http
    t0=$(date +%s%N)
    systemctl start java-http
    until { exec 3<>/dev/tcp/127.0.0.1/8080; } 2>/dev/null; do sleep 0.005; done
    printf 'GET / HTTP/1.0\r\n\r\n' >&3
    grep -q '200 OK' <&3 || { echo "no page" >&2; exit 1; }
    exec 3<&-
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000))
done
SCRIPT
"${IN[@]}" bash "$WORK/first-request.sh" 1 >/dev/null # the first start also makes the state directory
ARCHIVE="$("${IN[@]}" bash "$WORK/first-request.sh" "$RUNS" | median | awk '{ print $1 / 1e6 }')"
EXEC="$("${IN[@]}" systemctl show -p ExecStart --value java-http | sed -n 's/.*argv\[\]=\([^;]*\) ;.*/\1/p')"
"${IN[@]}" mkdir -p /etc/systemd/system/java-http.service.d
printf '[Service]\nExecStart=\nExecStart=%s\n' "$(echo "$EXEC" | sed 's/-XX:SharedArchiveFile=[^ ]*/-Xshare:off/; s/ -Xshare:auto//')" \
    | "${IN[@]}" tee /etc/systemd/system/java-http.service.d/bench.conf >/dev/null
"${IN[@]}" systemctl daemon-reload
NOARCHIVE="$("${IN[@]}" bash "$WORK/first-request.sh" "$RUNS" | median | awk '{ print $1 / 1e6 }')"
"${IN[@]}" systemctl stop java-http

mkdir -p "$RESULTS"
{
    echo "portajava-maven-plugin, samples/java-http, median of $RUNS runs"
    printf '  image %-40s %7.1f MB   target <= 60 MB\n' "$(basename "$IMAGE")" "$(echo "$SIZE / 1048576" | bc -l)"
    if [ -z "$JIB_WHY" ]; then
        printf '  build after a code change: plugin %6.1f s   jib %s buildTar %6.1f s   %.2f x   target <= 1.5 x\n' \
            "$OURS" "$JIB_VERSION" "$JIBT" "$(echo "$OURS / $JIBT" | bc -l)"
        echo "    (jib's image: $JIB_RUNTIME)"
    else
        echo "  jib $JIB_VERSION buildTar did not run: $JIB_WHY"
    fi
    printf '  build after a code change: plugin %6.1f s   jar + jdeps + jlink %6.1f s   %.2f x\n' \
        "$OURS" "$PLAIN" "$(echo "$OURS / $PLAIN" | bc -l)"
    printf '  systemctl start -> first answered request: %.3f s (without the start-up archive %.3f s)   target <= 1.0 s\n' \
        "$ARCHIVE" "$NOARCHIVE"
    echo "  (load average while it ran: $(cut -d' ' -f1-3 /proc/loadavg))"
} | tee "$RESULTS/maven-plugin.txt"
