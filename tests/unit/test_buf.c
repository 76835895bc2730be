/* Unit tests for proto/buf.c: growth, NUL termination, overflow checks. */
#include <sys/wait.h>
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

#include "buf.h"

static void
test_empty_cstr(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
	assert_null(b.data);
}

static void
test_add_grow(void **state)
{
	struct buf b;
	int i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 1000; i++)
		buf_addc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 1000);
	assert_true(b.cap > 1000);
	assert_int_equal(b.data[1000], '\0');
	assert_int_equal(b.data[27], 'b');
	buf_free(&b);
}

static void
test_binary_and_printf(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	buf_add(&b, "a\0b", 3);
	buf_adds(&b, "cd");
	buf_printf(&b, "%d-%s", 42, "x");
	assert_int_equal(b.len, 9);
	assert_memory_equal(b.data, "a\0bcd42-x", 10);
	buf_free(&b);
}

static void
test_printf_large(void **state)
{
	struct buf b;
	char big[5000];

	(void)state;
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_init(&b);
	buf_adds(&b, "<");
	buf_printf(&b, "%s>", big);
	assert_int_equal(b.len, 5000 + 1);
	assert_int_equal(b.data[b.len - 1], '>');
	assert_int_equal(b.data[b.len], '\0');
	buf_free(&b);
}

static void
test_consume_truncate_reset(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	buf_adds(&b, "hello world");
	buf_consume(&b, 6);
	assert_string_equal(buf_cstr(&b), "world");
	buf_truncate(&b, 3);
	assert_string_equal(buf_cstr(&b), "wor");
	buf_consume(&b, 3);
	assert_string_equal(buf_cstr(&b), "");
	buf_adds(&b, "x");
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

static void
test_detach(void **state)
{
	struct buf b;
	char *p;

	(void)state;
	buf_init(&b);
	p = buf_detach(&b);
	assert_string_equal(p, "");
	free(p);
	buf_adds(&b, "abc");
	p = buf_detach(&b);
	assert_string_equal(p, "abc");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(p);
}

static void
test_size_ok(void **state)
{
	(void)state;
	assert_int_equal(size_add(2, 3), 5);
	assert_int_equal(size_add(SIZE_MAX - 1, 1), SIZE_MAX);
	assert_int_equal(size_mul(0, SIZE_MAX), 0);
	assert_int_equal(size_mul(SIZE_MAX / 2, 2), SIZE_MAX - 1);
}

/* Run fn in a child; return its wait status. */
static int
in_child(void (*fn)(void))
{
	pid_t pid;
	int status;

	pid = unit_fork();
	assert_true(pid != -1);
	if (pid == 0) {
		/* Keep the expected diagnostics out of the test log. */
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(2);
		fn();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void
overflow_add(void)
{
	(void)size_add(SIZE_MAX, 1);
}

static void
overflow_mul(void)
{
	(void)size_mul(SIZE_MAX / 2 + 1, 2);
}

static void
consume_too_much(void)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "ab");
	buf_consume(&b, 3);
}

static void
test_overflow_fatal(void **state)
{
	int st;

	(void)state;
	st = in_child(overflow_add);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 1);
	st = in_child(overflow_mul);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 1);
}

static void
test_consume_bug(void **state)
{
	int st;

	(void)state;
	st = in_child(consume_too_much);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGABRT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_cstr),
		cmocka_unit_test(test_add_grow),
		cmocka_unit_test(test_binary_and_printf),
		cmocka_unit_test(test_printf_large),
		cmocka_unit_test(test_consume_truncate_reset),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_size_ok),
		cmocka_unit_test(test_overflow_fatal),
		cmocka_unit_test(test_consume_bug),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
