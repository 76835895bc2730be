#!/usr/bin/python3
"""hostile_random_ftpd.py SEED PORTFILE

An FTP server on 127.0.0.1 (port written to PORTFILE) whose every reply
is drawn at random, reproducibly from SEED (connection N of the run uses
SEED:N): mostly the right reply, often a wrong but well-formed one,
sometimes a malformed one (mostly right replies during the login, so
that the later commands are reached) (garbage, no CRLF then a close, a multi-line
reply that never ends properly, a 100,000-byte line, an early close).
Passive replies usually carry the real data port; transfers send random
listings (valid, hostile and binary lines) or random bytes, or close
early.  A smoke fuzzer for the forkftp client engine: whatever it does,
the client must not crash, hang or print control characters."""
import os
import random
import socket
import sys
import threading

CODES = [110, 120, 125, 150, 200, 202, 211, 213, 221, 226, 227, 229, 230,
         250, 257, 331, 350, 421, 425, 426, 450, 451, 500, 501, 502, 503,
         530, 550, 553, 999, 0, 1000]
NAMES = [b'f', b'd', b'ok.txt', b'\x1b[2Jclear', b'\xc2\x9bcsi', b'\xff\xfe',
         b'../up', b'a/b', b'.', b'..', b'x' * 5000, b'', b' ', b'-rf',
         '\u65e5\u672c'.encode(), b'\x00nul', b'cr\rname']


def junk(r, n):
    return bytes(r.randrange(256) for _ in range(n))


def list_lines(r):
    out = []
    for _ in range(r.randrange(0, 30)):
        n = r.choice(NAMES)
        k = r.randrange(8)
        if k == 0:
            out.append(junk(r, r.randrange(200)))
        elif k == 1:
            out.append(b'type=%s;size=%d;modify=%d; %s' % (
                r.choice([b'file', b'dir', b'cdir', b'pdir', b'OS.unix=slink', b'']),
                r.choice([0, 1, -1, 2 ** 64, 10 ** 30]),
                r.choice([0, 20200101000000, 99999999999999, -1]), n))
        elif k == 2:
            out.append(b'%s 1 u g %d %s %s %s' % (
                r.choice([b'-rw-r--r--', b'drwxr-xr-x', b'lrwxrwxrwx', b'?', b'']),
                r.choice([0, 5, -1, 10 ** 25]),
                r.choice([b'Jan', b'Foo', b'']), r.choice([b'01', b'99', b'']),
                r.choice([b'00:00', b'2020', b'99:99', b''])) + b' ' + n)
        elif k == 3:
            out.append(b'12-31-99  11:59PM  %s %s' % (
                r.choice([b'<DIR>', b'123', b'-5', b'']), n))
        else:
            out.append(b'-rw-r--r-- 1 ftp ftp 5 Jan 01 00:00 ' + n)
    sep = r.choice([b'\r\n', b'\n', b'\r'])
    return sep.join(out) + r.choice([sep, b''])


