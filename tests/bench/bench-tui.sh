# bench-tui.sh: issue 7 item 7, sourced by bench-lib.sh's bench_tui.
# forkftp runs in a private tmux server at a fixed size, connected to
# forkftpd at /tui/, which holds ".." and the large directory "huge".
# One run: put the cursor on "huge" (End), then time from sending Enter to
# the first screen that shows the first entry f000000, polling
# capture-pane without sleeping (each poll is one tmux client, a few ms,
# so the figure is an upper bound).  Then back out with Backspace.
# Sets secs (bench_median) and rss (bench_median VmRSS of forkftp with it open, KiB).
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
	    -c "$dir" "exec $FORKFTP ftp://$B_USER:$B_PASS@127.0.0.1:$FTPD_PORT/tui/" ||
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
	tmux -L "$B_TMUX" send-keys -t bench q
	secs=$(bench_median "${t[@]}")
	rss=$(bench_median "${m[@]}")
}
