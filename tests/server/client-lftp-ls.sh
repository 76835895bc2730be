#!/usr/bin/env bash
# lftp ls (LIST) and cls (MLSD) show every name with spaces and UTF-8, the
# right sizes and types, in the root, a subdirectory and an empty one.
. "$(dirname "$0")/../lib.sh"
serve_sample

printf '%s\n' 'big.bin' 'empty dir' 'empty.txt' 'Grüße 日本.txt' 'hello.txt' \
    'sub dir' 'text lines.txt' | sort >"$T/want"

t_lftp 'ls' >"$T/ls" || fail "lftp ls failed"
for n in 'big.bin' 'empty dir' 'empty.txt' 'Grüße 日本.txt' 'hello.txt' \
    'sub dir' 'text lines.txt'; do
	grep -q -F -- " $n" "$T/ls" || fail "lftp ls lacks [$n]: $(cat "$T/ls")"
done
assert_match '^-.* 3145728 .* big\.bin$' "$(grep 'big.bin' "$T/ls")" "ls line of big.bin"

t_lftp 'cls -1' | sed 's|/$||' | sort >"$T/cls" || fail "lftp cls failed"
cmp -s "$T/want" "$T/cls" || fail "cls -1: expected [$(cat "$T/want")], saw [$(cat "$T/cls")]"

# cls -l uses the MLSD facts: size and type
t_lftp 'cls -l --block-size=1' >"$T/clsl" || fail "lftp cls -l failed"
assert_match '^-.* 3145728 .*big\.bin$' "$(grep 'big.bin' "$T/clsl")" "cls -l line of big.bin"
assert_match '^d.*sub dir/?$' "$(grep 'sub dir' "$T/clsl")" "cls -l line of sub dir"

t_lftp 'cd "sub dir" && cls -1' >"$T/sub" || fail "lftp cd + cls failed"
assert_eq "$(printf 'deeper/\nmid.bin')" "$(sort "$T/sub")" "cls of sub dir"

t_lftp 'cls -1 "sub dir/deeper"' >"$T/deeper" || fail "lftp cls of a path failed"
assert_match 'leaf\.txt' "$(cat "$T/deeper")" "cls sub dir/deeper"

t_lftp 'cd "empty dir" && ls' >"$T/empty" || fail "lftp ls of an empty dir failed"
assert_eq "" "$(cat "$T/empty")" "ls of an empty directory"

t_lftp 'cd "no such dir"' 2>/dev/null && fail "lftp cd into a missing directory succeeded"
exit 0
