#!/usr/bin/python3
"""abortforms.py PORT BIGFILE SMALLFILE SMALLSIZE

Abort transfers with each client's way of sending ABOR, on one session
at 127.0.0.1:PORT (anonymous):
  plain   "ABOR\\r\\n" in-band, no Telnet (curl)
  ftplib  "ABOR\\r\\n" sent whole with MSG_OOB (Python ftplib.abort)
  lftp    IAC IP IAC in-band, DM as the urgent byte, "ABOR\\r\\n" in-band
  tnftp   IAC IP IAC as urgent data, then DM "ABOR\\r\\n" in-band
For each form: ABOR while idle (225 or 226), ABOR mid-RETR of BIGFILE
(reading slowly: 426 then 226), ABOR mid-STOR of a new file (426 then 226,
nothing stored), then NOOP (200) and a full RETR of SMALLFILE (SMALLSIZE
bytes) to prove the session is in step.  Prints one line per check;
exits 1 on the first failure.
"""
import re
import socket
import sys
import time

IAC, IP, DM = b'\xff', b'\xf4', b'\xf2'


class Fail(Exception):
    pass


class Ctl:
    def __init__(self, port):
        self.s = socket.create_connection(('127.0.0.1', port), timeout=15)
        self.f = self.s.makefile('rb')

    def reply(self):
        """The final line of the next reply."""
        ln = first = self.f.readline()
        while first[3:4] == b'-':
            ln = self.f.readline()
            if not ln or (ln[:3] == first[:3] and ln[3:4] == b' '):
                break
        if not ln:
            raise Fail('control connection closed')
        return ln.decode('utf-8', 'replace').rstrip('\r\n')

    def cmd(self, line):
        self.s.sendall(line.encode() + b'\r\n')
        return self.reply()

    def data(self):
        r = self.cmd('EPSV')
        m = re.search(r'\(\|\|\|(\d+)\|\)', r)
        if not m:
            raise Fail('EPSV: ' + r)
        return socket.create_connection(('127.0.0.1', int(m.group(1))), timeout=15)

    def abor(self, form):
        s = self.s
        if form == 'plain':
            s.sendall(b'ABOR\r\n')
        elif form == 'ftplib':
            s.sendall(b'ABOR\r\n', socket.MSG_OOB)
        elif form == 'lftp':
            s.sendall(IAC + IP + IAC)
            s.sendall(DM, socket.MSG_OOB)
            s.sendall(b'ABOR\r\n')
        elif form == 'tnftp':
            s.sendall(IAC + IP + IAC, socket.MSG_OOB)
            s.sendall(DM + b'ABOR\r\n')


def expect(what, got, pattern):
    ok = re.match(pattern, got) is not None
    print('%s %s: %s' % ('ok  ' if ok else 'FAIL', what, got), flush=True)
    if not ok:
        raise Fail('%s: expected /%s/, saw %r' % (what, pattern, got))


def one_form(c, form, big, small, smallsize):
    c.abor(form)
    expect(form + ' idle ABOR', c.reply(), r'22[56] ')

    d = c.data()
    expect(form + ' RETR', c.cmd('RETR ' + big), r'1\d\d ')
    d.recv(4096)			# read a little, then stall
    time.sleep(0.2)
    c.abor(form)
    expect(form + ' mid-RETR ABOR, first', c.reply(), r'426 ')
    d.close()
    expect(form + ' mid-RETR ABOR, then', c.reply(), r'226 ')

    d = c.data()
    name = 'aborted-%s.bin' % form
    expect(form + ' STOR', c.cmd('STOR ' + name), r'1\d\d ')
    d.sendall(b'x' * 200000)
    time.sleep(0.2)
    c.abor(form)
    expect(form + ' mid-STOR ABOR, first', c.reply(), r'426 ')
    d.close()
    expect(form + ' mid-STOR ABOR, then', c.reply(), r'226 ')
    expect(form + ' aborted STOR stored nothing', c.cmd('SIZE ' + name), r'550 ')

    expect(form + ' NOOP after', c.cmd('NOOP'), r'200 ')
    d = c.data()
    expect(form + ' RETR after', c.cmd('RETR ' + small), r'1\d\d ')
    got = b''
    while True:
        b = d.recv(65536)
        if not b:
            break
        got += b
    d.close()
    expect(form + ' RETR after, done', c.reply(), r'226 ')
    expect(form + ' RETR after, size', str(len(got)) + ' ', str(smallsize) + ' ')


def main():
    port, big, small, smallsize = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    c = Ctl(port)
    c.reply()
    c.cmd('USER anonymous')
    expect('login', c.cmd('PASS abort'), r'230 ')
    expect('TYPE I', c.cmd('TYPE I'), r'200 ')
    try:
        for form in ('plain', 'ftplib', 'lftp', 'tnftp'):
            one_form(c, form, big, small, smallsize)
    except (Fail, OSError) as e:
        print('FAIL: %s' % e)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
