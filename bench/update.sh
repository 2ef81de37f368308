#!/usr/bin/env bash
# bench/update.sh - what `portajava update` costs on a machine that is up to date, against a feed of 20 images.
#
# Run as root from the repository root after scripts/provision.sh:
#
#     bash bench/update.sh
#
# It builds 20 versions of samples/hello, publishes them (signed) to a feed directory, installs the newest into a
# root tree, then times, side by side in one throw-away systemd test container (bench/container.sh: this machine's
# JDK and the checkout bound read-only; hyperfine as the timer):
#
#   portajava --version                         the JVM's start and portajava's own, doing nothing
#   portajava update --root ROOT                checks the signed sums and the index; downloads nothing
#
# The difference of the medians is update's own work (target: under 1 s); the ratio is printed too. The feed is
# read through a file: URL, so the figure holds no network time.
#
# Knobs (env): BENCH_RUNS (default 10), BENCH_WARMUP (default 2), PJ_IMAGE.
# It leaves only bench/results/update.{json,csv} behind.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
BENCH_REPO="$REPO"
# shellcheck source=bench/container.sh
. "$REPO/bench/container.sh"
RUNS="${BENCH_RUNS:-10}"
WARMUP="${BENCH_WARMUP:-2}"
JAR="$REPO/cli/target/portajava.jar"
RESULTS="$REPO/bench/results"

die() { printf '[update] ERROR: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root"
[ -f "$JAR" ] || (mvn -B -q -o package -DskipTests || mvn -B -q package -DskipTests)

WORK="$(mktemp -d /var/tmp/pjupdate-XXXXXX)"
chmod 755 "$WORK"
cleanup() {
    bench_container_stop
    rm -rf "$WORK"
}
trap cleanup EXIT

PJ=(java -jar "$JAR")
mkdir -p "$WORK/root/usr/lib/x86_64-linux-gnu/systemd"
: >"$WORK/root/usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"
key_maker="$WORK/GenerateKey.java"
cat >"$key_maker" <<'JAVA'
public class GenerateKey {
    public static void main(String[] args) throws Exception {
        dev.portajava.feed.FeedKey.generate(java.nio.file.Path.of(args[0]), java.nio.file.Path.of(args[1]),
                "Bench <bench@example.org>", java.util.Optional.empty());
    }
}
JAVA
java -cp "$JAR" "$key_maker" "$WORK/feed.asc" "$WORK/feed.gpg"
echo "[update] building and publishing 20 versions of samples/hello"
for i in $(seq 1 20); do
    sample="$WORK/hello-$i"
    cp -r samples/hello "$sample"
    sed -i "s/^version = \"1.0\"/version = \"1.$i\"/" "$sample/portable.toml"
    "${PJ[@]}" build "$sample" -o "$WORK/hello_1.$i.raw" --quiet >/dev/null
done
"${PJ[@]}" publish "$WORK"/hello_1.*.raw --to "$WORK/feed" --key "$WORK/feed.asc" >/dev/null
"${PJ[@]}" install hello --feed "file://$WORK/feed/" --key "$WORK/feed.gpg" --root "$WORK/root" >/dev/null
"${PJ[@]}" update --root "$WORK/root" | grep -q "is up to date" || die "the installed service is not up to date"

bench_container "$WORK"
mkdir -p "$RESULTS"
JAVA_IN="$BENCH_JAVA -jar $JAR"
docker exec -w "$REPO" "$BENCH_CONTAINER" hyperfine --style basic --runs "$RUNS" --warmup "$WARMUP" \
    --export-json "$WORK/update.json" --export-csv "$WORK/update.csv" \
    -n "portajava --version" "$JAVA_IN --version" \
    -n "portajava update (up to date; 20 images)" "$JAVA_IN update --root $WORK/root" >/dev/null
cp "$WORK/update.json" "$WORK/update.csv" "$RESULTS/"
echo
echo "an up-to-date machine against a feed of 20 images, in the container ($RUNS runs each)"
# hyperfine's CSV, in seconds: command,mean,stddev,median,user,system,min,max
awk -F, 'NR == 1 { next }
    NR == 2 { base = $4 }
    { printf "  %-42s median %7.1f ms   mean %7.1f ms ± %5.1f\n", $1, $4 * 1000, $2 * 1000, $3 * 1000 }
    END { printf "  update'"'"'s own work (difference of the medians) %.1f ms (target < 1000 ms); ratio %.2f x\n",
        ($4 - base) * 1000, $4 / base }' "$RESULTS/update.csv"
