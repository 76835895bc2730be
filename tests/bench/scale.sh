#!/bin/bash
# scale.sh: `make bench-scale` (issue 18).  One forkftpd holding
# BENCH_SCALE_SESSIONS idle logged-in sessions (default 10,000), then
# vsftpd asked for as many within a time budget, and forkftpd again at
# the count vsftpd reached.  For each server, at the count it reached:
# the PSS of all its processes and the growth of the machine's used
# memory (MemTotal - MemAvailable, which also counts kernel memory:
# sockets, page tables, task structs) per session, and the time to greet
# and log in one more client while they are held (p50 and p99 of
# BENCH_SCALE_PROBES sessions one after another; target p99 <= 50 ms).
# Not a test: it prints figures and fails only when its harness breaks.
#
# It raises the limits it needs itself: its own descriptor limit (the
# load generator holds one socket per session) and, as root, the
# kernel's pid_max when it is below three processes per session (vsftpd
# runs two per session), restored at exit.  The machine is shared: the
# memory growth is noisy, PSS is not.
#
# Environment (defaults in brackets):
#   FORKFTPD             binary under test [build/forkftpd]
#   BENCH_BIN            directory of loadgen [build/bench]
#   BENCH_SCALE_SESSIONS sessions to hold [10000]
#   BENCH_SCALE_PROBES   greet+login probes while they are held [100]
#   BENCH_SCALE_SECONDS  time each server gets to log the sessions in [900]
#   BENCH_SCALE_VSFTPD_SECONDS  the same for vsftpd, which is slower [300]
#   BENCH_SCALE_REPORT   markdown copy of the table [build/bench/scale.md]
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export FORKFTPD=${FORKFTPD:-$TOP/build/forkftpd}
BENCH_BIN=${BENCH_BIN:-$TOP/build/bench}
N=${BENCH_SCALE_SESSIONS:-10000}
PROBES=${BENCH_SCALE_PROBES:-100}
BUDGET=${BENCH_SCALE_SECONDS:-900}
V_BUDGET=${BENCH_SCALE_VSFTPD_SECONDS:-300}
REPORT=${BENCH_SCALE_REPORT:-$BENCH_BIN/scale.md}
LOADGEN=$BENCH_BIN/loadgen
. "$TOP/tests/lib.sh"

say() { echo "scale: $*" >&2; }
[ -x "$LOADGEN" ] && [ -x "$FORKFTPD" ] || { say "build first (make all)"; exit 1; }

# One socket per session in loadgen, plus a margin for the probes.
nofile=$((N + 4096))
if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt "$nofile" ]; then
	ulimit -Hn "$nofile" 2>/dev/null ||
		{ say "cannot raise the descriptor limit to $nofile (not root?)"; exit 1; }
fi
ulimit -n "$nofile"
ulimit -u unlimited 2>/dev/null || ulimit -u "$(ulimit -Hu)"
pid_max=$(cat /proc/sys/kernel/pid_max)
if [ "$pid_max" -lt $((3 * N + 8192)) ]; then
	if [ "$(id -u)" = 0 ] && echo $((3 * N + 8192)) >/proc/sys/kernel/pid_max; then
		t_defer "echo $pid_max >/proc/sys/kernel/pid_max"
		say "kernel.pid_max raised from $pid_max to $((3 * N + 8192)) for this run"
	else
		say "kernel.pid_max is $pid_max: vsftpd may stop early"
	fi
fi

mem_used_kib() {
	awk '/^MemTotal:/ { t = $2 } /^MemAvailable:/ { a = $2 } END { print t - a }' \
	    /proc/meminfo
}

# tree_pss PID: "processes pss_kib" of PID and everything below it.
tree_pss() {
	"$PY" - "$1" <<'EOF'
import os, sys
root = int(sys.argv[1])
kids = {}
for d in os.listdir('/proc'):
    if not d.isdigit():
        continue
    try:
        with open('/proc/%s/stat' % d) as f:
            ppid = int(f.read().rsplit(')', 1)[1].split()[1])
    except OSError:
        continue
    kids.setdefault(ppid, []).append(int(d))
todo, procs, pss = [root], 0, 0
while todo:
    p = todo.pop()
    todo.extend(kids.get(p, []))
    try:
        with open('/proc/%d/smaps_rollup' % p) as f:
            for line in f:
                if line.startswith('Pss:'):
                    pss += int(line.split()[1])
                    procs += 1
                    break
    except OSError:
        pass
print(procs, pss)
EOF
}

