#!/bin/sh
echo "greeting: $GREETING"
echo "odd: $ODD"
echo "cwd: $(pwd)"
echo "user: $(id -u):$(id -g)"
echo "home: $HOME"
echo "path: $PATH"
n=0
for a in "$@"; do n=$((n + 1)); echo "arg $n: $a"; done
echo "ready"
exec sleep 100000
