/*
 * proxy: PROXY protocol v1 and v2 headers (HAProxy doc/proxy-protocol.txt)
 * and address blocks.  The header decides who the client is, so the
 * parser is strict: one exact shape per version, no trailing junk, every
 * length checked before it is used.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "proxy.h"

/* §2.2: "\r\n\r\n\0\r\nQUIT\n", chosen to be harmless to any text protocol. */
static const uint8_t proxy_sig[12] = {
	0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a
};
static const char proxy_v1_tag[] = "PROXY ";

#define V2_HDR		16
#define V2_CMD_LOCAL	0x0
#define V2_CMD_PROXY	0x1
#define V2_FAM_TCP4	0x11
#define V2_FAM_TCP6	0x21
#define V2_IP4_LEN	12	/* src, dst, sport, dport */
#define V2_IP6_LEN	36

/* Do the len bytes of buf match the start of the n-byte prefix p? */
static int
proxy_prefix(const uint8_t *buf, size_t len, const void *p, size_t n)
{
	return memcmp(buf, p, len < n ? len : n) == 0;
}

static void
proxy_sin(struct sockaddr_storage *ss, const uint8_t *a, const uint8_t *port)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	sin->sin_family = AF_INET;
	memcpy(&sin->sin_addr, a, 4);
	memcpy(&sin->sin_port, port, 2);
}

static void
proxy_sin6(struct sockaddr_storage *ss, const uint8_t *a, const uint8_t *port)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	sin6->sin6_family = AF_INET6;
	memcpy(&sin6->sin6_addr, a, 16);
	memcpy(&sin6->sin6_port, port, 2);
}

/* §2.2.7: type, 16-bit length, value; they must fill the rest exactly. */
static int
proxy_tlvs_ok(const uint8_t *p, size_t n)
{
	size_t vlen;

	while (n > 0) {
		if (n < 3)
			return 0;
		vlen = (size_t)p[1] << 8 | p[2];
		if (vlen > n - 3)
			return 0;
		p += 3 + vlen;
		n -= 3 + vlen;
	}
	return 1;
}

/* The addresses of a v2 PROXY command; body is the len bytes after the 16. */
static int
proxy_v2_addrs(uint8_t fam, const uint8_t *body, size_t len,
    struct proxy_hdr *hdr)
{
	size_t alen;

	if (fam == V2_FAM_TCP4) {
		if ((alen = V2_IP4_LEN) > len)
			return -1;
		proxy_sin(&hdr->src, body, body + 8);
		proxy_sin(&hdr->dst, body + 4, body + 10);
	} else if (fam == V2_FAM_TCP6) {
		if ((alen = V2_IP6_LEN) > len)
			return -1;
		proxy_sin6(&hdr->src, body, body + 32);
		proxy_sin6(&hdr->dst, body + 16, body + 34);
	} else
		return -1;	/* UNSPEC, UDP, AF_UNIX: no client address for FTP */
	return proxy_tlvs_ok(body + alen, len - alen) ? 0 : -1;
}

static int
proxy_v2(const uint8_t *buf, size_t len, struct proxy_hdr *hdr)
{
	struct proxy_hdr h;
	size_t blen;

	if (len < V2_HDR)
		return 0;
	/* §2.2: version 2 in the high nibble, the command in the low one. */
	if ((buf[12] >> 4) != 2 || (buf[12] & 0xf) > V2_CMD_PROXY)
		return -1;
	blen = (size_t)buf[14] << 8 | buf[15];
	if (V2_HDR + blen > PROXY_MAX)
		return -1;
	if (len < V2_HDR + blen)
		return 0;
	memset(&h, 0, sizeof(h));
	h.version = 2;
	/* LOCAL: the balancer speaking for itself; the address block is ignored. */
	if ((buf[12] & 0xf) == V2_CMD_LOCAL)
		h.local = 1;
	else if (proxy_v2_addrs(buf[13], buf + V2_HDR, blen, &h) == -1)
		return -1;
	*hdr = h;
	return (int)(V2_HDR + blen);
}

