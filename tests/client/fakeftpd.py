#!/usr/bin/python3
"""fakeftpd.py ROOT PORTFILE RAWLOG MODE...

A small FTP server for client edge cases no real server produces on
demand.  Serves ROOT (read-only, plus STOR) anonymously on 127.0.0.1, an
ephemeral port written to PORTFILE; every command line is appended to
RAWLOG as Python bytes repr, so tests can check the exact bytes sent.
MODEs (any number):
  weird     RETR: "150-"/"150 (N bytes)" and "226" in one packet *before*
            the data; SIZE answered 502 (the total must come from the 150)
  nosize    SIZE answered 502 and the 150 carries no size
  hash      FEAT offers HASH; HASH answers the right SHA-256
  badhash   FEAT offers HASH; HASH answers a wrong digest
  dos       LIST answers in the DOS/IIS layout
  noepsv    EPSV refused (500); PASV announces a foreign address
            (10.9.8.7) with a port that is really open on 127.0.0.1
  norest    FEAT without REST STREAM; APPE appends
  stall     RETR accepts the data connection and then sends nothing
  flood     PWD is answered by an endless multi-line reply
  mute      MKD is never answered
  evil      errors carry terminal escape sequences
  cut       RETR sends 100000 bytes, then the session dies (no reply)
  norename  RNTO over an existing file is refused (553), as some servers do
  cutonce   as cut, for the first RETR of the server's life only
  mdtm      FEAT offers MDTM, answered with the file's mtime (UTC)
  sitegarbage  SITE on a path with "garbage" in it is answered with
            terminal escapes and a line that is no reply; other SITE
            commands get 502 like every unknown command
"""
import hashlib
import os
import socket
import sys
import threading
import time

ROOT, PORTFILE, RAWLOG = sys.argv[1:4]
MODES = set(sys.argv[4:])
lock = threading.Lock()


def log_raw(line):
    with lock, open(RAWLOG, "a") as f:
        f.write(repr(line) + "\n")


