#!/usr/bin/env bash
# Path escapes (tests/tools/hostile_paths.py, several hundred attempts)
# through every command that takes a path: .. chains, absolute paths,
# doubled slashes, backslashes, symlinks planted inside the root pointing
# to /etc, to an outside tree and to a sibling tree whose name extends the
# root's.  Nothing outside is read (no canary bytes, digests, sizes, mtimes
# or names in any reply or data), listed, written, renamed or deleted
# (content, mode and mtime compared).  As root, forkftpd chroots: this is
# the deployed configuration; path-escape-resolve.sh covers the
# unprivileged one, where resolution alone confines.
. "$(dirname "$0")/../lib.sh"

sec_escape_setup
sec_escape_run
exit 0
