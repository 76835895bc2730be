/*
 * Unit tests for server/log.c: log_vis (libbsd's vis(3) a byte at a
 * time) must write what strnvis writes with the flags of log lines
 * (VIS_CSTYLE | VIS_OCTAL | VIS_TAB | VIS_NL), in the C locale forkftpd
 * runs in, byte for byte.
 */
#define LIBBSD_OPENBSD_VIS	/* strnvis(dst, src, dstsize, flags) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vis.h>
#include <cmocka.h>

#include "../../server/log.h"

#define VIS_LOG	(VIS_CSTYLE | VIS_OCTAL | VIS_TAB | VIS_NL)

/* src (NUL-terminated, at most 63 bytes) through both, compared. */
static void
same_as_strnvis(const char *src)
{
	char want[4 * 64 + 1], got[4 * 64 + 1];

	strnvis(want, src, sizeof(want), VIS_LOG);
	memset(got, 'x', sizeof(got));
	log_vis(got, sizeof(got), src);
	if (strcmp(want, got) != 0)
		fail_msg("strnvis wrote \"%s\", log_vis \"%s\"", want, got);
}

static void
test_every_byte_and_pair(void **state)
{
	char s[3];
	int a, b;

	(void)state;
	s[2] = '\0';
	for (a = 1; a < 256; a++) {
		s[0] = (char)a;
		s[1] = '\0';
		same_as_strnvis(s);
		/* What follows a byte may change its escape ("\0" before
		 * a digit in strnvis): every pair. */
		for (b = 1; b < 256; b++) {
			s[1] = (char)b;
			same_as_strnvis(s);
		}
	}
}

static void
test_random_lines(void **state)
{
	/* Bytes a hostile file name is made of, and plain text. */
	static const char pool[] = "\\\n\r\t\b\a\v\f\033\177\200\303\251\377 "
	    "0aZ%\"'$^M~";
	char s[64];
	size_t i, n;
	int k;

	(void)state;
	srandom(7);
	for (k = 0; k < 20000; k++) {
		n = (size_t)random() % (sizeof(s) - 1);
		for (i = 0; i < n; i++)
			s[i] = pool[(size_t)random() % (sizeof(pool) - 1)];
		s[n] = '\0';
		same_as_strnvis(s);
	}
}

static void
test_examples(void **state)
{
	char out[64];

	(void)state;
	log_vis(out, sizeof(out), "a b\\c\r\n\t\001\377");
	assert_string_equal("a b\\\\c\\r\\n\\t\\001\\377", out);
	/* Under 5 bytes left it stops: an escape is never cut. */
	log_vis(out, 7, "ab\001");
	assert_string_equal("ab\\001", out);
	log_vis(out, 6, "ab\001");
	assert_string_equal("ab", out);
	log_vis(out, 1, "ab");
	assert_string_equal("", out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_byte_and_pair),
		cmocka_unit_test(test_random_lines),
		cmocka_unit_test(test_examples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
