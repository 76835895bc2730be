#!/usr/bin/env bash
# The path-escape attempts of path-escape.sh against forkftpd started as
# an unprivileged account (no chroot possible): confinement rests on path
# resolution alone (openat2 RESOLVE_BENEATH or the O_NOFOLLOW walk).  The
# canaries outside are owned by that same account, so file permissions
# cannot be what stops an escape.  Skips when not root (path-escape.sh
# then already runs unprivileged).
. "$(dirname "$0")/../lib.sh"

[ "$(id -u)" = 0 ] || skip "not root: path-escape.sh already runs without chroot"
sec_escape_setup
sec_unpriv_forkftpd
sec_escape_run
exit 0
