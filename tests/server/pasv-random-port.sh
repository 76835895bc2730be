#!/usr/bin/env bash
# Passive ports are chosen by the server at random, not by bind(0) (whose
# search gets slow once the range is full of TIME_WAIT):
#  - without --pasv-ports, 200 PASV/EPSV in a row give ports inside the
#    kernel's ip_local_port_range, spread over it (nearly all distinct,
#    not consecutive), each one usable for a RETR compared byte for byte,
#    and (when strace can attach to the session) no bind is to port 0;
#  - with --pasv-ports of 5 ports, 5 sessions listening at once get the 5
#    ports (the whole small range is tried, not a few random picks), a
#    6th is refused with 425, and 30 sessions in a row all transfer
#    although each leaves its port in TIME_WAIT (SO_REUSEADDR), over
#    several ports of the range.
. "$(dirname "$0")/../lib.sh"
ROOT=$T/root
make_root "$ROOT"
sample_files "$ROOT"
read -r eph_lo eph_hi </proc/sys/net/ipv4/ip_local_port_range
[ "$eph_lo" -ge 1024 ] || eph_lo=1024

# A range of 5 ports below the ephemeral one that nothing listens on.
listening_in() {
	ss -Hltn | awk -v lo="$1" -v hi="$2" '{ n = split($4, a, ":"); p = a[n] + 0 }
	    p >= lo && p <= hi { found = 1 } END { exit !found }'
}
for _ in 1 2 3 4 5 6 7 8 9 10; do
	lo=$((20000 + RANDOM % 9000)) hi=$((lo + 4))
	listening_in "$lo" "$hi" || break
done
listening_in "$lo" "$hi" && skip "no free port range found"

cat >"$T/pasv.py" <<'EOF'
"""pasv.py PORT default|range LO HI FILE [FTPD_PID]: the checks above;
FILE is the fixture "sub dir/mid.bin" every transfer must reproduce;
with FTPD_PID (default) the session's bind calls are watched with strace."""
import os
import re
import subprocess
import sys
import time
from session_ftp import *


def retr(f, p):
    """RETR the fixture over passive port p: the bytes, after the 226."""
    d = socket.create_connection(('127.0.0.1', p), timeout=TIMEOUT)
    f.cmd('RETR sub dir/mid.bin', 150)
    got = b''
    while True:
        b = d.recv(65536)
        if not b:
            break
        got += b
    d.close()
    check(f.reply(), 226, 'RETR on port %d' % p)
    return got


def epsv(f):
    """The port of a 229, or the reply when it is not one."""
    r = f.cmd('EPSV')
    if r.code != 229:
        return r
    return int(r.text.split('(')[1].split('|')[3])


def traced_binds(f, ftpd_pid):
    """The ports the session's process binds for 20 EPSV, watched with
    strace; None when strace cannot attach (absent, ptrace refused)."""
    child = child_of(ftpd_pid)
    out = os.path.join(os.environ['T'], 'bind.trace')
    try:
        tr = subprocess.Popen(['strace', '-qq', '-e', 'trace=bind', '-o', out,
                               '-p', str(child)], stderr=subprocess.DEVNULL)
    except OSError:
        return None
    try:
        for _ in range(100):	# attached: TracerPid is set
            st = open('/proc/%d/status' % child).read()
            if re.search(r'^TracerPid:\s*[1-9]', st, re.M):
                break
            if tr.poll() is not None:
                return None
            time.sleep(0.05)
        else:
            return None
        for _ in range(20):
            epsv(f)
    finally:
        tr.terminate()
        tr.wait()
    return [int(p) for p in re.findall(r'htons\((\d+)\)', open(out).read())]


lo, hi = int(sys.argv[3]), int(sys.argv[4])
want = open(sys.argv[5], 'rb').read()


def default_range():
    f = Ftp(port())
    f.login()
    f.cmd('TYPE I', 200)
    ports = []
    for i in range(200):
        if i % 2:
            r = f.cmd('PASV', 227)
            h = r.text.split('(')[1].split(')')[0].split(',')
            p = int(h[4]) * 256 + int(h[5])
        else:
            r = f.cmd('EPSV', 229)
            p = int(r.text.split('(')[1].split('|')[3])
        if not lo <= p <= hi:
            raise AssertionError('port %d outside %d-%d: %r' % (p, lo, hi, r))
        ports.append(p)
        if retr(f, p) != want:
            raise AssertionError('RETR %d on port %d: bytes differ' % (i, p))
    distinct = len(set(ports))
    steps = sum(1 for a, b in zip(ports, ports[1:]) if abs(b - a) <= 1)
    print('ok 200 transfers, %d distinct ports in %d-%d, %d neighbour steps, '
          'spread %d-%d' % (distinct, lo, hi, steps, min(ports), max(ports)))
    if distinct < 150 or steps > 20:
        raise AssertionError('ports not random: %r' % ports)
    # 200 uniform picks from a range this size reach both of its quarters.
    quarter = (hi - lo) // 4
    if min(ports) > lo + quarter or max(ports) < hi - quarter:
        raise AssertionError('ports bunched: %d-%d' % (min(ports), max(ports)))
    # The port is picked before bind: bind(0) would leave it to the kernel.
    binds = traced_binds(f, int(sys.argv[6]))
    if binds is None:
        print('strace cannot attach: bind calls not checked')
    elif len(binds) < 20 or 0 in binds:
        raise AssertionError('bind ports seen by strace: %r' % binds)
    else:
        print('ok strace: %d binds, none to port 0' % len(binds))
    f.cmd('QUIT', 221)


def configured_range():
    # As many listeners at once as the range has ports: each gets one.
    held = [Ftp(port()) for _ in range(hi - lo + 1)]
    got = []
    for f in held:
        f.login()
        got.append(epsv(f))
    eq(list(range(lo, hi + 1)), sorted(got), 'ports of 5 listening sessions')
    extra = Ftp(port())
    extra.login()
    check(epsv(extra), 425, 'EPSV with every port of the range listening')
    for f in held + [extra]:
        f.cmd('QUIT', 221)

    # Six times the range in a row: each session leaves its port in TIME_WAIT.
    used = set()
    for i in range(6 * (hi - lo + 1)):
        f = Ftp(port())
        f.login()
        p = epsv(f)
        if not isinstance(p, int) or not lo <= p <= hi:
            raise AssertionError('session %d: EPSV %r' % (i, p))
        used.add(p)
        if retr(f, p) != want:
            raise AssertionError('session %d on port %d: bytes differ' % (i, p))
        f.cmd('QUIT', 221)
    print('ok 30 sessions in a row over ports %s' % sorted(used))
    if len(used) < 3:
        raise AssertionError('ports not spread: %s' % sorted(used))


default_range() if sys.argv[2] == 'default' else configured_range()
EOF
pasv_py() {
	local mode=$1 lo=$2 hi=$3; shift 3
	T=$T PYTHONPATH=$TOP/tests/server timeout -k 2 120 "$PY" "$T/pasv.py" \
	    "$FTPD_PORT" "$mode" "$lo" "$hi" "$ROOT/sub dir/mid.bin" "$@"
}

start_forkftpd --anonymous "$ROOT"
pasv_py default "$eph_lo" "$eph_hi" "$FTPD_PID" || fail "default range"
start_forkftpd --anonymous --pasv-ports "$lo-$hi" "$ROOT"
pasv_py range "$lo" "$hi" || fail "--pasv-ports $lo-$hi"
tw=$(ss -Htan state time-wait "( sport >= :$lo and sport <= :$hi )" | wc -l)
echo "TIME_WAIT on $lo-$hi after the run: $tw"
exit 0
