# bench-tls.sh: the FTPS rows of make bench (issue 13), sourced by run.sh
# after bench-lib.sh.  The peer is a second vsftpd with ssl_enable=YES,
# require_ssl_reuse=YES and forkftpd's own certificate, so both servers
# sign with the same P-256 key; clients trust it with --cacert.

# A vsftpd with TLS on a port of its own (TV_PORT, TV_PID), or TV_PORT="".
bench_start_vsftpd_tls() {
	local conf=$T/vsftpd-tls.conf pasv
	TV_PORT=
	[ "$(id -u)" = 0 ] && command -v vsftpd >/dev/null && [ -s "$B_CERT" ] || return 0
	TV_PORT=$(bench_free_port)
	pasv=$((TV_PORT + 3000))
	sed -e "s/^listen_port=.*/listen_port=$TV_PORT/" \
	    -e "s/^pasv_min_port=.*/pasv_min_port=$pasv/" \
	    -e "s/^pasv_max_port=.*/pasv_max_port=$((pasv + 2000))/" \
	    "$T/vsftpd.conf" >"$conf"
	cat >>"$conf" <<-EOF2
	ssl_enable=YES
	allow_anon_ssl=YES
	force_anon_logins_ssl=NO
	force_anon_data_ssl=NO
	require_ssl_reuse=YES
	ssl_ciphers=HIGH
	rsa_cert_file=$B_CERT
	rsa_private_key_file=$B_KEY
	EOF2
	vsftpd "$conf" >"$T/vsftpd-tls.log" 2>&1 &
	TV_PID=$!
	t_defer "kill -TERM $TV_PID; sleep 0.2; pkill -KILL -P $TV_PID; kill -KILL $TV_PID"
	wait_until 10 bash -c "ss -Htln 'sport = :$TV_PORT' | grep -q ." || {
		bench_say "vsftpd with TLS did not start: $(cat "$T/vsftpd-tls.log")"
		TV_PORT=
	}
}

bench_tls_setup() {
	B_CERT=$T/tls-state/cert.pem
	B_KEY=$T/tls-state/key.pem
	bench_start_vsftpd_tls
	if [ -n "$TV_PORT" ]; then
		bench_say "vsftpd with TLS on port $TV_PORT (pid $TV_PID)"
	else
		bench_say "no vsftpd with TLS: its TLS figures read n/a"
	fi
}

bench_tls_theirs() { [ -n "$TV_PORT" ] && echo "$*"; }

# bench_tls_curl PORT ARGS...: curl over explicit FTPS as anonymous,
# printing "bytes seconds".
bench_tls_curl() {
	local port=$1
	shift
	timeout 300 curl -sS --ssl-reqd --cacert "$B_CERT" "$@" \
	    "ftp://$B_USER:$B_PASS@localhost:$port/${B_PATH:-}"
}

bench_tls_dl_mibps() {
	local out
	out=$(B_PATH=big.bin bench_tls_curl "$1" -o /dev/null \
	    -w '%{size_download} %{time_total}') || return 1
	[ "${out% *}" = "$B_BYTES" ] || { bench_say "short TLS download: $out"; return 1; }
	bench_mibps "${out#* }"
}

bench_tls_ul_mibps() {
	local out
	rm -f "$B_ROOT/up/big.bin"
	out=$(B_PATH=up/big.bin bench_tls_curl "$1" -T "$B_ROOT/big.bin" \
	    -w '%{size_upload} %{time_total}') || return 1
	[ "$(stat -c %s "$B_ROOT/up/big.bin" 2>/dev/null)" = "$B_BYTES" ] ||
		{ bench_say "TLS upload to port $1 arrived incomplete"; return 1; }
	rm -f "$B_ROOT/up/big.bin"
	bench_mibps "${out#* }"
}

