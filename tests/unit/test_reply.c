/* Unit tests for proto/reply.c: unforgeable replies, 257 quoting, parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "reply.h"

static void
test_single_line(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	reply_format(&b, 200, "Switching to %s mode.", "Binary");
	assert_string_equal(buf_cstr(&b), "200 Switching to Binary mode.\r\n");
	buf_free(&b);
}

static void
test_embedded_newlines_cannot_forge(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	/* A hostile file name tries to end the reply and inject a "226 ". */
	reply_format(&b, 550, "%s: No such file", "x\r\n226 Transfer complete\ry\nz");
	assert_string_equal(buf_cstr(&b),
	    "550-x\r\n"
	    "550-226 Transfer complete\r\n"
	    "550-y\r\n"
	    "550 z: No such file\r\n");
	buf_free(&b);
}

static void
test_trailing_newline_and_empty(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	reply_format(&b, 211, "End\r\n");
	reply_format(&b, 226, "%s", "");
	assert_string_equal(buf_cstr(&b), "211 End\r\n226 \r\n");
	buf_free(&b);
}

static void
test_multiline_body(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	reply_format(&b, 211, "Features:\n EPRT\n UTF8\nEnd");
	assert_string_equal(buf_cstr(&b),
	    "211-Features:\r\n211- EPRT\r\n211- UTF8\r\n211 End\r\n");
	buf_free(&b);
}

static void
test_iac_doubled(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	reply_format(&b, 257, "%s", "a\xff" "b");
	assert_string_equal(buf_cstr(&b), "257 a\xff\xff" "b\r\n");
	buf_free(&b);
}

static void
test_quote_path(void **state)
{
	struct buf b;
	char *back;

	(void)state;
	buf_init(&b);
	reply_quote_path(&b, "/a \"b\"/c\"");
	assert_string_equal(buf_cstr(&b), "\"/a \"\"b\"\"/c\"\"\"");
	buf_adds(&b, " is the current directory");
	assert_int_equal(reply_unquote_path(b.data, &back), 0);
	assert_string_equal(back, "/a \"b\"/c\"");
	free(back);
	buf_free(&b);
}

static void
test_unquote(void **state)
{
	char *p;

	(void)state;
	assert_int_equal(reply_unquote_path("\"/\" is current", &p), 0);
	assert_string_equal(p, "/");
	free(p);
	assert_int_equal(reply_unquote_path("\"\" empty", &p), 0);
	assert_string_equal(p, "");
	free(p);
	assert_int_equal(reply_unquote_path("no quotes", &p), -1);
	assert_null(p);
	assert_int_equal(reply_unquote_path("\"unterminated", &p), -1);
	assert_int_equal(reply_unquote_path("\"ends in doubled\"\"", &p), -1);
}

static int
feed(struct reply_parser *p, const char *line)
{
	return reply_parse_line(p, line, strlen(line));
}

static void
test_parse_single(void **state)
{
	struct reply_parser p;

	(void)state;
	reply_parser_init(&p);
	assert_int_equal(feed(&p, "220 Welcome"), REPLY_DONE);
	assert_int_equal(p.code, 220);
	assert_string_equal(buf_cstr(&p.text), "Welcome");
	assert_int_equal(feed(&p, "200"), REPLY_DONE);
	assert_int_equal(p.code, 200);
	assert_string_equal(buf_cstr(&p.text), "");
	reply_parser_free(&p);
}

static void
test_parse_multi(void **state)
{
	struct reply_parser p;

	(void)state;
	reply_parser_init(&p);
	assert_int_equal(feed(&p, "211-Features:"), REPLY_MORE);
	assert_int_equal(feed(&p, " EPRT"), REPLY_MORE);
	/* Inside a multi-line reply other codes, and the same code with '-', are text. */
	assert_int_equal(feed(&p, "226 not the end"), REPLY_MORE);
	assert_int_equal(feed(&p, "211-still"), REPLY_MORE);
	assert_int_equal(feed(&p, "211x nor this"), REPLY_MORE);
	assert_int_equal(feed(&p, "211 End"), REPLY_DONE);
	assert_int_equal(p.code, 211);
	assert_string_equal(buf_cstr(&p.text),
	    "Features:\n EPRT\n226 not the end\nstill\n211x nor this\nEnd");
	/* The next feed starts afresh. */
	assert_int_equal(feed(&p, "230 Login successful."), REPLY_DONE);
	assert_string_equal(buf_cstr(&p.text), "Login successful.");
	reply_parser_free(&p);
}

static void
test_parse_1xx_multi(void **state)
{
	struct reply_parser p;

	(void)state;
	reply_parser_init(&p);
	/* Pure-FTPd's RETR. */
	assert_int_equal(feed(&p, "150-Accepted data connection"), REPLY_MORE);
	assert_int_equal(feed(&p, "150 4.3 kbytes to download"), REPLY_DONE);
	assert_int_equal(p.code, 150);
	assert_string_equal(buf_cstr(&p.text),
	    "Accepted data connection\n4.3 kbytes to download");
	assert_int_equal(feed(&p, "226-File successfully transferred"), REPLY_MORE);
	assert_int_equal(feed(&p, "226 0.000 seconds"), REPLY_DONE);
	assert_int_equal(p.code, 226);
	reply_parser_free(&p);
}

static void
test_parse_bad(void **state)
{
	struct reply_parser p;

	(void)state;
	reply_parser_init(&p);
	assert_int_equal(feed(&p, "hello"), REPLY_BAD);
	assert_int_equal(feed(&p, "22 short"), REPLY_BAD);
	assert_int_equal(feed(&p, "620 no such class"), REPLY_BAD);
	assert_int_equal(feed(&p, "099 no"), REPLY_BAD);
	assert_int_equal(feed(&p, "220x"), REPLY_BAD);
	assert_int_equal(feed(&p, ""), REPLY_BAD);
	assert_int_equal(feed(&p, "421 Timeout."), REPLY_DONE);
	assert_int_equal(p.code, 421);
	reply_parser_free(&p);
}

static void
test_roundtrip(void **state)
{
	struct reply_parser p;
	struct buf b;
	char *line, *save, *s;
	int rc = REPLY_MORE;

	(void)state;
	buf_init(&b);
	reply_parser_init(&p);
	reply_format(&b, 550, "%s", "a\n550 b\nc");
	s = (char *)buf_cstr(&b);
	for (line = strtok_r(s, "\r\n", &save); line != NULL;
	    line = strtok_r(NULL, "\r\n", &save))
		rc = feed(&p, line);
	assert_int_equal(rc, REPLY_DONE);
	assert_string_equal(buf_cstr(&p.text), "a\n550 b\nc");
	reply_parser_free(&p);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_line),
		cmocka_unit_test(test_embedded_newlines_cannot_forge),
		cmocka_unit_test(test_trailing_newline_and_empty),
		cmocka_unit_test(test_multiline_body),
		cmocka_unit_test(test_iac_doubled),
		cmocka_unit_test(test_quote_path),
		cmocka_unit_test(test_unquote),
		cmocka_unit_test(test_parse_single),
		cmocka_unit_test(test_parse_multi),
		cmocka_unit_test(test_parse_1xx_multi),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
