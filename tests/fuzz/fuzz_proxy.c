/*
 * libFuzzer harness for proto/proxy.c.  Invariants: a complete header
 * is no longer than the input and PROXY_MAX; every strict prefix of it
 * asks for more bytes (never "malformed"), and so does every prefix of
 * an input that asks for more; what follows the header does not change
 * it; a PROXY (not LOCAL) header carries IPv4 or IPv6 addresses.  The
 * first input byte also exercises the address-block parser.
 */
#include <netinet/in.h>

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proxy.h"
#include "fuzz.h"

static void
check_header(const uint8_t *data, size_t size)
{
	struct proxy_hdr h, h2;
	size_t i;
	int r, r2;

	r = proxy_parse(data, size, &h);
	assert(r >= -1 && (size_t)(r < 0 ? 0 : r) <= size && r <= PROXY_MAX);
	if (r > 0) {
		assert(h.version == 1 || h.version == 2);
		if (!h.local)
			assert((h.src.ss_family == AF_INET ||
			    h.src.ss_family == AF_INET6) &&
			    h.dst.ss_family == h.src.ss_family);
		/* The same header alone parses the same. */
		assert(proxy_parse(data, (size_t)r, &h2) == r);
		assert(h2.local == h.local && h2.version == h.version);
	}
	/* Prefixes: more is needed, unless the prefix is already bad. */
	for (i = 0; i < size && i < (size_t)(r > 0 ? r : (int)size); i++) {
		r2 = proxy_parse(data, i, &h2);
		if (r > 0 || r == 0)
			assert(r2 == 0);
		else
			assert(r2 <= 0);
	}
}

static void
check_cidr(const uint8_t *data, size_t size)
{
	struct proxy_cidr c;
	struct sockaddr_storage ss;
	char *s;

	s = malloc(size + 1);
	assert(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	if (proxy_cidr_parse(s, &c) == 0) {
		assert(c.family == AF_INET || c.family == AF_INET6);
		assert(c.bits <= (c.family == AF_INET ? 32u : 128u));
		/* The network address itself is inside its block. */
		memset(&ss, 0, sizeof(ss));
		ss.ss_family = (sa_family_t)c.family;
		if (c.family == AF_INET)
			memcpy(&((struct sockaddr_in *)&ss)->sin_addr, c.addr, 4);
		else
			memcpy(&((struct sockaddr_in6 *)&ss)->sin6_addr, c.addr, 16);
		assert(proxy_cidr_match(&c, 1, (struct sockaddr *)&ss));
	}
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The prefix loop is quadratic: keep inputs to a header's size. */
	if (size > PROXY_MAX + 64)
		return 0;
	check_header(data, size);
	if (size < 64)
		check_cidr(data, size);
	return 0;
}
