#!/usr/bin/env bash
# --anonymous-root (issue 20): anonymous logins beside a users file get a
# root of their own, and forkftpd refuses to start when a user's home
# lies strictly inside it; a home equal to it or holding it is a
# deliberate share, named at start.  Every combination:
#  - no users file: anonymous serves ROOT as before; --anonymous-root
#    confines it (also from the config file)
#  - users + anonymous, default root: refused (alice's home is inside ROOT)
#  - users + anonymous + a separate root: anonymous (even read-write)
#    cannot read, list, delete or rename alice's files; alice can
#  - a home inside the anonymous root: refused; behind a symbolic link too
#  - a home equal to it, a home holding it: started, users named
#  - users without anonymous: no check
#  - a SIGHUP that would put a home inside: refused, the old one stays
#  - an anonymous root above ROOT: refused
. "$(dirname "$0")/../lib.sh"

ROOT=$T/root
make_root "$ROOT"
mkdir -p "$ROOT/alice" "$ROOT/pub/inbox"
printf 'alice secret\n' >"$ROOT/alice/secret.txt"
printf 'public\n' >"$ROOT/pub/readme.txt"
printf 'top\n' >"$ROOT/top.txt"
ln -s . "$ROOT/everything"
[ "$(id -u)" != 0 ] || chown -hR "$(ftp_account):" "$ROOT"
chmod -R a+rX "$ROOT"
h=$(hash_password pw)
[ -n "$h" ] || fail "--hash-password gave nothing"

# session USER PASS COMMAND...: "COMMAND -> CODE" per command (data
# commands through a passive connection; RETR/LIST print their bytes).
session() {
	"$PY" - "$FTPD_PORT" "$@" <<'PYEOF'
import os, sys
sys.path.insert(0, os.environ['SEC_TOOLS'])
import secftp
port, user, pw, cmds = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
s = secftp.Session(port, timeout=10)
s.login(user, pw)
for c in cmds:
    if c.split()[0] in ('RETR', 'LIST', 'NLST', 'STOR'):
        reps, data = s.transfer(c, upload=b'up\n' if c.startswith('STOR') else None)
        print('%s -> %d %s' % (c, reps[-1].code, data.decode('latin-1').replace('\r\n', '|')))
    else:
        print('%s -> %d' % (c, s.cmd(c).code))
PYEOF
}

# refused WHAT PATTERN OPTIONS...: the server must not start, exit 1
# (2 for a bad option, REFUSED_RC), and say PATTERN.
refused() {
	local what=$1 pat=$2 rc
	shift 2
	timeout 20 "$FORKFTPD" -l 127.0.0.1:0 "$@" "$ROOT" >"$T/refused.log" 2>&1
	rc=$?
	assert_eq "${REFUSED_RC:-1}" "$rc" "$what: exit status"
	grep -Eq -- "$pat" "$T/refused.log" ||
		fail "$what: expected /$pat/ in: $(cat "$T/refused.log")"
}

stop() {
	kill -TERM "$FTPD_PID"
	wait "$FTPD_PID" 2>/dev/null
}

# 1. No users file: anonymous serves ROOT, as before.
start_forkftpd --anonymous "$ROOT"
out=$(session anonymous x@ 'RETR /alice/secret.txt')
assert_match '226 alice secret' "$out" "no users file: anonymous reads ROOT"
stop
# 2. No users file, --anonymous-root pub: confined to pub.
start_forkftpd --anonymous --anonymous-root /pub/ "$ROOT"
out=$(session anonymous x@ 'RETR readme.txt' 'RETR /top.txt' 'CWD ..' 'RETR ../alice/secret.txt')
assert_match 'RETR readme.txt -> 226 public' "$out" "no users file, own root: its files"
assert_match 'RETR /top.txt -> 550' "$out" "no users file, own root: ROOT's files"
assert_match 'RETR \.\./alice/secret.txt -> 55' "$out" "no users file, own root: climbing out"
stop
# ... and from the config file.
printf 'anonymous_root = pub\n' >"$T/conf"
start_forkftpd -c "$T/conf" "$ROOT"
out=$(session anonymous x@ 'RETR readme.txt')
assert_match '226 public' "$out" "anonymous_root in the config file"
stop

