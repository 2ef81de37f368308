# Run by the runtime's shell: says which app and version runs, then keeps running.
echo "app-one 1.0 running on the shared runtime"
while :; do
    sleep 30
done
