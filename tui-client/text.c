#include <libutil.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "xio.h"

/* One displayable unit: the bytes to print and the columns they take. */
struct glyph {
	char	b[MB_LEN_MAX];
	int	len;
	int	w;
};

/*
 * Zero-width characters that reorder or hide text (bidi overrides, zero
 * width spaces, BOM) would let a name pretend to be another one.
 */
static int
text_bad_zero_width(wchar_t wc)
{
	return (wc >= 0x200B && wc <= 0x200F) ||
	    (wc >= 0x202A && wc <= 0x202E) ||
	    (wc >= 0x2060 && wc <= 0x206F) || wc == 0xFEFF;
}

static void
glyph_replace(struct glyph *g)
{
	g->b[0] = '?';
	g->len = 1;
	g->w = 1;
}

/*
 * Decode the next character of s into g.  Returns the bytes consumed
 * (0 at the end).  first says nothing precedes it on screen, where a
 * combining mark would have nothing to combine with.
 */
static size_t
text_next(const char *s, struct glyph *g, int first)
{
	unsigned char c = (unsigned char)*s;
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int w;

	if (c == '\0')
		return 0;
	if (c < 0x80) {
		if (c < 0x20 || c == 0x7f)
			glyph_replace(g);
		else {
			g->b[0] = (char)c;
			g->len = 1;
			g->w = 1;
		}
		return 1;
	}
	memset(&st, 0, sizeof st);
	n = mbrtowc(&wc, s, strnlen(s, MB_CUR_MAX), &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0 || n > MB_LEN_MAX) {
		glyph_replace(g);
		return 1;
	}
	w = wcwidth(wc);
	if (w < 0 || w > 2 || (w == 0 && (first || text_bad_zero_width(wc)))) {
		glyph_replace(g);
		return n;
	}
	memcpy(g->b, s, n);
	g->len = (int)n;
	g->w = w;
	return n;
}

int
text_width(const char *s)
{
	struct glyph g;
	size_t n;
	int w = 0;

	while ((n = text_next(s, &g, w == 0)) > 0) {
		s += n;
		if (w > INT_MAX - 2)
			break;
		w += g.w;
	}
	return w;
}

/* Append g to out if it fits in the bytes left; 0 or -1. */
static int
text_put(char *out, size_t outsz, size_t *pos, const char *b, int len)
{
	if (*pos + (size_t)len + 1 > outsz)
		return -1;
	memcpy(out + *pos, b, (size_t)len);
	*pos += (size_t)len;
	out[*pos] = '\0';
	return 0;
}

int
text_fit(const char *s, int cols, int pad, char *out, size_t outsz)
{
	struct glyph g;
	size_t pos = 0, n;
	int used = 0, room;

	if (outsz == 0)
		bug("text_fit: empty output");
	out[0] = '\0';
	if (cols <= 0)
		return 0;
	room = text_width(s) > cols ? cols - 1 : cols;
	while ((n = text_next(s, &g, used == 0)) > 0) {
		if (used + g.w > room)
			break;
		if (text_put(out, outsz, &pos, g.b, g.len) == -1)
			return used;
		used += g.w;
		s += n;
	}
	if (*s != '\0' && text_put(out, outsz, &pos, "~", 1) == 0)
		used++;
	while (pad && used < cols && text_put(out, outsz, &pos, " ", 1) == 0)
		used++;
	return used;
}

int
text_fit_left(const char *s, int cols, char *out, size_t outsz)
{
	struct glyph g;
	size_t n, off = 0;
	int total, skip;

	total = text_width(s);
	if (total <= cols)
		return text_fit(s, cols, 0, out, outsz);
	if (cols <= 1)
		return text_fit("<", cols, 0, out, outsz);
	/* Skip whole characters until the rest fits after the '<'. */
	skip = total - (cols - 1);
	while (skip > 0 && (n = text_next(s + off, &g, off == 0)) > 0) {
		skip -= g.w;
		off += n;
	}
	out[0] = '\0';
	if (outsz < 2)
		return 0;
	out[0] = '<';
	out[1] = '\0';
	return 1 + text_fit(s + off, cols - 1, 0, out + 1, outsz - 1);
}

int
text_fit_middle(const char *s, int cols, char *out, size_t outsz)
{
	const char *ext = strrchr(s, '.');
	char tail[64];
	int tw, used;

	if (text_width(s) <= cols || ext == NULL || ext == s ||
	    strlen(ext) > 12 || (tw = text_width(ext)) * 2 >= cols)
		return text_fit(s, cols, 0, out, outsz);
	used = text_fit(s, cols - tw, 0, out, outsz);
	text_fit(ext, tw, 0, tail, sizeof tail);
	strlcat(out, tail, outsz);
	return used + tw;
}

void
text_size(char *out, size_t outsz, unsigned long long n)
{
	char tmp[16];

	if (n > INT64_MAX)
		n = INT64_MAX;
	if (humanize_number(tmp, 5, (int64_t)n, "", HN_AUTOSCALE,
	    HN_DECIMAL | HN_NOSPACE | HN_B) == -1)
		strlcpy(tmp, "?", sizeof tmp);
	strlcpy(out, tmp, outsz);
}
