#!/usr/bin/env bash
# test: serial
# Three forkftpd nodes (127.0.0.11, .12, .13) behind HAProxy (issue 18),
# serving one shared directory, with the configuration of README.md's
# "Running several forkftpd" (read from it, addresses and ports replaced):
# send-proxy-v2 on every server line, health checks that expect the 220
# of a v2 LOCAL header, one frontend per node for its passive range.
#  - 30 clients (10 curl over EPSV, 10 lftp over PASV, 10 Python ftplib
#    over PASV) bound to 127.0.0.2 .. 127.0.0.31 upload and download at
#    once through the balancer; every file is compared byte for byte;
#    every node served some; each node's log names the real clients,
#    never the balancer;
#  - --max-per-ip 2 is per node: one address holds 6 sessions across
#    the 3 nodes and its 7th is refused on the node that sees its third;
#  - a PROXY header sent straight to a node from an address outside
#    --proxy-from is a bad command, and the node logs the sender;
#  - a node SIGKILLed during 9 slow uploads: its running uploads (seen in
#    its children's process titles) leave no file, HAProxy's checks mark
#    it DOWN, new sessions go to the others, the other uploads finish.
. "$(dirname "$0")/../lib.sh"
HAPROXY=/usr/sbin/haproxy
[ -x "$HAPROXY" ] || skip "haproxy not installed (tests/deps.sh test)"
command -v lftp >/dev/null || skip "lftp not installed"
ip addr show lo 2>/dev/null | grep -q '127.0.0.1/8' ||
	skip "loopback is not 127.0.0.0/8"

SHARE=$T/share		# what an NFS or CephFS mount would be on each node
make_root "$SHARE"
head -c 3000000 /dev/urandom >"$SHARE/shared.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$SHARE/shared.bin"
chmod 644 "$SHARE/shared.bin"

# Three passive ranges of 40 ports below the ephemeral range, where
# nothing listens on 127.0.0.1 (HAProxy binds them there).
cluster_pasv_base

# start_node N: forkftpd on 127.0.0.1N, port chosen by the kernel.
start_node() {
	local n=$1
	local lo=$((PASV_BASE + (n - 1) * 40))
	local log=$T/forkftpd.node$n.log
	"$FORKFTPD" -l "127.0.0.1$n:0" --proxy-from 127.0.0.1 --anonymous-write \
		--max-per-ip 2 --pasv-address 127.0.0.1 \
		--pasv-ports "$lo-$((lo + 39))" "$SHARE" 2>"$log" &
	eval "NODE${n}_PID=$!"
	t_defer "stop_pid $!"
	disown "$!"	# node 2's SIGKILL is on purpose: no "Killed" line
	wait_until 10 grep -q 'listening on ftp://' "$log" ||
		fail "node $n did not start: $(cat "$log")"
	eval "NODE${n}_PORT=$(grep -m1 -o 'ftp://[^ ]*' "$log" | sed -E 's|.*:([0-9]+)/?$|\1|')"
}
start_node 1
start_node 2
start_node 3

CPORT=$(free_port)
CFG=$T/haproxy.cfg
# The README's configuration, with this run's addresses and ports.
readme_block cluster-config | sed -E "$(cluster_sub 127.0.0.1 "$CPORT")" >"$CFG"
grep -q 'send-proxy-v2' "$CFG" || fail "no HAProxy configuration in README.md"
grep -Eq '192\.0\.2\.|10\.0\.0\.' "$CFG" &&
	fail "README's HAProxy configuration has addresses this test does not replace: $(grep -E '192\.0\.2\.|10\.0\.0\.' "$CFG")"
"$HAPROXY" -c -f "$CFG" >"$T/haproxy-check.log" 2>&1 ||
	fail "haproxy -c: $(cat "$T/haproxy-check.log")"
"$HAPROXY" -db -f "$CFG" >"$T/haproxy.log" 2>&1 &
HAPROXY_PID=$!
t_defer "stop_pid $HAPROXY_PID"

# Ready when the balancer greets and every node has passed its checks
# (each check is a v2 LOCAL header, answered 220 and closed: no session).
greets() {
	"$PY" - "$1" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3,
                             source_address=("127.0.0.42", 0))
