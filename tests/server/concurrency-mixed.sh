#!/usr/bin/env bash
# 50 sessions of different clients at once (curl down and up, lftp get and
# put, wget, ftplib with abort), slowed by the server's --max-rate so they
# overlap (45+ at once: client start-up is slow on a loaded machine): every
# file intact, and afterwards no child left, zombie or not.
# test: serial (timing limits under load, or many processes at once)
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root OUT=$T/out
make_root "$ROOT"
mkdir -p "$ROOT/dl" "$ROOT/up" "$T/src" "$OUT"
for i in $(seq 1 50); do
	head -c $((300000 + i * 3001)) /dev/urandom >"$ROOT/dl/f $i.bin"
	head -c $((250000 + i * 2003)) /dev/urandom >"$T/src/u $i.bin"
done
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$ROOT"
chmod -R a+rX "$ROOT" "$T/src"
start_forkftpd --anonymous --anonymous-write --max-per-ip 200 --max-clients 400 \
    --max-rate 40000 "$ROOT"
base=ftp://127.0.0.1:$FTPD_PORT
lftp_set="set net:max-retries 1; set net:timeout 20; set cmd:fail-exit yes; set ftp:ssl-allow no"

pids=()
for i in $(seq 1 12); do
	t_curl -o "$OUT/f $i.bin" "$base/dl/f%20$i.bin" 2>"$T/err.c$i" & pids+=($!)
	t_curl -T "$T/src/u $i.bin" "$base/up/u%20$i.bin" 2>"$T/err.cu$i" & pids+=($!)
done
for i in $(seq 13 20); do
	timeout 40 lftp --norc -c "$lftp_set; open $base; get 'dl/f $i.bin' -o '$OUT/f $i.bin'" \
	    </dev/null 2>"$T/err.l$i" & pids+=($!)
	timeout 40 lftp --norc -c "$lftp_set; open $base; put '$T/src/u $i.bin' -o 'up/u $i.bin'" \
	    </dev/null 2>"$T/err.lu$i" & pids+=($!)
done
for i in $(seq 21 25); do
	timeout 40 wget --no-config -q --tries=1 -O "$OUT/f $i.bin" "$base/dl/f%20$i.bin" \
	    </dev/null 2>"$T/err.w$i" & pids+=($!)
done
for i in $(seq 26 30); do
	timeout 40 "$PY" - "$FTPD_PORT" "$i" "$T/src" "$OUT" >"$T/err.p$i" 2>&1 <<'EOF2' & pids+=($!)
import ftplib, io, sys
port, i, src, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
f = ftplib.FTP()
f.connect('127.0.0.1', port, timeout=30)
f.login('anonymous', 'x')
with open('%s/u %s.bin' % (src, i), 'rb') as fp:
    f.storbinary('STOR up/u %s.bin' % i, fp)
# a transfer aborted half-way, then the session goes on
conn = f.transfercmd('RETR dl/f %s.bin' % i)
conn.recv(1000)
f.abort()
conn.close()
f.getresp()
with open('%s/f %s.bin' % (out, i), 'wb') as fp:
    f.retrbinary('RETR dl/f %s.bin' % i, fp.write)
f.quit()
EOF2
done

peak=$(ftpd_peak_children 45 15)
bad=0
for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
[ $bad = 0 ] || fail "$bad of ${#pids[@]} clients failed: $(head -n3 "$T"/err.* | head -40)"
[ "$peak" -ge 45 ] || fail "expected at least 45 of the 50 sessions at once, peak $peak"

for i in $(seq 1 30); do
	assert_same_file "$ROOT/dl/f $i.bin" "$OUT/f $i.bin"
	[ "$i" -ge 21 ] && [ "$i" -le 25 ] && continue	# wget only downloads
	assert_same_file "$T/src/u $i.bin" "$ROOT/up/u $i.bin"
done
wait_until 10 no_ftpd_children ||
	fail "children left after all clients quit: $(proc_children "$FTPD_PID" | tr '\n' ' ')"
no_ftpd_zombies || fail "zombie children: $(proc_children "$FTPD_PID")"
ftpd_alive || fail "server no longer accepts connections"
exit 0
