#!/bin/bash
# The systemd unit's sandbox works: forkftpd started as root with only the
# capabilities of CapabilityBoundingSet and with NoNewPrivileges still
# serves, drops each session to the ftp account in a chroot, and drains
# on SIGTERM.
. "$(dirname "$0")/../lib.sh"
need_root
command -v setpriv >/dev/null || skip "no setpriv"
caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$TOP/server/forkftpd.service")
[ -n "$caps" ] || fail "no CapabilityBoundingSet in the unit"
bset=-all
for c in $caps; do
	c=${c#CAP_}
	bset="$bset,+$(tr 'A-Z' 'a-z' <<<"$c")"
done
real=$FORKFTPD
cat >"$T/wrap" <<WRAP
#!/bin/sh
exec setpriv --bounding-set $bset --no-new-privs "$real" "\$@"
WRAP
chmod +x "$T/wrap"
make_root "$T/root"
echo hello >"$T/root/f.txt"
make_root "$T/root"
FORKFTPD=$T/wrap start_forkftpd --grace 1 "$T/root"
assert_eq "NoNewPrivs:	1" "$(grep '^NoNewPrivs:' /proc/"$FTPD_PID"/status)" "parent no_new_privs"
assert_eq "CapBnd:	00000000000404e0" "$(grep '^CapBnd:' /proc/"$FTPD_PID"/status)" \
    "parent bounding set (kill, setgid, setuid, net_bind_service, sys_chroot)"
out=$(printf 'USER anonymous\nPASS x@\nSIZE f.txt\nQUIT\n' | ftp_chat "$FTPD_PORT")
assert_match '^213 6' "$out" "a session under the unit's sandbox"
hold_sessions "$FTPD_PORT" 1 a anonymous x@
pid=$(session_pids | head -1)
[ -n "$pid" ] || fail "no session child"
assert_match "^Uid:	$(id -u "$(ftp_account)")	" "$(grep '^Uid:' /proc/"$pid"/status)" "session uid"
assert_eq "$(readlink -f "$T/root")" "$(readlink /proc/"$pid"/root)" "session root"
kill -TERM "$FTPD_PID"
wait_until 8 sh -c "! kill -0 $FTPD_PID" || fail "parent did not exit after SIGTERM and --grace 1"
wait_until 5 sh -c "! kill -0 $pid" || fail "session survived"
grep -q 'killed by signal 15' "$FTPD_LOG" || fail "the parent could not SIGTERM its session (CAP_KILL?): $(cat "$FTPD_LOG")"
