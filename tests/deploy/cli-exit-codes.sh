#!/bin/bash
# --help: usage on stdout, exit 0; --version: exit 0; a bad option or bad
# value: one error line and one hint line on stderr (not the whole
# usage), nothing on stdout, exit 2.
. "$(dirname "$0")/../lib.sh"

"$FORKFTPD" --help >"$T/out" 2>"$T/err"; rc=$?
assert_eq 0 "$rc" "--help exit status"
assert_match '^usage: forkftpd' "$(head -1 "$T/out")" "--help stdout"
for f in --listen --users --anonymous --anonymous-write --user --max-clients \
    --max-per-ip --login-timeout --idle-timeout --accept-timeout --data-timeout \
    --max-line --max-login-fails --fail-delay-ms --max-rate --pasv-ports \
    --pasv-address --syslog --xferlog --pidfile --grace --inetd --config \
    --hash-password --version; do
	grep -q -- "$f" "$T/out" || fail "--help does not mention $f"
done
[ -s "$T/err" ] && fail "--help wrote to stderr: $(cat "$T/err")"

"$FORKFTPD" --version >"$T/out" 2>&1; rc=$?
assert_eq 0 "$rc" "--version exit status"
assert_match '^forkftpd [0-9]' "$(cat "$T/out")" "--version output"

for bad in --no-such-option "--max-clients abc" "--max-clients" "-l 1.2.3.4" \
    "--pasv-ports 5000-4000" "$T/no-such-dir"; do
	# shellcheck disable=SC2086
	"$FORKFTPD" $bad >"$T/out" 2>"$T/err"; rc=$?
	assert_eq 2 "$rc" "exit status of 'forkftpd $bad'"
	[ -s "$T/out" ] && fail "'forkftpd $bad' wrote to stdout"
	assert_match '^forkftpd: ' "$(head -1 "$T/err")" "error line of 'forkftpd $bad'"
	assert_match '^forkftpd: ' "$(sed -n 2p "$T/err")" "hint after the error of 'forkftpd $bad'"
	assert_eq 2 "$(wc -l <"$T/err")" "lines on stderr for 'forkftpd $bad': $(cat "$T/err")"
done
