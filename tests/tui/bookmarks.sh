#!/usr/bin/env bash
# Bookmarks and recent servers: b adds the server and remote directory
# under a name (file mode 0600 in a 0700 directory, no password in it);
# a later forkftp without a URL opens the list (Ctrl-\ from the form),
# Enter connects into that directory; a user with a password gets the
# form pre-filled, or connects straight when ~/.netrc has the password;
# the recent list shows the last servers; d deletes.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

export HOME=$T/home XDG_CONFIG_HOME=$T/config XDG_STATE_HOME=$T/state
mkdir -p "$HOME"
BM=$XDG_CONFIG_HOME/forkftp/bookmarks HIST=$XDG_STATE_HOME/forkftp/history

make_root "$T/root"
# Anonymous gets its own root: alice's home may not lie inside it.
sample_files "$T/root/pub"
mkdir -p "$T/root/homes/alice/docs"
printf 'alice file\n' >"$T/root/homes/alice/docs/a.txt"
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$T/root/homes"
chmod -R a+rX "$T/root/homes"
hash=$(printf 'alicepw\n' | "$FORKFTPD" --hash-password) ||
	fail "--hash-password failed"
printf 'alice:%s:homes/alice:rw\n' "$hash" >"$T/users"
start_forkftpd --anonymous --anonymous-root pub -u "$T/users" "$T/root"
# Each part below is a new forkftp in a new tmux server.
tui_done() {
	tmux_exited 10
	assert_eq 0 "$TUI_STATUS" "exit status"
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
}

# 1. Anonymous, into "sub dir/deeper", bookmark it.
tui_start "$FTPD_URL/"
wait_screen 'hello\.txt'
# The filter leaves one directory (and ..): End is on it.
tmux_type '/sub'
tmux_keys Enter End Enter
wait_screen 'anonymous@127\.0\.0\.1[^ ]*/sub dir'
wait_screen 'deeper/'
tmux_type '/deeper'
tmux_keys Enter End Enter
wait_screen '/sub dir/deeper'
wait_screen 'leaf\.txt'
tmux_keys b
wait_screen 'bookmarks and recent servers'
tmux_keys a
wait_screen 'Bookmark name: 127\.0\.0\.1'
tmux_keys C-u
tmux_type 'deep one'
tmux_keys Enter
wait_screen 'bookmark deep one saved'
wait_screen '> +deep one +anonymous@127\.0\.0\.1:'"$FTPD_PORT"' +/sub dir/deeper'
tmux_keys q q
tui_done

[ -f "$BM" ] || fail "no bookmarks file at $BM"
assert_eq 600 "$(stat -c %a "$BM")" "bookmarks file mode"
assert_eq 700 "$(stat -c %a "$XDG_CONFIG_HOME/forkftp")" "directory mode"
assert_eq "deep one	127.0.0.1	$FTPD_PORT	anonymous	/sub dir/deeper	auto" \
	"$(grep -v '^#' "$BM")" "the bookmark line"
grep -q 'forkftp@' "$BM" && fail "anonymous password in the bookmarks file"
[ -f "$HIST" ] || fail "no history file at $HIST"
assert_eq 600 "$(stat -c %a "$HIST")" "history file mode"
assert_eq "	127.0.0.1	$FTPD_PORT	anonymous	/sub dir/deeper	auto" \
	"$(grep -v '^#' "$HIST")" "the history line (last directory)"

# 2. No URL: the form; Ctrl-\ opens the list; Enter connects there.
tui_start
wait_screen 'Connect to an FTP server'
wait_screen 'Ctrl-\\: bookmarks'
tmux_keys 'C-\'
wait_screen 'bookmarks and recent servers'
s=$(tmux_screen)
assert_match '> +deep one +anonymous@127\.0\.0\.1' "$s" "bookmark listed first"
assert_match '\(recent\) +anonymous@127\.0\.0\.1:'"$FTPD_PORT"' +/sub dir/deeper' \
	"$s" "recent server listed"
