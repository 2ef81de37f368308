#!/bin/bash
# vm-verity.sh - prove that systemd enforces the dm-verity of the images portajava builds.
#
# Boots Debian 12 (Debian's own kernel 6.1, which has device-mapper and dm-verity, and systemd 252) in qemu on a
# Debian 12 host that need not have device-mapper itself, attaches portajava-built images with portablectl and
# checks, in the guest:
#   * a ddi (--format ddi --verity-sidecar: GPT root + root-verity partitions and NAME.roothash) runs with its
#     root on a dm-verity device whose table carries the image's root hash;
#   * the same ddi with one flipped byte in its root partition makes the service fail, and the kernel logs
#     "device-mapper: verity: ... data block N is corrupted";
#   * a plain squashfs with NAME.verity + NAME.roothash sidecars (--verity-sidecar) runs on dm-verity too;
#   * control: the ddi without NAME.roothash is mounted WITHOUT verity by systemd 252 (INFO only).
#
# Usage (as root, from anywhere):  scripts/vm-verity.sh      prints PASS:/FAIL: lines; exit 0 = all passed
# Environment: WORKDIR=/var/tmp/portajava-vm  ACCEL=auto|kvm|tcg  MEM=1024  SMP=2  MIRROR=<debian mirror>
#              KVM_PROBE_TIMEOUT=20  VM_TIMEOUT=900  FRESH_ROOTFS=1 (re-run debootstrap)
#              PORTAJAVA=<command>  (default: the launcher ./portajava of this checkout)
# Needs: qemu-system-x86 and the other tools below, installed by `WITH_VM=1 scripts/provision.sh`; network access to
# the Debian archive (the kernel package, debootstrap of the guest); about 1.3 GB in WORKDIR. Run time: about 2 min
# cold, 75-90 s warm (TCG). Everything is created under $WORKDIR; nothing is installed on the host.
set -u
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
PORTAJAVA=${PORTAJAVA:-$HERE/portajava}
W=${WORKDIR:-/var/tmp/portajava-vm}
SUITE=bookworm
detect_mirror() {
  local m
  m="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}')"
  [ -z "$m" ] && m="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '$1=="deb" && $0 !~ /security/ {for (i=2;i<=NF;i++) if ($i ~ /^(https?|file):/) {print $i; exit}}')"
  echo "${m:-http://deb.debian.org/debian}"
}
MIRROR=${MIRROR:-$(detect_mirror)}
ACCEL=${ACCEL:-auto}
MEM=${MEM:-1024}
SMP=${SMP:-$(n=$(nproc); [ "$n" -gt 4 ] && n=4; echo $n)}
KVM_PROBE_TIMEOUT=${KVM_PROBE_TIMEOUT:-20}
VM_TIMEOUT=${VM_TIMEOUT:-900}
FAILS=0
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
log() { echo "[$(date +%T)] $*"; }
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; FAILS=$((FAILS+1)); }
die() { echo "FAIL: $*"; echo "FAIL: overall (aborted)"; exit 1; }
T_ALL=$(now)

[ "$(id -u)" = 0 ] || die "must run as root"
grep -q 'VERSION_ID="12"' /etc/os-release || log "warning: host is not Debian 12; continuing anyway"
mkdir -p "$W" && cd "$W" || die "cannot create $W"

