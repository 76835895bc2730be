# Helpers of the reliability and security suite (tests/security/*).
# Sourced by tests/lib.sh; every name starts with sec_.

export SEC_TOOLS=$TOP/tests/tools

# sec_py TOOL ARGS...: run a python tool of tests/tools.
sec_py() {
	local tool=$1; shift
	"$PY" "$SEC_TOOLS/$tool" "$@"
}

# sec_fixture DIR: a small served tree (make_root'd): hello.txt, sub/,
# a 1 MiB file, and an empty dir.  Writable by the service account.
sec_fixture() {
	local d=$1
	mkdir -p "$d/sub" "$d/empty"
	printf 'hello, world\n' >"$d/hello.txt"
	printf 'inner\n' >"$d/sub/inner.txt"
	head -c 1048576 /dev/urandom >"$d/big.bin"
	make_root "$d"
	[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$d"
	chmod -R a+rX "$d"
}

# sec_served: a brand-new client gets 220, logs in and gets 200 for NOOP.
sec_served() {
	"$PY" -c 'import sys; sys.path.insert(0, sys.argv[1]); import secftp
sys.exit(0 if secftp.served(int(sys.argv[2])) else 1)' "$SEC_TOOLS" "$FTPD_PORT"
}

# sec_assert_served WHAT: the parent is alive and a new client is served.
sec_assert_served() {
	kill -0 "$FTPD_PID" 2>/dev/null || fail "$1: forkftpd parent $FTPD_PID is gone"
	sec_served || fail "$1: a new client was not served (220, login, NOOP)"
}

# sec_children PID: pids of PID's children, one a line (clients.sh's
# proc_children reads /proc and copes with spaces in process titles).
sec_children() {
	proc_children "$1" | cut -d' ' -f1
}

# sec_zombies PID: how many children of PID are zombies.
sec_zombies() {
	proc_children "$1" | awk '$2 == "Z"' | wc -l
}

# sec_nchildren PID: how many children PID has (zombies included).
sec_nchildren() {
	sec_children "$1" | wc -l
}

# sec_fdcount PID: open file descriptors of PID.
sec_fdcount() {
	ls "/proc/$1/fd" 2>/dev/null | wc -l
}

# sec_no_children: true when the forkftpd parent has no child left.
sec_no_children() {
	[ "$(sec_nchildren "$FTPD_PID")" = 0 ]
}

# sec_unpriv_forkftpd: the server as the service account, without chroot,
# so confinement rests on path resolution alone (clients.sh).
sec_unpriv_forkftpd() {
	unpriv_forkftpd
}

# sec_manifest DIR...: one line per entry: type, mode, size, mtime,
# sha256 (files) or target (links), path.  Compared before/after to show
# nothing was read-modified, written, renamed or deleted there.
sec_manifest() {
	find "$@" -printf '%y %m %s %T@ %p -> %l\n' 2>/dev/null | sort |
	while IFS= read -r l; do
		case $l in
		f*) p=${l#* * * * }; p=${p% -> *}
		    printf '%s %s\n' "$l" "$(sha256sum <"$p" | cut -c1-64)";;
		*) printf '%s\n' "$l";;
		esac
	done
}

# sec_tried TEXT: the line the suite's summary collects.
sec_tried() {
	echo "# tried: $*"
}

# sec_escape_setup: the served root and what lies around it.
#   ROOT=$T/srv/root     the served tree (sec_fixture)
#   SIBLING=$T/srv/root2 a sibling whose name extends ROOT's (catches
#                        string-prefix checks): canary2.txt, SIBLING-NAME-*
#   OUTSIDE=$T/outside   canary.txt (random bytes of an odd size, mtime
#                        2001-02-03 04:05:06 UTC), SECRET-NAME-*, canary_dir/
# Everything outside is owned by the service account, so only confinement
# (not permissions) keeps it safe.  Writes the "before" manifest.
sec_escape_setup() {
	ROOT=$T/srv/root SIBLING=$T/srv/root2 OUTSIDE=$T/outside
	mkdir -p "$T/srv" "$SIBLING/dir2" "$OUTSIDE/canary_dir"
	chmod 755 "$T/srv"
	sec_fixture "$ROOT"
	{ echo "CANARY-$RANDOM$RANDOM-outside"; head -c $((70000 + RANDOM)) /dev/urandom; } >"$OUTSIDE/canary.txt"
	echo "inner canary $RANDOM" >"$OUTSIDE/canary_dir/inner.txt"
	: >"$OUTSIDE/SECRET-NAME-$RANDOM.txt"
	{ echo "SIBLING-$RANDOM$RANDOM"; head -c 5000 /dev/urandom; } >"$SIBLING/canary2.txt"
	: >"$SIBLING/SIBLING-NAME-$RANDOM.txt"
	chmod 644 "$OUTSIDE/canary.txt" "$SIBLING/canary2.txt"
	touch -d '2001-02-03 04:05:06 UTC' "$OUTSIDE/canary.txt" "$SIBLING/canary2.txt"
	if [ "$(id -u)" = 0 ]; then
		chown -R "$(ftp_account):" "$OUTSIDE" "$SIBLING"
	fi
	chmod -R a+rwX "$OUTSIDE" "$SIBLING"
	sec_manifest "$OUTSIDE" "$SIBLING" /etc/passwd /etc/group /etc/hostname >"$T/outside.before"
	ls -la /etc >"$T/etc.before"
}

