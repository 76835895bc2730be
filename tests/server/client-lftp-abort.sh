#!/usr/bin/env bash
# lftp interrupts transfers the Telnet way (IAC IP, urgent DM, ABOR): a
# download answers 426 then 226 and the partial file is a prefix of the
# original; an interrupted upload over an existing file leaves it intact
# with no temporary; the same session then goes on normally.
. "$(dirname "$0")/../lib.sh"
serve_sample --max-rate 300000
upload_files "$T/up"

t_lftp "debug -t -o $T/get.debug 9; get big.bin -o $OUT/part & sleep 1; kill all; \
get hello.txt -o $OUT/hello" || fail "lftp session with an aborted get failed"
grep -a -E -- '---> ABOR|<--- [0-9]{3}' "$T/get.debug" | sed -n '/ABOR/,$p' | head -3 |
	sed -E 's/.*(---> ABOR|<--- [0-9]{3}).*/\1/' | tr '\n' ' ' >"$T/seq"
assert_eq "---> ABOR <--- 426 <--- 226 " "$(cat "$T/seq")" "lftp ABOR sequence"
grep -aq '426 reply missed' "$T/get.debug" && fail "lftp says: server bug: 426 reply missed"
size=$(stat -c %s "$OUT/part")
[ "$size" -gt 0 ] && [ "$size" -lt 3145728 ] || fail "aborted get: $size bytes"
head -c "$size" "$SRC/big.bin" >"$T/prefix"
assert_same_file "$T/prefix" "$OUT/part"
assert_same_file "$SRC/hello.txt" "$OUT/hello"

t_lftp "debug -t -o $T/put.debug 9; put '$T/up/up big.bin' -o big.bin & sleep 1; kill all; \
put '$T/up/up text.txt' -o after.txt" || fail "lftp session with an aborted put failed"
grep -aq -- '---> ABOR' "$T/put.debug" || fail "lftp did not send ABOR for the put"
wait_until 10 no_temporaries "$ROOT" || fail "temporary left: $(find "$ROOT" -name '.forkftpd*')"
assert_same_file "$SRC/big.bin" "$ROOT/big.bin"
assert_same_file "$T/up/up text.txt" "$ROOT/after.txt"
exit 0
