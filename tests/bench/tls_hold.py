#!/usr/bin/env python3
"""tls_hold.py PORT N CAFILE: open N FTPS sessions (AUTH TLS, anonymous
login, PBSZ 0, PROT P) to 127.0.0.1:PORT, print "ready", hold them until
stdin reaches EOF, then QUIT them all.  The FTPS twin of loadgen hold, for
the PSS-per-idle-TLS-session row of make bench."""
import ftplib
import ssl
import sys

port, n, cafile = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ctx = ssl.create_default_context(cafile=cafile)
held = []
for i in range(n):
    f = ftplib.FTP_TLS(context=ctx, timeout=60)
    f.connect('localhost', port)
    f.login('anonymous', 'bench@')
    f.prot_p()
    held.append(f)
print('ready', flush=True)
sys.stdin.read()
for f in held:
    try:
        f.quit()
    except (OSError, ftplib.Error):
        pass
