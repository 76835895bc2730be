"""secftp: a small raw FTP client for the security tests.

Unlike ftplib it sends any bytes, never retries, never interprets
anything, and reports exactly what came back: reply codes and texts,
data bytes, closes and resets.  Imported by tests/tools/hostile_*.py and
the helpers of tests/security (sys.path is set by the caller).
"""
import socket
import time


class Closed(Exception):
    """The server closed (or reset) the control connection."""


class Reply:
    def __init__(self, code, lines):
        self.code = code          # int, e.g. 226
        self.lines = lines        # raw reply lines (bytes, CRLF stripped)

    @property
    def text(self):
        return b'\n'.join(self.lines)

    def __repr__(self):
        return 'Reply(%d, %r)' % (self.code, self.text[:200])


class Session:
    def __init__(self, port, host='127.0.0.1', timeout=5.0):
        self.host = host
        self.timeout = timeout
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.rbuf = b''
        self.greeting = None

    # -- control connection -------------------------------------------
    def _readline(self):
        while b'\n' not in self.rbuf:
            try:
                chunk = self.sock.recv(65536)
            except ConnectionResetError:
                raise Closed('reset')
            except socket.timeout:
                raise
            if not chunk:
                raise Closed('eof')
            self.rbuf += chunk
        line, self.rbuf = self.rbuf.split(b'\n', 1)
        return line.rstrip(b'\r')

    def read_reply(self):
        """One complete reply (multi-line aware, RFC 959 §4.2)."""
        first = self._readline()
        lines = [first]
        if len(first) < 3 or not first[:3].isdigit():
            return Reply(-1, lines)           # not FTP: report as-is
        code = first[:3]
        if first[3:4] == b'-':
            while True:
                ln = self._readline()
                lines.append(ln)
                if ln[:3] == code and ln[3:4] == b' ':
                    break
        return Reply(int(code), lines)

    def read_final(self):
        """Replies up to and including the first non-1xx one."""
        out = []
        while True:
            r = self.read_reply()
            out.append(r)
            if not 100 <= r.code < 200:
                return out

    def send(self, data):
        try:
            self.sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            raise Closed('send')

    def cmd(self, line):
        """Send one command (str or bytes, CRLF added); the final reply."""
        if isinstance(line, str):
            line = line.encode('utf-8', 'surrogateescape')
        self.send(line + b'\r\n')
        return self.read_final()[-1]

    def greet(self):
        self.greeting = self.read_reply()
        return self.greeting

    def login(self, user='anonymous', password='sec@test'):
        if self.greeting is None:
            self.greet()
        if self.greeting.code != 220:
            raise AssertionError('greeting %r' % self.greeting)
        r = self.cmd('USER ' + user)
        if r.code == 331:
            r = self.cmd('PASS ' + password)
        if r.code != 230:
            raise AssertionError('login failed: %r' % r)
        return r

    def close(self, rst=False):
        try:
            if rst:
                import struct
                self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                     struct.pack('ii', 1, 0))
            self.sock.close()
        except OSError:
            pass

    # -- data connections -----------------------------------------------
    def pasv(self):
        """EPSV (then PASV): a connected data socket, or the refusing Reply."""
        r = self.cmd('EPSV')
        if r.code == 229:
            t = r.lines[0].decode('latin-1')
            inner = t[t.index('(') + 1:t.index(')')]
            port = int(inner.split(inner[0])[3])
        else:
            r = self.cmd('PASV')
            if r.code != 227:
                return r
            t = r.lines[0].decode('latin-1')
            import re
            m = re.search(r'(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)', t)
            if not m:
                return r
            n = [int(x) for x in m.groups()]
            port = n[4] * 256 + n[5]
        d = socket.create_connection((self.host, port), timeout=self.timeout)
        return d

    def transfer(self, line, upload=None, limit=None):
        """Run a data command through a passive connection.

        Returns (replies, data): replies are every reply to the command
        (1xx and final), data the bytes received (download/listing).
        upload, when given, is sent and the data connection closed.
        The data is read to EOF, at most limit bytes (then closed early).
        """
        d = self.pasv()
        if isinstance(d, Reply):
            return [d], b''
        try:
            if isinstance(line, str):
                line = line.encode('utf-8', 'surrogateescape')
            self.send(line + b'\r\n')
            first = self.read_reply()
            if not 100 <= first.code < 200:
                return [first], b''
            data = b''
            if upload is not None:
                try:
                    d.sendall(upload)
                except OSError:
                    pass
                d.close()
            else:
                while True:
                    try:
                        chunk = d.recv(262144)
                    except (ConnectionResetError, socket.timeout):
                        break
                    if not chunk:
                        break
                    data += chunk
                    if limit is not None and len(data) >= limit:
                        break
                d.close()
            rest = self.read_final()
            return [first] + rest, data
        finally:
            d.close()


def wait_greeting(port, timeout=5.0):
    """Seconds until a new connection gets its 220 (or raises)."""
    t0 = time.monotonic()
    s = Session(port, timeout=timeout)
    try:
        g = s.greet()
        if g.code != 220:
            raise AssertionError('greeting %r' % g)
        return time.monotonic() - t0
    finally:
        s.close()


def served(port):
    """True when a new client gets 220, logs in and gets 200 for NOOP."""
    s = Session(port)
    try:
        s.login()
        return s.cmd('NOOP').code == 200
    finally:
        s.close()
