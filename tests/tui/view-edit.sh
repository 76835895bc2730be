#!/usr/bin/env bash
# F3/v views the current file with $PAGER and F4/e edits it with
# $EDITOR, local or remote.  A remote file is fetched into a private
# directory under $TMPDIR; an edit goes back to the server only when the
# bytes changed and the server's copy did not change meanwhile, and is
# kept on disk (the status line says where) whenever it cannot go back.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

make_root "$T/root"
mkdir -p "$T/root/zdir"
printf 'first line\nsecond line\n' >"$T/root/a-notes.txt"
head -c 300000 /dev/urandom >"$T/root/b-data.bin"
printf 'edit me\n' >"$T/root/c-edit.txt"
printf 'race me\n' >"$T/root/d-race.txt"
printf 'leave me\n' >"$T/root/e-same.txt"
make_root "$T/root"
chmod -R a+rX "$T/root"
start_forkftpd --anonymous-write "$T/root"

mkdir -p "$T/local" "$T/tmp" "$T/seen"
printf 'local text\n' >"$T/local/l-view.txt"
printf 'local edit\n' >"$T/local/l-edit.txt"

# The pager keeps a copy of what it was shown, and where it was.
cat >"$T/pager" <<EOF
#!/bin/sh
n=\$(ls "$T/seen" | wc -l)
cp "\$1" "$T/seen/\$n"
printf '%s\n' "\$1" >"$T/seen-path"
EOF
# The editor does what $T/mode says.
cat >"$T/editor" <<EOF
#!/bin/sh
printf '%s\n' "\$1" >"$T/edit-path"
case \$(cat "$T/mode") in
append) printf 'added by the editor\n' >>"\$1" ;;
race) printf 'changed on the server\n' >>"$T/root/d-race.txt"
      printf 'my edit\n' >>"\$1" ;;
fail) printf 'half done\n' >>"\$1"; exit 3 ;;
esac
exit 0
EOF
chmod 755 "$T/pager" "$T/editor"

tmux_start 100 30 sh -c 'cd "$1" && shift && exec "$@"' sh "$T/local" \
	env -u VISUAL PAGER="$T/pager" EDITOR="$T/editor" TMPDIR="$T/tmp" \
	"$FORKFTP" "${FTPD_TRUST[@]}" "$FTPD_URL/"
wait_screen 'a-notes\.txt'

# pick NAME: filter the pane down to NAME (and "..") and put the cursor
# on its last entry; unfilter drops the filter.
pick() {
	tmux_keys /
	tmux_type "$1"
	tmux_keys Enter
	wait_screen "\\] /$1"
	tmux_keys G
}
unfilter() { tmux_keys / Escape; }

# Remote view: the pager sees the server's bytes, the copy is removed.
pick a-notes
tmux_keys F3
wait_until 10 test -s "$T/seen/0" || fail "pager never ran for a remote file"
assert_same_file "$T/root/a-notes.txt" "$T/seen/0"
case $(cat "$T/seen-path") in
"$T/tmp/forkftp."*/a-notes.txt) ;;
*) fail "remote file viewed from $(cat "$T/seen-path"), not a private dir under TMPDIR" ;;
esac
wait_until 5 sh -c '[ -z "$(ls -A "$1")" ]' sh "$T/tmp" ||
	fail "the fetched copy was left behind: $(ls -A "$T/tmp")"
unfilter

# A binary file, with the letter key.
pick b-data
tmux_keys v
wait_until 10 test -s "$T/seen/1" || fail "pager never ran for b-data.bin"
assert_same_file "$T/root/b-data.bin" "$T/seen/1"
unfilter

# F3 on a directory says so and runs nothing.
pick zdir
tmux_keys F3
wait_screen 'zdir is a directory'
[ ! -e "$T/seen/2" ] || fail "pager ran for a directory"
unfilter

# Remote edit that changes the file: it goes back to the server.
printf 'edit me\nadded by the editor\n' >"$T/want"
echo append >"$T/mode"
pick c-edit
tmux_keys F4
wait_screen 'saved c-edit\.txt to the server'
assert_same_file "$T/want" "$T/root/c-edit.txt"
wait_until 5 sh -c '[ -z "$(ls -A "$1")" ]' sh "$T/tmp" ||
	fail "an edit that went back was left in TMPDIR"
unfilter

# An editor that changes nothing: no upload (the file keeps its inode
# and time, which an atomic upload would replace).
before=$(stat -c '%i %Y' "$T/root/e-same.txt")
echo none >"$T/mode"
pick e-same
tmux_keys e
wait_screen 'e-same\.txt unchanged'
[ "$(stat -c '%i %Y' "$T/root/e-same.txt")" = "$before" ] ||
	fail "an unchanged edit was uploaded"
unfilter

# The server's copy changed while editing: the edit is kept locally.
echo race >"$T/mode"
pick d-race
tmux_keys F4
wait_screen 'd-race\.txt changed on the server meanwhile'
kept=$(cat "$T/edit-path")
printf 'race me\nmy edit\n' >"$T/want"
assert_same_file "$T/want" "$kept"
printf 'race me\nchanged on the server\n' >"$T/want"
assert_same_file "$T/want" "$T/root/d-race.txt"
unfilter

# An editor that fails after writing: nothing is uploaded, the file stays.
echo fail >"$T/mode"
pick a-notes
tmux_keys F4
wait_screen 'failed; the file is kept in'
kept=$(cat "$T/edit-path")
printf 'first line\nsecond line\nhalf done\n' >"$T/want"
assert_same_file "$T/want" "$kept"
printf 'first line\nsecond line\n' >"$T/want"
assert_same_file "$T/want" "$T/root/a-notes.txt"
unfilter

# Local view and edit work on the file itself.
tmux_keys Tab
wait_screen 'l-view\.txt'
pick l-view
tmux_keys F3
wait_until 10 test -s "$T/seen/2" || fail "pager never ran for a local file"
assert_same_file "$T/local/l-view.txt" "$T/seen/2"
[ "$(cat "$T/seen-path")" = "$T/local/l-view.txt" ] ||
	fail "local file viewed from a copy: $(cat "$T/seen-path")"
unfilter
echo append >"$T/mode"
pick l-edit
tmux_keys F4
printf 'local edit\nadded by the editor\n' >"$T/want"
wait_until 10 cmp -s "$T/want" "$T/local/l-edit.txt" ||
	fail "local edit did not happen"

# The browser is still alive and answers.
tmux_keys q
tmux_exited 10
[ "$TUI_STATUS" = 0 ] || fail "forkftp exited with $TUI_STATUS"
