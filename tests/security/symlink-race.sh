#!/usr/bin/env bash
# A symlink swapped between check and use (TOCTOU): ROOT/race flips
# between a directory inside the root and one outside, thousands of times
# for 4 seconds, while two clients hammer RETR, SIZE, LIST, STOR and CWD
# through it (tests/tools/sec_race.py).  Nothing outside is ever served,
# listed or written (canary content, names, manifest); both outcomes are
# seen.  forkftpd runs unprivileged when we are root, so no chroot helps:
# only the openat2 RESOLVE_BENEATH resolution confines.
. "$(dirname "$0")/../lib.sh"

sec_escape_setup
mkdir -p "$ROOT/inside_dir"
printf 'INSIDE\n' >"$ROOT/inside_dir/f.txt"
{ echo "RACE-CANARY-$RANDOM$RANDOM"; head -c 3000 /dev/urandom; } >"$OUTSIDE/f.txt"
chmod -R a+rwX "$OUTSIDE"
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$ROOT" "$OUTSIDE"
chmod 777 "$ROOT/inside_dir" "$OUTSIDE"
sec_manifest "$OUTSIDE" "$SIBLING" /etc/passwd /etc/group /etc/hostname >"$T/outside.before"
ln -s inside_dir "$ROOT/race"
sec_unpriv_forkftpd
start_forkftpd --anonymous --anonymous-write "$ROOT"

timeout 60 "$PY" "$SEC_TOOLS/sec_race.py" "$FTPD_PORT" "$ROOT" "$OUTSIDE" 4 >"$T/out" 2>&1
rc=$?
cat "$T/out"
sec_escape_verify
[ "$rc" = 0 ] || fail "the symlink race leaked or was not exercised"
sec_assert_served "after the race"
exit 0
