#!/usr/bin/env bash
# lftp mirror (download) and mirror -R (upload) copy whole trees, with
# empty files, empty directories, spaces, UTF-8 and MiB files, and file
# times (MLSD modify down, MFMT up).
. "$(dirname "$0")/../lib.sh"
serve_sample

touch -d '2003-04-05 06:07:08 UTC' "$ROOT/sub dir/mid.bin"
t_lftp "mirror / '$OUT/down'" >/dev/null || fail "lftp mirror failed"
assert_same_tree "$SRC" "$OUT/down"
# the times come from the MLSD modify fact
assert_eq "$(stat -c %Y "$ROOT/sub dir/mid.bin")" "$(stat -c %Y "$OUT/down/sub dir/mid.bin")" \
	"mtime of a mirrored file"

# upload tree: a copy of the sample plus more, with an empty directory
cp -a "$SRC" "$T/uptree"
upload_files "$T/uptree/uploads"
mkdir -p "$T/uptree/new empty" "$T/uptree/a/b/c"
touch -d '2002-03-04 05:06:07 UTC' "$T/uptree/big.bin"
t_lftp "mirror -R '$T/uptree' 'mirrored copy'" >/dev/null || fail "lftp mirror -R failed"
assert_same_tree "$T/uptree" "$ROOT/mirrored copy"
# lftp sets the uploaded file's time with MFMT
assert_eq "$(stat -c %Y "$T/uptree/big.bin")" "$(stat -c %Y "$ROOT/mirrored copy/big.bin")" \
	"mtime of a file uploaded by mirror -R (MFMT)"

# mirror again: nothing to do, still identical
t_lftp "mirror -R '$T/uptree' 'mirrored copy'" >/dev/null || fail "second lftp mirror -R failed"
assert_same_tree "$T/uptree" "$ROOT/mirrored copy"
exit 0
