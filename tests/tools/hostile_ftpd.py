#!/usr/bin/python3
"""hostile_ftpd.py MODE PORTFILE [--no-mlsd]

A tiny FTP server on 127.0.0.1 (port written to PORTFILE) that serves
hostile directory listings to test the forkftp client.  Every LIST, NLST
and MLSD returns the MODE's listing; MLSD is offered in FEAT unless
--no-mlsd (then the client has to parse LIST).

  escapes   names (and symlink targets, MLSD facts, the PWD reply) holding
            terminal escape sequences: CSI, OSC title, C1 CSI (raw 0x9b
            and UTF-8 U+009B), BEL, BS, DEL, CR, NUL, invalid UTF-8,
            bidi overrides.  Each name carries the marker "okN" so the
            test can see it was printed.
  long      10,000-character names (ASCII and multibyte), a 10,000-char
            symlink target, a 200,000-byte line, huge/negative sizes,
            and a last 1 MB line with no newline before the close.
  missing   lines with missing fields, in LIST, DOS and MLSD form.
  million   1,000,000 well-formed entries (about 60 MB).
  infinite  a listing that never ends: well-formed entries streamed until
            the client closes the data connection (bounded: 4 GB, 300 s)
Reply-level modes (the listing is a plain one):
  pasv-redirect  no EPSV; PASV advertises 127.0.0.2 while the data port
            listens on both 127.0.0.1 and 127.0.0.2: a client that
            follows the advertised address is noted in PORTFILE.redirected
  endless   a "220-" greeting that never ends (lines until the client goes)
  hugeline  a greeting of 48 MB without a newline, then silence
  liar      SIZE 2^64-1, MDTM 99999999999999, RETR announces
            (99999999999999999999 bytes) and sends "hello\n"; PWD with
            doubled quotes; a 230 whose continuation lines look like ends
  traversal the root holds a directory "d" whose listing names
            files "../escape1.txt", "../../escape2.txt", an absolute
            PORTFILE.abs path, "a/../../escape3.txt", "ok.txt", ".", "..",
            and a directory "../escapedir"; every RETR sends "EVIL\n".
            A recursive get must write nothing outside its target.
Runs until killed; one thread per client."""
import os
import socket
import sys
import threading

ESC_NAMES = [
    b'ok1\x1b[2J\x1b[Hclear',
    b'ok2\x1b]0;pwned title\x07',
    b'ok3\x1b[31mred\x1b[0m',
    b'ok4\x9b31mraw-c1-csi',
    b'ok5\xc2\x9b2Jutf8-c1-csi',
    b'ok6\x07bell\x08\x08back\x7fdel',
    b'ok7\x1bP+q544e\x1b\\dcs',
    b'ok8\xe2\x80\xaeevil-rtl\xe2\x80\xac',
    b'ok9\xff\xfe invalid utf8',
    b'ok10\tTAB\x0bVT\x0cFF',
    b'ok11\x1b[6n report',
    b'ok12\x1b]52;c;cHduZWQ=\x07clipboard',
    b'ok13\x1b[?1049h alt screen',
    b'ok14 \xe6\x97\xa5\xe6\x9c\xac wide \xef\xbc\xa1',
    b'ok15\x1b',
]


def list_line(name, size=1234, kind=b'-', target=None):
    perm = kind + b'rw-r--r--'
    line = b'%s    1 ftp      ftp      %8d Jan 01 00:00 %s' % (perm, size, name)
    if target is not None:
        line += b' -> ' + target
    return line + b'\r\n'


def mlsd_line(name, facts=b'type=file;size=1234;modify=20200101000000;'):
    return facts + b' ' + name + b'\r\n'


