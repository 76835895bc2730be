/* Unit tests for proto/line.c: framing, Telnet, CR NUL, over-long lines. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "line.h"

struct fix {
	struct line_reader	r;
	struct buf		out;
};

static int
setup(void **state)
{
	static struct fix f;

	line_init(&f.r, 16, 1);
	buf_init(&f.out);
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	line_free(&f->r);
	buf_free(&f->out);
	return 0;
}

static void
feed(struct fix *f, const char *s, size_t n)
{
	line_feed(&f->r, s, n);
}

#define FEED(f, lit) feed((f), (lit), sizeof(lit) - 1)

/* Expect one LINE_OK line equal to the n bytes of want. */
static void
expect_line(struct fix *f, const char *want, size_t n)
{
	assert_int_equal(line_next(&f->r, &f->out), LINE_OK);
	assert_int_equal(f->out.len, n);
	assert_memory_equal(f->out.data, want, n);
	assert_null(memchr(f->out.data, '\n', f->out.len));
}

#define EXPECT(f, lit) expect_line((f), (lit), sizeof(lit) - 1)

static void
test_crlf_and_bare_lf(void **state)
{
	struct fix *f = *state;

	FEED(f, "USER a\r\nPASS b\nNOOP\r\n");
	EXPECT(f, "USER a");
	EXPECT(f, "PASS b");
	EXPECT(f, "NOOP");
	assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
	assert_int_equal(line_pending(&f->r), 0);
}

static void
test_partial_then_complete(void **state)
{
	struct fix *f = *state;

	FEED(f, "RET");
	assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
	assert_int_equal(line_pending(&f->r), 3);
	FEED(f, "R x\r");
	assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
	FEED(f, "\n");
	EXPECT(f, "RETR x");
}

static void
test_pipelined_keeps_rest(void **state)
{
	struct fix *f = *state;

	FEED(f, "PASV\r\nLIST\r\nQU");
	EXPECT(f, "PASV");
	assert_int_equal(line_pending(&f->r), strlen("LIST\r\nQU"));
	EXPECT(f, "LIST");
	assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
	FEED(f, "IT\r\n");
	EXPECT(f, "QUIT");
}

/* line_peek shows the unreturned bytes (cooked) without consuming them. */
static void
test_peek_ahead(void **state)
{
	struct fix *f = *state;
	const char *p;
	size_t n;

	p = line_peek(&f->r, &n);
	assert_int_equal(n, 0);
	assert_non_null(p);
	FEED(f, "PASV\r\n\xff\xf4\xff\xf2" "ABOR\r\nNO");
	EXPECT(f, "PASV");
	p = line_peek(&f->r, &n);
	assert_int_equal(n, strlen("ABOR\r\nNO"));
	assert_memory_equal(p, "ABOR\r\nNO", n);
	EXPECT(f, "ABOR");
	assert_int_equal(line_pending(&f->r), 2);
}

static void
test_empty_line(void **state)
{
	struct fix *f = *state;

	FEED(f, "\r\n\n");
	EXPECT(f, "");
	EXPECT(f, "");
}

static void
test_toolong_discarded_once(void **state)
{
	struct fix *f = *state;

	/* max is 16: 17 bytes is too long, and must not become two commands. */
	FEED(f, "NOOP\r\nDELE aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\nPWD\r\n");
	EXPECT(f, "NOOP");
	assert_int_equal(line_next(&f->r, &f->out), LINE_TOOLONG);
	assert_int_equal(f->out.len, 0);
	EXPECT(f, "PWD");
	assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
}

static void
test_toolong_across_feeds(void **state)
{
	struct fix *f = *state;
	int i;

	FEED(f, "STOR 0123456789012345");
	assert_int_equal(line_next(&f->r, &f->out), LINE_TOOLONG);
	/* The rest arrives in pieces: swallowed, reported no more. */
	for (i = 0; i < 10; i++) {
		FEED(f, "xxxxxxxxxxxxxxxxxxxxxxxx DELE y");
		assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
	}
	FEED(f, "\r\nCWD z\r\n");
	EXPECT(f, "CWD z");
	assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
}

