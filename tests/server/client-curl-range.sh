#!/usr/bin/env bash
# curl --range: REST to the start, then curl stops reading at the end,
# sends a plain ABOR and closes; the bytes are exact, the session child
# goes away, and curl's path methods (multicwd, singlecwd, nocwd) reach
# files in subdirectories alike.
. "$(dirname "$0")/../lib.sh"
serve_sample

for r in 0-0 0-99 1000-1999 3145000-3145727 3000000-; do
	t_curl -r "$r" -o "$OUT/part" "$(ftp_url 'big.bin')" || fail "curl -r $r failed"
	start=${r%-*} end=${r#*-}
	[ -n "$end" ] || end=3145727
	tail -c +$((start + 1)) "$SRC/big.bin" | head -c $((end - start + 1)) >"$T/want"
	assert_same_file "$T/want" "$OUT/part"
done
wait_until 10 no_ftpd_children || fail "session children left after ranged downloads: $(proc_children "$FTPD_PID")"

for m in multicwd singlecwd nocwd; do
	t_curl --ftp-method $m -o "$OUT/leaf.$m" "$(ftp_url 'sub dir/deeper/leaf.txt')" ||
		fail "curl --ftp-method $m download failed"
	assert_same_file "$SRC/sub dir/deeper/leaf.txt" "$OUT/leaf.$m"
	t_curl --ftp-method $m "$(ftp_url 'sub dir/deeper/')" >"$T/list.$m" ||
		fail "curl --ftp-method $m LIST failed"
	grep -q ' leaf\.txt' "$T/list.$m" || fail "--ftp-method $m LIST: $(cat "$T/list.$m")"
	t_curl --ftp-method $m -T "$SRC/hello.txt" "$(ftp_url "sub dir/deeper/up $m.txt")" ||
		fail "curl --ftp-method $m upload into a subdirectory failed"
	assert_same_file "$SRC/hello.txt" "$ROOT/sub dir/deeper/up $m.txt"
done
ftpd_alive || fail "server no longer serves"
exit 0
