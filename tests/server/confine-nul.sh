#!/usr/bin/env bash
# NUL bytes in paths are refused with 5xx, never cut the path short (so
# "hello.txt\0../x" is not hello.txt and "../sibling/canary.txt\0" never
# reaches the sibling); nothing is created under a truncated name; the
# session (or a new one) still works afterwards.
. "$(dirname "$0")/../lib.sh"
confine_setup
start_forkftpd --anonymous --anonymous-write "$ROOT"

ftp_probe -e -f "$CANARY" -f only-in-sibling >"$T/probe" <<'EOF2' || fail "NUL paths not refused: $(grep -av '^ok' "$T/probe")"
^5 RETR hello.txt\x00../sibling/canary.txt
^5 RETR ../sibling/canary.txt\x00hello.txt
^5 RETR hello.txt\x00
^5 RETR \x00hello.txt
^5 SIZE big.bin\x00.txt
^5 LIST sub dir\x00/../../sibling
^5 NLST \x00../sibling
^5 MLSD sub dir\x00
^5 CWD sub dir\x00/../../sibling
^5 CWD \x00
^5 STOR new\x00.txt
^5 STOR nul\x00../../sibling/escaped.txt
^5 APPE hello.txt\x00.bak
^5 MKD nul\x00dir
^5 DELE empty.txt\x00junk
^5 RMD empty dir\x00junk
^5 RNFR text lines.txt\x00junk
^5 SITE CHMOD 777 hello.txt\x00junk
^5 USER anonymous\x00root
EOF2
# the server is still there and serves normally
ftp_probe >"$T/probe2" <<'EOF2' || fail "after NUL commands: $(grep -av '^ok' "$T/probe2")"
^2 RETR hello.txt
^257 PWD
EOF2
confine_check
for n in new nul; do
	[ -e "$ROOT/$n" ] && fail "a NUL path created [$n] (truncated name)"
done
assert_same_tree "$SRC" "$ROOT"
exit 0
