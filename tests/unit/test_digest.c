/* Unit tests for proto/digest.c: known vectors, ranges, 213 HASH replies. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "digest.h"
#include "digestbg.h"

/* A temporary file holding s; closed by the caller. */
static int
tmpfd(const char *s, size_t n)
{
	char path[] = "/tmp/test_digest.XXXXXX";
	int fd;

	fd = mkstemp(path);
	assert_true(fd != -1);
	unlink(path);
	assert_int_equal(write(fd, s, n), (ssize_t)n);
	return fd;
}

static void
hash_is(int fd, enum digest_algo a, off_t start, off_t end, const char *want)
{
	char hex[DIGEST_HEX_MAX];

	assert_int_equal(digest_fd(fd, a, start, end, hex), 0);
	assert_string_equal(hex, want);
}

static void
test_vectors_abc(void **state)
{
	int fd = tmpfd("abc", 3);

	(void)state;
	hash_is(fd, DIGEST_SHA256, 0, -1,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hash_is(fd, DIGEST_SHA512, 0, -1,
	    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	    "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
	hash_is(fd, DIGEST_SHA1, 0, -1, "a9993e364706816aba3e25717850c26c9cd0d89d");
	hash_is(fd, DIGEST_MD5, 0, -1, "900150983cd24fb0d6963f7d28e17f72");
	/* pread: the offset of fd is untouched (still at 3 after the write). */
	assert_int_equal(lseek(fd, 0, SEEK_CUR), 3);
	close(fd);
}

static void
test_vectors_empty(void **state)
{
	int fd = tmpfd("", 0);

	(void)state;
	hash_is(fd, DIGEST_SHA256, 0, -1,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hash_is(fd, DIGEST_SHA512, 0, -1,
	    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
	hash_is(fd, DIGEST_SHA1, 0, -1, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	hash_is(fd, DIGEST_MD5, 0, -1, "d41d8cd98f00b204e9800998ecf8427e");
	close(fd);
}

static void
test_range(void **state)
{
	int fd = tmpfd("xxabcyy", 7);

	(void)state;
	hash_is(fd, DIGEST_MD5, 2, 5, "900150983cd24fb0d6963f7d28e17f72");
	hash_is(fd, DIGEST_MD5, 7, 7, "d41d8cd98f00b204e9800998ecf8427e");
	/* An end past EOF stops at EOF. */
	hash_is(fd, DIGEST_MD5, 2, 100, "9502cac708fcae9b18b28e1bdde1f8eb");
	close(fd);
}

static void
test_big_file(void **state)
{
	static char big[1000000];
	int fd;

	(void)state;
	memset(big, 'a', sizeof(big));
	fd = tmpfd(big, sizeof(big));
	/* FIPS 180 "one million a". */
	hash_is(fd, DIGEST_SHA256, 0, -1,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	hash_is(fd, DIGEST_SHA1, 0, -1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	close(fd);
}

static void
test_bad_fd_and_range(void **state)
{
	char hex[DIGEST_HEX_MAX];
	int fd = tmpfd("abc", 3);

	(void)state;
	assert_int_equal(digest_fd(-1, DIGEST_MD5, 0, -1, hex), -1);
	assert_int_equal(errno, EBADF);
	assert_int_equal(digest_fd(fd, DIGEST_MD5, 2, 1, hex), -1);
	assert_int_equal(errno, EINVAL);
	close(fd);
}

/* Incremental digests equal the one-shot digest for any chunking. */
static void
test_incremental(void **state)
{
	static const size_t steps[] = { 1, 3, 63, 64, 65, 1000, 4096, 65537 };
	static char data[200003];
	enum digest_algo a;
	struct digest_ctx c = { .md = NULL };
	char one[DIGEST_HEX_MAX], inc[DIGEST_HEX_MAX];
	size_t i, off, n;
	int fd;

	(void)state;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 7 + i / 251);
	fd = tmpfd(data, sizeof(data));
	for (a = DIGEST_SHA256; a <= DIGEST_MD5; a++) {
		assert_int_equal(digest_fd(fd, a, 0, -1, one), 0);
		for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
			digest_init(&c, a);
			for (off = 0; off < sizeof(data); off += n) {
				n = steps[i] + off % 5;
				if (n > sizeof(data) - off)
					n = sizeof(data) - off;
				digest_update(&c, data + off, n);
			}
			digest_final(&c, inc);
			assert_string_equal(inc, one);
		}
		/* A prefix from the file, then the rest from memory (resume). */
		digest_init(&c, a);
		assert_int_equal(digest_update_fd(&c, fd, 0, 70001), 0);
		digest_update(&c, data + 70001, sizeof(data) - 70001);
		digest_final(&c, inc);
		assert_string_equal(inc, one);
		/* Zero-length updates change nothing. */
		digest_init(&c, a);
		digest_update(&c, data, 0);
		digest_update(&c, data, sizeof(data));
		digest_update(&c, data, 0);
		digest_final(&c, inc);
		assert_string_equal(inc, one);
	}
	close(fd);
}

/* On a thread: the same digest, whatever the pieces; inline after it. */
static void
test_thread(void **state)
{
	static const size_t steps[] = { 1, 1000, 262143, 262144, 262145, 1 << 20 };
	static char data[3000017];
	struct digest_ctx c = { .md = NULL }, one = { .md = NULL };
	struct digestbg *bg;
	char want[DIGEST_HEX_MAX], got[DIGEST_HEX_MAX];
	size_t i, off, n;

	(void)state;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 13 + i / 509);
	digest_init(&one, DIGEST_SHA256);
	digest_update(&one, data, sizeof(data));
	digest_final(&one, want);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		digest_init(&c, DIGEST_SHA256);
		digest_update(&c, data, 5);	/* before the thread */
		bg = digestbg_start(&c);
		assert_non_null(bg);
		assert_null(c.md);
		for (off = 5; off < sizeof(data) - 7; off += n) {
			n = steps[i] + off % 3;
			if (n > sizeof(data) - 7 - off)
				n = sizeof(data) - 7 - off;
			digestbg_update(bg, data + off, n);
		}
		digestbg_finish(bg, &c);
		digest_update(&c, data + sizeof(data) - 7, 7);	/* after it */
		digest_final(&c, got);
		assert_string_equal(got, want);
	}
	/* Nothing queued; abandoned without a result. */
	digest_init(&c, DIGEST_MD5);
	bg = digestbg_start(&c);
	assert_non_null(bg);
	digestbg_finish(bg, &c);
	digest_free(&c);
}

static void
test_names(void **state)
{
	enum digest_algo a;

	(void)state;
	assert_string_equal(digest_name(DIGEST_SHA256), "SHA-256");
	assert_string_equal(digest_name(DIGEST_SHA1), "SHA-1");
	assert_string_equal(digest_name(DIGEST_MD5), "MD5");
	assert_int_equal(digest_from_name("sha-256", &a), 0);
	assert_int_equal(a, DIGEST_SHA256);
	assert_int_equal(digest_from_name("Md5", &a), 0);
	assert_int_equal(a, DIGEST_MD5);
	assert_string_equal(digest_name(DIGEST_SHA512), "SHA-512");
	assert_int_equal(digest_from_name("sha-512", &a), 0);
	assert_int_equal(a, DIGEST_SHA512);
	assert_int_equal(digest_from_name("SHA-384", &a), -1);
	assert_int_equal(digest_from_name("SHA256", &a), -1);
}

static void
test_parse_reply(void **state)
{
	enum digest_algo a;
	char hex[DIGEST_HEX_MAX];

	(void)state;
	assert_int_equal(digest_parse_reply("SHA-256 0-3 "
	    "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD abc",
	    &a, hex), 0);
	assert_int_equal(a, DIGEST_SHA256);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(digest_parse_reply(
	    "MD5 0-3 900150983cd24fb0d6963f7d28e17f72 my file.txt", &a, hex), 0);
	assert_int_equal(a, DIGEST_MD5);
	assert_int_equal(digest_parse_reply("SHA-512 0-0 "
	    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e e",
	    &a, hex), 0);
	assert_int_equal(a, DIGEST_SHA512);
	assert_int_equal(strlen(hex), 128);
	/* Wrong length for the algorithm, not hex, bad range, unknown algo. */
	assert_int_equal(digest_parse_reply(
	    "SHA-1 0-3 900150983cd24fb0d6963f7d28e17f72 f", &a, hex), -1);
	assert_int_equal(digest_parse_reply(
	    "MD5 0-3 900150983cd24fb0d6963f7d28e17f7g f", &a, hex), -1);
	assert_int_equal(digest_parse_reply(
	    "MD5 0- 900150983cd24fb0d6963f7d28e17f72 f", &a, hex), -1);
	assert_int_equal(digest_parse_reply(
	    "MD5 a-3 900150983cd24fb0d6963f7d28e17f72 f", &a, hex), -1);
	assert_int_equal(digest_parse_reply(
	    "CRC32 0-3 900150983cd24fb0d6963f7d28e17f72 f", &a, hex), -1);
	assert_int_equal(digest_parse_reply("", &a, hex), -1);
	/* ProFTPD's mod_digest, captured: a 213- line before the digest. */
	assert_int_equal(digest_parse_reply("Computing SHA-1 digest\n"
	    "SHA-1 0-30 600c49577a49af340d622d8293c7cdf58087150d text lines.txt",
	    &a, hex), 0);
	assert_int_equal(a, DIGEST_SHA1);
	assert_string_equal(hex, "600c49577a49af340d622d8293c7cdf58087150d");
	assert_int_equal(digest_parse_reply("MD5 0-3 "
	    "900150983cd24fb0d6963f7d28e17f72 f\n", &a, hex), 0);
	assert_int_equal(digest_parse_reply("MD5 0-3 "
	    "900150983cd24fb0d6963f7d28e17f72 f\nno digest here", &a, hex), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors_abc),
		cmocka_unit_test(test_vectors_empty),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_big_file),
		cmocka_unit_test(test_bad_fd_and_range),
		cmocka_unit_test(test_incremental),
		cmocka_unit_test(test_thread),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_parse_reply),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
