# Shared helpers for integration tests.  Source it first:
#   . "$(dirname "$0")/../lib.sh"
# A test is one behaviour: it exits 0 (pass), 77 (skip) or anything else
# (fail), and says what it expected and what it saw.  Everything it starts
# is registered with t_defer and stopped on exit, even on failure.
set -u

TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
FORKFTPD=${FORKFTPD:-$TOP/build-asan/forkftpd}
FORKFTP=${FORKFTP:-$TOP/build-asan/forkftp}
PY=/usr/bin/python3
T=$(mktemp -d "${TMPDIR:-/tmp}/forkftp-test.XXXXXX")
chmod 755 "$T"
# forkftp keeps bookmarks and recent servers there: never in the real home.
export XDG_CONFIG_HOME=$T/config XDG_STATE_HOME=$T/state
# Sanitizer reports go to files; any report fails the test at exit.
export ASAN_OPTIONS="log_path=$T/asan:detect_leaks=0:abort_on_error=0:${ASAN_OPTIONS_EXTRA:-}"
export UBSAN_OPTIONS="log_path=$T/ubsan:print_stacktrace=1:halt_on_error=1"

_t_deferred=()
t_defer() { _t_deferred+=("$*"); }

_t_exit() {
	local rc=$? i
	for ((i=${#_t_deferred[@]}-1; i>=0; i--)); do
		eval "${_t_deferred[$i]}" >/dev/null 2>&1 || true
	done
	if compgen -G "$T/asan*" >/dev/null || compgen -G "$T/ubsan*" >/dev/null; then
		echo "FAIL: sanitizer report:"
		cat "$T"/asan* "$T"/ubsan* 2>/dev/null | head -80
		rc=1
	fi
	# A chrooted forkftpd child cannot open $T/asan*: it reports to stderr.
	if grep -qE 'ERROR: AddressSanitizer|\.c:[0-9]+:[0-9]+: runtime error: ' \
	    "$T"/forkftpd.*.log 2>/dev/null; then
		echo "FAIL: sanitizer report in the server log:"
		grep -hE -A40 'ERROR: AddressSanitizer|runtime error: ' "$T"/forkftpd.*.log | head -80
		rc=1
	fi
	if [ "$rc" = 0 ] || [ -n "${KEEP_TMP:-}" ]; then :; fi
	[ -n "${KEEP_TMP:-}" ] || rm -rf "$T"
	exit "$rc"
}
trap _t_exit EXIT
trap 'exit 130' INT TERM

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
note() { echo "# $*"; }

# need_user_xattrs DIR: skip unless DIR's file system keeps user xattrs
# (the HASH cache's records).
need_user_xattrs() {
	"$PY" -c "import os,sys; open(sys.argv[1],'w'); os.setxattr(sys.argv[1], 'user.probe', b'1')" \
	    "$1/.xattr-probe" 2>/dev/null ||
		skip "no user xattrs on $(stat -f -c %T "$1")"
	rm -f "$1/.xattr-probe"
}

# assert_eq EXPECTED ACTUAL WHAT
assert_eq() {
	[ "$1" = "$2" ] || fail "$3: expected [$1], saw [$2]"
}
# assert_match REGEX TEXT WHAT
assert_match() {
	printf '%s' "$2" | grep -Eq -- "$1" || fail "$3: expected /$1/, saw [$2]"
}
# assert_same_file EXPECTED ACTUAL: byte for byte
assert_same_file() {
	[ -f "$2" ] || fail "missing file $2 (expected a copy of $1)"
	cmp -s "$1" "$2" || fail "$2 differs from $1 ($(stat -c %s "$1") vs $(stat -c %s "$2") bytes)"
}
# assert_same_tree A B: same names, same bytes, same empty dirs
assert_same_tree() {
	diff -r --no-dereference "$1" "$2" >"$T/tree.diff" 2>&1 ||
		fail "trees differ: $1 vs $2: $(head -20 "$T/tree.diff")"
}

# wait_until SECONDS CMD...: poll CMD every 0.05 s, bounded.
wait_until() {
	local limit=$1; shift
	local end=$((SECONDS + limit))
	while ! "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.05
	done
}

# stop_pid PID: SIGTERM, then SIGKILL if it is still there after 0.3 s
# (polled, so a process that exits at once costs no fixed wait).
stop_pid() {
	kill -TERM "$1" 2>/dev/null || return 0
	local i
	for ((i = 0; i < 6; i++)); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.05
	done
	kill -KILL "$1" 2>/dev/null
}

# The unprivileged account forkftpd drops to when started as root.
ftp_account() {
	if id ftp >/dev/null 2>&1; then echo ftp; else echo nobody; fi
}

# make_root DIR: a served tree prepared as an admin would: readable by
# everyone, writable (owned) by the service account when root.
make_root() {
	mkdir -p "$1"
	chmod 755 "$1"
	[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$1"
}

# sample_files DIR: the standard fixture set
sample_files() {
	local d=$1
	mkdir -p "$d/sub dir/deeper" "$d/empty dir"
	: >"$d/empty.txt"
	printf 'hello, world\n' >"$d/hello.txt"
	printf 'line one\nline two\r\nline three\n' >"$d/text lines.txt"
	printf 'unicode\n' >"$d/Grüße 日本.txt"
	head -c 3145728 /dev/urandom >"$d/big.bin"
	head -c 70000 /dev/urandom >"$d/sub dir/mid.bin"
	printf 'deep\n' >"$d/sub dir/deeper/leaf.txt"
	[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$d"
	chmod -R a+rX "$d"
}

# forkftp's options to trust the last forkftpd started (see below).
FTPD_TRUST=()

# start_forkftpd [OPTIONS...] ROOT: start on a free loopback port.
# Sets FTPD_PID, FTPD_PORT, FTPD_URL, FTPD_LOG, and when it offers TLS
# FTPD_FP (its certificate's SHA-256 from the start-up line) and
# FTPD_TRUST=(--trust-fingerprint FP): forkftp pins the test server's
# self-made certificate the way the README tells users to (fftp and
# tui_start pass it).
start_forkftpd() {
	FTPD_LOG=$T/forkftpd.$RANDOM.log
	# The self-made TLS certificate stays in $T (a later --state-dir wins).
	"$FORKFTPD" -l 127.0.0.1:0 --state-dir "$T/tls-state" "$@" 2>"$FTPD_LOG" &
	FTPD_PID=$!
	t_defer "stop_pid $FTPD_PID"
	wait_until 10 grep -q 'listening on ftp://' "$FTPD_LOG" ||
		fail "forkftpd did not start: $(cat "$FTPD_LOG")"
	FTPD_URL=$(grep -m1 -o 'ftp://[^ ]*' "$FTPD_LOG")
	FTPD_PORT=$(printf '%s' "$FTPD_URL" | sed -E 's|.*:([0-9]+)/?$|\1|')
	FTPD_URL=${FTPD_URL%/}
	case " $* " in
	*" --tls off "*|*" --tls=off "*) FTPD_FP= FTPD_TRUST=() ;;
	*) forkftpd_trust ;;
	esac
}

# forkftpd_trust: FTPD_FP and FTPD_TRUST from $FTPD_LOG ("TLS certificate
# sha256 AA:BB:..." comes after "listening on"); both empty without TLS.
forkftpd_trust() {
	FTPD_FP= FTPD_TRUST=()
	wait_until 10 grep -qE 'TLS certificate sha256|serving without TLS' \
	    "$FTPD_LOG" || :
	FTPD_FP=$(grep -m1 -o 'TLS certificate sha256 [0-9A-F:]*' "$FTPD_LOG" |
	    sed 's/.* //')
	[ -z "$FTPD_FP" ] || FTPD_TRUST=(--trust-fingerprint "$FTPD_FP")
}

# ftp_chat PORT: send the lines of stdin on a control connection and print
# every reply line (tests/tools/ftpchat.py; see it for options).
ftp_chat() {
	"$PY" "$TOP/tests/tools/ftpchat.py" "$@"
}

# Per-area helpers (peers, tmux, ...) live in tests/lib/*.sh.
for _f in "$TOP"/tests/lib/*.sh; do
	[ -e "$_f" ] && . "$_f"
done
unset _f
