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

# Row 12's yardstick: curl over TLS writing the file into tmpfs, timed by
# the shell clock like bench_cli_get_mibps (row 8 above writes to
# /dev/null: it compares servers; this compares clients, and writing
# 1 GiB into a tmpfs costs a client as much CPU as the TLS).
bench_tls_get_file_mibps() {
	B_PATH=big.bin bench_timed_get "curl TLS get" \
	    bench_tls_curl "$FTPD_PORT" -o "$T/out/got.bin"
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

# Sessions per second from 4 clients (loadgen over FTPS): handshake,
# login, PBSZ, PROT P, EPSV, LIST of small/ over a data connection that
# resumes the control session, QUIT.
bench_tls_rate_once() {
	local out
	out=$(LOADGEN_TLS=1 "$LOADGEN" rate 127.0.0.1 "$1" small 4 "$RATE_SECONDS") ||
		{ bench_say "loadgen TLS rate: $out"; return 1; }
	echo "${out##* }"
}

# bench_tls_pss SERVERPID PORT: KiB per idle logged-in TLS session.
bench_tls_pss() {
	LOADGEN_TLS=1 bench_pss_per_session "$@"
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
	bench_say "forkftp get over TLS (its default verification) vs curl over TLS"
	ours=n/a theirs=n/a
	if bench_have_forkftp && [ -n "${FTPD_FP:-}" ]; then
		read -r ours theirs < <(bench_pair "$XFER_RUNS" \
		    "bench_cli_get_mibps --tls required --trust-fingerprint $FTPD_FP" \
		    bench_tls_get_file_mibps)
	fi
	bench_row "12 TLS get MiB/s, ${MIB} MiB from forkftpd: forkftp / curl" \
	    "$ours" "$theirs" ">=0.95"
	bench_say "TLS session rate: 4 clients, ${RATE_SECONDS} s per run"
	read -r ours theirs < <(bench_pair "$RUNS" \
	    "$(bench_ours bench_tls_rate_once "$FTPD_PORT")" \
	    "$(bench_tls_theirs bench_tls_rate_once "$TV_PORT")")
	bench_row "10 TLS sessions/s, 4 clients: forkftpd / vsftpd" "$ours" "$theirs" ">=2.0"
	bench_say "memory: PSS of $NSESS idle logged-in TLS sessions"
	ours=n/a theirs=n/a
	[ -z "$TV_PORT" ] || theirs=$(bench_tls_pss "$TV_PID" "$TV_PORT") || theirs=n/a
	bench_have_forkftpd && { ours=$(bench_tls_pss "$FTPD_PID" "$FTPD_PORT") || ours=n/a; }
	bench_row "11 PSS KiB per idle TLS session ($NSESS held): forkftpd / vsftpd" "$ours" "$theirs" "<=0.6"
}
