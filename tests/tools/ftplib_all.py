#!/usr/bin/python3
"""ftplib_all.py PORT ROOT SRC [USER PASS]

Drive every method of Python's ftplib against a server on 127.0.0.1:PORT
that serves ROOT (a writable copy of the sample tree, see tests/lib.sh
sample_files, plus a large ROOT/abort.bin), once in passive and once in
active mode.  SRC is a pristine copy of the tree to compare against.
Checks every result, byte for byte, in the replies and on disk.  Prints
"ok" and exits 0, or prints what was expected and what was seen and exits 1.
"""
import ftplib
import hashlib
import io
import os
import sys

PORT = int(sys.argv[1])
ROOT, SRC = sys.argv[2], sys.argv[3]
USER = sys.argv[4] if len(sys.argv) > 4 else 'anonymous'
PASS = sys.argv[5] if len(sys.argv) > 5 else 'interop'
SAMPLE = {'big.bin', 'empty dir', 'empty.txt', 'Grüße 日本.txt', 'hello.txt',
          'sub dir', 'text lines.txt', 'abort.bin'}


class Fail(Exception):
    pass


def check(cond, what, seen=None):
    if not cond:
        raise Fail(what + ('' if seen is None else ': saw %r' % (seen,)))


def src(name):
    with open(os.path.join(SRC, name), 'rb') as f:
        return f.read()


def ondisk(name):
    with open(os.path.join(ROOT, name), 'rb') as f:
        return f.read()


def expect_perm_error(fn, what):
    try:
        r = fn()
    except ftplib.error_perm as e:
        return str(e)
    raise Fail(what + ': expected a 5xx reply, saw %r' % (r,))


def retr(ftp, cmd, rest=None):
    chunks = []
    ftp.retrbinary(cmd, chunks.append, blocksize=65536, rest=rest)
    return b''.join(chunks)


def connect():
    ftp = ftplib.FTP()
    ftp.connect('127.0.0.1', PORT, timeout=20)
    check(ftp.getwelcome().startswith('220'), 'greeting', ftp.getwelcome())
    return ftp


def before_login():
    ftp = connect()
    feat = ftp.sendcmd('FEAT')
    check(feat.startswith('211'), 'FEAT before login', feat)
    r = ftp.sendcmd('OPTS UTF8 ON')
    check(r.startswith('200'), 'OPTS UTF8 ON before login', r)
    r = expect_perm_error(lambda: ftp.sendcmd('PWD'), 'PWD before login')
    check(r.startswith('530'), 'PWD before login: 530', r)
    try:
        ftp.login('anonymous', 'x')
    except ftplib.error_perm as e:
        raise Fail('anonymous login refused: %s' % e)
    check(ftp.quit().startswith('221'), 'QUIT reply')


def info(ftp):
    feat = ftp.sendcmd('FEAT')
    fl = feat.splitlines()
    check(fl[0].startswith('211-') and fl[-1].startswith('211 '),
          'FEAT multi-line', feat)
    feats = {ln.strip().split(' ')[0].upper() for ln in feat.splitlines()[1:-1]}
    for f in ('EPRT', 'EPSV', 'MDTM', 'MLST', 'PASV', 'REST', 'SIZE', 'UTF8',
              'TVFS', 'HASH', 'MFMT'):
        check(f in feats, 'FEAT lists ' + f, feat)
    check(ftp.sendcmd('SYST') == '215 UNIX Type: L8', 'SYST', ftp.lastresp)
    check(ftp.voidcmd('NOOP').startswith('200'), 'NOOP')
    check(ftp.pwd() == '/', 'pwd at login', ftp.pwd())
    hlp = ftp.sendcmd('HELP')
    check(hlp.startswith('214'), 'HELP', hlp)
    st = ftp.sendcmd('STAT')
    check(st.startswith('211'), 'STAT', st)


