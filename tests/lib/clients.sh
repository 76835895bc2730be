# Drivers for the real FTP clients (curl, lftp, wget, tnftp, ftplib) used
# by tests/server/client-*, confine-*, concurrency-*, atomic-*.  Sourced by
# tests/lib.sh.  Every client runs under `timeout` so a hung transfer fails
# the test instead of hanging the suite.
#
# Credentials: anonymous with any password, unless a test sets FTP_USER and
# FTP_PASS.  The password has no '@' or ':' so it needs no URL escaping.
FTP_USER=${FTP_USER:-anonymous}
FTP_PASS=${FTP_PASS:-interop}
IOP_TIMEOUT=${IOP_TIMEOUT:-30}

# urlenc PATH: percent-encode everything but unreserved characters and '/'
# (curl and tnftp take URLs literally; spaces and UTF-8 must be encoded).
urlenc() {
	"$PY" -c 'import sys, urllib.parse as u; print(u.quote(sys.argv[1], safe="/"))' "$1"
}

# ftp_url PATH: URL of PATH (relative to the login directory) on the server
# started by start_forkftpd, with credentials.
ftp_url() {
	printf 'ftp://%s:%s@127.0.0.1:%s/%s' "$FTP_USER" "$FTP_PASS" \
	    "$FTPD_PORT" "$(urlenc "${1#/}")"
}

# serve_sample [FORKFTPD OPTIONS...]: ROOT=$T/root holding the sample tree,
# served to anonymous users with write access.  SRC=$T/src is a pristine
# copy of the same tree for comparisons, OUT=$T/out a scratch directory.
serve_sample() {
	ROOT=$T/root SRC=$T/src OUT=$T/out
	make_root "$ROOT"
	sample_files "$ROOT"
	cp -a "$ROOT" "$SRC"
	mkdir -p "$OUT"
	start_forkftpd --anonymous --anonymous-write "$@" "$ROOT"
}

# upload_files DIR: files to upload, different from the sample tree's
# contents but with the same kinds of names (empty, spaces, UTF-8, MiB).
upload_files() {
	local d=$1
	mkdir -p "$d"
	: >"$d/up empty.txt"
	printf 'uploaded line\r\nsecond\n' >"$d/up text.txt"
	printf 'données\n' >"$d/Ünï cödé 上传.txt"
	head -c 5242880 /dev/urandom >"$d/up big.bin"
	chmod -R a+rX "$d"
}

# t_curl ARGS...: curl with credentials, errors shown, bounded.
t_curl() {
	timeout -k 2 "$IOP_TIMEOUT" curl -q -sS --connect-timeout 5 \
	    --user "$FTP_USER:$FTP_PASS" "$@"
}

# t_lftp COMMANDS: run lftp COMMANDS after logging in to the server.
# The settings keep a failure from retrying for minutes; these tests mean
# plain FTP (ftp:ssl-allow no), tests/server/tls-* the FTPS ones.
t_lftp() {
	timeout -k 2 "$IOP_TIMEOUT" lftp --norc -c "set net:max-retries 1; \
set net:timeout 10; set net:reconnect-interval-base 1; \
set cmd:fail-exit yes; set ftp:ssl-allow no; set xfer:clobber yes; \
set cmd:interactive no; \
open -u '$FTP_USER','$FTP_PASS' ftp://127.0.0.1:$FTPD_PORT; $1" </dev/null
}

# t_wget ARGS...: wget with credentials, one try, bounded.
t_wget() {
	timeout -k 2 "$IOP_TIMEOUT" wget --no-config -q --tries=1 --timeout=10 \
	    --no-proxy --user="$FTP_USER" --password="$FTP_PASS" "$@" </dev/null
}

# t_tnftp ARGS...: tnftp in auto-fetch mode, quiet, bounded.
t_tnftp() {
	timeout -k 2 "$IOP_TIMEOUT" tnftp -V "$@" </dev/null
}

# ftp_probe [ftpprobe.py OPTIONS]: expectations on stdin, see
# tests/tools/ftpprobe.py.
ftp_probe() {
	timeout -k 2 "$IOP_TIMEOUT" "$PY" "$TOP/tests/tools/ftpprobe.py" \
	    -u "$FTP_USER" -p "$FTP_PASS" "$@" "$FTPD_PORT"
}

# t_py SCRIPT ARGS...: one of tests/tools/*.py with Debian's interpreter.
t_py() {
	local s=$1; shift
	timeout -k 2 "$IOP_TIMEOUT" "$PY" "$TOP/tests/tools/$s" "$@"
}

# proc_children PID: "pid state" of each process whose parent is PID.
# From /proc/PID/task/*/children where the kernel has it (a scan of every
# /proc/N/stat takes seconds on a busy machine).
proc_children() {
	local want=$1 f s state ppid kids k
	if kids=$(cat /proc/"$want"/task/*/children 2>/dev/null) &&
	    [ -e "/proc/$want/task/$want/children" ]; then
		for k in $kids; do
			{ s=$(<"/proc/$k/stat"); } 2>/dev/null || continue
			read -r state ppid _ <<<"${s##*) }"
			[ "$ppid" = "$want" ] && echo "$k $state"
		done
		return 0
	fi
	for f in /proc/[0-9]*/stat; do
		{ s=$(<"$f"); } 2>/dev/null || continue
		# comm (field 2) may hold spaces and ')': cut at the last ')'
		read -r state ppid _ <<<"${s##*) }"
		[ "$ppid" = "$want" ] && echo "${s%% *} $state"
	done
	return 0
}

# ftpd_zombies: number of zombie children of the server ($FTPD_PID).
ftpd_zombies() {
	proc_children "$FTPD_PID" | awk '$2 == "Z"' | wc -l
}

# ftpd_nchildren: number of children (any state) of the server.
ftpd_nchildren() {
	proc_children "$FTPD_PID" | wc -l
}

# ftpd_peak_children WANT SECONDS: the most session children the server
# had at once, sampled every 0.1 s until WANT were seen or SECONDS passed.
ftpd_peak_children() {
	local want=$1 peak=0 n end=$((SECONDS + $2))
	while [ "$peak" -lt "$want" ] && [ "$SECONDS" -lt "$end" ]; do
		n=$(ftpd_nchildren)
		[ "$n" -gt "$peak" ] && peak=$n
		sleep 0.1
	done
	echo "$peak"
}

# no_ftpd_zombies: true if the server has no zombie child right now.
no_ftpd_zombies() {
	[ "$(ftpd_zombies)" = 0 ]
}

# no_ftpd_children: true if every session child is gone (and reaped).
no_ftpd_children() {
	[ "$(ftpd_nchildren)" = 0 ]
}

# no_temporaries DIR: true if no upload temporary (.forkftpd.*) is left.
no_temporaries() {
	! find "$1" -name '.forkftpd*' -print -quit 2>/dev/null | grep -q .
}

# ftpd_alive: the server still answers a fresh control connection.
ftpd_alive() {
	kill -0 "$FTPD_PID" 2>/dev/null &&
	    [ -n "$(printf 'QUIT\n' | ftp_chat "$FTPD_PORT" | grep '^220')" ]
}

# confine_setup: the jail fixture.  $T/fs/root (ROOT, the sample tree,
# served writable to anonymous) next to $T/fs/sibling (SIB, owned by the
# service account like the root, so only confinement keeps the server out)
# holding canary.txt (content $CANARY) and only-in-sibling.txt, whose name
# appears in no command: any listing showing it leaked.  SRC is a copy of
# the sample tree.  confine_check later proves nothing outside ROOT changed.
#
# As root, the test runs twice: first again as a child script with the
# server started as the service account (no chroot, so path resolution
# alone must confine), then here with the normal chroot.
confine_setup() {
	confine_twice
	FS=$T/fs ROOT=$T/fs/root SIB=$T/fs/sibling SRC=$T/src OUT=$T/out
	CANARY=CANARY-SECRET-$RANDOM$RANDOM
	mkdir -p "$FS" "$OUT"
	chmod 755 "$FS"
	make_root "$ROOT"
	sample_files "$ROOT"
	cp -a "$ROOT" "$SRC"
	mkdir -p "$SIB/subdir"
	printf '%s\n' "$CANARY" >"$SIB/canary.txt"
	printf '%s\n' "$CANARY" >"$SIB/only-in-sibling.txt"
	chmod 644 "$SIB/canary.txt" "$SIB/only-in-sibling.txt"
	touch -d '2001-02-03 04:05:06' "$SIB/canary.txt"
	make_root "$SIB"
	chmod 777 "$SIB"
	_confine_snapshot >"$T/outside.before"
}

_confine_snapshot() {
	find "$FS" -path "$ROOT" -prune -o -printf '%p %M %s %T@ %u\n' | sort
	md5sum "$SIB"/*.txt
	ls -a / | tr '\n' ' '
}

# confine_check: nothing outside ROOT was written, removed, renamed, chmod'ed
# or touched.
confine_check() {
	_confine_snapshot >"$T/outside.after"
	diff "$T/outside.before" "$T/outside.after" >"$T/outside.diff" ||
		fail "outside the root changed: $(cat "$T/outside.diff")"
}

# confine_twice: as root, first run this test script again with the server
# started as the service account (no chroot: path resolution alone must
# confine), then go on here with the normal chrooted server.
confine_twice() {
	if [ "$(id -u)" = 0 ] && [ -z "${CONFINE_UNPRIV:-}" ]; then
		note "pass 1: forkftpd as $(ftp_account), no chroot"
		# to a file, not a pipe: a stray server process holding the
		# pipe open must not hang this test
		CONFINE_UNPRIV=1 bash "$0" >"$T/pass1.log" 2>&1 </dev/null
		local rc=$?
		sed 's/^/[no chroot] /' "$T/pass1.log"
		[ "$rc" = 0 ] || fail "without chroot: see above"
		note "pass 2: forkftpd as root, chrooted"
	fi
	[ -z "${CONFINE_UNPRIV:-}" ] || unpriv_forkftpd
}

# unpriv_forkftpd: when root, make FORKFTPD a wrapper starting the server
# as the service account (it cannot chroot then).  Sanitizer logs in $T
# must be writable by that account.
unpriv_forkftpd() {
	[ "$(id -u)" = 0 ] || return 0
	local acct w=$T/forkftpd-unpriv
	acct=$(ftp_account)
	chmod 1777 "$T"
	printf '#!/bin/sh\nexec setpriv --reuid=%s --regid=%s --clear-groups %s "$@"\n' \
	    "$acct" "$acct" "$FORKFTPD" >"$w"
	chmod 755 "$w"
	FORKFTPD=$w
}
