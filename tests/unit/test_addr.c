/* Unit tests for proto/addr.c: PORT/PASV/EPRT/EPSV, strict parsing. */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "addr.h"

static struct sockaddr_in
v4(const char *ip, uint16_t port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	assert_int_equal(inet_pton(AF_INET, ip, &sin.sin_addr), 1);
	sin.sin_port = htons(port);
	return sin;
}

static struct sockaddr_in6
v6(const char *ip, uint16_t port)
{
	struct sockaddr_in6 sin6;

	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	assert_int_equal(inet_pton(AF_INET6, ip, &sin6.sin6_addr), 1);
	sin6.sin6_port = htons(port);
	return sin6;
}

static void
test_tuple_roundtrip(void **state)
{
	struct sockaddr_in sin = v4("192.168.1.2", 51210), back;
	char out[32];

	(void)state;
	assert_int_equal(addr_format_tuple(out, sizeof(out), &sin), 0);
	assert_string_equal(out, "192,168,1,2,200,10");
	assert_int_equal(addr_parse_port(out, &back), 0);
	assert_int_equal(back.sin_family, AF_INET);
	assert_int_equal(ntohs(back.sin_port), 51210);
	assert_memory_equal(&back.sin_addr, &sin.sin_addr, 4);
	assert_int_equal(addr_format_tuple(out, 10, &sin), -1);
}

