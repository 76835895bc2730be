#!/usr/bin/env bash
# STOR through a nameless temporary (O_TMPFILE, linked into place at the
# end).  While an upload is under way no new name appears in the target
# directory, yet the serving child holds a deleted file filling up with
# the data; SIGKILL that child mid-upload and the directory holds exactly
# what it held before, the old file byte-identical.  A complete upload
# replaces the old file atomically (a reader holding it open keeps the
# old bytes; the path gives the new ones; the mode stays), a new name is
# created with the umask's mode, TYPE A stores CRLF as LF.
#
# Rounds: the server as started (root: chrooted child as the ftp account),
# the server started as the ftp account (when root), and the named
# .forkftpd.* fallback forced by a seccomp filter, once refusing
# linkat(AT_EMPTY_PATH) with ENOENT (Linux before 6.10 without
# CAP_DAC_READ_SEARCH) and once refusing O_TMPFILE (openat2 ENOSYS so the
# jail falls back to openat, and openat(O_TMPFILE) EOPNOTSUPP).  In the
# fallback rounds the temporary has a name during the upload, and a
# SIGKILL (which nothing can catch) leaves it behind: that is the weakness
# the nameless temporary removes.
. "$(dirname "$0")/../lib.sh"

[ "$(uname -m)" = x86_64 ] || note "not x86_64: fallback rounds skipped"

# wrap MODE: make FORKFTPD run under tests/tools/seccomp_wrap.py MODE.
wrap() { FORKFTPD=$(sec_seccomp_wrap "$1" "$FORKFTPD"); }

