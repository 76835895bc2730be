#!/usr/bin/env python3
"""tls_refusals.py CASE PORT CAFILE ROOT: one FTPS refusal, exit 0 when
forkftpd behaved.  The cases (tests/server/tls-refusals.sh runs them):

  garbage     AUTH TLS, then random bytes instead of a ClientHello: closed
  implicit-garbage  the same on an ftps:// port (PORT is that one)
  cut         AUTH TLS, half a ClientHello, then close; and half then a
              stall, closed by the server's login timeout
  pipelined   "AUTH TLS\\r\\nMKD pwned\\r\\n" in one write: the MKD is dropped,
              the handshake and the session go on; plaintext sent after the
              234 breaks the handshake and never runs either
  replies     AUTH/PBSZ/PROT/CCC answers (RFC 4217 §§ 4, 8, 9, 11)
  required    (a --tls required server) USER before AUTH 530; PROT C data 521
  nonotify    an upload whose data connection ends without close_notify is
              426 and replaces nothing; with close_notify it is 226
  rein        REIN ends the TLS session with the login: the 220 protected,
              then plaintext until a new AUTH TLS
  steal       a data connection that resumes another control connection's
              TLS session is refused (522) and gets no byte; the same client
              resuming its own session is served
"""
import os
import socket
import ssl
import sys
import time

CASE, PORT, CAFILE, ROOT = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
CTX = ssl.create_default_context(cafile=CAFILE)


def fail(msg):
    print('FAIL: ' + msg)
    sys.exit(1)


class Ctl:
    """A control connection, plain until tls() is called."""

    def __init__(self, port=PORT, implicit=False):
        self.raw = socket.create_connection(('127.0.0.1', port), timeout=10)
        self.s = self.raw
        self.buf = b''
        if implicit:
            self.s = CTX.wrap_socket(self.raw, server_hostname='localhost')
        else:
            self.expect(220)

    def line(self):
        while b'\r\n' not in self.buf:
            d = self.s.recv(4096)
            if not d:
                raise EOFError('connection closed')
            self.buf += d
        l, self.buf = self.buf.split(b'\r\n', 1)
        return l.decode('utf-8', 'replace')

    def reply(self):
        l = self.line()
        while len(l) < 4 or l[3] == '-' or not l[:3].isdigit():
            l = self.line()
        return l

    def cmd(self, c, want=None):
        self.s.sendall(c.encode() + b'\r\n')
        r = self.reply()
        if want is not None and not r.startswith(str(want)):
            fail('%s: expected %s, saw %r' % (c, want, r))
        return r

    def expect(self, code):
        r = self.reply()
        if not r.startswith(str(code)):
            fail('expected %s, saw %r' % (code, r))
        return r

    def tls(self, session=None):
        self.cmd('AUTH TLS', 234)
        self.s = CTX.wrap_socket(self.raw, server_hostname='localhost',
                                 session=session)

    def login(self):
        self.cmd('USER anonymous', 331)
        self.cmd('PASS x@', 230)

    def epsv(self):
        r = self.cmd('EPSV', 229)
        return int(r.split('|')[3])


def closed_soon(sock, secs=10):
    """True when the peer closes (or resets) within secs."""
    sock.settimeout(secs)
    end = time.time() + secs
    try:
        while time.time() < end:
            if not sock.recv(4096):
                return True
    except (ConnectionResetError, ssl.SSLError, BrokenPipeError):
        return True
    except socket.timeout:
        return False
    return False


def alive():
    c = Ctl()
    c.cmd('NOOP', 200)
    c.cmd('QUIT', 221)


def client_hello():
    """The first flight of a real TLS client, from memory BIOs."""
    inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
    o = CTX.wrap_bio(inc, out, server_hostname='localhost')
    try:
        o.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return out.read()


def case_garbage():
    c = Ctl()
    c.cmd('AUTH TLS', 234)
    c.raw.sendall(os.urandom(300))
    if not closed_soon(c.raw):
        fail('garbage instead of a ClientHello did not close the session')
    alive()


def case_implicit_garbage():
    s = socket.create_connection(('127.0.0.1', PORT), timeout=10)
    s.sendall(b'USER anonymous\r\n' + os.urandom(200))
    if not closed_soon(s):
        fail('garbage on the ftps:// port did not close it')
    s.settimeout(5)


