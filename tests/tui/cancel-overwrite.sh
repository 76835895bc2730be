#!/usr/bin/env bash
# Issue 21 item 1: an upload over an existing file, cancelled (Esc) at
# half way or its worker killed, leaves the server's old file byte for
# byte and no temporary; the client never sends DELE for the target.
# Against a rate-limited forkftpd and vsftpd.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

# no_parts DIR: no client temporary (nor forkftpd's own) is left in DIR.
no_parts() { ! find "$1" -name '.forkftp*' | grep -q .; }
# snap_pids: note the server's session processes (and their children)
# and forkftp's workers now, while the question is on screen, so acting
# at half way costs no process scan (slow on a loaded machine).
snap_pids() {
	local p pane tui
	SESSIONS=
	for p in $(pgrep -P "$SERVER_PID"); do
		SESSIONS="$SESSIONS $p $(pgrep -P "$p" | tr '\n' ' ')"
	done
	pane=$(tmux -L "$TMUX_SOCK" list-panes -t t -F '#{pane_pid}')
	tui=$(pgrep -P "$pane" | head -1)
	[ -n "$tui" ] || fail "forkftp process not found"
	WORKERS=$(pgrep -P "$tui" | tr '\n' ' ')
	[ -n "$WORKERS" ] || fail "no worker under forkftp $tui"
}
# server_fds: the open files of the noted server processes.
server_fds() {
	local c
	for c in $SESSIONS; do
		ls -d /proc/"$c"/fd/* 2>/dev/null
	done
}
# half_there ROOT: the new data at the server is over half way: a
# visible temporary, or one the server holds open without a name
# (forkftpd's O_TMPFILE), has more than 1.4 MB.
half_there() {
	local f
	for f in $(find "$1" -name '.forkftp*') $(server_fds); do
		case $f in /proc/*) case $(readlink "$f") in "$1"/*) ;; *) continue ;; esac ;; esac
		[ "$(stat -L -c %s "$f" 2>/dev/null || echo 0)" -gt 1400000 ] && return 0
	done
	return 1
}

# kill_workers: SIGKILL the transfer workers snap_pids noted.
kill_workers() {
	local w
	for w in $WORKERS; do
		kill -KILL "$w"
	done
}

# run PEER ROOT URL
run() {
	local peer=$1 root=$2 url=$3
	head -c 2000000 /dev/urandom >"$root/up.bin"
	[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$root/up.bin"
	cp "$root/up.bin" "$T/old.bin"
	rm -rf "$T/local"
	mkdir -p "$T/local"
	# 12 s at the server's rate: room to act on a loaded box.
	head -c 6000000 /dev/urandom >"$T/local/up.bin"

	tui_start "$url"
	wait_screen 'up\.bin'
	tmux_keys Tab
	wait_screen 'up\.bin +5\.7M'
	tmux_keys g j F5 Enter
	wait_screen 'up\.bin exists on the server'
	snap_pids
	tmux_keys o
	wait_until 20 half_there "$root" || fail "$peer: upload never half way"
	tmux_keys Escape
	wait_screen 'up\.bin: cancelled' 15
	assert_same_file "$T/old.bin" "$root/up.bin"
	wait_until 10 no_parts "$root" || fail "$peer: temporary left: $(ls -A "$root")"

	# The worker killed at half way: the UI removes its temporary.
	tmux_keys F5 Enter
	wait_screen 'up\.bin exists on the server'
	snap_pids
	tmux_keys o
	wait_until 20 half_there "$root" || fail "$peer: second upload never half way"
	kill_workers
	wait_screen 'up\.bin: worker died' 15
	assert_same_file "$T/old.bin" "$root/up.bin"
	wait_until 15 no_parts "$root" || fail "$peer: temporary left after the kill: $(ls -A "$root")"

	tmux_keys L
	wait_screen '> RNFR|> STOR'
	tmux_screen | grep -q '> DELE .*/up\.bin$' && fail "$peer: DELE of the target"
	tmux_keys L q
	tmux_exited 10
	tmux -L "$TMUX_SOCK" kill-server
}

make_root "$T/fk"
start_forkftpd --anonymous-write --max-rate 500000 "$T/fk"
SERVER_PID=$FTPD_PID
run forkftpd "$T/fk" "$FTPD_URL/"

if [ "$(id -u)" = 0 ] && command -v vsftpd >/dev/null; then
	mkdir -p "$T/vs"
	make_root "$T/vs/root"
	VSFTPD_EXTRA='anon_max_rate=500000' start_vsftpd "$T/vs/root"
	SERVER_PID=$PEER_PID
	run vsftpd "$T/vs/root" "$PEER_URL"
else
	note "vsftpd part skipped (needs root and vsftpd)"
fi
exit 0
