/*
 * Unit tests for proto/proxy.c: PROXY protocol v1 and v2 headers as
 * HAProxy sends them, truncation at every byte, malformed headers, and
 * the address blocks of --proxy-from.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "addr.h"
#include "proxy.h"

static const uint8_t sig[12] = {
	0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a
};

/* A v2 header: signature, ver_cmd, family, then body (length from blen). */
static size_t
v2(uint8_t *out, uint8_t ver_cmd, uint8_t fam, const uint8_t *body, size_t blen)
{
	memcpy(out, sig, 12);
	out[12] = ver_cmd;
	out[13] = fam;
	out[14] = (uint8_t)(blen >> 8);
	out[15] = (uint8_t)blen;
	memcpy(out + 16, body, blen);
	return 16 + blen;
}

static void
check_addr(const struct sockaddr_storage *ss, const char *host, unsigned port)
{
	char s[64];

	assert_int_equal(addr_ntop((const struct sockaddr *)ss, s, sizeof(s)), 0);
	assert_string_equal(s, host);
	assert_int_equal(addr_port((const struct sockaddr *)ss), port);
}

/* Every strict prefix of a complete header asks for more. */
static void
check_prefixes(const uint8_t *h, size_t n)
{
	struct proxy_hdr hdr;
	size_t i;

	for (i = 0; i < n; i++)
		assert_int_equal(proxy_parse(h, i, &hdr), 0);
}

static void
test_v1_tcp4(void **state)
{
	const char *h = "PROXY TCP4 192.0.2.7 127.0.0.1 40001 2121\r\nUSER x\r\n";
	size_t n = strlen("PROXY TCP4 192.0.2.7 127.0.0.1 40001 2121\r\n");
	struct proxy_hdr hdr;

	(void)state;
	assert_int_equal(proxy_parse((const uint8_t *)h, strlen(h), &hdr), (int)n);
	assert_int_equal(hdr.version, 1);
	assert_int_equal(hdr.local, 0);
	check_addr(&hdr.src, "192.0.2.7", 40001);
	check_addr(&hdr.dst, "127.0.0.1", 2121);
	check_prefixes((const uint8_t *)h, n);
}

static void
test_v1_tcp6(void **state)
{
	const char *h = "PROXY TCP6 2001:db8::1 ::1 65535 0\r\n";
	struct proxy_hdr hdr;

	(void)state;
	assert_int_equal(proxy_parse((const uint8_t *)h, strlen(h), &hdr),
	    (int)strlen(h));
	check_addr(&hdr.src, "2001:db8::1", 65535);
	check_addr(&hdr.dst, "::1", 0);
}

static void
test_v1_unknown(void **state)
{
	const char *a = "PROXY UNKNOWN\r\n";
	const char *b = "PROXY UNKNOWN ffff::1 ::1 1 2\r\n";
	struct proxy_hdr hdr;

	(void)state;
	assert_int_equal(proxy_parse((const uint8_t *)a, strlen(a), &hdr), (int)strlen(a));
	assert_int_equal(hdr.local, 1);
	assert_int_equal(proxy_parse((const uint8_t *)b, strlen(b), &hdr), (int)strlen(b));
	assert_int_equal(hdr.local, 1);
}

static void
test_v1_malformed(void **state)
{
	static const char *const bad[] = {
		"PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n",		/* LF alone */
		"PROXY TCP4 1.2.3.4 5.6.7.8 1 2\rx",		/* CR then junk */
		"PROXY TCP4  1.2.3.4 5.6.7.8 1 2\r\n",		/* two spaces */
		"PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \r\n",		/* trailing space */
		"PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n",		/* missing port */
		"PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\r\n",		/* extra field */
		"PROXY TCP4 1.2.3.4 5.6.7.8 01 2\r\n",		/* leading zero */
		"PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\r\n",	/* port range */
		"PROXY TCP4 1.2.3.4 5.6.7.8 -1 2\r\n",		/* sign */
		"PROXY TCP4 1.2.3.256 5.6.7.8 1 2\r\n",		/* octet */
		"PROXY TCP4 ::1 ::1 1 2\r\n",			/* family mismatch */
		"PROXY TCP6 1.2.3.4 5.6.7.8 1 2\r\n",
		"PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n",
		"PROXY UNKNOWNX\r\n",
		"PROXY \r\n",
		"PROXY TCP4 1.2.3.4\t5.6.7.8 1 2\r\n",		/* control byte */
		"proxy TCP4 1.2.3.4 5.6.7.8 1 2\r\n",		/* case */
		"USER anonymous\r\n",				/* no header at all */
		"\r\n\r\nQUIT\n",			/* not the v2 signature */
	};
	struct proxy_hdr hdr;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r = proxy_parse((const uint8_t *)bad[i], strlen(bad[i]), &hdr);

		if (r != -1)
			fail_msg("expected -1 for '%s', got %d", bad[i], r);
	}
}

