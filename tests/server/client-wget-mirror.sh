#!/usr/bin/env bash
# wget -r mirrors the whole tree through LIST parsing: every file byte for
# byte, names with spaces and UTF-8, subdirectories; and a subtree alone.
. "$(dirname "$0")/../lib.sh"
serve_sample

(cd "$OUT" && t_wget -r -nH -P all "$(ftp_url '')") || fail "wget -r failed"
# wget does not create local directories for empty remote ones
rm -rf "$T/want" && cp -a "$SRC" "$T/want" && rmdir "$T/want/empty dir"
rmdir "$OUT/all/empty dir" 2>/dev/null
assert_same_tree "$T/want" "$OUT/all"

(cd "$OUT" && t_wget -r -nH --cut-dirs=1 -P part "$(ftp_url 'sub dir/')") ||
	fail "wget -r of a subdirectory failed"
assert_same_tree "$SRC/sub dir" "$OUT/part"

# -m (mirror: timestamps from the listing); a second run keeps everything
(cd "$OUT" && TZ=UTC t_wget -m -nH -P mir "$(ftp_url '')") || fail "wget -m failed"
(cd "$OUT" && TZ=UTC t_wget -m -nH -P mir "$(ftp_url '')") || fail "second wget -m failed"
rm -f "$OUT"/mir/.listing "$OUT"/mir/*/.listing "$OUT"/mir/*/*/.listing
rmdir "$OUT/mir/empty dir" 2>/dev/null
assert_same_tree "$T/want" "$OUT/mir"
# LIST shows minutes for recent files: the mtime must match to the minute
a=$(stat -c %Y "$SRC/big.bin") b=$(stat -c %Y "$OUT/mir/big.bin")
[ $((a / 60)) = $((b / 60)) ] ||
	fail "wget -m: mtime of big.bin from the listing: expected $a (to the minute), saw $b"
exit 0
