#!/usr/bin/env bash
# Sizes and offsets past 4 GiB (a sparse 5 GiB file): SIZE, LIST, MLSD and
# the 150 reply give the exact 64-bit size, curl --range and ftplib
# retrbinary(rest=) past 4 GiB return the exact tail, and REST past 4 GiB
# + STOR writes there.  Sparse, so it costs no disk.
. "$(dirname "$0")/../lib.sh"
serve_sample
big=$((5 * 1024 * 1024 * 1024 + 12345))
truncate -s $((big - 100)) "$ROOT/huge.img" || skip "no sparse files here"
head -c 100 /dev/urandom >>"$ROOT/huge.img"
[ "$(stat -c %s "$ROOT/huge.img")" = $big ] || fail "fixture size"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/huge.img"
chmod 666 "$ROOT/huge.img"
tail -c 1000 "$ROOT/huge.img" >"$T/tail1000"

ftp_probe >"$T/probe" <<EOF2 || fail "64-bit sizes: $(grep -av '^ok' "$T/probe")"
^200 TYPE I
^213.$big$ SIZE huge.img
^250- MLST huge.img
^350 REST $((big - 1000))
^226 RETR huge.img
EOF2
t_curl "$(ftp_url '')" | grep 'huge.img' >"$T/list" || fail "curl LIST failed"
assert_match " $big " "$(cat "$T/list")" "LIST size of a 5 GiB file"
t_curl -r $((big - 1000))- -o "$OUT/tail" "$(ftp_url 'huge.img')" || fail "curl -r past 4 GiB failed"
assert_same_file "$T/tail1000" "$OUT/tail"
t_curl -v -r $((big - 10))- -o /dev/null "$(ftp_url 'huge.img')" 2>"$T/curl.v" ||
	fail "curl -r (verbose) failed"
grep -q "< 150 .*($big bytes)" "$T/curl.v" ||
	grep -q "< 150 .*($((10)) bytes)" "$T/curl.v" ||
	fail "150 reply without the size: $(grep '< 150' "$T/curl.v")"

timeout 30 "$PY" - "$FTPD_PORT" "$big" "$T/tail1000" >"$T/py.log" 2>&1 <<'EOF2' || fail "ftplib past 4 GiB: $(cat "$T/py.log")"
import ftplib, io, sys
port, big, tailf = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
f = ftplib.FTP()
f.connect('127.0.0.1', port, timeout=10)
f.login('anonymous', 'x')
f.voidcmd('TYPE I')
assert f.size('huge.img') == big, 'size %r' % f.size('huge.img')
facts = dict(f.mlsd(facts=['size']))
assert facts['huge.img']['size'] == str(big), 'MLSD size %r' % facts['huge.img']
buf = []
f.retrbinary('RETR huge.img', buf.append, rest=big - 1000)
assert b''.join(buf) == open(tailf, 'rb').read(), 'retrbinary rest past 4 GiB'
# REST past 4 GiB + STOR writes in place there (whether the old tail
# is kept or cut after the new data is the server's choice)
off = 4 * 1024 * 1024 * 1024 + 7
f.storbinary('STOR huge.img', io.BytesIO(b'AT-4GiB+7'), rest=off)
n = f.size('huge.img')
assert n in (big, off + 9), 'size after REST+STOR %r' % n
f.quit()
EOF2
assert_eq "AT-4GiB+7" "$(tail -c +$((4 * 1024 * 1024 * 1024 + 8)) "$ROOT/huge.img" | head -c 9)" \
	"bytes written by REST 4 GiB+7 + STOR"
n=$(stat -c %s "$ROOT/huge.img")
[ "$n" = $((4 * 1024 * 1024 * 1024 + 16)) ] || [ "$n" = "$big" ] || fail "size after REST+STOR: $n"
exit 0
