/*
 * reply: replies that cannot be forged (server) and the multi-line reply
 * parser (client).  RFC 959 §4.2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reply.h"
#include "xio.h"

/* Append one line's text, doubling 0xFF so it cannot start a Telnet command. */
static void
reply_add_text(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		buf_addc(out, s[i]);
		if ((unsigned char)s[i] == 0xff)
			buf_addc(out, s[i]);
	}
}

void
reply_format(struct buf *out, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	reply_vformat(out, code, fmt, ap);
	va_end(ap);
}

/*
 * Each CR, LF or CRLF in the text ends a line; every line but the last is
 * "NNN-", so whatever the text holds, only our last line reads "NNN ".
 */
void
reply_vformat(struct buf *out, int code, const char *fmt, va_list ap)
{
	struct buf text;
	const char *s, *eol;
	size_t n;

	if (code < 100 || code > 599)
		bug("reply code %d", code);
	buf_init(&text);
	buf_vprintf(&text, fmt, ap);
	while (text.len > 0 && strchr("\r\n", text.data[text.len - 1]) != NULL)
		buf_truncate(&text, text.len - 1);
	s = buf_cstr(&text);
	for (;;) {
		n = strcspn(s, "\r\n");
		eol = s + n;
		buf_printf(out, "%03d%c", code, *eol == '\0' ? ' ' : '-');
		reply_add_text(out, s, n);
		buf_adds(out, "\r\n");
		if (*eol == '\0')
			break;
		s = eol + (eol[0] == '\r' && eol[1] == '\n' ? 2 : 1);
	}
	buf_free(&text);
}

void
reply_quote_path(struct buf *out, const char *path)
{
	buf_addc(out, '"');
	for (; *path != '\0'; path++) {
		buf_addc(out, *path);
		if (*path == '"')
			buf_addc(out, '"');
	}
	buf_addc(out, '"');
}

int
reply_unquote_path(const char *text, char **out)
{
	struct buf b;
	const char *p;

	*out = NULL;
	if ((p = strchr(text, '"')) == NULL)
		return -1;
	buf_init(&b);
	for (p++; *p != '\0'; p++) {
		if (*p == '"' && p[1] != '"') {
			*out = buf_detach(&b);
			return 0;
		}
		if (*p == '"')
			p++;
		buf_addc(&b, *p);
	}
	buf_free(&b);
	return -1;
}

void
reply_parser_init(struct reply_parser *p)
{
	p->code = 0;
	p->multi = 0;
	buf_init(&p->text);
}

void
reply_parser_free(struct reply_parser *p)
{
	buf_free(&p->text);
	reply_parser_init(p);
}

/* "NNN" with a first digit 1-5, followed by end, ' ' or '-'.  Code or -1. */
static int
reply_code(const char *line, size_t len, char *sep)
{
	if (len < 3 || line[0] < '1' || line[0] > '5' ||
	    line[1] < '0' || line[1] > '9' || line[2] < '0' || line[2] > '9')
		return -1;
	*sep = len == 3 ? ' ' : line[3];
	if (*sep != ' ' && *sep != '-')
		return -1;
	return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

static void
reply_add_line(struct reply_parser *p, const char *s, size_t n)
{
	if (p->text.len > 0 || p->multi)
		buf_addc(&p->text, '\n');
	buf_add(&p->text, s, n);
}

/* A line after "NNN-": only "NNN " (same code) ends the reply. */
static int
reply_parse_cont(struct reply_parser *p, const char *line, size_t len)
{
	char sep = ' ';
	size_t skip;

	if (reply_code(line, len, &sep) != p->code) {
		buf_addc(&p->text, '\n');
		buf_add(&p->text, line, len);
		return REPLY_MORE;
	}
	skip = len > 3 ? 4 : 3;
	buf_addc(&p->text, '\n');
	buf_add(&p->text, line + skip, len - skip);
	if (sep == '-')
		return REPLY_MORE;
	p->multi = 0;
	return REPLY_DONE;
}

int
reply_parse_line(struct reply_parser *p, const char *line, size_t len)
{
	char sep = ' ';
	int code;

	if (p->multi)
		return reply_parse_cont(p, line, len);
	buf_reset(&p->text);
	buf_cstr(&p->text);
	if ((code = reply_code(line, len, &sep)) == -1) {
		p->code = 0;
		return REPLY_BAD;
	}
	p->code = code;
	reply_add_line(p, line + (len > 3 ? 4 : 3), len > 3 ? len - 4 : 0);
	if (sep == ' ')
		return REPLY_DONE;
	p->multi = 1;
	return REPLY_MORE;
}
