#!/usr/bin/env bash
# Hostile command lines (tests/tools/hostile_input.py: over 400 of them,
# part generated from the command table): over-long lines, NUL, bare CR,
# lone LF, Telnet IAC floods, non-UTF-8, format strings, huge and negative
# numbers, malformed PORT/EPRT, other protocols, commands before login,
# RNTO without RNFR, every verb with a missing and an excessive argument.
# Each gets exactly the expected 4xx/5xx (2xx only where valid) or, for
# floods, a clean close; nothing in the served tree changes; no child
# crashes (ASan build); a new client is served after the batch.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
cp -a "$ROOT" "$T/pristine"
start_forkftpd --anonymous --anonymous-write --max-per-ip 400 --max-clients 400 "$ROOT"
sec_assert_served "before the batch"

sec_py hostile_input.py "$FTPD_PORT" "$TOP/proto/cmd.c" --jobs 8 >"$T/out" 2>&1
rc=$?
cat "$T/out"
[ "$rc" = 0 ] || fail "hostile inputs got unexpected answers (see FAIL lines above)"

sec_assert_served "after the batch"
wait_until 10 sec_no_children || fail "children left after all sessions ended: $(sec_children "$FTPD_PID")"
assert_same_tree "$T/pristine" "$ROOT"
! grep -E 'AddressSanitizer|runtime error|Segmentation|core dumped' "$FTPD_LOG" ||
	fail "crash reported in the server log"
exit 0
