/* Unit tests for tui-client/url.c: ftp:// URLs, percent-decoding, IPv6. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../tui-client/url.h"

static void
parse_ok(const char *s, struct url *u)
{
	char err[128];

	assert_int_equal(url_parse(s, u, err, sizeof(err)), 0);
}

static void
parse_bad(const char *s)
{
	struct url u;
	char err[128] = "";

	assert_int_equal(url_parse(s, &u, err, sizeof(err)), -1);
	assert_true(err[0] != '\0');
}

static void
test_full(void **state)
{
	struct url u;

	(void)state;
	parse_ok("ftp://alice:s3cret@ftp.example.org:2121/pub/dir/", &u);
	assert_string_equal(u.user, "alice");
	assert_string_equal(u.pass, "s3cret");
	assert_string_equal(u.host, "ftp.example.org");
	assert_string_equal(u.port, "2121");
	assert_string_equal(u.path, "pub/dir/");
	assert_true(u.dir);
	url_free(&u);
}

static void
test_minimal(void **state)
{
	struct url u;

	(void)state;
	parse_ok("ftp://host", &u);
	assert_null(u.user);
	assert_null(u.pass);
	assert_null(u.port);
	assert_string_equal(u.host, "host");
	assert_string_equal(u.path, "");
	url_free(&u);
	parse_ok("127.0.0.1:21/file.txt", &u);	/* scheme optional */
	assert_string_equal(u.host, "127.0.0.1");
	assert_string_equal(u.path, "file.txt");
	assert_false(u.dir);
	url_free(&u);
}

static void
test_user_without_password(void **state)
{
	struct url u;

	(void)state;
	parse_ok("ftp://bob@h/", &u);
	assert_string_equal(u.user, "bob");
	assert_null(u.pass);
	url_free(&u);
	parse_ok("ftp://bob:@h/", &u);
	assert_string_equal(u.pass, "");
	url_free(&u);
}

static void
test_percent(void **state)
{
	struct url u;

	(void)state;
	parse_ok("ftp://us%65r:p%40ss%3Aword@h/sub%20dir/Gr%C3%BC%C3%9Fe.txt", &u);
	assert_string_equal(u.user, "user");
	assert_string_equal(u.pass, "p@ss:word");
	assert_string_equal(u.path, "sub dir/Grüße.txt");
	url_free(&u);
	/* A raw '@' in the password: the last '@' ends the userinfo. */
	parse_ok("ftp://u:a@b@h/", &u);
	assert_string_equal(u.pass, "a@b");
	assert_string_equal(u.host, "h");
	url_free(&u);
}

static void
test_typecode(void **state)
{
	struct url u;

	(void)state;
	parse_ok("ftp://h/dir/file.bin;type=i", &u);
	assert_string_equal(u.path, "dir/file.bin");
	assert_false(u.dir);
	url_free(&u);
	parse_ok("ftp://h/dir/;type=d", &u);
	assert_string_equal(u.path, "dir/");
	url_free(&u);
	parse_ok("ftp://h/a;type=x", &u);	/* not a typecode: kept */
	assert_string_equal(u.path, "a;type=x");
	url_free(&u);
}

static void
test_ipv6(void **state)
{
	struct url u;

	(void)state;
	parse_ok("ftp://[::1]:2121/x", &u);
	assert_string_equal(u.host, "::1");
	assert_string_equal(u.port, "2121");
	url_free(&u);
	parse_ok("ftp://u@[fe80::1%25eth0]/", &u);
	assert_string_equal(u.host, "fe80::1%eth0");
	assert_null(u.port);
	url_free(&u);
}

/* The scheme sets the TLS mode; the port stays for ftp_connect to choose. */
static void
test_schemes(void **state)
{
	struct url u;

	(void)state;
	parse_ok("ftp://h/", &u);
	assert_int_equal(u.tls, TLS_AUTO);
	url_free(&u);
	parse_ok("h", &u);
	assert_int_equal(u.tls, TLS_AUTO);
	url_free(&u);
	parse_ok("FTPES://bob@h/d/", &u);
	assert_int_equal(u.tls, TLS_REQUIRED);
	assert_string_equal(u.user, "bob");
	assert_string_equal(u.path, "d/");
	url_free(&u);
	parse_ok("ftps://h", &u);
	assert_int_equal(u.tls, TLS_IMPLICIT);
	assert_null(u.port);
	url_free(&u);
	assert_string_equal(url_scheme(TLS_REQUIRED), "ftpes");
	assert_string_equal(url_scheme(TLS_IMPLICIT), "ftps");
	assert_string_equal(url_scheme(TLS_OFF), "ftp");
	parse_bad("sftp://h/");
	parse_bad("ftpx://h/");
}

static void
test_bad(void **state)
{
	(void)state;
	parse_bad("http://host/");
	parse_bad("ftp://");
	parse_bad("ftp://host:/");
	parse_bad("ftp://host:0/");
	parse_bad("ftp://host:65536/");
	parse_bad("ftp://host:12a/");
	parse_bad("ftp://[::1/");
	parse_bad("ftp://[::1]x/");
	parse_bad("ftp://host/a%2");		/* truncated escape */
	parse_bad("ftp://host/a%zz");
	parse_bad("ftp://host/a%0d%0aDELE%20x");	/* CR LF injection */
	parse_bad("ftp://host/a%00b");
	parse_bad("ftp://u%0a:p@host/");
}

static void
test_decode(void **state)
{
	char *s;

	(void)state;
	s = url_decode("a%2fb%2F", 8);
	assert_string_equal(s, "a/b/");
	free(s);
	s = url_decode("", 0);
	assert_string_equal(s, "");
	free(s);
	assert_null(url_decode("%", 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_schemes),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_user_without_password),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_typecode),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
