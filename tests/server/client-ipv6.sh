#!/usr/bin/env bash
# The clients over IPv6 loopback ([::1], so EPSV/EPRT with |2|; PASV/PORT
# are IPv4-only): curl passive and active, lftp mirror and put, wget,
# ftplib passive and active; byte for byte.
. "$(dirname "$0")/../lib.sh"
"$PY" -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0))' 2>/dev/null ||
	skip "no IPv6 loopback"
serve_sample -l '[::1]:0'
upload_files "$T/up"
P6=$(grep -m1 -o 'ftp://\[::1\]:[0-9]*' "$FTPD_LOG" | sed 's/.*://')
[ -n "$P6" ] || fail "no IPv6 listener in: $(cat "$FTPD_LOG")"
U6="ftp://$FTP_USER:$FTP_PASS@[::1]:$P6"

t_curl -g -o "$OUT/c.bin" "$U6/big.bin" || fail "curl over IPv6 failed"
assert_same_file "$SRC/big.bin" "$OUT/c.bin"
t_curl -g -P - -o "$OUT/ca.bin" "$U6/sub%20dir/mid.bin" || fail "curl active (EPRT |2|) failed"
assert_same_file "$SRC/sub dir/mid.bin" "$OUT/ca.bin"
t_curl -g -T "$T/up/up big.bin" "$U6/v6%20up.bin" || fail "curl upload over IPv6 failed"
assert_same_file "$T/up/up big.bin" "$ROOT/v6 up.bin"
t_curl -g "$U6/" >"$T/list" || fail "curl LIST over IPv6 failed"
grep -q 'Grüße 日本.txt' "$T/list" || fail "LIST over IPv6: $(cat "$T/list")"
# PASV and PORT cannot describe an IPv6 address: refused (425/5xx),
# as is EPSV 1 (IPv4) on an IPv6 control connection
printf '^[45] PASV\n^5 PORT 127,0,0,1,4,1\n^229 EPSV\n^229 EPSV 2\n^5 EPSV 1\n' |
	timeout 20 "$PY" "$TOP/tests/tools/ftpprobe.py" -6 "$P6" >"$T/probe" ||
	fail "IPv4 data commands on an IPv6 session: $(cat "$T/probe")"

timeout -k 2 30 lftp --norc -c "set net:max-retries 1; set net:timeout 10; \
set cmd:fail-exit yes; set ftp:ssl-allow no; open -u $FTP_USER,$FTP_PASS ftp://[::1]:$P6; \
mirror / '$OUT/m'; put '$T/up/Ünï cödé 上传.txt' -o 'v6 lftp.txt'" </dev/null ||
	fail "lftp over IPv6 failed"
rm -f "$OUT/m/v6 up.bin"
assert_same_tree "$SRC" "$OUT/m"
assert_same_file "$T/up/Ünï cödé 上传.txt" "$ROOT/v6 lftp.txt"

t_wget -O "$OUT/w.bin" "ftp://[::1]:$P6/big.bin" || fail "wget over IPv6 failed"
assert_same_file "$SRC/big.bin" "$OUT/w.bin"

for pasv in True False; do
	timeout 30 "$PY" - "$P6" "$pasv" "$SRC" >"$T/py.log" 2>&1 <<'EOF2' || fail "ftplib over IPv6 (pasv=$pasv): $(cat "$T/py.log")"
import ftplib, io, sys
port, pasv, src = int(sys.argv[1]), sys.argv[2] == 'True', sys.argv[3]
f = ftplib.FTP()
f.connect('::1', port, timeout=10)
f.login('anonymous', 'x')
f.set_pasv(pasv)
buf = []
f.retrbinary('RETR sub dir/mid.bin', buf.append)
assert b''.join(buf) == open(src + '/sub dir/mid.bin', 'rb').read(), 'RETR'
f.storbinary('STOR v6 py %s.bin' % pasv, io.BytesIO(b'x' * 100000))
assert 'hello.txt' in f.nlst(), 'NLST'
f.quit()
EOF2
	[ "$(stat -c %s "$ROOT/v6 py $pasv.bin")" = 100000 ] || fail "ftplib IPv6 upload (pasv=$pasv)"
done
exit 0
