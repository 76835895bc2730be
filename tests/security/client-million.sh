#!/usr/bin/env bash
# The client against a listing of 1,000,000 entries (about 60 MB), as MLSD
# and as LIST: forkftp -e 'ls -l /' exits 0, prints all 1,000,000
# entries, stays ASan-clean, and its peak RSS stays under 512 MiB (about
# 500 bytes per entry including sanitizer overhead: a listing is not
# copied over and over).
. "$(dirname "$0")/../lib.sh"

[ -x "$FORKFTP" ] || skip "no forkftp binary"
for m in "" --no-mlsd; do
	sec_hostile_server million $m
	sec_client_peak "$T/out" "$T/err" 'ls -l /'
	what="1,000,000 entries ${m:-(MLSD)}"
	[ "$CLIENT_RC" = 0 ] || fail "$what: forkftp exited $CLIENT_RC: $(head -c 600 "$T/err")"
	n=$(grep -c ' f[0-9]\{7\}$' "$T/out")
	assert_eq 1000000 "$n" "$what: entries printed"
	grep -q ' f0999999$' "$T/out" || fail "$what: the last entry is missing"
	[ "$CLIENT_KB" -lt 524288 ] || fail "$what: peak RSS $CLIENT_KB KiB (limit 512 MiB)"
	note "$what: peak RSS $CLIENT_KB KiB"
done
sec_tried "2 listings of 1,000,000 entries (MLSD and LIST)"
exit 0
