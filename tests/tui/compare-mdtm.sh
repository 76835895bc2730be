#!/usr/bin/env bash
# = against a server without MLSD: its LIST times are not exact, so with
# MDTM the files on both sides get their exact times from it (newer is
# then found both ways, equal times stay unmarked); without MDTM only
# sizes count, and the status line says so.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"
. "$TOP/tests/lib/fake.sh"

old='2020-01-02 03:04:05'
new='2023-05-06 07:08:09'
mkdir -p "$T/root" "$T/local"
put() { printf '%s' "$3" >"$1/$2"; touch -d "$4" "$1/$2"; }
put "$T/root" newer-there.txt NEW "$new";	put "$T/local" newer-there.txt old "$old"
put "$T/root" newer-here.txt old "$old";	put "$T/local" newer-here.txt NEW "$new"
put "$T/root" same.txt same "$old";		put "$T/local" same.txt same "$old"
start_fake mdtm

tui_start "$FAKE_URL"
wait_screen 'same\.txt'
tmux_keys '='
wait_screen '1 newer here, 1 newer there$'
grep -q "MDTM /newer-there.txt" "$RAW" || fail "no MDTM sent: $(cat "$RAW")"
s=$(tmux_screen)
printf '%s\n' "$s" | grep -q '│\*newer-there\.txt' || fail "newer-there.txt not marked remotely: $s"
printf '%s\n' "$s" | grep -q '^\*newer-here\.txt' || fail "newer-here.txt not marked locally: $s"
if printf '%s\n' "$s" | grep -q '\*same\.txt'; then fail "same.txt marked: $s"; fi
tmux_keys q
tmux_exited 15

# The same server without MDTM: sizes only (all equal here), said so.
_tmux kill-session -t t
: >"$RAW"
start_fake
tui_start "$FAKE_URL"
wait_screen 'same\.txt'
tmux_keys '='
wait_screen 'no differences \(sizes only: the server gives no exact times\)'
tmux_keys q
tmux_exited 15
