#!/usr/bin/env bash
# --proxy-from with FTPS (issue 18), one node, no balancer: the test plays
# HAProxy from 127.0.0.1 and writes each PROXY header and the TLS
# ClientHello after it in one send, so the node must take exactly the
# header's bytes and leave the handshake to OpenSSL (HAProxy may send
# them in one segment or two; tests/cluster/haproxy-tls.sh runs the real
# one):
#  - implicit TLS (an ftps:// listener): v2 header + ClientHello, the
#    220 over TLS, the session is the header's client; EPSV download and
#    upload whose data connections carry v2 and v1 headers + a
#    ClientHello that resumes the control connection's session (the
#    node's reuse check is on), files compared byte for byte;
#  - explicit TLS after a v1 header: a PASV data connection whose header
#    names another client is refused before any handshake, the client's
#    own one that follows carries the transfer;
#  - v2 LOCAL on the ftps:// listener: the plain 220 alone, then EOF (a
#    health check never starts a handshake).
. "$(dirname "$0")/../lib.sh"
ip addr show lo 2>/dev/null | grep -q '127.0.0.1/8' ||
	skip "loopback is not 127.0.0.0/8"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
start_tls_server --proxy-from 127.0.0.1/32 --anonymous-write --accept-timeout 5 "$ROOT"

cat >"$T/proxy_tls.py" <<'EOF'
import os, socket, ssl, struct, sys

port, sport, cert, root = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
ctx = ssl.create_default_context(cafile=cert)
SIG = b'\r\n\r\n\x00\r\nQUIT\n'


def v1(src, sport=40000):
    return ('PROXY TCP4 %s 127.0.0.1 %d 21\r\n' % (src, sport)).encode()


def v2(src, sport=40000):
    body = socket.inet_aton(src) + socket.inet_aton('127.0.0.1') + \
        struct.pack('!HH', sport, 21)
    return SIG + bytes([0x21, 0x11]) + struct.pack('!H', len(body)) + body


def connect(p):
    return socket.create_connection(('127.0.0.1', p), timeout=10,
                                    source_address=('127.0.0.1', 0))


class Tls:
    """TLS over memory BIOs: the ClientHello leaves in one send with the
    header before it; the rest of the handshake waits for handshake()."""

    def __init__(self, sock, header, session=None):
        self.s, self.inc, self.out = sock, ssl.MemoryBIO(), ssl.MemoryBIO()
        self.t = ctx.wrap_bio(self.inc, self.out, server_hostname='localhost',
                              session=session)
        try:
            self.t.do_handshake()
        except ssl.SSLWantReadError:
            pass
        sock.sendall(header + self.out.read())

    def step(self, fn):
        while True:
            try:
                r = fn()
                self.flush()
                return r
            except ssl.SSLWantReadError:
                self.flush()
                d = self.s.recv(65536)
                if not d:
                    raise EOFError('closed under TLS')
                self.inc.write(d)

    def flush(self):
        data = self.out.read()
        if data:
            self.s.sendall(data)

    def handshake(self):
        self.step(self.t.do_handshake)

    def recv(self, n=65536):
        try:
            return self.step(lambda: self.t.read(n))
        except ssl.SSLZeroReturnError:
            return b''

    def sendall(self, data):
        self.step(lambda: self.t.write(data))

    def close_notify(self):
        try:
            self.t.unwrap()
        except ssl.SSLWantReadError:
            pass
        self.flush()


class Ctl:
    def __init__(self, conn):
        self.c, self.buf = conn, b''

    def reply(self):
        while b'\r\n' not in self.buf:
            d = self.c.recv(65536)
            if not d:
                raise EOFError('control closed')
            self.buf += d
        line, self.buf = self.buf.split(b'\r\n', 1)
        return int(line[:3]), line.decode()

    def cmd(self, line, want):
        self.c.sendall(line.encode() + b'\r\n')
        code, text = self.reply()
        assert code == want, '%s: expected %d, saw %r' % (line, want, text)
        return text