ok = s.recv(4) == b"220 "
s.sendall(b"QUIT\r\n")
sys.exit(0 if ok else 1)
EOF
}
wait_until 15 greets "$CPORT" || fail "no greeting through HAProxy: $(cat "$T/haproxy.log")"
grep -q 'is DOWN' "$T/haproxy.log" && fail "a node failed its checks: $(cat "$T/haproxy.log")"

# --- 30 clients at once -------------------------------------------------
mkdir -p "$T/src" "$T/out"
for i in $(seq 2 31); do
	head -c $((500000 + i * 37000)) /dev/urandom >"$T/src/up_$i.bin"
done
URL=ftp://127.0.0.1:$CPORT

curl_client() {		# curl_client I: EPSV, the default
	local a=127.0.0.$1
	curl -sS --max-time 120 --interface "$a" -T "$T/src/up_$1.bin" "$URL/up_$1.bin" &&
	curl -sS --max-time 120 --interface "$a" -o "$T/out/shared_$1.bin" "$URL/shared.bin" &&
	curl -sS --max-time 120 --interface "$a" -o "$T/out/back_$1.bin" "$URL/up_$1.bin"
}
lftp_client() {		# lftp_client I: PASV
	lftp -c "set net:max-retries 1; set net:timeout 20; set cmd:fail-exit yes;
		set ftp:ssl-allow no; set ftp:prefer-epsv no;
		set net:socket-bind-ipv4 127.0.0.$1;
		open -u anonymous,lftp@ $URL;
		put $T/src/up_$1.bin -o up_$1.bin;
		get shared.bin -o $T/out/shared_$1.bin;
		get up_$1.bin -o $T/out/back_$1.bin"
}
cat >"$T/ftplib_client.py" <<'EOF'
import ftplib, sys
i, port, t = sys.argv[1], int(sys.argv[2]), sys.argv[3]
f = ftplib.FTP(timeout=60, source_address=('127.0.0.' + i, 0))
f.connect('127.0.0.1', port)
f.login()
with open('%s/src/up_%s.bin' % (t, i), 'rb') as src:
    f.storbinary('STOR up_%s.bin' % i, src)
for remote, local in (('shared.bin', 'shared'), ('up_%s.bin' % i, 'back')):
    with open('%s/out/%s_%s.bin' % (t, local, i), 'wb') as out:
        f.retrbinary('RETR ' + remote, out.write)
f.quit()
EOF
ftplib_client() { "$PY" "$T/ftplib_client.py" "$1" "$CPORT" "$T"; }

client() {
	case $(($1 % 3)) in
	0) curl_client "$1" ;;
	1) lftp_client "$1" ;;
	2) ftplib_client "$1" ;;
	esac
}
cluster_clients client $(seq 2 31)
for i in $(seq 2 31); do
	assert_same_file "$T/src/up_$i.bin" "$SHARE/up_$i.bin"
	assert_same_file "$T/src/up_$i.bin" "$T/out/back_$i.bin"
	assert_same_file "$SHARE/shared.bin" "$T/out/shared_$i.bin"
done
for n in 1 2 3; do
	log=$T/forkftpd.node$n.log
	grep -Eq 'anonymous (upload|download) ' "$log" ||
		fail "node $n served no transfer: $(cat "$log")"
	grep -Eq 'connection from 127\.0\.0\.([2-9]|[12][0-9]|3[01]) port [0-9]+ via 127\.0\.0\.1,' "$log" ||
		fail "node $n does not log the real clients: $(head -20 "$log")"
	grep -E 'connection from 127\.0\.0\.1 port' "$log" &&
		fail "node $n logged the balancer as a client"
	grep -E 'refused data connection' "$log" &&
		fail "node $n refused a client's own data connection"
done
# Every client address reached a node, under its own name.
for i in $(seq 2 31); do
	grep -q "connection from 127\.0\.0\.$i port" "$T"/forkftpd.node*.log ||
		fail "no node logged client 127.0.0.$i"
done

# --- --max-per-ip 2 is per node ------------------------------------------
cat >"$T/perip.py" <<'EOF'
import socket, sys
port = int(sys.argv[1])
held, codes = [], []
for _ in range(7):
    s = socket.socket()
    s.settimeout(10)
    s.bind(('127.0.0.40', 0))
    s.connect(('127.0.0.1', port))
    codes.append(s.recv(4)[:3].decode())
    held.append(s)
