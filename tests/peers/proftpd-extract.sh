#!/bin/sh
# Extract ProFTPD (proftpd-core; its package conflicts with vsftpd's, and
# installing it would set up a service) into build/peers/proftpd.  The
# binary looks for modules in /usr/lib/proftpd, so a config using them
# must say ModulePath build/peers/proftpd/usr/lib/proftpd.  mod_tls (for
# the FTPS tests) comes from proftpd-mod-crypto, extracted beside it.
set -eu
dest=build/peers/proftpd
[ -x "$dest/usr/sbin/proftpd" ] && [ -f "$dest/usr/lib/proftpd/mod_tls.so" ] && exit 0
mkdir -p build/peers
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# apt-get download drops privileges to _apt, which cannot write mktemp's
# directory (mode 700): let it.
chmod 755 "$tmp"
if [ ! -x "$dest/usr/sbin/proftpd" ]; then
	( cd "$tmp" && apt-get download proftpd-core >/dev/null 2>&1 ) || {
		echo "deps: cannot download proftpd-core (apt-get download proftpd-core); its tests will skip" >&2
		exit 0
	}
	dpkg -x "$tmp"/proftpd-core_*.deb "$tmp/x"
	# Only what the tests run: the loadable modules, then the daemon,
	# whose presence says the extraction is complete.
	mkdir -p "$dest/usr/sbin" "$dest/usr/lib"
	cp -pR "$tmp/x/usr/lib/proftpd" "$dest/usr/lib/"
	cp -p "$tmp/x/usr/sbin/proftpd" "$dest/usr/sbin/"
fi
( cd "$tmp" && apt-get download proftpd-mod-crypto >/dev/null 2>&1 ) || {
	echo "deps: cannot download proftpd-mod-crypto; the ProFTPD FTPS test will skip" >&2
	exit 0
}
dpkg -x "$tmp"/proftpd-mod-crypto_*.deb "$tmp/c"
cp -p "$tmp/c/usr/lib/proftpd/mod_tls.so" "$dest/usr/lib/proftpd/"