ROWS=()
# measure NAME PID PORT COUNT SECONDS: hold up to COUNT sessions, logged
# in within SECONDS, measure, let them go.  Sets HELD.
measure() {
	local name=$1 pid=$2 port=$3 count=$4 secs=$5 fifo=$T/hold.$3 out=$T/hold.$3.out
	local base held hpid t0 procs pss grow probe p50 p99 met
	base=$(mem_used_kib)
	mkfifo "$fifo"
	t0=$SECONDS
	"$LOADGEN" holdmax 127.0.0.1 "$port" "$count" "$secs" <"$fifo" >"$out" 2>&1 &
	hpid=$!
	exec 9>"$fifo"
	t_defer "kill $hpid"
	if ! wait_until $((secs + 120)) grep -q '^ready' "$out"; then
		say "$name: hold failed: $(tail -3 "$out")"
		exec 9>&-
		return 1
	fi
	held=$(awk '/^ready/ { print $2 }' "$out")
	HELD=$held
	say "$name: $held sessions logged in after $((SECONDS - t0)) s"
	read -r procs pss < <(tree_pss "$pid")
	grow=$(( $(mem_used_kib) - base ))
	# From another source address: the held sessions fill 127.0.0.1's
	# local ports towards the server, and connect's search would count.
	probe=$("$LOADGEN" probe 127.0.0.1 "$port" "$PROBES" 127.0.0.2) ||
		say "$name: some probes failed: $probe"
	p50=$(echo "$probe" | awk '{ print $2 }')
	p99=$(echo "$probe" | awk '{ print $4 }')
	p50=${p50:-n/a} p99=${p99:-n/a}
	met=$(awk -v p="$p99" 'BEGIN { print p == "n/a" ? "not measured" : (p <= 50) ? "yes" : "NO" }')
	say "$name: $procs processes, $pss KiB PSS, used memory +$grow KiB; probes: $probe"
	ROWS+=("$name|$held|$procs|$((pss / held))|$((grow / held))|$p50|$p99|$met")
	exec 9>&-
	wait "$hpid"
	# The next server starts from a machine without these sessions.
	wait_until 120 sh -c "[ \$(pgrep -c -P $pid) -le 1 ]" ||
		say "$name: sessions still ending"
}

ROOT=$T/root
make_root "$ROOT"
printf 'x\n' >"$ROOT/file.txt"

forkftpd_at() {	# forkftpd_at NAME COUNT SECONDS
	start_forkftpd --anonymous --max-clients 0 --max-per-ip 0 \
		--login-timeout 3600 --idle-timeout 3600 "$ROOT"
	say "forkftpd on port $FTPD_PORT (pid $FTPD_PID), $2 sessions"
	measure "$1" "$FTPD_PID" "$FTPD_PORT" "$2" "$3"
	stop_pid "$FTPD_PID"
}
forkftpd_at forkftpd "$N" "$BUDGET"

if [ "$(id -u)" = 0 ] && command -v vsftpd >/dev/null; then
	mkdir -p "$T/v/pub"
	# Room for the probes above the sessions held.
	VSFTPD_EXTRA="max_clients=$((N + 100))
max_per_ip=$((N + 100))
idle_session_timeout=3600
data_connection_timeout=3600" start_vsftpd "$T/v/pub"
	say "vsftpd on port $PEER_PORT (pid $PEER_PID), up to $N sessions"
	HELD=
	measure vsftpd "$PEER_PID" "$PEER_PORT" "$N" "$V_BUDGET"
	stop_pid "$PEER_PID"
	if [ -n "$HELD" ] && [ "$HELD" -lt "$N" ]; then
		forkftpd_at "forkftpd at vsftpd's count" "$HELD" "$BUDGET"
	fi
else
	say "no vsftpd (needs root and the vsftpd package)"
fi

{
	echo
	echo "| server | sessions held | processes | PSS KiB/session | used memory KiB/session | greet+login p50 ms | p99 ms | p99 <= 50 ms |"
	echo "|---|--:|--:|--:|--:|--:|--:|---|"
	for r in "${ROWS[@]}"; do
		echo "| ${r//|/ | } |"
	done
	echo
	echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr); $PROBES probes while the sessions are held; used memory = MemTotal - MemAvailable, on a shared machine."
} | tee "$REPORT"