print(' '.join(codes))
EOF
codes=$("$PY" "$T/perip.py" "$CPORT")
assert_eq "220 220 220 220 220 220 421" "$codes" "7 sessions of one address over 3 nodes"
grep -l 'refused 127\.0\.0\.40 via 127\.0\.0\.1: Too many connections from your address' \
	"$T"/forkftpd.node*.log >/dev/null || fail "no node logged the per-ip refusal"

# --- an untrusted sender's PROXY header ----------------------------------
cat >"$T/untrusted.py" <<'EOF'
import socket, sys
s = socket.socket()
s.settimeout(10)
s.bind(('127.0.0.41', 0))
s.connect(('127.0.0.11', int(sys.argv[1])))
f = s.makefile('rb')
greet = f.readline()
s.sendall(b'PROXY TCP4 203.0.113.9 127.0.0.11 4000 21\r\n')
print(greet[:3].decode(), f.readline()[:3].decode())
EOF
out=$("$PY" "$T/untrusted.py" "$NODE1_PORT")
assert_eq "220 500" "$out" "PROXY line from 127.0.0.41, straight to node 1"
wait_until 5 grep -q 'connection from 127\.0\.0\.41 port' "$T/forkftpd.node1.log" ||
	fail "node 1 did not log the untrusted sender as itself"
grep -q '203\.0\.113\.9' "$T"/forkftpd.node*.log &&
	fail "a node believed an untrusted PROXY header"

# --- a node killed during uploads ----------------------------------------
head -c 1500000 /dev/urandom >"$T/src/slow.bin"
slow=()
for i in $(seq 2 10); do
	curl -sS --max-time 120 --interface "127.0.0.$i" --limit-rate 100K \
		-T "$T/src/slow.bin" "$URL/slow_$i.bin" >"$T/slow_$i.log" 2>&1 &
	slow+=("$!")
	t_defer "kill $! 2>/dev/null"
done
# The children name their client and command in their titles: wait
# until all 9 uploads are running, then kill the node that has some.
titles() {
	local n
	for n in $NODE1_PID $NODE2_PID $NODE3_PID; do
		ps -o args= --ppid "$n"
	done
}
all_storing() {
	[ "$(titles | grep -cE 'anonymous@127\.0\.0\.([2-9]|10): STOR slow_')" = 9 ]
}
wait_until 30 all_storing || fail "the 9 uploads did not all start: $(titles)"
ps -o args= --ppid "$NODE2_PID" | grep -q 'STOR slow_' ||
	fail "no slow upload on node 2: $(titles)"
on_n2=$(ps -o args= --ppid "$NODE2_PID" | sed -nE 's/.*@127\.0\.0\.([0-9]+): STOR slow_.*/\1/p' | sort -n)
kill -KILL "$NODE2_PID"
wait_until 15 grep -q 'n2 is DOWN' "$T/haproxy.log" ||
	fail "HAProxy did not take node 2 out: $(cat "$T/haproxy.log")"
# New sessions go to the nodes that are left.
before=$(cat "$T/forkftpd.node2.log" | wc -l)
for i in 21 22 23 24 25 26; do
	ftplib_client "$i" >"$T/after_$i.log" 2>&1 ||
		fail "a session after the kill failed: $(cat "$T/after_$i.log")"
	assert_same_file "$T/src/up_$i.bin" "$T/out/back_$i.bin"
done
assert_eq "$before" "$(wc -l <"$T/forkftpd.node2.log")" "node 2's log after its death"
i=2
for p in "${slow[@]}"; do
	if printf '%s\n' $on_n2 | grep -qx "$i"; then
		wait "$p" && fail "upload of 127.0.0.$i on the killed node succeeded"
		[ -e "$SHARE/slow_$i.bin" ] &&
			fail "the killed upload of 127.0.0.$i left slow_$i.bin ($(stat -c %s "$SHARE/slow_$i.bin") bytes)"
	else
		wait "$p" || fail "upload of 127.0.0.$i failed: $(cat "$T/slow_$i.log")"
		assert_same_file "$T/src/slow.bin" "$SHARE/slow_$i.bin"
	fi
	i=$((i + 1))
done
[ "$(printf '%s\n' $on_n2 | wc -l)" -lt 9 ] || fail "every slow upload was on node 2"
# No temporary either (O_TMPFILE; a named one only on old kernels, README).
leftover=$(find "$SHARE" -name '.forkftpd.*')
[ -z "$leftover" ] || fail "temporaries left in the shared tree: $leftover"
exit 0
