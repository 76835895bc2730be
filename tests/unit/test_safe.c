/* Unit tests for tui-client/safe.c: hostile text made harmless. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "../../tui-client/safe.h"

static void
check(const char *in, int keep_nl, const char *want)
{
	struct buf b;

	buf_init(&b);
	safe_buf(&b, in, keep_nl);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_plain_and_utf8(void **state)
{
	(void)state;
	check("", 0, "");
	check("hello world.txt", 0, "hello world.txt");
	check("Grüße 日本 🙂", 0, "Grüße 日本 🙂");
}

static void
test_controls(void **state)
{
	(void)state;
	check("a\033[2Jb", 0, "a?[2Jb");		/* ESC */
	check("bell\007\b\177", 0, "bell???");		/* BEL BS DEL */
	check("l1\nl2\r", 0, "l1?l2?");
	check("l1\nl2", 1, "l1\nl2");			/* replies keep lines */
	check("c1 \xc2\x9b" "31m", 0, "c1 ?31m");	/* U+009B, UTF-8 CSI */
	check("tab\there", 0, "tab?here");
}

static void
test_invalid(void **state)
{
	(void)state;
	check("raw \x9b" "2J", 0, "raw ?2J");		/* lone continuation */
	check("\xc0\xaf", 0, "??");			/* overlong '/' */
	check("\xed\xa0\x80", 0, "???");		/* surrogate */
	check("\xf4\x90\x80\x80", 0, "????");		/* above U+10FFFF */
	check("cut \xe6\x97", 0, "cut ??");		/* truncated */
	check("\xff\xfe", 0, "??");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_utf8),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
