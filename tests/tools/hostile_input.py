#!/usr/bin/python3
"""hostile_input.py PORT CMD_C [--jobs N] [--list]

Send hostile command lines to an FTP server, one fresh control connection
per case, and check every reply.  CMD_C is proto/cmd.c: the "missing
argument", "excessive argument" and "before login" cases are generated
from the real command table, so a verb added there is attacked too.

A case is (name, phase, payload, codes, n, may_close):
  phase     'pre' (just greeted), 'user' (after USER anonymous) or 'post'
            (logged in as anonymous)
  payload   raw bytes sent in one write
  codes     regex every final reply to the payload must match
  n         exact number of final replies the payload must produce, or
            a (min, max) range where empty lines may be ignored
  may_close the server may close the connection instead (flood cases)
After the payload the tool sends FEAT and reads replies until the FEAT
reply: so a line split into two commands, a reply too many or too few,
a hang, a crash or a reset are all failures.  Every reply must be
well-formed (three digits, then space or dash).

Prints one FAIL line per broken case and "# tried: ..." counts; exits 1
on any failure."""
import concurrent.futures
import os
import re
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secftp  # noqa: E402

REJECT = rb'[45]\d\d'
LONG = b'x' * 3000


def table(cmd_c):
    """[(verb, argshape 'R'|'O'|'N', needs_login)] from proto/cmd.c."""
    rows = []
    pat = re.compile(r'\{\s*CMD_\w+,\s*"(\w+)",\s*([RON]),\s*([01]),')
    with open(cmd_c) as f:
        for m in pat.finditer(f.read()):
            rows.append((m.group(1), m.group(2), m.group(3) == '1'))
    if len(rows) < 40:
        sys.exit('hostile_input: could not read the command table from '
                 + cmd_c)
    return rows


# A well-formed argument per verb, used for the before-login cases.
GOOD_ARG = {
    'CWD': 'sub', 'XCWD': 'sub', 'RETR': 'hello.txt', 'STOR': 'pre.txt',
    'APPE': 'hello.txt', 'STOU': 'pre', 'DELE': 'hello.txt', 'MKD': 'premkd',
    'XMKD': 'premkd', 'RMD': 'sub', 'XRMD': 'sub', 'RNFR': 'hello.txt',
    'RNTO': 'stolen.txt', 'SIZE': 'hello.txt', 'MDTM': 'hello.txt',
    'MFMT': '20000101000000 hello.txt', 'SITE': 'CHMOD 777 hello.txt',
    'HASH': 'hello.txt', 'PORT': '127,0,0,1,200,1', 'EPRT': '|1|127.0.0.1|51201|',
    'REST': '10', 'TYPE': 'I', 'MODE': 'S', 'STRU': 'F', 'LIST': 'sub',
    'NLST': 'sub', 'MLSD': 'sub', 'MLST': 'hello.txt', 'STAT': 'hello.txt',
    'ALLO': '100', 'EPSV': 'ALL',
}

# What a legitimate server may answer to a verb with a 3000-byte argument
# when the verb takes one (anything else: 4xx/5xx).
LONG_OK = {
    'USER': rb'331|[45]\d\d', 'PASS': rb'2\d\d|[45]\d\d',
    'ACCT': rb'2\d\d|[45]\d\d', 'HELP': rb'214|[45]\d\d',
    'STAT': rb'21\d|[45]\d\d', 'ALLO': rb'20[02]|[45]\d\d',
}

# What a verb that takes an optional argument answers without one, logged
# in and with no data connection prepared.
BARE_OK = {
    'PASS': rb'2\d\d|503', 'HELP': rb'214', 'STAT': rb'211',
    'EPSV': rb'229', 'MLST': rb'250', 'ALLO': rb'20[02]|501',
    'LIST': rb'425', 'NLST': rb'425', 'MLSD': rb'425', 'STOU': rb'425',
}


