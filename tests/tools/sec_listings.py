#!/usr/bin/python3
"""sec_listings.py PORT MODE

MODE overflow: listings of hostile trees (see tests/security/
listing-overflow.sh for the fixture): every LIST/NLST/MLSD/STAT/MLST
answer is well-formed (CRLF lines, no bare CR/LF), names holding CR or LF
never appear, long names and targets come out whole, an IAC byte in a
name is doubled on the control connection, option-looking and over-long
arguments are refused or treated as options, 2,000 entries all listed.
MODE glob: pathological glob patterns in NLST/LIST/STAT each answered
within 2 s (bounded work, CVE-2011-0762 class), the session still works.
Prints FAIL lines and a "# tried" line; exits 1 on failure."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secftp  # noqa: E402

FAILS = []
N = [0]

LONG = b'n' * 255
WIDE = '\u00e9'.encode() * 127                    # 254 bytes


def well_formed(what, data):
    if data and not data.endswith(b'\r\n'):
        FAILS.append('%s: listing does not end with CRLF: %r' % (what, data[-80:]))
    for ln in data.split(b'\r\n')[:-1]:
        if b'\r' in ln or b'\n' in ln:
            FAILS.append('%s: line holds a bare CR/LF: %r' % (what, ln[:120]))
            return
    if b'crname' in data or b'lfname' in data:
        FAILS.append('%s: a name holding CR or LF was listed: %r' % (what, data[:300]))


def need(what, data, *names):
    for n in names:
        if n not in data:
            FAILS.append('%s: %r missing from %r' % (what, n[:40], data[:200]))


def xfer(s, line, codes=(226,)):
    N[0] += 1
    reps, data = s.transfer(line)
    if reps[-1].code not in codes:
        FAILS.append('%s: expected %s, saw %r' % (line[:60], codes, reps[-1]))
    return reps, data


def ctl(s, line, lo=200, hi=599):
    N[0] += 1
    r = s.cmd(line)
    if not lo <= r.code <= hi:
        FAILS.append('%s: expected %d-%d, saw %r' % (line[:60], lo, hi, r))
    return r


def overflow(port):
    s = secftp.Session(port, timeout=20)
    s.login()
    for verb in ('LIST', 'NLST', 'MLSD', 'LIST -la', 'LIST -a'):
        _, d = xfer(s, verb)
        well_formed(verb, d)
        need(verb, d, LONG, WIDE, b'iac\xffname', b'%n%s%x', b'longlink')
    _, d = xfer(s, 'LIST')
    need('LIST (symlink target)', d, b'longlink -> ' + b't' * 4000)
    for verb in ('STAT .', 'MLST sub', 'MLST ' + 'n' * 255):
        r = ctl(s, verb, 200, 299)
        well_formed(verb, r.text.replace(b'\n', b'\r\n') + b'\r\n')
    r = s.cmd(b'MLST iac\xff\xffname')
    N[0] += 1
    if r.code != 250 or b'iac\xff\xffname' not in r.text:
        FAILS.append('MLST of a name with 0xFF: expected 250 with the byte '
                     'doubled (IAC IAC), saw %r' % r)
    # Deep directories: a PWD of about 4000 bytes, listed from inside.
    depth = 0
    while s.cmd('CWD ' + 'd' * 200).code == 250:
        depth += 1
    N[0] += depth
    r = ctl(s, 'PWD', 257, 257)
    if len(r.text) < depth * 201:
        FAILS.append('PWD at depth %d is %d bytes long' % (depth, len(r.text)))
    _, d = xfer(s, 'LIST')
    need('LIST at depth %d' % depth, d, b'bottom.txt')
    _, d = xfer(s, 'MLSD')
    need('MLSD at depth %d' % depth, d, b'bottom.txt')
    ctl(s, 'CWD /', 250, 250)
    # Many entries stream out whole.
    for verb in ('NLST many', 'LIST many', 'MLSD many'):
        _, d = xfer(s, verb)
        n = d.count(b'\r\n')
        if n < 2000:
            FAILS.append('%s: %d lines for 2000 entries' % (verb, n))
    # Arguments that crashed peers (pure-ftpd CVE-2024-48208, ProFTPD LIST -B).
    for line in ('MLSD -' + 'x' * 4110, 'MLSD -', 'LIST -B', 'NLST -B',
                 'LIST -' + 'B' * 3000, 'LIST -laR', 'LIST -R /',
                 'STAT -' + 'l' * 3000, 'MLST -' + 'a' * 4000,
                 'LIST ' + 'd' * 200 + '/' * 2000, 'NLST ' + '/..' * 1300):
        N[0] += 1
        if line.split()[0] in ('STAT', 'MLST'):
            r = s.cmd(line)
            if r.code < 200:
                FAILS.append('%s: %r' % (line[:40], r))
        else:
            reps, d = s.transfer(line)
            if reps[-1].code not in (226, 250) and reps[-1].code < 400:
                FAILS.append('%s: %r' % (line[:40], reps[-1]))
            well_formed(line[:40], d)
    ctl(s, 'NOOP', 200, 200)
    s.close()


PATTERNS = [
    '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b',
    '*' * 2000, '?' * 1000, '*?' * 1000, '[' * 2000, '[a-' * 1000,
    '{a,b}' * 300, '{' * 2000 + '}' * 2000, '[!a]*' * 300,
    '*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*', '**/**/**/**/**/**/**/**',
    'g/*/*/*/*/*/*/*/*/*/*', 'a*' * 40 + 'b', '\\' * 3000, '*[' * 500,
    '[[:alpha:]' * 300, '[]-]' * 500,
]


def glob(port):
    s = secftp.Session(port, timeout=30)
    s.login()
    worst = 0.0
    for p in PATTERNS:
        for verb in ('NLST', 'LIST', 'STAT'):
            line = verb + ' ' + p
            N[0] += 1
            t0 = time.monotonic()
            try:
                if verb == 'STAT':
                    reps, d = [s.cmd(line)], b''
                else:
                    reps, d = s.transfer(line)
            except Exception as e:              # noqa: BLE001
                FAILS.append('%s: %r' % (line[:50], e))
                s.close()
                s = secftp.Session(port, timeout=30)
                s.login()
                continue
            dt = time.monotonic() - t0
            worst = max(worst, dt)
            if dt > 2.0:
                FAILS.append('%s: took %.1f s (limit 2 s)' % (line[:50], dt))
            if reps[-1].code < 200:
                FAILS.append('%s: %r' % (line[:50], reps[-1]))
    ctl(s, 'NOOP', 200, 200)
    s.close()
    return worst


def main():
    port, mode = int(sys.argv[1]), sys.argv[2]
    worst = None
    if mode == 'overflow':
        overflow(port)
    else:
        worst = glob(port)
    for f in FAILS[:30]:
        print('FAIL', f)
    extra = '' if worst is None else '; slowest answer %.2f s' % worst
    print('# tried: %d %s listing requests%s; %d failures'
          % (N[0], 'hostile-tree' if mode == 'overflow' else 'glob-pattern',
             extra, len(FAILS)))
    return 1 if FAILS else 0


if __name__ == '__main__':
    sys.exit(main())
