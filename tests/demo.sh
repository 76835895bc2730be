#!/usr/bin/env bash
# make demo: a demo server on a temporary tree and the browser on it.
# The server (server/forkftpd, anonymous with write access, a rate limit
# so transfers are visible) stops when the browser quits.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
FORKFTPD=${FORKFTPD:-$TOP/server/forkftpd}
FORKFTP=${FORKFTP:-$TOP/tui-client/forkftp}
RATE=${DEMO_RATE:-20000000}
[ -x "$FORKFTPD" ] && [ -x "$FORKFTP" ] || { echo "demo: build first (make)" >&2; exit 1; }

D=$(mktemp -d "${TMPDIR:-/tmp}/forkftp-demo.XXXXXX")
chmod 755 "$D"
pid=
cleanup() {
	[ -z "$pid" ] || kill -TERM "$pid" 2>/dev/null || true
	[ -z "$pid" ] || wait "$pid" 2>/dev/null || true
	rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The served tree.
S=$D/server
mkdir -p "$S/docs/notes" "$S/photos 2026" "$S/upload" "$S/empty"
printf 'Welcome to the forkftp demo.\nF5 copies, F1 is help, q quits.\n' >"$S/README.txt"
head -c 209715200 /dev/urandom >"$S/big-200MiB.bin"
head -c 4194304 /dev/urandom >"$S/medium-4MiB.bin"
for i in 1 2 3 4 5; do
	printf 'note %s\n' "$i" >"$S/docs/notes/note-$i.txt"
	head -c $((i * 70000)) /dev/urandom >"$S/photos 2026/IMG_000$i.jpg"
done
printf 'Grüße aus 日本\n' >"$S/docs/Grüße 日本.txt"
seq 1 20000 >"$S/docs/numbers.txt"
# The local side the browser starts in.
L=$D/local
mkdir -p "$L/projects/forkftp"
printf 'a local file\n' >"$L/todo.txt"
head -c 3000000 /dev/urandom >"$L/local-3MB.bin"
printf 'int main(void) { return 0; }\n' >"$L/projects/forkftp/main.c"
if [ "$(id -u)" = 0 ]; then
	acct=ftp; id ftp >/dev/null 2>&1 || acct=nobody
	chown -R "$acct:" "$S"
fi
chmod -R a+rX "$S"

"$FORKFTPD" -l 127.0.0.1:0 --state-dir "$D/tls" --anonymous-write \
    --max-rate "$RATE" "$S" 2>"$D/server.log" &
pid=$!
for _ in $(seq 1 100); do
	grep -q 'listening on ftp://' "$D/server.log" && break
	sleep 0.05
done
url=$(grep -m1 -o 'ftp://[^ ]*' "$D/server.log") ||
	{ echo "demo: the server did not start:" >&2; cat "$D/server.log" >&2; exit 1; }
# The server makes a certificate of its own; forkftp pins it as a user
# would after comparing fingerprints, so the demo opens without the
# trust dialog and shows TLS1.3 in the remote header.
for _ in $(seq 1 100); do
	grep -q 'TLS certificate sha256' "$D/server.log" && break
	sleep 0.05
done
fp=$(grep -m1 -o 'TLS certificate sha256 [0-9A-F:]*' "$D/server.log" | sed 's/.* //')
echo "demo server: $url (serving $S, certificate SHA256 $fp)"
cd "$L"
"$FORKFTP" ${fp:+--trust-fingerprint "$fp"} "$url" || true
