#!/usr/bin/python3
"""hostile_paths.py PORT ROOT OUTSIDE SIBLING

Try to leave the served ROOT through every command that takes a path.
OUTSIDE and SIBLING (a sibling of ROOT whose name starts with ROOT's
name) hold canary files; /etc is the third target.  Before each attempt
the tool (re)plants symlinks inside ROOT:

  to_etc -> /etc            abs_outside -> OUTSIDE (absolute)
  to_outside -> relative path to OUTSIDE     to_canary -> OUTSIDE/canary.txt
  to_sibling -> ../SIBLING  sub/up -> ../ chain to OUTSIDE
  inside_link -> sub        (stays inside: must keep working)

Checks, per attempt: the final reply is 4xx/5xx where the path can only
name something outside (or nothing); no reply and no data ever contains a
canary's bytes, its digest (SHA-256, SHA-1, MD5), its size in a 213, its
mtime, or the name of an entry that exists only outside.  The caller
compares OUTSIDE, SIBLING and /etc before and after (content, mode, mtime).
SEC_FTP_USER / SEC_FTP_PASS log in as a user whose home is ROOT
(default anonymous).
Prints FAIL lines and "# tried: N attempts"; exits 1 on any failure."""
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secftp  # noqa: E402

FAILS = []
TRIED = [0]
WRITES = [0]


def plant(root, outside, sibling):
    links = {
        'to_etc': '/etc',
        'abs_outside': outside,
        'to_outside': os.path.relpath(outside, root),
        'to_canary': os.path.join(outside, 'canary.txt'),
        'to_sibling': os.path.join('..', os.path.basename(sibling)),
        'sub/up': os.path.relpath(outside, os.path.join(root, 'sub')),
        'inside_link': 'sub',
    }
    for name, target in links.items():
        p = os.path.join(root, name)
        try:
            if os.path.islink(p) or os.path.isfile(p):
                os.unlink(p)
            elif os.path.isdir(p):
                continue        # a directory was made there: leave it
        except OSError:
            pass
        os.symlink(target, p)
        try:
            os.lchown(p, os.stat(root).st_uid, os.stat(root).st_gid)
        except OSError:
            pass
    # hello.txt may have been renamed by a (refused) RNFR/RNTO test
    h = os.path.join(root, 'hello.txt')
    if not os.path.exists(h):
        with open(h, 'w') as f:
            f.write('hello, world\n')


class Markers:
    def __init__(self, outside, sibling):
        self.content = []
        self.names = []
        self.sizes = []
        files = [os.path.join(outside, 'canary.txt'),
                 os.path.join(sibling, 'canary2.txt'), '/etc/passwd']
        for p in files:
            data = open(p, 'rb').read()
            self.content.append(data[:32])
            for h in (hashlib.sha256, hashlib.sha1, hashlib.md5):
                self.content.append(h(data).hexdigest().encode())
            if p != '/etc/passwd':
                self.sizes += [b'213 %d' % len(data),
                               b'size=%d;' % len(data)]
        self.content.append(b'root:x:0:0')
        self.content.append(b'20010203040506')       # canary mtime
        for d in (outside, sibling):
            for n in os.listdir(d):
                if n.startswith(('SECRET', 'SIBLING')):
                    self.names.append(n.encode())
        self.names += [b'os-release', b'debian_version', b'ftpusers']

    def leak(self, blob, sent):
        for m in self.content + self.sizes:
            if m in blob:
                return m
        for m in self.names:
            if m in blob and m not in sent:
                return m
        return None


def check(what, sent, replies, data, mk, must_fail):
    TRIED[0] += 1
    if os.environ.get('SEC_VERBOSE'):
        print('#', what[:60], [r.code for r in replies], len(data))
    blob = b'\n'.join(r.text for r in replies) + b'\n' + data
    m = mk.leak(blob, sent.encode('utf-8', 'surrogateescape'))
    if m is not None:
        FAILS.append('%s: outside data leaked (%r) in %r / %r' %
                     (what, m, [r.text[:120] for r in replies], data[:200]))
    final = replies[-1] if replies else None
    if must_fail and final is not None and final.code < 400:
        FAILS.append('%s: expected a 4xx/5xx, saw %r' % (what, final))


