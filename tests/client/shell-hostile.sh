#!/usr/bin/env bash
# forkftp -s against a server whose names and PWD reply hold terminal
# escape sequences (tests/tools/hostile_ftpd.py escapes): the prompt, ls
# and the list Tab shows carry them as '?', never raw.  Driven through
# a pseudo-terminal; every byte forkftp wrote is checked.
. "$(dirname "$0")/../lib.sh"

[ -x "$FORKFTP" ] || skip "no forkftp binary"
sec_hostile_server escapes
cd "$T" || fail "cd"
TERM=xterm LANG=C.UTF-8 LC_ALL=C.UTF-8 timeout 60 "$PY" - "$FORKFTP" \
    "ftp://127.0.0.1:$HOSTILE_PORT/" "$T/pty.raw" <<'EOF2' || fail "pty driver failed ($?)"
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "--timeout", "20", "-s", sys.argv[2]])
out = b""
def until(pat, secs=20):
    global out
    end = time.time() + secs
    while time.time() < end:
        if pat in out:
            return
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                d = os.read(fd, 4096)
            except OSError:
                break
            if not d:
                break
            out += d
    sys.stderr.write("never saw %r in %r\n" % (pat, out[-2000:]))
    sys.exit(1)
until(b"ok16")
until(b"> ")
os.write(fd, b"ls\r")
until(b"ok15")
until(b"> ", 10)
mark = len(out)
# Tab: the one plain name completes (escaped); names with control
# characters are never offered
os.write(fd, b"size ok1\t")
until(b"4\\ \xe6\x97\xa5\xe6\x9c\xac\\ wide\\ \xef\xbc\xa1 ")
# Tab again after the space: the list of every plain name
os.write(fd, b"\x15size \t")
until(b"ok8")
os.write(fd, b"\x15quit\r")
end = time.time() + 10
while time.time() < end:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            d = os.read(fd, 4096)
        except OSError:
            break
        if not d:
            break
        out += d
os.waitpid(pid, 0)
open(sys.argv[3], "wb").write(out)
EOF2
"$PY" - "$T/pty.raw" <<'EOF2' || fail "hostile bytes reached the terminal"
import sys
out = open(sys.argv[1], "rb").read()
bad = [b"\x1b[2J\x1b[H", b"\x1b]0;", b"\x1b[31m", b"\x9b", b"\x07bell",
       b"\x1bP+q", b"\x1b[6n", b"\x1b]52;", b"\x1b[?1049h", b"\x1b\r",
       b"\xff\xfe"]
found = [b for b in bad if b in out]
if found:
    print("raw on the terminal: %r" % found)
    sys.exit(1)
for m in [b"forkftp anonymous@127.0.0.1:/ok16?[2J?]0;pwd?dir> ",
          b"ok1?[2J?[Hclear", b"ok2?]0;pwned title?"]:
    if m not in out:
        print("missing %r in %r" % (m, out[-3000:]))
        sys.exit(1)
EOF2