static void
test_exact_max_ok(void **state)
{
	struct fix *f = *state;

	FEED(f, "0123456789abcdef\r\n0123456789abcdefg\n0123456789abcdef\n");
	EXPECT(f, "0123456789abcdef");
	assert_int_equal(line_next(&f->r, &f->out), LINE_TOOLONG);
	EXPECT(f, "0123456789abcdef");
}

static void
test_iac_iac(void **state)
{
	struct fix *f = *state;

	FEED(f, "STOR a\xff\xff" "b\r\n");
	EXPECT(f, "STOR a\xff" "b");
}

static void
test_iac_ip_dm_abor(void **state)
{
	struct fix *f = *state;

	/* lftp/tnftp ABOR with SO_OOBINLINE: IAC IP IAC DM ABOR. */
	FEED(f, "\xff\xf4\xff\xf2" "ABOR\r\n");
	EXPECT(f, "ABOR");
	/* tnftp when the second IAC was eaten as the OOB byte. */
	FEED(f, "\xff\xf4\xf2" "ABOR\r\n");
	EXPECT(f, "\xf2" "ABOR");
}

static void
test_negotiation_stripped(void **state)
{
	struct fix *f = *state;

	/* IAC WILL x, IAC DO x, IAC WONT x, IAC DONT x, IAC SB ... IAC SE, IAC NOP. */
	FEED(f, "NO\xff\xfb\x01O\xff\xfd\x03P\xff\xfc\x18\xff\xfe\x1f"
	    "\xff\xfa\x18\x01\xff\xf0\xff\xf1\r\n");
	EXPECT(f, "NOOP");
}

static void
test_iac_split_across_feeds(void **state)
{
	struct fix *f = *state;

	FEED(f, "A\xff");
	assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
	FEED(f, "\xfb");
	assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
	FEED(f, "\x01" "B\xff");
	assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
	FEED(f, "\xff\r\n");
	EXPECT(f, "AB\xff");
}

static void
test_cr_nul(void **state)
{
	struct fix *f = *state;

	FEED(f, "STOR a\r\0b\r\n");
	EXPECT(f, "STOR a\rb");
	/* Only the NUL right after a CR goes; others are the caller's problem. */
	FEED(f, "X\0Y\r\0\0\r\n");
	EXPECT(f, "X\0Y\r\0");
}

static void
test_bare_cr_kept(void **state)
{
	struct fix *f = *state;

	FEED(f, "a\rb\r\r\n");
	EXPECT(f, "a\rb\r");
}

static void
test_telnet_off(void **state)
{
	struct line_reader r;
	struct buf out;

	(void)state;
	line_init(&r, 0, 0);
	buf_init(&out);
	line_feed(&r, "a\xff\xff\xf4" "b\r\n", 7);
	assert_int_equal(line_next(&r, &out), LINE_OK);
	assert_int_equal(out.len, 5);
	assert_memory_equal(out.data, "a\xff\xff\xf4" "b", 5);
	line_free(&r);
	buf_free(&out);
}

static void
test_telnet_noise_bounded(void **state)
{
	struct fix *f = *state;
	int i;

	/* IAC NOP cooks to nothing: nothing is buffered, nothing reported. */
	for (i = 0; i < 200; i++)
		FEED(f, "\xff\xf1");
	assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
	assert_int_equal(line_pending(&f->r), 0);
	FEED(f, "\r\nNOOP\r\n");
	EXPECT(f, "");
	EXPECT(f, "NOOP");
}

static void
test_toolong_partial_reported_early(void **state)
{
	struct fix *f = *state;

	/* Without its newline, a line is known too long once max + 2 bytes are in. */
	FEED(f, "0123456789abcdef\r");
	assert_int_equal(line_next(&f->r, &f->out), LINE_MORE);
	FEED(f, "x");
	assert_int_equal(line_next(&f->r, &f->out), LINE_TOOLONG);
	assert_int_equal(line_pending(&f->r), 0);
	FEED(f, "\nNOOP\n");
	EXPECT(f, "NOOP");
}