def listings(ftp):
    names = set(ftp.nlst())
    check(names == SAMPLE | names & {'work-pasv', 'work-port'}, 'nlst /', names)
    sub = sorted(os.path.basename(n) for n in ftp.nlst('sub dir'))
    check(sub == ['deeper', 'mid.bin'], 'nlst "sub dir"', sub)
    lines = []
    ftp.dir(lines.append)
    for n in SAMPLE:
        check(any(ln.endswith(' ' + n) for ln in lines), 'dir() shows ' + n, lines)
    big = [ln for ln in lines if ln.endswith(' big.bin')][0]
    check(' 3145728 ' in big and big.startswith('-'), 'dir() line of big.bin', big)
    lines = []
    ftp.dir('sub dir', lines.append)
    check(any(ln.endswith(' mid.bin') for ln in lines), 'dir("sub dir")', lines)
    lines = []
    ftp.dir('-la', lines.append)
    check(any(ln.endswith(' hello.txt') for ln in lines), 'dir("-la")', lines)

    m = {n: f for n, f in ftp.mlsd() if f.get('type') not in ('cdir', 'pdir')}
    check(set(m) >= SAMPLE, 'mlsd names', sorted(m))
    check(m['big.bin']['type'] == 'file' and m['big.bin']['size'] == '3145728',
          'mlsd facts of big.bin', m['big.bin'])
    check(m['sub dir']['type'] == 'dir', 'mlsd type of sub dir', m['sub dir'])
    check(m['empty.txt']['size'] == '0', 'mlsd size of empty.txt', m['empty.txt'])
    check(len(m['hello.txt'].get('modify', '')) >= 14, 'mlsd modify fact', m['hello.txt'])
    m = dict(ftp.mlsd('sub dir/deeper', facts=['type', 'size']))
    check(m.get('leaf.txt', {}).get('size') == '5', 'mlsd of a path, size fact', m)
    r = ftp.sendcmd('MLST big.bin')
    check(r.startswith('250-') and 'size=3145728;' in r.lower(), 'MLST big.bin', r)
    # HASH (draft-bryan-ftpext-hash): verify a transfer end to end
    for alg, h in (('SHA-256', hashlib.sha256), ('MD5', hashlib.md5),
                   ('SHA-1', hashlib.sha1)):
        if alg != 'SHA-256':
            ftp.sendcmd('OPTS HASH ' + alg)
        for n in ('big.bin', 'Grüße 日本.txt', 'empty.txt'):
            data = src(n)
            want = '213 %s 0-%d %s %s' % (alg, len(data), h(data).hexdigest(), n)
            r = ftp.sendcmd('HASH ' + n)
            check(r.lower() == want.lower(), 'HASH ' + n + ' (' + alg + '): ' + want, r)
    ftp.sendcmd('OPTS HASH SHA-256')
    r = ftp.sendcmd('MDTM hello.txt')
    check(r.startswith('213 ') and len(r.split()[1]) >= 14, 'MDTM', r)


def sizes(ftp):
    ftp.voidcmd('TYPE A')
    expect_perm_error(lambda: ftp.size('big.bin'), 'SIZE in TYPE A')
    ftp.voidcmd('TYPE I')
    check(ftp.size('big.bin') == 3145728, 'size(big.bin)', ftp.size('big.bin'))
    check(ftp.size('empty.txt') == 0, 'size(empty.txt)')
    check(ftp.size('Grüße 日本.txt') == len(src('Grüße 日本.txt')), 'size(UTF-8 name)')
    check(ftp.size('sub dir/mid.bin') == 70000, 'size(sub dir/mid.bin)')
    expect_perm_error(lambda: ftp.size('no such file'), 'size of a missing file')
    expect_perm_error(lambda: ftp.size('sub dir'), 'size of a directory')


