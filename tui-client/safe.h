/*
 * safe: server text (names, reply text) made harmless for a terminal or
 * a script reading batch output.  Valid UTF-8 is kept whatever the
 * locale (scripts often run in "C" while names are UTF-8); control
 * characters (C0, DEL and C1, which terminals obey like ESC [) become
 * '?', and so does each byte that is not valid UTF-8.
 */
#ifndef SAFE_H
#define SAFE_H

#include <stdio.h>

#include "buf.h"

/* Append the safe form of s to out; keep_nl keeps '\n' (multi-line replies). */
void	safe_buf(struct buf *out, const char *s, int keep_nl);
/* fputs of the safe form of s. */
void	safe_fputs(const char *s, FILE *);

#endif
