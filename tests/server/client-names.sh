#!/usr/bin/env bash
# Awkward file names survive real clients: a leading '-' (a name in RETR,
# not an ls option), leading/trailing spaces, glob and
# quote characters, '%', ';', tabs, very long UTF-8 names; lftp mirror
# copies them all byte for byte, curl and ftplib fetch them one by one.
# Names holding CR or LF are never listed (they would forge lines).
. "$(dirname "$0")/../lib.sh"
serve_sample
mkdir -p "$T/names"
names=('-dash.txt' ' leading space.txt' 'trailing space .txt' 'semi;colon.txt'
    'per%cent 100%.txt' 'star*and?mark.txt' 'brack[et].txt' "it's.txt" 'quo"te.txt'
    'back\slash.txt' "tab	here.txt" '#hash.txt' "$(printf 'é%.0s' $(seq 1 120)).txt")
i=0
for n in "${names[@]}"; do
	i=$((i + 1))
	head -c $((i * 1000)) /dev/urandom >"$T/names/$n"
done
"$PY" -c 'import sys; open(sys.argv[1] + "/cr\rlf\nname.txt", "w").write("x")' "$T/names"
cp -a "$T/names" "$ROOT/names"
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$ROOT/names"
rm -f "$T/names/cr"*

t_lftp "mirror names '$OUT/m'" >/dev/null || fail "lftp mirror of odd names failed"
assert_same_tree "$T/names" "$OUT/m"
t_lftp "set ftp:use-mlsd no; mirror names '$OUT/l'" >/dev/null || fail "lftp mirror (LIST) failed"
assert_same_tree "$T/names" "$OUT/l"

for n in "${names[@]}"; do
	case $n in *'	'*) continue;; esac	# curl refuses control characters
	t_curl -o "$OUT/c" "$(ftp_url "names/$n")" || fail "curl download of [$n] failed"
	assert_same_file "$T/names/$n" "$OUT/c"
done

timeout 30 "$PY" - "$FTPD_PORT" "$T/names" >"$T/py.log" 2>&1 <<'EOF2' || fail "ftplib odd names: $(cat "$T/py.log")"
import ftplib, os, sys
port, local = int(sys.argv[1]), sys.argv[2]
f = ftplib.FTP()
f.connect('127.0.0.1', port, timeout=10)
f.login('anonymous', 'x')
f.cwd('names')
listed = set(f.nlst())
want = set(os.listdir(local))
assert listed == want, 'NLST: missing %r, extra %r' % (want - listed, listed - want)
mlsd = {n for n, _ in f.mlsd()} - {'.', '..'}
assert mlsd == want, 'MLSD: missing %r, extra %r' % (want - mlsd, mlsd - want)
lines = []
f.dir(lines.append)
assert not any('name.txt' in l or l.startswith('lf') for l in lines), 'LIST shows a CR/LF name'
assert len(lines) == len(want), 'LIST: %d lines for %d names' % (len(lines), len(want))
for n in want:
    buf = []
    f.retrbinary('RETR ' + n, buf.append)
    assert b''.join(buf) == open(os.path.join(local, n), 'rb').read(), 'RETR ' + n
    buf = []
    f.retrbinary('RETR /names/' + n, buf.append)
f.quit()
EOF2
exit 0
