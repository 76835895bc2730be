#!/usr/bin/python3
"""sec_load.py PORT PID ROOT UPDIR N

N sessions at once: each connects and logs in, all wait at a barrier
(so N sessions are really open together; the children of PID are counted
there), then half download ROOT/down_I.bin and compare it with the file,
half upload UPDIR/up_I.bin as up_I.bin (compared with ROOT/up_I.bin after).
Meanwhile a probe opens a new connection every 0.1 s and times its 220:
every greeting must come within a second.  Prints FAIL lines and a
"# tried" line; exits 1 on failure."""
import hashlib
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secftp  # noqa: E402

FAILS = []
LOCK = threading.Lock()


def children(pid):
    n = 0
    for p in os.listdir('/proc'):
        if not p.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % p) as f:
                if f.read().rsplit(')', 1)[1].split()[1] == str(pid):
                    n += 1
        except (OSError, IndexError):
            pass
    return n


def failed(msg):
    with LOCK:
        FAILS.append(msg)


def worker(i, port, root, updir, barrier, go, moved):
    try:
        s = secftp.Session(port, timeout=60)
        s.login()
        s.cmd('TYPE I')
    except Exception as e:                      # noqa: BLE001
        failed('session %d: login: %r' % (i, e))
        barrier.abort()
        return
    try:
        barrier.wait(90)
    except threading.BrokenBarrierError:
        failed('session %d: barrier broken' % i)
        return
    go.wait(120)
    try:
        if i % 2 == 0:
            name = 'down_%d.bin' % i
            reps, data = s.transfer('RETR ' + name)
            want = open(os.path.join(root, name), 'rb').read()
            if reps[-1].code != 226 or data != want:
                failed('session %d: RETR %s: %r, %d of %d bytes, equal=%s'
                       % (i, name, [r.code for r in reps], len(data),
                          len(want), data == want))
        else:
            name = 'up_%d.bin' % i
            src = open(os.path.join(updir, name), 'rb').read()
            reps, _ = s.transfer('STOR ' + name, upload=src)
            if reps[-1].code != 226:
                failed('session %d: STOR %s: %r' % (i, name, reps))
        with LOCK:
            moved[0] += len(data) if i % 2 == 0 else len(src)
        s.cmd('QUIT')
    except Exception as e:                      # noqa: BLE001
        failed('session %d: transfer: %r' % (i, e))
    finally:
        s.close()


def probe_main(port, stopfile):
    """The probe, in its own process: no GIL shared with 300 workers."""
    stats, bad = [], []
    while not os.path.exists(stopfile):
        try:
            dt = secftp.wait_greeting(port, timeout=5)
        except Exception as e:                  # noqa: BLE001
            bad.append('probe: no greeting: %r' % e)
            dt = 5.0
        stats.append(dt)
        if dt > 1.0:
            bad.append('probe: greeting took %.2f s (limit 1 s)' % dt)
        time.sleep(0.1)
    print(len(stats), max(stats or [0]))
    for b in bad:
        print(b)


def probe(port, stop, stats):
    import subprocess
    stopfile = '/tmp/sec_load_stop.%d' % os.getpid()
    p = subprocess.Popen([sys.executable, os.path.abspath(__file__), '--probe',
                          str(port), stopfile], stdout=subprocess.PIPE)
    stop.wait()
    open(stopfile, 'w').close()
    out = p.communicate(timeout=30)[0].decode().splitlines()
    os.unlink(stopfile)
    n, worst = out[0].split()
    stats.extend([float(worst)] * int(n))
    for b in out[1:]:
        failed(b)


def main():
    if sys.argv[1] == '--probe':
        probe_main(int(sys.argv[2]), sys.argv[3])
        return 0
    port, pid, root, updir, n = sys.argv[1:6]
    port, pid, n = int(port), int(pid), int(n)
    barrier = threading.Barrier(n + 1)
    go = threading.Event()
    moved = [0]
    stop = threading.Event()
    stats = []
    pr = threading.Thread(target=probe, args=(port, stop, stats))
    pr.start()
    ths = []
    t0 = time.monotonic()
    for i in range(n):
        t = threading.Thread(target=worker,
                             args=(i, port, root, updir, barrier, go, moved))
        t.start()
        ths.append(t)
        if i % 25 == 24:
            time.sleep(0.05)
    try:
        barrier.wait(120)
        peak = children(pid)
        if peak < n:
            failed('only %d children while %d sessions were open' % (peak, n))
    except threading.BrokenBarrierError:
        peak = -1
        failed('not all %d sessions logged in' % n)
    go.set()
    for t in ths:
        t.join(180)
    stop.set()
    pr.join()
    el = time.monotonic() - t0
    for i in range(1, n, 2):
        name = 'up_%d.bin' % i
        a = os.path.join(updir, name)
        b = os.path.join(root, name)
        try:
            if open(a, 'rb').read() != open(b, 'rb').read():
                failed('%s differs after upload' % name)
        except OSError as e:
            failed('%s: %s' % (name, e))
    for f in FAILS[:30]:
        print('FAIL', f)
    print('# tried: %d concurrent sessions (%d children at the peak), '
          '%.1f MB moved in %.1f s, every file compared; %d probes of the '
          'parent, slowest greeting %.0f ms; %d failures'
          % (n, peak, moved[0] / 1e6, el, len(stats),
             1000 * max(stats or [0]), len(FAILS)))
    return 1 if FAILS else 0


if __name__ == '__main__':
    sys.exit(main())