# 3. Users + anonymous with the default root: alice's home is inside it.
printf 'alice:%s:/alice:rw\n' "$h" >"$T/users"
refused "default anonymous root" \
    'user "alice": home /alice lies inside the anonymous root /.*--anonymous-root' \
    -u "$T/users" --anonymous
# 4. A separate anonymous root: alice's files are out of reach.
start_forkftpd -u "$T/users" --anonymous-write --anonymous-root pub "$ROOT"
grep -q 'anonymous root /pub holds no user' "$FTPD_LOG" ||
	fail "no start-up line about the anonymous root: $(cat "$FTPD_LOG")"
out=$(session anonymous x@ 'RETR /alice/secret.txt' 'RETR ../alice/secret.txt' \
    'LIST /alice' 'DELE /alice/secret.txt' 'RNFR /alice/secret.txt' \
    'CWD /alice' 'RETR readme.txt' 'STOR inbox/new.txt')
for c in 'RETR /alice/secret.txt' 'RETR \.\./alice/secret.txt' 'LIST /alice' \
    'DELE /alice/secret.txt' 'RNFR /alice/secret.txt' 'CWD /alice'; do
	assert_match "$c -> 5[0-9][0-9]" "$out" "anonymous (read-write) on alice's home"
done
assert_match 'RETR readme.txt -> 226 public' "$out" "anonymous reads its own root"
assert_match 'STOR inbox/new.txt -> 226' "$out" "anonymous writes its own root"
assert_eq 'alice secret' "$(cat "$ROOT/alice/secret.txt")" "alice's file after anonymous"
out=$(session alice pw 'RETR secret.txt')
assert_match '226 alice secret' "$out" "alice reads her home"
# A SIGHUP that would put a home inside the anonymous root is refused.
printf 'alice:%s:/pub/alice:rw\n' "$h" >"$T/users"
kill -HUP "$FTPD_PID"
wait_until 10 grep -q 'reload failed' "$FTPD_LOG" ||
	fail "SIGHUP with a home inside the anonymous root: $(cat "$FTPD_LOG")"
grep -q 'user "alice": home /pub/alice lies inside the anonymous root /pub' "$FTPD_LOG" ||
	fail "reload refusal does not say why: $(cat "$FTPD_LOG")"
out=$(session alice pw 'RETR secret.txt')
assert_match '226 alice secret' "$out" "the running configuration after a refused reload"
stop

# 5. A home strictly inside the anonymous root: refused, also through a link.
refused "home inside" \
    'user "alice": home /pub/alice lies inside the anonymous root /pub.*--anonymous-root' \
    -u "$T/users" --anonymous --anonymous-root pub
printf 'alice:%s:/alice:rw\n' "$h" >"$T/users"
refused "anonymous root behind a link" \
    'user "alice": home /alice lies inside the anonymous root /everything' \
    -u "$T/users" --anonymous --anonymous-root everything

# 6. Equal and holding: a deliberate share, named at start.
printf 'alice:%s:/alice:rw\nuploads:%s:/pub/:rw\nadmin:%s:/:rw\n' "$h" "$h" "$h" >"$T/users"
start_forkftpd -u "$T/users" --anonymous --anonymous-root pub "$ROOT"
grep -q 'anonymous root /pub is shared with: uploads, admin' "$FTPD_LOG" ||
	fail "shared users not named: $(cat "$FTPD_LOG")"
out=$(session uploads pw 'RETR readme.txt')
assert_match '226 public' "$out" "the upload account shares the anonymous root"
out=$(session admin pw 'RETR /alice/secret.txt')
assert_match '226 alice secret' "$out" "the admin sees everything"
stop

# 7. Users without anonymous: nothing to check.
printf 'alice:%s:/alice:rw\n' "$h" >"$T/users"
start_forkftpd -u "$T/users" "$ROOT"
out=$(session alice pw 'RETR secret.txt')
assert_match '226 alice secret' "$out" "users only"
stop

# 8. Not a path under ROOT.
REFUSED_RC=2 refused "anonymous root above ROOT" "anonymous-root: not a path under ROOT" \
    --anonymous --anonymous-root ../x
exit 0