def listing(mode, mlsd):
    out = []
    if mode == 'escapes':
        for i, n in enumerate(ESC_NAMES):
            if mlsd:
                out.append(mlsd_line(n))
            else:
                out.append(list_line(n, size=100 + i))
        if mlsd:
            out.append(mlsd_line(b'ok20facts', b'type=file;size=\x1b[2J12;'
                                 b'modify=\x1b]0;x\x07;'))
            out.append(mlsd_line(b'ok21cr\rname'))
            out.append(mlsd_line(b'ok22nul\0name'))
        else:
            out.append(list_line(b'ok20link', kind=b'l',
                                 target=b'\x1b[2J\x1b]0;target\x07'))
            out.append(list_line(b'ok21cr\rname'))
            out.append(list_line(b'ok22nul\0name'))
            out.append(b'\x1b[2J\x1b[H\x1b]0;not a listing line\x07\r\n')
        return b''.join(out)
    if mode == 'long':
        big = b'L' * 10000
        wide = '\u65e5'.encode() * 3334           # 10,002 chars
        for n in (b'ok1' + big, b'ok2' + wide, b'ok3' + b'\x1b[1m' * 2500):
            out.append(mlsd_line(n) if mlsd else list_line(n))
        if mlsd:
            out.append(mlsd_line(b'ok4', b'type=file;' + b'x=y;' * 5000))
            out.append(mlsd_line(b'ok5', b'type=file;size=999999999999999999999999;'))
            out.append(mlsd_line(b'ok6', b'type=file;size=-1;modify=99999999999999;'))
        else:
            out.append(list_line(b'ok4', kind=b'l', target=b'T' * 10000))
            out.append(b'-rw-r--r-- 1 ftp ftp 999999999999999999999999 Jan 01 00:00 ok5\r\n')
            out.append(b'-rw-r--r-- 1 ftp ftp -1 Feb 31 25:99 ok6\r\n')
        out.append(b'-rw-r--r-- 1 ftp ftp 1 Jan 01 00:00 ' + b'Z' * 200000 + b'\r\n')
        out.append(list_line(b'ok7after') if not mlsd else mlsd_line(b'ok7after'))
        out.append(b'Y' * 1000000)                 # no newline, then EOF
        return b''.join(out)
    if mode == 'missing':
        lines = [
            b'-rw-r--r--', b'-rw-r--r-- 1', b'drwxr-xr-x 2 ftp ftp',
            b'-rw-r--r-- 1 ftp ftp 12 Jan', b'-rw-r--r-- 1 ftp ftp 12 Jan 01',
            b'-rw-r--r-- 1 ftp ftp 12 Jan 01 00:00', b'total', b'total 12',
            b'', b' ', b'garbage', b'12-31-99  11:59PM  <DIR>',
            b'12-31-99  11:59PM', b'12-31-99', b'lrwxrwxrwx 1 a b 3 Jan 01 00:00 ->',
            b'lrwxrwxrwx 1 a b 3 Jan 01 00:00  -> ', b'type=file;size=1;',
            b'type=file;size=1; ', b'=;=;= x', b'type=dir', b'; x',
            b'type=;size=;modify=; ok1empty', b'-', b'd', b'l', b'\t\t\t',
            b'-rw-r--r-- 1 ftp ftp 12 Jan 01 00:00 ok2fine',
            b'type=file;size=3; ok3fine',
        ]
        return b''.join(ln + (b'\n' if i % 3 == 0 else b'\r\n')
                        for i, ln in enumerate(lines))
    if mode == 'traversal':
        return b''                      # see traversal_listing()
    if mode in ('pasv-redirect', 'endless', 'hugeline', 'liar', 'infinite'):
        return list_line(b'plain.txt', size=6)
    if mode == 'million':
        if mlsd:
            return b''.join(b'type=file;size=%d;modify=20200101000000; f%07d\r\n'
                            % (i, i) for i in range(1000000))
        return b''.join(b'-rw-r--r--    1 ftp      ftp      %8d Jan 01 00:00 f%07d\r\n'
                        % (i, i) for i in range(1000000))
    raise SystemExit('unknown mode ' + mode)


def traversal_listing(path, mlsd, absname):
    comps = [c for c in path.split(b'/') if c and c != b'.']
    if comps == []:
        files, dirs = [], [b'd']          # the root: one directory, "d"
    elif comps == [b'd']:
        files = [b'../escape1.txt', b'../../escape2.txt', absname,
                 b'a/../../escape3.txt', b'ok.txt', b'.', b'..']
        dirs = [b'../escapedir']
    else:
        files, dirs = [], []              # anything deeper is empty
    out = []
    for n in files:
        out.append(mlsd_line(n, b'type=file;size=5;modify=20200101000000;')
                   if mlsd else list_line(n, size=5))
    for n in dirs:
        out.append(mlsd_line(n, b'type=dir;modify=20200101000000;')
                   if mlsd else list_line(n, size=4096, kind=b'd'))
    return b''.join(out)


