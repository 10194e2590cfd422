#!/usr/bin/env bash
# Builds shoal-test/busybox:1 from Debian's busybox-static: busybox plus its applets
# as symlinks (sh, httpd, sleep, wget, ...). Used by tests, benchmarks and examples.
set -euo pipefail
IMAGE="${SHOAL_TEST_IMAGE:-shoal-test/busybox:1}"
if docker image inspect "$IMAGE" >/dev/null 2>&1; then exit 0; fi
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/bin" "$dir/tmp" "$dir/www" "$dir/etc"
cp /bin/busybox "$dir/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$dir/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' >"$dir/etc/passwd"
echo 'shoal test page' >"$dir/www/index.html"
tar -C "$dir" -c . | docker import \
  -c 'ENV PATH=/bin' -c 'WORKDIR /' -c 'CMD ["sh"]' - "$IMAGE" >/dev/null
echo "built $IMAGE" >&2