def generated(rows):
    cases = []
    for verb, shape, login in rows:
        v = verb.encode()
        # Missing argument.
        if shape == 'R':
            cases.append(('missing arg ' + verb, 'post', v + b'\r\n',
                          rb'501', 1, False))
            cases.append(('missing arg ' + verb + ' (pre-login)', 'pre',
                          v + b'\r\n', rb'501|530', 1, False))
        elif shape == 'O' and verb in BARE_OK:
            cases.append(('no arg ' + verb, 'post', v + b'\r\n',
                          BARE_OK[verb], 1, False))
        # Excessive argument.  ABOR may ignore trailing bytes: clients send
        # it after Telnet sequences that can leave junk on the line.
        if verb == 'ABOR':
            cases.append(('excess arg ABOR', 'post', b'ABOR now\r\n',
                          rb'22[56]|501', 1, False))
        elif shape == 'N':
            cases.append(('excess arg ' + verb, 'post', v + b' extra\r\n',
                          rb'501', 1, False))
            cases.append(('long arg ' + verb, 'post', v + b' ' + LONG + b'\r\n',
                          rb'501', 1, False))
        else:
            cases.append(('long arg ' + verb, 'post', v + b' ' + LONG + b'\r\n',
                          LONG_OK.get(verb, REJECT), 1, False))
        # Before login.
        if login:
            arg = GOOD_ARG.get(verb)
            line = v + (b' ' + arg.encode() if arg else b'') + b'\r\n'
            cases.append(('before login ' + verb, 'pre', line, rb'530', 1,
                          False))
            cases.append(('after USER only ' + verb, 'user', line,
                          rb'530|503', 1, False))
    return cases


