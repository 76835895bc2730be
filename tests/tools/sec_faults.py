#!/usr/bin/python3
"""sec_faults.py SCENARIO PORT [ARGS...]: one fault, driven from the client.

  stall-upload NAME BYTES     STOR NAME, send BYTES of data, print "SENT",
                              then wait to be killed (SIGKILL from the test)
  stall-download NAME BYTES   RETR NAME, read BYTES, print "READ", wait
  rst-upload NAME BYTES       STOR NAME, send BYTES, reset the data
                              connection (SO_LINGER 0): expect 4xx/5xx
  close-download NAME BYTES   RETR NAME, read BYTES, close the data
                              connection: expect 426 (or 4xx/5xx), not 226
  abor-download NAME BYTES    RETR NAME, read BYTES, ABOR (Telnet IP+Synch
                              urgent): expect 426 then 226, or 226
  abor-upload NAME BYTES      STOR NAME, send BYTES, ABOR: 426/226
  sessions N                  N sessions in a row, mixing QUIT, plain
                              close, reset, an open PASV left behind,
                              and a dropped half-read greeting
  idle                        log in, print "IDLE", wait to be killed
Every scenario that returns checks that the session still answers NOOP
(when the control connection survives) and exits 0, else prints FAIL."""
import socket
import struct
import sys
import time
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secftp  # noqa: E402


def fail(msg):
    print('FAIL', msg)
    sys.exit(1)


def setup(port):
    s = secftp.Session(port, timeout=20)
    s.login()
    r = s.cmd('TYPE I')
    if r.code != 200:
        fail('TYPE I -> %r' % r)
    return s


def open_data(s, line):
    d = s.pasv()
    if isinstance(d, secftp.Reply):
        fail('passive refused: %r' % d)
    s.send(line.encode() + b'\r\n')
    r = s.read_reply()
    if r.code not in (125, 150):
        fail('%s: expected 150, saw %r' % (line, r))
    return d


def hang(tag):
    print(tag, flush=True)
    time.sleep(120)
    fail('not killed')


def rst(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    sock.close()


def send_some(d, n):
    chunk = b'U' * 65536
    sent = 0
    while sent < n:
        d.sendall(chunk[:min(len(chunk), n - sent)])
        sent += min(len(chunk), n - sent)


def read_some(d, n):
    got = 0
    while got < n:
        b = d.recv(min(65536, n - got))
        if not b:
            fail('data ended after %d bytes' % got)
        got += len(b)


def still_alive(s):
    r = s.cmd('NOOP')
    if r.code != 200:
        fail('NOOP after the fault: %r' % r)


def abor(s):
    # Telnet IP, then IAC DM as urgent data, then ABOR (RFC 959 §4.1.3).
    s.sock.send(b'\xff\xf4\xff', socket.MSG_OOB)
    s.send(b'\xf2ABOR\r\n')


def main():
    sc, port = sys.argv[1], int(sys.argv[2])
    a = sys.argv[3:]
    if sc == 'idle':
        s = setup(port)         # keep the session referenced while hanging
        hang('IDLE')
        s.close()
    if sc == 'sessions':
        return sessions(port, int(a[0]))
    name, n = a[0], int(a[1])
    s = setup(port)
    if sc == 'stall-upload':
        d = open_data(s, 'STOR ' + name)
        send_some(d, n)
        hang('SENT')
    if sc == 'stall-download':
        d = open_data(s, 'RETR ' + name)
        read_some(d, n)
        hang('READ')
    if sc == 'rst-upload':
        d = open_data(s, 'STOR ' + name)
        send_some(d, n)
        time.sleep(0.2)
        rst(d)
        r = s.read_final()[-1]
        if not 400 <= r.code < 600:
            fail('reset upload: expected 4xx/5xx, saw %r' % r)
        still_alive(s)
    elif sc == 'close-download':
        d = open_data(s, 'RETR ' + name)
        read_some(d, n)
        d.close()
        r = s.read_final()[-1]
        if not 400 <= r.code < 600:
            fail('download closed early by the client: expected 426, saw %r' % r)
        still_alive(s)
    elif sc in ('abor-download', 'abor-upload'):
        up = sc == 'abor-upload'
        d = open_data(s, ('STOR ' if up else 'RETR ') + name)
        if up:
            send_some(d, n)
        else:
            read_some(d, n)
        abor(s)
        first = s.read_final()[-1].code
        if first == 426:
            second = s.read_reply().code
            if second != 226:
                fail('ABOR mid-transfer: expected 226 after 426, saw %d' % second)
        elif first != 226:
            fail('ABOR mid-transfer: expected 426 then 226, saw %d' % first)
        # The data connection must be closed by the server now.
        d.settimeout(10)
        try:
            while d.recv(65536):
                pass
        except OSError:
            pass
        d.close()
        still_alive(s)
    else:
        fail('unknown scenario ' + sc)
    s.close()
    return 0


def sessions(port, n):
    kinds = [0, 0, 0, 0, 0]
    for i in range(n):
        k = i % 5
        kinds[k] += 1
        s = secftp.Session(port, timeout=10)
        if k == 4:                      # leave before reading anything
            rst(s.sock)
            continue
        s.login()
        if k == 0:
            r = s.cmd('QUIT')
            if r.code != 221:
                fail('session %d: QUIT -> %r' % (i, r))
            s.close()
        elif k == 1:
            s.close()
        elif k == 2:
            rst(s.sock)
        else:
            r = s.cmd('PASV')
            if r.code != 227:
                fail('session %d: PASV -> %r' % (i, r))
            s.close()
    print('# tried: %d sessions in a row (%d QUIT, %d close, %d reset, '
          '%d with an open PASV, %d reset before the greeting)'
          % ((n,) + tuple(kinds)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