def navigation(ftp):
    check(ftp.cwd('sub dir').startswith('250'), 'cwd("sub dir")')
    check(ftp.pwd() == '/sub dir', 'pwd after cwd', ftp.pwd())
    ftp.cwd('deeper')
    check(ftp.pwd() == '/sub dir/deeper', 'pwd after cwd deeper', ftp.pwd())
    check(retr(ftp, 'RETR leaf.txt') == src('sub dir/deeper/leaf.txt'),
          'retr relative to the cwd')
    r = ftp.cwd('..')			# ftplib sends CDUP
    check(r[:1] == '2', 'cwd("..") = CDUP', r)
    check(ftp.pwd() == '/sub dir', 'pwd after CDUP', ftp.pwd())
    ftp.cwd('/sub dir/deeper')
    check(ftp.pwd() == '/sub dir/deeper', 'cwd to an absolute path', ftp.pwd())
    ftp.cwd('/')
    check(ftp.pwd() == '/', 'cwd("/")', ftp.pwd())
    expect_perm_error(lambda: ftp.cwd('no such dir'), 'cwd into a missing dir')
    expect_perm_error(lambda: ftp.cwd('hello.txt'), 'cwd into a file')
    check(ftp.pwd() == '/', 'pwd after failed cwd', ftp.pwd())


def downloads(ftp):
    for n in ('big.bin', 'empty.txt', 'hello.txt', 'Grüße 日本.txt',
              'sub dir/mid.bin', 'text lines.txt'):
        check(retr(ftp, 'RETR ' + n) == src(n), 'retrbinary ' + n)
    data = src('big.bin')
    for off in (1, 1000000, len(data) - 1, len(data)):
        got = retr(ftp, 'RETR big.bin', rest=off)
        check(got == data[off:], 'retrbinary rest=%d (%d bytes)' % (off, len(got)))
    lines = []
    ftp.retrlines('RETR hello.txt', lines.append)
    check(lines == ['hello, world'], 'retrlines hello.txt', lines)
    lines = []
    ftp.retrlines('RETR text lines.txt', lines.append)
    check(len(lines) == 3 and lines[0] == 'line one' and lines[2] == 'line three'
          and lines[1].rstrip('\r') == 'line two', 'retrlines text lines.txt', lines)
    # the wire form in TYPE A is CRLF
    ftp.voidcmd('TYPE A')
    conn = ftp.transfercmd('RETR hello.txt')
    raw = b''
    while True:
        b = conn.recv(4096)
        if not b:
            break
        raw += b
    conn.close()
    ftp.voidresp()
    check(raw == b'hello, world\r\n', 'TYPE A RETR sends CRLF', raw)
    ftp.voidcmd('TYPE I')
    expect_perm_error(lambda: retr(ftp, 'RETR no such file'), 'retr of a missing file')
    expect_perm_error(lambda: retr(ftp, 'RETR sub dir'), 'retr of a directory')


def uploads(ftp, work):
    ftp.cwd(work)
    blob = os.urandom(4 * 1024 * 1024 + 17)
    for n, data in (('up.bin', blob), ('up empty', b''), ('Ünï 上传.bin', blob[:1000])):
        ftp.storbinary('STOR ' + n, io.BytesIO(data))
        check(ondisk(work + '/' + n) == data, 'storbinary ' + n)
    # overwrite with shorter content
    ftp.storbinary('STOR up.bin', io.BytesIO(b'short'))
    check(ondisk(work + '/up.bin') == b'short', 'storbinary over a file')
    # REST + STOR: resume at an offset
    ftp.storbinary('STOR part.bin', io.BytesIO(blob[:1500000]))
    f = io.BytesIO(blob)
    f.seek(1500000)
    ftp.storbinary('STOR part.bin', f, rest=1500000)
    check(ondisk(work + '/part.bin') == blob, 'storbinary rest=1500000')
    # APPE
    ftp.storbinary('APPE part.bin', io.BytesIO(b'tail'))
    check(ondisk(work + '/part.bin') == blob + b'tail', 'APPE')
    # storlines sends CRLF in TYPE A; the server stores LF
    ftp.storlines('STOR lines.txt', io.BytesIO(b'a\r\nb\nc\n'))
    check(ondisk(work + '/lines.txt') == b'a\nb\nc\n', 'storlines (TYPE A)',
          ondisk(work + '/lines.txt'))
    lines = []
    ftp.retrlines('RETR lines.txt', lines.append)
    check(lines == ['a', 'b', 'c'], 'retrlines of stored lines', lines)
    ftp.voidcmd('TYPE I')
    ftp.cwd('/')


