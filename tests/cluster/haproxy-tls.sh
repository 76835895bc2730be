#!/usr/bin/env bash
# FTPS through HAProxy (issue 18): three forkftpd nodes (127.0.0.11, .12,
# .13) run with README.md's "FTPS behind HAProxy" node block (tls =
# required, an ftps:// listener, one certificate for all), HAProxy with
# the README's cluster configuration plus its implicit-TLS frontend, all
# read from README.md with addresses, ports and paths replaced.  The
# balancer is 127.0.0.100, so its passive ranges do not collide with
# other tests' ports on 127.0.0.1.
#  - the health checks (v2 LOCAL, expecting 220) pass on the explicit and
#    on the implicit listeners (HAProxy's stats say L7OK for all six);
#  - explicit FTPS (AUTH TLS, PROT P): curl --ssl-reqd (EPSV, PASV, and
#    two downloads in one session over TLS 1.2), lftp (PASV, EPSV) and
#    Python ftplib (PASV, EPSV, active: the node connects to the real
#    address), bound to 127.0.0.2 .. .10 and .15, upload and download at
#    once, certificates checked against the cluster's certificate, every
#    data connection resuming its control connection's session;
#  - implicit FTPS (the PROXY header before the handshake): curl ftps://
#    (EPSV, PASV) and ftplib on a wrapped socket, from 127.0.0.11 .. .14;
#  - every file compared byte for byte; every node served TLS sessions
#    and logged the clients' real addresses, never the balancer's;
#  - through the balancer, ftplib without session reuse gets 522 (the
#    reuse check holds behind it) and a plain login 530 (tls = required);
#  - forkftp with --trust-fingerprint (the nodes' common start-up line)
#    puts and gets over ftpes:// and ftps://, whichever node answers; a
#    wrong pin is refused.
. "$(dirname "$0")/../lib.sh"
HAPROXY=/usr/sbin/haproxy
[ -x "$HAPROXY" ] || skip "haproxy not installed (tests/deps.sh test)"
command -v lftp >/dev/null || skip "lftp not installed"
command -v openssl >/dev/null || skip "no openssl"
ip addr show lo 2>/dev/null | grep -q '127.0.0.1/8' ||
	skip "loopback is not 127.0.0.0/8"
BAL=127.0.0.100		# the balancer's address, for clients

SHARE=$T/share
make_root "$SHARE"
head -c 2000000 /dev/urandom >"$SHARE/shared.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$SHARE/shared.bin"
chmod 644 "$SHARE/shared.bin"

# One certificate for every node, made for the balancer's address.
CERT=$T/cluster-cert.pem KEY=$T/cluster-key.pem
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-days 2 -subj /CN=ftp.cluster.test -keyout "$KEY" -out "$CERT" \
	-addext "subjectAltName=IP:$BAL,DNS:localhost" >"$T/openssl.log" 2>&1 ||
	fail "openssl req: $(cat "$T/openssl.log")"
FP=$(openssl x509 -in "$CERT" -noout -fingerprint -sha256 | sed 's/.*=//')

# Three passive ranges of 40 ports below the ephemeral range, where
# nothing listens (HAProxy binds them on $BAL).
cluster_pasv_base

# start_node N: README's TLS node block for node N, ports by the kernel.
start_node() {
	local n=$1
	local lo=$((PASV_BASE + (n - 1) * 40)) log=$T/forkftpd.node$n.log
	readme_block cluster-tls-node | sed -E "
	    s/10\.0\.0\.11:2121/127.0.0.1$n:0/; s/10\.0\.0\.11:2990/127.0.0.1$n:0/
	    s/10\.0\.0\.1\$/127.0.0.1/; s/192\.0\.2\.1\$/$BAL/
	    s/50000-50039/$lo-$((lo + 39))/
	    s|^root = .*|root = $SHARE|
	    s|^tls_cert = .*|tls_cert = $CERT|; s|^tls_key = .*|tls_key = $KEY|
	    " >"$T/node$n.conf"
	grep -q '^listen = ftps://' "$T/node$n.conf" ||
		fail "no TLS node configuration in README.md"
	grep -Eq '192\.0\.2\.|10\.0\.0\.|/etc/|/srv/' "$T/node$n.conf" &&
		fail "README's TLS node block has values this test does not replace: $(cat "$T/node$n.conf")"
	"$FORKFTPD" -c "$T/node$n.conf" --state-dir "$T/state$n" 2>"$log" &
	t_defer "stop_pid $!"
	wait_until 10 grep -q 'TLS certificate sha256' "$log" ||
		fail "node $n did not start: $(cat "$log")"
	eval "NODE${n}_PORT=$(grep -m1 -o 'listening on ftp://[^ ]*' "$log" | sed -E 's|.*:([0-9]+)/?$|\1|')"
	eval "NODE${n}_FPORT=$(grep -m1 -o 'listening on ftps://[^ ]*' "$log" | sed -E 's|.*:([0-9]+)/?$|\1|')"
	# The pin holds whichever node answers.
	assert_eq "$FP" "$(grep -m1 -o 'TLS certificate sha256 [0-9A-F:]*' "$log" | sed 's/.* //')" \
		"node $n's certificate"
}
start_node 1
start_node 2
start_node 3
[ -n "$NODE3_FPORT" ] || fail "node 3 has no ftps:// listener: $(cat "$T/forkftpd.node3.log")"