def case_cut():
    hello = client_hello()
    c = Ctl()
    c.cmd('AUTH TLS', 234)
    c.raw.sendall(hello[:len(hello) // 2])
    c.raw.close()
    # Half, then nothing: the login deadline (--login-timeout) ends it.
    c = Ctl()
    c.cmd('AUTH TLS', 234)
    c.raw.sendall(hello[:len(hello) // 2])
    if not closed_soon(c.raw, 15):
        fail('a stalled handshake was not ended by the login timeout')
    alive()


def case_pipelined():
    c = Ctl()
    c.raw.sendall(b'AUTH TLS\r\nMKD pwned\r\nDELE hello.txt\r\n')
    c.expect(234)
    c.s = CTX.wrap_socket(c.raw, server_hostname='localhost')
    c.cmd('NOOP', 200)     # the first reply under TLS answers this
    c.login()
    c.cmd('QUIT', 221)
    # Plaintext after the 234, in its own segment: read as a broken
    # ClientHello, the session ends and nothing runs.
    c = Ctl()
    c.cmd('AUTH TLS', 234)
    c.raw.sendall(b'MKD pwned2\r\n')
    time.sleep(0.2)
    try:
        CTX.wrap_socket(c.raw, server_hostname='localhost')
        fail('a handshake after plaintext succeeded')
    except (ssl.SSLError, OSError):
        pass
    for n in ('pwned', 'pwned2'):
        if os.path.exists(os.path.join(ROOT, n)):
            fail('a command pipelined after AUTH TLS ran: %s exists' % n)
    if not os.path.exists(os.path.join(ROOT, 'hello.txt')):
        fail('DELE pipelined after AUTH TLS ran')
    alive()


def case_replies():
    c = Ctl()
    c.cmd('PBSZ 0', 503)
    c.cmd('PROT P', 503)
    c.cmd('AUTH KERBEROS_V4', 504)
    c.tls()
    c.cmd('AUTH TLS', 503)
    c.cmd('PROT P', 503)            # before PBSZ
    c.cmd('PBSZ 0', 200)
    c.cmd('PROT S', 536)
    c.cmd('PROT E', 536)
    c.cmd('PROT X', 504)
    c.cmd('PROT C', 200)
    c.cmd('PROT P', 200)
    c.cmd('CCC', 534)
    c.login()
    feats = []
    c.s.sendall(b'FEAT\r\n')
    l = c.line()
    while not l.startswith('211 '):
        feats.append(l)
        l = c.line()
    for f in (' AUTH TLS', ' PBSZ', ' PROT'):
        if f not in feats:
            fail('FEAT lacks %r: %r' % (f, feats))
    c.cmd('NOOP', 200)              # CCC left the session encrypted
    c.cmd('QUIT', 221)
    for mech in ('SSL', 'TLS-C'):
        c = Ctl()
        c.cmd('AUTH ' + mech, 234)
        c.s = CTX.wrap_socket(c.raw, server_hostname='localhost')
        c.cmd('NOOP', 200)


def case_required():
    c = Ctl()
    c.cmd('USER anonymous', 530)
    c.cmd('PASS x@', 503)
    c.tls()
    c.cmd('PBSZ 0', 200)
    c.cmd('PROT C', 200)
    c.login()
    port = c.epsv()
    d = socket.create_connection(('127.0.0.1', port), timeout=10)
    c.cmd('LIST', 521)
    d.close()
    c.cmd('QUIT', 221)


def case_steal():
    victim, other = Ctl(), Ctl()
    for c in (victim, other):
        c.tls()
        c.login()
        c.cmd('PBSZ 0', 200)
        c.cmd('PROT P', 200)
    # The thief races to the victim's passive port with a session of its own.
    port = victim.epsv()
    t = socket.create_connection(('127.0.0.1', port), timeout=10)
    victim.s.sendall(b'LIST\r\n')
    r = victim.reply()
    got = b''
    try:
        ts = CTX.wrap_socket(t, server_hostname='localhost', session=other.s.session)
        ts.settimeout(5)
        while True:
            d = ts.recv(4096)
            if not d:
                break
            got += d
    except (ssl.SSLError, OSError):
        pass
    if r.startswith('150'):
        r = victim.reply()
    if not r.startswith('522'):
        fail('a data connection with another TLS session: expected 522, saw %r' % r)
    if got:
        fail('the thief received %d bytes' % len(got))
    # The victim itself, resuming its own session, is served.
    port = victim.epsv()
    d = socket.create_connection(('127.0.0.1', port), timeout=10)
    victim.s.sendall(b'NLST\r\n')
    victim.expect(150)
    ds = CTX.wrap_socket(d, server_hostname='localhost', session=victim.s.session)
    data = b''
    while True:
        x = ds.recv(65536)
        if not x:
            break
        data += x
    if not ds.session_reused:
        fail('the client did not resume (test broken)')
    victim.expect(226)
    if b'hello.txt' not in data:
        fail('NLST over the resumed session: %r' % data)


def case_nonotify():
    c = Ctl()
    c.tls()
    c.login()
    c.cmd('PBSZ 0', 200)
    c.cmd('PROT P', 200)
    body = os.urandom(300000)

    def stor(name, notify):
        port = c.epsv()
        d = socket.create_connection(('127.0.0.1', port), timeout=10)
        c.cmd('STOR ' + name, 150)
        ds = CTX.wrap_socket(d, server_hostname='localhost', session=c.s.session)
        ds.sendall(body)
        if notify:
            ds.unwrap().close()
        else:
            ds.close()          # Python sends no close_notify here
        return c.reply()

    r = stor('cut.bin', False)
    if not r.startswith('426'):
        fail('upload without close_notify: expected 426, saw %r' % r)
    if os.path.exists(os.path.join(ROOT, 'cut.bin')):
        fail('an upload without close_notify left cut.bin')
    r = stor('hello.txt', False)
    if not r.startswith('426'):
        fail('overwrite without close_notify: expected 426, saw %r' % r)
    if open(os.path.join(ROOT, 'hello.txt'), 'rb').read() == body:
        fail('an upload without close_notify replaced hello.txt')
    r = stor('whole.bin', True)
    if not r.startswith('226'):
        fail('upload with close_notify: expected 226, saw %r' % r)
    if open(os.path.join(ROOT, 'whole.bin'), 'rb').read() != body:
        fail('whole.bin differs')


def case_rein():
    c = Ctl()
    c.tls()
    c.login()
    c.cmd('REIN', 220)          # still protected
    c.s = c.raw = c.s.unwrap()  # the server's close_notify, then plain
    c.buf = b''
    c.cmd('NOOP', 200)
    c.tls()                     # a new AUTH TLS is accepted
    c.login()
    c.cmd('QUIT', 221)


CASES = {'nonotify': case_nonotify, 'rein': case_rein, 'garbage': case_garbage, 'implicit-garbage': case_implicit_garbage,
         'cut': case_cut, 'pipelined': case_pipelined,
         'replies': case_replies, 'required': case_required,
         'steal': case_steal}
CASES[CASE]()
print('ok ' + CASE)