# sec_escape_verify: nothing outside was written, renamed, deleted, or had
# its mode or mtime changed; no stray file appeared in /etc.
sec_escape_verify() {
	sec_manifest "$OUTSIDE" "$SIBLING" /etc/passwd /etc/group /etc/hostname >"$T/outside.after"
	diff "$T/outside.before" "$T/outside.after" >"$T/outside.diff" ||
		fail "something outside the root changed: $(cat "$T/outside.diff")"
	ls -la /etc >"$T/etc.after"
	diff "$T/etc.before" "$T/etc.after" >"$T/etc.diff" ||
		fail "/etc changed: $(cat "$T/etc.diff")"
}

# sec_describe_children: the parent's children, their state, wait channel
# and open files (for failure messages).
sec_describe_children() {
	local k
	for k in $(sec_children "$FTPD_PID"); do
		ps -o pid=,stat=,wchan:24=,args= -p "$k"
		ls -l "/proc/$k/fd" 2>/dev/null | awk 'NR > 1 { print "    " $9, $10, $11 }'
	done
}

# sec_hostile_server MODE [--no-mlsd]: start tests/tools/hostile_ftpd.py;
# sets HOSTILE_PORT.
sec_hostile_server() {
	local pf=$T/hostile.port.$RANDOM
	HOSTILE_PF=$pf
	"$PY" "$SEC_TOOLS/hostile_ftpd.py" "$1" "$pf" ${2:+"$2"} 2>"$T/hostile.err" &
	t_defer "kill $!"
	wait_until 10 test -s "$pf" || fail "hostile_ftpd.py did not start: $(cat "$T/hostile.err")"
	HOSTILE_PORT=$(cat "$pf")
}

# sec_client_peak OUT ERR CMDS [NETWORK-TIMEOUT]: run forkftp in batch
# mode against the hostile server; stdout to OUT, stderr to ERR; sets
# CLIENT_RC, CLIENT_KB (peak RSS in KiB, from /usr/bin/time -v) and
# CLIENT_SECS (wall clock).  The client is killed after 120 s (rc 124).
sec_client_peak() {
	local t0=$SECONDS
	/usr/bin/time -v -o "$T/time.$$" timeout 120 "$FORKFTP" -t "${4:-30}" -k \
	    -e "$3" "ftp://127.0.0.1:$HOSTILE_PORT/" >"$1" 2>"$2"
	CLIENT_RC=$?
	CLIENT_SECS=$((SECONDS - t0))
	CLIENT_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$T/time.$$")
	CLIENT_RC=$(awk -v rc="$CLIENT_RC" '/Command terminated by signal/ { rc = 128 + $NF } END { print rc }' "$T/time.$$")
}

# sec_escape_run: the hostile_paths.py attempts against the tree of
# sec_escape_setup, then the canary checks and a fresh client served.
sec_escape_run() {
	start_forkftpd --anonymous --anonymous-write "$ROOT"
	sec_py hostile_paths.py "$FTPD_PORT" "$ROOT" "$OUTSIDE" "$SIBLING" >"$T/out" 2>&1
	local rc=$?
	cat "$T/out"
	sec_escape_verify
	[ "$rc" = 0 ] || fail "path-escape attempts were not refused (see FAIL lines above)"
	sec_assert_served "after the attempts"
}

# sec_seccomp_wrap MODE PROGRAM: print the path of a script that runs
# PROGRAM under tests/tools/seccomp_wrap.py MODE (see there; x86_64).
sec_seccomp_wrap() {
	local w
	w=$(mktemp "$T/seccomp-$1.XXXXXX")
	printf '#!/bin/sh\nexec %s %s %s %s "$@"\n' "$PY" \
	    "$TOP/tests/tools/seccomp_wrap.py" "$1" "$2" >"$w"
	chmod 755 "$w"
	echo "$w"
}
