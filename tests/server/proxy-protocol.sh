#!/usr/bin/env bash
# --proxy-from (issue 18), one node, no balancer: the test plays HAProxy
# from 127.0.0.1 (trusted) and a plain client from 127.0.0.2 (not):
#  - v1 and v2 headers: the session is the header's client (logs, xferlog,
#    STAT), EPSV and PASV data connections from the
#    balancer carry a header naming that client and transfer byte for
#    byte; a data connection whose header names someone else is refused;
#  - v2 LOCAL (a health check) gets the 220 alone, then EOF;
#  - no header, a malformed one, a truncated one, a silent connection:
#    closed without a greeting (the silent ones after the header timeout);
#  - 200 silent balancer connections do not delay a header-bearing one
#    (the listener never waits for a header);
#  - --max-per-ip counts the header's address: a third session of one
#    client is refused with 421 although the balancer holds many;
#  - a PROXY header from an address not in --proxy-from is a bad command
#    and the session stays the sender's own address;
#  - --inetd honours --proxy-from the same way (header, LOCAL, none).
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
ip addr show lo 2>/dev/null | grep -q '127.0.0.1/8' ||
	skip "loopback is not 127.0.0.0/8"

start_forkftpd --proxy-from 127.0.0.1/32 --max-per-ip 2 --accept-timeout 3 \
	--xferlog "$T/xferlog" "$ROOT"

cat >"$T/proxy.py" <<'EOF'
import os
import socket
import struct
import sys
import time

port, root = int(sys.argv[1]), sys.argv[2]
SIG = b'\r\n\r\n\x00\r\nQUIT\n'


def v1(src, sport=40000, dst='127.0.0.1', dport=21):
    return ('PROXY TCP4 %s %s %d %d\r\n' % (src, dst, sport, dport)).encode()


def v2(src, sport=40000, dst='127.0.0.1', dport=21, tlv=b''):
    body = socket.inet_aton(src) + socket.inet_aton(dst) + \
        struct.pack('!HH', sport, dport) + tlv
    return SIG + bytes([0x21, 0x11]) + struct.pack('!H', len(body)) + body


V2_LOCAL = SIG + bytes([0x20, 0x00, 0, 0])


def connect(src='127.0.0.1', p=None):
    s = socket.socket()
    s.settimeout(10)
    s.bind((src, 0))
    s.connect(('127.0.0.1', p or port))
    return s


class Ctl:
    def __init__(self, header, src='127.0.0.1'):
        self.s = connect(src)
        if header:
            self.s.sendall(header)
        self.f = self.s.makefile('rb')

    def reply(self):
        lines = [self.f.readline()]
        if not lines[0]:
            raise EOFError('closed')
        while lines[0][3:4] == b'-' and not (
                lines[-1][:3] == lines[0][:3] and lines[-1][3:4] == b' '
                and len(lines) > 1):
            lines.append(self.f.readline())
        return int(lines[0][:3]), b''.join(lines).decode('utf-8', 'replace')

    def cmd(self, line, want=None):
        self.s.sendall(line.encode() + b'\r\n')
        code, text = self.reply()
        if want is not None and code != want:
            raise AssertionError('%s: expected %d, saw %r' % (line, want, text))
        return code, text

    def login(self):
        self.cmd('USER anonymous', 331)
        self.cmd('PASS x@', 230)


def expect_greeting(c, what):
    code, text = c.reply()
    assert code == 220, '%s: expected 220, saw %r' % (what, text)


def expect_silent_close(s, what, within):
    t0 = time.monotonic()
    s.settimeout(within)
    try:
        data = s.recv(100)
    except ConnectionResetError:	# closed with our bytes unread
        data = b''
    assert data == b'', '%s: expected a close without a greeting, saw %r' % (
        what, data)
    return time.monotonic() - t0


def data_port(c, mode):
    if mode == 'EPSV':
        text = c.cmd('EPSV', 229)[1]
        return int(text.split('(')[1].split('|')[3])
    text = c.cmd('PASV', 227)[1]
    nums = text.split('(')[1].split(')')[0].split(',')
    return int(nums[4]) * 256 + int(nums[5])


def retr(c, mode, header, name):
    p = data_port(c, mode)
    d = connect(p=p)
    d.sendall(header)
    c.cmd('RETR ' + name, 150)
    got = b''
    while True:
        b = d.recv(65536)
        if not b:
            break
        got += b
    d.close()
    code, text = c.reply()
    assert code == 226, 'RETR %s: %r' % (name, text)
    want = open(os.path.join(root, name), 'rb').read()
    assert got == want, 'RETR %s over %s: %d bytes, expected %d' % (
        name, mode, len(got), len(want))


# v1 and v2 sessions, EPSV and PASV, downloads compared.
c = Ctl(v1('192.0.2.10', 40001))
expect_greeting(c, 'v1')
c.login()
code, text = c.cmd('STAT', 211)
assert '192.0.2.10' in text, 'STAT should name the real client: %r' % text
retr(c, 'EPSV', v1('192.0.2.10', 40002), 'big.bin')
retr(c, 'PASV', v1('192.0.2.10', 40003), 'hello.txt')
c.cmd('QUIT', 221)

c = Ctl(v2('192.0.2.11', 40011, tlv=b'\x04\x00\x02ab'))
expect_greeting(c, 'v2')
c.login()
retr(c, 'PASV', v2('192.0.2.11', 40012), 'big.bin')
retr(c, 'EPSV', v2('192.0.2.11', 40013), 'sub dir/mid.bin')
# A data connection from the balancer naming another client is stolen.
p = data_port(c, 'EPSV')
thief = connect(p=p)
thief.sendall(v2('192.0.2.99', 40014))
code, text = c.cmd('RETR hello.txt')
assert code in (421, 425), 'stolen data connection: expected 421/425, saw %r' % text
thief.close()

