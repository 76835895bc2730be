#!/usr/bin/env bash
# lftp mkdir, mv (RNFR/RNTO, across directories), rm, rm -r, rmdir change
# the tree as asked; refused operations fail and change nothing.
. "$(dirname "$0")/../lib.sh"
serve_sample

t_lftp "mkdir 'new dir' && mkdir -p 'x/y z'" || fail "lftp mkdir failed"
[ -d "$ROOT/new dir" ] && [ -d "$ROOT/x/y z" ] || fail "mkdir did not create the directories"

t_lftp "mv hello.txt 'new dir/hi there.txt'" || fail "lftp mv failed"
[ -e "$ROOT/hello.txt" ] && fail "mv left the source"
assert_same_file "$SRC/hello.txt" "$ROOT/new dir/hi there.txt"

t_lftp "mv 'Grüße 日本.txt' 'Ölçü 名前.txt'" || fail "lftp mv (UTF-8) failed"
assert_same_file "$SRC/Grüße 日本.txt" "$ROOT/Ölçü 名前.txt"

t_lftp "mv 'sub dir' 'x/moved dir'" || fail "lftp mv of a directory failed"
assert_same_tree "$SRC/sub dir" "$ROOT/x/moved dir"

t_lftp "rm empty.txt 'text lines.txt'" || fail "lftp rm failed"
[ -e "$ROOT/empty.txt" ] || [ -e "$ROOT/text lines.txt" ] && fail "rm left files"

t_lftp "rmdir 'empty dir'" || fail "lftp rmdir failed"
[ -e "$ROOT/empty dir" ] && fail "rmdir left the directory"

t_lftp "rmdir 'x'" 2>/dev/null && fail "rmdir of a non-empty directory succeeded"
[ -f "$ROOT/x/moved dir/mid.bin" ] || fail "refused rmdir removed files"
t_lftp "rm 'no such file'" 2>/dev/null && fail "rm of a missing file succeeded"

t_lftp "rm -r x" || fail "lftp rm -r failed"
[ -e "$ROOT/x" ] && fail "rm -r left the tree"
t_lftp "rmdir 'new dir'" 2>/dev/null && fail "rmdir of a directory with a file succeeded"
assert_same_file "$SRC/hello.txt" "$ROOT/new dir/hi there.txt"
exit 0
