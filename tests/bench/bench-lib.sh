# bench-lib.sh: the measurements of tests/bench/run.sh.  Sourced after
# tests/lib.sh (t_defer, wait_until, start_forkftpd).  Functions and
# globals are prefixed bench_/B_ so they cannot collide with test helpers.

LOADGEN=$BENCH_BIN/loadgen
SENDPUMP=$BENCH_BIN/sendpump
HASHRATE=$BENCH_BIN/hashrate
B_USER=anonymous
B_PASS=bench
B_ROWS=()
B_LARGE=tui/huge	# the large directory, relative to the served root

bench_want() { case " $ONLY " in *" $1 "*) return 0;; esac; return 1; }
bench_have_forkftpd() { [ -x "$FORKFTPD" ] && [ -n "${FTPD_PORT:-}" ]; }
bench_have_forkftp() { [ -x "$FORKFTP" ] && bench_have_forkftpd; }
bench_say() { echo "bench: $*" >&2; }

# bench_median NUMBERS...: the middle value (mean of the two middle ones).
bench_median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
	    END { if (NR == 0) exit 1
		  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		  printf (m >= 1000 ? "%.0f\n" : "%.4g\n"), m }'
}

bench_calc() { awk "BEGIN { printf \"%.${2:-3}f\", $1 }"; }

# bench_row METRIC OURS THEIRS TARGET: TARGET is ">=X", "<=X" (on ours/theirs),
# "abs<=X" (on ours alone) or "-" (information only).  "n/a" figures are
# shown as such and the target reads as not measured.
bench_row() {
	local metric=$1 ours=$2 theirs=$3 target=$4 ratio=- met=-
	if [ "$ours" != n/a ] && [ "$theirs" != n/a ] && [ "$theirs" != - ]; then
		ratio=$(awk -v a="$ours" -v b="$theirs" \
		    'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }')
	fi
	case $target in
	">="*) [ "$ratio" = - ] || met=$(awk -v r="$ratio" -v t="${target#>=}" \
		    'BEGIN { print (r >= t) ? "yes" : "NO" }');;
	"<="*) [ "$ratio" = - ] || met=$(awk -v r="$ratio" -v t="${target#<=}" \
		    'BEGIN { print (r <= t) ? "yes" : "NO" }');;
	"abs<="*) [ "$ours" = n/a ] || met=$(awk -v r="$ours" -v t="${target#abs<=}" \
		    'BEGIN { print (r <= t) ? "yes" : "NO" }');;
	esac
	[ "$ours" = n/a ] && [ "$target" != - ] && met="not measured"
	B_ROWS+=("$metric|$ours|$theirs|$ratio|$target|$met")
}

bench_table() {
	local r
	echo
	echo "| metric | ours | theirs | ratio | target | met? |"
	echo "|---|--:|--:|--:|---|---|"
	for r in "${B_ROWS[@]}"; do
		echo "| ${r//|/ | } |"
	done
	echo
	echo "$B_MACHINE"
	echo "Each figure: median of $RUNS runs ($XFER_RUNS for rows 1-2 and 8-9) after one warm-up;"
	echo "files on tmpfs; runs of compared programs alternate;"
	echo "ratio = ours / theirs. Command: make bench (tests/bench/run.sh)."
}

bench_machine() {
	local model
	model=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//')
	B_MACHINE="Machine: $(nproc) CPUs, ${model:-unknown CPU}, Linux $(uname -r),"
	B_MACHINE+=" $(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo),"
	B_MACHINE+=" $(date -u +%Y-%m-%d)"
	bench_say "$B_MACHINE"
	[ -x "$LOADGEN" ] && [ -x "$SENDPUMP" ] && [ -x "$HASHRATE" ] ||
		fail "missing $LOADGEN, $SENDPUMP or $HASHRATE (make BUILD=... bins)"
	[ -x "$FORKFTPD" ] || bench_say "no forkftpd at $FORKFTPD: its figures read n/a"
	[ -x "$FORKFTP" ] || bench_say "no forkftp at $FORKFTP: its figures read n/a"
}

