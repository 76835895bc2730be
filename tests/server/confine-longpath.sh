#!/usr/bin/env bash
# Very long paths (5000 bytes: deep '../' chains, long names, many
# components) and over-long command lines are refused with 5xx; an
# over-long line is one error, never split into a second command; nothing
# outside the root is touched and the server keeps serving.
. "$(dirname "$0")/../lib.sh"
confine_setup
start_forkftpd --anonymous --anonymous-write "$ROOT"

rep() { local s=$1 n=$2 out=; for ((i = 0; i < n; i++)); do out+=$s; done; printf '%s' "$out"; }
dots=$(rep ../ 1700)			# 5100 bytes
comps=$(rep a/ 2500)			# 5000 bytes
long=$(rep x 5000)			# one 5000-byte name
mid=$(rep y 1000)			# 1000 bytes: longer than NAME_MAX, shorter than a line
deep=$(rep 'd/' 700)			# 1400 bytes, 700 components
# "RETR aaa...a" of exactly 4096 bytes then "DELE hello.txt": a server
# that splits long lines would run the DELE.
split="RETR $(rep a 4091)DELE hello.txt"

ftp_probe -f "$CANARY" -f only-in-sibling >"$T/probe" <<EOF2 || fail "long paths not refused: $(grep -av '^ok' "$T/probe")"
^5 RETR ${dots}sibling/canary.txt
^5 RETR ${comps}canary.txt
^5 RETR $long
^5 CWD ${dots}sibling
^5 LIST ${dots}sibling
^5 MLSD $dots
^5 STOR $long
^5 STOR ${dots}escaped.txt
^5 MKD $comps
^5 MKD $long
^5 RETR $mid
^5 STOR $mid
^5 MKD $mid
^5 RETR ${deep}x
^5 CWD $deep
^5 $split
^2 NOOP
^257."/" PWD
EOF2

ftp_probe >"$T/probe2" <<'EOF2' || fail "after long paths: $(grep -av '^ok' "$T/probe2")"
^2 RETR hello.txt
EOF2
confine_check
[ -e "$ROOT/hello.txt" ] || fail "an over-long line was split: DELE hello.txt ran"
assert_same_tree "$SRC" "$ROOT"
exit 0