# Paths that can only name something outside the root (or nothing).
ESCAPES = [
    '../outside/canary.txt', '../../../../../../../../etc/passwd',
    '/../outside/canary.txt', '/etc/passwd', '//etc//passwd',
    '..//..//outside/canary.txt', './../outside/canary.txt',
    'sub/../../outside/canary.txt', 'to_etc/passwd', 'to_etc/./passwd',
    'to_outside/canary.txt', 'abs_outside/canary.txt', 'to_canary',
    'to_sibling/canary2.txt', '/../root2/canary2.txt', '../root2/canary2.txt',
    'sub/up/canary.txt', 'to_outside/../outside/canary.txt',
    'inside_link/../to_outside/canary.txt', '..\\outside\\canary.txt',
    '~/../outside/canary.txt', '../' * 1200 + 'etc/passwd',
    'to_etc/../etc/passwd', '/to_outside/./canary.txt',
]
# Directories outside (through links or ..) for CWD and the listings.
DIR_ESCAPES = [
    'to_etc', 'to_outside', 'abs_outside', 'to_sibling', 'sub/up',
    'to_outside/canary_dir', '/../outside', '../root2', 'to_etc/',
    'to_outside/.', '//to_outside//', 'inside_link/../to_sibling',
]
# Paths that normalise to the root itself: allowed, but must show the root.
ROOT_ALIASES = ['..', '../..', '/..', '/../../..', '//..//..//', './../.',
                'sub/../..', '../' * 1200]

WRITE_TARGETS = [
    '../outside/new.txt', 'to_outside/new.txt', 'abs_outside/new.txt',
    'to_sibling/new.txt', 'sub/up/new.txt', 'to_etc/evil',
    '/../outside/new.txt', 'to_outside/canary.txt', 'abs_outside/canary.txt',
    'sub/up/canary.txt', 'to_sibling/canary2.txt', '../root2/canary2.txt',
]
OUT_FILES = [
    '../outside/canary.txt', 'to_outside/canary.txt', 'abs_outside/canary.txt',
    'to_sibling/canary2.txt', 'sub/up/canary.txt', 'to_etc/passwd',
    '/etc/passwd', '/../root2/canary2.txt', 'to_outside/SECRET*',
]
OUT_DIRS = [
    'to_outside/canary_dir', 'abs_outside/canary_dir', '../outside/canary_dir',
    'to_sibling/dir2', 'sub/up/canary_dir', 'to_outside', 'to_sibling',
    'to_etc',
]
NEW_DIRS = [
    'to_outside/newdir', '../outside/newdir', 'abs_outside/newdir',
    'to_sibling/newdir', 'sub/up/newdir', '/../outside/x', 'to_etc/newdir',
]


def session(port):
    s = secftp.Session(port, timeout=10)
    s.login(os.environ.get('SEC_FTP_USER', 'anonymous'),
            os.environ.get('SEC_FTP_PASS', 'sec@test'))
    r = s.cmd('TYPE I')
    if r.code != 200:
        FAILS.append('TYPE I -> %r' % r)
    return s


