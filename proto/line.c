/*
 * line: control-connection line reader.
 *
 * line_feed() undoes Telnet and CR NUL as bytes arrive, so r->in holds
 * cooked bytes and each byte is looked at once.  Framing and the length
 * check happen in line_next(), one line at a time, so an over-long line
 * is reported exactly where it was in the stream even when several lines
 * arrived in one read (pipelining).  Returned lines are only skipped
 * (r->off); the buffer is compacted once per feed, so a read full of
 * short lines costs linear time, not a memmove per line.
 */
#include <stdint.h>
#include <string.h>

#include "line.h"
#include "xio.h"

#define TN_IAC	255
#define TN_DONT	254
#define TN_WILL	251
#define TN_SB	250
#define TN_SE	240

enum tn_state { TN_DATA, TN_CMD, TN_OPT, TN_SUB, TN_SUBIAC };

void
line_init(struct line_reader *r, size_t max, int telnet)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->in);
	/* Leave room for max + 1 (the CR of CRLF) without wrapping. */
	r->max = max == 0 ? LINE_MAX_DEFAULT : max > SIZE_MAX / 2 ? SIZE_MAX / 2 : max;
	r->telnet = telnet;
	r->tstate = TN_DATA;
}

void
line_free(struct line_reader *r)
{
	buf_free(&r->in);
}

size_t
line_pending(const struct line_reader *r)
{
	return r->in.len - r->off;
}

const char *
line_peek(const struct line_reader *r, size_t *len)
{
	*len = r->in.len - r->off;
	return r->in.data == NULL ? "" : r->in.data + r->off;
}

/*
 * RFC 854: IAC IAC is a data 0xFF; IAC WILL/WONT/DO/DONT take one option
 * byte; IAC SB runs to IAC SE; any other IAC x (IP, DM, NOP, ...) is a
 * two-byte command.  All of them vanish.  Returns the data byte or -1.
 */
static int
line_telnet(struct line_reader *r, int c)
{
	switch (r->tstate) {
	case TN_CMD:
		r->tstate = TN_DATA;
		if (c == TN_IAC)
			return c;
		if (c >= TN_WILL && c <= TN_DONT)
			r->tstate = TN_OPT;
		else if (c == TN_SB)
			r->tstate = TN_SUB;
		return -1;
	case TN_OPT:
		r->tstate = TN_DATA;
		return -1;
	case TN_SUB:
		if (c == TN_IAC)
			r->tstate = TN_SUBIAC;
		return -1;
	case TN_SUBIAC:
		r->tstate = c == TN_SE ? TN_DATA : TN_SUB;
		return -1;
	default:
		if (c == TN_IAC) {
			r->tstate = TN_CMD;
			return -1;
		}
		return c;
	}
}

/*
 * Only up to where the buffer reached: the rest of the allocation was
 * never written, and touching it would make its pages private to every
 * session (bench row 4).
 */
void
line_scrub(struct line_reader *r)
{
	buf_consume(&r->in, r->off);
	r->off = 0;
	buf_wipe_slack(&r->in, r->high);
	r->high = r->in.len;
}

void
line_feed(struct line_reader *r, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;
	int c;

	buf_consume(&r->in, r->off);
	r->off = 0;
	buf_reserve(&r->in, n);
	for (i = 0; i < n; i++) {
		c = s[i];
		if (r->telnet && (c = line_telnet(r, c)) == -1)
			continue;
		if (c == '\0' && r->cr) {	/* RFC 2640 §3.1: CR NUL is a CR */
			r->cr = 0;
			continue;
		}
		r->cr = c == '\r';
		buf_addc(&r->in, (char)c);
	}
	if (r->in.len > r->high)
		r->high = r->in.len;
}

/* Unreturned bytes and where the next newline is among them (or NULL). */
static const char *
line_rest(struct line_reader *r, size_t *len, const char **nl)
{
	const char *p = buf_cstr(&r->in) + r->off;

	*len = r->in.len - r->off;
	*nl = memchr(p, '\n', *len);
	return p;
}

/* Skip the rest of a line already reported; 1 when its end was found. */
static int
line_skip(struct line_reader *r)
{
	const char *p, *nl;
	size_t len;

	p = line_rest(r, &len, &nl);
	if (nl == NULL) {
		buf_reset(&r->in);
		r->off = 0;
		return 0;
	}
	r->off += (size_t)(nl - p) + 1;
	r->discarding = 0;
	return 1;
}

int
line_next(struct line_reader *r, struct buf *out)
{
	const char *p, *nl;
	size_t len, n;

	buf_reset(out);
	if (r->discarding && !line_skip(r))
		return LINE_MORE;
	p = line_rest(r, &len, &nl);
	if (nl == NULL) {
		/* max + 1 leaves room for the CR of a CRLF still to come. */
		if (len <= r->max + 1)
			return LINE_MORE;
		buf_reset(&r->in);
		r->off = 0;
		r->discarding = 1;
		return LINE_TOOLONG;
	}
	n = (size_t)(nl - p);
	r->off += n + 1;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (n > r->max)
		return LINE_TOOLONG;
	buf_add(out, p, n);
	return LINE_OK;
}