def changes(ftp, work):
    d = ftp.mkd(work + '/new dir')
    check(d == '/' + work + '/new dir', 'mkd returns the path', d)
    check(os.path.isdir(os.path.join(ROOT, work, 'new dir')), 'mkd created it')
    d = ftp.mkd(work + '/q"uote')
    check(d == '/' + work + '/q"uote', 'mkd of a name with a quote', d)
    check(os.path.isdir(os.path.join(ROOT, work, 'q"uote')), 'q"uote created')
    expect_perm_error(lambda: ftp.mkd(work + '/new dir'), 'mkd of an existing dir')
    check(ftp.rmd(work + '/q"uote').startswith('250'), 'rmd q"uote')
    check(not os.path.exists(os.path.join(ROOT, work, 'q"uote')), 'rmd removed it')
    r = ftp.rename(work + '/up.bin', work + '/new dir/renamed ü.bin')
    check(r.startswith('250'), 'rename', r)
    check(ondisk(work + '/new dir/renamed ü.bin') == b'short', 'renamed content')
    check(not os.path.exists(os.path.join(ROOT, work, 'up.bin')), 'rename source gone')
    expect_perm_error(lambda: ftp.rename(work + '/nothing', work + '/x'),
                      'rename of a missing file')
    expect_perm_error(lambda: ftp.rmd(work + '/new dir'), 'rmd of a non-empty dir')
    check(ftp.delete(work + '/new dir/renamed ü.bin').startswith('250'), 'delete')
    check(not os.path.exists(os.path.join(ROOT, work, 'new dir', 'renamed ü.bin')),
          'delete removed it')
    expect_perm_error(lambda: ftp.delete(work + '/new dir/renamed ü.bin'),
                      'delete of a missing file')
    expect_perm_error(lambda: ftp.delete(work + '/new dir'), 'delete of a directory')
    ftp.rmd(work + '/new dir')
    check(not os.path.exists(os.path.join(ROOT, work, 'new dir')), 'rmd emptied dir')


def aborts(ftp):
    r = ftp.abort()			# idle
    check(r[:3] in ('225', '226'), 'idle abort', r)
    ftp.voidcmd('TYPE I')
    conn = ftp.transfercmd('RETR abort.bin')
    got = conn.recv(65536)
    check(len(got) > 0, 'some data before abort')
    r = ftp.abort()
    check(r.startswith('426'), 'abort mid-transfer: 426 first', r)
    conn.close()
    r = ftp.getresp()
    check(r.startswith('226'), 'abort mid-transfer: then 226', r)
    check(ftp.voidcmd('NOOP').startswith('200'), 'NOOP after abort')
    check(retr(ftp, 'RETR hello.txt') == src('hello.txt'), 'retr after abort')


def session(passive):
    mode = 'pasv' if passive else 'port'
    ftp = connect()
    ftp.login(USER, PASS)
    ftp.set_pasv(passive)
    info(ftp)
    ftp.mkd('work-' + mode)
    listings(ftp)
    sizes(ftp)
    navigation(ftp)
    downloads(ftp)
    uploads(ftp, 'work-' + mode)
    changes(ftp, 'work-' + mode)
    aborts(ftp)
    r = ftp.quit()
    check(r.startswith('221'), 'quit', r)


def main():
    step = 'before login'
    try:
        before_login()
        step = 'passive'
        session(True)
        step = 'active'
        session(False)
    except Fail as e:
        print('FAIL (%s): %s' % (step, e))
        return 1
    except ftplib.all_errors as e:
        print('FAIL (%s): unexpected %s: %s' % (step, type(e).__name__, e))
        import traceback
        traceback.print_exc(limit=4)
        return 1
    print('ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
