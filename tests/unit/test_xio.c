/* Unit tests for proto/xio.c: full reads/writes, EINTR, fatal and its hook. */
#include <sys/time.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "unit_fork.h"

#include "xio.h"

static void
test_read_write_full(void **state)
{
	static char big[200000], back[200000];
	int p[2];
	pid_t pid;
	size_t i;
	int st;

	(void)state;
	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	assert_int_equal(pipe(p), 0);
	/* More than a pipe holds: both sides must loop over short transfers. */
	pid = unit_fork();
	assert_true(pid != -1);
	if (pid == 0) {
		close(p[0]);
		_exit(xwrite_full(p[1], big, sizeof(big)) == 0 ? 0 : 1);
	}
	close(p[1]);
	assert_int_equal(xread_full(p[0], back, sizeof(back)), sizeof(back));
	assert_memory_equal(big, back, sizeof(big));
	assert_int_equal(xread_full(p[0], back, 10), 0);	/* EOF */
	close(p[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void
on_alarm(int sig)
{
	(void)sig;
}

static void
test_read_eintr(void **state)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	int p[2];
	pid_t pid;
	char c;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: read gets EINTR */
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	assert_int_equal(pipe(p), 0);
	pid = unit_fork();
	assert_true(pid != -1);
	if (pid == 0) {
		close(p[0]);
		usleep(100000);
		_exit(write(p[1], "k", 1) == 1 ? 0 : 1);
	}
	close(p[1]);
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
	assert_int_equal(xread(p[0], &c, 1), 1);
	assert_int_equal(c, 'k');
	close(p[0]);
	waitpid(pid, NULL, 0);
}

static void
test_write_error(void **state)
{
	int p[2];

	(void)state;
	signal(SIGPIPE, SIG_IGN);
	assert_int_equal(pipe(p), 0);
	close(p[0]);
	assert_int_equal(xwrite_full(p[1], "x", 1), -1);
	assert_int_equal(errno, EPIPE);
	close(p[1]);
}

static void
test_strings(void **state)
{
	char small[8], *s;

	(void)state;
	s = xasprintf("%s-%d", "a", 5);
	assert_string_equal(s, "a-5");
	free(s);
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	xsnprintf(small, sizeof(small), "%s", "1234567");
	assert_string_equal(small, "1234567");
}

static void
test_flags(void **state)
{
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(xset_nonblock(p[0], 1), 0);
	assert_true(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	assert_int_equal(xset_nonblock(p[0], 0), 0);
	assert_false(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	assert_int_equal(xset_cloexec(p[1], 1), 0);
	assert_true(fcntl(p[1], F_GETFD) & FD_CLOEXEC);
	xclose(p[0]);
	xclose(p[1]);
	assert_int_equal(xset_cloexec(p[1], 1), -1);
}

static int hook_calls;

/* A hook that itself dies must not loop. */
static void
hook(const char *msg)
{
	hook_calls++;
	fprintf(stderr, "hook(%d): %s\n", hook_calls, msg);
	fatalx("from the hook");
}

/* Run fn in a child with stderr in a file; return status and the text. */
static int
in_child(void (*fn)(void), char *out, size_t size)
{
	FILE *tmp = tmpfile();
	pid_t pid;
	size_t n;
	int st;

	assert_non_null(tmp);
	pid = unit_fork();
	assert_true(pid != -1);
	if (pid == 0) {
		dup2(fileno(tmp), 2);
		fn();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	rewind(tmp);
	n = fread(out, 1, size - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
	return st;
}

static void
die_errno(void)
{
	xio_set_progname("tester");
	errno = ENOENT;
	fatal("open %s", "x");
}

static void
die_hooked(void)
{
	xio_set_progname("tester");
	xio_set_fatal_hook(hook);
	fatalx("first");
}

static void
die_bug(void)
{
	xio_set_progname("tester");
	bug("broken %d", 7);
}

static void
test_fatal_message(void **state)
{
	char out[512];
	int st;

	(void)state;
	st = in_child(die_errno, out, sizeof(out));
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 1);
	assert_string_equal(out, "tester: open x: No such file or directory\n");
}

static void
test_fatal_hook_once(void **state)
{
	char out[512];
	int st;

	(void)state;
	st = in_child(die_hooked, out, sizeof(out));
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 1);
	/* Hook ran once, first; its own fatalx printed and exited. */
	assert_string_equal(out, "hook(1): first\ntester: from the hook\n");
}

static void
test_bug_aborts(void **state)
{
	char out[512];
	int st;

	(void)state;
	st = in_child(die_bug, out, sizeof(out));
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
	assert_non_null(strstr(out, "tester: bug at "));
	assert_non_null(strstr(out, "broken 7"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_write_full),
		cmocka_unit_test(test_read_eintr),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_fatal_message),
		cmocka_unit_test(test_fatal_hook_once),
		cmocka_unit_test(test_bug_aborts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