# Sessions per second of 4 curl loops: handshake, login, PBSZ, PROT P,
# EPSV, LIST of small/, QUIT.  curl's own start-up is in every session
# of both servers alike.
bench_tls_rate_once() {
	local port=$1 end i pids=() n=0
	end=$((SECONDS + RATE_SECONDS * 2))
	for i in 1 2 3 4; do
		(c=0; while [ $SECONDS -lt "$end" ]; do
			B_PATH=small/ bench_tls_curl "$port" -o /dev/null || exit 1
			c=$((c + 1))
		done; echo "$c" >"$T/tlsrate.$i") &
		pids+=($!)
	done
	for i in "${pids[@]}"; do
		wait "$i" || { bench_say "a TLS LIST on port $port failed"; return 1; }
	done
	for i in 1 2 3 4; do n=$((n + $(cat "$T/tlsrate.$i"))); done
	bench_calc "$n / ($RATE_SECONDS * 2)" 1
}

bench_tls_pss() {	# SERVERPID PORT: KiB per idle TLS session
	local fifo=$T/tlshold.$2 out=$T/tlshold.$2.out pid procs kib
	mkfifo "$fifo"
	timeout 600 "$PY" "$TOP/tests/bench/tls_hold.py" "$2" "$NSESS" "$B_CERT" \
	    <"$fifo" >"$out" 2>&1 &
	pid=$!
	exec 8>"$fifo"
	t_defer "kill $pid"
	if ! wait_until 120 grep -q '^ready' "$out"; then
		bench_say "TLS hold on port $2 failed: $(cat "$out")"
		exec 8>&-
		return 1
	fi
	sleep 0.5
	procs=$(bench_descendants "$1")
	kib=$(for p in $procs; do cat "/proc/$p/smaps_rollup" 2>/dev/null; done |
	    awk '/^Pss:/ { s += $2 } END { print s + 0 }')
	bench_say "  TLS port $2: $(echo "$procs" | wc -w) processes, $kib KiB PSS"
	exec 8>&-
	wait "$pid"
	bench_calc "$kib / $NSESS" 0
}

bench_tls() {
	local ours theirs
	bench_tls_setup
	bench_say "TLS download and upload: ${MIB} MiB with curl --ssl-reqd"
	read -r ours theirs < <(bench_pair "$XFER_RUNS" \
	    "$(bench_ours bench_tls_dl_mibps "$FTPD_PORT")" \
	    "$(bench_tls_theirs bench_tls_dl_mibps "$TV_PORT")")
	bench_row "8 TLS download MiB/s, curl, ${MIB} MiB: forkftpd / vsftpd" "$ours" "$theirs" ">=1.0"
	read -r ours theirs < <(bench_pair "$XFER_RUNS" \
	    "$(bench_ours bench_tls_ul_mibps "$FTPD_PORT")" \
	    "$(bench_tls_theirs bench_tls_ul_mibps "$TV_PORT")")
	bench_row "9 TLS upload MiB/s, curl, ${MIB} MiB: forkftpd / vsftpd" "$ours" "$theirs" ">=1.0"
	bench_say "TLS session rate: 4 curl loops, $((RATE_SECONDS * 2)) s per run"
	read -r ours theirs < <(bench_pair "$RUNS" \
	    "$(bench_ours bench_tls_rate_once "$FTPD_PORT")" \
	    "$(bench_tls_theirs bench_tls_rate_once "$TV_PORT")")
	bench_row "10 TLS sessions/s, 4 curl loops: forkftpd / vsftpd" "$ours" "$theirs" ">=2.0"
	bench_say "memory: PSS of $NSESS idle logged-in TLS sessions"
	ours=n/a theirs=n/a
	[ -z "$TV_PORT" ] || theirs=$(bench_tls_pss "$TV_PID" "$TV_PORT") || theirs=n/a
	bench_have_forkftpd && { ours=$(bench_tls_pss "$FTPD_PID" "$FTPD_PORT") || ours=n/a; }
	bench_row "11 PSS KiB per idle TLS session ($NSESS held): forkftpd / vsftpd" "$ours" "$theirs" "<=0.6"
}