def reads(port, mk):
    s = session(port)
    for p in ESCAPES:
        for verb in ('SIZE', 'MDTM', 'HASH', 'MLST', 'STAT', 'CWD'):
            line = '%s %s' % (verb, p)
            r = s.cmd(line)
            # MLST/STAT of the link itself (not through it) may describe it.
            lenient = verb in ('MLST', 'STAT') and p == 'to_canary'
            check(line[:80], line, [r], b'', mk, not lenient)
            if verb == 'CWD' and r.code == 250:
                s.cmd('CWD /')
        for verb in ('RETR', 'LIST', 'NLST', 'MLSD'):
            line = '%s %s' % (verb, p)
            reps, data = s.transfer(line)
            listing = verb != 'RETR'
            # A listing of the link entry itself is fine; its target is not.
            check(line[:80], line, reps, data, mk, not listing)
    for p in DIR_ESCAPES:
        line = 'CWD ' + p
        r = s.cmd(line)
        check(line, line, [r], b'', mk, True)
        if r.code == 250:
            s.cmd('CWD /')
        for verb in ('LIST', 'NLST', 'MLSD', 'STAT', 'MLST'):
            line = '%s %s' % (verb, p)
            if verb in ('STAT', 'MLST'):
                reps, data = [s.cmd(line)], b''
            else:
                reps, data = s.transfer(line)
            check(line, line, reps, data, mk, False)
    for p in ROOT_ALIASES:
        line = 'CWD ' + p
        r = s.cmd(line)
        check(line[:80], line, [r], b'', mk, False)
        pwd = s.cmd('PWD')
        if r.code == 250 and not re.search(rb'"/"', pwd.text):
            FAILS.append('%s then PWD: expected "/", saw %r' % (line[:40], pwd))
        reps, data = s.transfer('LIST')
        check('LIST after ' + line[:40], 'LIST', reps, data, mk, False)
        if b'hello.txt' not in data:
            FAILS.append('LIST after %s: the root listing lacks hello.txt: %r'
                         % (line[:40], data[:300]))
        s.cmd('CWD /')
    # Positive controls: a symlink that stays inside works.
    r = s.cmd('CWD inside_link')
    if r.code != 250:
        FAILS.append('CWD inside_link (-> sub, inside): expected 250, saw %r' % r)
    s.cmd('CWD /')
    reps, data = s.transfer('RETR inside_link/inner.txt')
    if data != b'inner\n' or reps[-1].code != 226:
        FAILS.append('RETR inside_link/inner.txt: expected 226 and "inner", '
                     'saw %r %r' % (reps, data))
    s.close()


def writes(port, root, outside, sibling, mk):
    s = session(port)

    def attempt(line, upload=None, must_fail=True, data_cmd=False):
        plant(root, outside, sibling)
        WRITES[0] += 1
        if data_cmd:
            reps, data = s.transfer(line, upload=upload)
        else:
            reps, data = [s.cmd(line)], b''
        check(line[:80], line, reps, data, mk, must_fail)
        return reps[-1]

    payload = b'ESCAPED-WRITE\n'
    for p in WRITE_TARGETS + ['to_canary']:
        lenient = p == 'to_canary'      # may replace the link itself
        attempt('STOR ' + p, payload, not lenient, True)
        attempt('APPE ' + p, payload, not lenient, True)
        attempt('STOU ' + p, payload, False, True)
        attempt('MFMT 20000101000000 ' + p, None, not lenient)
        attempt('SITE CHMOD 777 ' + p, None, not lenient)
    for p in OUT_FILES + ['to_canary']:
        attempt('DELE ' + p, None, p != 'to_canary')
        attempt('RNFR ' + p, None, p != 'to_canary')
        s.cmd('NOOP')
    for p in OUT_DIRS:
        attempt('RMD ' + p)
        attempt('XRMD ' + p)
    for p in NEW_DIRS:
        attempt('MKD ' + p)
        attempt('XMKD ' + p)
    for p in WRITE_TARGETS:
        plant(root, outside, sibling)
        r = s.cmd('RNFR hello.txt')
        if r.code != 350:
            FAILS.append('RNFR hello.txt: expected 350, saw %r' % r)
            continue
        attempt('RNTO ' + p)
    for p in OUT_FILES:
        plant(root, outside, sibling)
        r = s.cmd('RNFR ' + p)
        if r.code == 350:
            FAILS.append('RNFR %s: accepted a path outside (350)' % p)
            attempt('RNTO stolen.txt')
    # The link itself may be renamed inside; its target must stay put.
    plant(root, outside, sibling)
    if s.cmd('RNFR to_canary').code == 350:
        attempt('RNTO renamed_link', None, False)
    s.close()


def main():
    port, root, outside, sibling = sys.argv[1:5]
    port = int(port)
    plant(root, outside, sibling)
    mk = Markers(outside, sibling)
    reads(port, mk)
    writes(port, root, outside, sibling, mk)
    plant(root, outside, sibling)
    for f in FAILS:
        print('FAIL', f)
    print('# tried: %d path-escape attempts (%d of them writes) through '
          'CWD LIST NLST MLSD MLST STAT RETR STOR APPE STOU DELE MKD RMD '
          'RNFR RNTO SIZE MDTM MFMT SITE CHMOD HASH; %d failures'
          % (TRIED[0], WRITES[0], len(FAILS)))
    return 1 if FAILS else 0


if __name__ == '__main__':
    sys.exit(main())
