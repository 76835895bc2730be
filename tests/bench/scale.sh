#!/bin/bash
# scale.sh: `make bench-scale` (issue 18).  One forkftpd holding
# BENCH_SCALE_SESSIONS idle logged-in sessions (default 10,000), then
# vsftpd asked for as many.  For each server, at the count it reached:
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
#   BENCH_SCALE_REPORT   markdown copy of the table [build/bench/scale.md]
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export FORKFTPD=${FORKFTPD:-$TOP/build/forkftpd}
BENCH_BIN=${BENCH_BIN:-$TOP/build/bench}
N=${BENCH_SCALE_SESSIONS:-10000}
PROBES=${BENCH_SCALE_PROBES:-100}
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
# measure NAME PID PORT: hold up to N sessions, measure, let them go.
measure() {
	local name=$1 pid=$2 port=$3 fifo=$T/hold.$3 out=$T/hold.$3.out
	local base held hpid t0 procs pss grow probe p50 p99 met
	base=$(mem_used_kib)
	mkfifo "$fifo"
	t0=$SECONDS
	"$LOADGEN" holdmax 127.0.0.1 "$port" "$N" <"$fifo" >"$out" 2>&1 &
	hpid=$!
	exec 9>"$fifo"
	t_defer "kill $hpid"
	if ! wait_until $((N / 10 + 120)) grep -q '^ready' "$out"; then
		say "$name: hold failed: $(tail -3 "$out")"
		exec 9>&-
		return 1
	fi
	held=$(awk '/^ready/ { print $2 }' "$out")
	say "$name: $held sessions logged in after $((SECONDS - t0)) s"
	read -r procs pss < <(tree_pss "$pid")
	grow=$(( $(mem_used_kib) - base ))
	probe=$("$LOADGEN" probe 127.0.0.1 "$port" "$PROBES") ||
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

start_forkftpd --anonymous --max-clients 0 --max-per-ip 0 \
	--login-timeout 3600 --idle-timeout 3600 "$ROOT"
say "forkftpd on port $FTPD_PORT (pid $FTPD_PID), $N sessions"
measure forkftpd "$FTPD_PID" "$FTPD_PORT"
stop_pid "$FTPD_PID"

if [ "$(id -u)" = 0 ] && command -v vsftpd >/dev/null; then
	mkdir -p "$T/v/pub"
	# Room for the probes above the sessions held.
	VSFTPD_EXTRA="max_clients=$((N + 100))
max_per_ip=$((N + 100))
idle_session_timeout=3600
data_connection_timeout=3600" start_vsftpd "$T/v/pub"
	say "vsftpd on port $PEER_PORT (pid $PEER_PID), up to $N sessions"
	measure vsftpd "$PEER_PID" "$PEER_PORT"
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
