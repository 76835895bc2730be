#!/usr/bin/env bash
# Absolute paths are paths in the user's tree, never in the host's: the real
# location of the sibling directory, /etc/passwd and / itself are refused or
# show the served tree only; nothing outside the root is read or written.
. "$(dirname "$0")/../lib.sh"
confine_setup
start_forkftpd --anonymous --anonymous-write "$ROOT"

ftp_probe -f "$CANARY" -f only-in-sibling -f 'root:x:0:0' \
    >"$T/probe" <<EOF2 || fail "absolute paths not confined: $(grep -av '^ok' "$T/probe")"
^5 RETR $SIB/canary.txt
^5 RETR /etc/passwd
^5 RETR /etc/hostname
^5 RETR /proc/self/environ
^5 RETR /proc/self/root/etc/passwd
^5 RETR //etc/passwd
^5 SIZE $SIB/canary.txt
^5 MDTM /etc/passwd
^5 LIST $SIB
^5 NLST $SIB
^5 MLSD $SIB
^5 LIST /etc
^5 MLSD /proc/self
^5 STAT $SIB
^5 CWD $SIB
^5 CWD /etc
^5 CWD /proc/self/cwd
^257."/" PWD
^5 STOR $SIB/escaped.txt
^5 STOR $SIB/canary.txt
^5 APPE $SIB/canary.txt
^5 DELE $SIB/canary.txt
^5 MKD $SIB/newdir
^5 RMD $SIB/subdir
^5 SITE CHMOD 777 $SIB/canary.txt
^5 RNFR $SIB/canary.txt
^5 STOR /tmp/escaped-$CANARY
^5 MKD /tmp/escaped-$CANARY
# the virtual root is the served root
^2 RETR /hello.txt
^2 RETR /sub dir/mid.bin
^250 CWD /sub dir
^257."/sub.dir" PWD
^2 RETR /sub dir/deeper/leaf.txt
^250 CWD /
^2 MLSD /
^2 LIST /
^2 STOR /uploaded-abs.txt
EOF2
confine_check
[ -e "/tmp/escaped-$CANARY" ] && fail "STOR /tmp/... wrote into the host's /tmp"
[ -e "$ROOT/uploaded-abs.txt" ] || fail "STOR /uploaded-abs.txt did not land in the root"
exit 0