# ---------------------------------------------------------------- 1. host tools
T=$(now)
need=()
for p in qemu-system-x86 debootstrap cryptsetup-bin squashfs-tools busybox-static fdisk e2fsprogs kmod cpio gzip; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
[ ${#need[@]} -eq 0 ] || die "missing ${need[*]}: run WITH_VM=1 scripts/provision.sh first"
pass "host tools present ($(qemu-system-x86_64 --version | head -1)) [$(since $T)s]"

# ---------------------------------------------------------------- 2. guest kernel (Debian's own, extracted, not installed)
T=$(now)
KPKG=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
if [ -z "$KPKG" ]; then apt-get update -qq; KPKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}'); fi
[ -n "$KPKG" ] || die "cannot resolve linux-image-amd64"
KVER=${KPKG#linux-image-}
KD=$W/kernel
if [ ! -f "$KD/.ok-$KVER" ]; then
  rm -rf "$KD" "$W/debs"; mkdir -p "$KD" "$W/debs"
  (cd "$W/debs" && apt-get download "$KPKG" >/dev/null 2>&1) || die "apt-get download $KPKG"
  dpkg-deb -x "$W"/debs/"${KPKG}"_*.deb "$KD" || die "dpkg-deb -x"
  depmod -b "$KD" "$KVER" || die depmod
  touch "$KD/.ok-$KVER"
fi
VMLINUZ=$KD/boot/vmlinuz-$KVER; MODS=$KD/lib/modules/$KVER
[ -f "$VMLINUZ" ] && [ -f "$MODS/kernel/drivers/md/dm-verity.ko" ] || die "kernel $KVER incomplete"
pass "guest kernel $KVER (vmlinuz + dm-verity.ko from $KPKG) [$(since $T)s]"

# ---------------------------------------------------------------- 3. guest root fs (debootstrap, cached)
T=$(now)
R=$W/rootfs
if [ "${FRESH_ROOTFS:-0}" = 1 ] || [ ! -f "$R/.vmtest-debootstrap-ok" ]; then
  rm -rf "$R"
  log "debootstrap $SUITE -> $R (about 1 minute)"
  debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,systemd-container,udev,kmod,dmsetup \
      "$SUITE" "$R" "$MIRROR" > "$W/debootstrap.log" 2>&1 || die "debootstrap (see $W/debootstrap.log)"
  touch "$R/.vmtest-debootstrap-ok"
fi
# kernel modules: only the subtrees the guest needs (dm, loop, squashfs, virtio, 9p, ext4, crypto)
rm -rf "$R/lib/modules"; mkdir -p "$R/lib/modules/$KVER/kernel"
for d in fs crypto lib arch drivers/md drivers/block drivers/virtio drivers/char net/9p; do
  mkdir -p "$R/lib/modules/$KVER/kernel/$(dirname $d)"
  cp -a "$MODS/kernel/$d" "$R/lib/modules/$KVER/kernel/$(dirname $d)/"
done
cp -a "$MODS"/modules.order "$MODS"/modules.builtin "$MODS"/modules.builtin.modinfo "$R/lib/modules/$KVER/"
depmod -b "$R" "$KVER" || die "depmod rootfs"
echo vmtest > "$R/etc/hostname"
echo '# empty: / is mounted rw by the initrd' > "$R/etc/fstab"
# the harness: a unit that mounts the 9p share, waits for "running", runs share/run.sh, powers off
cat > "$R/usr/local/sbin/vmtest-run" <<'EOF'
#!/bin/sh
modprobe -a 9pnet_virtio 9p
mkdir -p /mnt/share
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 share /mnt/share || { echo "VMTEST: 9p mount failed" >/dev/console; systemctl poweroff; exit 1; }
state=$(systemctl is-system-running --wait)
{ echo "state=$state"; echo "uptime=$(cut -d' ' -f1 /proc/uptime)"; systemd-analyze; systemd-analyze blame | head -15; systemctl --failed --no-legend; } > /mnt/share/boot.txt 2>&1
echo "VMTEST: boot done state=$state" > /dev/console
if [ -f /mnt/share/run.sh ]; then
  sh /mnt/share/run.sh > /mnt/share/out.log 2>&1; echo $? > /mnt/share/rc
fi
journalctl -b --no-pager > /mnt/share/journal.txt 2>&1
sync
echo "VMTEST: powering off" > /dev/console
systemctl poweroff
EOF
chmod 755 "$R/usr/local/sbin/vmtest-run"
cat > "$R/etc/systemd/system/vmtest.service" <<'EOF'
[Unit]
Description=vmtest harness (runs /mnt/share/run.sh then powers off)
After=local-fs.target systemd-modules-load.service

[Service]
Type=simple
ExecStart=/usr/local/sbin/vmtest-run
StandardOutput=journal+console
StandardError=journal+console

[Install]
WantedBy=multi-user.target
EOF
systemctl --root="$R" enable vmtest.service >/dev/null 2>&1 || die "enable vmtest.service"
systemctl --root="$R" mask serial-getty@ttyS0.service getty@tty1.service systemd-timesyncd.service \
   apt-daily.timer apt-daily-upgrade.timer e2scrub_reap.service e2scrub_all.timer fstrim.timer \
   dpkg-db-backup.timer systemd-pstore.service >/dev/null 2>&1
pass "guest rootfs ready: $(chroot "$R" dpkg-query -W -f='systemd ${Version}' systemd) [$(since $T)s]"

# ---------------------------------------------------------------- 4. initrd (busybox + virtio/ext4/9p modules)
T=$(now)
I=$W/initrd; rm -rf "$I"; mkdir -p "$I"/{bin,dev,proc,sys,newroot,mods}
cp /bin/busybox "$I/bin/busybox"
for m in virtio_pci virtio_blk ext4 crc32c_generic 9pnet_virtio 9p; do
  modprobe -d "$KD" -S "$KVER" --show-depends "$m"
done | awk '$1=="insmod"{print $2}' | awk '!seen[$0]++' | while read -r p; do
  cp "$p" "$I/mods/"; basename "$p" >> "$I/modules.order"
done
cat > "$I/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox mkdir -p /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in $(cat /modules.order); do insmod /mods/$m 2>/dev/null; done
root=/dev/vda; rootfstype=ext4; rootflags=rw; init=/sbin/init
for a in $(cat /proc/cmdline); do case "$a" in root=*) root=${a#root=};; rootfstype=*) rootfstype=${a#rootfstype=};; rootflags=*) rootflags=${a#rootflags=};; init=*) init=${a#init=};; esac; done
if [ "$rootfstype" != 9p ]; then i=0; while [ ! -b "$root" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; fi
mount -t "$rootfstype" -o "$rootflags" "$root" /newroot || { echo "initrd: cannot mount $root"; exec sh; }
mount --move /dev /newroot/dev 2>/dev/null || umount /dev
umount /proc /sys
exec switch_root /newroot "$init"
EOF
chmod 755 "$I/init"
(cd "$I" && find . | cpio -o -H newc 2>/dev/null | gzip -1 > "$W/initrd.img") || die "initrd"
pass "initrd $(du -h "$W/initrd.img" | cut -f1) with $(wc -l < "$I/modules.order") modules [$(since $T)s]"

# ---------------------------------------------------------------- 5. portable images, built by portajava on the host
T=$(now)
DD=$W/images; rm -rf "$DD"; mkdir -p "$DD/ddi" "$DD/sidecar"
"$PORTAJAVA" build "$HERE/samples/hello" -o "$DD/ddi/hello.raw" --format ddi --verity-sidecar > "$DD/ddi.out" 2>&1 \
  || { cat "$DD/ddi.out"; die "portajava build --format ddi"; }
"$PORTAJAVA" build "$HERE/samples/hello" -o "$DD/sidecar/hello.raw" --verity-sidecar > "$DD/sidecar.out" 2>&1 \
  || { cat "$DD/sidecar.out"; die "portajava build --verity-sidecar"; }
"$PORTAJAVA" verify "$DD/ddi/hello.raw" >/dev/null || die "portajava verify of the ddi"
RH=$(cat "$DD/ddi/hello.roothash")
# the middle of the squashfs in the root partition (1 MiB in): inside busybox, which the service executes
FS_SIZE=$(( $(stat -c %s "$DD/sidecar/hello.raw") ))
pass "images: ddi $(stat -c %s "$DD/ddi/hello.raw")B root hash $RH; squashfs ${FS_SIZE}B + .verity $(stat -c %s "$DD/sidecar/hello.verity")B [$(since $T)s]"

# ---------------------------------------------------------------- 6. share (9p) with images and the guest test script
S=$W/share; rm -rf "$S"; mkdir -p "$S/img"
cp -r "$DD/ddi" "$DD/sidecar" "$S/img/"
echo "$RH" > "$S/img/roothash.expected"
echo $(( 1048576 + FS_SIZE / 2 )) > "$S/img/tamper.offset"
cat > "$S/run.sh" <<'GUEST'
#!/bin/sh
# Runs inside the guest as root (started by vmtest.service). Prints PASS:/FAIL:/INFO: lines.
S=/mnt/share; D=$S/img
T0=$(date +%s.%N)
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }
info() { echo "INFO: $*"; }
el() { echo "$(date +%s.%N) $T0" | awk '{printf "%.2f", $1-$2}'; }
kmark() { KN=$(dmesg | wc -l); }
knew() { dmesg | tail -n +$((KN+1)); }
RH=$(cat $D/roothash.expected); OFF=$(cat $D/tamper.offset)
flip() { # flip one byte (XOR 0xff) at offset $2 of file $1
  b=$(dd if="$1" bs=1 skip="$2" count=1 2>/dev/null | od -An -tu1 | tr -d ' ')
  printf "\\$(printf %o $((b ^ 255)))" | dd of="$1" bs=1 seek="$2" count=1 conv=notrunc 2>/dev/null
  info "flipped byte at offset $2 of $1: $b -> $((b ^ 255))"
}
wait_no_dm() { i=0; while dmsetup ls 2>/dev/null | grep -q -- '-verity' && [ $i -lt 50 ]; do sleep 0.2; i=$((i+1)); done; }
check_root() {
  PID=$(systemctl show -P MainPID hello.service)
  # the device of the file system at the service's root, from stat: mountinfo may list several "/" mounts
  DEV=$(stat -L -c %d /proc/$PID/root/ 2>/dev/null || echo 0)
  MAJMIN="$(( (DEV >> 8) & 0xfff )):$(( (DEV & 0xff) | ((DEV >> 12) & 0xfff00) ))"
  ROOTLINE=$(awk -v d="$MAJMIN" '$5=="/" && $3==d' /proc/$PID/mountinfo 2>/dev/null | tail -1)
  DMNAME=$(cat /sys/dev/block/$MAJMIN/dm/name 2>/dev/null)
  if [ -n "$DMNAME" ]; then ROOTSRC=/dev/mapper/$DMNAME; DMTABLE=$(dmsetup table "$DMNAME" 2>/dev/null)
  else ROOTSRC=/dev/$(basename "$(readlink -f /sys/dev/block/$MAJMIN)"); DMTABLE=none; fi
  info "MainPID=$PID root $MAJMIN = $ROOTSRC; dm table: $DMTABLE; mountinfo: $ROOTLINE"
}
is_verity_root() { case "$ROOTSRC" in /dev/mapper/*-verity) echo "$DMTABLE" | grep -q " verity .*$RH";; *) false;; esac; }
stop_all() { portablectl detach --now "$1" >/dev/null 2>&1; systemctl reset-failed hello.service 2>/dev/null; wait_no_dm; }

echo "== guest: kernel $(uname -r); $(systemctl --version | head -1)"
modprobe -a dm_mod dm_verity loop squashfs
grep -q device-mapper /proc/devices && pass "device-mapper present in the guest kernel" || fail "no device-mapper"

echo "== step 1: portajava ddi + hello.roothash [t=$(el)s]"
mkdir -p /var/lib/portables; cp $D/ddi/hello.raw $D/ddi/hello.roothash /var/lib/portables/
kmark
portablectl attach --now hello && pass "ddi: portablectl attach --now hello" || fail "ddi: attach (rc=$?)"
sleep 1
systemctl is-active -q hello.service && pass "ddi: hello.service active" || fail "ddi: hello.service $(systemctl is-active hello.service)"
check_root
is_verity_root && pass "ddi: service root is dm-verity device $ROOTSRC ($MAJMIN) with root hash $RH" || fail "ddi: service root is not dm-verity: $ROOTSRC"
journalctl -u hello.service -o cat --no-pager | grep -q 'hello from a portable service' && pass "ddi: the service wrote to the journal" || fail "ddi: no output in the journal"
stop_all hello

echo "== step 2: the same ddi with one flipped byte in the root partition [t=$(el)s]"
mkdir -p /srv/bad; cp $D/ddi/hello.raw $D/ddi/hello.roothash /srv/bad/
flip /srv/bad/hello.raw $OFF
kmark
portablectl attach --now /srv/bad/hello.raw; info "attach --now rc=$?"
sleep 2
st=$(systemctl is-active hello.service)
if [ "$st" = active ]; then
  check_root
  if cat /proc/$PID/root/usr/bin/busybox > /dev/null 2>/tmp/read.err; then fail "tampered ddi: service runs and busybox reads fine"
  else info "tampered ddi: service started, but reading busybox fails: $(cat /tmp/read.err)"; fi
  fail "tampered ddi: the service is running"
else
  pass "tampered ddi: hello.service failed (state=$st, $(systemctl show -P Result hello.service), status $(systemctl show -P ExecMainStatus hello.service))"
fi
knew | grep -q 'verity.*is corrupted' && pass "tampered ddi: kernel log: $(knew | grep -m1 'verity.*is corrupted')" || fail "tampered ddi: no dm-verity corruption message"
stop_all /srv/bad/hello.raw

echo "== step 3: portajava squashfs + hello.verity + hello.roothash sidecars [t=$(el)s]"
mkdir -p /srv/side; cp $D/sidecar/hello.raw $D/sidecar/hello.verity $D/sidecar/hello.roothash /srv/side/
portablectl attach --now /srv/side/hello.raw && pass "sidecars: attach --now" || fail "sidecars: attach"
sleep 1
systemctl is-active -q hello.service && pass "sidecars: hello.service active" || fail "sidecars: hello.service $(systemctl is-active hello.service)"
check_root
is_verity_root && pass "sidecars: service root is dm-verity device $ROOTSRC" || fail "sidecars: root not dm-verity: $ROOTSRC"
stop_all /srv/side/hello.raw

echo "== step 4: control: the ddi without hello.roothash [t=$(el)s]"
mkdir -p /srv/nohash; cp $D/ddi/hello.raw /srv/nohash/
portablectl attach --now /srv/nohash/hello.raw >/dev/null 2>&1; sleep 1
if systemctl is-active -q hello.service; then check_root; info "ddi without roothash: root $ROOTSRC (systemd 252 mounts it without verity)"; fi
stop_all /srv/nohash/hello.raw
echo "== done in $(el)s"
GUEST
# ---------------------------------------------------------------- 7. root disk image (ext4 built from the directory, no loop device)
T=$(now)
rm -f "$W/root.ext4"; truncate -s 2G "$W/root.ext4"
mkfs.ext4 -q -F -L vmroot -d "$R" "$W/root.ext4" || die "mkfs.ext4 -d"
pass "root.ext4 built from $R ($(du -h "$W/root.ext4" | cut -f1) allocated) [$(since $T)s]"

# ---------------------------------------------------------------- 8. accelerator: KVM if it really runs a guest, else TCG
BIOS=(); [ -f /usr/share/qemu/qboot.rom ] && BIOS=(-bios /usr/share/qemu/qboot.rom)
probe_kvm() {
  [ -c /dev/kvm ] || { log "no /dev/kvm"; return 1; }
  rm -f "$W/kvm-probe.log"; local t=$(now)
  timeout "$KVM_PROBE_TIMEOUT" qemu-system-x86_64 -accel kvm -m 256 -nic none -display none -monitor none -no-reboot \
     "${BIOS[@]}" -serial file:"$W/kvm-probe.log" -kernel "$VMLINUZ" -append "console=ttyS0 panic=-1 root=/dev/nonexistent" \
     > "$W/kvm-probe.err" 2>&1
  if grep -aq 'Unable to mount root\|Kernel panic' "$W/kvm-probe.log" 2>/dev/null; then log "KVM probe: kernel reached root mount in $(since $t)s"; return 0; fi
  log "KVM probe: kernel did not reach root mount within ${KVM_PROBE_TIMEOUT}s ($(grep -a -c . "$W/kvm-probe.log" 2>/dev/null || echo 0) console lines; $(grep -a -m1 -o 'KVM internal error.*\|failed to set MSR.*' "$W/kvm-probe.log" "$W/kvm-probe.err" 2>/dev/null | head -1))"
  return 1
}
case "$ACCEL" in
  kvm) ACC=kvm;;
  tcg) ACC=tcg;;
  *) if probe_kvm; then ACC=kvm; else ACC=tcg; fi;;
esac
[ "$ACC" = kvm ] && pass "accelerator: KVM" || pass "accelerator: TCG (software emulation; KVM unusable or not requested)"

# ---------------------------------------------------------------- 9. boot the VM and run the scenario
CMDLINE="console=ttyS0 root=/dev/vda rw panic=-1 systemd.firstboot=off"
QEMU=(qemu-system-x86_64 -accel "$ACC" -smp "$SMP" -m "$MEM" -nic none -display none -monitor none
      -serial file:"$W/console.log" -no-reboot "${BIOS[@]}" -device virtio-rng-pci
      -kernel "$VMLINUZ" -initrd "$W/initrd.img" -append "$CMDLINE"
      -drive file="$W/root.ext4",format=raw,if=virtio,cache=unsafe
      -virtfs local,path="$S",mount_tag=share,security_model=none,id=share)
log "running: ${QEMU[*]}"
rm -f "$W/console.log" "$W/boot-wall.txt"
T_VM=$(now)
( while [ ! -s "$S/boot.txt" ]; do sleep 0.1; done; echo "$(since $T_VM)" > "$W/boot-wall.txt" ) &
WATCH=$!
timeout "$VM_TIMEOUT" "${QEMU[@]}"; QRC=$?
VM_WALL=$(since $T_VM)
kill "$WATCH" 2>/dev/null; wait "$WATCH" 2>/dev/null
[ "$QRC" = 0 ] && pass "VM ran and powered off (qemu rc=0, ${VM_WALL}s)" || fail "qemu rc=$QRC after ${VM_WALL}s (see $W/console.log)"

# ---------------------------------------------------------------- 10. results
if [ -s "$S/boot.txt" ]; then
  pass "guest reached systemd state '$(sed -n 's/^state=//p' "$S/boot.txt")' after $(cat "$W/boot-wall.txt" 2>/dev/null)s wall; $(grep -m1 'Startup finished' "$S/boot.txt")"
else
  fail "guest never reported boot completion (see $W/console.log)"
fi
if [ -s "$S/out.log" ]; then
  echo "---- guest results ($S/out.log) ----"
  grep -E '^(PASS|FAIL|INFO|==)' "$S/out.log" | sed 's/^/  guest /'
  echo "------------------------------------"
  NP=$(grep -c '^PASS' "$S/out.log"); NF=$(grep -c '^FAIL' "$S/out.log")
  for k in 'PASS: ddi: service root is dm-verity device' 'PASS: tampered ddi: kernel log' \
           'PASS: tampered ddi: hello.service failed' 'PASS: sidecars: service root is dm-verity device'; do
    grep -q "^$k" "$S/out.log" || fail "missing key check: $k"
  done
  [ "$NF" = 0 ] && pass "guest checks: $NP PASS, 0 FAIL" || fail "guest checks: $NP PASS, $NF FAIL"
else
  fail "no guest output (see $W/console.log, $S/journal.txt)"
fi
echo "TIMING: total script ${T_ALL:+$(since $T_ALL)}s; VM wall (qemu start -> poweroff) ${VM_WALL}s; boot to 'running' $(cat "$W/boot-wall.txt" 2>/dev/null)s wall; in-guest scenario $(sed -n 's/^== done in //p' "$S/out.log" 2>/dev/null); accel $ACC"
echo "DISK: $(du -sh "$W/rootfs" "$W/kernel" "$W/debs" "$W/root.ext4" "$W/initrd.img" "$W/images" 2>/dev/null | awk '{printf "%s=%s ", $2, $1}' | sed "s#$W/##g")total=$(du -sh "$W" | cut -f1)"
if [ "$FAILS" = 0 ]; then echo "PASS: overall - dm-verity enforced for portable services (kernel $KVER, accel $ACC)"; exit 0
else echo "FAIL: overall ($FAILS failures)"; exit 1; fi
