# bench-tui.sh: issue 7 item 7, sourced by bench-lib.sh's bench_tui.
# forkftp runs in a private tmux server at a fixed size, connected to
# forkftpd at /tui/, which holds ".." and the large directory "huge".
# One run: put the cursor on "huge" (End), then time from sending Enter to
# the first screen that shows the first entry f000000, polling
# capture-pane without sleeping (each poll is one tmux client, a few ms,
# so the figure is an upper bound).  Then back out with Backspace.
# Sets secs (bench_median) and rss (bench_median VmRSS of forkftp with it open, KiB).
# Then issue 17: 10,000 local files marked and queued for upload (F5), the
# queue view (J) timed from the key to its drawn header counting them
# all (qopen), and from g to its first row drawn (qscroll).
# The remote pane is active after connecting (tests/tui/browse.sh relies on
# it too); BENCH_TUI_PREKEYS: keys to send first if that changes [none].

bench_tui_screen() { tmux -L "$B_TMUX" capture-pane -p -t bench 2>/dev/null; }
bench_tui_shows() { bench_tui_screen | grep -q -- "$1"; }
bench_tui_lacks() { ! bench_tui_screen | grep -q -- "$1"; }

# bench_tui_poll T0 SECONDS PATTERN: seconds since T0 (an EPOCHREALTIME)
# until PATTERN is on screen, or fail.  Polls every ~5 ms (read -t on a fifo nobody writes: a sleep that
# forks nothing), so the poller leaves the CPUs to forkftp and the server.
bench_tui_poll() {
	local t0=$1 end=$((SECONDS + $2)) i
	for ((i = 0; i < 100000; i++)); do
		if bench_tui_shows "$3"; then
			bench_calc "$EPOCHREALTIME - $t0" 3
			return 0
		fi
		[ "$SECONDS" -le "$end" ] || return 1
		read -r -t 0.005 -u "$B_NEVER" _
	done
	return 1
}

bench_tui_rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

bench_tui_measure() {
	local dir=$T/tuilocal pid i s t0 t=() m=() hwm
	B_TMUX=forkftp-bench-$$
	mkdir -p "$dir"
	mkfifo "$T/never"
	exec {B_NEVER}<>"$T/never"
	tmux -L "$B_TMUX" -f /dev/null new-session -d -s bench -x 120 -y 40 \
	    -c "$dir" "exec $FORKFTP ${FTPD_FP:+--trust-fingerprint $FTPD_FP} ftp://$B_USER:$B_PASS@127.0.0.1:$FTPD_PORT/tui/" ||
		{ bench_say "tmux did not start"; return; }
	t_defer "tmux -L $B_TMUX kill-server"
	pid=$(tmux -L "$B_TMUX" list-panes -t bench -F '#{pane_pid}')
	if ! wait_until 10 bench_tui_shows huge; then
		bench_say "TUI never showed the remote /tui/: $(bench_tui_screen | head -20)"
		return
	fi
	for k in ${BENCH_TUI_PREKEYS-}; do
		tmux -L "$B_TMUX" send-keys -t bench "$k"
	done
	for ((i = 0; i <= RUNS; i++)); do
		tmux -L "$B_TMUX" send-keys -t bench End
		sleep 0.2	# no screen change to wait for: End may be a no-op
		t0=$EPOCHREALTIME
		tmux -L "$B_TMUX" send-keys -t bench Enter
		s=$(bench_tui_poll "$t0" 20 f000000) ||
			{ bench_say "TUI: listing never drawn: $(bench_tui_screen | head -12)"; return; }
		[ "$i" = 0 ] || { t+=("$s"); m+=("$(bench_tui_rss "$pid")"); }
		tmux -L "$B_TMUX" send-keys -t bench BSpace
		wait_until 20 bench_tui_lacks f000000 ||
			{ bench_say "TUI: could not leave the directory"; return; }
	done
	hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
	bench_say "  TUI: forkftp pid $pid, peak RSS (VmHWM) $hwm KiB;" \
	    "$(bench_descendants "$pid" | wc -w) child processes," \
	    "$(for p in $(bench_descendants "$pid"); do bench_tui_rss "$p"; done |
	    awk '{ s += $1 } END { print s + 0 }') KiB RSS in them"
	bench_tui_queue "$dir"
	tmux -L "$B_TMUX" send-keys -t bench q
	sleep 0.5
	tmux -L "$B_TMUX" send-keys -t bench y
	secs=$(bench_median "${t[@]}")
	rss=$(bench_median "${m[@]}")
}

# The queue view with 10,000 jobs: the local directory q10k, every file
# marked and uploaded into /tui/ (empty files: most finish at once, the
# view lists finished and queued alike).  Sets qopen and qscroll.
bench_tui_queue() {
	local dir=$1 t0 k v
	mkdir -p "$dir/q10k"
	(cd "$dir/q10k" && seq -f 'q%05g' 0 9999 | xargs touch) ||
		{ bench_say "cannot create 10000 local files"; return; }
	for k in Tab r End Enter; do
		tmux -L "$B_TMUX" send-keys -t bench "$k"
	done
	wait_until 20 bench_tui_shows q00000 ||
		{ bench_say "TUI: q10k never listed: $(bench_tui_screen | head -5)"; return; }
	tmux -L "$B_TMUX" send-keys -t bench '*' F5 Enter
	wait_until 20 bench_tui_shows 'Queue: ' || return
	t0=$EPOCHREALTIME
	tmux -L "$B_TMUX" send-keys -t bench J
	# A failed poll must leave the figure n/a, not empty (an empty one
	# would pass its target).
	v=$(bench_tui_poll "$t0" 20 'transfer queue: 10000 jobs') ||
		{ bench_say "TUI: queue view never drawn: $(bench_tui_screen | head -3)"; return; }
	qopen=$v
	t0=$EPOCHREALTIME
	tmux -L "$B_TMUX" send-keys -t bench g
	v=$(bench_tui_poll "$t0" 20 '/q00000 ') ||
		{ bench_say "TUI: queue view never scrolled: $(bench_tui_screen | head -3)"; return; }
	qscroll=$v
	for k in Escape X; do
		tmux -L "$B_TMUX" send-keys -t bench "$k"
	done
}