def retr(ctl, data, name):
    ctl.cmd('RETR ' + name, 150)
    data.handshake()
    got = b''
    while True:
        b = data.recv()
        if not b:
            break
        got += b
    assert ctl.reply()[0] == 226, 'RETR ' + name
    want = open(os.path.join(root, name), 'rb').read()
    assert got == want, 'RETR %s: %d bytes, expected %d' % (name, len(got), len(want))


def epsv(ctl):
    return int(ctl.cmd('EPSV', 229).split('|')[3])


# Implicit: header and ClientHello in one send, on control and on data.
t = Tls(connect(sport), v2('192.0.2.30', 41000))
t.handshake()
ctl = Ctl(t)
assert ctl.reply()[0] == 220, 'implicit greeting'
ctl.cmd('USER anonymous', 331)
ctl.cmd('PASS x@', 230)
retr(ctl, Tls(connect(epsv(ctl)), v2('192.0.2.30', 41001), t.t.session), 'big.bin')
up = os.urandom(1234567)
d = Tls(connect(epsv(ctl)), v1('192.0.2.30', 41002), t.t.session)
ctl.cmd('STOR up implicit.bin', 150)
d.handshake()
for i in range(0, len(up), 100000):
    d.sendall(up[i:i + 100000])
d.close_notify()
assert ctl.reply()[0] == 226, 'implicit STOR'
d.s.close()
assert open(os.path.join(root, 'up implicit.bin'), 'rb').read() == up, 'STOR differs'
ctl.cmd('QUIT', 221)

# Explicit after a v1 header; a data connection naming someone else first.
s = connect(port)
s.sendall(v1('192.0.2.31', 42000))
plain = Ctl(s)
assert plain.reply()[0] == 220, 'explicit greeting'
plain.cmd('AUTH TLS', 234)
tls = ctx.wrap_socket(s, server_hostname='localhost')
ctl = Ctl(tls)
ctl.cmd('USER anonymous', 331)
ctl.cmd('PASS x@', 230)
ctl.cmd('PBSZ 0', 200)
ctl.cmd('PROT P', 200)
text = ctl.cmd('PASV', 227)
n = text.split('(')[1].split(')')[0].split(',')
p = int(n[4]) * 256 + int(n[5])
thief = Tls(connect(p), v2('192.0.2.99', 42001), tls.session)
retr(ctl, Tls(connect(p), v2('192.0.2.31', 42002), tls.session), 'sub dir/mid.bin')
thief.s.settimeout(5)
try:
    assert thief.s.recv(100) == b'', 'the thief got bytes'
except ConnectionResetError:
    pass
ctl.cmd('QUIT', 221)

# A health check on the ftps:// listener: the plain greeting, then EOF.
s = connect(sport)
s.sendall(SIG + bytes([0x20, 0x00, 0, 0]))
got = b''
while True:
    b = s.recv(100)
    if not b:
        break
    got += b
assert got.startswith(b'220 ') and got.endswith(b'\r\n') and got.count(b'\r\n') == 1, \
    'LOCAL on ftps://: %r' % got
print('ok')
EOF
out=$(timeout 60 "$PY" "$T/proxy_tls.py" "$FTPD_PORT" "$FTPS_PORT" "$CERT" "$ROOT" 2>&1) ||
	fail "proxy_tls.py: $out"
assert_eq ok "$out" "proxy_tls.py"
grep -q 'connection from 192\.0\.2\.30 port 41000 via 127\.0\.0\.1' "$FTPD_LOG" ||
	fail "the implicit session is not the header's client: $(cat "$FTPD_LOG")"
grep -q 'connection from 192\.0\.2\.31 port 42000 via 127\.0\.0\.1' "$FTPD_LOG" ||
	fail "the explicit session is not the header's client: $(cat "$FTPD_LOG")"
grep -q '192\.0\.2\.31: refused data connection from a foreign address' "$FTPD_LOG" ||
	fail "no refusal of the data connection naming 192.0.2.99: $(cat "$FTPD_LOG")"
grep -q 'did not resume' "$FTPD_LOG" &&
	fail "a data connection did not resume: $(cat "$FTPD_LOG")"
n=$(grep -c 'login "anonymous".*TLSv1\.[23] ' "$FTPD_LOG")
assert_eq 2 "$n" "TLS logins"
exit 0