# The served tree, root-owned like vsftpd's anonymous root must be:
#   big.bin (BENCH_MIB MiB), small/ (10 files), up/ (writable by ftp),
#   tui/huge/ (BENCH_FILES empty files f000000...).
bench_tree() {
	local acct
	acct=$(ftp_account)
	B_ROOT=$T/srv
	mkdir -p "$B_ROOT/small" "$B_ROOT/up" "$B_ROOT/$B_LARGE" "$T/out"
	chmod 755 "$T" "$B_ROOT" "$B_ROOT/small" "$B_ROOT/tui" "$B_ROOT/$B_LARGE"
	dd if=/dev/zero of="$B_ROOT/big.bin" bs=1M count="$MIB" status=none ||
		fail "cannot write $MIB MiB to $T"
	B_BYTES=$(stat -c %s "$B_ROOT/big.bin")
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf 'file %s\n' "$i" >"$B_ROOT/small/file$i.txt"
	done
	(cd "$B_ROOT/$B_LARGE" && seq -f 'f%06g' 0 $((NFILES - 1)) | xargs touch) ||
		fail "cannot create $NFILES files"
	chmod -R a+rX "$B_ROOT"
	if [ "$(id -u)" = 0 ]; then
		# forkftpd's HASH cache is an xattr its session writes: the
		# file belongs to the account sessions run as (vsftpd only
		# reads it).
		chown "$acct:" "$B_ROOT/up" "$B_ROOT/big.bin"
	else
		chmod 777 "$B_ROOT/up"
	fi
	bench_say "tree: $MIB MiB file, $NFILES-entry directory in $B_ROOT"
}

# A port nobody listens on, 20000-24999: it and the passive range above it
# (+3000..+5000) stay below the ephemeral ports (32768 up).
bench_free_port() {
	local p i
	for ((i = 0; i < 50; i++)); do
		p=$((20000 + RANDOM % 5000))
		ss -Htln "sport = :$p" | grep -q . || { echo "$p"; return 0; }
	done
	fail "no free port"
}

bench_start_vsftpd() {
	local conf=$T/vsftpd.conf pasv
	V_PORT=$(bench_free_port)
	pasv=$((V_PORT + 3000))
	mkdir -p /var/run/vsftpd/empty 2>/dev/null
	cat >"$conf" <<-EOF
	listen=YES
	listen_ipv6=NO
	background=NO
	listen_address=127.0.0.1
	listen_port=$V_PORT
	seccomp_sandbox=NO
	secure_chroot_dir=/var/run/vsftpd/empty
	anonymous_enable=YES
	no_anon_password=YES
	anon_root=$B_ROOT
	local_enable=NO
	write_enable=YES
	anon_upload_enable=YES
	anon_mkdir_write_enable=YES
	anon_other_write_enable=YES
	anon_umask=022
	max_per_ip=5000
	max_clients=5000
	pasv_min_port=$pasv
	pasv_max_port=$((pasv + 2000))
	connect_from_port_20=NO
	xferlog_enable=NO
	dirmessage_enable=NO
	use_localtime=NO
	EOF
	vsftpd "$conf" >"$T/vsftpd.log" 2>&1 &
	V_PID=$!
	t_defer "kill -TERM $V_PID; sleep 0.2; pkill -KILL -P $V_PID; kill -KILL $V_PID"
	wait_until 10 bash -c "ss -Htln 'sport = :$V_PORT' | grep -q ." || {
		bench_say "vsftpd did not start: $(cat "$T/vsftpd.log")"
		V_PORT=
	}
}

bench_start_servers() {
	V_PORT=
	# vsftpd insists on root for its anonymous chroot.
	if [ "$(id -u)" = 0 ] && command -v vsftpd >/dev/null; then
		bench_start_vsftpd
	fi
	if [ -n "$V_PORT" ]; then
		bench_say "vsftpd on port $V_PORT (pid $V_PID)"
	else
		bench_say "no vsftpd (needs root and the vsftpd package): its figures read n/a"
	fi
	FTPD_PORT=
	if [ -x "$FORKFTPD" ]; then
		start_forkftpd --anonymous --anonymous-write \
		    --max-clients 1000 --max-per-ip 1000 $(bench_ftpd_pasv) "$B_ROOT"
		bench_say "forkftpd on port $FTPD_PORT (pid $FTPD_PID)"
	fi
}

# Like vsftpd, forkftpd gets a passive range of its own, 2001 ports below
# the ephemeral range (next to vsftpd's); BENCH_PASV_RANGE=0 leaves it on
# its default (any port the kernel picks).
bench_ftpd_pasv() {
	local base
	[ "${BENCH_PASV_RANGE:-1}" != 0 ] || return 0
	base=$(( ${V_PORT:-$(bench_free_port)} + 5001 ))
	echo "--pasv-ports $base-$((base + 2000))"
}

