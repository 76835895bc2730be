/*
 * Unit tests for tui-client/progress.c: the download total from each size
 * source (SIZE, the 150 "(N bytes)" of vsftpd and of ProFTPD/forkftpd,
 * none) and the progress line; and batch.c's command splitting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../tui-client/batch.h"
#include "../../tui-client/progress.h"

#define UNKNOWN UINT64_MAX

static void
test_total_from_size(void **state)
{
	(void)state;
	/* SIZE wins over whatever the 150 says. */
	assert_true(progress_total(5000, "Opening BINARY mode data connection "
	    "for f (5000 bytes).", 0) == 5000);
	/* vsftpd after REST 2000 still says the whole size: SIZE decides. */
	assert_true(progress_total(5000, "Opening BINARY mode data connection "
	    "for f (5000 bytes).", 2000) == 5000);
	assert_true(progress_total(0, NULL, 0) == 0);
}

static void
test_total_from_150(void **state)
{
	(void)state;
	/* vsftpd, no REST: the 150 number is the file. */
	assert_true(progress_total(UNKNOWN, "Opening BINARY mode data "
	    "connection for big.bin (3145728 bytes).", 0) == 3145728);
	/* ProFTPD / forkftpd after REST 1000000: what remains. */
	assert_true(progress_total(UNKNOWN, "Opening BINARY mode data "
	    "connection for big.bin (2145728 bytes)", 1000000) == 3145728);
	/* ProFTPD's singular. */
	assert_true(progress_total(UNKNOWN, "Opening BINARY mode data "
	    "connection for one (1 byte)", 0) == 1);
}

static void
test_total_unknown(void **state)
{
	(void)state;
	/* Pure-FTPd: multi-line 150, a rounded size: not exact, unknown. */
	assert_true(progress_total(UNKNOWN, "Accepted data connection\n"
	    "4.3 kbytes to download", 0) == UNKNOWN);
	assert_true(progress_total(UNKNOWN, "Ok to send data.", 0) == UNKNOWN);
	assert_true(progress_total(UNKNOWN, NULL, 10) == UNKNOWN);
	assert_true(progress_total(UNKNOWN, "", 0) == UNKNOWN);
}

static void
test_format(void **state)
{
	char out[256];

	(void)state;
	progress_format(out, sizeof(out), "f.bin", 1048576, 2097152, 0, 1.0);
	assert_non_null(strstr(out, "f.bin"));
	assert_non_null(strstr(out, "50%"));
	assert_non_null(strstr(out, "/s"));
	assert_non_null(strstr(out, "ETA 0:01"));
	/* Resumed bytes do not count for the rate: nothing new, no ETA. */
	progress_format(out, sizeof(out), "f.bin", 1048576, 2097152, 1048576, 1.0);
	assert_null(strstr(out, "ETA"));
	/* Unknown total: no percent. */
	progress_format(out, sizeof(out), "f.bin", 1000, UNKNOWN, 0, 1.0);
	assert_null(strchr(out, '%'));
	/* Empty file: 100%, no division by zero. */
	progress_format(out, sizeof(out), "e", 0, 0, 0, 0.0);
	assert_non_null(strstr(out, "100%"));
}

static void
test_split(void **state)
{
	const char *t = "get \"a b\" 'c;d'; ls -l\n# comment ; x\n  pwd ; put x\\ y";
	char *av[16];
	int n;

	(void)state;
	n = batch_split(&t, av, 16);
	assert_int_equal(n, 3);
	assert_string_equal(av[0], "get");
	assert_string_equal(av[1], "a b");
	assert_string_equal(av[2], "c;d");
	batch_free_argv(av, n);
	n = batch_split(&t, av, 16);
	assert_int_equal(n, 2);
	assert_string_equal(av[1], "-l");
	batch_free_argv(av, n);
	assert_int_equal(batch_split(&t, av, 16), 0);	/* the comment line */
	n = batch_split(&t, av, 16);
	assert_int_equal(n, 1);
	assert_string_equal(av[0], "pwd");
	batch_free_argv(av, n);
	n = batch_split(&t, av, 16);
	assert_int_equal(n, 2);
	assert_string_equal(av[1], "x y");
	batch_free_argv(av, n);
	assert_int_equal(batch_split(&t, av, 16), -1);
	t = "get \"open";
	assert_int_equal(batch_split(&t, av, 16), -2);
	t = "a b c";
	assert_int_equal(batch_split(&t, av, 2), -2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_total_from_size),
		cmocka_unit_test(test_total_from_150),
		cmocka_unit_test(test_total_unknown),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
