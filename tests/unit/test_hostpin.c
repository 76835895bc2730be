/*
 * Unit tests for tui-client/hostpin.c: fingerprints with and without
 * colons, the known_hosts reader's tolerance of junk and overlong lines,
 * replacing a pin, the 0600 atomic write.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../tui-client/hostpin.h"

#define FP_A "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF"
#define FP_B "FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA99887766554433221100"

static char dir[64], path[128];

static int
setup(void **state)
{
	(void)state;
	strlcpy(dir, "/tmp/test_hostpin.XXXXXX", sizeof dir);
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof path, "%s/sub/known_hosts", dir);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_fp_parse(void **state)
{
	char out[65];

	(void)state;
	assert_int_equal(hostpin_fp_parse(FP_A, out), 0);
	assert_string_equal(out, FP_A);
	assert_int_equal(hostpin_fp_parse("00:11:22:33:44:55:66:77:88:99:aa:bb:"
	    "cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff", out), 0);
	assert_string_equal(out, FP_A);
	assert_int_equal(hostpin_fp_parse("00:11", out), -1);
	assert_int_equal(hostpin_fp_parse(FP_A "00", out), -1);
	assert_int_equal(hostpin_fp_parse("zz" FP_A, out), -1);
	assert_int_equal(hostpin_fp_parse("", out), -1);
}

static void
test_add_lookup(void **state)
{
	struct stat st;
	char fp[65];
	size_t line = 0;

	(void)state;
	assert_int_equal(hostpin_lookup(path, "h:21", fp, &line), 0);
	assert_int_equal(hostpin_add(path, "h:21", FP_A), 0);
	assert_int_equal(hostpin_add(path, "[::1]:990", FP_B), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(hostpin_lookup(path, "h:21", fp, &line), 1);
	assert_string_equal(fp, FP_A);
	assert_int_equal(line, 3);	/* after the two header lines */
	assert_int_equal(hostpin_lookup(path, "[::1]:990", fp, &line), 1);
	assert_string_equal(fp, FP_B);
	assert_int_equal(hostpin_lookup(path, "h:2121", fp, &line), 0);
	/* Replacing keeps one line for the host. */
	assert_int_equal(hostpin_add(path, "h:21", FP_B), 0);
	assert_int_equal(hostpin_lookup(path, "h:21", fp, &line), 1);
	assert_string_equal(fp, FP_B);
	assert_int_equal(line, 4);
}

static void
test_hostile_file(void **state)
{
	FILE *f;
	char fp[65];
	size_t line = 0, i;

	(void)state;
	assert_int_equal(hostpin_add(path, "x:1", FP_A), 0);	/* makes sub/ */
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "# comment\n\n   \nh:21\nh:21 md5:" FP_A "\nh:21 sha256:12\n");
	for (i = 0; i < 3 * HOSTPIN_LINE_MAX; i++)
		fputc('h', f);
	fprintf(f, ":21 sha256:" FP_B "\n");
	fprintf(f, "H:21 sha256:%s\r\n", FP_A);
	fclose(f);
	assert_int_equal(hostpin_lookup(path, "h:21", fp, &line), 1);
	assert_string_equal(fp, FP_A);
	assert_int_equal(line, 8);
	/* A directory (or a FIFO) is refused, not read. */
	assert_int_equal(hostpin_lookup(dir, "h:21", fp, &line), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fp_parse),
		cmocka_unit_test_setup_teardown(test_add_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_file, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
