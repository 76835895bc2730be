#!/usr/bin/env bash
# = against a listing of 100,000 entries: the comparison is by sorted
# names (not a scan per entry), so it answers at once; the summary counts
# every one, and the browser stays responsive afterwards.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
mkdir -p "$T/root/big" "$T/local"
"$PY" - "$T/root/big" "$T/local" <<'PY'
import os, sys
big, local = sys.argv[1:3]
for i in range(100000):
    open(os.path.join(big, "f%06d" % i), "w").close()
with open(os.path.join(local, "f000001"), "w") as f:
    f.write("x")
open(os.path.join(local, "zz-local"), "w").close()
for p in (os.path.join(big, "f000001"), os.path.join(local, "f000001")):
    os.utime(p, (1600000000, 1600000000))
PY
make_root "$T/root"
start_forkftpd "$T/root"

tui_start "$FTPD_URL/big/"
wait_screen '100001 entries' 120
tmux_keys '='
wait_screen '99999 only here, 1 only there, 1 bigger there' 60
wait_screen '99999 marked'
tmux_keys G
wait_screen 'f099999' 30
tmux_keys Tab
wait_screen '^\*zz-local'
wait_screen '^\*f000001'
tmux_keys q
tmux_exited 30
assert_eq 0 "$TUI_STATUS" "exit status"
