#!/bin/bash
# Started as root: a session child runs as the unprivileged account, in a
# chroot of ROOT, with no_new_privs and no capability, while the parent
# stays root with only the capabilities it needs for its children.
. "$(dirname "$0")/../lib.sh"
need_root
acct=$(ftp_account)
uid=$(id -u "$acct") gid=$(id -g "$acct")
make_root "$T/root"
start_forkftpd "$T/root"
hold_sessions "$FTPD_PORT" 1 a
wait_until 5 test -n "$(session_pids)" || fail "no session child"
pid=$(session_pids | head -1)
assert_eq "Uid:	$uid	$uid	$uid	$uid" "$(grep '^Uid:' /proc/"$pid"/status)" "child Uid"
assert_eq "Gid:	$gid	$gid	$gid	$gid" "$(grep '^Gid:' /proc/"$pid"/status)" "child Gid"
assert_match "^Groups:	$gid ?$" "$(grep '^Groups:' /proc/"$pid"/status)" "child supplementary groups"
assert_eq "NoNewPrivs:	1" "$(grep '^NoNewPrivs:' /proc/"$pid"/status)" "child no_new_privs"
assert_eq "$(readlink -f "$T/root")" "$(readlink /proc/"$pid"/root)" "child root directory"
assert_match '^Uid:	0	' "$(grep '^Uid:' /proc/"$FTPD_PID"/status)" "parent Uid"
# dac_read_search, kill, setgid, setuid, sys_chroot: nothing else of root.
assert_eq "CapEff:	00000000000400e4" "$(grep '^CapEff:' /proc/"$FTPD_PID"/status)" "parent capabilities"
assert_eq "CapBnd:	00000000000400e4" "$(grep '^CapBnd:' /proc/"$FTPD_PID"/status)" "parent bounding set"
assert_eq "CapEff:	0000000000000000" "$(grep '^CapEff:' /proc/"$pid"/status)" "child capabilities"
assert_eq / "$(readlink /proc/"$FTPD_PID"/root)" "parent root directory"
release_sessions a