class Session:
    def __init__(self, conn):
        self.c = conn
        self.buf = b""
        self.pasv = None
        self.cwd = "/"
        self.rest = 0

    def send(self, text):
        self.c.sendall(text.encode("utf-8", "surrogateescape"))

    def reply(self, code, text):
        self.send("%d %s\r\n" % (code, text))

    def line(self):
        while b"\n" not in self.buf:
            d = self.c.recv(4096)
            if not d:
                return None
            self.buf += d
        line, self.buf = self.buf.split(b"\n", 1)
        line = line[:-1] if line.endswith(b"\r") else line
        log_raw(line)
        return line

    def path(self, arg):
        p = arg if arg.startswith("/") else os.path.join(self.cwd, arg)
        return os.path.join(ROOT, os.path.normpath(p).lstrip("/"))

    def data(self):
        if self.pasv is None:
            return None
        self.pasv.settimeout(10)
        d, _ = self.pasv.accept()
        self.pasv.close()
        self.pasv = None
        return d

    def run(self):
        self.reply(220, "fake ready")
        while True:
            raw = self.line()
            if raw is None:
                return
            text = raw.decode("utf-8", "surrogateescape")
            verb, _, arg = text.partition(" ")
            h = getattr(self, "c_" + verb.upper(), None)
            if h is None:
                self.reply(502, "not implemented")
            elif h(arg) == "quit":
                return

    def c_USER(self, a):
        self.reply(331, "password please")

    def c_PASS(self, a):
        self.reply(230, "in")

    def c_FEAT(self, a):
        feats = [" SIZE", " EPSV", " UTF8"]
        if "norest" not in MODES:
            feats.append(" REST STREAM")
        if "mdtm" in MODES:
            feats.append(" MDTM")
        if MODES & {"hash", "badhash"}:
            feats.append(" HASH SHA-256*;SHA-1;MD5")
        self.send("211-Features:\r\n" + "\r\n".join(feats) + "\r\n211 End\r\n")

    def c_OPTS(self, a):
        self.reply(200, "ok")

    pwds = 0     # over all sessions: a reconnecting client is flooded too
    cut_done = False

    def c_PWD(self, a):
        Session.pwds += 1
        if "flood" in MODES and Session.pwds > 1:
            try:
                while True:
                    self.send("257-" + "x" * 1000 + "\r\n")
            except OSError:
                return "quit"
        self.reply(257, '"%s" is it' % self.cwd.replace('"', '""'))

    def c_CWD(self, a):
        if os.path.isdir(self.path(a)):
            self.cwd = os.path.normpath(os.path.join(self.cwd, a))
            self.reply(250, "ok")
        else:
            self.reply(550, "no such directory")

    def c_MKD(self, a):
        if "mute" in MODES:
            time.sleep(60)
            return "quit"
        os.mkdir(self.path(a))
        self.reply(257, '"%s" created' % a.replace('"', '""'))

    def c_TYPE(self, a):
        self.reply(200, "type " + a)

    def c_NOOP(self, a):
        self.reply(200, "ok")

    def c_QUIT(self, a):
        self.reply(221, "bye")
        return "quit"

    def c_PASV(self, a):
        self.pasv = socket.socket()
        self.pasv.bind(("127.0.0.1", 0))
        self.pasv.listen(1)
        port = self.pasv.getsockname()[1]
        self.reply(227, "Entering Passive Mode (10,9,8,7,%d,%d)"
                   % (port >> 8, port & 255))

    def c_APPE(self, a):
        d = self.data()
        self.reply(150, "append it")
        with open(self.path(a), "ab") as f:
            while True:
                b = d.recv(65536)
                if not b:
                    break
                f.write(b)
        d.close()
        self.reply(226, "appended")

    def c_EPSV(self, a):
        if "noepsv" in MODES:
            return self.reply(500, "EPSV? never heard of it")
        self.pasv = socket.socket()
        self.pasv.bind(("127.0.0.1", 0))
        self.pasv.listen(1)
        self.reply(229, "Entering Extended Passive Mode (|||%d|)"
                   % self.pasv.getsockname()[1])

    def c_REST(self, a):
        self.rest = int(a)
        self.reply(350, "restarting at %d" % self.rest)

    def c_SIZE(self, a):
        p = self.path(a)
        if MODES & {"weird", "nosize"}:
            self.reply(502, "SIZE not implemented")
        elif os.path.isfile(p):
            self.reply(213, str(os.path.getsize(p)))
        else:
            self.reply(550, "no such file")

    def c_HASH(self, a):
        p = self.path(a)
        if not os.path.isfile(p):
            return self.reply(550, "no such file")
        with open(p, "rb") as f:
            h = hashlib.sha256(f.read()).hexdigest()
        if "badhash" in MODES:
            h = ("0" if h[0] != "0" else "1") + h[1:]
        self.reply(213, "SHA-256 0-%d %s %s" % (os.path.getsize(p), h, a))

    def c_RETR(self, a):
        p = self.path(a)
        if not os.path.isfile(p):
            if self.pasv:
                self.pasv.close()
                self.pasv = None
            if "evil" in MODES:
                return self.reply(550, "\x1b]0;pwned\x07\x1b[2Jgone")
            return self.reply(550, "no such file")
        with open(p, "rb") as f:
            f.seek(self.rest)
            body = f.read()
        self.rest = 0
        d = self.data()
        if "cutonce" in MODES and not Session.cut_done:
            Session.cut_done = True
            self.reply(150, "Opening for %s (%d bytes)" % (a, len(body)))
            d.sendall(body[:100000])
            d.close()
            self.c.close()
            return "quit"
        if "cut" in MODES:
            self.reply(150, "Opening for %s (%d bytes)" % (a, len(body)))
            d.sendall(body[:100000])
            d.close()
            self.c.close()
            return "quit"
        if "stall" in MODES:
            self.reply(150, "Opening for %s (%d bytes)" % (a, len(body)))
            time.sleep(60)
            return
        if "weird" in MODES:
            self.send("150-Opening data connection\r\n"
                      "150 for %s (%d bytes)\r\n226 Sent early.\r\n"
                      % (a, len(body)))
            time.sleep(0.2)
            d.sendall(body)
            d.close()
            return
        if "nosize" in MODES:
            self.reply(150, "here it comes")
        else:
            self.reply(150, "Opening for %s (%d bytes)" % (a, len(body)))
        d.sendall(body)
        d.close()
        self.reply(226, "done")

    def c_STOR(self, a):
        d = self.data()
        self.reply(150, "send it")
        with open(self.path(a), "r+b" if self.rest else "wb") as f:
            f.seek(self.rest)
            while True:
                b = d.recv(65536)
                if not b:
                    break
                f.write(b)
            f.truncate()
        self.rest = 0
        d.close()
        self.reply(226, "stored")

    def c_DELE(self, a):
        p = self.path(a)
        if not os.path.isfile(p):
            return self.reply(550, "%s: no such file" % a)
        os.unlink(p)
        self.reply(250, "deleted")

    rnfr = None

    def c_RNFR(self, a):
        if not os.path.exists(self.path(a)):
            return self.reply(550, "%s: no such file" % a)
        self.rnfr = self.path(a)
        self.reply(350, "RNTO please")

    def c_RNTO(self, a):
        src, self.rnfr = self.rnfr, None
        if src is None:
            return self.reply(503, "RNFR first")
        if "norename" in MODES and os.path.exists(self.path(a)):
            return self.reply(553, "%s: file exists" % a)
        os.rename(src, self.path(a))
        self.reply(250, "renamed")

    def c_MDTM(self, a):
        p = self.path(a)
        if "mdtm" not in MODES or not os.path.isfile(p):
            return self.reply(550, "no")
        self.reply(213, time.strftime("%Y%m%d%H%M%S",
                                      time.gmtime(os.stat(p).st_mtime)))

    def c_SITE(self, a):
        if "sitegarbage" not in MODES or "garbage" not in a:
            return self.reply(502, "not implemented")
        self.send("\x1b[2J\x1b]0;owned\x07HACKED \x1b[31mred\r\n")
        self.reply(200, "\x1b[5mok\x1b[0m \x07 done")

    def c_LIST(self, a):
        d = self.data()
        self.reply(150, "listing")
        out = []
        base = self.path(".")
        for n in sorted(os.listdir(base)):
            st = os.stat(os.path.join(base, n))
            if "dos" in MODES:
                kind = "<DIR>" if os.path.isdir(os.path.join(base, n)) \
                    else str(st.st_size)
                out.append("01-02-24  03:04PM %20s %s" % (kind, n))
            else:
                kind = "d" if os.path.isdir(os.path.join(base, n)) else "-"
                out.append("%srw-r--r--   1 ftp ftp %10d Jan 02  2024 %s"
                           % (kind, st.st_size, n))
        d.sendall(("\r\n".join(out) + "\r\n").encode("utf-8",
                                                     "surrogateescape"))
        d.close()
        self.reply(226, "listed")


def main():
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    with open(PORTFILE + ".tmp", "w") as f:
        f.write(str(srv.getsockname()[1]))
    os.rename(PORTFILE + ".tmp", PORTFILE)
    while True:
        c, _ = srv.accept()
        t = threading.Thread(target=lambda: Session(c).run(), daemon=True)
        t.start()


main()
