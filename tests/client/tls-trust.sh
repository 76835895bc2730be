#!/usr/bin/env bash
# Trust in batch mode: an unverified, unpinned certificate is refused
# with its facts and how to proceed (exit non-zero, nothing written);
# --trust-fingerprint (a wrong one refused); a pin in known_hosts is
# silent (tolerant reader); a changed pin is refused loudly with both
# fingerprints and the file:line; expired and not-yet-valid refused even
# when trusted; a throwaway CA with --ca-file verifies, a wrong host name
# or address does not; --insecure says so.
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/root" "$T/work"
make_root "$T/root"
sample_files "$T/root"
start_tls_server --anonymous "$T/root"
URL=ftpes://127.0.0.1:$FTPD_PORT/
KH=$XDG_STATE_HOME/forkftp/known_hosts
cd "$T/work" || fail "cd"

# run ARGS...: forkftp without the test's trust; rc in RC, stderr in $T/err.
run() {
	RC=0
	timeout -k 2 60 "$FORKFTP" --timeout 20 "$@" </dev/null >"$T/out" 2>"$T/err" || RC=$?
}
refused() {	# refused WHAT REGEX...: RC non-zero and stderr matches each
	local what=$1 re
	shift
	[ "$RC" != 0 ] || fail "$what: exit 0, expected a refusal"
	for re in "$@"; do
		grep -Eq -- "$re" "$T/err" || fail "$what: expected /$re/ in: $(cat "$T/err")"
	done
}

# First contact in batch mode: refused, facts and the way out, the local
# file untouched, nothing pinned.
printf 'old contents\n' >hello.txt
run -e 'get -f hello.txt' "$URL"
refused "first contact" 'not trusted: self-signed certificate' "$FTPD_FP" \
    "--trust-fingerprint $FTPD_FP" 'subject: ' 'issuer: ' 'valid: '
assert_eq 'old contents' "$(cat hello.txt)" "local file after the refusal"
[ ! -e "$KH" ] || fail "batch mode wrote $KH"

# A wrong --trust-fingerprint is refused.
run --trust-fingerprint "$(printf '%064d' 0)" -e 'ls' "$URL"
refused "wrong --trust-fingerprint" 'not the one --trust-fingerprint gave'
run --trust-fingerprint 'AB:CD' -e 'ls' "$URL"
[ "$RC" != 0 ] || fail "a short --trust-fingerprint was accepted"

# The right one works; the log says how it was trusted.
run --trust-fingerprint "$FTPD_FP" -v -e 'get -f hello.txt' "$URL"
[ "$RC" = 0 ] || fail "--trust-fingerprint: $(tail -3 "$T/err")"
assert_same_file "$T/root/hello.txt" hello.txt
grep -q "certificate SHA256 $FTPD_FP (--trust-fingerprint)" "$T/err" ||
	fail "-v does not log the fingerprint: $(grep '^\*\*' "$T/err")"

# Pinned (as the browser's 'a' writes it), among comments, junk and an
# overlong line: silent.
mkdir -p "$(dirname "$KH")"
{
	printf '# pins\n\nnot a pin\n127.0.0.2:21 sha256:zz\n'
	head -c 5000 /dev/zero | tr '\0' 'x'
	printf '\n127.0.0.1:%s sha256:%s\n' "$FTPD_PORT" "$(printf '%s' "$FTPD_FP" | tr -d :)"
} >"$KH"
run -e 'ls' "$URL"
[ "$RC" = 0 ] || fail "pinned host refused: $(cat "$T/err")"
grep -q hello.txt "$T/out" || fail "ls of a pinned host: $(cat "$T/out")"

# A changed certificate: refused loudly with both fingerprints and the
# line to remove; the local file stays.
old=$(printf '%064d' 7 | sed 's/../&:/g; s/:$//')
printf '# pins\n127.0.0.1:%s sha256:%s\n' "$FTPD_PORT" "$(printf '%064d' 7)" >"$KH"
printf 'old contents\n' >hello.txt
run --trust-fingerprint "$FTPD_FP" -e 'get -f hello.txt' "$URL"
[ "$RC" = 0 ] || fail "--trust-fingerprint did not win over a pin"
printf 'old contents\n' >hello.txt
run -e 'get -f hello.txt' "$URL"
refused "changed certificate" 'HAS CHANGED' "pinned: +SHA256 $old" \
    "offered: SHA256 $FTPD_FP" "line 2 of $KH"
assert_eq 'old contents' "$(cat hello.txt)" "local file after a changed certificate"
rm -f "$KH"

# --insecure connects and says so.
run --insecure -e 'ls' "$URL"
[ "$RC" = 0 ] || fail "--insecure: $(cat "$T/err")"
grep -q 'insecure.*NOT verified' "$T/err" || fail "--insecure is silent: $(cat "$T/err")"

# Expired and not-yet-valid: refused as such even when trusted by
# fingerprint or pin.
for dates in "-10 -1 expired" "2 10 not yet valid"; do
	set -- $dates
	"$PY" "$TOP/tests/tools/mkcert_dates.py" "$T/d.pem" "$T/d.key" "$1" "$2" ||
		fail "mkcert_dates.py"
	chmod 644 "$T/d.pem" "$T/d.key"
	start_forkftpd --anonymous --tls-cert "$T/d.pem" --tls-key "$T/d.key" "$T/root"
	fp=$(fp_of "$T/d.pem")
	run --trust-fingerprint "$fp" -e 'ls' "ftpes://127.0.0.1:$FTPD_PORT/"
	refused "$3 with --trust-fingerprint" "certificate (has expired|is not yet valid)"
	printf '127.0.0.1:%s sha256:%s\n' "$FTPD_PORT" "$fp" >"$KH"
	run -e 'ls' "ftpes://127.0.0.1:$FTPD_PORT/"
	refused "$3 when pinned" "certificate (has expired|is not yet valid)"
	rm -f "$KH"
done

# A throwaway CA: --ca-file verifies a certificate for the address and
# the name without any pin; without it, or for another name, no.
tls_ca "$T/ca"
tls_leaf "$T/ca" good 'DNS:localhost,IP:127.0.0.1'
tls_leaf "$T/ca" other 'DNS:other.example'
start_forkftpd --anonymous --tls-cert "$T/ca/good.pem" --tls-key "$T/ca/good.key" "$T/root"
for host in 127.0.0.1 localhost; do
	run --ca-file "$T/ca/ca.pem" -v -e 'ls' "ftpes://$host:$FTPD_PORT/"
	[ "$RC" = 0 ] || fail "--ca-file with $host: $(grep -v '^\(->\|<-\)' "$T/err" | tail -5)"
	grep -q '(verified)' "$T/err" || fail "not verified by the CA: $(grep '^\*\*' "$T/err")"
done
run -e 'ls' "ftpes://127.0.0.1:$FTPD_PORT/"
refused "CA-signed without --ca-file" 'not trusted: unable to get local issuer certificate'
[ ! -e "$KH" ] || fail "a pin was written in batch mode"

start_forkftpd --anonymous --tls-cert "$T/ca/other.pem" --tls-key "$T/ca/other.key" "$T/root"
run --ca-file "$T/ca/ca.pem" -e 'ls' "ftpes://127.0.0.1:$FTPD_PORT/"
refused "CA-signed for another name, by address" 'not trusted: IP address mismatch'
run --ca-file "$T/ca/ca.pem" -e 'ls' "ftpes://localhost:$FTPD_PORT/"
refused "CA-signed for another name, by name" 'not trusted: [Hh]ostname mismatch'
