#!/usr/bin/env bash
# A hostile (or just odd) server, faked in Python: its listing holds "..",
# ".", a name with '/', an OSC escape that would retitle the terminal, and
# a file whose size the server never tells (no size fact, SIZE refused,
# no "(N bytes)" in 150).  The browser shows none of the path tricks,
# renders the escape as text, and shows bytes and rate without a bar for
# the unknown size; the download still arrives whole.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip "tmux not installed"

cat >"$T/fake.py" <<'PY'
import socket, socketserver, sys, threading, time
DATA = bytes(range(256)) * 8192          # 2 MiB, sent slowly
LIST = [b"type=dir;modify=20240101000000; ..", b"type=dir; .",
        b"type=file;size=3; a/b", b"type=file;size=5; \x1b]0;pwned\x07title.txt",
        b"type=file;modify=20240101000000; nosize.bin", b"type=dir; sub"]
class H(socketserver.StreamRequestHandler):
    def reply(self, s):
        self.wfile.write(s.encode() + b"\r\n"); self.wfile.flush()
    def data(self):
        c, _ = self.pasv.accept(); self.pasv.close(); return c
    def handle(self):
        self.reply("220 fake")
        for raw in self.rfile:
            line = raw.decode("latin-1").rstrip("\r\n")
            verb, _, arg = line.partition(" ")
            verb = verb.upper()
            if verb == "USER": self.reply("331 pass")
            elif verb == "PASS": self.reply("230 in")
            elif verb == "FEAT": self.reply("211-f\r\n MLST type*;size*;modify*;\r\n UTF8\r\n211 end")
            elif verb in ("OPTS", "TYPE", "NOOP"): self.reply("200 ok")
            elif verb == "PWD": self.reply('257 "/"')
            elif verb == "CWD": self.reply("250 ok")
            elif verb == "EPSV":
                self.pasv = socket.socket(); self.pasv.bind(("127.0.0.1", 0)); self.pasv.listen(1)
                self.reply("229 ok (|||%d|)" % self.pasv.getsockname()[1])
            elif verb == "MLSD":
                self.reply("150 here"); c = self.data()
                c.sendall(b"".join(l + b"\r\n" for l in LIST)); c.close()
                self.reply("226 done")
            elif verb == "RETR" and arg.endswith("nosize.bin"):
                self.reply("150 here it comes"); c = self.data()
                for i in range(0, len(DATA), 65536):
                    c.sendall(DATA[i:i + 65536]); time.sleep(0.15)
                c.close(); self.reply("226 done")
            elif verb == "QUIT": self.reply("221 bye"); return
            else: self.reply("502 no")
class S(socketserver.ThreadingTCPServer):
    daemon_threads = True; allow_reuse_address = True
s = S(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
open(sys.argv[1], "wb").write(DATA)
s.serve_forever()
PY
"$PY" "$T/fake.py" "$T/expected.bin" >"$T/port" 2>"$T/fake.log" &
t_defer "kill $!"
wait_until 10 test -s "$T/port" || fail "fake server did not start: $(cat "$T/fake.log")"
port=$(head -1 "$T/port")

tui_start "ftp://127.0.0.1:$port/"
wait_screen 'nosize\.bin'
s=$(tmux_screen)
printf '%s\n' "$s" | sed 's/.*│//' | grep -Eq '^ *\.\./? ' && fail "a '..' from the server was listed: $s"
case $s in *'a/b'*) fail "a name with '/' was listed";; esac
assert_match '\?\]0;pwned\?title\.txt' "$s" "OSC escape shown as text"
[ "$(tmux -L "$TMUX_SOCK" display -t t -p '#{pane_title}')" != pwned ] ||
	fail "the server retitled the terminal"
assert_match 'nosize\.bin +Jan 01' "$s" "no size column for an unknown size"

# Remote order: sub/, the escape name (ESC sorts first), nosize.bin
tmux_keys G F5 Enter
wait_screen 'get nosize\.bin +[0-9.]+[KM]?B? [0-9.]+[KM]?B?/s *$' 10
s=$(tmux_screen)
case $s in *'get nosize.bin'*'['*) fail "a progress bar without a size: $s";; esac
wait_until 20 cmp -s "$T/expected.bin" "$T/local/nosize.bin" || fail "download of nosize.bin"
wait_screen 'nosize\.bin: ok'
tmux_keys q
tmux_exited 10
assert_eq 0 "$TUI_STATUS" "exit status"
