/*
 * Unit tests for tui-client/bookmark.c: the line format both ways, bad
 * lines skipped, the limits on hostile files, the atomic 0600 write, the
 * recent list and the XDG paths.
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

#include "../../tui-client/bookmark.h"

static char tmpdir[64];

static int
setup(void **state)
{
	(void)state;
	strlcpy(tmpdir, "/tmp/test_bookmark.XXXXXX", sizeof tmpdir);
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
fill(struct bookmark *b, const char *name, const char *host,
    const char *port, const char *user, const char *dir)
{
	memset(b, 0, sizeof *b);
	strlcpy(b->name, name, sizeof b->name);
	strlcpy(b->host, host, sizeof b->host);
	strlcpy(b->port, port, sizeof b->port);
	strlcpy(b->user, user, sizeof b->user);
	strlcpy(b->dir, dir, sizeof b->dir);
	strlcpy(b->tls, "auto", sizeof b->tls);
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
test_round_trip(void **state)
{
	struct bookmark b, r;
	char line[BM_LINE_MAX];

	(void)state;
	/* Tabs, '%' and an escape sequence must survive. */
	fill(&b, "my\tsite 100%", "ftp.example.org", "2121", "alice",
	    "/pub/tab\tdir/\x1b[31mred");
	assert_int_equal(bm_format_line(&b, line, sizeof line), 0);
	assert_non_null(strchr(line, '\n'));
	assert_ptr_equal(strchr(line, '\n'), line + strlen(line) - 1);
	assert_null(strchr(line, '\x1b'));
	line[strlen(line) - 1] = '\0';
	assert_int_equal(bm_parse_line(line, &r), 0);
	assert_memory_equal(&b, &r, sizeof b);
	/* Six tab-separated fields, the tab in the name escaped. */
	assert_non_null(strstr(line, "my%09site 100%25\tftp.example.org\t"));
	assert_non_null(strstr(line, "red\tauto"));
	/* The TLS mode goes round too. */
	fill(&b, "s", "h", "990", "u", "/");
	strlcpy(b.tls, "implicit", sizeof b.tls);
	assert_int_equal(bm_format_line(&b, line, sizeof line), 0);
	line[strlen(line) - 1] = '\0';
	assert_int_equal(bm_parse_line(line, &r), 0);
	assert_string_equal(r.tls, "implicit");
	/*
	 * A newline stays on its line too, but does not read back: as in
	 * URLs, no FTP command could carry it.
	 */
	fill(&b, "n", "h", "21", "u", "/new\nline");
	assert_int_equal(bm_format_line(&b, line, sizeof line), 0);
	assert_ptr_equal(strchr(line, '\n'), line + strlen(line) - 1);
	line[strlen(line) - 1] = '\0';
	assert_int_equal(bm_parse_line(line, &r), -1);
}

static void
test_parse(void **state)
{
	struct bookmark b;

	(void)state;
	assert_int_equal(bm_parse_line("w\th\t\tu\t/d", &b), 0);
	assert_string_equal(b.port, "21");
	/* Written before the TLS mode existed: five fields, auto. */
	assert_string_equal(b.tls, "auto");
	assert_int_equal(bm_parse_line("w\th\t21\tu\t/d\trequired", &b), 0);
	assert_string_equal(b.tls, "required");
	assert_int_equal(bm_parse_line("w\th\t21\tu\t/d\toff", &b), 0);
	assert_string_equal(b.tls, "off");
	assert_int_equal(bm_parse_line("\t::1\t21\tanonymous\t", &b), 0);
	assert_string_equal(b.name, "");
	assert_string_equal(b.host, "::1");
	assert_string_equal(b.dir, "");
	/* comments, wrong field counts, no host, bad ports, bad escapes */
	assert_int_equal(bm_parse_line("# w\th\t21\tu\t/d", &b), -1);
	assert_int_equal(bm_parse_line("", &b), -1);
	assert_int_equal(bm_parse_line("w\th\t21\tu", &b), -1);
	assert_int_equal(bm_parse_line("w\th\t21\tu\t/d\textra", &b), -1);
	assert_int_equal(bm_parse_line("w\th\t21\tu\t/d\tauto\tx", &b), -1);
	assert_int_equal(bm_parse_line("w\t\t21\tu\t/d", &b), -1);
	assert_int_equal(bm_parse_line("w\th\t0\tu\t/d", &b), -1);
	assert_int_equal(bm_parse_line("w\th\t65536\tu\t/d", &b), -1);
	assert_int_equal(bm_parse_line("w\th\t21x\tu\t/d", &b), -1);
	assert_int_equal(bm_parse_line("w\th\t-21\tu\t/d", &b), -1);
	assert_int_equal(bm_parse_line("w\th\t21\tu\t/d%", &b), -1);
	assert_int_equal(bm_parse_line("w\th\t21\tu\t/d%0a", &b), -1);
	assert_int_equal(bm_parse_line("w\th\t21\tu%00\t/d", &b), -1);
}

