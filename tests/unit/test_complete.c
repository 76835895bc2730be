/*
 * Unit tests for complete.c without a server: command names (with the
 * shell's extra words), options per command, local paths in a fixture
 * directory (escaping, directories, dot files, names holding control
 * characters), which operand is local (put, mirror -R) and the word
 * after ';'.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../tui-client/batch.h"
#include "../../tui-client/complete.h"

static char fixture[] = "/tmp/forkftp-compl.XXXXXX";

static void
touch(const char *name)
{
	char	 path[512];
	int	 fd;

	snprintf(path, sizeof(path), "%s/%s", fixture, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd != -1);
	close(fd);
}

static int
setup(void **state)
{
	char	 path[512];

	(void)state;
	if (mkdtemp(fixture) == NULL || chdir(fixture) == -1)
		return -1;
	touch("report one.txt");
	touch("report two.txt");
	touch(".hidden");
	touch("bad\033[2Jname");
	touch("it's");
	snprintf(path, sizeof(path), "%s/subdir", fixture);
	return mkdir(path, 0755);
}

static int
teardown(void **state)
{
	char	 cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fixture);
	return system(cmd) == 0 ? 0 : -1;
}

/* Complete line (cursor at its end): the insert, and the match count. */
static char *
complete(const char *line, size_t *n)
{
	static const char *const extra[] = { "open", "quit", NULL };
	struct compl_cache *cc = compl_cache_new();
	struct compl_result	 c;
	char		*ins;

	*n = compl_line(cc, NULL, extra, line, strlen(line), &c);
	ins = c.insert != NULL ? strdup(c.insert) : NULL;
	compl_free(&c);
	compl_cache_free(cc);
	return ins;
}

static void
expect(const char *line, const char *insert, size_t n)
{
	size_t	 got;
	char	*ins = complete(line, &got);

	assert_int_equal(got, n);
	if (insert == NULL)
		assert_null(ins);
	else
		assert_string_equal(ins, insert);
	free(ins);
}

static void
test_commands(void **state)
{
	(void)state;
	expect("mk", "dir ", 1);
	expect("m", "", 5);		/* mget mirror mkdir mput mv */
	expect("op", "en ", 1);		/* the shell's own word */
	expect("help mir", "ror ", 1);
	expect("cd x; pw", "d ", 1);	/* a new command after ';' */
	expect("zz", NULL, 0);
}

static void
test_options(void **state)
{
	(void)state;
	expect("mirror --del", "ete ", 1);
	expect("mput -", "", 5);	/* -c -O -P --continue --parallel */
	expect("mput --p", "arallel ", 1);
	expect("cd -", NULL, 0);
}

static void
test_local(void **state)
{
	(void)state;
	/* put's first operand is local: spaces escaped, common part first */
	expect("put rep", "ort\\ ", 2);
	expect("put report\\ o", "ne.txt ", 1);
	expect("put \"report o", "ne.txt\" ", 1);
	expect("lcd sub", "dir/", 1);
	expect("put it", "\\'s ", 1);
	expect("put 'it", "'\\''s' ", 1);
	expect("put \"it", "'s\" ", 1);
	/* dot files only when asked for; control characters never */
	expect("put .h", "idden ", 1);
	expect("put ba", NULL, 0);
	/* get's second operand is local, its first remote (no server) */
	expect("get x rep", "ort\\ ", 2);
	expect("get rep", NULL, 0);
	/* mirror -R: the source is local */
	expect("mirror -R sub", "dir/", 1);
	expect("mirror sub", NULL, 0);
	expect("mget -O sub", NULL, 0);	/* -O's argument is not an operand */
}

/* The completed line, split as batch mode splits it, names the file. */
static void
roundtrip(const char *line, const char *want)
{
	char		 full[256], *av[4];
	const char	*p = full;
	size_t		 n;
	char		*ins = complete(line, &n);
	int		 ac;

	assert_int_equal(n, 1);
	snprintf(full, sizeof(full), "%s%s", line, ins);
	free(ins);
	ac = batch_split(&p, av, 4);
	assert_int_equal(ac, 2);
	assert_string_equal(av[1], want);
	batch_free_argv(av, ac);
}

static void
test_roundtrip(void **state)
{
	(void)state;
	roundtrip("put it", "it's");
	roundtrip("put 'it", "it's");
	roundtrip("put \"it", "it's");
	roundtrip("put report\\ o", "report one.txt");
	roundtrip("put \"report t", "report two.txt");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_roundtrip),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
