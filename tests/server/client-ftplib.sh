#!/usr/bin/env bash
# Python ftplib: every method (login, pwd, cwd, cdup, nlst, dir, mlsd, size,
# mkd, rmd, delete, rename, retrbinary/storbinary with rest, retrlines,
# storlines in TYPE A, sendcmd FEAT and HASH, abort mid-transfer and idle, quit),
# in passive and in active mode.  See tests/tools/ftplib_all.py.
. "$(dirname "$0")/../lib.sh"
serve_sample
# big enough that an ABOR always arrives mid-transfer
head -c 33554432 /dev/zero >"$ROOT/abort.bin"
[ "$(id -u)" != 0 ] || chown "$(ftp_account):" "$ROOT/abort.bin"
chmod 644 "$ROOT/abort.bin"

IOP_TIMEOUT=60 t_py ftplib_all.py "$FTPD_PORT" "$ROOT" "$SRC" >"$T/ftplib.log" 2>&1
rc=$?
[ $rc = 0 ] || fail "ftplib_all.py (exit $rc): $(cat "$T/ftplib.log")"
exit 0
