#!/usr/bin/env bash
# lftp in its other modes works the same: active (PORT), EPSV preferred,
# LIST instead of MLSD (so the LIST parser builds the mirror), and active
# with LIST: mirror down, mput up, cls, each byte for byte.
. "$(dirname "$0")/../lib.sh"
serve_sample
upload_files "$T/up"

i=0
for mode in 'set ftp:passive-mode off' 'set ftp:prefer-epsv yes' \
    'set ftp:use-mlsd no' 'set ftp:passive-mode off; set ftp:use-mlsd no'; do
	i=$((i + 1))
	t_lftp "$mode; mirror / '$OUT/m$i'" >/dev/null || fail "[$mode] mirror failed"
	rm -rf "$OUT/m$i/up$((i - 1))"
	assert_same_tree "$SRC" "$OUT/m$i"
	t_lftp "$mode; mkdir up$i && cd up$i && mput '$T/up'/*" || fail "[$mode] mput failed"
	assert_same_tree "$T/up" "$ROOT/up$i"
	t_lftp "$mode; cls -1 up$i" | sed 's|.*/||' | sort >"$T/cls" || fail "[$mode] cls failed"
	(cd "$T/up" && ls -1) | sort >"$T/want"
	cmp -s "$T/want" "$T/cls" || fail "[$mode] cls: expected [$(cat "$T/want")], saw [$(cat "$T/cls")]"
	rm -rf "$ROOT/up$((i - 1))"
done
exit 0
