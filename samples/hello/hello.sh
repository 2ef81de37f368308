#!/bin/sh
# Counts this service's starts in its state directory, which survives restarts, and says so in the journal.
set -eu
state="${STATE_DIRECTORY:-/var/lib/hello}"
count=$(cat "$state/count" 2>/dev/null || echo 0)
count=$((count + 1))
echo "$count" > "$state/count.new"
mv "$state/count.new" "$state/count"
echo "hello from a portable service: start number $count"
while :; do
    sleep 30
    echo "hello is still running (start number $count)"
done
