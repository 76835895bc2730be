#!/usr/bin/env bash
# Hostile FTPS servers (tests/tools/tls_hostile.py): 234 then plaintext,
# 234 then garbage, a data connection closed without close_notify in the
# middle of the file (and a 226 after it), a certificate chain past
# 100 KB.  Each is a clear error, exit non-zero, and the existing local
# file is not replaced; only a cut download leaves its partial file (a
# true prefix) for get -c.
. "$(dirname "$0")/../lib.sh"

tls_peer_cert
mkdir -p "$T/root" "$T/work"
head -c 3000000 /dev/urandom >"$T/root/big.bin"
cd "$T/work" || fail "cd"

# hostile MODE [CERT]: start the server; sets H_URL.
hostile() {
	local pf=$T/hostile.$1.port
	"$PY" "$TOP/tests/tools/tls_hostile.py" "$1" "$T/root" "$pf" \
	    "${2:-$T/ca/peer.pem}" "$T/ca/peer.key" >>"$T/hostile.log" 2>&1 &
	t_defer "kill -TERM $!"
	wait_until 10 test -s "$pf" || fail "tls_hostile.py $1 did not start: $(cat "$T/hostile.log")"
	H_URL=ftp://127.0.0.1:$(cat "$pf")/
}

# refused WHAT REGEX ARGS...: forkftp ARGS 'get big.bin' fails with REGEX
# on stderr, and big.bin keeps its old contents.
refused() {
	local what=$1 re=$2 rc=0
	shift 2
	printf 'old contents\n' >big.bin
	timeout -k 2 60 "$FORKFTP" --timeout 10 --ca-file "$T/ca/ca.pem" "$@" \
	    -e 'get -f big.bin' "$H_URL" </dev/null >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" != 0 ] || fail "$what: exit 0"
	[ "$rc" != 124 ] && [ "$rc" != 137 ] || fail "$what: hung (timeout)"
	grep -Eq -- "$re" "$T/err" || fail "$what: expected /$re/, saw: $(cat "$T/err")"
	assert_eq 'old contents' "$(cat big.bin)" "$what: local file"
	# A cut download keeps what arrived as .forkftp-part.NAME, to be
	# resumed (get -c); it must be a true prefix, never the whole file.
	for p in .forkftp*; do
		[ -e "$p" ] || continue
		[ "$p" = .forkftp-part.big.bin ] || fail "$what: temporary file left: $(ls -A)"
		cmp -s "$p" "$T/root/big.bin" && fail "$what: the partial file is complete"
		cmp -s "$p" <(head -c "$(stat -c %s "$p")" "$T/root/big.bin") ||
			fail "$what: the partial file is not a prefix of big.bin"
		rm -f "$p"
	done
	return 0
}

hostile plain234
refused "234 then plaintext" 'TLS handshake with 127\.0\.0\.1:[0-9]+ failed: .*(wrong version number|packet length too long|record layer failure)'

hostile garbage
refused "234 then garbage" 'TLS handshake with 127\.0\.0\.1:[0-9]+ failed'

hostile cut
refused "data cut without close_notify" 'ended without TLS close_notify'
# The same in the resumed form (-c on a partial file): the partial file
# keeps what it had, never more from a cut stream counted as complete.
head -c 1000 "$T/root/big.bin" >part.bin
rc=0
timeout -k 2 60 "$FORKFTP" --timeout 10 --ca-file "$T/ca/ca.pem" \
    -e 'get -c big.bin part.bin' "$H_URL" </dev/null >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] || fail "a cut resumed download succeeded"
cmp -s part.bin "$T/root/big.bin" && fail "the cut download was completed"
cmp -s part.bin <(head -c "$(stat -c %s part.bin)" "$T/root/big.bin") ||
	fail "part.bin is not a prefix of big.bin"

# A chain of 100+ KB: OpenSSL's limit on the certificate message.
for _ in $(seq 1 300); do cat "$T/ca/ca.pem"; done >"$T/chain.pem"
cat "$T/ca/peer.pem" "$T/chain.pem" >"$T/big-chain.pem"
[ "$(stat -c %s "$T/big-chain.pem")" -gt 150000 ] || fail "chain too small (DER must pass 100 KB)"
hostile chain "$T/big-chain.pem"
refused "100 KB chain" 'TLS handshake with 127\.0\.0\.1:[0-9]+ failed: .*(excessive message size|too long)'
