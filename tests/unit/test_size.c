/* Unit tests for proto/size.c: SIZE replies and 150 texts of real servers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "size.h"

static void
test_213(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(size_parse_213("4161", &v), 0);
	assert_int_equal(v, 4161);
	assert_int_equal(size_parse_213(" 0 ", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(size_parse_213("18446744073709551615", &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(size_parse_213("18446744073709551616", &v), -1);
	assert_int_equal(size_parse_213("", &v), -1);
	assert_int_equal(size_parse_213("-1", &v), -1);
	assert_int_equal(size_parse_213("+1", &v), -1);
	assert_int_equal(size_parse_213("12 bytes", &v), -1);
	assert_int_equal(size_parse_213("1 2", &v), -1);
	assert_int_equal(size_parse_213("0x10", &v), -1);
}

static void
test_150_real_servers(void **state)
{
	uint64_t v;

	(void)state;
	/* vsftpd postlogin.c */
	assert_int_equal(size_parse_150("Opening BINARY mode data connection "
	    "for f.iso (734003200 bytes).", &v), 0);
	assert_int_equal(v, 734003200);
	/* ProFTPD data.c, and its singular. */
	assert_int_equal(size_parse_150("Opening BINARY mode data connection "
	    "for report.txt (4161 bytes)", &v), 0);
	assert_int_equal(v, 4161);
	assert_int_equal(size_parse_150("Opening ASCII mode data connection "
	    "for one (1 byte)", &v), 0);
	assert_int_equal(v, 1);
	/* A name holding a fake size: the last '(' wins. */
	assert_int_equal(size_parse_150("Opening BINARY mode data connection "
	    "for x (5 bytes).txt (100 bytes).", &v), 0);
	assert_int_equal(v, 100);
}

static void
test_150_no_size(void **state)
{
	uint64_t v = 77;

	(void)state;
	/* Pure-FTPd gives only an estimate in kbytes. */
	assert_int_equal(size_parse_150("Accepted data connection\n"
	    "4.3 kbytes to download", &v), -1);
	assert_int_equal(size_parse_150("4.3 kbytes to download", &v), -1);
	assert_int_equal(size_parse_150("Here comes the directory listing.", &v), -1);
	assert_int_equal(size_parse_150("Ok to send data.", &v), -1);
	assert_int_equal(size_parse_150("Opening BINARY mode data connection "
	    "for f", &v), -1);
	assert_int_equal(size_parse_150("for f (bytes)", &v), -1);
	assert_int_equal(size_parse_150("for f (12bytes)", &v), -1);
	assert_int_equal(size_parse_150("for f (12 kbytes)", &v), -1);
	assert_int_equal(size_parse_150("for (12 bytes) f (x)", &v), -1);
	assert_int_equal(v, 77);
}

static void
test_remaining(void **state)
{
	(void)state;
	/* vsftpd: whole size after REST. */
	assert_int_equal(size_remaining(1000, 1000, 300), 700);
	/* ProFTPD: already the remainder. */
	assert_int_equal(size_remaining(700, 1000, 300), 700);
	/* Unknown total: trust the 150. */
	assert_int_equal(size_remaining(1000, UINT64_MAX, 300), 1000);
	assert_int_equal(size_remaining(1000, 1000, 0), 1000);
	assert_int_equal(size_remaining(1000, 1000, 5000), 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_213),
		cmocka_unit_test(test_150_real_servers),
		cmocka_unit_test(test_150_no_size),
		cmocka_unit_test(test_remaining),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