class Client(threading.Thread):
    def __init__(self, sock, mode, mlsd, cache, portfile):
        super().__init__(daemon=True)
        self.portfile = portfile
        self.other = None
        self.cwd = b''
        self.s = sock
        self.f = sock.makefile('rb')
        self.mode = mode
        self.mlsd = mlsd
        self.cache = cache
        self.pasv = None

    def traversal(self, verb, line):
        """The traversal mode's commands; False for the common ones."""
        arg = line.split(b' ', 1)[1] if b' ' in line else b''
        if verb in (b'LIST', b'NLST', b'MLSD'):
            while arg.startswith(b'-'):     # LIST -a dir
                arg = arg.split(b' ', 1)[1] if b' ' in arg else b''
            blob = traversal_listing(self.resolve(arg), verb == b'MLSD',
                                     (self.portfile + '.abs').encode())
            if verb == b'NLST':
                blob = b''.join(ln.split(b' ')[-1] + b'\r\n'
                                for ln in blob.split(b'\r\n') if ln)
            self.data(blob)
        elif verb in (b'CWD', b'CDUP'):
            self.cwd = self.resolve(arg if verb == b'CWD' else b'..')
            self.reply(b'250 OK.')
        elif verb == b'PWD':
            self.reply(b'257 "%s" is current' % (self.cwd or b'/'))
        elif verb == b'RETR':
            self.data(b'EVIL\n', b'150 Opening BINARY mode data connection (5 bytes).')
        elif verb == b'SIZE':
            self.reply(b'213 5')
        else:
            return False
        return True

    def resolve(self, arg):
        """arg against the tracked cwd, normalised ("" is the root)."""
        comps = [] if arg.startswith(b'/') else \
            [c for c in self.cwd.split(b'/') if c]
        for c in arg.split(b'/'):
            if c == b'..':
                comps = comps[:-1]
            elif c and c != b'.':
                comps.append(c)
        return b''.join(b'/' + c for c in comps)

    def reply(self, text):
        self.s.sendall(text + b'\r\n')

    def data(self, blob, prelim=b'150 Here comes the hostile listing.'):
        if self.pasv is None:
            self.reply(b'425 Use PASV or EPSV first.')
            return
        import select
        socks = [self.pasv] + ([self.other] if self.other else [])
        ready, _, _ = select.select(socks, [], [], 10)
        try:
            if not ready:
                raise OSError('no data connection')
            d, _ = ready[0].accept()
            if ready[0] is self.other:
                open(self.portfile + '.redirected', 'a').write('followed\n')
        except OSError:
            self.reply(b'425 No data connection.')
            return
        finally:
            for x in socks:
                x.close()
            self.pasv = self.other = None
        self.reply(prelim)
        try:
            for part in [blob] if isinstance(blob, bytes) else blob:
                d.sendall(part)
        except OSError:
            d.close()
            self.reply(b'426 Transfer aborted.')
            return
        d.close()
        self.reply(b'226 Directory send OK.')

    def stream(self, mlsd):
        """The infinite mode's listing: entries until the client stops."""
        import time

        def chunks():
            end = time.monotonic() + 300
            i = 0
            while i < 50000000 and time.monotonic() < end:
                if mlsd:
                    yield b''.join(b'type=file;size=1;modify=20200101000000; '
                                   b'e%09d\r\n' % j for j in range(i, i + 1000))
                else:
                    yield b''.join(b'-rw-r--r--    1 ftp      ftp             1 '
                                   b'Jan 01 00:00 e%09d\r\n' % j
                                   for j in range(i, i + 1000))
                i += 1000
        self.data(chunks())

    def passive(self, extended):
        ls = socket.socket()
        ls.bind(('127.0.0.1', 0))
        ls.listen(1)
        self.pasv = ls
        port = ls.getsockname()[1]
        if self.mode == 'pasv-redirect':
            other = socket.socket()
            other.bind(('127.0.0.2', port))
            other.listen(1)
            self.other = other
            self.reply(b'227 Entering Passive Mode (127,0,0,2,%d,%d).'
                       % (port >> 8, port & 255))
            return
        if extended:
            self.reply(b'229 Entering Extended Passive Mode (|||%d|)' % port)
        else:
            self.reply(b'227 Entering Passive Mode (127,0,0,1,%d,%d).'
                       % (port >> 8, port & 255))

    def run(self):
        try:
            if self.mode == 'endless':
                n = 0
                while True:
                    self.s.sendall(b'220-%d endless greeting line\r\n' % n * 100)
                    n += 1
            if self.mode == 'hugeline':
                self.s.sendall(b'220 ' + b'A' * (48 << 20))
                self.f.read()           # silence until the client goes
                return
            self.reply(b'220 hostile test server')
            for raw in self.f:
                line = raw.rstrip(b'\r\n')
                verb = line.split(b' ', 1)[0].upper()
                if self.mode == 'traversal' and self.traversal(verb, line):
                    continue
                if verb == b'USER':
                    self.reply(b'331 Password please.')
                elif verb == b'PASS' and self.mode == 'liar':
                    self.s.sendall(b'230-Welcome\r\n230\r\n 230 x\r\n230-\r\n'
                                   b'2300 no\r\n230 Logged in.\r\n')
                elif verb == b'PASS':
                    self.reply(b'230 Logged in.')
                elif verb == b'EPSV' and self.mode == 'pasv-redirect':
                    self.reply(b'502 No EPSV here.')
                elif self.mode == 'liar' and verb == b'SIZE':
                    self.reply(b'213 18446744073709551615')
                elif self.mode == 'liar' and verb == b'MDTM':
                    self.reply(b'213 99999999999999')
                elif self.mode == 'liar' and verb == b'PWD':
                    self.reply(b'257 "/""q"" dir" is current')
                elif self.mode == 'liar' and verb == b'RETR':
                    self.data(b'hello\n', b'150 Opening BINARY mode data connection '
                              b'for plain.txt (99999999999999999999 bytes).')
                elif verb == b'SYST':
                    self.reply(b'215 UNIX Type: L8')
                elif verb == b'FEAT':
                    feats = b' EPSV\r\n PASV\r\n SIZE\r\n UTF8\r\n'
                    if self.mlsd:
                        feats += b' MLST type*;size*;modify*;\r\n'
                    self.s.sendall(b'211-Features:\r\n' + feats + b'211 End\r\n')
                elif verb == b'PWD':
                    if self.mode == 'escapes':
                        self.reply(b'257 "/ok16\x1b[2J\x1b]0;pwd\x07dir" is current')
                    else:
                        self.reply(b'257 "/" is current')
                elif verb in (b'CWD', b'TYPE', b'OPTS', b'MODE', b'STRU', b'NOOP'):
                    self.reply(b'200 OK.' if verb != b'CWD' else b'250 OK.')
                elif verb == b'EPSV':
                    self.passive(True)
                elif verb == b'PASV':
                    self.passive(False)
                elif verb in (b'LIST', b'NLST', b'MLSD') and self.mode == 'infinite':
                    self.stream(verb == b'MLSD')
                elif verb.endswith(b'ABOR'):
                    self.reply(b'226 ABOR successful.')
                elif verb in (b'LIST', b'NLST'):
                    self.data(self.cache(False))
                elif verb == b'MLSD' and self.mlsd:
                    self.data(self.cache(True))
                elif verb == b'QUIT':
                    self.reply(b'221 Bye.')
                    break
                else:
                    self.reply(b'502 Not here.')
        except OSError:
            pass
        finally:
            self.s.close()


def main():
    mode, portfile = sys.argv[1], sys.argv[2]
    mlsd = '--no-mlsd' not in sys.argv
    blobs = {}
    lock = threading.Lock()

    def cache(m):
        with lock:
            if m not in blobs:
                blobs[m] = listing(mode, m)
            return blobs[m]

    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(('127.0.0.1', 0))
    ls.listen(16)
    tmp = portfile + '.tmp'
    with open(tmp, 'w') as f:
        f.write('%d\n' % ls.getsockname()[1])
    os.rename(tmp, portfile)
    while True:
        c, _ = ls.accept()
        Client(c, mode, mlsd, cache, portfile).start()


if __name__ == '__main__':
    main()
