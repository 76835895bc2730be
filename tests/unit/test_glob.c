/*
 * Unit tests for the client's name handling that needs no server:
 * ftp-glob.c (wildcard detection, name lists), ftp-tree.c (the unsafe
 * name check mirror, get -r and mget share; path joining) and batch.c's
 * command splitting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../tui-client/batch.h"
#include "../../tui-client/ftp.h"
#include "../../tui-client/ftp-tree.h"

static void
test_glob_magic(void **state)
{
	(void)state;
	assert_true(ftp_glob_magic("*.txt"));
	assert_true(ftp_glob_magic("a?"));
	assert_true(ftp_glob_magic("[ab]c"));
	assert_true(ftp_glob_magic("dir/x*"));
	assert_false(ftp_glob_magic("plain.txt"));
	assert_false(ftp_glob_magic("dir/sub dir/file"));
	assert_false(ftp_glob_magic(""));
}

static void
test_names_uniq(void **state)
{
	struct ftp_names v = { 0 };
	static const char *const in[] = { "b", "a", "b", "c", "a", "b" };
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		ftp_names_add(&v, in[i]);
	assert_int_equal(v.n, 6);
	ftp_names_uniq(&v);
	/* The first of each, in the original order. */
	assert_int_equal(v.n, 3);
	assert_string_equal(v.name[0], "b");
	assert_string_equal(v.name[1], "a");
	assert_string_equal(v.name[2], "c");
	ftp_names_free(&v);
	assert_int_equal(v.n, 0);
	assert_null(v.name);
	/* Empty and single lists are left alone. */
	ftp_names_uniq(&v);
	ftp_names_add(&v, "only");
	ftp_names_uniq(&v);
	assert_int_equal(v.n, 1);
	ftp_names_free(&v);
}

static void
test_names_grow(void **state)
{
	struct ftp_names v = { 0 };
	char		 s[16];
	int		 i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		snprintf(s, sizeof(s), "f%d", i % 100);
		ftp_names_add(&v, s);
	}
	ftp_names_uniq(&v);
	assert_int_equal(v.n, 100);
	assert_string_equal(v.name[99], "f99");
	ftp_names_free(&v);
}

static void
test_name_unsafe(void **state)
{
	(void)state;
	assert_true(tree_name_unsafe(""));
	assert_true(tree_name_unsafe("."));
	assert_true(tree_name_unsafe(".."));
	assert_true(tree_name_unsafe("../escape"));
	assert_true(tree_name_unsafe("/etc/passwd"));
	assert_true(tree_name_unsafe("a/../../b"));
	assert_true(tree_name_unsafe("dir/"));
	assert_false(tree_name_unsafe("..."));
	assert_false(tree_name_unsafe(".hidden"));
	assert_false(tree_name_unsafe("..x"));
	assert_false(tree_name_unsafe("name with spaces"));
	assert_false(tree_name_unsafe("back\\slash"));
}

static void
test_path_cat(void **state)
{
	char	*p;

	(void)state;
	p = tree_path_cat("dir", "f");
	assert_string_equal(p, "dir/f");
	free(p);
	p = tree_path_cat("dir/", "f");
	assert_string_equal(p, "dir/f");
	free(p);
	p = tree_path_cat("/", "f");
	assert_string_equal(p, "/f");
	free(p);
	p = tree_path_cat(".", "sub dir");
	assert_string_equal(p, "./sub dir");
	free(p);
}

/* Split all of text; the words of each command joined by '|', then ';'. */
static void
split_all(const char *text, char *out, size_t len)
{
	char	*av[8];
	int	 ac, i;

	*out = '\0';
	while ((ac = batch_split(&text, av, 8)) != -1) {
		if (ac == -2) {
			strlcat(out, "ERR;", len);
			continue;
		}
		for (i = 0; i < ac; i++) {
			strlcat(out, av[i], len);
			strlcat(out, i + 1 < ac ? "|" : "", len);
		}
		strlcat(out, ";", len);
		batch_free_argv(av, ac);
	}
}

static void
test_split(void **state)
{
	char	 out[256];

	(void)state;
	split_all("mirror -R --delete . up", out, sizeof(out));
	assert_string_equal(out, "mirror|-R|--delete|.|up;");
	split_all("cd a; mirror \"sub dir\" 'x y'\nls", out, sizeof(out));
	assert_string_equal(out, "cd|a;mirror|sub dir|x y;ls;");
	split_all("get a\\ b # comment; not a command\npwd", out, sizeof(out));
	assert_string_equal(out, "get|a b;pwd;");
	split_all("mget '*\\[x\\]*' \"\\\"q\"", out, sizeof(out));
	assert_string_equal(out, "mget|*\\[x\\]*|\"q;");
	split_all(";;", out, sizeof(out));
	assert_string_equal(out, ";;");
	split_all("get \"unterminated", out, sizeof(out));
	assert_string_equal(out, "ERR;");
	/* More words than argv holds is an error, not a silent cut. */
	split_all("a b c d e f g h i", out, sizeof(out));
	assert_string_equal(out, "ERR;");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glob_magic),
		cmocka_unit_test(test_names_uniq),
		cmocka_unit_test(test_names_grow),
		cmocka_unit_test(test_name_unsafe),
		cmocka_unit_test(test_path_cat),
		cmocka_unit_test(test_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
