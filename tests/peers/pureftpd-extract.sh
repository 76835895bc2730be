#!/bin/sh
# Extract pure-ftpd (its package conflicts with vsftpd's) into build/peers.
set -eu
dest=build/peers/pure-ftpd
[ -x "$dest/usr/sbin/pure-ftpd" ] && exit 0
mkdir -p build/peers
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && apt-get download pure-ftpd >/dev/null 2>&1 ) || {
	echo "deps: cannot download pure-ftpd (apt-get download pure-ftpd); its tests will skip" >&2
	exit 0
}
dpkg -x "$tmp"/pure-ftpd_*.deb "$dest"
