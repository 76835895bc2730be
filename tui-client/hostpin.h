/*
 * hostpin: the known_hosts file of trusted-on-first-use certificates,
 * $XDG_STATE_HOME/forkftp/known_hosts (by default ~/.local/state), one
 * pin a line:
 *
 *	host:port sha256:HEX
 *
 * host as the user typed it, lower case; an IPv6 address in brackets.
 * Read like the bookmarks: bounded, lines starting with '#', empty and
 * unparsable lines skipped.  Written atomically with mode 0600.
 */
#ifndef HOSTPIN_H
#define HOSTPIN_H

#include <stddef.h>

#define HOSTPIN_MAX	10000		/* pins read, at most */
#define HOSTPIN_LINE_MAX 1024		/* a longer line is skipped */

/* The file's path: 0, or -1 without a home. */
int	hostpin_path(char *out, size_t len);
/*
 * Normalise a SHA-256 fingerprint (hex, colons allowed, any case) to 64
 * upper-case hex digits in out (65 bytes).  0, or -1 when it is not one.
 */
int	hostpin_fp_parse(const char *s, char out[65]);
/*
 * The pin of hostport in the file at path: 1 with fp (64 hex digits) and
 * its line number filled, 0 when there is none (or no file), -1 when the
 * file exists but cannot be read.
 */
int	hostpin_lookup(const char *path, const char *hostport, char fp[65],
	    size_t *line);
/*
 * Pin fp (64 hex digits) for hostport, replacing an older pin of it:
 * the file is rewritten atomically (0600; directories made 0700).
 * 0, or -1 with errno.
 */
int	hostpin_add(const char *path, const char *hostport, const char *fp);

#endif
