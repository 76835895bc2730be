"""Raw FTP for the session-*.sh tests: one control connection, explicit
data connections, every reply visible.  Failing checks raise
AssertionError with what was expected and what was seen."""
import os
import socket
import sys

TIMEOUT = 10


class Reply:
    def __init__(self, code, lines):
        self.code = code
        self.lines = lines

    @property
    def text(self):
        return b'\n'.join(self.lines).decode('utf-8', 'replace')

    def __repr__(self):
        return 'Reply(%d, %r)' % (self.code, self.lines)


class Ftp:
    def __init__(self, port, host='127.0.0.1', timeout=TIMEOUT):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.f = self.sock.makefile('rb')
        self.greeting = self.reply()

    def hangup(self):
        """Close the control connection now.  sock.close() alone does not:
        the file from makefile() keeps the descriptor open until exit."""
        self.f.close()
        self.sock.close()

    def line(self):
        ln = self.f.readline()
        if not ln:
            raise EOFError('control connection closed')
        return ln.rstrip(b'\r\n')

    def reply(self):
        first = self.line()
        lines = [first]
        if first[3:4] == b'-':
            while True:
                ln = self.line()
                lines.append(ln)
                if ln[:3] == first[:3] and ln[3:4] == b' ':
                    break
        return Reply(int(first[:3]), lines)

    def send(self, data):
        if isinstance(data, str):
            data = data.encode('utf-8', 'surrogateescape')
        self.sock.sendall(data + b'\r\n')

    def cmd(self, line, expect=None):
        self.send(line)
        r = self.reply()
        if expect is not None:
            check(r, expect, line)
        return r

    def login(self, user='anonymous', password='test@'):
        self.cmd('USER ' + user, 331)
        self.cmd('PASS ' + password, 230)

    def pasv(self):
        r = self.cmd('EPSV', 229)
        port = int(r.text.split('(')[1].split('|')[3])
        return socket.create_connection(('127.0.0.1', port), timeout=TIMEOUT)

    def get(self, line, expect=226):
        """Run a download command; returns (bytes, 150 reply, final)."""
        d = self.pasv()
        r1 = self.cmd(line, 150)
        data = b''
        while True:
            b = d.recv(65536)
            if not b:
                break
            data += b
        d.close()
        r2 = self.reply()
        check(r2, expect, line)
        return data, r1, r2

    def put(self, line, data, expect=226):
        d = self.pasv()
        r1 = self.cmd(line, 150)
        d.sendall(data)
        d.close()
        r2 = self.reply()
        check(r2, expect, line)
        return r1, r2


def check(r, expect, what):
    codes = expect if isinstance(expect, (tuple, list)) else (expect,)
    if r.code not in codes:
        raise AssertionError('%s: expected %s, saw %r' % (what, expect, r))


def eq(want, got, what):
    if want != got:
        raise AssertionError('%s: expected %r, saw %r' % (what, want, got))


def port():
    return int(sys.argv[1])


def child_of(ppid):
    """The pid of a child of ppid (a session of the server), or None.
    Field 4 of /proc/PID/stat, read after the last ')': the command name
    may hold spaces."""
    for p in os.listdir('/proc'):
        if p.isdigit():
            try:
                st = open('/proc/%s/stat' % p).read()
            except OSError:
                continue
            if int(st.rsplit(')', 1)[1].split()[1]) == ppid:
                return int(p)
    return None