# bench_curl_get PORT PATH OUT: "seconds" of one download, checked for size.
bench_curl_get() {
	local out
	out=$(timeout 120 curl -sS -o "$3" -w '%{size_download} %{time_total}' \
	    "ftp://$B_USER:$B_PASS@127.0.0.1:$1/$2") || return 1
	[ "${out% *}" = "$B_BYTES" ] || { bench_say "short download: $out"; return 1; }
	echo "${out#* }"
}

bench_curl_put() {
	local out
	out=$(timeout 120 curl -sS -T "$3" -w '%{size_upload} %{time_total}' \
	    "ftp://$B_USER:$B_PASS@127.0.0.1:$1/$2") || return 1
	[ "${out% *}" = "$B_BYTES" ] || { bench_say "short upload: $out"; return 1; }
	echo "${out#* }"
}

# bench_mibps SECONDS: the transfer file's size over SECONDS, in MiB/s.
bench_mibps() { bench_calc "$B_BYTES / 1048576 / $1" 0; }

# bench_repeat N CMD...: run CMD N+1 times, drop the warm-up, print the median
# of its outputs (one number each); "n/a" if any run failed.
bench_repeat() {
	local n=$1 i v vals=()
	shift
	for ((i = 0; i <= n; i++)); do
		v=$("$@") || { echo n/a; return 0; }
		[ "$i" = 0 ] || vals+=("$v")
	done
	bench_median "${vals[@]}"
}

