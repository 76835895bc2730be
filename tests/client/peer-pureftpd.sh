#!/usr/bin/env bash
# The forkftp client against pureftpd: list, get, put, resume both ways,
# mkdir/rmdir/rm/mv, recursive get/put, spaces and UTF-8 (scenario.inc).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/scenario.inc"
client_scenario pureftpd
