#!/bin/bash
# --max-line: a longer command line is answered 500 and discarded whole
# (its tail is not run as a command); the session goes on.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
start_forkftpd --max-line 100 "$T/root"
long="NOOP $(printf 'x%.0s' $(seq 1 150))QUIT"
out=$(printf '%s\n' "$long" NOOP QUIT | ftp_chat "$FTPD_PORT")
assert_match '^500' "$(sed -n 2p <<<"$out")" "reply to a 160-byte line with --max-line 100"
assert_match '^200' "$(sed -n 3p <<<"$out")" "NOOP after the long line"
assert_match '^221' "$(sed -n 4p <<<"$out")" "QUIT"
