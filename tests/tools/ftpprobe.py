#!/usr/bin/python3
"""ftpprobe.py [-u USER] [-p PASS] [-e] [-f FORBIDDEN]... [-v] [-6] [-P] PORT

Log in on 127.0.0.1:PORT and run one expectation per line of stdin:

    REGEX COMMAND...

REGEX (no spaces) must match (re.search) the first line of the final reply
to COMMAND; a leading '^5' means "refused with a 5xx".  Transfer commands
(RETR LIST NLST MLSD STOR STOU APPE) get a passive data connection (EPSV,
else PASV) first; data from the server is read to EOF, and STOR/APPE/STOU
send the bytes "PROBE-UPLOAD\\n".  With -e, COMMAND is decoded with Python
escapes (\\x00, \\r) before sending, so any byte can be sent.  Lines that are
empty or start with '#' are skipped.

No reply line and no data received may contain any FORBIDDEN string (for
content and names that must never leak from outside the root).  When the
server closes the connection, the next command reconnects and logs in
again.  Prints one line per command (with -v, every reply and data line);
exits 0 when every expectation held, 1 otherwise.  -6: connect to [::1].
-P: data connections with PASV only (as FileZilla on IPv4).
"""
import re
import select
import socket
import sys

XFER_IN = {'RETR', 'LIST', 'NLST', 'MLSD'}
XFER_OUT = {'STOR', 'STOU', 'APPE'}
TIMEOUT = 10


class Closed(Exception):
    pass


HOST = '127.0.0.1'
PASV_ONLY = False


class Conn:
    def __init__(self, port, user, pw):
        self.s = socket.create_connection((HOST, port), timeout=TIMEOUT)
        self.buf = b''
        self.replies = []
        self.reply()
        if user:
            self.cmd(b'USER ' + user.encode())
            r = self.cmd(b'PASS ' + pw.encode())
            if not r[0].startswith(b'230'):
                raise SystemExit('login failed: %r' % r)

    def readline(self):
        while b'\n' not in self.buf:
            b = self.s.recv(65536)
            if not b:
                line, self.buf = self.buf, b''
                return line
            self.buf += b
        i = self.buf.index(b'\n') + 1
        line, self.buf = self.buf[:i], self.buf[i:]
        return line

    def reply(self):
        first = self.readline()
        if not first:
            raise Closed()
        lines = [first.rstrip(b'\r\n')]
        if first[3:4] == b'-':
            while True:
                ln = self.readline()
                if not ln:
                    raise Closed()
                lines.append(ln.rstrip(b'\r\n'))
                if ln[:3] == first[:3] and ln[3:4] == b' ':
                    break
        self.replies.append(lines)
        return lines

    def extra(self):
        """Replies nobody asked for (one command answered twice, or a
        long line split into two commands)."""
        more = []
        while self.buf or select.select([self.s], [], [], 0.05)[0]:
            try:
                more.append(self.reply()[0])
            except (Closed, OSError):
                more.append(b'(closed)')
                break
        return more

    def cmd(self, line):
        self.s.sendall(line + b'\r\n')
        r = self.reply()
        while r[0][:1] == b'1':
            r = self.reply()
        return r

    def pasv(self):
        r = [b''] if PASV_ONLY else self.cmd(b'EPSV')
        m = re.search(rb'\(\|\|\|(\d+)\|\)', r[0])
        if r[0].startswith(b'229') and m:
            port = int(m.group(1))
        else:
            r = self.cmd(b'PASV')
            m = re.search(rb'(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)', r[0])
            if not m:
                return None
            port = int(m.group(5)) * 256 + int(m.group(6))
        return socket.create_connection((HOST, port), timeout=TIMEOUT)

    def xfer(self, line, verb):
        """Run a transfer command; return (final reply, data received)."""
        d = self.pasv()
        self.s.sendall(line + b'\r\n')
        r = self.reply()
        data = b''
        if r[0][:1] == b'1' and d is not None:
            if verb in XFER_OUT:
                try:
                    d.sendall(b'PROBE-UPLOAD\n')
                except OSError:
                    pass
            else:
                while True:
                    try:
                        b = d.recv(65536)
                    except OSError:
                        break
                    if not b:
                        break
                    data += b
        if d is not None:
            d.close()
        while r[0][:1] == b'1':
            r = self.reply()
        return r, data


def main():
    args = sys.argv[1:]
    user, pw, esc, verbose, forbid = 'anonymous', 'probe', False, False, []
    port = None
    i = 0
    while i < len(args):
        a = args[i]
        if a == '-u':
            user = args[i + 1]; i += 1
        elif a == '-p':
            pw = args[i + 1]; i += 1
        elif a == '-f':
            forbid.append(args[i + 1].encode()); i += 1
        elif a == '-e':
            esc = True
        elif a == '-v':
            verbose = True
        elif a == '-6':
            global HOST
            HOST = '::1'
        elif a == '-P':
            global PASV_ONLY
            PASV_ONLY = True
        else:
            port = int(a)
        i += 1
    out = sys.stdout
    bad = 0
    conn = None
    for raw in sys.stdin.buffer:
        raw = raw.rstrip(b'\n')
        if not raw.strip() or raw.startswith(b'#'):
            continue
        want, _, line = raw.partition(b' ')
        if esc:
            line = line.decode('latin-1').encode('latin-1').decode(
                'unicode_escape').encode('latin-1')
        verb = line.split(b' ')[0].upper().decode('latin-1')
        show = repr(line)[2:-1]
        if len(show) > 90:
            show = show[:60] + '...(%d bytes)' % len(line)
        try:
            if conn is None:
                conn = Conn(port, user, pw)
            if verb in XFER_IN or verb in XFER_OUT:
                r, data = conn.xfer(line, verb)
            else:
                r, data = conn.cmd(line), b''
        except Closed:
            r, data = [b'(closed)'], b''
            conn = None
        except (socket.timeout, OSError) as e:
            r, data = [('(%s)' % e).encode()], b''
            conn = None
        more = []
        if conn is not None:
            more = conn.extra()
            if more and more[-1] == b'(closed)':
                conn = None
        ok = re.search(want.decode(), r[0].decode('utf-8', 'replace')) is not None
        more = [m for m in more if m != b'(closed)']
        ok = ok and not more
        leak = [x for x in forbid if x in data or any(x in ln for ln in r)]
        status = 'ok  ' if ok and not leak else 'FAIL'
        if not ok or leak:
            bad += 1
        out.write('%s %-20s %s -> %s%s%s\n' % (
            status, want.decode(), show, r[0].decode('utf-8', 'replace'),
            ' LEAKED %r' % leak if leak else '',
            ' EXTRA REPLIES %r' % more if more else ''))
        if verbose or leak:
            for ln in r[1:]:
                out.write('        < %s\n' % ln.decode('utf-8', 'replace'))
            for ln in data.splitlines()[:20]:
                out.write('        | %s\n' % ln.decode('utf-8', 'replace'))
    out.flush()
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
