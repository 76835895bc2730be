#!/usr/bin/env bash
# LIST, NLST and MLSD come sorted by name in byte order (as vsftpd's),
# whatever order the directory holds its entries in: files created in a
# shuffled order (and readdir's order checked to differ from the sorted
# one) are listed sorted by curl (LIST, NLST) and ftplib (LIST, LIST -a,
# NLST, MLSD, globbed NLST with and without a directory).  Our upload
# temporaries and names with a newline stay unlisted.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
mkdir -p "$ROOT/sorted"
"$PY" - "$ROOT/sorted" <<'EOF' || fail "fixture"
import os, random, sys
d = sys.argv[1]
files = ['b.txt', 'B.txt', 'a.txt', 'A.txt', '_under.txt', '10.txt', '9.txt',
         'z10.txt', 'z9.txt', 'a b.txt', 'ä.txt', 'Zebra', 'zebra', '-dash.txt',
         '~tilde', '.hidden', '.Hidden.txt', 'a.TXT', 'aa.txt', 'a.txt.bak',
         '.forkftpd.AbC123', 'bad\nname.txt', '日本.txt', 'e\u0301.txt']
files += ['n%03d.txt' % i for i in range(0, 300, 7)]
dirs = ['dir2', 'Dir1', 'dir10']
names = files + dirs
random.Random(7).shuffle(names)
for n in names:
    if n in dirs:
        os.mkdir(os.path.join(d, n))
    else:
        with open(os.path.join(d, n), 'w') as f:
            f.write(n)
order = os.listdir(d)
if order == sorted(order, key=os.fsencode):
    sys.exit('readdir already returns sorted names: the test proves nothing')
EOF
[ "$(id -u)" != 0 ] || chown -R "$(ftp_account):" "$ROOT"
start_forkftpd --anonymous "$ROOT"

# Visible names (no dot files, no temporary, no newline).
VISIBLE=$(cd "$ROOT/sorted" && for f in *; do
	case $f in *$'\n'*) ;; *) printf '%s\n' "$f" ;; esac
done | LC_ALL=C sort)
[ "$(printf '%s\n' "$VISIBLE" | wc -l)" -gt 60 ] || fail "fixture too small: $VISIBLE"

# curl: LIST (last field of each line) and NLST (--list-only)
t_curl "$(ftp_url sorted/)" >"$T/curl.list" || fail "curl LIST"
tr -d '\r' <"$T/curl.list" | sed -E 's/^([^ ]+ +){8}//' >"$T/curl.names"
assert_eq "$VISIBLE" "$(cat "$T/curl.names")" "curl LIST order"
t_curl --list-only "$(ftp_url sorted/)" >"$T/curl.nlst" || fail "curl NLST"
assert_eq "$VISIBLE" "$(tr -d '\r' <"$T/curl.nlst")" "curl NLST order"

# ftplib: every listing command, compared with byte order
"$PY" - "$FTPD_PORT" <<'EOF' || fail "ftplib listings not sorted"
import ftplib, sys
f = ftplib.FTP()
f.encoding = 'utf-8'
f.connect('127.0.0.1', int(sys.argv[1]), timeout=20)
f.login('anonymous', 'sorted')
bad = 0

def check(what, got, want_set):
    global bad
    want = sorted(want_set, key=lambda s: s.encode())
    if got != want:
        print('FAIL: %s\n  got  %r\n  want %r' % (what, got, want))
        bad += 1
    else:
        print('# %s: %d names in byte order' % (what, len(got)))

def lines(cmd):
    out = []
    f.retrlines(cmd, out.append)
    return out

def list_names(cmd):
    return [ln.split(None, 8)[8] for ln in lines(cmd)]

nlst = lines('NLST sorted')
names = set(n.split('/', 1)[1] if '/' in n else n for n in nlst)
if any(n.startswith('.') or '\n' in n for n in names):
    print('FAIL: hidden or temporary names in NLST: %r' % names); bad += 1
check('NLST sorted', [n.split('/')[-1] for n in nlst], names)
f.cwd('sorted')
check('NLST', lines('NLST'), names)
check('LIST', list_names('LIST'), names)
every = set(list_names('LIST -a')) - {'.', '..'}
if every != names | {'.hidden', '.Hidden.txt'}:
    print('FAIL: LIST -a shows %r' % sorted(every - names)); bad += 1
check('LIST -a', [n for n in list_names('LIST -a') if n not in ('.', '..')],
      every)
mlsd = [ln.split('; ', 1)[1] for ln in lines('MLSD')]
if mlsd[:1] != ['.']:
    print('FAIL: MLSD does not start with the cdir line: %r' % mlsd[:2]); bad += 1
check('MLSD', mlsd[1:], every)
txt = set(n for n in names if n.endswith('.txt'))
check('NLST *.txt', lines('NLST *.txt'), txt)
f.cwd('/')
check('NLST sorted/n*', lines('NLST sorted/n*'),
      set('sorted/' + n for n in names if n.startswith('n')))
f.quit()
sys.exit(1 if bad else 0)
EOF
exit 0
