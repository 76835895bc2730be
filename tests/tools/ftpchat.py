#!/usr/bin/python3
"""ftpchat.py PORT [-e] [-H HOST] [-t SECS]

Open a control connection, print the greeting, then send each line of
stdin followed by CRLF and print the complete reply (multi-line aware; a
1xx preliminary reply is followed by reading the final one).  With -e,
each input line is first decoded with Python escapes (\\xff, \\r, \\x00),
so tests can send any byte.  Replies are printed as they came, one line
each, CR stripped.  Stops at the first closed connection or timeout."""
import socket
import sys


def read_reply(f):
    lines = []
    first = f.readline()
    if not first:
        return None
    lines.append(first)
    if len(first) >= 4 and first[3:4] == b'-':
        code = first[:3]
        while True:
            ln = f.readline()
            if not ln:
                break
            lines.append(ln)
            if ln[:3] == code and ln[3:4] == b' ':
                break
    return lines


def main():
    args = sys.argv[1:]
    esc = '-e' in args
    host = '127.0.0.1'
    tmo = 5.0
    if '-H' in args:
        host = args[args.index('-H') + 1]
    if '-t' in args:
        tmo = float(args[args.index('-t') + 1])
    port = int([a for a in args if a.isdigit()][0])
    s = socket.create_connection((host, port), timeout=tmo)
    f = s.makefile('rb')
    out = sys.stdout.buffer
    try:
        r = read_reply(f)
        if r is None:
            return 0
        out.write(b''.join(x.rstrip(b'\r\n') + b'\n' for x in r))
        for line in sys.stdin.buffer:
            line = line.rstrip(b'\n')
            if esc:
                line = line.decode('latin-1').encode('latin-1').decode(
                    'unicode_escape').encode('latin-1')
            s.sendall(line + b'\r\n')
            while True:
                r = read_reply(f)
                if r is None:
                    out.write(b'(closed)\n')
                    return 0
                out.write(b''.join(x.rstrip(b'\r\n') + b'\n' for x in r))
                if not r[-1][:1] == b'1':
                    break
            out.flush()
    except socket.timeout:
        out.write(b'(timeout)\n')
    except (BrokenPipeError, ConnectionResetError):
        out.write(b'(closed)\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
