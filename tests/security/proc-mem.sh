#!/usr/bin/env bash
# A session child cannot open its parent's or a sibling session's
# /proc/PID/mem (issue 20): the listener and every session are not
# dumpable, so a hijacked session of a server started as an ordinary
# user cannot write into the listener's memory.  The open is made inside
# a real session child (gdb calls open(2) there, with the child's
# credentials, chroot and seccomp filter), in two rounds: the server as
# started (root: chrooted children as the ftp account) and the server
# started as the ftp account (no chroot, one uid for all).
. "$(dirname "$0")/../lib.sh"

[ "$(id -u)" = 0 ] || skip "gdb attaches to non-dumpable sessions only as root"
command -v gdb >/dev/null || skip "no gdb"

# open_in PID PATH: "RET ERRNO" of open(PATH, O_RDWR) called inside PID.
open_in() {
	timeout 60 gdb -p "$1" -batch -nx \
	    -ex "print (int)open(\"$2\", 2)" \
	    -ex 'print *(int *)__errno_location()' 2>/dev/null |
	    sed -n 's/^\$[0-9]* = //p' | tr '\n' ' ' | sed 's/ $//'
}

# check_round NAME: hold two sessions, probe from the first.
check_round() {
	local name=$1 a b got
	make_root "$T/root.$name"
	start_forkftpd --anonymous "$T/root.$name"
	hold_sessions "$FTPD_PORT" 2 "$name" anonymous x@
	wait_until 10 grep -q ready "$T/hold.$name.out" ||
		fail "$name: sessions not held: $(cat "$T/hold.$name.out")"
	set -- $(sec_children "$FTPD_PID")
	[ $# = 2 ] || fail "$name: expected 2 session children, saw [$*]"
	a=$1 b=$2
	for target in "$FTPD_PID:the parent" "$b:a sibling"; do
		got=$(open_in "$a" "/proc/${target%%:*}/mem")
		case $got in
		"-1 "*) note "$name: ${target#*:}'s mem: open -> $got (errno)";;
		*) fail "$name: session $a opened ${target#*:}'s /proc/${target%%:*}/mem read-write: [$got]";;
		esac
	done
	release_sessions "$name"
}

check_round as-started
unpriv_forkftpd
check_round unprivileged
exit 0
