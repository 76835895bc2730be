#!/usr/bin/env bash
# Users from a users file are confined to their home under ROOT: a user
# with home "homes/alice" sees that directory as "/", cannot reach the
# rest of ROOT or another user's home by '..', absolute paths or symlinks;
# a read-only user (perm r) gets 550 for every write command and changes
# nothing, while reading works; real clients (curl, lftp) agree.
. "$(dirname "$0")/../lib.sh"
confine_twice
FS=$T/fs ROOT=$T/fs/root OUT=$T/out
mkdir -p "$FS" "$OUT"
make_root "$ROOT"
mkdir -p "$ROOT/homes/alice/docs" "$ROOT/homes/bob" "$ROOT/public"
printf 'alice file\n' >"$ROOT/homes/alice/docs/a.txt"
SECRET=BOB-SECRET-$RANDOM$RANDOM
printf '%s\n' "$SECRET" >"$ROOT/homes/bob/bob-only.txt"
printf '%s\n' "$SECRET" >"$ROOT/root-only-file.txt"
head -c 2000000 /dev/urandom >"$ROOT/public/pub.bin"
ln -s ../bob "$ROOT/homes/alice/to-bob"
ln -s ../../root-only-file.txt "$ROOT/homes/alice/to-rootfile"
ln -s docs/a.txt "$ROOT/homes/alice/inside-link"
[ "$(id -u)" != 0 ] || chown -hR "$(ftp_account):" "$ROOT"
chmod -R a+rX "$ROOT"

hash=$(printf 'alicepw\n' | "$FORKFTPD" --hash-password) || fail "--hash-password failed"
hashr=$(printf 'readerpw\n' | "$FORKFTPD" --hash-password) || fail "--hash-password failed"
cat >"$T/users" <<EOF2
# test users
alice:$hash:homes/alice:rw
reader:$hashr:public:r
EOF2
chmod 644 "$T/users"
find "$ROOT" -printf '%p %M %s %T@\n' | sort >"$T/before"
start_forkftpd -u "$T/users" "$ROOT"

FTP_USER=alice FTP_PASS=alicepw
ftp_probe -f "$SECRET" -f bob-only >"$T/probe.a" <<EOF2 || fail "alice not confined: $(grep -av '^ok' "$T/probe.a")"
^257."/" PWD
^2 LIST
^2 NLST
^2 RETR docs/a.txt
^2 RETR /docs/a.txt
^2 RETR inside-link
^5 RETR ../bob/bob-only.txt
^5 RETR ../../root-only-file.txt
^5 RETR /homes/bob/bob-only.txt
^5 RETR /root-only-file.txt
^5 RETR to-bob/bob-only.txt
^5 RETR to-rootfile
^5 LIST ../bob
^5 LIST to-bob
^5 MLSD ../../homes
^5 CWD ../bob
^5 CWD to-bob
^5 CWD /homes
^5 STOR ../bob/planted.txt
^5 STOR to-bob/planted.txt
^5 MKD ../bob/carol
^5 DELE ../bob/bob-only.txt
^[25] CDUP
^257."/" PWD
^2 STOR docs/new.txt
^250 DELE docs/new.txt
EOF2

FTP_USER=reader FTP_PASS=readerpw
ftp_probe -f "$SECRET" >"$T/probe.r" <<EOF2 || fail "read-only user: $(grep -av '^ok' "$T/probe.r")"
^257."/" PWD
^2 RETR pub.bin
^200 TYPE I
^213 SIZE pub.bin
^2 LIST
^550 STOR new.txt
^550 STOR pub.bin
^550 APPE pub.bin
^550 STOU
^550 DELE pub.bin
^550 MKD newdir
^550 RMD /
^550 RNFR pub.bin
^550 SITE CHMOD 777 pub.bin
^550 MFMT 20200101000000 pub.bin
^5 RETR ../root-only-file.txt
EOF2
t_curl -o "$OUT/pub.bin" "$(ftp_url 'pub.bin')" || fail "reader: curl download failed"
assert_same_file "$ROOT/public/pub.bin" "$OUT/pub.bin"
t_curl -T "$OUT/pub.bin" "$(ftp_url 'up.bin')" 2>/dev/null && fail "reader: curl upload succeeded"
t_lftp "mkdir x" 2>/dev/null && fail "reader: lftp mkdir succeeded"
t_lftp "rm pub.bin" 2>/dev/null && fail "reader: lftp rm succeeded"

FTP_USER=alice FTP_PASS=wrong
t_curl -o /dev/null "$(ftp_url 'docs/a.txt')" 2>/dev/null && fail "wrong password accepted"
FTP_USER=alice FTP_PASS=alicepw
t_curl -o "$OUT/a.txt" "$(ftp_url 'docs/a.txt')" || fail "alice: curl download failed"
assert_same_file "$ROOT/homes/alice/docs/a.txt" "$OUT/a.txt"
t_lftp "mirror / '$OUT/alice'" >/dev/null || fail "alice: lftp mirror failed"
grep -rq "$SECRET" "$OUT/alice" && fail "alice's mirror contains other users' data"
[ -f "$OUT/alice/docs/a.txt" ] || fail "alice's mirror lacks docs/a.txt"
# anonymous is off when a users file is given (unless --anonymous)
FTP_USER=anonymous FTP_PASS=x
t_curl -o /dev/null "$(ftp_url 'pub.bin')" 2>/dev/null && fail "anonymous login accepted with a users file"

find "$ROOT" -printf '%p %M %s %T@\n' | sort >"$T/after"
# only alice's docs directory may have changed (STOR + DELE of new.txt)
diff "$T/before" "$T/after" | grep '^[<>]' | grep -v " $ROOT/homes/alice/docs " >"$T/diff"
[ -s "$T/diff" ] && fail "tree changed: $(cat "$T/diff")"
exit 0
