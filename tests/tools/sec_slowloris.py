#!/usr/bin/python3
"""sec_slowloris.py PORT DEADLINE

Slow clients against a server started with login, idle, accept and data
timeouts of DEADLINE seconds; each must be cut within DEADLINE + 4 s.
Normal clients are served meanwhile (220 within a second, a download).
See tests/security/slowloris.sh."""
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secftp  # noqa: E402

FAILS = []
LOCK = threading.Lock()
CUT = []


def failed(msg):
    with LOCK:
        FAILS.append(msg)


def closed_now(sock):
    """True when the peer has closed (EOF or reset); drains any reply."""
    sock.setblocking(False)
    try:
        while True:
            b = sock.recv(4096)
            if not b:
                return True
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        sock.setblocking(True)


def dribble(tag, port, login, payload, limit):
    s = secftp.Session(port, timeout=10)
    try:
        if login:
            s.login()
        else:
            s.greet()
        t0 = time.monotonic()
        for i in range(60):
            if closed_now(s.sock):
                break
            try:
                s.sock.send(payload[i % len(payload):i % len(payload) + 1])
            except OSError:
                break
            time.sleep(1.0)
        dt = time.monotonic() - t0
        if dt > limit:
            failed('%s: still open after %.1f s (limit %.1f s)' % (tag, dt, limit))
        else:
            with LOCK:
                CUT.append((tag, dt))
    finally:
        s.close()


def never_connect(tag, port, limit):
    s = secftp.Session(port, timeout=limit + 5)
    try:
        s.login()
        r = s.cmd('PASV')
        if r.code != 227:
            failed('%s: PASV -> %r' % (tag, r))
            return
        t0 = time.monotonic()
        try:
            r = s.cmd('LIST')
        except (secftp.Closed, socket.timeout) as e:
            failed('%s: no 421 after the accept timeout: %r' % (tag, e))
            return
        dt = time.monotonic() - t0
        if r.code != 421 or dt > limit:
            failed('%s: expected 421 within %.1f s, saw %r after %.1f s'
                   % (tag, limit, r, dt))
        else:
            with LOCK:
                CUT.append((tag, dt))
    finally:
        s.close()


def never_read(tag, port, limit):
    s = secftp.Session(port, timeout=limit + 20)
    try:
        s.login()
        s.cmd('TYPE I')
        r = s.cmd('EPSV')
        if r.code != 229:
            failed('%s: EPSV -> %r' % (tag, r))
            return
        t = r.lines[0].decode()
        p = int(t[t.index('(') + 1:t.index(')')].split('|')[3])
        d = socket.socket()
        d.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        d.connect(('127.0.0.1', p))
        s.send(b'RETR huge.bin\r\n')
        r = s.read_reply()
        if r.code != 150:
            failed('%s: RETR -> %r' % (tag, r))
            return
        t0 = time.monotonic()
        try:
            r = s.read_reply()
        except (secftp.Closed, socket.timeout) as e:
            r = None
            why = repr(e)
        dt = time.monotonic() - t0
        if r is None and dt < limit + 10:
            with LOCK:
                CUT.append((tag + ' (closed)', dt))
        elif r is None or r.code not in (421, 426, 451) or dt > limit + 10:
            failed('%s: expected 426 after the stall timeout, saw %r after '
                   '%.1f s' % (tag, r if r else why, dt))
        else:
            with LOCK:
                CUT.append((tag, dt))
        d.close()
    finally:
        s.close()


def normal(port, stop, served):
    while not stop.is_set():
        try:
            t0 = time.monotonic()
            s = secftp.Session(port, timeout=5)
            s.greet()
            dt = time.monotonic() - t0
            if dt > 1.0:
                failed('normal client: greeting after %.2f s' % dt)
            s.login()
            reps, data = s.transfer('RETR hello.txt')
            if reps[-1].code != 226 or data != b'hello, world\n':
                failed('normal client: RETR hello.txt: %r %r' % (reps, data))
            s.cmd('QUIT')
            s.close()
            served[0] += 1
        except Exception as e:              # noqa: BLE001
            failed('normal client: %r' % e)
        stop.wait(0.4)


def main():
    port, dl = int(sys.argv[1]), float(sys.argv[2])
    limit = dl + 4
    ths = []
    for i in range(4):
        ths.append(threading.Thread(target=dribble, args=(
            'pre-login dribbler %d' % i, port, False, b'USER anonymous\r\n',
            limit)))
        ths.append(threading.Thread(target=dribble, args=(
            'post-login dribbler %d' % i, port, True, b'NOOP ', limit)))
    for i in range(2):
        ths.append(threading.Thread(target=never_connect, args=(
            'passive never connected %d' % i, port, limit)))
        ths.append(threading.Thread(target=never_read, args=(
            'download never read %d' % i, port, limit)))
    stop = threading.Event()
    served = [0]
    nt = threading.Thread(target=normal, args=(port, stop, served))
    for t in ths:
        t.start()
    nt.start()
    for t in ths:
        t.join(60)
    stop.set()
    nt.join()
    if served[0] < 5:
        failed('only %d normal clients served during the attack' % served[0])
    for tag, dt in sorted(CUT):
        print('# cut: %s after %.1f s' % (tag, dt))
    for f in FAILS:
        print('FAIL', f)
    print('# tried: %d slow connections (8 dribbling a byte a second, '
          '2 passive never connected, 2 downloads never read); %d cut in '
          'time; %d normal clients served meanwhile; %d failures'
          % (len(ths), len(CUT), served[0], len(FAILS)))
    return 1 if FAILS else 0


if __name__ == '__main__':
    sys.exit(main())
