#!/usr/bin/env bash
# The path-escape attempts of path-escape.sh against a user confined to a
# home inside the served tree: forkftpd serves $T/srv, user alice (users
# file, rw) has home "root"; the sibling "root2" (inside the served tree,
# outside her home, its name extending hers) and $T/outside must stay
# unreachable through every path command, .. chains and planted symlinks.
# As root it runs twice: chrooted as deployed, then as the service account
# (no chroot: resolution beneath the home alone confines).
. "$(dirname "$0")/../lib.sh"

sec_escape_setup
hash=$(printf 'alice-pw-7\n' | "$FORKFTPD" --hash-password) || fail "--hash-password failed"
printf 'alice:%s:root:rw\n' "$hash" >"$T/users"
chmod 644 "$T/users"
modes=chroot total=0
[ "$(id -u)" != 0 ] || modes="chroot unprivileged"
for mode in $modes; do
	[ "$mode" = chroot ] || { sec_unpriv_forkftpd; chmod 644 "$T/users"; }
	start_forkftpd -u "$T/users" "$T/srv"
	SEC_FTP_USER=alice SEC_FTP_PASS=alice-pw-7 \
		sec_py hostile_paths.py "$FTPD_PORT" "$ROOT" "$OUTSIDE" "$SIBLING" >"$T/out" 2>&1
	rc=$?
	sed "s/^# tried:/# tried ($mode):/" "$T/out"
	n=$(sed -n 's/^# tried: \([0-9]*\) path-escape.*/\1/p' "$T/out")
	total=$((total + ${n:-0}))
	sec_escape_verify
	[ "$rc" = 0 ] || fail "$mode: path-escape attempts from a user home were not refused (see FAIL lines above)"
	kill "$FTPD_PID"
done
sec_tried "$total path-escape attempts from a user home ($modes)"
exit 0
