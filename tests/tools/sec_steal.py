#!/usr/bin/python3
"""sec_steal.py PORT

Data-connection attacks from another local address (127.0.0.2) while the
real client is 127.0.0.1 (RFC 2577 §3-4, §8):
  pasv-steal-retr  the attacker connects to the PASV/EPSV port first; the
                   RETR must send it nothing (the client gets the file or 425)
  pasv-steal-stor  the attacker connects first and sends bytes; the stored
                   file must never hold them
  bounce           PORT/EPRT naming 127.0.0.2, or port < 1024: refused with
                   5xx, and a listener there is never connected to
  control          PORT/EPRT to the client's own address and a high port
                   work (so the refusals above mean something)
Prints FAIL lines and a "# tried" line; exits 1 on failure."""
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secftp  # noqa: E402

FAILS = []
N = [0]
SECRET = None


def passive_port(s, ext):
    r = s.cmd('EPSV' if ext else 'PASV')
    t = r.lines[0].decode()
    if ext:
        return int(t[t.index('(') + 1:t.index(')')].split('|')[3])
    n = [int(x) for x in t[t.index('(') + 1:t.index(')')].split(',')]
    return n[4] * 256 + n[5]


def attacker(port):
    a = socket.socket()
    a.bind(('127.0.0.2', 0))
    a.settimeout(5)
    a.connect(('127.0.0.1', port))
    return a


def drain(sock):
    got = b''
    sock.settimeout(3)
    try:
        while True:
            b = sock.recv(65536)
            if not b:
                break
            got += b
    except OSError:
        pass
    sock.close()
    return got


def steal_retr(port, ext):
    N[0] += 1
    s = secftp.Session(port)
    s.login()
    s.cmd('TYPE I')
    p = passive_port(s, ext)
    a = attacker(p)
    d = socket.create_connection(('127.0.0.1', p), timeout=5)
    s.send(b'RETR secret.bin\r\n')
    reps = [s.read_reply()]
    data = b''
    if reps[0].code == 150:
        data = drain(d)
        reps += s.read_final()
    stolen = drain(a)
    if stolen:
        FAILS.append('%s: a connection from 127.0.0.2 received %d bytes of '
                     'the RETR' % ('EPSV' if ext else 'PASV', len(stolen)))
    if reps[-1].code == 226 and data != SECRET:
        FAILS.append('RETR after a steal attempt: 226 but %d bytes' % len(data))
    if reps[-1].code not in (226, 425, 426):
        FAILS.append('RETR after a steal attempt: %r' % reps)
    s.close()


def steal_stor(port, root, ext):
    N[0] += 1
    s = secftp.Session(port)
    s.login()
    s.cmd('TYPE I')
    p = passive_port(s, ext)
    a = attacker(p)
    try:
        a.sendall(b'EVIL-BYTES-FROM-ELSEWHERE\n' * 100)
    except OSError:
        pass
    d = socket.create_connection(('127.0.0.1', p), timeout=5)
    s.send(b'STOR upload.bin\r\n')
    first = s.read_reply()
    if first.code == 150:
        d.sendall(b'legit upload\n')
        d.close()
        s.read_final()
    a.close()
    path = os.path.join(root, 'upload.bin')
    if os.path.exists(path):
        got = open(path, 'rb').read()
        if b'EVIL' in got:
            FAILS.append('STOR stored bytes sent from 127.0.0.2: %r' % got[:60])
        os.unlink(path)
    s.close()


def bounce(port):
    s = secftp.Session(port)
    s.login()
    s.cmd('TYPE I')
    for host, ext in (('127.0.0.2', False), ('127.0.0.2', True),
                      ('127.0.0.1', False), ('127.0.0.1', True)):
        low = host == '127.0.0.1'
        ls = socket.socket()
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            ls.bind((host, 1000 if low else 0))
        except OSError:
            ls.bind((host, 0)) if not low else None
            if low:
                ls.close()
                continue
        ls.listen(1)
        ls.settimeout(1.5)
        lp = ls.getsockname()[1]
        if ext:
            line = 'EPRT |1|%s|%d|' % (host, lp)
        else:
            line = 'PORT %s,%d,%d' % (host.replace('.', ','), lp >> 8, lp & 255)
        N[0] += 1
        r = s.cmd(line)
        if r.code < 400:
            FAILS.append('%s: bounce accepted: %r' % (line, r))
            s.cmd('RETR secret.bin')
        try:
            c, _ = ls.accept()
            FAILS.append('%s: the server connected to %s:%d' % (line, host, lp))
            c.close()
        except OSError:
            pass
        ls.close()
    # The control case: the client's own address, a high port, works.
    for ext in (False, True):
        N[0] += 1
        ls = socket.socket()
        ls.bind(('127.0.0.1', 0))
        ls.listen(1)
        ls.settimeout(5)
        lp = ls.getsockname()[1]
        line = ('EPRT |1|127.0.0.1|%d|' % lp if ext else
                'PORT 127,0,0,1,%d,%d' % (lp >> 8, lp & 255))
        r = s.cmd(line)
        if r.code != 200:
            FAILS.append('%s: expected 200, saw %r' % (line, r))
            continue
        s.send(b'RETR secret.bin\r\n')
        first = s.read_reply()
        c, _ = ls.accept()
        data = drain(c)
        last = s.read_final()[-1]
        if first.code != 150 or last.code != 226 or data != SECRET:
            FAILS.append('active RETR via %s: %r %r, %d bytes'
                         % (line, first, last, len(data)))
        ls.close()
    s.close()


def main():
    global SECRET
    port, root = int(sys.argv[1]), sys.argv[2]
    SECRET = open(os.path.join(root, 'secret.bin'), 'rb').read()
    for ext in (False, True):
        steal_retr(port, ext)
        steal_stor(port, root, ext)
    bounce(port)
    for f in FAILS:
        print('FAIL', f)
    print('# tried: %d data-connection attacks and controls (PASV/EPSV '
          'stealing from 127.0.0.2 on RETR and STOR, PORT/EPRT bounce to '
          'another address and to port 1000); %d failures' % (N[0], len(FAILS)))
    return 1 if FAILS else 0


if __name__ == '__main__':
    sys.exit(main())
