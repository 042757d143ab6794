#!/bin/sh
# Builds the minimal preloaded rootfs the runc backend uses for preloaded:cflinuxfs4 (and busybox):
# Debian's statically linked busybox with a link per applet, root and vcap users, and the mount points
# runc expects. Idempotent: running it again over an existing tree refreshes it in place.
#
#   build-busybox-rootfs.sh <dir> [busybox-binary]
set -eu

dir=${1:?usage: build-busybox-rootfs.sh <dir> [busybox-binary]}
busybox=${2:-/bin/busybox}

# A dynamically linked busybox would need the host's libc inside the rootfs.
if ! "$busybox" true 2>/dev/null; then
  echo "no usable busybox at $busybox (apt-get install busybox-static)" >&2
  exit 1
fi
if ldd "$busybox" >/dev/null 2>&1; then
  echo "$busybox is dynamically linked; install busybox-static" >&2
  exit 1
fi

mkdir -p "$dir"
cd "$dir"
mkdir -p bin usr etc tmp home/vcap root proc dev sys var/tmp
chmod 1777 tmp var/tmp
# Copy rather than link: the rootfs must not depend on the host path staying the same.
cp -f "$busybox" bin/busybox.new && mv -f bin/busybox.new bin/busybox
chmod 0755 bin/busybox

# One relative link per applet, all in bin/; the usual other directories point at bin/.
for applet in $(bin/busybox --list); do
  [ "$applet" = busybox ] || ln -sfn busybox "bin/$applet"
done
for alias in sbin usr/bin usr/sbin usr/local/bin; do
  mkdir -p "$(dirname "$alias")"
  [ -L "$alias" ] || { rm -rf "$alias"; ln -s "$(echo "$alias" | sed 's|[^/]*/|../|g; s|[^/]*$||')bin" "$alias"; }
done

# vcap is uid/gid 2000 as in cflinuxfs4, so files written by apps have the same owner on every stack.
cat > etc/passwd <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
vcap:x:2000:2000:vcap:/home/vcap:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > etc/group <<'GROUP'
root:x:0:
vcap:x:2000:
nogroup:x:65534:
GROUP
chown 2000:2000 home/vcap
chmod 0755 home/vcap
echo 'hosts: files dns' > etc/nsswitch.conf
# Bind-mount targets for the container's own hosts and resolver files.
touch etc/hosts etc/resolv.conf etc/hostname