def handwritten():
    c = []

    def add(name, payload, codes=REJECT, n=1, phase='post', may_close=False):
        c.append((name, phase, payload, codes, n, may_close))

    # Over-long lines: one 500 each, never split into two commands (the
    # tail of each would be a valid, destructive command).
    for size in (4097, 4200, 5000, 8192, 10000, 65536, 1 << 20):
        add('long line %d' % size, b'NOOP ' + b'a' * size + b'\r\n', rb'500')
        add('long line %d + DELE tail' % size,
            b'A' * size + b' DELE hello.txt\r\n', rb'500')
    add('long line, LF only', b'B' * 9000 + b'\n', rb'500')
    add('long line then NOOP in one write',
        b'C' * 6000 + b'\r\nNOOP\r\n', rb'500|200', n=2)
    add('long MKD', b'MKD ' + b'd' * 5000 + b'\r\n', rb'500')
    add('long line before login', b'USER ' + b'u' * 9000 + b'\r\n', rb'500',
        phase='pre')
    # NUL bytes.
    add('NUL alone', b'\0\r\n', rb'500')
    add('NULs', b'\0\0\0\0\0\0\0\0\r\n', rb'500')
    add('NUL in verb', b'NO\0OP\r\n', rb'500')
    add('NUL after verb', b'NOOP\0\r\n', rb'500|501')
    add('NUL in USER', b'US\0ER anonymous\r\n', rb'500', phase='pre')
    add('NUL in CWD', b'CWD sub\0dir\r\n', REJECT)
    add('NUL in SIZE', b'SIZE hello.txt\0.jpg\r\n', REJECT)
    add('NUL in RETR', b'RETR hello.txt\0\r\n', REJECT)
    add('NUL in MKD', b'MKD nul\0dir\r\n', REJECT)
    add('NUL in DELE', b'DELE hello.txt\0\r\n', REJECT)
    add('NUL in RNFR', b'RNFR hello.txt\0x\r\n', REJECT)
    add('NUL in SITE CHMOD', b'SITE CHMOD 777 hello.txt\0\r\n', REJECT)
    add('CR NUL in path', b'SIZE hello\r\0.txt\r\n', REJECT)
    # Bare CR and lone LF.
    add('bare CR inside', b'NOOP\rNOOP\r\n', rb'500')
    add('bare CRs', b'\r\r\r\r\n', rb'500')
    add('bare CR then DELE', b'SIZE x\rDELE hello.txt\r\n', REJECT)
    add('bare CR in MKD', b'MKD cr\rdir\r\n', REJECT)
    add('lone LF framing', b'NOOP\n', rb'200')
    add('lone LFs framing two', b'NOOP\nNOOP\n', rb'200', n=2)
    # An empty line may get a 500 or be ignored (both are common).
    add('empty line', b'\r\n', rb'500', n=(0, 1))
    add('empty LF line', b'\n', rb'500', n=(0, 1))
    add('spaces only', b'     \r\n', rb'500', n=(0, 1))
    add('CR LF LF', b'NOOP\r\n\n', rb'200|500', n=(1, 2))
    # Telnet IAC.
    # Floods of Telnet commands: stripped (200) or counted against the
    # line limit (500); either way exactly one reply, never a split.
    add('IAC IP flood then NOOP',
        b'\xff\xf4' * 50000 + b'\xff\xf2NOOP\r\n', rb'200|500')
    add('IAC WILL flood then NOOP', b'\xff\xfb\x01' * 100000 + b'NOOP\r\n',
        rb'200|500')
    add('IAC DO/DONT mix then NOOP',
        b'\xff\xfd\x18\xff\xfe\x1f' * 20000 + b'NOOP\r\n', rb'200|500')
    add('IAC IP few then NOOP', b'\xff\xf4' * 100 + b'\xff\xf2NOOP\r\n',
        rb'200')
    add('IAC WILL few then NOOP', b'\xff\xfb\x01' * 100 + b'NOOP\r\n',
        rb'200')
    add('IAC inside verb', b'NO\xff\xf1OP\r\n', rb'200')
    add('IAC IAC line (3000 0xFF)', b'\xff\xff' * 3000 + b'\r\n', rb'500')
    add('IAC IAC overlong', b'\xff' * 200000 + b'\r\n', rb'500')
    add('IAC at end of line', b'NOOP\xff\r\n', rb'200|500')
    add('IAC alone', b'\xff\r\n', rb'500|200', n=(0, 1))
    add('IAC SB ... SE then NOOP', b'\xff\xfa' + b'A' * 5000 + b'\xff\xf0'
        + b'NOOP\r\n', rb'500|200')
    add('IAC in path', b'SIZE \xff\xffhello.txt\r\n', REJECT)
    add('IAC IP + DM before ABOR', b'\xff\xf4\xff\xf2ABOR\r\n', rb'22[56]')
    add('IAC flood before login', b'\xff\xf4' * 100000 + b'NOOP\r\n',
        rb'200|500', phase='pre')
    # Non-UTF-8 and odd bytes.
    add('invalid UTF-8 verb', b'\xc3\x28\xa0\xa1\r\n', rb'500')
    add('high bytes verb', bytes(range(0x80, 0x100)) + b'\r\n', rb'500')
    add('control bytes verb', bytes(range(1, 32)).replace(b'\r', b'')
        .replace(b'\n', b'') + b'\r\n', rb'500')
    add('invalid UTF-8 CWD', b'CWD \xc3\x28\r\n', REJECT)
    add('overlong UTF-8 slash', b'CWD ..\xc0\xaf..\xc0\xafetc\r\n', REJECT)
    add('surrogate UTF-8 SIZE', b'SIZE \xed\xa0\x80\r\n', REJECT)
    add('invalid UTF-8 RETR', b'RETR \xfe\xff\xfe\r\n', REJECT)
    add('invalid UTF-8 USER', b'USER \xff\xfe\xfd\r\n', rb'331|5\d\d',
        phase='pre')
    add('invalid UTF-8 DELE', b'DELE \x80\x80\r\n', REJECT)
    # Format strings (also checked: no "(null)"/"(nil)" in any reply).
    for fs in (b'%n%n%n%n', b'%s%s%s%s%s%s', b'%x%x%x%x', b'%p%p%p',
               b'%99999999s', b'%.9999999f', b'%*$s%hhn'):
        add('format verb ' + fs.decode(), fs + b'\r\n', rb'500')
        add('format CWD ' + fs.decode(), b'CWD ' + fs + b'\r\n', REJECT)
        add('format SIZE ' + fs.decode(), b'SIZE ' + fs + b'\r\n', REJECT)
    add('format USER', b'USER %n%s%x\r\n', rb'331|5\d\d', phase='pre')
    add('format PASS', b'USER nobody\r\nPASS %s%n%s\r\n', rb'331|530|5\d\d',
        n=2, phase='pre')
    add('format SITE', b'SITE %n%n%s\r\n', REJECT)
    add('format HELP', b'HELP %s%n%x\r\n', rb'214|5\d\d')
    add('format RNFR', b'RNFR %s%s%s%n\r\n', REJECT)
    add('format OPTS', b'OPTS %n %s\r\n', REJECT)
    # Numbers: REST.
    for arg in (b'-1', b'-9223372036854775808', b'9223372036854775808',
                b'18446744073709551616', b'99999999999999999999999999',
                b'1e10', b'0x10', b'12abc', b'', b' ', b'--5', b'5-'):
        add('REST [%s]' % arg.decode(), b'REST ' + arg + b'\r\n', rb'501|554')
    add('REST valid', b'REST 5\r\n', rb'350')
    # PORT tuples.
    for arg in (b'127,0,0,1,256,1', b'127,0,0,1,-1,5', b'999,0,0,1,4,1',
                b'127,0,0,1,4', b'127,0,0,1,4,1,7', b',,,,,',
                b'127.0.0.1.4.1', b'127,0,0,1,4,99999999999999999999',
                b'127,0,0,1,4,1 x', b'a,b,c,d,e,f', b'127,0,0,1,,1',
                b'-127,0,0,1,4,1', b'127,0,0,1,4,1,', b'1,2,3,4,200,1',
                b'127,0,0,1,0,21', b'127,0,0,1,0,0', b'0,0,0,0,200,1',
                b'255,255,255,255,200,1', b'127,0,0,1,0,1023'):
        add('PORT %s' % arg.decode(), b'PORT ' + arg + b'\r\n',
            rb'50[01]|504|5\d\d')
    # EPRT tuples.
    for arg in (b'|1|127.0.0.1|99999|', b'|1|127.0.0.1|-1|',
                b'|2|127.0.0.1|50000|', b'|3|x|1|', b'|1|1.2.3.4|50000|',
                b'|1|127.0.0.1|21|', b'||||', b'|1|', b'|1|127.0.0.1|50000',
                b'|1|256.0.0.1|50000|', b'|1|127.0.0.1|0|',
                b'|1|127.0.0.1|65536|', b'|1|::1|50000|',
                b'|2|::ffff:1.2.3.4|50000|', b'|1|' + b'A' * 3000 + b'|5000|',
                b'|1|127.0.0.1|50000|extra', b'|1|127.0.0.1||',
                b'|1|127.0.0.1|5 0|', b'|-1|127.0.0.1|50000|',
                b'|99999999999999999999|127.0.0.1|50000|'):
        add('EPRT %s' % arg[:40].decode(), b'EPRT ' + arg + b'\r\n',
            rb'5\d\d')
    # MFMT, SITE CHMOD, TYPE/MODE/STRU/EPSV/OPTS oddities.
    for arg in (b'99999999999999 hello.txt', b'-20200101000000 hello.txt',
                b'20201301000000 hello.txt', b'20200132000000 hello.txt',
                b'20200101250000 hello.txt', b'2020 hello.txt',
                b'202001010000001234567890123 hello.txt', b'abc hello.txt',
                b'20200101000000', b'20200101000000 ', b'hello.txt',
                b'20200101000000 missing.txt',
                b'99999999999999999999999999 hello.txt'):
        add('MFMT %s' % arg.decode(), b'MFMT ' + arg + b'\r\n', REJECT)
    for arg in (b'CHMOD', b'CHMOD 644', b'CHMOD 99999999 hello.txt',
                b'CHMOD -1 hello.txt', b'CHMOD 0x1ff hello.txt',
                b'CHMOD 888 hello.txt', b'CHMOD 644 missing.txt',
                b'CHMOD 18446744073709551617 hello.txt', b'EXEC /bin/sh',
                b'CPFR /etc/passwd', b'CPTO /x', b'SYMLINK / x',
                b'UTIME 20000101000000 hello.txt', b'CHOWN 0 hello.txt',
                b'XYZZY', b'CHMOD%n%s'):
        add('SITE %s' % arg.decode(), b'SITE ' + arg + b'\r\n', REJECT)
    for line in (b'TYPE X', b'TYPE A X', b'TYPE L 99', b'TYPE I I',
                 b'TYPE L', b'MODE Z', b'MODE B', b'MODE S S', b'STRU R',
                 b'STRU P', b'STRU F F', b'EPSV 3', b'EPSV -1',
                 b'EPSV 99999999999', b'EPSV ALLX', b'OPTS UTF8 BANANA',
                 b'OPTS HASH FOO', b'OPTS NOSUCH ON', b'HASH',
                 b'XYZZY', b'NOOPNOOPNOOP', b'AAAAAAAAA', b'SITE',
                 b'CDUP x', b'PWD x', b'PASV 1', b'QUIT now',
                 b'AUTH GSSAPI', b'AUTH TLS-X', b'AUTH', b'PBSZ 0', b'PROT P',
                 b'PROT C', b'PBSZ x', b'CCC',
                 b'RNTO stolen.txt', b'RNTO /etc/passwd', b'MLST missing.txt',
                 b'SIZE missing.txt', b'RETR missing.txt', b'CWD missing',
                 b'RMD missing', b'DELE missing', b'MDTM missing.txt',
                 b'HASH missing.txt', b'RMD hello.txt', b'CWD hello.txt',
                 b'MKD hello.txt', b'RETR sub', b'SIZE sub'):
        add(line.decode(), line + b'\r\n', REJECT)
    add('RNFR missing then RNTO', b'RNFR missing.txt\r\nRNTO x.txt\r\n',
        REJECT, n=2)
    add('RNTO before login', b'RNTO x\r\n', rb'530|503', phase='pre')
    add('PASS before USER', b'PASS x\r\n', rb'503|530', phase='pre')
    add('lower case noop', b'noop\r\n', rb'200')
    add('mixed case noop', b'NoOp\r\n', rb'200')
    add('leading space', b' NOOP\r\n', rb'500|200')
    add('tab after verb', b'NOOP\t\r\n', rb'500|501|200')
    # Other protocols sent to the FTP port.
    add('HTTP GET', b'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: x\r\n'
        b'Accept: */*\r\n\r\n', rb'5\d\d', n=(4, 5), phase='pre', may_close=True)
    add('HTTP POST', b'POST /cgi-bin/x HTTP/1.0\r\nContent-Length: 5\r\n'
        b'\r\nhello\r\n', rb'5\d\d', n=(3, 4), phase='pre', may_close=True)
    add('HTTP CONNECT', b'CONNECT 127.0.0.1:22 HTTP/1.1\r\n\r\n', rb'5\d\d',
        n=(1, 2), phase='pre', may_close=True)
    add('SSH banner', b'SSH-2.0-OpenSSH_9.6\r\n', rb'5\d\d', phase='pre',
        may_close=True)
    add('TLS ClientHello', b'\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03'
        + bytes(range(256)) * 2 + b'\r\n', rb'5\d\d', n=3, phase='pre',
        may_close=True)
    add('SMTP', b'EHLO x\r\nMAIL FROM:<a@b>\r\n', rb'5\d\d', n=2,
        phase='pre', may_close=True)
    return c


