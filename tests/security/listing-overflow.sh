#!/usr/bin/env bash
# The listing bug classes peers shipped (ProFTPD MLSD/MLST overflow with
# long symlink targets, LIST -B heap overflow, pure-ftpd MLSD - + 4110
# bytes, IAC in names): a tree with 255-byte names (ASCII and UTF-8), a
# 4000-byte symlink target, ~4000-byte deep paths, names holding CR, LF,
# 0xFF and format directives, 2,000 entries.  Every listing is complete
# and well-formed, CR/LF names are never listed, 0xFF is doubled on the
# control connection, no crash (ASan), the session still answers.
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
sec_fixture "$ROOT"
cd "$ROOT" || fail "no root"
: >"$(printf 'n%.0s' $(seq 255))"
: >"$(printf 'é%.0s' $(seq 127))"
: >"$(printf 'cr\rcrname')"
: >"$(printf 'lf\nlfname')"
: >"$(printf 'iac\377name')"
: >'%n%s%x'
: >'-la'
ln -s "$(printf 't%.0s' $(seq 4000))" longlink
d=$(printf 'd%.0s' $(seq 200))
p=.
for i in $(seq 19); do p=$p/$d; done
mkdir -p "$p" && : >"$p/bottom.txt"
mkdir many && (cd many && seq -f 'entry%06g.txt' 2000 | xargs touch)
cd - >/dev/null || exit 1
make_root "$ROOT"
start_forkftpd --anonymous "$ROOT"

timeout 120 "$PY" "$SEC_TOOLS/sec_listings.py" "$FTPD_PORT" overflow >"$T/out" 2>&1
rc=$?
cat "$T/out"
[ "$rc" = 0 ] || fail "hostile-tree listings misbehaved"
sec_assert_served "after the listings"
exit 0
