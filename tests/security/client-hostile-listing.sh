#!/usr/bin/env bash
# The client against hostile listings (tests/tools/hostile_ftpd.py), each
# served as MLSD and as LIST: names with terminal escape sequences (CSI,
# OSC, C1 CSI raw and UTF-8, BEL, BS, DEL, CR, NUL, invalid UTF-8), a
# hostile PWD reply, 10,000-character names and targets, a 200,000-byte
# line, a 1 MB line without newline, lines missing fields.  forkftp -e
# 'pwd; ls -l /' must exit 0, stay ASan-clean, print every hostile entry
# (markers), print no control byte or invalid UTF-8 on stdout or stderr,
# and stay under 64 MiB of peak RSS.
. "$(dirname "$0")/../lib.sh"

[ -x "$FORKFTP" ] || skip "no forkftp binary"
runs=0
for mode in escapes long missing; do
	for m in "" --no-mlsd; do
		sec_hostile_server "$mode" $m
		sec_client_peak "$T/out" "$T/err" 'pwd; ls -l /'
		what="$mode ${m:-(MLSD)}"
		[ "$CLIENT_RC" = 0 ] || fail "$what: forkftp exited $CLIENT_RC: $(head -c 600 "$T/err")"
		case $mode in
		escapes) markers="ok1 ok2 ok3 ok4 ok5 ok6 ok7 ok8 ok9 ok10 ok11 ok12 ok13 ok14 ok15 ok16";;
		long) markers="ok1LLLLLLLLLL ok2 ok3 ok7after";;
		missing) markers="ok2fine";;
		esac
		sec_py sec_check_output.py "$T/out" $markers >"$T/chk" ||
			fail "$what: stdout: $(cat "$T/chk")"
		sec_py sec_check_output.py "$T/err" >"$T/chk" ||
			fail "$what: stderr: $(cat "$T/chk")"
		[ "$CLIENT_KB" -lt 65536 ] || fail "$what: peak RSS $CLIENT_KB KiB (limit 64 MiB)"
		note "$what: exit 0, $(wc -l <"$T/out") lines printed, peak RSS $CLIENT_KB KiB"
		runs=$((runs + 1))
	done
done
sec_tried "$runs hostile listings (3 kinds x MLSD/LIST), 40 hostile names, 10,000-char names, 1 MB lines"
exit 0