# bench_pair N "CMD_A ARGS" "CMD_B ARGS" ...: like bench_repeat for two or
# more commands, run in turn (a, b, a, b, ...), so a change in background
# load hits all alike.  Prints their medians in order, one line; a
# command that failed, or that is "", reads n/a.
bench_pair() {
	local n=$1 i j v cmds vals failed out=()
	shift
	cmds=("$@")
	vals=()
	failed=()
	for ((j = 0; j < ${#cmds[@]}; j++)); do
		vals[j]=
		failed[j]=
		[ -n "${cmds[j]}" ] || failed[j]=1
	done
	for ((i = 0; i <= n; i++)); do
		for ((j = 0; j < ${#cmds[@]}; j++)); do
			[ -z "${failed[j]}" ] || continue
			if v=$(${cmds[j]}); then
				[ "$i" = 0 ] || vals[j]+=" $v"
			else
				failed[j]=1
			fi
		done
	done
	for ((j = 0; j < ${#cmds[@]}; j++)); do
		if [ -z "${failed[j]}" ]; then
			out+=("$(bench_median ${vals[j]})")
		else
			out+=(n/a)
		fi
	done
	echo "${out[*]}"
}

# bench_ours CMD / bench_theirs CMD: CMD when forkftpd / vsftpd runs, else ""
# (for bench_pair)
bench_ours() { bench_have_forkftpd && echo "$*"; }
bench_theirs() { [ -n "$V_PORT" ] && echo "$*"; }

bench_dl_mibps() { local s; s=$(bench_curl_get "$1" big.bin /dev/null) && bench_mibps "$s"; }
bench_ul_mibps() {
	local s
	rm -f "$B_ROOT/up/big.bin"
	s=$(bench_curl_put "$1" up/big.bin "$B_ROOT/big.bin") || return 1
	[ "$(stat -c %s "$B_ROOT/up/big.bin")" = "$B_BYTES" ] &&
	    cmp -s -n 4096 "$B_ROOT/big.bin" "$B_ROOT/up/big.bin" ||
		{ bench_say "upload to port $1 arrived incomplete"; return 1; }
	rm -f "$B_ROOT/up/big.bin"
	bench_mibps "$s"
}
bench_pump_mibps() {
	"$SENDPUMP" "$B_ROOT/big.bin" 1 | awk '{ printf "%.0f", $2 / 1048576 / $4 }'
}

bench_download() {
	local ours=n/a theirs ceiling
	bench_say "download: ${MIB} MiB with curl"
	read -r ours theirs ceiling < <(bench_pair "$XFER_RUNS" \
	    "$(bench_ours bench_dl_mibps "$FTPD_PORT")" \
	    "$(bench_theirs bench_dl_mibps "$V_PORT")" bench_pump_mibps)
	bench_row "1 download MiB/s, curl, ${MIB} MiB: forkftpd / vsftpd" "$ours" "$theirs" ">=1.0"
	bench_row "1 download MiB/s: forkftpd / sendfile pump" "$ours" "$ceiling" "-"
	bench_row "1 download MiB/s: vsftpd / sendfile pump" "$theirs" "$ceiling" "-"
}

bench_upload() {
	local ours=n/a theirs
	bench_say "upload: ${MIB} MiB with curl"
	read -r ours theirs < <(bench_pair "$XFER_RUNS" \
	    "$(bench_ours bench_ul_mibps "$FTPD_PORT")" \
	    "$(bench_theirs bench_ul_mibps "$V_PORT")")
	rm -f "$B_ROOT/up/big.bin"
	bench_row "2 upload MiB/s, curl, ${MIB} MiB: forkftpd / vsftpd" "$ours" "$theirs" ">=1.0"
}

# sessions/s of connect, login, EPSV, LIST small, QUIT from 4 clients
bench_rate_once() {
	local out
	out=$("$LOADGEN" rate 127.0.0.1 "$1" small 4 "$RATE_SECONDS") ||
		{ bench_say "loadgen rate: $out"; return 1; }
	echo "${out##* }"
}

bench_rate() {
	local ours=n/a theirs
	bench_say "session rate: 4 clients, ${RATE_SECONDS} s per run"
	read -r ours theirs < <(bench_pair "$RUNS" \
	    "$(bench_ours bench_rate_once "$FTPD_PORT")" \
	    "$(bench_theirs bench_rate_once "$V_PORT")")
	bench_row "3 sessions/s, 4 clients: forkftpd / vsftpd" "$ours" "$theirs" ">=1.5"
}

# bench_descendants PID: every process below PID.
bench_descendants() {
	local c
	for c in $(pgrep -P "$1"); do
		echo "$c"
		bench_descendants "$c"
	done
}

# bench_pss_per_session SERVERPID PORT: hold NSESS logged-in sessions, then sum
# the PSS of every process below the listener; prints KiB per session.
bench_pss_per_session() {
	local fifo out pid procs kib
	# A name of its own each time: the plain and the TLS rows hold
	# sessions on the same port, and a "ready" left from the first must
	# not let the second measure before its sessions are in.
	# (This runs in a command substitution: no counter survives it.)
	fifo=$(mktemp -u "$T/hold.$2.XXXXXX")
	out=$fifo.out
	mkfifo "$fifo" || return 1
	"$LOADGEN" hold 127.0.0.1 "$2" "$NSESS" <"$fifo" >"$out" 2>&1 &
	pid=$!
	exec 9>"$fifo"
	t_defer "kill $pid"
	if ! wait_until 60 grep -q '^ready' "$out"; then
		bench_say "hold on port $2 failed: $(cat "$out")"
		exec 9>&-
		kill "$pid" 2>/dev/null
		return 1
	fi
	sleep 0.5	# let every session settle after its 230
	procs=$(bench_descendants "$1")
	kib=$(for p in $procs; do cat "/proc/$p/smaps_rollup" 2>/dev/null; done |
	    awk '/^Pss:/ { s += $2 } END { print s + 0 }')
	bench_say "  port $2: $(echo "$procs" | wc -w) processes, $kib KiB PSS"
	exec 9>&-
	wait "$pid"
	bench_calc "$kib / $NSESS" 0
}

bench_memory() {
	local ours=n/a theirs=n/a
	bench_say "memory: PSS of $NSESS idle logged-in sessions"
	[ -z "$V_PORT" ] || theirs=$(bench_pss_per_session "$V_PID" "$V_PORT") || theirs=n/a
	bench_have_forkftpd && { ours=$(bench_pss_per_session "$FTPD_PID" "$FTPD_PORT") || ours=n/a; }
	bench_row "4 PSS KiB per idle session ($NSESS held): forkftpd / vsftpd" "$ours" "$theirs" "<=0.5"
}

# bench_list_seconds PORT VERB: median server time of VERB on the large directory
bench_list_seconds() {
	local out
	out=$("$LOADGEN" list 127.0.0.1 "$1" "$2" "$B_LARGE" $((RUNS + 1))) ||
		{ echo n/a; return 0; }
	bench_median $(echo "$out" | tail -n +2 | awk '{ print $4 }')
}

bench_list() {
	local ours=n/a theirs=n/a mlsd=n/a
	bench_say "large listing: $NFILES entries, LIST and MLSD"
	[ -z "$V_PORT" ] || theirs=$(bench_list_seconds "$V_PORT" LIST)
	if bench_have_forkftpd; then
		ours=$(bench_list_seconds "$FTPD_PORT" LIST)
		mlsd=$(bench_list_seconds "$FTPD_PORT" MLSD)
	fi
	bench_row "5 LIST of $NFILES entries, s: forkftpd / vsftpd" "$ours" "$theirs" "-"
	bench_row "5 MLSD of $NFILES entries, s: forkftpd (vsftpd has none)" "$mlsd" - "-"
}

# bench_timed_rss CMD...: "seconds maxrss_kib" of CMD, output dropped.  The
# wall clock is the shell's (GNU time's %e has 10 ms steps), the peak RSS
# GNU time's %M.
bench_timed_rss() {
	local tf=$T/time.$RANDOM t0 t1
	t0=$EPOCHREALTIME
	timeout 60 /usr/bin/time -o "$tf" -f '%M' "$@" </dev/null >/dev/null 2>"$T/timed.err" ||
		{ bench_say "failed: $* : $(tail -3 "$T/timed.err")"; return 1; }
	t1=$EPOCHREALTIME
	echo "$(bench_calc "$t1 - $t0" 3) $(tail -1 "$tf")"
}

# bench_lftp_script CMD: an lftp -c script that logs in to forkftpd, runs CMD
bench_lftp_script() {
	echo "set net:max-retries 1; set net:timeout 10; set cmd:fail-exit yes; \
set ftp:ssl-allow no; open -u $B_USER,$B_PASS ftp://127.0.0.1:$FTPD_PORT; $1"
}

# bench_client_ls WHICH: "seconds kib" medians for one client listing the large dir
bench_client_ls() {
	local i v t=() m=()
	for ((i = 0; i <= RUNS; i++)); do
		if [ "$1" = forkftp ]; then
			v=$(bench_timed_rss "$FORKFTP" --tls off -e "ls -l $B_LARGE" \
			    "ftp://$B_USER:$B_PASS@127.0.0.1:$FTPD_PORT/") || { echo "n/a n/a"; return; }
		else
			v=$(bench_timed_rss lftp -c "$(bench_lftp_script "cls -l $B_LARGE")") || { echo "n/a n/a"; return; }
		fi
		[ "$i" = 0 ] && continue
		t+=("${v% *}")
		m+=("${v#* }")
	done
	echo "$(bench_median "${t[@]}") $(bench_median "${m[@]}")"
}

# bench_timed_get WHAT CMD...: MiB/s of CMD, which must leave big.bin in
# $T/out/got.bin (tmpfs), timed by the shell clock (so starting the
# program and logging in count, for forkftp and curl alike).
bench_timed_get() {
	local what=$1 t0 t1 out=$T/out/got.bin
	shift
	rm -f "$out"
	t0=$EPOCHREALTIME
	"$@" </dev/null >/dev/null 2>"$T/get.err" ||
		{ bench_say "$what: $(tail -3 "$T/get.err")"; return 1; }
	t1=$EPOCHREALTIME
	[ "$(stat -c %s "$out" 2>/dev/null)" = "$B_BYTES" ] ||
		{ bench_say "$what: wrong size"; return 1; }
	rm -f "$out"
	bench_mibps "$(bench_calc "$t1 - $t0" 6)"
}

# bench_cli_get_mibps [FORKFTP OPTIONS]: one forkftp batch get of big.bin.
bench_cli_get_mibps() {
	# Plain FTP unless the caller says otherwise (the TLS rows do).
	bench_timed_get "forkftp get" timeout 120 "$FORKFTP" --tls off "$@" \
	    -e "get big.bin $T/out/got.bin" \
	    "ftp://$B_USER:$B_PASS@127.0.0.1:$FTPD_PORT/"
}

# bench_cli_get_cold_mibps: the same with forkftpd's digest cache emptied
# first, as for a file never asked for before.
bench_cli_get_cold_mibps() {
	"$PY" -c 'import os, sys
try:
    os.removexattr(sys.argv[1], "user.forkftpd.sha256")
except OSError:
    pass' "$B_ROOT/big.bin" || return 1
	bench_cli_get_mibps "$@"
}

# bench_cli_put_mibps: one verified forkftp batch put of big.bin into up/.
bench_cli_put_mibps() {
	local t0 t1 up=$B_ROOT/up/cli.bin
	rm -f "$up"
	t0=$EPOCHREALTIME
	timeout 120 "$FORKFTP" --tls off -e "put $B_ROOT/big.bin up/cli.bin" \
	    "ftp://$B_USER:$B_PASS@127.0.0.1:$FTPD_PORT/" </dev/null >/dev/null 2>"$T/cli.err" ||
		{ bench_say "forkftp put: $(tail -3 "$T/cli.err")"; return 1; }
	t1=$EPOCHREALTIME
	[ "$(stat -c %s "$up" 2>/dev/null)" = "$B_BYTES" ] ||
		{ bench_say "forkftp put: wrong size"; return 1; }
	rm -f "$up"
	bench_mibps "$(bench_calc "$t1 - $t0" 6)"
}

bench_curl_put_mibps() {
	local t0 t1 up=$B_ROOT/up/curl.bin
	rm -f "$up"
	t0=$EPOCHREALTIME
	bench_curl_put "$FTPD_PORT" up/curl.bin "$B_ROOT/big.bin" >/dev/null || return 1
	t1=$EPOCHREALTIME
	rm -f "$up"
	bench_mibps "$(bench_calc "$t1 - $t0" 6)"
}

bench_curl_get_mibps() {
	bench_timed_get "curl get" bench_curl_get "$FTPD_PORT" big.bin "$T/out/got.bin"
}

# One core digesting big.bin with libcrypto's SHA-256, as the server's
# uncached HASH does (and the client on what it receives).
bench_hash_mibps() {
	"$HASHRATE" "$B_ROOT/big.bin" SHA-256 | awk '{ printf "%.0f", $2 / 1048576 / $4 }'
}

# forkftp verifies every transfer with the server's HASH unless told not
# to; both figures are shown, the target applies to the default.
bench_client() {
	local f=(n/a n/a) l=(n/a n/a) cold=n/a warm=n/a theirs=n/a nover=n/a
	local sha put=n/a tput=n/a
	sha=$(bench_repeat "$RUNS" bench_hash_mibps)
	bench_say "client: ls -l of $NFILES entries, get and put of $MIB MiB"
	if bench_have_forkftpd; then
		l=($(bench_client_ls lftp))
		if bench_have_forkftp; then
			f=($(bench_client_ls forkftp))
			# cold empties the cache and fills it again: warm, run
			# right after, finds it.
			read -r cold warm theirs nover < <(bench_pair "$RUNS" \
			    bench_cli_get_cold_mibps bench_cli_get_mibps \
			    bench_curl_get_mibps "bench_cli_get_mibps --no-verify")
			read -r put tput < <(bench_pair "$RUNS" \
			    bench_cli_put_mibps bench_curl_put_mibps)
		else
			theirs=$(bench_repeat "$RUNS" bench_curl_get_mibps)
		fi
	fi
	rm -f "$T/out"/*
	bench_row "5 ls -l of $NFILES entries, s: forkftp / lftp" "${f[0]}" "${l[0]}" "abs<=1"
	bench_row "5 ls -l peak RSS KiB: forkftp / lftp" "${f[1]}" "${l[1]}" "<=0.25"
	bench_row "6 get MiB/s, ${MIB} MiB, cold digest cache: forkftp / curl" \
	    "$cold" "$theirs" ">=0.95"
	bench_row "6 get MiB/s, warm digest cache: forkftp / curl" \
	    "$warm" "$theirs" ">=1.0"
	bench_row "6 get MiB/s: forkftp --no-verify / curl" "$nover" "$theirs" "-"
	# The client digests every byte it receives on the core that
	# receives it, and a cold get waits for the server's digest too.
	bench_row "6 libcrypto SHA-256 MiB/s on one core / curl get" \
	    "$sha" "$theirs" "-"
	bench_row "6 put MiB/s, ${MIB} MiB to forkftpd, verified: forkftp / curl -T" \
	    "$put" "$tput" ">=0.95"
}

bench_tui() {
	local secs=n/a rss=n/a qopen=n/a qscroll=n/a
	bench_say "TUI: open the $NFILES-entry directory"
	if bench_have_forkftp && command -v tmux >/dev/null; then
		. "$TOP/tests/bench/bench-tui.sh"
		bench_tui_measure
	fi
	bench_row "7 TUI: key to drawn $NFILES-entry dir, s" "$secs" - "abs<=1"
	bench_row "7 TUI: forkftp RSS KiB with it open" "$rss" - "abs<=32768"
	bench_row "17 TUI: J to the drawn queue view of 10000 jobs, s" "$qopen" - "abs<=1"
	bench_row "17 TUI: g to the queue view's first row drawn, s" "$qscroll" - "abs<=1"
}
