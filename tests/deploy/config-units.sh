#!/bin/bash
# Sizes and times take units, in the config file (max_rate = 1M,
# idle_timeout = 5m) and on the command line (--max-rate 64k,
# --idle-timeout 2m); sizes are 1024-based (libbsd expand_number).  A bad
# value is named as it was written: the key from the file, the flag from
# the command line.
. "$(dirname "$0")/../lib.sh"
make_root "$T/root"
stat_of() {	# the values STAT reports for a session
	printf 'USER anonymous\nPASS x@\nSTAT\nQUIT\n' | ftp_chat "$FTPD_PORT" |
		grep -E 'bandwidth limit|Idle timeout' | tr -s ' ' | tr '\n' '|'
}
printf 'max_rate = 1M\nidle_timeout = 5m\nfail_delay_ms = 1s\nmax_line = 2k\n' >"$T/units.conf"
start_forkftpd -c "$T/units.conf" "$T/root"
assert_eq ' Session bandwidth limit: 1048576 bytes/s| Idle timeout: 300 s|' "$(stat_of)" "from the file"
kill -TERM "$FTPD_PID"
start_forkftpd -c "$T/units.conf" --max-rate 64k --idle-timeout 2m "$T/root"
assert_eq ' Session bandwidth limit: 65536 bytes/s| Idle timeout: 120 s|' "$(stat_of)" "flags over the file"

printf '# rate\nmax_rate = 1.5M\n' >"$T/bad.conf"
"$FORKFTPD" -c "$T/bad.conf" "$T/root" >"$T/out" 2>&1
assert_eq "forkftpd: $T/bad.conf:2: max_rate: not a size: '1.5M'" "$(head -1 "$T/out")" "bad size in the file"
"$FORKFTPD" --max-rate -1 "$T/root" >"$T/out" 2>&1
assert_eq "forkftpd: --max-rate: not a size: '-1'" "$(head -1 "$T/out")" "negative size on the command line"
"$FORKFTPD" --idle-timeout 5x "$T/root" >"$T/out" 2>&1
assert_eq "forkftpd: --idle-timeout: not a time: '5x'" "$(head -1 "$T/out")" "bad time unit"
printf 'idle_timeout = 2d\n' >"$T/bad.conf"
"$FORKFTPD" -c "$T/bad.conf" "$T/root" >"$T/out" 2>&1
assert_eq "forkftpd: $T/bad.conf:1: idle_timeout: 2d is out of range 1-86400 s" "$(head -1 "$T/out")" "time out of range"
for bad in 0x10 1M2 99999999999999999999 16E ' 1M'; do
	"$FORKFTPD" --max-rate "$bad" "$T/root" >"$T/out" 2>&1 && fail "--max-rate '$bad' accepted"
	assert_match "^forkftpd: --max-rate: not a size" "$(head -1 "$T/out")" "--max-rate '$bad'"
done
exit 0
