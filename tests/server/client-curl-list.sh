#!/usr/bin/env bash
# curl lists directories (LIST, and NLST with -l): every name of the sample
# tree appears, with spaces and UTF-8 intact, sizes right, empty dir empty.
. "$(dirname "$0")/../lib.sh"
serve_sample

t_curl "$(ftp_url '')" >"$T/list" || fail "curl LIST / failed"
for n in 'big.bin' 'empty dir' 'empty.txt' 'Grüße 日本.txt' 'hello.txt' \
    'sub dir' 'text lines.txt'; do
	grep -q -F -- " $n" "$T/list" || fail "LIST / lacks [$n]: $(cat "$T/list")"
done
assert_match '^-.* 3145728 .* big\.bin\r?$' "$(grep 'big.bin' "$T/list")" "LIST line of big.bin"
assert_match '^d.* sub dir\r?$' "$(grep 'sub dir' "$T/list")" "LIST line of sub dir"

t_curl -l "$(ftp_url '')" | tr -d '\r' | sort >"$T/nlst" || fail "curl NLST failed"
printf '%s\n' 'big.bin' 'empty dir' 'empty.txt' 'Grüße 日本.txt' 'hello.txt' \
    'sub dir' 'text lines.txt' | sort >"$T/want"
cmp -s "$T/want" "$T/nlst" || fail "NLST /: expected [$(cat "$T/want")], saw [$(cat "$T/nlst")]"

t_curl "$(ftp_url 'sub dir/')" >"$T/sub" || fail "curl LIST 'sub dir/' failed"
grep -q ' mid\.bin' "$T/sub" && grep -q ' deeper' "$T/sub" ||
	fail "LIST 'sub dir': $(cat "$T/sub")"
grep -q 'hello' "$T/sub" && fail "LIST 'sub dir' shows the root: $(cat "$T/sub")"

t_curl "$(ftp_url 'empty dir/')" >"$T/empty" || fail "curl LIST 'empty dir/' failed"
assert_eq "" "$(cat "$T/empty")" "listing of an empty directory"
exit 0
