#!/usr/bin/env bash
# 50 FTPS sessions at once (25 curl downloads, 25 curl uploads over AUTH
# TLS with PROT P and the reuse check, slowed to 50 kB/s for files of 1.4 MB
# so that they overlap even on a loaded machine): every
# session is served by its own child at the same time, every file arrives
# intact, and afterwards no child is left.
# test: serial
. "$(dirname "$0")/../lib.sh"
N=24
IOP_TIMEOUT=120	# 28 s transfers, on a machine that may be busy
ROOT=$T/root OUT=$T/out
make_root "$ROOT"
mkdir -p "$ROOT/dl" "$ROOT/up" "$T/src" "$OUT"
for i in $(seq 0 $N); do
	head -c $((1400000 + i * 4999)) /dev/urandom >"$ROOT/dl/f$i.bin"
	head -c $((1400000 + i * 6007)) /dev/urandom >"$T/src/u$i.bin"
done
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$ROOT"
chmod -R a+rX "$ROOT" "$T/src"
start_tls_server --anonymous --anonymous-write --max-per-ip 200 --max-clients 400 \
    --max-rate 50000 "$ROOT"

base=ftp://localhost:$FTPD_PORT
pids=()
for i in $(seq 0 $N); do
	t_curl_tls --limit-rate 50k -o "$OUT/f$i.bin" "$base/dl/f$i.bin" 2>"$T/dl.$i.err" &
	pids+=($!)
	t_curl_tls --limit-rate 50k -T "$T/src/u$i.bin" "$base/up/u$i.bin" 2>"$T/up.$i.err" &
	pids+=($!)
done

peak=$(ftpd_peak_children 50 60)
[ "$peak" -ge 50 ] || fail "expected 50 concurrent TLS session children, peak $peak"

bad=0
for p in "${pids[@]}"; do
	wait "$p" || bad=$((bad + 1))
done
[ $bad = 0 ] || fail "$bad of ${#pids[@]} clients failed: $(cat "$T"/*.err | sort | uniq -c | head)"
for i in $(seq 0 $N); do
	assert_same_file "$ROOT/dl/f$i.bin" "$OUT/f$i.bin"
	assert_same_file "$T/src/u$i.bin" "$ROOT/up/u$i.bin"
done
grep -q 'refused a data connection' "$FTPD_LOG" && fail "data connections refused: $(grep refused "$FTPD_LOG")"
wait_until 10 no_ftpd_children ||
	fail "children left after all clients quit: $(proc_children "$FTPD_PID" | tr '\n' ' ')"
no_ftpd_zombies || fail "zombie children: $(proc_children "$FTPD_PID")"
kill -0 "$FTPD_PID" || fail "server died"
exit 0