class Conn(threading.Thread):
    def __init__(self, sock, r):
        super().__init__(daemon=True)
        self.s = sock
        self.f = sock.makefile('rb')
        self.r = r
        self.pasv = None
        self.n = 0

    def send(self, b):
        self.s.sendall(b)

    def right(self, verb):
        r = self.r
        if verb == b'USER':
            return b'331 pw'
        if verb == b'PASS':
            return b'230 in'
        if verb == b'FEAT':
            feats = [b' MLST type*;size*;modify*;', b' SIZE', b' MDTM', b' EPSV',
                     b' UTF8', b' REST STREAM', b' HASH SHA-256', b' \x1b[2J']
            pick = [x for x in feats if r.random() < 0.6]
            return b'211-F\r\n' + b''.join(x + b'\r\n' for x in pick) + b'211 End'
        if verb == b'PWD':
            return b'257 "%s" ok' % r.choice([b'/', b'/d', b'', b'"', b'/a""b',
                                               b'\x1b]0;t\x07'])
        if verb == b'SIZE':
            return b'213 %s' % r.choice([b'5', b'-1', b'18446744073709551616',
                                         b'x', b''])
        if verb == b'MDTM':
            return b'213 %s' % r.choice([b'20200101000000', b'99999999999999',
                                         b'2020', b'-1'])
        if verb == b'HASH':
            return b'213 SHA-256 0-5 %s f' % r.choice([b'00' * 32, b'zz', b''])
        if verb == b'MLST':
            return b'250-x\r\n type=file;size=5; f\r\n250 End'
        if verb == b'QUIT':
            return b'221 bye'
        if verb in (b'CWD', b'CDUP', b'DELE', b'RMD', b'RNTO'):
            return b'250 ok'
        return b'200 ok'

    def passive(self, verb):
        if self.pasv is not None:
            self.pasv.close()
        ls = socket.socket()
        ls.bind(('127.0.0.1', 0))
        ls.listen(1)
        self.pasv = ls
        port = ls.getsockname()[1]
        if self.r.random() < 0.15:
            port = self.r.choice([0, 1, 65535, 70000, -1])
        if verb == b'EPSV':
            return b'229 E (|||%d|)' % port
        return b'227 P (127,0,0,1,%d,%d)' % (port >> 8, port & 255)

    def transfer(self):
        r = self.r
        if self.pasv is None:
            return b'425 no'
        self.send(r.choice([b'150 go (5 bytes)', b'150 go', b'125 go',
                            b'150 go (99999999999999999999 bytes)']) + b'\r\n')
        self.pasv.settimeout(3)
        try:
            d, _ = self.pasv.accept()
        except OSError:
            return b'425 none'
        finally:
            self.pasv.close()
            self.pasv = None
        k = r.randrange(4)
        try:
            if k == 0:
                d.sendall(list_lines(r))
            elif k == 1:
                d.sendall(junk(r, r.randrange(5000)))
            elif k == 2:
                d.sendall(b'EVIL\n')
        except OSError:
            pass
        d.close()
        return r.choice([b'226 done', b'226 done', b'426 cut', b'550 no', b'250 ok'])

    def reply(self, verb):
        r = self.r
        # Mostly right during the login, so the later commands are reached.
        self.n += 1
        x = r.random() * (0.7 if self.n <= 6 else 1.0)
        if verb in (b'EPSV', b'PASV') and x < 0.8:
            return self.passive(verb)
        if verb in (b'LIST', b'NLST', b'MLSD', b'RETR') and x < 0.8:
            return self.transfer()
        if x < 0.65:
            return self.right(verb)
        if x < 0.85:
            return b'%d %s' % (r.choice(CODES), r.choice(NAMES))
        k = r.randrange(5)
        if k == 0:
            return junk(r, r.randrange(1, 300)).replace(b'\n', b'')
        if k == 1:
            return b'230-' + b'\r\n'.join(b'230' + junk(r, 5) for _ in range(20))
        if k == 2:
            return b'200 ' + b'L' * 100000
        if k == 3:
            self.send(b'200 no newline')
        raise ConnectionError('close')

    def run(self):
        try:
            self.send((self.r.choice([b'220 hi'] * 6 + [b'120 soon\r\n220 hi',
                                      b'220-a\r\n\x1b[2J\r\n220 b', b'421 busy'])
                       + b'\r\n'))
            for line in self.f:
                verb = line.strip().split(b' ', 1)[0].upper()
                self.send(self.reply(verb) + b'\r\n')
                if verb == b'QUIT':
                    break
        except (OSError, ConnectionError):
            pass
        finally:
            if self.pasv is not None:
                self.pasv.close()
            self.s.close()


def main():
    seed, portfile = sys.argv[1], sys.argv[2]
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(('127.0.0.1', 0))
    ls.listen(16)
    tmp = portfile + '.tmp'
    with open(tmp, 'w') as f:
        f.write('%d\n' % ls.getsockname()[1])
    os.rename(tmp, portfile)
    n = 0
    while True:
        c, _ = ls.accept()
        Conn(c, random.Random('%s:%d' % (seed, n))).start()
        n += 1


if __name__ == '__main__':
    main()
