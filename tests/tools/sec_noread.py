#!/usr/bin/python3
"""sec_noread.py PORT MODE COUNT

Clients that pipeline commands and never read a reply, each with a small
receive buffer, so the server's replies fill the socket and its writes
cannot complete (tests/security/reply-deadline.sh).  MODE:
  prelogin   HELP x 200,000 before logging in
  postlogin  log in, then HELP x 200,000
  transfer   log in, RETR a big file through a passive connection read
             by nobody, then STAT x 200,000 on the control connection
  statpoll   the same RETR, then one STAT every 0.3 s whose reply is read:
             the control connection is busy, the data connection stalled
Prints "ready" once every client's commands are stuck in the kernel (for
statpoll: once the RETR stalled), then holds the sockets open until stdin
closes (statpoll: polls meanwhile, at most 60 s)."""
import select
import socket
import sys
import time


def small_socket():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Before connect, so the window the server sees stays small.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    return s


def read_reply(s):
    """The final reply of one command, read byte by byte (nothing beyond)."""
    line = b''
    while True:
        c = s.recv(1)
        if not c:
            raise SystemExit('server closed during set-up')
        line += c
        if line.endswith(b'\n'):
            if line[:3].isdigit() and line[3:4] == b' ' and line[0:1] != b'1':
                return line
            line = b''


def login(s):
    s.sendall(b'USER anonymous\r\n')
    read_reply(s)
    s.sendall(b'PASS sec@test\r\n')
    r = read_reply(s)
    if not r.startswith(b'230'):
        raise SystemExit('login: %r' % r)


def start_retr(port, s):
    s.sendall(b'EPSV\r\n')
    r = read_reply(s).decode('latin-1')
    if not r.startswith('229'):
        raise SystemExit('EPSV: %r' % r)
    inner = r[r.index('(') + 1:r.index(')')]
    d = small_socket()
    d.connect(('127.0.0.1', int(inner.split(inner[0])[3])))
    s.sendall(b'RETR huge.bin\r\n')
    return d


def pipeline(s, line):
    """Send line 200,000 times, until the kernel takes no more."""
    s.settimeout(2.0)
    data = line * 200000
    try:
        s.sendall(data)
    except socket.timeout:
        pass            # stuck: the server stopped reading
    except OSError:
        pass            # already closed: fine, the slot is free
    s.settimeout(None)


def read_reply_any(s):
    """One reply line of any kind (1xx included)."""
    line = b''
    while not line.endswith(b'\n'):
        c = s.recv(1)
        if not c:
            raise SystemExit('closed')
        line += c
    return line


def main():
    port, mode, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    keep, ctl = [], []
    for _ in range(count):
        s = small_socket()
        s.connect(('127.0.0.1', port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        read_reply(s)
        line = b'HELP\r\n'
        if mode in ('postlogin', 'transfer', 'statpoll'):
            login(s)
        if mode in ('transfer', 'statpoll'):
            keep.append(start_retr(port, s))
            line = b'STAT\r\n'
        keep.append(s)
        if mode == 'statpoll':
            read_reply_any(s)           # the 150
            ctl.append(s)
        else:
            pipeline(s, line)
    print('ready', flush=True)
    end = time.monotonic() + 60
    while ctl and time.monotonic() < end:
        if select.select([sys.stdin], [], [], 0.3)[0]:
            break
        for s in list(ctl):
            try:
                s.sendall(b'STAT\r\n')
                read_reply_any(s)
            except (OSError, SystemExit):
                ctl.remove(s)           # the server ended the session
    sys.stdin.read()
    for s in keep:
        s.close()


if __name__ == '__main__':
    main()
