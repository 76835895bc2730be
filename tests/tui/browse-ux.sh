#!/usr/bin/env bash
# Browsing as a new user does (issue 21 item 5): natural name order
# (f2 before f10) with byte order as a sort; r keeps the cursor on its
# entry (or the neighbour when it is gone); links are marked '@' with
# their target on the info line; a long name is cut in the middle,
# keeping its extension, and shown whole on the info line; the remote
# header keeps the path visible; Enter on a file views it; a status
# line goes when it stops being true; an upload says "finishing", not
# 100%, until the server confirmed it.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
for n in f1 f2 f10; do printf '%s\n' "$n" >"$T/root/$n"; done
deep="$T/root/a-rather-long-directory-name/and-another-long-one"
mkdir -p "$deep/leaf-directory-at-the-end"
make_root "$T/root"
chmod -R a+rX "$T/root"
start_forkftpd --anonymous-write --max-rate 1000000 "$T/root"
mkdir -p "$T/local" "$T/seen"
long=a-very-long-file-name-that-does-not-fit-in-the-pane-at-all-really.tar.gz
printf 'long\n' >"$T/local/$long"
ln -s /etc/hostname "$T/local/zlink"
head -c 6000000 /dev/urandom >"$T/local/up.bin"
cat >"$T/pager" <<EOF
#!/bin/sh
cp "\$1" "$T/seen/viewed"
EOF
chmod 755 "$T/pager"

tmux_start 100 30 sh -c 'cd "$1" && shift && exec "$@"' sh "$T/local" \
	env PAGER="$T/pager" TMPDIR="$T" "$FORKFTP" "${FTPD_TRUST[@]}" "$FTPD_URL/"
wait_screen 'f10'
remote_names() { tmux_screen | sed -n '3,12p' | sed 's/.*│//' | awk '{print $1}' | grep -v '^$' | tr '\n' ' '; }
assert_eq "a-rather-long-directory-name/ f1 f2 f10 " "$(remote_names)" "natural order"
tmux_keys s s s
wait_screen '\[bytes\]'
assert_eq "a-rather-long-directory-name/ f1 f10 f2 " "$(remote_names)" "byte order"
tmux_keys s s s s s
wait_screen '\[name\]'

# r keeps the cursor on f10 while a new entry appears above it.
cursor_rows() {
	tmux -L "$TMUX_SOCK" capture-pane -t t -p -e |
		grep -E $'\e\\[([0-9]+;)*7(;[0-9]+)*m' | sed -E $'s/\e\\[[0-9;]*m//g'
}
_cursor_on() { cursor_rows | sed 's/.*│//' | grep -Eq "^ *$1"; }
tmux_keys G
wait_until 5 _cursor_on 'f10 ' || fail "cursor not on f10: $(cursor_rows)"
printf 'new\n' >"$T/root/f05"
tmux_keys r
wait_screen 'f05'
wait_until 5 _cursor_on 'f10 ' || fail "r moved the cursor: $(cursor_rows)"
# Gone: the cursor goes to the neighbour at the same row.
tmux_keys k
wait_until 5 _cursor_on 'f05 ' || fail "cursor not on f05: $(cursor_rows)"
rm -f "$T/root/f05"
tmux_keys C-r
wait_screen_not '│ f05 '
wait_until 5 _cursor_on 'f10 ' || fail "cursor not on the neighbour after a removal: $(cursor_rows)"

# Enter on a file views it.
tmux_keys Enter
wait_until 10 test -s "$T/seen/viewed" || fail "Enter did not view the file"
assert_same_file "$T/root/f10" "$T/seen/viewed"

# The remote header keeps the path visible: user@host gives way.
tmux_keys g Enter
wait_screen 'and-another-long-one/'
tmux_keys j Enter
wait_screen 'leaf-directory-at-the-end/'
tmux_keys j Enter
wait_screen '│ 127\.0\.0~ <.*-long-one/leaf-directory-at-the-end *$'

# Local pane: a link and a long name.
tmux_keys Tab
wait_screen 'zlink@'
tmux_keys G
wait_screen 'zlink -> /etc/hostname'
tmux_keys g j
wait_screen 'file-name-th~\.gz '
wait_screen '<.*pane-at-all-really\.tar\.gz│'

# Upload to the rate-limited server: "finishing" until the 226, the
# status "uploading 1 entry" gone once the queue is empty.
tmux_keys G k F5
wait_screen 'Copy up\.bin to ftp://'
tmux_keys C-u
tmux_type '/'
tmux_keys Enter
wait_screen 'uploading 1 entry'
wait_screen 'put up\.bin .*finishing' 30
[ -e "$T/root/up.bin" ] && fail "finishing shown after the server had the file"
wait_until 30 test -e "$T/root/up.bin" || fail "upload never arrived"
wait_screen 'Queue: empty' 30
wait_screen_not 'uploading 1 entry'
assert_same_file "$T/local/up.bin" "$T/root/up.bin"
tmux_keys q
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"