CPORT=$(free_port) FPORT=$(free_port)
CFG=$T/haproxy.cfg
# The README's blocks, with this run's addresses and ports.
sub="$(cluster_sub "$BAL" "$CPORT"); s/192\.0\.2\.1:990\$/$BAL:$FPORT/"
for n in 1 2 3; do
	eval "fport=\$NODE${n}_FPORT"
	sub="$sub; s/10\.0\.0\.1$n:2990/127.0.0.1$n:$fport/"
done
{ readme_block cluster-config; readme_block cluster-tls-config; } | sed -E "$sub" >"$CFG"
grep -q 'frontend ftps' "$CFG" || fail "no implicit-TLS frontend in README.md"
grep -Eq '192\.0\.2\.|10\.0\.0\.' "$CFG" &&
	fail "README's HAProxy configuration has addresses this test does not replace: $(grep -E '192\.0\.2\.|10\.0\.0\.' "$CFG")"
# The test's own addition: a stats socket to read the checks' results.
printf '\nglobal\n    stats socket %s mode 600\n' "$T/haproxy.sock" >>"$CFG"
"$HAPROXY" -c -f "$CFG" >"$T/haproxy-check.log" 2>&1 ||
	fail "haproxy -c: $(cat "$T/haproxy-check.log")"
"$HAPROXY" -db -f "$CFG" >"$T/haproxy.log" 2>&1 &
t_defer "stop_pid $!"

# --- health checks --------------------------------------------------------
# stat.py: "backend/server status check_status" of the six servers.
cat >"$T/stat.py" <<'EOF'
import csv, io, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b'show stat\n')
data = b''
while True:
    b = s.recv(65536)
    if not b:
        break
    data += b
rows = csv.DictReader(io.StringIO(data.decode().lstrip('# ')))
for r in rows:
    if r['pxname'] in ('ftp_nodes', 'ftps_nodes') and r['svname'].startswith('n'):
        print('%s/%s %s %s' % (r['pxname'], r['svname'], r['status'], r['check_status']))
EOF
all_checked() {
	[ "$("$PY" "$T/stat.py" "$T/haproxy.sock" | grep -c ' UP L7OK$')" = 6 ]
}
wait_until 15 all_checked ||
	fail "not every node passed its checks: $("$PY" "$T/stat.py" "$T/haproxy.sock" 2>&1) $(cat "$T/haproxy.log")"
# What a check gets from an ftps:// listener: the plain greeting alone.
cat >"$T/local.py" <<'EOF'
import socket, sys
s = socket.create_connection(('127.0.0.11', int(sys.argv[1])), timeout=5,
                             source_address=('127.0.0.1', 0))
s.sendall(b'\r\n\r\n\x00\r\nQUIT\n' + bytes([0x20, 0x00, 0x00, 0x00]))
data = b''
while True:
    b = s.recv(4096)
    if not b:
        break
    data += b
print(data.decode(errors='replace').strip())
EOF
assert_match '^220 ' "$("$PY" "$T/local.py" "$NODE1_FPORT")" "v2 LOCAL on node 1's ftps:// listener"

# --- explicit and implicit FTPS, 14 clients at once ----------------------
mkdir -p "$T/src" "$T/out"
for i in $(seq 2 15); do
	head -c $((300000 + i * 41000)) /dev/urandom >"$T/src/up_$i.bin"
done
URL=ftp://$BAL:$CPORT
SURL=ftps://$BAL:$FPORT

