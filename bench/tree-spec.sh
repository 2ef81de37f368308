# bench/tree-spec.sh - sourced by the benchmarks that build one generated tree into an image.
#
#   ddi_tree TREE MB          writes a tree of MB megabytes into TREE, half incompressible random bytes, half
#                             compressible text, in files of 1 MB; kept and reused while its size is the same
#   copy_spec SPEC TREE NAME  writes the spec directory SPEC of image NAME: the tree copied to /srv/data, and
#                             busybox (busybox-static, the samples' payload) as the program of NAME.service
#   image_tree PORTAJAVA SPEC DIR
#                             writes DIR anew: the files of SPEC's image as a directory (`build --format directory`),
#                             for the reference side to pack, so that both sides write the same files (the tree
#                             alone lacks the busybox, 2 MB that take gzip -9 about 0.2 s of CPU, and the unit)
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

image_tree() {
    local portajava=$1 spec=$2 dir=$3
    rm -rf "$dir"
    "$portajava" build "$spec" -o "$dir" --format directory >/dev/null
}
