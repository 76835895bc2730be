#!/usr/bin/python3
"""slowstor.py PORT NAME MODE NBYTES [USER PASS]

Start an upload (TYPE I, EPSV, STOR NAME) to 127.0.0.1:PORT, send NBYTES
of data, print "SENT NBYTES" and then, by MODE:
  kill   wait (up to 60 s) to be killed; the control socket is opened first,
         so when the process dies the kernel closes it before the data one
  abor   send ABOR the way ftplib/lftp do (Telnet IP, then Synch as urgent
         data, then "ABOR"), read the replies, then close the data socket
  reset  close the data connection with a TCP RST (SO_LINGER 0), read the
         reply, then send ABOR and read its reply
  eof    close the data connection normally (a complete short upload)
Every reply line read is printed as "REPLY <line>".  Exit 0 unless the
upload could not even start.
"""
import re
import socket
import struct
import sys
import time

IAC, IP, DM = b'\xff', b'\xf4', b'\xf2'


class Ctl:
    def __init__(self, port):
        self.s = socket.create_connection(('127.0.0.1', port), timeout=15)
        self.f = self.s.makefile('rb')

    def reply(self):
        lines = [self.f.readline()]
        if not lines[0]:
            return '(closed)'
        while lines[0][3:4] == b'-' and not (
                lines[-1][:3] == lines[0][:3] and lines[-1][3:4] == b' '):
            ln = self.f.readline()
            if not ln:
                break
            lines.append(ln)
        text = lines[-1].decode('utf-8', 'replace').rstrip('\r\n')
        print('REPLY ' + text, flush=True)
        return text

    def cmd(self, line):
        self.s.sendall(line.encode() + b'\r\n')
        return self.reply()


def main():
    port, name, mode, nbytes = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    user = sys.argv[5] if len(sys.argv) > 5 else 'anonymous'
    pw = sys.argv[6] if len(sys.argv) > 6 else 'slowstor'
    c = Ctl(port)
    c.reply()
    c.cmd('USER ' + user)
    if not c.cmd('PASS ' + pw).startswith('230'):
        return 1
    c.cmd('TYPE I')
    r = c.cmd('EPSV')
    m = re.search(r'\(\|\|\|(\d+)\|\)', r)
    if not m:
        return 1
    d = socket.create_connection(('127.0.0.1', int(m.group(1))), timeout=15)
    if not c.cmd('STOR ' + name).startswith('1'):
        return 1
    chunk = b'NEW-PARTIAL-DATA' * 4096
    sent = 0
    while sent < nbytes:
        n = min(len(chunk), nbytes - sent)
        d.sendall(chunk[:n])
        sent += n
    print('SENT %d' % sent, flush=True)
    if mode == 'kill':
        time.sleep(60)
    elif mode == 'abor':
        time.sleep(0.3)			# let the server be inside the transfer
        c.s.sendall(IAC + IP + IAC, 0)
        c.s.sendall(DM, socket.MSG_OOB)
        c.s.sendall(b'ABOR\r\n')
        r = c.reply()
        if r.startswith('426') or r.startswith('451'):
            c.reply()
        d.close()
    elif mode == 'reset':
        time.sleep(0.3)
        d.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        d.close()
        c.reply()
        c.cmd('ABOR')
    elif mode == 'eof':
        d.close()
        c.reply()
    c.cmd('NOOP')
    c.cmd('QUIT')
    return 0


if __name__ == '__main__':
    sys.exit(main())