static void
test_many_lines_one_read(void **state)
{
	struct fix *f = *state;
	static char many[200000];
	size_t i, n = 0;

	/* One read holding 100000 lines: each comes out, in order. */
	for (i = 0; i < sizeof(many); i += 2)
		memcpy(many + i, i % 4 == 0 ? "a\n" : "b\n", 2);
	feed(f, many, sizeof(many));
	while (line_next(&f->r, &f->out) == LINE_OK) {
		assert_int_equal(f->out.len, 1);
		assert_int_equal(f->out.data[0], n % 2 == 0 ? 'a' : 'b');
		n++;
	}
	assert_int_equal(n, sizeof(many) / 2);
	assert_int_equal(line_pending(&f->r), 0);
}

static void
test_byte_at_a_time(void **state)
{
	struct fix *f = *state;
	const char in[] = "US\xff\xff" "ER\r\0x\r\nPASS\n";
	size_t i;
	int got = 0;

	for (i = 0; i < sizeof(in) - 1; i++) {
		feed(f, &in[i], 1);
		if (line_next(&f->r, &f->out) == LINE_OK) {
			if (got++ == 0) {
				assert_int_equal(f->out.len, 7);
				assert_memory_equal(f->out.data, "US\xff" "ER\rx", 7);
			} else
				assert_string_equal(f->out.data, "PASS");
		}
	}
	assert_int_equal(got, 2);
}

/* Does the reader's allocation hold needle anywhere? */
static int
holds(const struct line_reader *r, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; r->in.data != NULL && i + n <= r->in.cap; i++)
		if (memcmp(r->in.data + i, needle, n) == 0)
			return 1;
	return 0;
}

/* After line_scrub, a returned line is nowhere in the buffer; the rest is. */
static void
test_scrub(void **state)
{
	struct fix *f = *state;
	const char in[] = "PASS s3cret\r\nNOOP\r\nSTAT";

	line_feed(&f->r, in, sizeof(in) - 1);
	assert_int_equal(line_next(&f->r, &f->out), LINE_OK);
	assert_string_equal(buf_cstr(&f->out), "PASS s3cret");
	explicit_bzero(f->out.data, f->out.len);
	assert_true(holds(&f->r, "s3cret"));
	line_scrub(&f->r);
	assert_false(holds(&f->r, "s3cret"));
	/* What was not returned yet is kept, in order. */
	assert_int_equal(line_next(&f->r, &f->out), LINE_OK);
	assert_string_equal(buf_cstr(&f->out), "NOOP");
	line_scrub(&f->r);
	assert_false(holds(&f->r, "NOOP"));
	line_feed(&f->r, "\r\n", 2);
	assert_int_equal(line_next(&f->r, &f->out), LINE_OK);
	assert_string_equal(buf_cstr(&f->out), "STAT");
	/* A line shorter than an older one: the older one's tail goes too. */
	line_scrub(&f->r);
	line_feed(&f->r, "PASS an0ther-l0ng-one\r\n", 23);
	assert_int_equal(line_next(&f->r, &f->out), LINE_TOOLONG);
	line_feed(&f->r, "A\r\n", 3);
	assert_int_equal(line_next(&f->r, &f->out), LINE_OK);
	line_scrub(&f->r);
	assert_false(holds(&f->r, "l0ng"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_crlf_and_bare_lf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_then_complete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pipelined_keeps_rest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peek_ahead, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toolong_discarded_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toolong_across_feeds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exact_max_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iac_iac, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iac_ip_dm_abor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_negotiation_stripped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_iac_split_across_feeds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cr_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bare_cr_kept, setup, teardown),
		cmocka_unit_test(test_telnet_off),
		cmocka_unit_test_setup_teardown(test_telnet_noise_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_toolong_partial_reported_early, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_lines_one_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_byte_at_a_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scrub, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