static void
test_field_too_long(void **state)
{
	struct bookmark b;
	char line[1024];

	(void)state;
	memset(line, 'n', 300);
	strlcpy(line + 300, "\th\t21\tu\t/", sizeof line - 300);
	assert_int_equal(bm_parse_line(line, &b), -1);
	memset(line, 'n', 255);
	strlcpy(line + 255, "\th\t21\tu\t/", sizeof line - 255);
	assert_int_equal(bm_parse_line(line, &b), 0);
}

static void
test_load_skips_bad(void **state)
{
	struct bm_list l = { 0 };
	char path[128];

	(void)state;
	snprintf(path, sizeof path, "%s/bm", tmpdir);
	write_file(path, "# comment\n"
	    "one\thost1\t21\tu\t/a\n"
	    "garbage without tabs\n"
	    "\n"
	    "bad\thost\tport\tu\t/\n"
	    "two\thost2\t2121\tv\t/b\r\n"
	    "three\thost3\t21\tw\t/c");		/* no final newline */
	assert_int_equal(bm_load(path, &l), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].name, "one");
	assert_string_equal(l.v[1].dir, "/b");
	assert_string_equal(l.v[1].port, "2121");
	assert_string_equal(l.v[2].host, "host3");
	bm_free(&l);
	snprintf(path, sizeof path, "%s/missing", tmpdir);
	assert_int_equal(bm_load(path, &l), 0);
	assert_int_equal(l.n, 0);
	/* A directory is not a bookmarks file. */
	assert_int_equal(bm_load(tmpdir, &l), -1);
	assert_int_equal(l.n, 0);
}

