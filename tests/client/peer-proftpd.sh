#!/usr/bin/env bash
# The forkftp client against ProFTPD 1.3.8 as Debian configures it (MLSD
# and MFMT, no HASH): list, get, put, resume both ways, mkdir/rmdir/rm/mv,
# recursive get/put, spaces and UTF-8 (scenario.inc).  HASH (mod_digest)
# is proftpd-hash.sh.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/scenario.inc"
client_scenario proftpd
