#!/usr/bin/env bash
# Proof on the wire: the loopback traffic of FTPS sessions (explicit with
# PROT P, and implicit) holds neither the password nor any 64-byte run of
# the files moved either way.  The same capture of a plain session finds
# both, so the search is shown to work.  Needs tcpdump and the right to
# capture (root or CAP_NET_RAW); without them the test is skipped.
. "$(dirname "$0")/../lib.sh"
command -v tcpdump >/dev/null || skip "no tcpdump (tests/deps.sh installs it)"
ROOT=$T/root
make_root "$ROOT"
head -c 1048576 /dev/urandom >"$ROOT/down.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/down.bin"
head -c 1048576 /dev/urandom >"$T/up.bin"
FTP_USER=wire FTP_PASS=Secret$RANDOM$RANDOM$RANDOM
lo=$((40000 + RANDOM % 20000))
start_tls_server -u "$(tls_users "$FTP_USER" "$FTP_PASS")" \
    --pasv-ports "$lo-$((lo + 15))" "$ROOT"

# capture NAME COMMAND...: run COMMAND while tcpdump records this server's
# ports into $T/NAME.pcap.
capture() {
	local name=$1 pid; shift
	tcpdump -i lo -U -s 0 -w "$T/$name.pcap" \
	    "tcp port $FTPD_PORT or tcp port $FTPS_PORT or tcp portrange $lo-$((lo + 15))" \
	    2>"$T/$name.err" &
	pid=$!
	t_defer "kill $pid 2>/dev/null"
	wait_until 10 grep -q 'listening on' "$T/$name.err" ||
		skip "cannot capture on lo: $(cat "$T/$name.err")"
	"$@" || fail "$name: the session failed"
	sleep 0.5	# let the last segments reach the capture file
	kill -INT "$pid"
	wait "$pid" 2>/dev/null
	[ -s "$T/$name.pcap" ] || fail "$name: empty capture"
}

# leaks NAME: what of the secrets is in NAME.pcap ("" when nothing).
leaks() {
	"$PY" - "$T/$1.pcap" "$FTP_PASS" "$ROOT/down.bin" "$T/up.bin" <<'EOF2'
import sys
cap = open(sys.argv[1], 'rb').read()
out = []
if sys.argv[2].encode() in cap:
    out.append('password')
# A 64-byte run of a file, however the packets cut it, leaves 32
# contiguous bytes in one packet, which hold a 16-byte block of the file
# at a multiple of 16.
for f in sys.argv[3:]:
    data = open(f, 'rb').read()
    blocks = {data[i:i + 16] for i in range(0, len(data) - 15, 16)}
    hits = sum(1 for i in range(len(cap) - 15) if cap[i:i + 16] in blocks)
    if hits:
        out.append('%s (%d blocks)' % (f.rsplit('/', 1)[-1], hits))
print(', '.join(out))
EOF2
}

u=ftp://localhost:$FTPD_PORT
plain() {
	t_curl -o "$T/p.bin" "$u/down.bin" && t_curl -T "$T/up.bin" "$u/plain-up.bin"
}
explicit() {
	t_curl_tls -o "$T/e.bin" "$u/down.bin" && t_curl_tls -T "$T/up.bin" "$u/tls-up.bin"
}
implicit() {
	t_curl --cacert "$CERT" -o "$T/i.bin" "ftps://localhost:$FTPS_PORT/down.bin" &&
	t_curl --cacert "$CERT" -T "$T/up.bin" "ftps://localhost:$FTPS_PORT/ftps-up.bin"
}

capture plain plain
seen=$(leaks plain)
case $seen in
*password*down.bin*up.bin*) ;;
*) fail "the search missed what a plain session shows: [$seen]" ;;
esac
capture explicit explicit
assert_same_file "$ROOT/down.bin" "$T/e.bin"
assert_same_file "$T/up.bin" "$ROOT/tls-up.bin"
assert_eq "" "$(leaks explicit)" "secrets in the AUTH TLS + PROT P capture"
capture implicit implicit
assert_same_file "$ROOT/down.bin" "$T/i.bin"
assert_same_file "$T/up.bin" "$ROOT/ftps-up.bin"
assert_eq "" "$(leaks implicit)" "secrets in the implicit FTPS capture"
exit 0
