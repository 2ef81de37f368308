# bench/tree-spec.sh - sourced by the benchmarks that build one generated tree into an image.
#
#   ddi_tree TREE MB          writes a tree of MB megabytes into TREE, half incompressible random bytes, half
#                             compressible text, in files of 1 MB; kept and reused while its size is the same
#   copy_spec SPEC TREE NAME  writes the spec directory SPEC of image NAME: the tree copied to /srv/data, and
#                             busybox (busybox-static, the samples' payload) as the program of NAME.service
# shellcheck shell=bash

ddi_tree() {
    local tree=$1 mb=$2 i
    [ -f "$tree/.done-$mb" ] && return 0
    rm -rf "$tree"
    mkdir -p "$tree"
    for i in $(seq $((mb / 2))); do
        head -c 1048576 /dev/urandom > "$tree/random-$i.bin"
        (yes "line $i of a compressible file for the benchmark" || true) | head -c 1048576 > "$tree/text-$i.txt"
    done
    touch "$tree/.done-$mb"
}

copy_spec() {
    local spec=$1 tree=$2 name=$3
    mkdir -p "$spec"
    cp /bin/busybox "$spec/busybox"
    cat > "$spec/portable.toml" <<TOML
[image]
name = "$name"
version = "1.0"
units = ["$name.service"]

[[copy]]
from = "$tree"
to = "/srv/data"

[[file]]
from = "busybox"
to = "/usr/bin/busybox"
mode = "0755"
TOML
    printf '[Service]\nExecStart=/usr/bin/busybox sleep 1000\n' > "$spec/$name.service"
}
