# Peer FTP servers for the client tests (tests/client/*): vsftpd,
# pyftpdlib, pure-ftpd, ProFTPD and forkftpd itself, each started in the
# foreground on a free loopback port with a config written into $T, and
# stopped by t_defer.  Sourced by tests/lib.sh.
#
# start_peer NAME DIR starts server NAME serving DIR writable and sets
#   PEER_NAME  the server's name
#   PEER_URL   ftp://[user:pass@]127.0.0.1:PORT/path/ where path is DIR
#   PEER_PORT  PEER_PID  PEER_LOG
# DIR must be prepared with make_root (owned by the ftp account as root).
#
# vsftpd: anonymous with uploads.  vsftpd refuses an anonymous root the
# ftp account can write to, so when root we serve the parent of DIR
# (made root-owned, mode 755: keep DIR in a directory of its own) and
# PEER_URL points into DIR.  Needs root (chroot and privilege separation);
# skipped otherwise.  max_per_ip/max_clients are explicit (the hidden
# default is 50 per IP) and the passive ports are a range of our own.
#
# VSFTPD_EXTRA holds more config lines (anon_max_rate=, idle_session_timeout=).
#
# pure-ftpd: extracted by tests/peers/pureftpd-extract.sh into
# build/peers/pure-ftpd (its package conflicts with vsftpd's); a virtual
# user (pure-pw) whose home is DIR.  Needs root; skipped otherwise.
#
# pyftpdlib: /usr/bin/python3 -m pyftpdlib, anonymous with -w.
#
# proftpd: extracted by tests/peers/proftpd-extract.sh into
# build/peers/proftpd (proftpd-core conflicts with vsftpd too); a user of
# its own password file (AuthUserFile, mapped to the ftp account, home
# DIR, DefaultRoot ~; AuthGroupFile names the ftp group).  Its modules
# as Debian's own config loads them: MLSD (mod_facts) but no HASH, since
# mod_digest is not loaded; PROFTPD_EXTRA='LoadModule mod_digest.c' adds
# it (PROFTPD_EXTRA holds any more config lines).  Needs root
# (User/Group); skipped otherwise.

PEER_USER=peeruser
PEER_PASS=peerpass