static void
test_port_strict(void **state)
{
	static const char *const bad[] = {
		"127,0,0,1,0,0",		/* port 0 */
		"127,0,0,256,4,1",		/* octet 256 */
		"127,0,0,1,4,1 ",		/* trailing space */
		"127,0,0,1,4,1,",		/* trailing comma */
		"127,0,0,1,4,1x",		/* trailing junk */
		"127,0,0,1,4",			/* too few */
		"127,0,0,1,4,1,7",		/* too many */
		"127,0,0,-1,4,1",		/* negative */
		"127,0,0,+1,4,1",		/* sign */
		" 127,0,0,1,4,1",		/* leading space */
		"127, 0,0,1,4,1",		/* inner space */
		"127,0,0,0001,4,1",		/* four digits */
		"127,,0,1,4,1",
		"",
		"4294967297,0,0,1,4,1",		/* wraps in 32 bits */
	};
	struct sockaddr_in sin;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (addr_parse_port(bad[i], &sin) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_int_equal(addr_parse_port("10,0,0,1,0,1", &sin), 0);
	assert_int_equal(ntohs(sin.sin_port), 1);
	assert_int_equal(addr_parse_port("010,000,0,1,255,255", &sin), 0);
	assert_int_equal(ntohs(sin.sin_port), 65535);
}

static void
test_pasv_reply(void **state)
{
	struct sockaddr_in sin;
	char ip[INET_ADDRSTRLEN];

	(void)state;
	assert_int_equal(addr_parse_pasv_reply(
	    "Entering Passive Mode (127,0,0,1,200,10).", &sin), 0);
	assert_int_equal(ntohs(sin.sin_port), 51210);
	inet_ntop(AF_INET, &sin.sin_addr, ip, sizeof(ip));
	assert_string_equal(ip, "127.0.0.1");
	/* No parentheses (some servers), and the code still in the text. */
	assert_int_equal(addr_parse_pasv_reply(
	    "227 Entering Passive Mode 10,1,2,3,4,5", &sin), 0);
	assert_int_equal(ntohs(sin.sin_port), 1029);
	assert_int_equal(addr_parse_pasv_reply("=10,1,2,3,4,5 ok", &sin), 0);
	assert_int_equal(addr_parse_pasv_reply(
	    "Entering Passive Mode (127,0,0,1,0,0).", &sin), -1);
	assert_int_equal(addr_parse_pasv_reply(
	    "Entering Passive Mode (127,0,0,300,1,1).", &sin), -1);
	assert_int_equal(addr_parse_pasv_reply(
	    "Entering Passive Mode (127,0,0,1,1).", &sin), -1);
	assert_int_equal(addr_parse_pasv_reply(
	    "Entering Passive Mode (127,0,0,1,1,1,1).", &sin), -1);
	assert_int_equal(addr_parse_pasv_reply("", &sin), -1);
}

static void
test_eprt_format(void **state)
{
	struct sockaddr_in sin = v4("127.0.0.1", 2121);
	struct sockaddr_in6 s6 = v6("::1", 50000), m6 = v6("::ffff:10.0.0.7", 21);
	char out[80];

	(void)state;
	assert_int_equal(addr_format_eprt(out, sizeof(out), (struct sockaddr *)&sin), 0);
	assert_string_equal(out, "|1|127.0.0.1|2121|");
	assert_int_equal(addr_format_eprt(out, sizeof(out), (struct sockaddr *)&s6), 0);
	assert_string_equal(out, "|2|::1|50000|");
	assert_int_equal(addr_format_eprt(out, sizeof(out), (struct sockaddr *)&m6), 0);
	assert_string_equal(out, "|1|10.0.0.7|21|");
	assert_int_equal(addr_format_eprt(out, 8, (struct sockaddr *)&s6), -1);
}

static void
test_eprt_parse(void **state)
{
	struct sockaddr_storage ss;
	char ip[INET6_ADDRSTRLEN];

	(void)state;
	assert_int_equal(addr_parse_eprt("|1|132.235.1.2|6275|", &ss), 0);
	assert_int_equal(ss.ss_family, AF_INET);
	assert_int_equal(addr_port((struct sockaddr *)&ss), 6275);
	assert_int_equal(addr_parse_eprt("|2|1080::8:800:200C:417A|5282|", &ss), 0);
	assert_int_equal(ss.ss_family, AF_INET6);
	assert_int_equal(addr_port((struct sockaddr *)&ss), 5282);
	assert_int_equal(addr_ntop((struct sockaddr *)&ss, ip, sizeof(ip)), 0);
	assert_string_equal(ip, "1080::8:800:200c:417a");
	/* Any delimiter in 33..126 (RFC 2428 §2). */
	assert_int_equal(addr_parse_eprt("!2!::1!21!", &ss), 0);
	assert_int_equal(addr_port((struct sockaddr *)&ss), 21);
}

static void
test_eprt_strict(void **state)
{
	static const char *const bad[] = {
		"|1|127.0.0.1|0|", "|1|127.0.0.1|65536|", "|1|127.0.0.1|-1|",
		"|1|127.0.0.1|+21|", "|1|127.0.0.1|21", "|1|127.0.0.1|21|x",
		"|1|127.0.0.1|21||", "|1|::1|21|", "|2|127.0.0.1|21|",
		"|3|127.0.0.1|21|", "|1|127.0.0.256|21|", "|1||21|", "||127.0.0.1|21|",
		"|1|127.0.0.1||", " |1|127.0.0.1|21|", "1|1|127.0.0.1|21|",
		"|1|127.0.0.1| 21|", "|2|fe80::1%eth0|21|", "|1|127.0.0.1|021000|",
		"", "|", "\x7f" "1\x7f" "1.2.3.4\x7f" "21\x7f",
	};
	struct sockaddr_storage ss;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (addr_parse_eprt(bad[i], &ss) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
}

static void
test_epsv_reply(void **state)
{
	uint16_t port;

	(void)state;
	assert_int_equal(addr_parse_epsv_reply(
	    "Entering Extended Passive Mode (|||6446|)", &port), 0);
	assert_int_equal(port, 6446);
	assert_int_equal(addr_parse_epsv_reply("229 x (!!!21!) y", &port), 0);
	assert_int_equal(port, 21);
	assert_int_equal(addr_parse_epsv_reply("(|||0|)", &port), -1);
	assert_int_equal(addr_parse_epsv_reply("(|||65536|)", &port), -1);
	assert_int_equal(addr_parse_epsv_reply("(|||-5|)", &port), -1);
	assert_int_equal(addr_parse_epsv_reply("(||6446|)", &port), -1);
	assert_int_equal(addr_parse_epsv_reply("(|||6446|", &port), -1);
	assert_int_equal(addr_parse_epsv_reply("(|||64x6|)", &port), -1);
	assert_int_equal(addr_parse_epsv_reply("no parens", &port), -1);
	/* A name in the text with a '(' before the real one. */
	assert_int_equal(addr_parse_epsv_reply("a (b) (|||7000|)", &port), 0);
	assert_int_equal(port, 7000);
}

static void
test_same_host_and_ntop(void **state)
{
	struct sockaddr_in a = v4("10.0.0.7", 1), b = v4("10.0.0.8", 1);
	struct sockaddr_in6 m = v6("::ffff:10.0.0.7", 2), l = v6("::1", 3);
	struct sockaddr_in6 l2 = v6("::1", 4);
	char ip[INET6_ADDRSTRLEN];

	(void)state;
	assert_true(addr_same_host((struct sockaddr *)&a, (struct sockaddr *)&m));
	assert_true(addr_same_host((struct sockaddr *)&m, (struct sockaddr *)&a));
	assert_false(addr_same_host((struct sockaddr *)&b, (struct sockaddr *)&m));
	assert_false(addr_same_host((struct sockaddr *)&a, (struct sockaddr *)&l));
	assert_true(addr_same_host((struct sockaddr *)&l, (struct sockaddr *)&l2));
	assert_int_equal(addr_ntop((struct sockaddr *)&m, ip, sizeof(ip)), 0);
	assert_string_equal(ip, "10.0.0.7");
	assert_int_equal(addr_ntop((struct sockaddr *)&l, ip, sizeof(ip)), 0);
	assert_string_equal(ip, "::1");
	assert_int_equal(addr_ntop((struct sockaddr *)&l, ip, 2), -1);
}

static void
test_port_len(void **state)
{
	struct sockaddr_in a = v4("1.2.3.4", 21);
	struct sockaddr_in6 b = v6("::1", 22);

	(void)state;
	assert_int_equal(addr_port((struct sockaddr *)&a), 21);
	addr_set_port((struct sockaddr *)&a, 2121);
	assert_int_equal(addr_port((struct sockaddr *)&a), 2121);
	addr_set_port((struct sockaddr *)&b, 65535);
	assert_int_equal(addr_port((struct sockaddr *)&b), 65535);
	assert_int_equal(addr_len((struct sockaddr *)&a), sizeof(a));
	assert_int_equal(addr_len((struct sockaddr *)&b), sizeof(b));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tuple_roundtrip),
		cmocka_unit_test(test_port_strict),
		cmocka_unit_test(test_pasv_reply),
		cmocka_unit_test(test_eprt_format),
		cmocka_unit_test(test_eprt_parse),
		cmocka_unit_test(test_eprt_strict),
		cmocka_unit_test(test_epsv_reply),
		cmocka_unit_test(test_same_host_and_ntop),
		cmocka_unit_test(test_port_len),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
