#!/usr/bin/env bash
# Only regular files are sent or overwritten: a FIFO, a character device
# and a socket planted in the root are refused with 5xx at once (no hang on
# the FIFO), are never replaced by STOR or appended to, and stay as they
# were; listing them is fine.
. "$(dirname "$0")/../lib.sh"
confine_setup
mkfifo "$ROOT/fifo"
"$PY" -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$ROOT/sock"
havedev=
if [ "$(id -u)" = 0 ] && mknod "$ROOT/zero" c 1 5 2>/dev/null; then havedev=1; fi
ln -s fifo "$ROOT/fifo-link"
[ "$(id -u)" != 0 ] || chown -h "$(ftp_account):" "$ROOT"/fifo* "$ROOT/sock"
chmod 666 "$ROOT/fifo" "$ROOT/sock"
[ -n "$havedev" ] && chmod 666 "$ROOT/zero"
ls -la "$ROOT" | grep -E ' (fifo|sock|zero)' >"$T/special.before"
start_forkftpd --anonymous --anonymous-write "$ROOT"

{
	for n in fifo fifo-link sock ${havedev:+zero}; do
		printf '^5 RETR %s\n^5 STOR %s\n^5 APPE %s\n' "$n" "$n" "$n"
		printf '^200 TYPE I\n^5 SIZE %s\n^5 HASH %s\n' "$n" "$n"
	done
	printf '^2 LIST\n^2 MLSD\n^2 RETR hello.txt\n'
} >"$T/cmds"
IOP_TIMEOUT=25 ftp_probe <"$T/cmds" >"$T/probe" ||
	fail "special files not refused: $(grep -av '^ok' "$T/probe")"
ls -la "$ROOT" | grep -E ' (fifo|sock|zero)' >"$T/special.after"
diff "$T/special.before" "$T/special.after" >/dev/null ||
	fail "special files changed: $(diff "$T/special.before" "$T/special.after")"
[ -p "$ROOT/fifo" ] && [ -S "$ROOT/sock" ] || fail "special files replaced"
confine_check
exit 0