# free_port: a loopback port nobody listens on right now.
free_port() {
	"$PY" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# pasv_range: "LO HI", 200 ports somewhere in 10000-29999, below the
# kernel's ephemeral range (32768-60999): a port that an outgoing
# connection holds cannot be bound, and vsftpd gives up ("500 OOPS:
# vsf_sysutil_bind") after 10 such tries.
pasv_range() {
	local lo=$((10000 + (RANDOM % 100) * 200))
	echo "$lo $((lo + 199))"
}

# peer_banner PORT: true once a 220 greeting arrives on PORT.
peer_banner() {
	"$PY" - "$1" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
sys.exit(0 if s.recv(3) == b"220" else 1)
EOF
}

# _peer_wait NAME: wait for the banner or fail showing the log.
_peer_wait() {
	wait_until 10 peer_banner "$PEER_PORT" ||
		fail "$1 did not start: $(tail -20 "$PEER_LOG" 2>/dev/null)"
}

_peer_started() {
	PEER_NAME=$1
	PEER_PID=$!
	t_defer "stop_pid $PEER_PID"
	_peer_wait "$1"
}

start_vsftpd() {
	local dir=$1 conf range parent
	[ "$(id -u)" = 0 ] || skip "vsftpd needs root"
	command -v vsftpd >/dev/null || skip "vsftpd not installed"
	mkdir -p /var/run/vsftpd/empty
	parent=$(dirname "$dir")
	chown root:root "$parent"
	chmod 755 "$parent"
	chown -R "$(ftp_account):" "$dir"
	PEER_PORT=$(free_port)
	range=$(pasv_range)
	conf=$T/vsftpd.conf
	PEER_LOG=$T/vsftpd.log
	cat >"$conf" <<EOF
listen=YES
listen_ipv6=NO
background=NO
listen_address=127.0.0.1
listen_port=$PEER_PORT
seccomp_sandbox=NO
secure_chroot_dir=/var/run/vsftpd/empty
anonymous_enable=YES
no_anon_password=YES
anon_root=$parent
local_enable=NO
write_enable=YES
anon_upload_enable=YES
anon_mkdir_write_enable=YES
anon_other_write_enable=YES
anon_umask=022
pasv_enable=YES
pasv_min_port=${range% *}
pasv_max_port=${range#* }
port_enable=YES
connect_from_port_20=NO
max_per_ip=200
max_clients=200
xferlog_enable=NO
vsftpd_log_file=$PEER_LOG
dual_log_enable=NO
syslog_enable=NO
use_localtime=NO
hide_ids=YES
${VSFTPD_EXTRA:-}
EOF
	: >"$PEER_LOG"
	vsftpd "$conf" >>"$PEER_LOG" 2>&1 &
	PEER_PID=$!
	t_defer "stop_pid $PEER_PID"
	# The port was free a moment ago; under load another may take it.
	if ! wait_until 10 peer_banner "$PEER_PORT" &&
	    ! kill -0 "$PEER_PID" 2>/dev/null; then
		PEER_PORT=$(free_port)
		sed -i "s/^listen_port=.*/listen_port=$PEER_PORT/" "$conf"
		vsftpd "$conf" >>"$PEER_LOG" 2>&1 &
		PEER_PID=$!
		t_defer "stop_pid $PEER_PID"
	fi
	PEER_NAME=vsftpd
	_peer_wait vsftpd
	PEER_URL=ftp://127.0.0.1:$PEER_PORT/$(basename "$dir")/
}

start_pyftpdlib() {
	local dir=$1
	"$PY" -c 'import pyftpdlib' 2>/dev/null || skip "pyftpdlib not installed"
	PEER_PORT=$(free_port)
	PEER_LOG=$T/pyftpdlib.log
	"$PY" -m pyftpdlib -i 127.0.0.1 -p "$PEER_PORT" -w -d "$dir" \
	    >"$PEER_LOG" 2>&1 &
	_peer_started pyftpdlib
	PEER_URL=ftp://127.0.0.1:$PEER_PORT/
}

start_pureftpd() {
	local dir=$1 base=$TOP/build/peers/pure-ftpd range hash
	[ "$(id -u)" = 0 ] || skip "pure-ftpd needs root"
	[ -x "$base/usr/sbin/pure-ftpd" ] ||
		(cd "$TOP" && sh tests/peers/pureftpd-extract.sh) >/dev/null 2>&1
	[ -x "$base/usr/sbin/pure-ftpd" ] || skip "pure-ftpd not extracted"
	"$base/usr/sbin/pure-ftpd" --help >/dev/null 2>&1 ||
		[ $? -ne 127 ] || skip "pure-ftpd libraries missing"
	chown -R "$(ftp_account):" "$dir"
	# pure-pw would hash with argon2id (memory-hard, up to seconds per
	# login on a loaded machine); pure-ftpd checks any crypt(3) hash, so
	# the account line is written with a SHA-512 crypt and compiled.
	hash=$(perl -e 'print crypt($ARGV[0], q($6$forkftp$))' "$PEER_PASS")
	printf '%s:%s:%s:%s::%s/./::::::::::::\n' "$PEER_USER" "$hash" \
	    "$(id -u "$(ftp_account)")" "$(id -g "$(ftp_account)")" "$dir" \
	    >"$T/pureftpd.passwd"
	"$base/usr/bin/pure-pw" mkdb "$T/pureftpd.pdb" -f "$T/pureftpd.passwd" \
	    >/dev/null 2>&1 || fail "pure-pw mkdb failed"
	PEER_PORT=$(free_port)
	PEER_LOG=$T/pureftpd.log
	range=$(pasv_range)
	"$base/usr/sbin/pure-ftpd" -S "127.0.0.1,$PEER_PORT" \
	    -l "puredb:$T/pureftpd.pdb" -E -A -p "${range% *}:${range#* }" \
	    -c 100 -C 100 ${PUREFTPD_EXTRA:-} >"$PEER_LOG" 2>&1 &
	_peer_started pure-ftpd
	PEER_URL=ftp://$PEER_USER:$PEER_PASS@127.0.0.1:$PEER_PORT/
}

# _peer_gone PID: true once PID has exited.
_peer_gone() { ! kill -0 "$1" 2>/dev/null; }

# _proftpd_conf CONF: ProFTPD's whole configuration, nothing taken from
# /etc/proftpd.  Standalone, bound to 127.0.0.1 only (SocketBindTight;
# DefaultServer would then be ignored), no reverse DNS or ident lookups,
# no failed-login delay (mod_delay), no wtmp, its scoreboard, pid and log
# in $T.
_proftpd_conf() {
	local range
	range=$(pasv_range)
	cat >"$1" <<EOF
ServerName "forkftp test"
ServerType standalone
DefaultAddress 127.0.0.1
SocketBindTight on
UseIPv6 off
Port $PEER_PORT
PassivePorts ${range% *} ${range#* }
User $(ftp_account)
Group $(id -gn "$(ftp_account)")
UseReverseDNS off
<IfModule mod_ident.c>
IdentLookups off
</IfModule>
ModulePath $TOP/build/peers/proftpd/usr/lib/proftpd
PidFile $T/proftpd.pid
ScoreboardFile $T/proftpd.scoreboard
SystemLog $PEER_LOG
TransferLog NONE
WtmpLog off
DelayEngine off
AuthPAM off
AuthOrder mod_auth_file.c
AuthUserFile $T/proftpd.passwd
AuthGroupFile $T/proftpd.group
RequireValidShell off
DefaultRoot ~
Umask 022
AllowOverwrite on
AllowStoreRestart on
MaxInstances 200
TimesGMT on
${PROFTPD_EXTRA:-}
EOF
}

start_proftpd() {
	local dir=$1 base=$TOP/build/peers/proftpd acct hash try
	[ "$(id -u)" = 0 ] || skip "proftpd needs root"
	[ -x "$base/usr/sbin/proftpd" ] ||
		(cd "$TOP" && sh tests/peers/proftpd-extract.sh) >/dev/null 2>&1
	[ -x "$base/usr/sbin/proftpd" ] || skip "proftpd not extracted"
	"$base/usr/sbin/proftpd" -v >/dev/null 2>&1 || skip "proftpd libraries missing"
	acct=$(ftp_account)
	chown -R "$acct:" "$dir"
	# perl is in every Debian (perl-base); the hash is the usual crypt(3).
	hash=$(perl -e 'print crypt($ARGV[0], q($6$forkftp$))' "$PEER_PASS")
	printf '%s:%s:%s:%s::%s:/bin/false\n' "$PEER_USER" "$hash" \
	    "$(id -u "$acct")" "$(id -g "$acct")" "$dir" >"$T/proftpd.passwd"
	# The group file only names the group in LIST (else a number).
	printf '%s:x:%s:\n' "$(id -gn "$acct")" "$(id -g "$acct")" >"$T/proftpd.group"
	chmod 600 "$T/proftpd.passwd" "$T/proftpd.group"
	PEER_LOG=$T/proftpd.log
	: >"$PEER_LOG"
	# The port was free a moment ago; under load another may take it,
	# and then proftpd exits at once: one more try on another port.
	for try in 1 2; do
		PEER_PORT=$(free_port)
		_proftpd_conf "$T/proftpd.conf"
		"$base/usr/sbin/proftpd" -n -c "$T/proftpd.conf" >>"$PEER_LOG" 2>&1 &
		PEER_PID=$!
		# It acts on SIGTERM within about 0.4 s (its main loop's
		# timeout); KILL only if that did not happen.
		t_defer "kill -TERM $PEER_PID; wait_until 3 _peer_gone $PEER_PID; kill -KILL $PEER_PID"
		wait_until 10 peer_banner "$PEER_PORT" && break
		! kill -0 "$PEER_PID" 2>/dev/null || break
	done
	PEER_NAME=proftpd
	_peer_wait proftpd
	PEER_URL=ftp://$PEER_USER:$PEER_PASS@127.0.0.1:$PEER_PORT/
}

start_forkftpd_peer() {
	local dir=$1
	[ -x "$FORKFTPD" ] || skip "forkftpd not built"
	start_forkftpd --anonymous --anonymous-write "$dir"
	PEER_NAME=forkftpd
	PEER_PID=$FTPD_PID
	PEER_PORT=$FTPD_PORT
	PEER_LOG=$FTPD_LOG
	PEER_URL=ftp://127.0.0.1:$PEER_PORT/
}

# start_peer NAME DIR: one of vsftpd, pyftpdlib, pureftpd, proftpd, forkftpd.
start_peer() {
	case $1 in
	vsftpd) start_vsftpd "$2" ;;
	pyftpdlib) start_pyftpdlib "$2" ;;
	pureftpd|pure-ftpd) start_pureftpd "$2" ;;
	proftpd) start_proftpd "$2" ;;
	forkftpd) start_forkftpd_peer "$2" ;;
	*) fail "unknown peer $1" ;;
	esac
}

# fftp ARGS...: the forkftp client, bounded, trusting the forkftpd last
# started (FTPD_TRUST; tests that mean plain FTP pass --tls off).  Its own wait limit is 30 s
# (later options override it): pure-ftpd checks a pure-pw password with
# a memory-hard hash that took up to 10 s on a loaded 2-core machine.
fftp() {
	timeout -k 2 "${CLIENT_TIMEOUT:-60}" "$FORKFTP" --timeout 30 \
	    "${FTPD_TRUST[@]}" "$@" </dev/null
}
