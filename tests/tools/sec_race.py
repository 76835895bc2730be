#!/usr/bin/python3
"""sec_race.py PORT ROOT OUTSIDE SECONDS

Symlink swapped between check and use.  ROOT/race is a symlink that a
background thread flips (atomically, rename of a fresh link) between
"inside_dir" (inside ROOT) and a relative path to OUTSIDE, as fast as it
can, for SECONDS (and at most 50,000 flips).  Meanwhile two clients
hammer RETR race/f.txt, SIZE race/f.txt, LIST race, STOR race/up.txt and
CWD race + RETR f.txt.  OUTSIDE/f.txt holds the canary; inside_dir/f.txt
says "INSIDE".  No reply or data may ever hold the canary or an
outside-only name; both outcomes (served from inside, refused) must be
seen, which shows the window was really exercised.  The caller checks
OUTSIDE's manifest (no upload landed there).  Prints FAIL lines and a
"# tried" line; exits 1 on failure."""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secftp  # noqa: E402

FAILS = []
STATS = {'ok': 0, 'refused': 0, 'ops': 0, 'flips': 0}
LOCK = threading.Lock()


def flipper(root, outside, stop):
    link = os.path.join(root, 'race')
    tmp = os.path.join(root, '.race.tmp')
    targets = ['inside_dir', os.path.relpath(outside, root)]
    uid = os.stat(root).st_uid
    i = 0
    while not stop.is_set() and i < 50000:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        os.symlink(targets[i % 2], tmp)
        try:
            os.lchown(tmp, uid, -1)
        except OSError:
            pass
        os.rename(tmp, link)
        i += 1
    STATS['flips'] = i


def record(ok):
    with LOCK:
        STATS['ops'] += 1
        STATS['ok' if ok else 'refused'] += 1


def hammer(port, canary, secret, stop, k):
    s = secftp.Session(port, timeout=10)
    s.login()
    s.cmd('TYPE I')
    n = 0
    while not stop.is_set():
        n += 1
        op = n % 5
        if op == 0:
            reps, data = s.transfer('RETR race/f.txt')
        elif op == 1:
            reps, data = [s.cmd('SIZE race/f.txt')], b''
        elif op == 2:
            reps, data = s.transfer('LIST race')
        elif op == 3:
            reps, data = s.transfer('STOR race/up_%d_%d.txt' % (k, n),
                                    upload=b'UPLOADED\n')
        else:
            r = s.cmd('CWD race')
            if r.code == 250:
                reps, data = s.transfer('RETR f.txt')
                s.cmd('CWD /')
            else:
                reps, data = [r], b''
        blob = b'\n'.join(r.text for r in reps) + data
        if canary in blob or secret in blob or b'213 %d' % len(canary) in blob:
            with LOCK:
                FAILS.append('outside data served: %r %r' % (reps, data[:100]))
        if op in (0, 4) and reps[-1].code == 226 and data != b'INSIDE\n':
            with LOCK:
                FAILS.append('RETR through race served %r' % data[:100])
        record(reps[-1].code < 400)
    s.close()


def main():
    port, root, outside, secs = sys.argv[1:5]
    port, secs = int(port), float(secs)
    canary = open(os.path.join(outside, 'f.txt'), 'rb').read()
    secret = [n for n in os.listdir(outside) if n.startswith('SECRET')][0].encode()
    stop = threading.Event()
    th = [threading.Thread(target=flipper, args=(root, outside, stop))]
    th += [threading.Thread(target=hammer, args=(port, canary, secret, stop, k))
           for k in range(2)]
    for t in th:
        t.start()
    time.sleep(secs)
    stop.set()
    for t in th:
        t.join(30)
    if STATS['ok'] == 0 or STATS['refused'] == 0:
        FAILS.append('the race was not exercised: %d served, %d refused'
                     % (STATS['ok'], STATS['refused']))
    for f in FAILS[:20]:
        print('FAIL', f)
    print('# tried: %d operations through a symlink flipped %d times between '
          'inside and outside (%d served from inside, %d refused); %d failures'
          % (STATS['ops'], STATS['flips'], STATS['ok'], STATS['refused'],
             len(FAILS)))
    return 1 if FAILS else 0


if __name__ == '__main__':
    sys.exit(main())
