#!/usr/bin/env bash
# 62 curl clients at once (31 downloading, 31 uploading different files,
# slowed to 50 kB/s so that all sessions overlap: by curl, and by the
# server's --max-rate since curl 7.88 does not slow FTP downloads): the
# server really serves 50+ sessions at the same time, every file arrives
# intact, and afterwards no child is left, zombie or not.
# test: serial (timing limits under load, or many processes at once)
. "$(dirname "$0")/../lib.sh"
N=30
ROOT=$T/root OUT=$T/out
make_root "$ROOT"
mkdir -p "$ROOT/dl" "$ROOT/up" "$T/src" "$OUT"
for i in $(seq 1 $N); do
	head -c $((500000 + i * 4999)) /dev/urandom >"$ROOT/dl/file $i.bin"
	head -c $((450000 + i * 6007)) /dev/urandom >"$T/src/up ü $i.bin"
done
: >"$ROOT/dl/file 0.bin"; : >"$T/src/up ü 0.bin"
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$ROOT"
chmod -R a+rX "$ROOT" "$T/src"
start_forkftpd --anonymous --anonymous-write --max-per-ip 200 --max-clients 400 \
    --max-rate 50000 "$ROOT"

# URLs built here, not with urlenc: starting 62 clients must be quick
base=ftp://127.0.0.1:$FTPD_PORT
pids=()
for i in $(seq 0 $N); do
	t_curl --limit-rate 50k -o "$OUT/file $i.bin" "$base/dl/file%20$i.bin" \
	    2>"$T/dl.$i.err" &
	pids+=($!)
	t_curl --limit-rate 50k -T "$T/src/up ü $i.bin" "$base/up/up%20%C3%BC%20$i.bin" \
	    2>"$T/up.$i.err" &
	pids+=($!)
done

# all clients are served at the same time, each by its own child
peak=$(ftpd_peak_children 50 15)
[ "$peak" -ge 50 ] || fail "expected at least 50 concurrent session children, peak $peak"

bad=0
for p in "${pids[@]}"; do
	wait "$p" || bad=$((bad + 1))
done
[ $bad = 0 ] || fail "$bad of ${#pids[@]} clients failed: $(cat "$T"/*.err | sort | uniq -c | head)"

for i in $(seq 0 $N); do
	assert_same_file "$ROOT/dl/file $i.bin" "$OUT/file $i.bin"
	assert_same_file "$T/src/up ü $i.bin" "$ROOT/up/up ü $i.bin"
done

wait_until 10 no_ftpd_children ||
	fail "children left after all clients quit: $(proc_children "$FTPD_PID" | tr '\n' ' ')"
no_ftpd_zombies || fail "zombie children: $(proc_children "$FTPD_PID")"
kill -0 "$FTPD_PID" || fail "server died"
ftpd_alive || fail "server no longer accepts connections"
exit 0