/* A decimal port: 0..65535, no sign, no leading zero. */
static int
proxy_v1_port(const char *s, uint8_t out[2])
{
	unsigned long v = 0;
	size_t i, n = strlen(s);

	if (n == 0 || n > 5 || (n > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > 65535)
		return -1;
	out[0] = (uint8_t)(v >> 8);
	out[1] = (uint8_t)v;
	return 0;
}

/* "TCP4 src dst sport dport" (the line without "PROXY " and CRLF). */
static int
proxy_v1_fields(char *line, struct proxy_hdr *hdr)
{
	char *f[6], *save = NULL, *t;
	uint8_t a[2][16], p[2][2];
	int af, n = 0, i;

	/* §2.1: single spaces; strtok_r would accept runs of them. */
	if (strstr(line, "  ") != NULL || line[0] == ' ' ||
	    line[strlen(line) - 1] == ' ')
		return -1;
	for (t = strtok_r(line, " ", &save); t != NULL;
	    t = strtok_r(NULL, " ", &save)) {
		if (n == 5)
			return -1;
		f[n++] = t;
	}
	if (n != 5)
		return -1;
	if (strcmp(f[0], "TCP4") == 0)
		af = AF_INET;
	else if (strcmp(f[0], "TCP6") == 0)
		af = AF_INET6;
	else
		return -1;
	for (i = 0; i < 2; i++)
		if (inet_pton(af, f[1 + i], a[i]) != 1 ||
		    proxy_v1_port(f[3 + i], p[i]) == -1)
			return -1;
	if (af == AF_INET) {
		proxy_sin(&hdr->src, a[0], p[0]);
		proxy_sin(&hdr->dst, a[1], p[1]);
	} else {
		proxy_sin6(&hdr->src, a[0], p[0]);
		proxy_sin6(&hdr->dst, a[1], p[1]);
	}
	return 0;
}

static int
proxy_v1(const uint8_t *buf, size_t len, struct proxy_hdr *hdr)
{
	char line[PROXY_V1_MAX + 1];
	struct proxy_hdr h;
	size_t i, n;

	/* Printable ASCII up to CR LF, within 107 bytes (§2.1). */
	for (i = 0; i < len && i < PROXY_V1_MAX; i++) {
		if (buf[i] == '\r')
			break;
		if (buf[i] < 0x20 || buf[i] > 0x7e)
			return -1;
	}
	if (i == PROXY_V1_MAX || (i < len && i + 2 > PROXY_V1_MAX))
		return -1;
	if (i + 1 >= len)
		return 0;	/* the CR, or the byte after it, is still to come */
	if (buf[i + 1] != '\n' || i == sizeof(proxy_v1_tag) - 1)
		return -1;
	n = i - (sizeof(proxy_v1_tag) - 1);
	memcpy(line, buf + sizeof(proxy_v1_tag) - 1, n);
	line[n] = '\0';
	memset(&h, 0, sizeof(h));
	h.version = 1;
	/* UNKNOWN: the balancer could not tell; whatever follows is ignored. */
	if (strncmp(line, "UNKNOWN", 7) == 0 && (line[7] == '\0' || line[7] == ' '))
		h.local = 1;
	else if (proxy_v1_fields(line, &h) == -1)
		return -1;
	*hdr = h;
	return (int)(i + 2);
}

int
proxy_parse(const uint8_t *buf, size_t len, struct proxy_hdr *hdr)
{
	size_t tag = sizeof(proxy_v1_tag) - 1;

	if (len == 0)
		return 0;
	if (proxy_prefix(buf, len, proxy_sig, sizeof(proxy_sig)))
		return len < sizeof(proxy_sig) ? 0 : proxy_v2(buf, len, hdr);
	if (proxy_prefix(buf, len, proxy_v1_tag, tag))
		return len <= tag ? 0 : proxy_v1(buf, len, hdr);
	return -1;
}

int
proxy_cidr_parse(const char *s, struct proxy_cidr *c)
{
	char host[INET6_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	size_t hlen = slash != NULL ? (size_t)(slash - s) : strlen(s);
	unsigned long bits, max, i;
	char *end;

	if (hlen == 0 || hlen >= sizeof(host))
		return -1;
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	memset(c, 0, sizeof(*c));
	if (inet_pton(AF_INET, host, c->addr) == 1)
		c->family = AF_INET, max = 32;
	else if (inet_pton(AF_INET6, host, c->addr) == 1)
		c->family = AF_INET6, max = 128;
	else
		return -1;
	bits = max;
	if (slash != NULL) {
		if (slash[1] < '0' || slash[1] > '9' || strlen(slash + 1) > 3)
			return -1;
		bits = strtoul(slash + 1, &end, 10);
		if (*end != '\0' || bits > max)
			return -1;
	}
	c->bits = (unsigned)bits;
	/* Host bits set is a typo (127.0.0.11/24): refuse rather than guess. */
	for (i = bits; i < max; i++)
		if (c->addr[i / 8] & (0x80 >> (i % 8)))
			return -1;
	return 0;
}

static int
proxy_cidr_has(const struct proxy_cidr *c, const uint8_t *a, int family)
{
	unsigned full = c->bits / 8, rest = c->bits % 8;

	if (c->family != family || memcmp(c->addr, a, full) != 0)
		return 0;
	return rest == 0 ||
	    ((c->addr[full] ^ a[full]) & (uint8_t)(0xff00 >> rest)) == 0;
}

int
proxy_cidr_match(const struct proxy_cidr *c, size_t n, const struct sockaddr *sa)
{
	const uint8_t *a;
	int family = sa->sa_family;
	size_t i;

	if (family == AF_INET)
		a = (const uint8_t *)&((const struct sockaddr_in *)sa)->sin_addr;
	else if (family == AF_INET6) {
		a = (const uint8_t *)&((const struct sockaddr_in6 *)sa)->sin6_addr;
		if (IN6_IS_ADDR_V4MAPPED((const struct in6_addr *)a)) {
			a += 12;
			family = AF_INET;
		}
	} else
		return 0;
	for (i = 0; i < n; i++)
		if (proxy_cidr_has(&c[i], a, family))
			return 1;
	return 0;
}
