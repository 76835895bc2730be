/*
 * libFuzzer harness for proto/reply.c.
 *  - The parser takes the input as lines; a finished reply has a code
 *    100..599.
 *  - Any text formatted as a reply parses back as exactly one reply that
 *    ends on its last line (nothing in the text can end it early).
 *  - 257 quoting round-trips.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reply.h"
#include "fuzz.h"

static void
parse_lines(const char *p, size_t n)
{
	struct reply_parser rp;
	const char *nl;
	size_t k;

	reply_parser_init(&rp);
	while (n > 0) {
		nl = memchr(p, '\n', n);
		k = nl != NULL ? (size_t)(nl - p) : n;
		if (reply_parse_line(&rp, p, k) == REPLY_DONE)
			assert(rp.code >= 100 && rp.code <= 599);
		k = nl != NULL ? k + 1 : k;
		p += k;
		n -= k;
	}
	reply_parser_free(&rp);
}

/* Format text as a reply and check it reads back as exactly one reply. */
static void
format_roundtrip(const char *text)
{
	struct reply_parser rp;
	struct buf b;
	const char *p, *eol;
	int st = REPLY_MORE;

	buf_init(&b);
	reply_parser_init(&rp);
	reply_format(&b, 550, "%s", text);
	for (p = buf_cstr(&b); *p != '\0'; p = eol + 2) {
		eol = strstr(p, "\r\n");
		assert(eol != NULL);
		assert(memchr(p, '\r', (size_t)(eol - p)) == NULL);
		assert(memchr(p, '\n', (size_t)(eol - p)) == NULL);
		assert(st == REPLY_MORE);
		st = reply_parse_line(&rp, p, (size_t)(eol - p));
		assert(st != REPLY_BAD);
	}
	assert(st == REPLY_DONE && rp.code == 550);
	reply_parser_free(&rp);
	buf_free(&b);
}

static void
quote_roundtrip(const char *text)
{
	struct buf b;
	char *back;

	buf_init(&b);
	reply_quote_path(&b, text);
	buf_adds(&b, " created");
	assert(reply_unquote_path(buf_cstr(&b), &back) == 0);
	assert(strcmp(back, text) == 0);
	free(back);
	buf_free(&b);
	if (reply_unquote_path(text, &back) == 0)
		free(back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	parse_lines((const char *)data, size);
	s = malloc(size + 1);
	assert(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	format_roundtrip(s);
	quote_roundtrip(s);
	free(s);
	return 0;
}
