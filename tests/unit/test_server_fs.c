/*
 * Unit tests for server/ascii.c (TYPE A conversion across buffer
 * boundaries), server/fs.c (the jail: resolution beneath a directory fd)
 * and server/auth.c (users file, crypt check).
 */
#include <sys/stat.h>
#include <crypt.h>
#include <errno.h>
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

#include "buf.h"
#include "../../server/ascii.h"
#include "../../server/auth.h"
#include "../../server/fs.h"

/* Feed in one byte at a time: the worst split a network can make. */
static void
from_net_is(const char *in, const char *want)
{
	struct buf out;
	int cr = 0;
	size_t i;

	buf_init(&out);
	for (i = 0; in[i] != '\0'; i++)
		ascii_from_net(&out, in + i, 1, &cr);
	ascii_from_net_end(&out, &cr);
	if (strcmp(buf_cstr(&out), want) != 0)
		fail_msg("from_net(%s) = [%s], want [%s]", in, out.data, want);
	buf_free(&out);
}

static void
to_net_is(const char *in, const char *want)
{
	struct buf out;
	int cr = 0;
	size_t i;

	buf_init(&out);
	for (i = 0; in[i] != '\0'; i++)
		ascii_to_net(&out, in + i, 1, &cr);
	if (strcmp(buf_cstr(&out), want) != 0)
		fail_msg("to_net(%s) = [%s], want [%s]", in, out.data, want);
	buf_free(&out);
}

static void
test_ascii(void **state)
{
	(void)state;
	from_net_is("a\r\nb\r\n", "a\nb\n");
	from_net_is("a\rb", "a\rb");
	from_net_is("a\r\r\n", "a\r\n");
	from_net_is("end\r", "end\r");
	from_net_is("\n\n", "\n\n");
	to_net_is("a\nb\n", "a\r\nb\r\n");
	to_net_is("a\r\nb", "a\r\nb");
	to_net_is("\r\r\n\n", "\r\r\n\r\n");
}

static void
test_climbs(void **state)
{
	(void)state;
	assert_int_equal(0, fs_climbs("/", "a/b/../c"));
	assert_int_equal(1, fs_climbs("/", ".."));
	assert_int_equal(1, fs_climbs("/", "a/../../b"));
	assert_int_equal(0, fs_climbs("/a/b", "../.."));
	assert_int_equal(1, fs_climbs("/a/b", "../../.."));
	assert_int_equal(1, fs_climbs("/a/b", "/.."));
	assert_int_equal(0, fs_climbs("/a/b", "./././x/.."));
	assert_int_equal(0, fs_climbs("/", ""));
}

static char tmpl[] = "/tmp/forkftp-unit-fs.XXXXXX";

static void
touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd != -1);
	close(fd);
}

static void
test_beneath(void **state)
{
	char path[256], name[32];
	const char *base;
	struct stat st;
	int root, fd;

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	snprintf(path, sizeof path, "%s/jail", tmpl);
	assert_int_equal(0, mkdir(path, 0755));
	snprintf(path, sizeof path, "%s/secret", tmpl);
	touch(path);
	snprintf(path, sizeof path, "%s/jail/file", tmpl);
	touch(path);
	snprintf(path, sizeof path, "%s/jail/out", tmpl);
	assert_int_equal(0, symlink("../secret", path));
	snprintf(path, sizeof path, "%s/jail/abs", tmpl);
	assert_int_equal(0, symlink("/etc/passwd", path));
	snprintf(path, sizeof path, "%s/jail/in", tmpl);
	assert_int_equal(0, symlink("file", path));
	snprintf(path, sizeof path, "%s/jail/fifo", tmpl);
	assert_int_equal(0, mkfifo(path, 0644));
	snprintf(path, sizeof path, "%s/jail", tmpl);
	root = open(path, O_PATH | O_DIRECTORY);
	assert_true(root != -1);

	assert_int_equal(0, fs_stat(root, "file", &st));
	assert_int_equal(0, fs_stat(root, "in", &st));
	assert_int_equal(-1, fs_stat(root, "out", &st));
	assert_int_equal(-1, fs_stat(root, "abs", &st));
	assert_int_equal(-1, fs_stat(root, "../secret", &st));
	assert_int_equal(-1, fs_stat(root, "/etc/passwd", &st));
	/* A FIFO is refused without blocking. */
	assert_int_equal(-1, fs_open_regular(root, "fifo", &st));
	assert_int_equal(EINVAL, errno);
	assert_int_equal(-1, fs_open_regular(root, ".", &st));
	fd = fs_open_regular(root, "in", &st);
	assert_true(fd != -1);
	close(fd);
	assert_int_equal(-1, fs_parent(root, "/", &base));
	fd = fs_parent(root, "/file", &base);
	assert_true(fd != -1);
	assert_string_equal("file", base);
	close(fd);
	fd = fs_tempfile(root, 0600, name);
	assert_true(fd != -1);
	assert_int_equal(0, strncmp(name, FS_TEMP_PREFIX, strlen(FS_TEMP_PREFIX)));
	close(fd);
	assert_int_equal(0, unlinkat(root, name, 0));
	close(root);
	snprintf(path, sizeof path, "rm -rf '%s'", tmpl);
	assert_int_equal(0, system(path));
}

static void
test_users(void **state)
{
	char path[] = "/tmp/forkftp-unit-users.XXXXXX", *err = NULL;
	struct userdb *db;
	struct login l;
	const char *h;
	FILE *f;
	int fd;

	(void)state;
	h = crypt("pw1", "$y$j9T$abcdefghijklmnop$");
	assert_non_null(h);
	fd = mkstemp(path);
	assert_true(fd != -1);
	f = fdopen(fd, "w");
	fprintf(f, "# comment\n\nalice:%s:pub:rw\nbob:%s:/b:r\n", h, h);
	fclose(f);
	db = auth_load(path, &err);
	assert_non_null(db);
	assert_int_equal(0, auth_check(db, 0, 0, "alice", "pw1", &l));
	assert_string_equal("/pub", l.home);
	assert_int_equal(1, l.writable);
	assert_int_equal(0, auth_check(db, 0, 0, "bob", "pw1", &l));
	assert_int_equal(0, l.writable);
	assert_int_equal(-1, auth_check(db, 0, 0, "alice", "pw2", &l));
	assert_int_equal(-1, auth_check(db, 0, 0, "carol", "pw1", &l));
	assert_int_equal(-1, auth_check(db, 0, 0, "anonymous", "x", &l));
	assert_int_equal(0, auth_check(db, 1, 0, "anonymous", "x", &l));
	assert_int_equal(1, l.anonymous);
	assert_int_equal(0, l.writable);
	assert_int_equal(0, auth_check(NULL, 1, 1, "ftp", "", &l));
	assert_int_equal(1, l.writable);
	auth_free(db);
	f = fopen(path, "w");
	fprintf(f, "alice:%s:pub:rwx\n", h);
	fclose(f);
	assert_null(auth_load(path, &err));
	assert_non_null(strstr(err, ":1:"));
	free(err);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_climbs),
		cmocka_unit_test(test_beneath),
		cmocka_unit_test(test_users),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
