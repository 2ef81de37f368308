#!/usr/bin/env bash
# bench/oci.sh - a portable image from a container image: portajava against the Docker engine + mksquashfs.
#
#   bench/oci.sh [WORKDIR]        # as root, after scripts/provision.sh; default WORKDIR: /tmp/portajava-bench-oci
#
# The image (about 200 MB, 5 layers: busybox, its links, a generated program tree of APP_MB (default 180) MB, a
# generated tree of many small files of DOC_MB (default 20) MB, a layer that deletes and adds) is built from scratch
# with the engine and pushed to a registry (Debian's docker-registry) on 127.0.0.1. The trees come from
# bench/Corpus.java: nothing is taken from this machine. Each command runs RUNS times (default 3), one after the other:
#   reference   docker create IMG; docker export | tar -x; mksquashfs DIR (gzip, -all-root); docker rm
#               (the image already in the engine's store: no pull; tar and mksquashfs run in a throw-away systemd
#               test container, bench/container.sh, from its image)
#   cold        portajava (as installed by `mvn -B package` in dist/target) build --from 127.0.0.1:PORT/bench/app:1 with an empty cache (pull, unpack, write)
#   warm        the same with the cache of an earlier build (nothing downloaded or unpacked)
# and prints the medians, cold/reference and warm/reference (targets: <= 1.0 and <= 0.2) and cold/warm.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-/tmp/portajava-bench-oci}"
runs="${RUNS:-3}"
port="${PORT:-5123}"
# portajava as it is installed: the tree `mvn -B package` lays out (its launcher, runtime and start-up archive)
portajava="${PORTAJAVA_CMD:-$(ls -d "$here"/dist/target/portajava-*/bin/portajava 2>/dev/null | head -n 1)}"
[ -n "$portajava" ] || { echo "bench: no dist/target/portajava-*/bin/portajava: run mvn -B package first" >&2; exit 3; }
BENCH_REPO="$here"
# shellcheck source=bench/container.sh
. "$here/bench/container.sh"

for tool in docker docker-registry; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is needed (scripts/provision.sh installs it)" >&2; exit 3; }
done
docker info >/dev/null 2>&1 || { echo "bench: no Docker engine answers (run scripts/provision.sh)" >&2; exit 3; }
rm -rf "$work" && mkdir -p "$work/context/data" "$work/registry"
chmod 755 "$work"

# ------------------------------------------------------------------ the registry and the image
cat >"$work/registry/config.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/registry/storage
http:
  addr: 127.0.0.1:$port
YML
docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
registry_pid=$!
# the image built below is the engine's until removed: it goes with the registry
trap 'kill $registry_pid 2>/dev/null || true; [ -z "${image:-}" ] || docker rmi -f "$image" >/dev/null 2>&1 || true
      bench_container_stop' EXIT
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

cp /bin/busybox "$work/context/busybox"
java "$here/bench/Corpus.java" program "$work/context/data/app" "${APP_MB:-180}" 1
java "$here/bench/Corpus.java" program "$work/context/data/doc" "${DOC_MB:-20}" 2
cat >"$work/context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY data/app /opt/app
COPY data/doc /usr/share/doc
RUN rm -rf /opt/app/lib/part0 && mkdir -p /etc/app && echo "answer=42" > /etc/app/app.conf
ENTRYPOINT ["/bin/sh", "-c", "cat /etc/app/app.conf; exec sleep 100000"]
DOCKERFILE
image="127.0.0.1:$port/bench/app:1"
docker build -q --network none -t "$image" "$work/context" >/dev/null
docker push -q "$image" >/dev/null
size=$(docker image inspect -f '{{.Size}}' "$image")
echo "image: $image, $((size / 1024 / 1024)) MB, $(docker image inspect -f '{{len .RootFS.Layers}}' "$image") layers"
bench_container "$work"

# ------------------------------------------------------------------ the three commands
reference() {
    rm -rf "$work/export" "$work/reference.raw" && mkdir "$work/export"
    local id
    id=$(docker create "$image")
    docker export "$id" | in_container tar -x -C "$work/export"
    docker rm "$id" >/dev/null
    in_container mksquashfs "$work/export" "$work/reference.raw" -noappend -all-root -comp gzip -quiet -no-progress
}
cold() { XDG_CACHE_HOME="$work/cold" "$portajava" build --from "$image" -o "$work/cold.raw" --force >/dev/null; }
warm() { XDG_CACHE_HOME="$work/warm" "$portajava" build --from "$image" -o "$work/warm.raw" --force >/dev/null; }
"$portajava" --version >/dev/null # its first start, outside the timings
warm                              # fills the warm cache

# median_ms NAME: runs the function NAME $runs times; the median wall time in milliseconds
median_ms() {
    local times=() s
    for _ in $(seq "$runs"); do
        [ "$1" != cold ] || rm -rf "$work/cold" # the cache goes outside the timing
        s=$(date +%s%N)
        "$1" </dev/null
        times+=($((($(date +%s%N) - s) / 1000000)))
    done
    echo "$1: ${times[*]} ms" >&2
    printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ref=$(median_ms reference)
c=$(median_ms cold)
w=$(median_ms warm)
awk -v ref="$ref" -v cold="$c" -v warm="$w" 'BEGIN {
    printf "reference (docker create+export+mksquashfs): median %.2f s\n", ref / 1000
    printf "portajava cold cache: median %.2f s   ratio %.2f  (target <= 1.0)\n", cold / 1000, cold / ref
    printf "portajava warm cache: median %.2f s   ratio %.2f  (target <= 0.2)\n", warm / 1000, warm / ref
    printf "cold / warm: %.1fx\n", cold / warm }'
ls -l "$work/reference.raw" "$work/cold.raw" "$work/warm.raw" | awk '{print $5, $9}'
