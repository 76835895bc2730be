#!/usr/bin/python3
"""tls_hostile.py MODE ROOT PORTFILE CERT KEY

An FTPS server that misbehaves on purpose, for forkftp's hostile tests.
Serves ROOT anonymously on 127.0.0.1 (port written to PORTFILE), one
session at a time, FEAT offering AUTH TLS.  MODEs:
  plain234  answers AUTH TLS with 234, then speaks plaintext where the
            ServerHello belongs
  garbage   answers AUTH TLS with 234, then sends random bytes
  cut       real TLS on control and data; RETR sends half of the file
            and closes the data connection without close_notify, then
            says 226
  chain     real TLS with CERT as sent (use a huge chain file)
"""
import os
import socket
import ssl
import sys
import threading

MODE, ROOT, PORTFILE, CERT, KEY = sys.argv[1:6]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(CERT, KEY)


class Session:
    def __init__(self, conn):
        self.c = conn
        self.buf = b""
        self.pasv = None
        self.rest = 0

    def send(self, text):
        self.c.sendall(text.encode())

    def line(self):
        while b"\n" not in self.buf:
            d = self.c.recv(4096)
            if not d:
                raise EOFError
            self.buf += d
        l, self.buf = self.buf.split(b"\n", 1)
        return l.rstrip(b"\r").decode("utf-8", "replace")

    def auth(self):
        self.send("234 AUTH TLS ok\r\n")
        if MODE in ("plain234", "garbage"):
            self.c.recv(4096)       # the ClientHello
            if MODE == "plain234":
                self.send("220 plaintext where TLS belongs\r\n")
            else:
                self.c.sendall(os.urandom(8192))
            self.c.recv(4096)
            raise EOFError
        self.c = ctx.wrap_socket(self.c, server_side=True)

    def epsv(self):
        self.pasv = socket.socket()
        self.pasv.bind(("127.0.0.1", 0))
        self.pasv.listen(1)
        self.send("229 Entering Extended Passive Mode (|||%d|)\r\n"
                  % self.pasv.getsockname()[1])

    def data(self):
        d, _ = self.pasv.accept()
        self.pasv.close()
        return ctx.wrap_socket(d, server_side=True)

    def retr(self, name):
        path = os.path.join(ROOT, os.path.basename(name))
        if not os.path.isfile(path):
            self.send("550 No such file\r\n")
            return
        with open(path, "rb") as f:
            body = f.read()[self.rest:]
        self.rest = 0
        self.send("150 Opening BINARY connection (%d bytes)\r\n" % len(body))
        d = self.data()
        if MODE == "cut":
            d.sendall(body[:len(body) // 2])
            # A TCP close, no TLS close_notify: a truncation attack.
            d.shutdown(socket.SHUT_RDWR)
            d.close()
        else:
            d.sendall(body)
            d.unwrap().close()
        self.send("226 Transfer complete\r\n")

    def list(self):
        self.send("150 Here comes the listing\r\n")
        d = self.data()
        for n in sorted(os.listdir(ROOT)):
            d.sendall(("-rw-r--r-- 1 ftp ftp %d Jan 01 2024 %s\r\n" % (
                os.path.getsize(os.path.join(ROOT, n)), n)).encode())
        d.unwrap().close()
        self.send("226 Done\r\n")

    def run(self):
        self.send("220 hostile FTPS\r\n")
        while True:
            l = self.line()
            verb, _, arg = l.partition(" ")
            verb = verb.upper()
            if verb == "FEAT":
                self.send("211-Features:\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n"
                          " EPSV\r\n SIZE\r\n REST STREAM\r\n211 End\r\n")
            elif verb == "AUTH":
                self.auth()
            elif verb == "USER":
                self.send("331 Password\r\n")
            elif verb == "PASS":
                self.send("230 Logged in\r\n")
            elif verb == "PWD":
                self.send('257 "/" is the current directory\r\n')
            elif verb == "SIZE":
                p = os.path.join(ROOT, os.path.basename(arg))
                if os.path.isfile(p):
                    self.send("213 %d\r\n" % os.path.getsize(p))
                else:
                    self.send("550 No such file\r\n")
            elif verb == "REST":
                self.rest = int(arg)
                self.send("350 Restarting\r\n")
            elif verb == "EPSV":
                self.epsv()
            elif verb == "RETR":
                self.retr(arg)
            elif verb == "LIST":
                self.list()
            elif verb == "QUIT":
                self.send("221 Bye\r\n")
                return
            elif verb in ("PBSZ", "PROT", "TYPE", "OPTS", "CWD", "NOOP"):
                self.send("200 OK\r\n")
            else:
                self.send("502 Not implemented\r\n")


def serve(conn):
    try:
        Session(conn).run()
    except (EOFError, OSError, ssl.SSLError):
        pass
    finally:
        conn.close()


def main():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(8)
    with open(PORTFILE + ".tmp", "w") as f:
        f.write(str(s.getsockname()[1]))
    os.rename(PORTFILE + ".tmp", PORTFILE)
    while True:
        c, _ = s.accept()
        threading.Thread(target=serve, args=(c,), daemon=True).start()


main()
