#!/usr/bin/env bash
# Pipelined commands are neither lost, duplicated nor reordered: 20,000
# commands in one write get exactly their replies in order; 300 commands
# sent during a 20 MB RETR are answered in order after its 226, and the
# file arrives intact (tests/tools/sec_pipeline.py).
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
head -c 20000000 /dev/urandom >"$ROOT/huge.bin"
chmod 644 "$ROOT/huge.bin"
start_forkftpd --anonymous "$ROOT"
timeout 200 "$PY" "$SEC_TOOLS/sec_pipeline.py" "$FTPD_PORT" \
	"$(sha256sum <"$ROOT/huge.bin" | cut -c1-64)" >"$T/out" 2>&1
rc=$?
cat "$T/out"
[ "$rc" = 0 ] || fail "pipelined commands were lost or reordered"
sec_assert_served "after the pipelining"
exit 0
