/*
 * line: control-connection line reader.
 *
 * line_feed() only stores raw bytes; line_next() cooks them (Telnet, CR
 * NUL) while looking for the end of the next line.  Cooking lazily keeps
 * the order of lines and over-long reports exactly as they arrived, even
 * when several lines come in one read (pipelining).  Decoder state is
 * committed only together with the raw bytes it consumed, so a partial
 * line can be re-scanned when more bytes arrive.
 */
#include <string.h>

#include "line.h"
#include "xio.h"

#define TN_IAC	255
#define TN_DONT	254
#define TN_WILL	251
#define TN_SB	250
#define TN_SE	240

enum tn_state { TN_DATA, TN_CMD, TN_OPT, TN_SUB, TN_SUBIAC };

/* Decoder state for one scan, copied back to the reader on commit. */
struct line_cook {
	int	tstate;
	int	cr;
};

/* Raw bytes allowed for an unfinished line: Telnet noise cooks to nothing. */
static size_t
line_raw_limit(const struct line_reader *r)
{
	return size_add(size_mul(r->max, 4), 64);
}

void
line_init(struct line_reader *r, size_t max, int telnet)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->in);
	r->max = max == 0 ? LINE_MAX_DEFAULT : max;
	r->telnet = telnet;
	r->tstate = TN_DATA;
}

void
line_free(struct line_reader *r)
{
	buf_free(&r->in);
}

void
line_feed(struct line_reader *r, const void *p, size_t n)
{
	buf_add(&r->in, p, n);
}

size_t
line_pending(const struct line_reader *r)
{
	return r->in.len;
}

/*
 * RFC 854: IAC IAC is a data 0xFF; IAC WILL/WONT/DO/DONT take one option
 * byte; IAC SB runs to IAC SE; any other IAC x (IP, DM, NOP, ...) is a
 * two-byte command.  All of them vanish.  Returns the data byte or -1.
 */
static int
line_telnet(struct line_cook *k, int c)
{
	switch (k->tstate) {
	case TN_CMD:
		k->tstate = TN_DATA;
		if (c == TN_IAC)
			return c;
		if (c >= TN_WILL && c <= TN_DONT)
			k->tstate = TN_OPT;
		else if (c == TN_SB)
			k->tstate = TN_SUB;
		return -1;
	case TN_OPT:
		k->tstate = TN_DATA;
		return -1;
	case TN_SUB:
		if (c == TN_IAC)
			k->tstate = TN_SUBIAC;
		return -1;
	case TN_SUBIAC:
		k->tstate = c == TN_SE ? TN_DATA : TN_SUB;
		return -1;
	default:
		if (c == TN_IAC) {
			k->tstate = TN_CMD;
			return -1;
		}
		return c;
	}
}

/* One raw byte to a cooked byte, or -1 when it disappears. */
static int
line_cook_byte(const struct line_reader *r, struct line_cook *k, int c)
{
	if (r->telnet && (c = line_telnet(k, c)) == -1)
		return -1;
	if (c == '\0' && k->cr) {	/* RFC 2640 §3.1: CR NUL is a CR */
		k->cr = 0;
		return -1;
	}
	k->cr = c == '\r';
	return c;
}

static void
line_commit(struct line_reader *r, const struct line_cook *k, size_t used)
{
	r->tstate = k->tstate;
	r->cr = k->cr;
	buf_consume(&r->in, used);
}

/* Start swallowing the rest of an over-long line; report it this once. */
static int
line_start_discard(struct line_reader *r, const struct line_cook *k,
    size_t used, struct buf *out)
{
	line_commit(r, k, used);
	buf_reset(out);
	r->discarding = 1;
	return LINE_TOOLONG;
}

static int
line_eol(struct line_reader *r, const struct line_cook *k, size_t used,
    struct buf *out)
{
	line_commit(r, k, used);
	if (r->discarding) {
		/* The end of a line already reported: go on with the next. */
		r->discarding = 0;
		return line_next(r, out);
	}
	if (out->len > 0 && out->data[out->len - 1] == '\r')
		buf_truncate(out, out->len - 1);
	if (out->len > r->max) {
		buf_reset(out);
		return LINE_TOOLONG;
	}
	return LINE_OK;
}

/* No newline in the buffer: keep waiting, unless the line is hopeless. */
static int
line_no_eol(struct line_reader *r, const struct line_cook *k, struct buf *out)
{
	if (r->discarding) {
		line_commit(r, k, r->in.len);
		buf_reset(out);
		return LINE_MORE;
	}
	buf_reset(out);
	if (r->in.len > line_raw_limit(r))
		return line_start_discard(r, k, r->in.len, out);
	return LINE_MORE;
}

int
line_next(struct line_reader *r, struct buf *out)
{
	struct line_cook k = { r->tstate, r->cr };
	size_t i;
	int c;

	buf_reset(out);
	for (i = 0; i < r->in.len; i++) {
		c = line_cook_byte(r, &k, (unsigned char)r->in.data[i]);
		if (c == -1)
			continue;
		if (c == '\n')
			return line_eol(r, &k, i + 1, out);
		if (r->discarding)
			continue;
		/* max + 1 leaves room for the CR of CRLF. */
		if (out->len > r->max)
			return line_start_discard(r, &k, i + 1, out);
		buf_addc(out, (char)c);
	}
	return line_no_eol(r, &k, out);
}
