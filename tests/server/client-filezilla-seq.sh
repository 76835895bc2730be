#!/usr/bin/env bash
# FileZilla 3 is a GUI, so its exact command sequence (reference
# ftp-protocol.md §1.3) is replayed, as it goes with a server that has no
# TLS (--tls off; tls-*.sh cover FTPS): AUTH TLS/SSL refused so it goes on
# in clear, SYST, FEAT, OPTS UTF8 ON, PWD, TYPE I + PASV + MLSD, CWD, SIZE/MDTM
# in the shapes it parses, REST n + RETR, REST 0, STOR then MFMT, resume
# with REST + STOR, and a cancelled transfer (it closes the connection).
. "$(dirname "$0")/../lib.sh"
serve_sample --tls off

fz() { timeout 30 "$PY" "$TOP/tests/tools/ftpprobe.py" -u '' -P "$@" "$FTPD_PORT"; }
fz >"$T/fz" <<'EOF2' || fail "FileZilla sequence: $(grep -av '^ok' "$T/fz")"
^(500|502|504|534) AUTH TLS
^(500|502|504|534) AUTH SSL
^331 USER anonymous
^230 PASS filezilla@
^215.UNIX.Type:.L8$ SYST
^211 FEAT
^200 OPTS UTF8 ON
^257."/" PWD
^200 TYPE I
^226 MLSD
^250 CWD /sub dir
^257."/sub.dir" PWD
^226 MLSD
^213.70000$ SIZE mid.bin
^213.[0-9]{14}$ MDTM mid.bin
^350 REST 1000
^226 RETR mid.bin
^350 REST 0
^226 RETR mid.bin
^226 STOR fz upload.bin
^213 MFMT 20200102030405 fz upload.bin
^213.20200102030405$ MDTM fz upload.bin
^350 REST 5
^226 STOR fz upload.bin
^200 TYPE A
^226 LIST -a
^250 CWD /
^221 QUIT
EOF2
assert_eq "PROBE" "$(head -c 5 "$ROOT/sub dir/fz upload.bin")" "REST 5 + STOR keeps the first 5 bytes"
assert_eq "PROBEPROBE-UPLOAD" "$(head -c 17 "$ROOT/sub dir/fz upload.bin")" "REST 5 + STOR writes at offset 5"
assert_eq 18 "$(stat -c %s "$ROOT/sub dir/fz upload.bin")" "size after REST 5 + STOR of 13 bytes"

# cancel: FileZilla drops the whole connection mid-download; the server
# ends that session and serves the next one
"$PY" - "$FTPD_PORT" <<'EOF2' || fail "cancelled download"
import re, socket, sys
port = int(sys.argv[1])
c = socket.create_connection(('127.0.0.1', port), timeout=10)
f = c.makefile('rb')
def cmd(line):
    if line:
        c.sendall(line.encode() + b'\r\n')
    while True:
        ln = f.readline().decode()
        if ln[3:4] == ' ':
            return ln
cmd('')
cmd('USER anonymous'); cmd('PASS fz'); cmd('TYPE I')
r = cmd('PASV')
h = [int(x) for x in re.search(r'(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)', r).groups()]
d = socket.create_connection(('127.0.0.1', h[4] * 256 + h[5]), timeout=10)
assert cmd('RETR big.bin').startswith('150')
d.recv(1000)
d.close()
c.close()
EOF2
wait_until 10 no_ftpd_children || fail "session of a cancelled transfer did not end"
ftpd_alive || fail "server no longer serves after a cancelled transfer"
exit 0