# curl_client I URL [CURL OPTIONS]: an upload and two downloads, one
# session each: curl 7.88 under TLS 1.3 does not resume the control
# connection's session on a second data connection of one session (curl
# issue 4654, seen against a single node too); curl2_client does both
# downloads in one session over TLS 1.2, where it does.
curl_client() {
	local i=$1 u=$2
	shift 2
	set -- --max-time 60 --interface "127.0.0.$i" --cacert "$CERT" "$@"
	curl -sS "$@" -T "$T/src/up_$i.bin" "$u/up_$i.bin" &&
	curl -sS "$@" -o "$T/out/shared_$i.bin" "$u/shared.bin" &&
	curl -sS "$@" -o "$T/out/back_$i.bin" "$u/up_$i.bin"
}
curl2_client() {
	local i=$1 u=$2
	shift 2
	set -- --max-time 60 --interface "127.0.0.$i" --cacert "$CERT" "$@"
	curl -sS "$@" -T "$T/src/up_$i.bin" "$u/up_$i.bin" &&
	curl -sS "$@" -o "$T/out/shared_$i.bin" "$u/shared.bin" \
		-o "$T/out/back_$i.bin" "$u/up_$i.bin"
}
lftp_client() {		# lftp_client I yes|no (EPSV)
	lftp --norc -c "set net:max-retries 1; set net:timeout 20; set cmd:fail-exit yes;
		set ftp:ssl-force yes; set ftp:ssl-protect-data yes;
		set ftp:ssl-protect-list yes; set ssl:verify-certificate yes;
		set ssl:ca-file $CERT; set ftp:prefer-epsv $2;
		set net:socket-bind-ipv4 127.0.0.$1;
		open -u anonymous,lftp@ $URL;
		put $T/src/up_$1.bin -o up_$1.bin;
		get shared.bin -o $T/out/shared_$1.bin;
		get up_$1.bin -o $T/out/back_$1.bin"
}
# ftplib never resumes the TLS session on a data connection (CPython
# issue 63699): this subclass does, as any client of a server that
# requires it must.  "implicit" wraps the socket before the greeting.
cat >"$T/ftplib_client.py" <<'EOF'
import ftplib, socket, ssl, sys
i, bal, port, t, cert, how = sys.argv[1:]

class Reuse(ftplib.FTP_TLS):
    def ntransfercmd(self, cmd, rest=None):
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            conn = self.context.wrap_socket(conn, server_hostname=self.host,
                                            session=self.sock.session)
        return conn, size

    def makepasv(self):
        if how != 'epsv':
            return ftplib.FTP_TLS.makepasv(self)
        port = ftplib.parse229(self.sendcmd('EPSV'), self.sock.getpeername())[1]
        return self.host, port

class Implicit(Reuse):
    def connect(self, host, port, timeout, source_address):
        self.host, self.port, self.timeout = host, port, timeout
        self.source_address = source_address
        raw = socket.create_connection((host, port), timeout,
                                       source_address=source_address)
        self.sock = self.context.wrap_socket(raw, server_hostname=host)
        self.af = self.sock.family
        self.file = self.sock.makefile('r', encoding=self.encoding)
        self.welcome = self.getresp()
        return self.welcome

ctx = ssl.create_default_context(cafile=cert)
cls = {'implicit': Implicit, 'plain-ftplib': ftplib.FTP_TLS}.get(how, Reuse)
f = cls(context=ctx, timeout=30)
src = ('127.0.0.' + i, 0)
if how == 'implicit':
    f.connect(bal, int(port), 30, src)
else:
    f.source_address = src
    f.connect(bal, int(port))
f.login()
f.prot_p()
if how == 'active':
    f.set_pasv(False)
if how == 'plain-ftplib':
    # Without resumption: the node refuses the data connection.
    try:
        f.nlst()
        sys.exit('a data connection without session reuse was accepted')
    except (ftplib.Error, ssl.SSLError, OSError) as e:
        if '522' not in str(e):
            sys.exit('expected 522, saw %r' % e)
    f.quit()
    sys.exit(0)
with open('%s/src/up_%s.bin' % (t, i), 'rb') as up:
    f.storbinary('STOR up_%s.bin' % i, up)
for remote, local in (('shared.bin', 'shared'), ('up_%s.bin' % i, 'back')):
    with open('%s/out/%s_%s.bin' % (t, local, i), 'wb') as out:
        f.retrbinary('RETR ' + remote, out.write)
f.quit()
EOF
ftplib_client() {	# ftplib_client I PORT pasv|epsv|active|implicit|plain-ftplib
	"$PY" "$T/ftplib_client.py" "$1" "$BAL" "$2" "$T" "$CERT" "$3"
}

