/*
 * line: control-connection line reader.
 *
 * Bytes go in with line_feed(); complete lines come out of line_next().
 * Framing accepts CRLF and bare LF (a trailing CR is stripped).  Telnet
 * (RFC 854) is undone on the way in: IAC IAC -> 0xFF, IAC IP, IAC DM and
 * other two-byte commands dropped, IAC WILL/WONT/DO/DONT x dropped.
 * CR NUL -> CR (RFC 2640 §3.1).  A line longer than max is discarded up to
 * and including its newline and reported once as LINE_TOOLONG: it is never
 * split into two commands.  Lines may contain NUL bytes; the caller
 * decides (the length is in out->len).
 */
#ifndef LINE_H
#define LINE_H

#include <stddef.h>
#include "buf.h"

#define LINE_MAX_DEFAULT 4096

enum line_status {
	LINE_MORE = 0,		/* no complete line buffered */
	LINE_OK,		/* *out holds one line, without its EOL */
	LINE_TOOLONG		/* a line over max was (or is being) discarded */
};

struct line_reader {
	struct buf	in;		/* cooked bytes, returned ones first */
	size_t		max;
	int		telnet;		/* undo Telnet IAC sequences */
	int		tstate;		/* Telnet decoder state */
	int		cr;		/* last cooked byte was CR (for CR NUL) */
	int		discarding;	/* inside an over-long line */
	int		toolong_pending;	/* unused, kept for compatibility */
	size_t		off;		/* bytes of in already returned */
	size_t		high;		/* in's longest since line_scrub */
};

void	line_init(struct line_reader *, size_t max, int telnet);
void	line_free(struct line_reader *);
/*
 * Forget the lines already returned: zero them and whatever earlier
 * reads left in the buffer, so a PASS line does not stay in memory.
 */
void	line_scrub(struct line_reader *);
void	line_feed(struct line_reader *, const void *, size_t);
/*
 * Fills out (reset first).  Returns an enum line_status.  LINE_TOOLONG
 * comes as soon as an unfinished line is known to be too long; the rest
 * of it is then swallowed silently.  After LINE_OK, out->data is never
 * NULL, even for an empty line.
 */
int	line_next(struct line_reader *, struct buf *out);
/* Bytes buffered and not yet returned as lines (for pipelining tests). */
size_t	line_pending(const struct line_reader *);
/*
 * The cooked bytes buffered and not yet returned (line_pending of them),
 * to look ahead without consuming.  Valid until the next feed or next.
 */
const char *line_peek(const struct line_reader *, size_t *len);

#endif
