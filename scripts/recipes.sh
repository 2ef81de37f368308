# recipes.sh - what scripts/provision.sh installs on this machine and puts into the images it builds.
# Sourced by provision.sh and unit-tests-on-fresh-debian.sh, so that both name the same packages and images.
#
# Each image is labelled dev.portajava.recipe=<hash of its recipe>; provision.sh builds an image again when its
# recipe changed. The hash covers the suite and the package list; RECIPE_REVISION covers the build steps
# themselves: raise it when you change a step in provision.sh's image builds.
# shellcheck shell=bash disable=SC2034

SUITE="${SUITE:-bookworm}"
RECIPE_REVISION=1

# What the unit tests run: the JDK and Maven, and the independent judges the tests compare with. The unit tests'
# fresh machine (UNIT_TEST_IMAGE) holds exactly these on top of a plain Debian.
UNIT_TEST_PACKAGES=(
    openjdk-17-jdk-headless maven
    squashfs-tools  # unsquashfs and mksquashfs judge the squashfs writer and reader
    attr            # getfattr and setfattr judge the xattrs of squashfs images
    busybox-static  # /bin/busybox, the payload of samples/hello
    cryptsetup-bin  # veritysetup judges the dm-verity hash trees
    fdisk gdisk     # sfdisk and sgdisk judge the GPT disk images
    openssl         # makes the test keys and certificates, and checks the signatures
)

# What this machine gets: the unit tests' packages, and what the integration tests, the demo and provision.sh
# itself need besides.
HOST_PACKAGES=(
    "${UNIT_TEST_PACKAGES[@]}"
    docker.io        # the engine that runs the systemd test container
    debootstrap      # builds the images below, from the Debian archive (no registry)
    util-linux       # unshare: the reproducibility test builds in another mount namespace
    docker-registry  # a real registry (distribution 2.8) the container-image tests start on 127.0.0.1
    skopeo           # writes the OCI layouts (gzip and zstd layers) the container-image tests read
    openssh-client   # ssh: how 'portajava -H' reaches a remote host, and the remote-host tests reach the container
)

# The systemd test container: Debian with systemd 252 and systemd-portabled, for the integration tests, the demo
# and the benchmarks, which run their reference tools and timers in it (never on this machine). Its tag carries
# its recipe's hash, as every image here does, so that checkouts with different recipes never share one tag.
SYSTEMD_REPOSITORY=pj-systemd
SYSTEMD_IMAGE_PACKAGES=(
    systemd systemd-sysv dbus systemd-container
    squashfs-tools cryptsetup-bin  # mksquashfs and veritysetup, the benchmarks' reference tools
    hyperfine time                 # the benchmarks' timers (/usr/bin/time also gives the peak memory)
    man-db bash-completion         # what the package test checks its man pages and completion with
    openssh-server                 # sshd, which the remote-host tests ('-H') log in to, with a key
    gpg                            # systemd-importd verifies a feed's signature with it (machinectl pull-raw)
)
# Installed with apt in the finished root rather than by debootstrap, whose configuration of them fails
SYSTEMD_IMAGE_LATE_PACKAGES=(
    polkitd  # lets the members of a group attach without root ('portajava polkit')
    nginx    # the web server the feed tests serve a feed with (on loopback)
)

# suite_recipe_hash SUITE WORD...: the hash of a recipe for SUITE; recipe_hash WORD...: the same for $SUITE
suite_recipe_hash() { printf '%s\n' "$RECIPE_REVISION" "$@" | sha256sum | cut -c1-12; }
recipe_hash() { suite_recipe_hash "$SUITE" "$@"; }

SYSTEMD_IMAGE_RECIPE="$(recipe_hash systemd "${SYSTEMD_IMAGE_PACKAGES[@]}" then "${SYSTEMD_IMAGE_LATE_PACKAGES[@]}")"
SYSTEMD_IMAGE="${PJ_IMAGE:-$SYSTEMD_REPOSITORY:$SUITE-$SYSTEMD_IMAGE_RECIPE}"

# The newer systemd versions the compatibility tests also run on: Debian 13 (systemd 257) and Debian sid (262 when
# this was written: sid moves, and the tests read the version from the running systemd). Only what those tests
# need: systemd with portabled, and the bus. Each tag carries its recipe's hash, as the unit tests' machine does;
# the integration tests find the tags by sourcing this file.
SYSTEMD_MATRIX_SUITES=(trixie sid)
SYSTEMD_MATRIX_PACKAGES=(systemd dbus systemd-container
    gpg           # systemd-importd verifies a feed's signature with it
    libcurl4t64   # systemd-pull loads it to download (262 no longer links it, so nothing pulls it in)
)
SYSTEMD_MATRIX_LATE_PACKAGES=(
    nginx  # the web server the feed tests serve a feed with (on loopback)
    # a user's own systemd manager and bus, for the per-user portabled ('--user', systemd 260+): pam_systemd starts
    # user@UID.service, dbus-user-session gives it a bus; polkitd and libbpf1 are what systemd-mountfsd and
    # systemd-nsresourced, which mount images for a user, load
    libpam-systemd dbus-user-session polkitd libbpf1
)
# systemd_matrix_recipe SUITE, systemd_matrix_image SUITE: the recipe hash and the image tag for SUITE
systemd_matrix_recipe() {
    suite_recipe_hash "$1" systemd-matrix "${SYSTEMD_MATRIX_PACKAGES[@]}" then "${SYSTEMD_MATRIX_LATE_PACKAGES[@]}"
}
systemd_matrix_image() { echo "$SYSTEMD_REPOSITORY:$1-$(systemd_matrix_recipe "$1")"; }
# systemd_image SUITE: the systemd test image of SUITE, $SUITE's or a newer one's (the integration tests read it)
systemd_image() { if [ "$1" = "$SUITE" ]; then echo "$SYSTEMD_IMAGE"; else systemd_matrix_image "$1"; fi; }

# The unit tests' fresh machine: a plain Debian holding UNIT_TEST_PACKAGES and a user without privileges
# (UNIT_TEST_UID); its tag carries its recipe's hash.
UNIT_TEST_IMAGE_RECIPE="$(recipe_hash unit-tests "${UNIT_TEST_PACKAGES[@]}")"
UNIT_TEST_IMAGE_REPOSITORY=pj-unit-tests
UNIT_TEST_IMAGE="$UNIT_TEST_IMAGE_REPOSITORY:$SUITE-$UNIT_TEST_IMAGE_RECIPE"
UNIT_TEST_UID=1000
UNIT_TEST_USER=tester
