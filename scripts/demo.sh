#!/usr/bin/env bash
# demo.sh - portajava's main job on a sample, on a real systemd 252 with systemd-portabled.
#
# Builds samples/hello into hello.raw, starts a throw-away systemd container (the one the tests use), attaches the
# image there with the strict profile and starts it, shows the running service and its journal, then detaches it
# and shows that nothing is left. On a host whose own systemd has portabled you would simply run, as root:
#     ./portajava build samples/hello -o /var/lib/portables/hello.raw
#     ./portajava attach /var/lib/portables/hello.raw --profile strict --now
# Run as root on Debian 12 with a JDK 17 and Maven; it installs the rest (scripts/provision.sh).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/recipes.sh
. scripts/recipes.sh
IMAGE="$SYSTEMD_IMAGE"

SKIP_UNIT_TEST_IMAGE=1 bash scripts/provision.sh

work="$(mktemp -d /tmp/pj-demo.XXXXXX)"
mkdir -p "$work/bus" "$work/images"
chmod 755 "$work" "$work/bus" "$work/images"
container=""
cleanup() {
    [ -n "$container" ] && docker rm -f "$container" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step ./portajava build samples/hello -o "$work/images/hello.raw"
./portajava build samples/hello -o "$work/images/hello.raw"

echo
echo "(starting a systemd 252 container with portabled; its system bus is $work/bus/system_bus_socket)"
container="$(docker run -d --network none --tmpfs /run:rw,mode=755 --tmpfs /run/lock \
    -v /sys/fs/cgroup:/sys/fs/cgroup:rw -v /dev:/dev -v "$work/bus:/run/dbus" -v "$work/images:$work/images" \
    --cap-add SYS_ADMIN --cap-add NET_ADMIN --cap-add SYS_PTRACE --cap-add MKNOD \
    --security-opt seccomp=unconfined --security-opt apparmor=unconfined --cgroupns=host \
    --device-cgroup-rule 'b 7:* rmw' --device-cgroup-rule 'c 10:237 rmw' --device-cgroup-rule 'b 259:* rmw' \
    "$IMAGE" /lib/systemd/systemd)"
for _ in $(seq 1 100); do
    state="$(docker exec "$container" systemctl is-system-running 2>/dev/null || true)"
    [ "$state" = running ] || [ "$state" = degraded ] && break
    sleep 0.1
done
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$work/bus/system_bus_socket"

step ./portajava attach "$work/images/hello.raw" --profile strict --now
./portajava attach "$work/images/hello.raw" --profile strict --now
sleep 1
step systemctl status hello
docker exec "$container" systemctl status hello --no-pager || true
step ./portajava is-attached "$work/images/hello.raw"
./portajava is-attached "$work/images/hello.raw"
step ./portajava detach "$work/images/hello.raw" --now
./portajava detach "$work/images/hello.raw" --now
step ./portajava is-attached "$work/images/hello.raw"
./portajava is-attached "$work/images/hello.raw" || true
step ls /etc/systemd/system.attached /etc/portables
docker exec "$container" sh -c 'ls -A /etc/systemd/system.attached /etc/portables 2>&1' || true
