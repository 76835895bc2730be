/* Unit tests for tui-client/text.c: display width, cutting, hostile names. */
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "../../tui-client/text.h"

static int
utf8_locale(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "en_US.UTF-8") == NULL)
		return -1;
	return 0;
}

static void
test_width_ascii_and_wide(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("hello"), 5);
	assert_int_equal(text_width("日本"), 4);
	assert_int_equal(text_width("Grüße"), 5);
	/* combining acute */
	assert_int_equal(text_width("cafe\xcc\x81"), 4);
}

static void
test_controls_replaced(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(text_fit("a\x1b[31mb", 20, 0, out, sizeof out), 7);
	assert_string_equal(out, "a?[31mb");
	text_fit("bell\a\n\r\x7f", 20, 0, out, sizeof out);
	assert_string_equal(out, "bell????");
	/* C1 controls (U+009B is a CSI on some terminals) */
	text_fit("x\xc2\x9b" "31m", 20, 0, out, sizeof out);
	assert_string_equal(out, "x?31m");
}

static void
test_invalid_utf8(void **state)
{
	char out[64];

	(void)state;
	text_fit("a\xff\xfe" "b", 20, 0, out, sizeof out);
	assert_string_equal(out, "a??b");
	/* cut sequence */
	text_fit("trunc\xe6\x97", 20, 0, out, sizeof out);
	assert_string_equal(out, "trunc??");
	text_fit("\xc0\xaf", 20, 0, out, sizeof out);	/* overlong '/' */
	assert_string_equal(out, "??");
}

static void
test_bidi_and_zero_width(void **state)
{
	char out[64];

	(void)state;
	text_fit("rtl\xe2\x80\xae" "exe", 20, 0, out, sizeof out);
	assert_string_equal(out, "rtl?exe");
	text_fit("a\xe2\x80\x8b" "b", 20, 0, out, sizeof out);	/* ZWSP */
	assert_string_equal(out, "a?b");
	/* nothing to combine with */
	text_fit("\xcc\x81x", 20, 0, out, sizeof out);
	assert_string_equal(out, "?x");
}

static void
test_cut_by_columns(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(text_fit("abcdefgh", 5, 0, out, sizeof out), 5);
	assert_string_equal(out, "abcd~");
	/* A wide character that would straddle the edge is left out whole. */
	assert_int_equal(text_fit("日本語", 4, 0, out, sizeof out), 3);
	assert_string_equal(out, "日~");
	assert_int_equal(text_fit("日本語", 4, 1, out, sizeof out), 4);
	assert_string_equal(out, "日~ ");
	assert_int_equal(text_fit("日本", 4, 0, out, sizeof out), 4);
	assert_string_equal(out, "日本");
	assert_int_equal(text_fit("ab", 5, 1, out, sizeof out), 5);
	assert_string_equal(out, "ab   ");
	assert_int_equal(text_fit("ab", 0, 1, out, sizeof out), 0);
	assert_string_equal(out, "");
}

static void
test_small_buffer(void **state)
{
	char out[4];

	(void)state;
	/* Never writes past the buffer, always terminates. */
	text_fit("abcdefgh", 50, 1, out, sizeof out);
	assert_int_equal(strlen(out), 3);
	text_fit("日本", 50, 0, out, sizeof out);
	assert_string_equal(out, "日");
}

static void
test_fit_left(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(text_fit_left("/a/b/c/long", 6, out, sizeof out), 6);
	assert_string_equal(out, "</long");
	assert_int_equal(text_fit_left("/short", 10, out, sizeof out), 6);
	assert_string_equal(out, "/short");
	text_fit_left("/日本語", 5, out, sizeof out);
	assert_true(text_width(out) <= 5);
	assert_int_equal(out[0], '<');
}

/* Cut in the middle, the extension kept; short and odd names as text_fit. */
static void
test_fit_middle(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(text_fit_middle("a-long-file-name.txt", 12, out,
	    sizeof out), 12);
	assert_string_equal(out, "a-long-~.txt");
	assert_int_equal(text_fit_middle("short.txt", 12, out, sizeof out), 9);
	assert_string_equal(out, "short.txt");
	/* No extension, or one too long to keep: cut at the end. */
	text_fit_middle("no-extension-here", 8, out, sizeof out);
	assert_string_equal(out, "no-exte~");
	text_fit_middle("x.a-very-long-extension", 8, out, sizeof out);
	assert_string_equal(out, "x.a-ver~");
	/* A control character in the extension is still made safe. */
	text_fit_middle("long-name-here.\x1b[2J", 12, out, sizeof out);
	assert_null(strchr(out, '\x1b'));
	assert_true(text_width(out) <= 12);
}

static void
test_size(void **state)
{
	char out[16];

	(void)state;
	text_size(out, sizeof out, 0);
	assert_string_equal(out, "0B");
	text_size(out, sizeof out, 13);
	assert_string_equal(out, "13B");
	text_size(out, sizeof out, 3145728);
	assert_string_equal(out, "3.0M");
	text_size(out, sizeof out, UINT64_MAX);
	assert_true(strlen(out) <= 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_ascii_and_wide),
		cmocka_unit_test(test_fit_middle),
		cmocka_unit_test(test_controls_replaced),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_bidi_and_zero_width),
		cmocka_unit_test(test_cut_by_columns),
		cmocka_unit_test(test_small_buffer),
		cmocka_unit_test(test_fit_left),
		cmocka_unit_test(test_size),
	};

	return cmocka_run_group_tests(tests, utf8_locale, NULL);
}