static void
test_v1_too_long(void **state)
{
	char h[200];
	struct proxy_hdr hdr;

	(void)state;
	/* 107 bytes is the maximum; no CR within them is an error. */
	memset(h, 'x', sizeof(h));
	memcpy(h, "PROXY UNKNOWN ", 14);
	assert_int_equal(proxy_parse((const uint8_t *)h, 106, &hdr), 0);
	assert_int_equal(proxy_parse((const uint8_t *)h, 107, &hdr), -1);
	memcpy(h + 105, "\r\n", 2);
	assert_int_equal(proxy_parse((const uint8_t *)h, 107, &hdr), 107);
	memcpy(h + 105, "x\r\n", 3);
	assert_int_equal(proxy_parse((const uint8_t *)h, 108, &hdr), -1);
}

static void
test_v2_tcp4(void **state)
{
	static const uint8_t body[] = {
		192, 0, 2, 7,  127, 0, 0, 1,  0x9c, 0x41,  0x08, 0x49,
	};
	uint8_t h[64 + 16];
	struct proxy_hdr hdr;
	size_t n = v2(h, 0x21, 0x11, body, sizeof(body));

	(void)state;
	h[n] = 'U';	/* what follows is not the header's */
	assert_int_equal(proxy_parse(h, n + 1, &hdr), (int)n);
	assert_int_equal(hdr.version, 2);
	assert_int_equal(hdr.local, 0);
	check_addr(&hdr.src, "192.0.2.7", 40001);
	check_addr(&hdr.dst, "127.0.0.1", 2121);
	check_prefixes(h, n);
}

static void
test_v2_tcp6_tlvs(void **state)
{
	uint8_t body[36 + 3 + 5 + 3], h[16 + sizeof(body)];
	struct proxy_hdr hdr;
	size_t n;

	(void)state;
	memset(body, 0, sizeof(body));
	assert_int_equal(inet_pton(AF_INET6, "2001:db8::9", body), 1);
	assert_int_equal(inet_pton(AF_INET6, "::1", body + 16), 1);
	body[32] = 0x13, body[33] = 0x88;	/* 5000 */
	body[34] = 0x00, body[35] = 0x15;	/* 21 */
	/* PP2_TYPE_AUTHORITY "a.b.c", then an empty PP2_TYPE_NOOP. */
	body[36] = 0x02, body[37] = 0, body[38] = 5;
	memcpy(body + 39, "a.b.c", 5);
	body[44] = 0x04, body[45] = 0, body[46] = 0;
	n = v2(h, 0x21, 0x21, body, sizeof(body));
	assert_int_equal(proxy_parse(h, n, &hdr), (int)n);
	check_addr(&hdr.src, "2001:db8::9", 5000);
	check_addr(&hdr.dst, "::1", 21);
	check_prefixes(h, n);
	/* A TLV longer than what is left is malformed. */
	body[38] = 6;
	n = v2(h, 0x21, 0x21, body, sizeof(body));
	assert_int_equal(proxy_parse(h, n, &hdr), -1);
	/* A TLV cut inside its type/length. */
	n = v2(h, 0x21, 0x21, body, 36 + 2);
	assert_int_equal(proxy_parse(h, n, &hdr), -1);
}

