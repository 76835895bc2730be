#!/usr/bin/env bash
# forkftp -s against vsftpd: ls, cd/get/put with Tab completion, help,
# bad command and option (shell.inc).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/shell.inc"
shell_scenario vsftpd
