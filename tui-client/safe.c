/*
 * safe: see safe.h.
 */
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "safe.h"

/*
 * Length of the valid UTF-8 sequence at s (RFC 3629 §4: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or 0.  *cp gets the
 * code point.
 */
static size_t
utf8_len(const unsigned char *s, uint32_t *cp)
{
	size_t		 n, i;
	uint32_t	 c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, c &= 0x1f, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, c &= 0x0f, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, c &= 0x07, min = 0x10000;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int
is_control(uint32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}

void
safe_buf(struct buf *out, const char *s, int keep_nl)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t	 cp;
	size_t		 n;

	buf_reserve(out, 1);
	while (*p != '\0') {
		n = utf8_len(p, &cp);
		if (n == 0) {
			buf_addc(out, '?');
			p++;
			continue;
		}
		if (is_control(cp) && !(keep_nl && cp == '\n'))
			buf_addc(out, '?');
		else
			buf_add(out, p, n);
		p += n;
	}
	buf_cstr(out);
}

void
safe_fputs(const char *s, FILE *fp)
{
	struct buf	 b;

	buf_init(&b);
	safe_buf(&b, s, 0);
	fputs(buf_cstr(&b), fp);
	buf_free(&b);
}