tmux_keys Enter
wait_screen 'ftp://anonymous@127\.0\.0\.1[^ ]*/sub dir/deeper'
wait_screen 'leaf\.txt'
tmux_keys q
tui_done

# 3. alice with her password in the URL: bookmark docs; the password
# is in neither file.
tui_start "ftp://alice:alicepw@127.0.0.1:$FTPD_PORT/docs"
wait_screen 'ftp://alice@127\.0\.0\.1[^ ]*/docs'
wait_screen 'a\.txt'
tmux_keys b a C-u
tmux_type 'alice docs'
tmux_keys Enter
wait_screen 'bookmark alice docs saved'
tmux_keys Escape q
tui_done
grep -q alicepw "$BM" "$HIST" && fail "a password was written to disk"
grep -q "^alice docs	127.0.0.1	$FTPD_PORT	alice	/docs	auto\$" "$BM" ||
	fail "alice's bookmark: $(cat "$BM")"
assert_eq alice "$(grep -v '^#' "$HIST" | head -1 | cut -f4)" \
	"the most recent server first"
assert_eq 2 "$(grep -vc '^#' "$HIST")" "two recent servers"

# 4. No ~/.netrc: Enter on alice's bookmark opens the form, filled in,
# at the password; typing it connects into /docs.
tui_start
wait_screen 'Connect to an FTP server'
tmux_keys Escape b
wait_screen 'bookmarks and recent servers'
tmux_keys Down
wait_screen '> +alice docs'
tmux_keys Enter
wait_screen 'Connect to an FTP server'
s=$(tmux_screen)
assert_match 'Host +127\.0\.0\.1' "$s" "host filled in"
assert_match "Port +$FTPD_PORT" "$s" "port filled in"
assert_match 'User +alice' "$s" "user filled in"
tmux_type 'alicepw'
tmux_keys Enter
wait_screen 'ftp://alice@127\.0\.0\.1[^ ]*/docs'
wait_screen 'a\.txt'
tmux_keys q
tui_done

# 5. With ~/.netrc the same bookmark connects straight away.
printf 'machine 127.0.0.1 login alice password alicepw\n' >"$HOME/.netrc"
chmod 600 "$HOME/.netrc"
tui_start
wait_screen 'Connect to an FTP server'
tmux_keys Escape b Down
wait_screen '> +alice docs'
tmux_keys Enter
wait_screen 'ftp://alice@127\.0\.0\.1[^ ]*/docs'
wait_screen 'a\.txt'
s=$(tmux_screen)
case $s in *'Connect to an FTP server'*) fail "form shown despite ~/.netrc";; esac

# 6. d deletes (after y); n keeps.
tmux_keys b
wait_screen '> +deep one'
tmux_keys d
wait_screen 'Delete bookmark deep one\? \(y/n\)'
tmux_keys n
wait_screen cancelled
grep -q '^deep one	' "$BM" || fail "n deleted the bookmark"
tmux_keys d
wait_screen 'Delete bookmark deep one\? \(y/n\)'
tmux_keys y
wait_screen deleted
wait_screen '> +alice docs'
grep -q '^deep one	' "$BM" && fail "bookmark still in the file: $(cat "$BM")"
grep -q '^alice docs	' "$BM" || fail "the other bookmark went too"
assert_eq 600 "$(stat -c %a "$BM")" "mode after the rewrite"
# A recent server goes the same way, from the history file.
tmux_keys Down
wait_screen '> +\(recent\) +alice@'
tmux_keys d
wait_screen 'Delete recent server alice@127\.0\.0\.1\? \(y/n\)'
tmux_keys y
wait_screen deleted
grep -q '	alice	' "$HIST" && fail "recent server still in history"
tmux_keys q q
tui_done
# Quitting while connected updated the history again, alice first.
assert_eq alice "$(grep -v '^#' "$HIST" | head -1 | cut -f4)" \
	"history rewritten on quit"
ls -A "$XDG_CONFIG_HOME/forkftp" "$XDG_STATE_HOME/forkftp" | grep -q XXXXXX &&
	fail "temporary files left behind"
exit 0
