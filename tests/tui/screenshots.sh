#!/usr/bin/env bash
# make screenshots: forkftp in a real terminal (xterm under Xvfb) against
# a demo forkftpd, photographed in a few states into screenshots/*.png:
# browsing, a transfer with its progress bar, the queue view, the
# overwrite question, the compared panes and the help screen.  Keys go through a tmux inside the xterm (status line
# off), so each state is reached by waiting for it on screen, not by
# sleeping.  Not part of make test (tests/run leaves this file out).
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
FORKFTPD=${FORKFTPD:-$TOP/server/forkftpd}
FORKFTP=${FORKFTP:-$TOP/tui-client/forkftp}
. "$TOP/tests/lib.sh"
OUT=${SCREENSHOT_DIR:-$TOP/screenshots}

# What the pictures need (not part of make test, so not in tests/deps.sh).
need() {
	for t in Xvfb xterm xwd xwdtopnm pnmtopng tmux; do
		command -v $t >/dev/null || return 1
	done
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ]
}
if ! need && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		xvfb xterm x11-apps netpbm tmux fonts-dejavu-core >/dev/null
fi
need || {
	echo "screenshots need: apt-get install xvfb xterm x11-apps netpbm tmux fonts-dejavu-core" >&2
	exit 1
}
[ -x "$FORKFTP" ] && [ -x "$FORKFTPD" ] || fail "build first (make)"
mkdir -p "$OUT"

# A display nobody uses.
for d in $(seq 90 140); do
	[ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ] || break
done
export DISPLAY=:$d
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >"$T/xvfb.log" 2>&1 &
t_defer "kill $!"
wait_until 10 test -e "/tmp/.X11-unix/X$d" || fail "Xvfb did not start: $(cat "$T/xvfb.log")"

# The demo tree.
S=$T/root
mkdir -p "$S/docs/notes" "$S/photos 2026" "$S/upload"
printf 'Welcome to the forkftp demo.\n' >"$S/README.txt"
head -c 50000000 /dev/urandom >"$S/debian-13.iso"
head -c 4194304 /dev/urandom >"$S/release-1.0.tar.gz"
for i in 1 2 3; do printf 'note %s\n' $i >"$S/docs/notes/note-$i.txt"; done
for i in 1 2 3 4; do head -c $((i * 90000)) /dev/urandom >"$S/photos 2026/IMG_000$i.jpg"; done
printf 'Grüße\n' >"$S/Grüße – café.txt"
seq 1 30000 >"$S/numbers.csv"
head -c 3000000 /dev/urandom >"$S/backup-old.tar"
make_root "$S"
mkdir -p "$T/local/projects" "$T/local/Downloads"
printf 'todo\n' >"$T/local/todo.txt"
cp "$S/README.txt" "$T/local/README.txt"
printf 'x' >>"$T/local/README.txt"
head -c 2500000 /dev/urandom >"$T/local/backup.tar"
start_forkftpd --anonymous-write --max-rate 4000000 "$S"

cat >"$T/tmux.conf" <<'CONF'
set -g status off
set -g default-terminal "xterm-256color"
CONF
TMUX_SOCK=forkftp-shots-$$
xterm -geometry 100x30+0+0 -fa 'DejaVu Sans Mono' -fs 11 -bg '#1d1f21' -fg '#d0d0d0' \
	-xrm 'XTerm*colorMode: true' -T forkftp-shot -e \
	tmux -L "$TMUX_SOCK" -f "$T/tmux.conf" new-session -s t -x 100 -y 30 \
	"cd '$T/local' && LANG=C.UTF-8 exec '$FORKFTP' --trust-fingerprint '$FTPD_FP' '$FTPD_URL/'" >"$T/xterm.log" 2>&1 &
t_defer "kill $!"
t_defer "tmux -L $TMUX_SOCK kill-server"
wait_until 10 tmux -L "$TMUX_SOCK" has-session -t t || fail "xterm/tmux did not start: $(cat "$T/xterm.log")"
wait_screen 'README\.txt'

shot() {	# shot NAME: the xterm window as screenshots/NAME.png
	sleep 0.3	# let xterm paint what tmux already shows
	xwd -silent -name forkftp-shot | xwdtopnm 2>/dev/null | pnmtopng >"$OUT/$1.png" ||
		fail "could not take $1"
	echo "wrote $OUT/$1.png"
}

# Browsing: two marks in the remote pane.
# Remote: docs/ photos 2026/ upload/ backup-old.tar debian-13.iso Grüße numbers.csv README.txt release
tmux_keys g j j j Space Space
wait_screen '2 marked'
shot browse

# Both marked files transfer at once, each with its progress bar.
tmux_keys F5 Enter
wait_screen 'get debian-13\.iso +\[#+-*\] +[0-9]+%' 20
sleep 1.5
shot transfer
# The same two in the queue view (J).
tmux_keys J
wait_screen 'running +get +[0-9.]+M /debian-13\.iso +\[#*-+\]'
shot queue
tmux_keys Escape
tmux_keys X
wait_screen 'Queue: empty' 20

# The overwrite question: README.txt exists locally with other content.
tmux_keys / ; tmux_type 'README'; tmux_keys Enter
wait_screen '1 entry '
tmux_keys g F5 Enter
wait_screen 'README\.txt exists here'
shot overwrite
tmux_keys s
tmux_keys /
tmux_keys Escape

# The panes compared (=): what each side lacks or has newer is marked.
tmux_keys =
wait_screen 'only here'
shot compare

# Help.
tmux_keys F1
wait_screen 'forkftp help'
shot help
tmux_keys q
tmux_keys q
