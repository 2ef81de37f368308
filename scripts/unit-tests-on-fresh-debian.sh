#!/usr/bin/env bash
# unit-tests-on-fresh-debian.sh - run the unit tests (mvn -B test) on a machine that holds nothing but a plain
# Debian and what scripts/provision.sh installs for the unit tests, to prove that no test depends on what a used
# machine happens to have (a package, a file under /usr or /etc, a home directory, a locale).
#
# The machine is a throw-away container of the image provision.sh builds (UNIT_TEST_IMAGE in recipes.sh), with no
# network. The tests run twice, each on a fresh copy of this checkout (its files, never its target/ directories):
# as root, as the README's test command runs them, and as a user without privileges, since building images needs
# no root and the tests say so (a build as root gives files their owners; without root it leaves them as they are).
# Maven works offline from a copy of this machine's local repository, filled by the `mvn -B verify` that comes
# before in the README's test command; portajava's own artifacts are left out of the copy, so that nothing but
# this checkout's sources can be tested. The copy is thrown away: this machine's ~/.m2 stays as it was.
#
# Run as root after scripts/provision.sh and mvn -B verify. Knobs (env): MAVEN_REPOSITORY (default
# ~/.m2/repository), FRESH_USERS (default "root tester": who runs the tests), DOCKER_SOCK. Arguments go to mvn.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/recipes.sh
. "$here/scripts/recipes.sh"
DOCKER=(docker -H "unix://${DOCKER_SOCK:-/var/run/docker.sock}")
repository="${MAVEN_REPOSITORY:-$HOME/.m2/repository}"
users="${FRESH_USERS:-root $UNIT_TEST_USER}"

log() { echo "[fresh] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root"
"${DOCKER[@]}" image inspect "$UNIT_TEST_IMAGE" >/dev/null 2>&1 ||
    die "no image $UNIT_TEST_IMAGE: run scripts/provision.sh first"
[ -d "$repository" ] || die "no Maven repository at $repository: run mvn -B verify first"

work="$(mktemp -d /var/tmp/pj-fresh.XXXXXX)"
container=""
cleanup() {
    [ -z "$container" ] || "${DOCKER[@]}" rm -f "$container" >/dev/null 2>&1 || true
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "copying the Maven repository $repository (without dev/portajava)"
mkdir -p "$work/m2"
tar -C "$repository" --exclude=./dev/portajava -c . | tar -C "$work/m2" -x

# the checkout's files as git knows them (tracked, and new ones not ignored), as they are now in the work tree
copy_checkout() {  # copy_checkout DIR
    mkdir -p "$1"
    (cd "$here" && git ls-files -z --cached --others --exclude-standard |
        tar --null -T - --ignore-failed-read -c 2>/dev/null) | tar -C "$1" -x
}

status=0
for user in $users; do
    src="$work/src-$user"
    copy_checkout "$src"
    # root gets CAP_SYS_ADMIN, as root on a real machine has it: setting trusted.* xattrs needs it
    if [ "$user" = root ]; then uid=0; home=/root; caps=(--cap-add SYS_ADMIN)
    else uid="$UNIT_TEST_UID"; home="/home/$user"; caps=(); fi
    chown -R "$uid:$uid" "$src" "$work/m2"
    log "mvn -B test as $user in a fresh $UNIT_TEST_IMAGE (no network)"
    t0=$(date +%s)
    container="pj-fresh-$$-$user"
    # CI=true: a test whose tool is missing fails instead of skipping
    if "${DOCKER[@]}" run --name "$container" --rm --network none --user "$uid:$uid" "${caps[@]}" \
        -e HOME="$home" -e CI=true \
        -v "$work/m2:/m2" -v "$src:/src" -w /src "$UNIT_TEST_IMAGE" \
        mvn -B -o -Dmaven.repo.local=/m2 test "$@"; then
        log "unit tests as $user on a fresh Debian: passed in $(( $(date +%s) - t0 )) s"
    else
        log "unit tests as $user on a fresh Debian: FAILED after $(( $(date +%s) - t0 )) s"
        status=1
    fi
    container=""
done
exit "$status"
