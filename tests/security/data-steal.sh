#!/usr/bin/env bash
# Data connections from and to the wrong place (RFC 2577): a connection
# from 127.0.0.2 to the client's PASV/EPSV port gets no file data and
# cannot inject an upload; PORT/EPRT naming another address or a port
# below 1024 is refused and never connected to; the client's own address
# works (control case).  (tests/tools/sec_steal.py)
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
head -c 3000000 /dev/urandom >"$ROOT/secret.bin"
chmod 644 "$ROOT/secret.bin"
"$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.2", 0))' 2>/dev/null ||
	skip "127.0.0.2 is not usable here"
start_forkftpd --anonymous --anonymous-write --accept-timeout 3 "$ROOT"
timeout 120 "$PY" "$SEC_TOOLS/sec_steal.py" "$FTPD_PORT" "$ROOT" >"$T/out" 2>&1
rc=$?
cat "$T/out"
[ "$rc" = 0 ] || fail "data connection stealing or bounce not prevented"
sec_assert_served "after the attacks"
exit 0
