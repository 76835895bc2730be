#!/usr/bin/env bash
# Symlinks planted in the root that point outside it (to /, to a sibling
# directory, to a file there; relative and absolute; loops) are refused with
# 5xx for every command and nothing outside is read, listed or written;
# symlinks that stay inside the root work.
. "$(dirname "$0")/../lib.sh"
confine_setup
ln -s / "$ROOT/to-slash"
ln -s ../sibling "$ROOT/to-sib"
ln -s "$SIB" "$ROOT/to-sib-abs"
ln -s ../sibling/canary.txt "$ROOT/to-canary"
ln -s "$SIB/canary.txt" "$ROOT/to-canary-abs"
ln -s ../../sibling "$ROOT/sub dir/deep-to-sib"
ln -s loop "$ROOT/loop"
ln -s "sub dir" "$ROOT/in-link"
ln -s hello.txt "$ROOT/hello-link"
ln -s ../hello.txt "$ROOT/sub dir/up-link"
ln -s "../sub dir/deeper" "$ROOT/empty dir/to-deeper"
[ "$(id -u)" != 0 ] || chown -h "$(ftp_account):" "$ROOT"/* "$ROOT/sub dir"/* "$ROOT/empty dir"/*
start_forkftpd --anonymous --anonymous-write "$ROOT"

ftp_probe -f "$CANARY" -f only-in-sibling -f 'root:x:0:0' \
    >"$T/probe" <<EOF2 || fail "symlink escapes not refused: $(grep -av '^ok' "$T/probe")"
^5 RETR to-canary
^5 RETR to-canary-abs
^5 RETR to-sib/canary.txt
^5 RETR to-sib-abs/canary.txt
^5 RETR to-slash$SIB/canary.txt
^5 RETR to-slash/etc/passwd
^5 RETR sub dir/deep-to-sib/canary.txt
^5 RETR in-link/deep-to-sib/canary.txt
^5 RETR loop
^200 TYPE I
^5 SIZE to-canary
^5 MDTM to-canary-abs
^5 MLST to-canary
^5 HASH to-canary
^5 HASH to-sib/canary.txt
^5 LIST to-sib
^5 LIST to-sib/
^5 LIST -la to-sib-abs/
^5 NLST to-sib
^5 NLST to-sib/*
^5 MLSD to-sib
^5 MLSD to-slash$SIB
^5 STAT to-sib
^5 LIST sub dir/deep-to-sib
^5 CWD to-sib
^5 CWD to-sib-abs
^5 CWD to-slash
^5 CWD sub dir/deep-to-sib
^257."/" PWD
^5 STOR to-sib/escaped.txt
^5 STOR to-sib-abs/escaped.txt
^5 STOR to-slash$SIB/escaped.txt
^5 APPE to-canary
^5 APPE to-sib/canary.txt
^5 MKD to-sib/newdir
^5 RMD to-sib/subdir
^5 DELE to-sib/canary.txt
^5 SITE CHMOD 777 to-canary
^5 SITE CHMOD 777 to-sib
# MFMT may set the time of the link itself (inside the root), never the target
^[25] MFMT 20200101000000 to-canary
^5 RNFR to-sib/canary.txt
^350 RNFR empty.txt
^5 RNTO to-sib/moved.txt
# STOR over a symlink's name may replace the link itself; the target must
# never be written (checked by confine_check)
^[25] STOR to-canary-abs
# links inside the root work
^2 RETR hello-link
^2 RETR in-link/mid.bin
^2 RETR sub dir/up-link
^2 RETR empty dir/to-deeper/leaf.txt
^250 CWD in-link
^2 RETR deeper/leaf.txt
^250 CWD /empty dir/to-deeper
^2 LIST
^250 CWD /
^2 LIST in-link
EOF2
confine_check

t_curl -o "$OUT/h" "$(ftp_url 'hello-link')" || fail "curl via in-root file link failed"
assert_same_file "$SRC/hello.txt" "$OUT/h"
t_curl -o "$OUT/m" "$(ftp_url 'in-link/mid.bin')" || fail "curl via in-root dir link failed"
assert_same_file "$SRC/sub dir/mid.bin" "$OUT/m"
t_curl -o "$OUT/u" "$(ftp_url 'sub dir/up-link')" || fail "curl via ../ link failed"
assert_same_file "$SRC/hello.txt" "$OUT/u"
t_curl "$(ftp_url 'in-link/')" >"$T/l" || fail "curl LIST of in-root dir link failed"
grep -q ' mid\.bin' "$T/l" || fail "LIST in-link/: $(cat "$T/l")"
t_curl "$(ftp_url '')" >"$T/root.list" || fail "curl LIST / failed"
grep -q 'only-in-sibling' "$T/root.list" && fail "root listing leaks the sibling"
exit 0