# child_tmpfd CHILD: the child's fd open on a deleted file in $ROOT.
child_tmpfd() {
	local f
	for f in /proc/"$1"/fd/*; do
		case $(readlink "$f" 2>/dev/null) in
		"$ROOT/#"*' (deleted)') echo "$f"; return 0 ;;
		esac
	done
	return 1
}

# fd_size_is FD BYTES: the file open on FD holds BYTES.
fd_size_is() {
	[ "$(stat -L -c %s "$1" 2>/dev/null)" = "$2" ]
}

# kill_child_mid_upload NAMED: slow STOR over big.bin, SIGKILL the child.
kill_child_mid_upload() {
	local named=$1 child fd slow
	ls -A "$ROOT" >"$T/names.before"
	"$PY" "$TOP/tests/tools/slowstor.py" "$FTPD_PORT" big.bin kill 1048576 \
	    >"$T/slow.out" 2>&1 &
	slow=$!
	t_defer "kill -KILL $slow"
	wait_until 10 grep -q '^SENT' "$T/slow.out" ||
		fail "$R: upload did not start: $(cat "$T/slow.out")"
	wait_until 5 eval '[ "$(ftpd_nchildren)" = 1 ]' ||
		fail "$R: expected one session child: $(proc_children "$FTPD_PID")"
	child=$(proc_children "$FTPD_PID" | awk '{ print $1 }')
	if [ "$named" = 0 ]; then
		wait_until 10 child_tmpfd "$child" >/dev/null ||
			fail "$R: the child holds no nameless temporary: $(ls -l /proc/"$child"/fd/)"
		fd=$(child_tmpfd "$child")
		wait_until 10 fd_size_is "$fd" 1048576 ||
			fail "$R: the nameless temporary holds $(stat -L -c %s "$fd") bytes, want 1048576"
		ls -A "$ROOT" | diff "$T/names.before" - ||
			fail "$R: a name appeared in the directory during the upload"
	else
		wait_until 10 eval '! no_temporaries "$ROOT"' ||
			fail "$R: the fallback made no .forkftpd.* temporary: $(ls -A "$ROOT")"
		child_tmpfd "$child" >/dev/null &&
			fail "$R: the fallback still used a nameless temporary"
	fi
	assert_same_file "$SRC/big.bin" "$ROOT/big.bin"
	kill -KILL "$child"
	wait_until 10 no_ftpd_children || fail "$R: killed child not reaped"
	kill -KILL "$slow"; wait "$slow" 2>/dev/null
	assert_same_file "$SRC/big.bin" "$ROOT/big.bin"
	if [ "$named" = 1 ]; then
		# SIGKILL cannot be caught: the named fallback leaves its file
		no_temporaries "$ROOT" &&
			fail "$R: the named temporary vanished after SIGKILL?"
		find "$ROOT" -maxdepth 1 -name '.forkftpd.*' -delete
	fi
	ls -A "$ROOT" | diff "$T/names.before" - ||
		fail "$R: the directory changed after the child was killed"
}

# complete_uploads: replace big.bin (mode kept, atomically), new names.
complete_uploads() {
	local ino mode want
	head -c 2500000 /dev/urandom >"$T/new.bin"
	# curl sends LF as CRLF in TYPE A; the server must store LF again
	printf 'one\ntwo\nlone\rcr\n' >"$T/lf.txt"
	chmod 640 "$ROOT/big.bin"
	ino=$(stat -c %i "$ROOT/big.bin")
	exec 7<"$ROOT/big.bin"
	t_curl -T "$T/new.bin" "$(ftp_url big.bin)" || fail "$R: STOR over big.bin"
	assert_same_file "$T/new.bin" "$ROOT/big.bin"
	cmp -s /dev/fd/7 "$SRC/big.bin" ||
		fail "$R: a reader of the old big.bin saw it change"
	exec 7<&-
	[ "$(stat -c %i "$ROOT/big.bin")" != "$ino" ] ||
		fail "$R: big.bin was rewritten in place, not replaced"
	assert_eq 640 "$(stat -c %a "$ROOT/big.bin")" "$R: mode of the replaced file"
	t_curl -T "$T/new.bin" "$(ftp_url "sub dir/fresh $R.bin")" ||
		fail "$R: STOR of a new name"
	assert_same_file "$T/new.bin" "$ROOT/sub dir/fresh $R.bin"
	want=$(printf '%o' $((0644 & ~0$(umask))))
	mode=$(stat -c %a "$ROOT/sub dir/fresh $R.bin")
	assert_eq "$want" "$mode" "$R: mode of a new file (0644 & ~umask)"
	[ "$(id -u)" != 0 ] || assert_eq "$(ftp_account)" \
	    "$(stat -c %U "$ROOT/sub dir/fresh $R.bin")" "$R: owner of a new file"
	t_curl --use-ascii -T "$T/lf.txt" "$(ftp_url "ascii $R.txt")" ||
		fail "$R: TYPE A STOR"
	assert_same_file "$T/lf.txt" "$ROOT/ascii $R.txt"
	no_temporaries "$ROOT" || fail "$R: temporary left: $(find "$ROOT" -name '.forkftpd*')"
}

# round NAME NAMED: a fresh sample tree, the server, both checks.
round() {
	R=$1
	note "round $R"
	T_ROUND=$T/$R
	mkdir -p "$T_ROUND"
	ROOT=$T_ROUND/root SRC=$T_ROUND/src
	make_root "$ROOT"
	sample_files "$ROOT"
	cp -a "$ROOT" "$SRC"
	start_forkftpd --anonymous --anonymous-write "$ROOT"
	kill_child_mid_upload "$2"
	complete_uploads
	kill -TERM "$FTPD_PID"
	wait_until 5 eval '! kill -0 $FTPD_PID 2>/dev/null' || kill -KILL "$FTPD_PID"
}

BASE=$FORKFTPD
round as-started 0
if [ "$(id -u)" = 0 ]; then
	unpriv_forkftpd
	round unprivileged 0
	UNPRIV=$FORKFTPD
else
	UNPRIV=$BASE
fi
if [ "$(uname -m)" = x86_64 ]; then
	FORKFTPD=$BASE; wrap link; round no-linkat 1
	FORKFTPD=$BASE; wrap tmpfile; round no-tmpfile 1
	FORKFTPD=$UNPRIV; wrap link; round unprivileged-no-linkat 1
fi
exit 0
