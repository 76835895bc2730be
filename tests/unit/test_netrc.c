/* Unit tests for tui-client/netrc.c: ~/.netrc lookup. */
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

#include "../../tui-client/netrc.h"

static const char sample[] =
    "# a comment is just words to skip\n"
    "machine ftp.example.org login alice password one\n"
    "machine other.example.org\n"
    "\tlogin bob\n"
    "\tpassword \"two words\"\n"
    "macdef init\n"
    "machine fake login mallory password evil\n"
    "\n"
    "machine other.example.org login carol password three\n"
    "default login anonymous password guest@\n";

static void
test_machine(void **state)
{
	struct netrc_cred c;

	(void)state;
	assert_int_equal(netrc_parse(sample, "ftp.example.org", NULL, &c), 0);
	assert_string_equal(c.login, "alice");
	assert_string_equal(c.password, "one");
	netrc_free(&c);
	/* Host names compare case-insensitively. */
	assert_int_equal(netrc_parse(sample, "FTP.Example.ORG", NULL, &c), 0);
	assert_string_equal(c.login, "alice");
	netrc_free(&c);
}

static void
test_first_match_and_quotes(void **state)
{
	struct netrc_cred c;

	(void)state;
	assert_int_equal(netrc_parse(sample, "other.example.org", NULL, &c), 0);
	assert_string_equal(c.login, "bob");
	assert_string_equal(c.password, "two words");
	netrc_free(&c);
}

static void
test_by_user(void **state)
{
	struct netrc_cred c;

	(void)state;
	assert_int_equal(netrc_parse(sample, "other.example.org", "carol", &c), 0);
	assert_string_equal(c.password, "three");
	netrc_free(&c);
	/* No entry for that login: only the default's login could match. */
	assert_int_equal(netrc_parse(sample, "other.example.org", "dave", &c), -1);
}

static void
test_macdef_skipped(void **state)
{
	struct netrc_cred c;

	(void)state;
	/* "machine fake" lives inside a macro body: not an entry. */
	assert_int_equal(netrc_parse(sample, "fake", NULL, &c), 0);
	assert_string_equal(c.login, "anonymous");	/* the default */
	netrc_free(&c);
}

static void
test_default(void **state)
{
	struct netrc_cred c;

	(void)state;
	assert_int_equal(netrc_parse(sample, "unknown.host", NULL, &c), 0);
	assert_string_equal(c.login, "anonymous");
	assert_string_equal(c.password, "guest@");
	netrc_free(&c);
	assert_int_equal(netrc_parse("machine a login b\n", "z", NULL, &c), -1);
	assert_int_equal(netrc_parse("", "z", NULL, &c), -1);
}

static void
test_file_permissions(void **state)
{
	char path[] = "/tmp/netrc-test.XXXXXX";
	struct netrc_cred c;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, sample, strlen(sample)), (ssize_t)strlen(sample));
	close(fd);
	chmod(path, 0600);
	assert_int_equal(netrc_lookup(path, "ftp.example.org", NULL, &c), 0);
	assert_string_equal(c.password, "one");
	netrc_free(&c);
	chmod(path, 0644);
	assert_int_equal(netrc_lookup(path, "ftp.example.org", NULL, &c), -2);
	unlink(path);
	assert_int_equal(netrc_lookup(path, "ftp.example.org", NULL, &c), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_machine),
		cmocka_unit_test(test_first_match_and_quotes),
		cmocka_unit_test(test_by_user),
		cmocka_unit_test(test_macdef_skipped),
		cmocka_unit_test(test_default),
		cmocka_unit_test(test_file_permissions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
