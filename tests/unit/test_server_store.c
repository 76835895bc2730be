/*
 * Unit tests for the upload temporary of server/fs.c (fs_temp_*), both
 * the nameless O_TMPFILE path and the named .forkftpd.* fallback (forced
 * with fs_temp_force_named).
 */
#include <sys/stat.h>
#include <dirent.h>
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
#include "../../server/fs.h"

struct fixture {
	char	 path[64];
	int	 dirfd;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	strlcpy(f->path, "/tmp/forkftp-unit-store.XXXXXX", sizeof f->path);
	assert_non_null(mkdtemp(f->path));
	f->dirfd = open(f->path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(f->dirfd != -1);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	struct dirent *de;
	DIR *d;

	fs_temp_force_named(0);
	if ((d = opendir(f->path)) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0)
				(void)unlinkat(dirfd(d), de->d_name, 0);
		closedir(d);
	}
	(void)rmdir(f->path);
	close(f->dirfd);
	free(f);
	return 0;
}

/* The names in the directory, sorted, joined by '/'. */
static void
names(struct fixture *f, char *out, size_t size)
{
	struct dirent **list;
	int n, i;

	out[0] = '\0';
	n = scandir(f->path, &list, NULL, alphasort);
	assert_true(n >= 2);
	for (i = 0; i < n; i++) {
		if (strcmp(list[i]->d_name, ".") != 0 &&
		    strcmp(list[i]->d_name, "..") != 0) {
			strlcat(out, list[i]->d_name, size);
			strlcat(out, "/", size);
		}
		free(list[i]);
	}
	free(list);
}

static void
put(struct fixture *f, const char *name, const char *text)
{
	int fd = openat(f->dirfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd != -1);
	assert_int_equal((ssize_t)strlen(text), write(fd, text, strlen(text)));
	close(fd);
}

static void
has(struct fixture *f, const char *name, const char *text)
{
	char got[64];
	ssize_t n;
	int fd = openat(f->dirfd, name, O_RDONLY);

	assert_true(fd != -1);
	n = read(fd, got, sizeof got - 1);
	close(fd);
	assert_true(n >= 0);
	got[n] = '\0';
	assert_string_equal(text, got);
}

/* Write text to a fresh temporary; nameless, the directory is unchanged. */
static void
temp_write(struct fixture *f, struct fs_temp *t, const char *text, int named)
{
	char before[256], during[256];

	names(f, before, sizeof before);
	assert_int_equal(0, fs_temp_open(f->dirfd, 0600, t));
	assert_true(t->fd != -1);
	assert_int_equal((ssize_t)strlen(text), write(t->fd, text, strlen(text)));
	names(f, during, sizeof during);
	if (named) {
		assert_int_equal(0, strncmp(t->name, FS_TEMP_PREFIX,
		    strlen(FS_TEMP_PREFIX)));
		assert_non_null(strstr(during, t->name));
	} else if (t->name[0] == '\0')
		assert_string_equal(before, during);
}

static void
temp_cases(struct fixture *f, int named)
{
	char seen[256];
	struct fs_temp t;
	struct stat st;
	int old;

	/* a new name */
	temp_write(f, &t, "fresh", named);
	assert_int_equal(0, fs_temp_commit(&t, "new"));
	assert_int_equal(-1, t.fd);
	has(f, "new", "fresh");
	assert_int_equal(0, fstatat(f->dirfd, "new", &st, 0));
	assert_int_equal(1, (int)st.st_nlink);
	names(f, seen, sizeof seen);
	assert_string_equal("new/", seen);

	/* over an existing file: a reader of the old one keeps it */
	put(f, "old", "previous");
	old = openat(f->dirfd, "old", O_RDONLY);
	assert_true(old != -1);
	temp_write(f, &t, "replacement", named);
	assert_int_equal(0, fs_temp_commit(&t, "old"));
	has(f, "old", "replacement");
	memset(seen, 0, sizeof seen);
	assert_int_equal(8, read(old, seen, sizeof seen - 1));
	assert_string_equal("previous", seen);
	close(old);
	names(f, seen, sizeof seen);
	assert_string_equal("new/old/", seen);

	/* discarded: nothing left, and discarding twice is harmless */
	temp_write(f, &t, "dropped", named);
	fs_temp_discard(&t);
	fs_temp_discard(&t);
	names(f, seen, sizeof seen);
	assert_string_equal("new/old/", seen);
}

static void
test_temp_nameless(void **state)
{
	temp_cases(*state, 0);
}

static void
test_temp_named(void **state)
{
	fs_temp_force_named(1);
	temp_cases(*state, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_temp_nameless, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_temp_named, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
