#!/usr/bin/env bash
# bench/oci.sh - a portable image from a container image: portajava against the Docker engine + mksquashfs.
#
#   bench/oci.sh [WORKDIR]        # default WORKDIR: /tmp/portajava-bench-oci
#
# The image (about 200 MB, 4 layers: busybox, a JDK's lib/ directory, documentation files, a layer that deletes and
# adds) is built from scratch with the engine and pushed to a registry (Debian's docker-registry) on 127.0.0.1.
# Timed with hyperfine, RUNS runs each (default 3), one after the other on the same machine:
#   reference   docker create IMG; docker export | tar -x; mksquashfs DIR (gzip, -all-root); docker rm
#               (the image already in the engine's store: no pull)
#   cold        portajava build --from 127.0.0.1:PORT/bench/app:1 with an empty cache (pull, unpack, write)
#   warm        the same with the cache of an earlier build (nothing downloaded or unpacked)
# and prints cold/reference and warm/reference (targets: <= 1.0 and <= 0.2) and cold/warm.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-/tmp/portajava-bench-oci}"
runs="${RUNS:-3}"
port="${PORT:-5123}"
portajava="${PORTAJAVA_CMD:-$here/portajava}"

for tool in docker docker-registry mksquashfs hyperfine; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is needed (scripts/provision.sh installs it)" >&2; exit 3; }
done
docker info >/dev/null 2>&1 || { echo "bench: no Docker engine answers (run scripts/provision.sh)" >&2; exit 3; }
rm -rf "$work" && mkdir -p "$work/context/data" "$work/registry"

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
trap 'kill $registry_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

jdk_lib="${JDK_LIB:-/usr/lib/jvm/java-17-openjdk-amd64/lib}"
cp /bin/busybox "$work/context/busybox"
cp -a "$jdk_lib" "$work/context/data/jdk"
# documentation: many small files, up to DOC_MB (default 20) MB, so the image is about 200 MB
mkdir -p "$work/context/data/doc"
doc_kb=0
for d in /usr/share/doc/*/; do
    [ "$doc_kb" -lt $(( ${DOC_MB:-20} * 1024 )) ] || break
    cp -a "$d" "$work/context/data/doc/" 2>/dev/null || true
    doc_kb=$(( doc_kb + $(du -sk "$d" | cut -f1) ))
done
cat >"$work/context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY data/jdk /opt/jdk
COPY data/doc /usr/share/doc
RUN rm -f /opt/jdk/src.zip && mkdir -p /etc/app && echo "answer=42" > /etc/app/app.conf
ENTRYPOINT ["/bin/sh", "-c", "cat /etc/app/app.conf; exec sleep 100000"]
DOCKERFILE
image="127.0.0.1:$port/bench/app:1"
docker build -q --network none -t "$image" "$work/context" >/dev/null
docker push -q "$image" >/dev/null
size=$(docker image inspect -f '{{.Size}}' "$image")
echo "image: $image, $((size / 1024 / 1024)) MB, $(docker image inspect -f '{{len .RootFS.Layers}}' "$image") layers"

# ------------------------------------------------------------------ the three commands
cat >"$work/reference.sh" <<SH
#!/bin/sh
set -e
rm -rf "$work/export" "$work/reference.raw" && mkdir "$work/export"
id=\$(docker create "$image")
docker export "\$id" | tar -x -C "$work/export"
docker rm "\$id" >/dev/null
mksquashfs "$work/export" "$work/reference.raw" -noappend -all-root -comp gzip -quiet -no-progress
SH
chmod +x "$work/reference.sh"
"$portajava" --version >/dev/null   # the launcher builds and trains once, outside the timings

cold="XDG_CACHE_HOME=$work/cold $portajava build --from $image -o $work/cold.raw --force"
warm="XDG_CACHE_HOME=$work/warm $portajava build --from $image -o $work/warm.raw --force"
sh -c "$warm" >/dev/null   # fills the warm cache

hyperfine --runs "$runs" --export-json "$work/results.json" \
    -n reference "$work/reference.sh" \
    -n cold --prepare "rm -rf $work/cold" "$cold" \
    -n warm "$warm"

python3 - "$work/results.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ref, cold, warm = (r[n]["mean"] for n in ("reference", "cold", "warm"))
print(f"reference (docker create+export+mksquashfs): {ref:.2f} s")
print(f"portajava cold cache: {cold:.2f} s   ratio {cold / ref:.2f}  (target <= 1.0)")
print(f"portajava warm cache: {warm:.2f} s   ratio {warm / ref:.2f}  (target <= 0.2)")
print(f"cold / warm: {cold / warm:.1f}x")
PY
ls -l "$work/reference.raw" "$work/cold.raw" "$work/warm.raw" | awk '{print $5, $9}'
