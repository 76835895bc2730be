#!/usr/bin/python3
"""sec_pipeline.py PORT

Pipelined commands are neither lost nor reordered:
  - 20,000 commands (NOOP, PWD, SYST, TYPE I, TYPE A in turn) in one
    write while a reader thread collects the replies: exactly one reply
    per command, each the right one, in order;
  - 300 commands sent while a 20 MB RETR is running (the server may stop
    reading after a few: backpressure, not loss): the 150/226 of the RETR,
    then one reply per queued command, in order, and the file intact.
Prints FAIL lines and a "# tried" line; exits 1 on failure."""
import hashlib
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secftp  # noqa: E402

FAILS = []
CMDS = [(b'NOOP', 200), (b'PWD', 257), (b'SYST', 215), (b'TYPE I', 200),
        (b'TYPE A', 200)]


def flood(port, n):
    s = secftp.Session(port, timeout=60)
    s.login()
    want = [CMDS[i % len(CMDS)] for i in range(n)]
    blob = b''.join(c + b'\r\n' for c, _ in want)
    got = []

    def reader():
        try:
            for _ in range(n):
                got.append(s.read_reply().code)
        except Exception as e:                  # noqa: BLE001
            got.append(repr(e))
    t = threading.Thread(target=reader)
    t.start()
    s.send(blob)
    t.join(120)
    codes = [c for _, c in want]
    if got != codes:
        bad = next((i for i, (a, b) in enumerate(zip(got, codes)) if a != b),
                   min(len(got), len(codes)))
        FAILS.append('flood of %d: reply %d is %r, expected %r (%d replies)'
                     % (n, bad, got[bad] if bad < len(got) else None,
                        codes[bad] if bad < len(codes) else None, len(got)))
    if s.cmd('NOOP').code != 200:
        FAILS.append('NOOP after the flood')
    s.close()


def during_transfer(port, n, want_sha):
    s = secftp.Session(port, timeout=60)
    s.login()
    s.cmd('TYPE I')
    d = s.pasv()
    want = [CMDS[i % 3] for i in range(n)]          # no TYPE change mid-way
    s.send(b'RETR huge.bin\r\n')
    first = s.read_reply()
    if first.code != 150:
        FAILS.append('RETR: %r' % first)
        return

    def sender():
        try:
            s.send(b''.join(c + b'\r\n' for c, _ in want))
        except secftp.Closed:
            pass
    t = threading.Thread(target=sender)
    t.start()
    h = hashlib.sha256()
    while True:
        b = d.recv(262144)
        if not b:
            break
        h.update(b)
    d.close()
    t.join(60)
    r = s.read_reply()
    if r.code != 226:
        FAILS.append('RETR with %d commands queued behind it: %r' % (n, r))
    if h.hexdigest() != want_sha:
        FAILS.append('RETR with commands queued behind it: file differs')
    for i, (c, code) in enumerate(want):
        r = s.read_reply()
        if r.code != code:
            FAILS.append('queued command %d (%s): expected %d, saw %r'
                         % (i, c.decode(), code, r))
            break
    s.close()


def main():
    port, sha = int(sys.argv[1]), sys.argv[2]
    flood(port, 20000)
    during_transfer(port, 300, sha)
    for f in FAILS:
        print('FAIL', f)
    print('# tried: 20,300 pipelined commands (20,000 in one write, 300 '
          'behind a 20 MB RETR); %d failures' % len(FAILS))
    return 1 if FAILS else 0


if __name__ == '__main__':
    sys.exit(main())
