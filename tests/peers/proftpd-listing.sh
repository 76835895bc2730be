#!/usr/bin/env bash
# Print ProFTPD's LIST and MLSD of a fixture tree, raw, one line each:
# what tests/unit/test_listing.c's ProFTPD fixtures were taken from.
# Run as root from the top directory: bash tests/peers/proftpd-listing.sh
# The tree: a file, an old file (year instead of time), a setuid file,
# a directory, a directory with a space, a name with spaces and UTF-8,
# a symlink, a sparse file over 4 GiB.  Times are fixed, in UTC
# (TimesGMT on); "recent" ones must be under six months old to be shown
# with a time, so they are relative to today.
. "$(dirname "$0")/../lib.sh"

D=$T/srv/pub
mkdir -p "$T/srv"
make_root "$D"
cd "$D" || fail "cd $D"
recent=$(date -u -d '-8 days' '+%Y-%m-%d 13:07:22')
head -c 4161 /dev/zero >"report 2024.txt"
printf 'ab\n' >old.txt
printf 'x\n' >"Grüße 日本.txt"
printf '#!/bin/sh\n' >setuid.sh
mkdir sub "dir with space"
truncate -s 5000000000 sparse.img
ln -s "report 2024.txt" link
make_root "$D"
touch -h -d "$recent UTC" "report 2024.txt" "Grüße 日本.txt" setuid.sh sub \
    "dir with space" sparse.img link .
touch -d '2023-01-09 10:00:00 UTC' old.txt
cd "$TOP" || fail "cd $TOP"

# capture CMD...: log in to the running peer, print each command's data.
capture() {
	"$PY" - "$PEER_PORT" "$PEER_USER" "$PEER_PASS" "$@" <<'EOF'
import ftplib, sys
f = ftplib.FTP()
f.encoding = "utf-8"
f.connect("127.0.0.1", int(sys.argv[1]), timeout=10)
f.login(sys.argv[2], sys.argv[3])
for cmd in sys.argv[4:]:
    print("# " + cmd)
    f.retrlines(cmd, print)
f.quit()
EOF
}

start_peer proftpd "$D"
chmod 4755 "$D/setuid.sh"	# after start_peer's chown, which clears it
capture LIST "LIST -a" MLSD
# "FactsOptions UseSlink": symlinks as "type=OS.unix=slink:TARGET".
PROFTPD_EXTRA='FactsOptions UseSlink'
start_peer proftpd "$D"
chmod 4755 "$D/setuid.sh"
echo "# FactsOptions UseSlink"
capture MLSD