def run_case(port, case):
    name, phase, payload, codes, n, may_close = case
    codes_re = re.compile(b'^(' + codes + b')$')
    try:
        s = secftp.Session(port, timeout=8)
    except OSError as e:
        return ('fail', 'connect: %s' % e, 0)
    try:
        g = s.greet()
        if g.code != 220:
            return ('fail', 'greeting %r' % g, 0)
        if phase == 'post':
            s.login()
        elif phase == 'user':
            r = s.cmd('USER anonymous')
            if r.code != 331:
                return ('fail', 'USER anonymous -> %r' % r, 0)
        s.send(payload + b'FEAT\r\n')
        got = []
        while True:
            try:
                r = s.read_reply()
            except secftp.Closed:
                if may_close and all(codes_re.match(b'%d' % x.code)
                                     for x in got):
                    return ('closed', '', len(got))
                return ('fail', 'connection closed after %r' % got, len(got))
            except socket.timeout:
                return ('fail', 'no reply within 8 s after %r' % got, len(got))
            if r.code == -1 or not re.match(rb'^\d\d\d[ -]', r.lines[0]):
                return ('fail', 'malformed reply %r' % r.lines[0][:80], len(got))
            if b'(null)' in r.text or b'(nil)' in r.text:
                return ('fail', 'format string interpreted: %r' % r, len(got))
            if r.code == 211 and any(ln.strip() in (b'MDTM', b'SIZE')
                                     for ln in r.lines):
                break
            if 100 <= r.code < 200:
                continue
            got.append(r)
        lo, hi = n if isinstance(n, tuple) else (n, n)
        if not lo <= len(got) <= hi:
            return ('fail', 'expected %s replies, saw %d: %r' % (n, len(got), got),
                    len(got))
        for r in got:
            if not codes_re.match(b'%d' % r.code):
                return ('fail', 'expected /%s/, saw %r' % (codes.decode(), r),
                        len(got))
        return ('ok', '', len(got))
    except secftp.Closed as e:
        return ('fail', 'closed during login/setup: %s' % e, 0)
    except (AssertionError, socket.timeout, OSError) as e:
        return ('fail', 'setup: %r' % e, 0)
    finally:
        s.close()


def main():
    args = sys.argv[1:]
    jobs = 8
    if '--jobs' in args:
        jobs = int(args[args.index('--jobs') + 1])
    port = int(args[0])
    cases = generated(table(args[1])) + handwritten()
    if '--list' in args:
        for c in cases:
            print(c[0], repr(c[2][:60]))
        print(len(cases))
        return 0
    fails = closed = ok = replies = 0
    nbytes = sum(len(c[2]) for c in cases)
    nlines = sum(max(1, c[2].count(b'\n')) for c in cases)
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        results = list(ex.map(lambda c: run_case(port, c), cases))
    for case, (st, why, nrep) in zip(cases, results):
        replies += nrep
        if st == 'fail':
            fails += 1
            print('FAIL %s [%s %r]: %s' % (case[0], case[1], case[2][:80], why))
        elif st == 'closed':
            closed += 1
        else:
            ok += 1
    print('# tried: %d hostile inputs (%d command lines, %d bytes); '
          '%d answered as expected, %d clean closes, %d replies checked, '
          '%d failures' % (len(cases), nlines, nbytes, ok, closed, replies,
                           fails))
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