static void
test_v2_local(void **state)
{
	static const uint8_t body[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	uint8_t h[64];
	struct proxy_hdr hdr;
	size_t n;

	(void)state;
	/* HAProxy's health checks: LOCAL, family UNSPEC, no body. */
	n = v2(h, 0x20, 0x00, body, 0);
	assert_int_equal(proxy_parse(h, n, &hdr), 16);
	assert_int_equal(hdr.local, 1);
	/* LOCAL with an address block: the block is skipped, not used. */
	n = v2(h, 0x20, 0x11, body, sizeof(body));
	assert_int_equal(proxy_parse(h, n, &hdr), (int)n);
	assert_int_equal(hdr.local, 1);
}

static void
test_v2_malformed(void **state)
{
	static const uint8_t four[12] = { 0 };
	uint8_t h[64], big[16];
	struct proxy_hdr hdr;
	size_t n;

	(void)state;
	n = v2(h, 0x11, 0x11, four, 12);	/* version 1 in a v2 header */
	assert_int_equal(proxy_parse(h, n, &hdr), -1);
	n = v2(h, 0x22, 0x11, four, 12);	/* command 2 */
	assert_int_equal(proxy_parse(h, n, &hdr), -1);
	n = v2(h, 0x21, 0x11, four, 11);	/* short address block */
	assert_int_equal(proxy_parse(h, n, &hdr), -1);
	n = v2(h, 0x21, 0x21, four, 12);	/* IPv6 needs 36 */
	assert_int_equal(proxy_parse(h, n, &hdr), -1);
	n = v2(h, 0x21, 0x12, four, 12);	/* UDP */
	assert_int_equal(proxy_parse(h, n, &hdr), -1);
	n = v2(h, 0x21, 0x00, four, 0);	/* PROXY with UNSPEC */
	assert_int_equal(proxy_parse(h, n, &hdr), -1);
	n = v2(h, 0x21, 0x31, four, 12);	/* AF_UNIX */
	assert_int_equal(proxy_parse(h, n, &hdr), -1);
	/* A length past PROXY_MAX is refused before waiting for it. */
	v2(big, 0x21, 0x11, four, 0);
	big[14] = 0xff, big[15] = 0xff;
	assert_int_equal(proxy_parse(big, 16, &hdr), -1);
	/* A broken signature. */
	n = v2(h, 0x21, 0x11, four, 12);
	h[11] = 'X';
	assert_int_equal(proxy_parse(h, n, &hdr), -1);
}

static void
test_cidr(void **state)
{
	struct proxy_cidr c[3];
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;

	(void)state;
	assert_int_equal(proxy_cidr_parse("127.0.0.0/8", &c[0]), 0);
	assert_int_equal(proxy_cidr_parse("2001:db8::/33", &c[1]), 0);
	assert_int_equal(proxy_cidr_parse("192.0.2.1", &c[2]), 0);
	assert_int_equal(c[2].bits, 32);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	inet_pton(AF_INET, "127.9.9.9", &sin.sin_addr);
	assert_true(proxy_cidr_match(c, 3, (struct sockaddr *)&sin));
	assert_false(proxy_cidr_match(c + 1, 2, (struct sockaddr *)&sin));
	inet_pton(AF_INET, "192.0.2.1", &sin.sin_addr);
	assert_true(proxy_cidr_match(c + 2, 1, (struct sockaddr *)&sin));
	inet_pton(AF_INET, "192.0.2.2", &sin.sin_addr);
	assert_false(proxy_cidr_match(c, 3, (struct sockaddr *)&sin));
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	inet_pton(AF_INET6, "2001:db8:7fff::1", &sin6.sin6_addr);
	assert_true(proxy_cidr_match(c, 3, (struct sockaddr *)&sin6));
	inet_pton(AF_INET6, "2001:db8:8000::1", &sin6.sin6_addr);
	assert_false(proxy_cidr_match(c, 3, (struct sockaddr *)&sin6));
	/* A v4-mapped peer is matched as IPv4. */
	inet_pton(AF_INET6, "::ffff:127.0.0.5", &sin6.sin6_addr);
	assert_true(proxy_cidr_match(c, 1, (struct sockaddr *)&sin6));
	/* 0/0 takes everything of its family. */
	assert_int_equal(proxy_cidr_parse("0.0.0.0/0", &c[0]), 0);
	assert_true(proxy_cidr_match(c, 1, (struct sockaddr *)&sin6));
}

static void
test_cidr_bad(void **state)
{
	static const char *const bad[] = {
		"", "/8", "127.0.0.1/", "127.0.0.1/33", "::1/129", "127.0.0.11/24",
		"127.0.0.0/+8", "127.0.0.0/8x", "localhost", "127.0.0.0/0008",
		"1.2.3.4/ 8",
	};
	struct proxy_cidr c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (proxy_cidr_parse(bad[i], &c) != -1)
			fail_msg("accepted '%s'", bad[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v1_tcp4),
		cmocka_unit_test(test_v1_tcp6),
		cmocka_unit_test(test_v1_unknown),
		cmocka_unit_test(test_v1_malformed),
		cmocka_unit_test(test_v1_too_long),
		cmocka_unit_test(test_v2_tcp4),
		cmocka_unit_test(test_v2_tcp6_tlvs),
		cmocka_unit_test(test_v2_local),
		cmocka_unit_test(test_v2_malformed),
		cmocka_unit_test(test_cidr),
		cmocka_unit_test(test_cidr_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
