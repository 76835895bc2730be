#!/usr/bin/env bash
# lftp mirror (download) and mirror -R (upload) copy whole trees, with
# empty files, empty directories, spaces, UTF-8 and MiB files.
. "$(dirname "$0")/../lib.sh"
serve_sample

t_lftp "mirror / '$OUT/down'" >/dev/null || fail "lftp mirror failed"
assert_same_tree "$SRC" "$OUT/down"

# upload tree: a copy of the sample plus more, with an empty directory
cp -a "$SRC" "$T/uptree"
upload_files "$T/uptree/uploads"
mkdir -p "$T/uptree/new empty" "$T/uptree/a/b/c"
t_lftp "mirror -R '$T/uptree' 'mirrored copy'" >/dev/null || fail "lftp mirror -R failed"
assert_same_tree "$T/uptree" "$ROOT/mirrored copy"

# mirror again: nothing to do, still identical
t_lftp "mirror -R '$T/uptree' 'mirrored copy'" >/dev/null || fail "second lftp mirror -R failed"
assert_same_tree "$T/uptree" "$ROOT/mirrored copy"
exit 0
