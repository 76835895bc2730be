#!/usr/bin/env bash
# '..' chains cannot leave the root: every command naming a path through
# '..' above the root is refused with 5xx, nothing of the sibling directory
# is read, listed or written; '..' that stays inside the root works.
. "$(dirname "$0")/../lib.sh"
confine_setup
start_forkftpd --anonymous --anonymous-write "$ROOT"

ftp_probe -f "$CANARY" -f only-in-sibling >"$T/probe" <<EOF2 || fail "escapes not refused: $(grep -av '^ok' "$T/probe")"
^5 RETR ../sibling/canary.txt
^5 RETR ../../../../../../../../..$SIB/canary.txt
^5 RETR sub dir/../../sibling/canary.txt
^5 RETR ./../sibling/./canary.txt
^5 RETR ..//sibling//canary.txt
^5 SIZE ../sibling/canary.txt
^5 MDTM ../sibling/canary.txt
^5 MLST ../sibling/canary.txt
^5 HASH ../sibling/canary.txt
^5 LIST ../sibling
^5 LIST -la ../sibling
^5 NLST ../sibling
^5 NLST ../sibling/*
^5 MLSD ../sibling
^5 STAT ../sibling
^5 CWD ../sibling
^5 CWD sub dir/../../sibling
^5 STOR ../escaped.txt
^5 STOR ../sibling/escaped.txt
^5 STOR ../sibling/canary.txt
^5 APPE ../sibling/canary.txt
^5 DELE ../sibling/canary.txt
^5 MKD ../newdir
^5 MKD ../sibling/newdir
^5 RMD ../sibling/subdir
^5 SITE CHMOD 777 ../sibling/canary.txt
^5 MFMT 20200101000000 ../sibling/canary.txt
^5 RNFR ../sibling/canary.txt
^350 RNFR hello.txt
^5 RNTO ../sibling/moved.txt
^350 RNFR hello.txt
^5 RNTO ../moved.txt
# at the root, '..' goes nowhere (refused, or stays at /)
^[25] CWD ..
^257."/" PWD
^[25] CDUP
^257."/" PWD
^[25] CWD ../../..
^257."/" PWD
# from a subdirectory
^250 CWD sub dir/deeper
^5 RETR ../../../sibling/canary.txt
^5 CWD ../../../sibling
^257."/sub.dir/deeper" PWD
^5 LIST ../../..
# '..' that stays inside works
^2 RETR ../../empty.txt
^2 RETR ../mid.bin
^200 TYPE I
^213 SIZE ../../big.bin
^250 CWD ../..
^257."/" PWD
^2 RETR sub dir/../text lines.txt
^2 LIST sub dir/..
EOF2
confine_check
for f in "$SRC"/*.txt; do
	assert_same_file "$f" "$ROOT/$(basename "$f")"
done
exit 0
