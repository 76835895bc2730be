#!/usr/bin/env bash
# Python's ftplib.FTP_TLS with prot_p(): it does not resume the control
# connection's TLS session on data connections, so forkftpd refuses its
# data connections (522, the transfer never starts) unless started with
# --no-tls-reuse-check; with it, list, get, put and an active-mode get
# work, byte for byte.  ftplib checks the certificate and the host name
# against forkftpd's own certificate.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
FTP_USER=pyuser FTP_PASS=pw$RANDOM$RANDOM
users=$(tls_users "$FTP_USER" "$FTP_PASS")

start_tls_server -u "$users" "$ROOT"
STRICT=$FTPD_PORT STRICT_LOG=$FTPD_LOG
start_tls_server -u "$users" --no-tls-reuse-check "$ROOT"
LAX=$FTPD_PORT

timeout 60 "$PY" - "$STRICT" "$LAX" "$CERT" "$FTP_USER" "$FTP_PASS" "$ROOT" <<'EOF2' ||
import ftplib, hashlib, io, os, ssl, sys
strict, lax, cert, user, pw, root = sys.argv[1:]
ctx = ssl.create_default_context(cafile=cert)

def session(port):
    f = ftplib.FTP_TLS(context=ctx, timeout=20)
    f.connect('localhost', int(port))
    f.login(user, pw)      # AUTH TLS first: ftplib does it in login()
    f.prot_p()
    return f

# The strict server refuses the data connection, the session lives on.
f = session(strict)
try:
    f.nlst()
    sys.exit('nlst worked without resuming the TLS session')
except (ftplib.error_temp, ftplib.error_perm, ssl.SSLError, OSError) as e:
    if '522' not in str(e):
        sys.exit('expected 522 for the refused data connection, saw %r' % e)
assert f.voidcmd('NOOP').startswith('200')
f.quit()

f = session(lax)
names = f.nlst()
assert 'big.bin' in names, names
data = io.BytesIO()
f.retrbinary('RETR big.bin', data.write)
assert data.getvalue() == open(os.path.join(root, 'big.bin'), 'rb').read(), 'RETR differs'
up = os.urandom(2 * 1024 * 1024 + 17)
f.storbinary('STOR ftplib up.bin', io.BytesIO(up))
assert open(os.path.join(root, 'ftplib up.bin'), 'rb').read() == up, 'STOR differs'
f.set_pasv(False)
data = io.BytesIO()
f.retrbinary('RETR sub dir/mid.bin', data.write)
assert data.getvalue() == open(os.path.join(root, 'sub dir/mid.bin'), 'rb').read(), 'active RETR differs'
f.quit()
print('ok')
EOF2
	fail "ftplib FTP_TLS session failed"
grep -q "refused a data connection that did not resume" "$STRICT_LOG" ||
	fail "the strict server did not log the refusal: $(cat "$STRICT_LOG")"
exit 0
