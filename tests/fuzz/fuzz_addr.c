/*
 * libFuzzer harness for proto/addr.c, proto/size.c and the HASH reply
 * parser: whatever parses must format and parse back to the same value.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "digest.h"
#include "size.h"
#include "fuzz.h"

static void
port_roundtrip(const char *s)
{
	struct sockaddr_in a, b;
	char out[64];

	if (addr_parse_port(s, &a) == 0) {
		assert(addr_port((struct sockaddr *)&a) != 0);
		assert(addr_format_tuple(out, sizeof(out), &a) == 0);
		assert(addr_parse_port(out, &b) == 0);
		assert(a.sin_port == b.sin_port && a.sin_addr.s_addr == b.sin_addr.s_addr);
	}
	if (addr_parse_pasv_reply(s, &a) == 0)
		assert(addr_port((struct sockaddr *)&a) != 0);
}

static void
eprt_roundtrip(const char *s)
{
	struct sockaddr_storage a, b;
	char out[128];
	uint16_t port;

	if (addr_parse_eprt(s, &a) == 0) {
		assert(addr_port((struct sockaddr *)&a) != 0);
		assert(addr_format_eprt(out, sizeof(out), (struct sockaddr *)&a) == 0);
		assert(addr_parse_eprt(out, &b) == 0);
		assert(addr_same_host((struct sockaddr *)&a, (struct sockaddr *)&b));
		assert(addr_port((struct sockaddr *)&a) == addr_port((struct sockaddr *)&b));
	}
	if (addr_parse_epsv_reply(s, &port) == 0)
		assert(port != 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum digest_algo algo;
	char hex[DIGEST_HEX_MAX], *s;
	uint64_t v;

	s = malloc(size + 1);
	assert(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	port_roundtrip(s);
	eprt_roundtrip(s);
	(void)size_parse_213(s, &v);
	(void)size_parse_150(s, &v);
	if (digest_parse_reply(s, &algo, hex) == 0)
		assert(strlen(hex) == (algo == DIGEST_SHA256 ? 64 : algo == DIGEST_SHA1 ? 40 : 32));
	free(s);
	return 0;
}
