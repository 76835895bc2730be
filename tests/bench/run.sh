#!/bin/bash
# run.sh: `make bench` (issue 7).  Measures forkftpd and forkftp side by
# side with vsftpd, curl and lftp on this machine, the same files served
# from a tmpfs, and prints one table: metric, ours, theirs, ratio, target,
# met?.  Each figure is the bench_median of BENCH_RUNS runs (default 5) after one
# warm-up run.  Not a test: it never fails on a missed target, only on a
# broken harness.
#
# Environment (defaults in brackets):
#   FORKFTPD FORKFTP   binaries under test [build/forkftpd, build/forkftp]
#   BENCH_BIN          directory of loadgen and sendpump [build/bench]
#   BENCH_RUNS         measured runs per figure [5]
#   BENCH_XFER_RUNS    measured runs of the curl transfers [9]
#   BENCH_MIB          size of the transfer file in MiB [1024]
#   BENCH_FILES        entries in the large directory [100000]
#   BENCH_SESSIONS     idle sessions for the memory figure [200]
#   BENCH_RATE_SECONDS length of one session-rate run [2]
#   BENCH_ONLY         space-separated subset of: dl ul rate mem list cli tui tls
#   BENCH_REPORT       markdown copy of the table [build/bench/results.md]
#   BENCH_OWN_TMPFS    set: mount a tmpfs of our own even if /dev/shm is big
# Every server and client it starts is stopped by the EXIT trap.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export FORKFTPD=${FORKFTPD:-$TOP/build/forkftpd}
export FORKFTP=${FORKFTP:-$TOP/build/forkftp}
BENCH_BIN=${BENCH_BIN:-$TOP/build/bench}
RUNS=${BENCH_RUNS:-5}
# 1 GiB over loopback takes about half a second and is the noisiest
# figure on a shared machine: more runs for the transfers.
XFER_RUNS=${BENCH_XFER_RUNS:-$((RUNS > 9 ? RUNS : 9))}
MIB=${BENCH_MIB:-1024}
NFILES=${BENCH_FILES:-100000}
NSESS=${BENCH_SESSIONS:-200}
RATE_SECONDS=${BENCH_RATE_SECONDS:-2}
ONLY=${BENCH_ONLY:-dl ul rate mem list cli tui tls}
REPORT=${BENCH_REPORT:-$BENCH_BIN/results.md}
# The scratch directory, and with it every served file, lives on a tmpfs
# so the disk does not decide any figure: /dev/shm, or when that is too
# small (containers give it 64 MiB) a tmpfs of our own, mounted as root.
# Peak use: the file, its uploaded copy and a little.
need_mib=$((MIB * 2 + 256))
shm_mib=$(df -Pm /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')
own_tmpfs=
if [ "${shm_mib:-0}" -ge "$need_mib" ] && [ -z "${BENCH_OWN_TMPFS:-}" ]; then
	export TMPDIR=/dev/shm
elif [ "$(id -u)" = 0 ]; then
	own_tmpfs=$(mktemp -d /tmp/forkftp-bench-tmpfs.XXXXXX)
	mount -t tmpfs -o "size=${need_mib}m,mode=755" tmpfs "$own_tmpfs" ||
		{ echo "bench: cannot mount a tmpfs on $own_tmpfs" >&2; exit 1; }
	export TMPDIR=$own_tmpfs
else
	echo "bench: /dev/shm has ${shm_mib:-0} MiB free, $need_mib needed" >&2
	exit 1
fi
. "$TOP/tests/lib.sh"
[ -z "$own_tmpfs" ] || t_defer "umount -l '$own_tmpfs'; rmdir '$own_tmpfs'"
. "$TOP/tests/bench/bench-lib.sh"
. "$TOP/tests/bench/bench-tls.sh"

bench_main() {
	local start=$SECONDS
	bench_machine
	bench_tree
	bench_start_servers
	bench_want dl && bench_download
	bench_want ul && bench_upload
	bench_want rate && bench_rate
	bench_want mem && bench_memory
	bench_want list && bench_list
	bench_want cli && bench_client
	bench_want tui && bench_tui
	bench_want tls && bench_tls
	bench_table | tee "$REPORT"
	echo "bench: $((SECONDS - start)) s; table also in $REPORT"
}

bench_main
