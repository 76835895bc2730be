/* Unit tests for proto/path.c: joining and normalising virtual paths. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "path.h"

static void
join_is(const char *cwd, const char *arg, const char *want)
{
	struct buf b;

	buf_init(&b);
	if (path_join(cwd, arg, strlen(arg), &b) != 0)
		fail_msg("path_join(\"%s\", \"%s\") failed", cwd, arg);
	if (strcmp(buf_cstr(&b), want) != 0)
		fail_msg("path_join(\"%s\", \"%s\") = \"%s\", want \"%s\"",
		    cwd, arg, b.data, want);
	buf_free(&b);
}

static void
test_join_relative(void **state)
{
	(void)state;
	join_is("/", "a", "/a");
	join_is("/a", "b/c", "/a/b/c");
	join_is("/a/b", "", "/a/b");
	join_is("/a/b", ".", "/a/b");
	join_is("/a/b", "./c/./d/.", "/a/b/c/d");
	join_is("/a/b", "c/", "/a/b/c");
}

static void
test_join_dotdot(void **state)
{
	(void)state;
	join_is("/a/b", "..", "/a");
	join_is("/a/b", "../c", "/a/c");
	join_is("/a", "../../..", "/");
	join_is("/", "..", "/");
	join_is("/", "../../../etc/passwd", "/etc/passwd");
	join_is("/a/b", "c/../../d", "/a/d");
	join_is("/a", "..x", "/a/..x");
	join_is("/a", "...", "/a/...");
}

static void
test_join_slashes(void **state)
{
	(void)state;
	join_is("/x", "//a///b/", "/a/b");
	join_is("/x", "/", "/");
	join_is("/x", "///", "/");
	join_is("/x/y", "/abs/path", "/abs/path");
	join_is("/x/y", "/../..", "/");
}

static void
test_join_keeps_odd_names(void **state)
{
	(void)state;
	join_is("/", "my file ", "/my file ");
	join_is("/", " lead", "/ lead");
	join_is("/", "a\\b", "/a\\b");
}

static void
test_join_nul(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	assert_int_equal(path_join("/", "a\0b", 3, &b), -1);
	/* Only arglen bytes count: a NUL after them is the terminator. */
	assert_int_equal(path_join("/", "ab\0c", 2, &b), 0);
	assert_string_equal(buf_cstr(&b), "/ab");
	buf_free(&b);
}

static void
test_join_too_long(void **state)
{
	static char arg[PATH_MAX_VIRTUAL + 10];
	struct buf b;

	(void)state;
	buf_init(&b);
	memset(arg, 'a', sizeof(arg) - 1);
	assert_int_equal(path_join("/", arg, PATH_MAX_VIRTUAL - 1, &b), 0);
	assert_int_equal(b.len, PATH_MAX_VIRTUAL);
	assert_int_equal(path_join("/", arg, PATH_MAX_VIRTUAL, &b), -1);
	/* Long on the way, short in the end, is fine. */
	memcpy(arg + PATH_MAX_VIRTUAL, "/..", 3);
	assert_int_equal(path_join("/z", arg, PATH_MAX_VIRTUAL + 3, &b), 0);
	assert_string_equal(buf_cstr(&b), "/z");
	buf_free(&b);
}

static void
test_rel_base_split(void **state)
{
	struct buf d;
	const char *base;

	(void)state;
	assert_string_equal(path_rel("/"), ".");
	assert_string_equal(path_rel("/a/b"), "a/b");
	assert_string_equal(path_base("/"), "/");
	assert_string_equal(path_base("/a"), "a");
	assert_string_equal(path_base("/a/b c"), "b c");
	buf_init(&d);
	path_split("/a/b", &d, &base);
	assert_string_equal(buf_cstr(&d), "/a");
	assert_string_equal(base, "b");
	path_split("/a", &d, &base);
	assert_string_equal(buf_cstr(&d), "/");
	assert_string_equal(base, "a");
	path_split("/", &d, &base);
	assert_string_equal(buf_cstr(&d), "/");
	assert_string_equal(base, "/");
	buf_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_join_relative),
		cmocka_unit_test(test_join_dotdot),
		cmocka_unit_test(test_join_slashes),
		cmocka_unit_test(test_join_keeps_odd_names),
		cmocka_unit_test(test_join_nul),
		cmocka_unit_test(test_join_too_long),
		cmocka_unit_test(test_rel_base_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