client() {
	case $1 in
	2) curl_client 2 "$URL" --ssl-reqd ;;
	3) curl_client 3 "$URL" --ssl-reqd --disable-epsv ;;
	4) curl2_client 4 "$URL" --ssl-reqd --tls-max 1.2 ;;
	5) lftp_client 5 no ;;
	6) lftp_client 6 yes ;;
	7) lftp_client 7 no ;;
	8) ftplib_client 8 "$CPORT" pasv ;;
	9) ftplib_client 9 "$CPORT" epsv ;;
	10) ftplib_client 10 "$CPORT" pasv ;;
	11) curl_client 11 "$SURL" ;;
	12) curl_client 12 "$SURL" --disable-epsv ;;
	13) ftplib_client 13 "$FPORT" implicit ;;
	14) ftplib_client 14 "$FPORT" implicit ;;
	15) ftplib_client 15 "$CPORT" active ;;
	esac
}
cluster_clients client $(seq 2 15)
for i in $(seq 2 15); do
	assert_same_file "$T/src/up_$i.bin" "$SHARE/up_$i.bin"
	assert_same_file "$T/src/up_$i.bin" "$T/out/back_$i.bin"
	assert_same_file "$SHARE/shared.bin" "$T/out/shared_$i.bin"
done

# The reuse check is on behind the balancer.
ftplib_client 20 "$CPORT" plain-ftplib >"$T/client_20.log" 2>&1 ||
	fail "ftplib without session reuse: $(cat "$T/client_20.log")"
grep -q 'refused a data connection that did not resume' "$T"/forkftpd.node*.log ||
	fail "no node logged the refused data connection of 127.0.0.20"
# tls = required holds behind it: a plain login is refused.
curl -sS --max-time 30 --interface 127.0.0.21 -o "$T/plain.bin" "$URL/shared.bin" \
	>"$T/client_21.log" 2>&1 && fail "a plain session got a file through the balancer"
grep -q '530' "$T/client_21.log" || fail "plain login: expected 530, saw $(cat "$T/client_21.log")"

for n in 1 2 3; do
	log=$T/forkftpd.node$n.log
	grep -Eq 'anonymous (upload|download) ' "$log" ||
		fail "node $n served no transfer: $(cat "$log")"
	grep -q 'login "anonymous".*TLSv1\.[23] ' "$log" ||
		fail "node $n has no TLS login: $(grep login "$log")"
	grep -q 'login "anonymous".*plain' "$log" &&
		fail "node $n served a plain session: $(grep login "$log")"
	grep -E 'connection from 127\.0\.0\.1 port' "$log" &&
		fail "node $n logged the balancer as a client"
	grep -E 'refused data connection|without a PROXY header|no valid PROXY header' "$log" &&
		fail "node $n refused a client's own connection"
done
# Every client address reached a node, under its own name, through HAProxy.
for i in $(seq 2 15) 20 21; do
	grep -q "connection from 127\.0\.0\.$i port [0-9]* via 127\.0\.0\.1," "$T"/forkftpd.node*.log ||
		fail "no node logged client 127.0.0.$i via the balancer"
done
# Implicit sessions too: a node's ftps:// sessions are logged as such.
grep -Eq 'connection from 127\.0\.0\.1[1-4] port' "$T"/forkftpd.node*.log ||
	fail "no implicit-TLS client logged"

# --- forkftp, the certificate pinned -------------------------------------
# forkftp cannot bind a source address: it comes from 127.0.0.1, the
# balancer's own side, so it runs after the address checks above.
mkdir -p "$T/ff"
head -c 1500000 /dev/urandom >"$T/ff/mine.bin"
for u in "ftpes://$BAL:$CPORT/" "ftps://$BAL:$FPORT/"; do
	rm -f "$T/ff/shared.bin" "$T/ff/back.bin"
	name=ff_${u%%:*}.bin
	timeout 60 "$FORKFTP" --trust-fingerprint "$FP" -e "put $T/ff/mine.bin $name;
		get shared.bin $T/ff/shared.bin; get $name $T/ff/back.bin" "$u" \
		>"$T/ff.log" 2>&1 || fail "forkftp $u: $(cat "$T/ff.log")"
	assert_same_file "$T/ff/mine.bin" "$SHARE/$name"
	assert_same_file "$SHARE/shared.bin" "$T/ff/shared.bin"
	assert_same_file "$T/ff/mine.bin" "$T/ff/back.bin"
done
# A wrong pin is refused: the fingerprint is what lets it in.
wrong=00${FP:2}
[ "$wrong" != "$FP" ] || wrong=11${FP:2}
timeout 30 "$FORKFTP" --trust-fingerprint "$wrong" -e "ls" "ftpes://$BAL:$CPORT/" \
	>"$T/ff-wrong.log" 2>&1 &&
	fail "forkftp accepted a certificate with another fingerprint: $(cat "$T/ff-wrong.log")"
exit 0