static void
test_limits(void **state)
{
	struct bm_list l = { 0 };
	struct bookmark b;
	char path[128];
	FILE *fp;
	int i;

	(void)state;
	snprintf(path, sizeof path, "%s/huge", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	/* A line far over the cap, then one valid entry after it. */
	for (i = 0; i < 100000; i++)
		fputs("xxxxxxxxxx", fp);
	fputs("\tbig\t21\tu\t/\nafter\th\t21\tu\t/\n", fp);
	for (i = 0; i < 5000; i++)
		fprintf(fp, "n%d\th\t21\tu\t/\n", i);
	fclose(fp);
	assert_int_equal(bm_load(path, &l), 0);
	assert_int_equal(l.n, BM_MAX);
	assert_string_equal(l.v[0].name, "after");
	fill(&b, "more", "h", "21", "u", "/");
	assert_int_equal(bm_set(&l, &b), -1);
	/* Replacing an entry by name still works when full. */
	fill(&b, "after", "other", "21", "u", "/");
	assert_int_equal(bm_set(&l, &b), 0);
	assert_string_equal(l.v[0].host, "other");
	assert_int_equal(l.n, BM_MAX);
	bm_free(&l);
}

static void
test_save_atomic(void **state)
{
	struct bm_list l = { 0 }, r = { 0 };
	struct bookmark b;
	struct stat st;
	char path[256], dir[128];

	(void)state;
	snprintf(dir, sizeof dir, "%s/new/forkftp", tmpdir);
	snprintf(path, sizeof path, "%s/bookmarks", dir);
	fill(&b, "a", "h", "21", "u", "/x");
	assert_int_equal(bm_set(&l, &b), 0);
	fill(&b, "b", "h2", "2121", "v", "/y");
	assert_int_equal(bm_set(&l, &b), 0);
	umask(022);
	assert_int_equal(bm_save(path, &l), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_int_equal(bm_load(path, &r), 0);
	assert_int_equal(r.n, 2);
	assert_memory_equal(r.v, l.v, 2 * sizeof *l.v);
	/* An existing file is replaced (a new inode), not rewritten. */
	{
		struct stat before;

		assert_int_equal(stat(path, &before), 0);
		bm_remove(&l, 0);
		assert_int_equal(bm_save(path, &l), 0);
		assert_int_equal(stat(path, &st), 0);
		assert_true(st.st_ino != before.st_ino);
	}
	assert_int_equal(bm_load(path, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].name, "b");
	/* No temporary left behind. */
	{
		char cmd[256];

		snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 1",
		    dir);
		assert_int_equal(system(cmd), 0);
	}
	bm_free(&l);
	bm_free(&r);
}

static void
test_save_fails(void **state)
{
	struct bm_list l = { 0 };
	char path[128];

	(void)state;
	/* A file where the directory should be. */
	snprintf(path, sizeof path, "%s/file", tmpdir);
	write_file(path, "x");
	snprintf(path, sizeof path, "%s/file/forkftp/bookmarks", tmpdir);
	assert_int_equal(bm_save(path, &l), -1);
}

static void
test_recent(void **state)
{
	struct bm_list l = { 0 };
	struct bookmark b;
	char host[32];
	int i;

	(void)state;
	for (i = 0; i < 15; i++) {
		snprintf(host, sizeof host, "h%d", i);
		fill(&b, "named", host, "21", "u", "/");
		bm_recent_push(&l, &b);
	}
	assert_int_equal(l.n, BM_RECENT_MAX);
	assert_string_equal(l.v[0].host, "h14");
	assert_string_equal(l.v[0].name, "");
	assert_string_equal(l.v[BM_RECENT_MAX - 1].host, "h5");
	/* The same server again moves to the front with its new directory. */
	fill(&b, "", "h10", "21", "u", "/later");
	bm_recent_push(&l, &b);
	assert_int_equal(l.n, BM_RECENT_MAX);
	assert_string_equal(l.v[0].host, "h10");
	assert_string_equal(l.v[0].dir, "/later");
	for (i = 1; i < (int)l.n; i++)
		assert_string_not_equal(l.v[i].host, "h10");
	/* Another user on the same host is another server. */
	fill(&b, "", "h10", "21", "other", "/");
	bm_recent_push(&l, &b);
	assert_string_equal(l.v[1].host, "h10");
	bm_free(&l);
}

static void
test_paths(void **state)
{
	char p[256];

	(void)state;
	setenv("HOME", "/home/x", 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_STATE_HOME");
	assert_int_equal(bm_path(BM_BOOKMARKS, p, sizeof p), 0);
	assert_string_equal(p, "/home/x/.config/forkftp/bookmarks");
	assert_int_equal(bm_path(BM_HISTORY, p, sizeof p), 0);
	assert_string_equal(p, "/home/x/.local/state/forkftp/history");
	setenv("XDG_CONFIG_HOME", "/c", 1);
	setenv("XDG_STATE_HOME", "relative/ignored", 1);
	assert_int_equal(bm_path(BM_BOOKMARKS, p, sizeof p), 0);
	assert_string_equal(p, "/c/forkftp/bookmarks");
	assert_int_equal(bm_path(BM_HISTORY, p, sizeof p), 0);
	assert_string_equal(p, "/home/x/.local/state/forkftp/history");
	assert_int_equal(bm_path(BM_BOOKMARKS, p, 10), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_field_too_long),
		cmocka_unit_test(test_load_skips_bad),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_save_atomic),
		cmocka_unit_test(test_save_fails),
		cmocka_unit_test(test_recent),
		cmocka_unit_test(test_paths),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
