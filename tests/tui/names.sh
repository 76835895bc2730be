#!/usr/bin/env bash
# Hostile and international names render safely: escape sequences, BEL
# and invalid UTF-8 become '?', never reach the terminal raw; wide
# characters are laid out by display width (the columns stay aligned)
# and long names are cut by columns, never in the middle of a character.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
printf 'e\n' >"$T/root/"$'evil\e[31mred\e[0m.txt'
printf 'b\n' >"$T/root/"$'bell\a.txt'
printf 'i\n' >"$T/root/"$'bad\xff\xfe.bin'
printf 'w\n' >"$T/root/日本語のとても長いファイル名がここにありますよ.txt"
printf 'c\n' >"$T/root/"$'cafe\xcc\x81.txt'
printf 'r\n' >"$T/root/"$'rtl\xe2\x80\xaeexe.txt'
make_root "$T/root"
start_forkftpd --anonymous-write "$T/root"
mkdir -p "$T/local"
printf 'n\n' >"$T/local/"$'new\nline.txt'
printf 'u\n' >"$T/local/Grüße 日本.txt"

tui_start "$FTPD_URL/"
wait_screen 'bell'
s=$(tmux_screen)
assert_match 'evil\?\[31mred\?\[0m\.txt' "$s" "ESC shown as ?"
assert_match 'bell\?\.txt' "$s" "BEL shown as ?"
assert_match 'bad\?\?\.bin' "$s" "invalid UTF-8 shown as ?"
assert_match 'rtl\?exe\.txt' "$s" "bidi override shown as ?"
assert_match $'cafe\xcc\x81\\.txt' "$s" "combining accent kept"
assert_match 'new\?line\.txt' "$s" "newline in a local name shown as ?"
assert_match 'Grüße 日本\.txt' "$s" "UTF-8 name shown as is"
assert_match '日本語のとても長い.*~' "$s" "long wide name cut with ~"

# Every row is exactly as wide as the terminal allows, in display
# columns, and the pane separator sits in the same column on every row.
printf '%s\n' "$s" >"$T/screen"
python3 - "$T/screen" <<'PY' || fail "layout broken by wide or hostile names: $(cat "$T/screen")"
import sys, unicodedata
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w
cols = set()
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if width(line) > 100:
        sys.exit("too wide: " + line)
    if "│" in line:
        cols.add(width(line.split("│")[0]))
if len(cols) != 1:
    sys.exit("separator columns: %s" % cols)
PY

# No raw escape sequence reached the terminal: "red" is not drawn in red
# and the BEL did not ring (tmux would have flagged the window).
tmux -L "$TMUX_SOCK" capture-pane -t t -p -e >"$T/esc"
grep -q $'\e\\[31mred' "$T/esc" && fail "the name's escape sequence reached the terminal"
[ "$(tmux -L "$TMUX_SOCK" display -t t -p '#{window_bell_flag}')" = 0 ] ||
	fail "the BEL of a name rang the terminal"

# A hostile name can still be downloaded under its real bytes.
tmux_keys g j j j F5 Enter	# bad, bell, café, evil
wait_screen 'Queue: empty \| done 1'
assert_same_file "$T/root/"$'evil\e[31mred\e[0m.txt' "$T/local/"$'evil\e[31mred\e[0m.txt'
tmux_keys q
tmux_exited 10