# A health check: 220 and nothing else.
s = connect()
s.sendall(V2_LOCAL)
s.settimeout(10)
got = b''
while True:
    b = s.recv(100)
    if not b:
        break
    got += b
assert got.startswith(b'220 ') and got.count(b'\r\n') == 1, \
    'v2 LOCAL: expected one 220 line then EOF, saw %r' % got
s.close()

# No header, bad headers, a truncated one: no greeting.
for what, data in (('no header', b'USER anonymous\r\n'),
                   ('malformed v1', b'PROXY TCP4 1.2.3 127.0.0.1 1 2\r\n'),
                   ('v2 UDP', SIG + bytes([0x21, 0x12, 0, 12]) + bytes(12))):
    s = connect()
    s.sendall(data)
    expect_silent_close(s, what, 8)
    s.close()
s = connect()
s.sendall(v2('192.0.2.12')[:20])
took = expect_silent_close(s, 'truncated v2', 12)
assert took > 3, 'truncated v2 closed after %.1f s, before the header timeout' % took

# 200 silent connections pending; one with a header is greeted at once.
silent = [connect() for _ in range(200)]
t0 = time.monotonic()
c = Ctl(v1('192.0.2.13'))
expect_greeting(c, 'behind 200 silent connections')
took = time.monotonic() - t0
assert took < 2, 'greeting took %.2f s behind 200 silent connections' % took
c.cmd('QUIT', 221)
for s in silent:
    took = expect_silent_close(s, 'silent', 12)
    s.close()

# --max-per-ip 2 counts the header's client, not the balancer.
held = [Ctl(v1('192.0.2.20')), Ctl(v1('192.0.2.20'))]
for h in held:
    expect_greeting(h, 'per-ip')
c = Ctl(v1('192.0.2.20'))
code, text = c.reply()
assert code == 421, 'third session of 192.0.2.20: expected 421, saw %r' % text
c = Ctl(v1('192.0.2.21'))
expect_greeting(c, 'another client')
c.cmd('QUIT', 221)
for h in held:
    h.cmd('QUIT', 221)

# Untrusted sender: its header is a command like any other.
c = Ctl(b'', src='127.0.0.2')
expect_greeting(c, 'untrusted')
code, text = c.cmd(v1('192.0.2.30').decode().rstrip('\r\n'))
assert code == 500, 'PROXY from an untrusted address: expected 500, saw %r' % text
c.login()
code, text = c.cmd('STAT', 211)
assert '127.0.0.2' in text and '192.0.2.30' not in text, \
    'untrusted STAT: %r' % text
c.cmd('QUIT', 221)
print('ok')
EOF
out=$(timeout -k 2 120 "$PY" "$T/proxy.py" "$FTPD_PORT" "$ROOT" 2>&1) ||
	fail "$out"
assert_eq ok "$out" "proxy.py"
log=$(cat "$FTPD_LOG")
assert_match 'connection from 192\.0\.2\.10 port 40001 via 127\.0\.0\.1' "$log" \
	"log of the v1 session"
assert_match 'connection from 192\.0\.2\.11 port 40011 via 127\.0\.0\.1' "$log" \
	"log of the v2 session"
assert_match '192\.0\.2\.10: login "anonymous"' "$log" "the session's own log lines"
assert_match 'refused 192\.0\.2\.20 via 127\.0\.0\.1' "$log" "per-ip refusal"
assert_match ' 192\.0\.2\.10 [0-9]+ /big\.bin b _ o a ' "$(cat "$T/xferlog")" \
	"xferlog names the real client"
assert_match 'refused data connection from a foreign address' "$log" \
	"stolen data connection"
assert_match 'PROXY header timeout' "$log" "timeout of a silent connection"
assert_match 'connection from 127\.0\.0\.2 port' "$log" "untrusted sender"
grep -q 'connection from 192\.0\.2\.30' "$FTPD_LOG" &&
	fail "a header from an untrusted address was believed: $(grep 192.0.2.30 "$FTPD_LOG")"

# --inetd: the header is read before the session starts.
out=$("$PY" - "$FORKFTPD" "$ROOT" 2>&1 <<'PYEOF'
import socket, subprocess, sys
SIG = b'\r\n\r\n\x00\r\nQUIT\n'
def run(header):
    l = socket.socket()
    l.bind(('127.0.0.1', 0))
    l.listen(1)
    c = socket.create_connection(l.getsockname(), timeout=10)
    s, _ = l.accept()
    p = subprocess.Popen([sys.argv[1], '--inetd', '--proxy-from', '127.0.0.1',
                          sys.argv[2]], stdin=s, stderr=subprocess.DEVNULL)
    s.close()
    c.sendall(header)
    f = c.makefile('rb')
    try:
        first = f.readline().decode().rstrip()
    except ConnectionResetError:	# closed with our bytes unread
        first = ''
    if first.startswith('220') and header.startswith(b'PROXY'):
        c.sendall(b'USER anonymous\r\nPASS x@\r\nSTAT\r\nQUIT\r\n')
        tag = 'real' if '192.0.2.50' in f.read().decode() else 'not-real'
    else:
        tag = 'eof' if f.read() == b'' else 'more'
    print(first[:3] or '---', tag, 'exit', p.wait(timeout=10))
run(b'PROXY TCP4 192.0.2.50 127.0.0.1 1000 21\r\n')
run(SIG + bytes([0x20, 0, 0, 0]))
run(b'USER anonymous\r\n')
PYEOF
)
assert_eq "220 real exit 0
220 eof exit 0
--- eof exit 1" "$out" "--inetd behind a balancer (v1 header, v2 LOCAL, none)"
exit 0
