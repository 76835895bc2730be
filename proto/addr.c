/*
 * addr: PORT/PASV (RFC 959 §4.1.2) and EPRT/EPSV (RFC 2428) codecs.
 * Input is parsed strictly: a loose parser is how bounce attacks and
 * confused data connections start.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "xio.h"

/*
 * Decimal digits only (no sign, no space), at most maxdig of them, value
 * at most max.  Advances *sp past them.  Returns the value or -1.
 */
static long
addr_num(const char **sp, int maxdig, long max)
{
	const char *s = *sp;
	long v = 0;
	int n;

	for (n = 0; s[n] >= '0' && s[n] <= '9'; n++) {
		if (n == maxdig)
			return -1;
		v = v * 10 + (s[n] - '0');
	}
	if (n == 0 || v > max)
		return -1;
	*sp = s + n;
	return v;
}

/* Six comma-separated numbers 0..255 at *sp; advances past them. */
static int
addr_tuple(const char **sp, struct sockaddr_in *out)
{
	const char *s = *sp;
	unsigned char b[6];
	long v;
	int i;

	for (i = 0; i < 6; i++) {
		if (i > 0 && *s++ != ',')
			return -1;
		if ((v = addr_num(&s, 3, 255)) == -1)
			return -1;
		b[i] = (unsigned char)v;
	}
	if (b[4] == 0 && b[5] == 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->sin_family = AF_INET;
	memcpy(&out->sin_addr, b, 4);
	out->sin_port = htons((uint16_t)(b[4] << 8 | b[5]));
	*sp = s;
	return 0;
}

int
addr_format_tuple(char *out, size_t size, const struct sockaddr_in *sin)
{
	const unsigned char *a = (const unsigned char *)&sin->sin_addr;
	uint16_t port = ntohs(sin->sin_port);
	int n;

	n = snprintf(out, size, "%u,%u,%u,%u,%u,%u", a[0], a[1], a[2], a[3],
	    (unsigned)(port >> 8), (unsigned)(port & 0xff));
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int
addr_parse_port(const char *arg, struct sockaddr_in *out)
{
	struct sockaddr_in sin;

	if (addr_tuple(&arg, &sin) == -1 || *arg != '\0')
		return -1;
	*out = sin;
	return 0;
}

/* Servers wrap the tuple differently; take the first one that is whole. */
int
addr_parse_pasv_reply(const char *text, struct sockaddr_in *out)
{
	const char *s, *p;
	struct sockaddr_in sin;

	for (s = text; *s != '\0'; s++) {
		/* Start only at the head of a number that is not part of a list. */
		if (*s < '0' || *s > '9' || (s > text &&
		    ((s[-1] >= '0' && s[-1] <= '9') || s[-1] == ',')))
			continue;
		p = s;
		if (addr_tuple(&p, &sin) == 0 && *p != ',' &&
		    (*p < '0' || *p > '9')) {
			*out = sin;
			return 0;
		}
	}
	return -1;
}

int
addr_format_eprt(char *out, size_t size, const struct sockaddr *sa)
{
	char host[INET6_ADDRSTRLEN];
	int n, af;

	if (addr_ntop(sa, host, sizeof(host)) == -1)
		return -1;
	af = strchr(host, ':') != NULL ? 2 : 1;
	n = snprintf(out, size, "|%d|%s|%u|", af, host, addr_port(sa));
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Copy the field at *sp up to delimiter d into f; advance past d. */
static int
addr_field(const char **sp, char d, char *f, size_t size)
{
	const char *e;
	size_t n;

	if ((e = strchr(*sp, d)) == NULL)
		return -1;
	n = (size_t)(e - *sp);
	if (n == 0 || n >= size)
		return -1;
	memcpy(f, *sp, n);
	f[n] = '\0';
	*sp = e + 1;
	return 0;
}

static int
addr_eprt_host(const char *proto, const char *host, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (strcmp(proto, "1") == 0) {
		sin->sin_family = AF_INET;
		return inet_pton(AF_INET, host, &sin->sin_addr) == 1 ? 0 : -1;
	}
	if (strcmp(proto, "2") == 0) {
		sin6->sin6_family = AF_INET6;
		return inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1 ? 0 : -1;
	}
	return -1;
}

int
addr_parse_eprt(const char *arg, struct sockaddr_storage *out)
{
	struct sockaddr_storage ss;
	char d, proto[2], host[INET6_ADDRSTRLEN], port[6];
	const char *p, *s = arg;
	long v;

	d = *s++;
	if (d < 33 || d > 126 || (d >= '0' && d <= '9'))
		return -1;
	if (addr_field(&s, d, proto, sizeof(proto)) == -1 ||
	    addr_field(&s, d, host, sizeof(host)) == -1 ||
	    addr_field(&s, d, port, sizeof(port)) == -1 || *s != '\0')
		return -1;
	p = port;
	if ((v = addr_num(&p, 5, 65535)) <= 0 || *p != '\0')
		return -1;
	if (addr_eprt_host(proto, host, &ss) == -1)
		return -1;
	addr_set_port((struct sockaddr *)&ss, (uint16_t)v);
	*out = ss;
	return 0;
}

/* "(|||port|)": the delimiter is whatever follows '(' (RFC 2428 §3). */
int
addr_parse_epsv_reply(const char *text, uint16_t *port)
{
	const char *s, *p;
	char d;
	long v;

	for (s = strchr(text, '('); s != NULL; s = strchr(s + 1, '(')) {
		d = s[1];
		if (d < 33 || d > 126 || (d >= '0' && d <= '9') ||
		    s[2] != d || s[3] != d)
			continue;
		p = s + 4;
		if ((v = addr_num(&p, 5, 65535)) <= 0 || p[0] != d || p[1] != ')')
			continue;
		*port = (uint16_t)v;
		return 0;
	}
	return -1;
}

static int
addr_is_mapped(const struct sockaddr *sa)
{
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;

	return sa->sa_family == AF_INET6 &&
	    IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr);
}

/* The four IPv4 bytes of an AF_INET or v4-mapped address, else NULL. */
static const unsigned char *
addr_v4(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return (const unsigned char *)
		    &((const struct sockaddr_in *)sa)->sin_addr;
	if (addr_is_mapped(sa))
		return ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr + 12;
	return NULL;
}

int
addr_ntop(const struct sockaddr *sa, char *out, size_t size)
{
	const unsigned char *v4;

	if ((v4 = addr_v4(sa)) != NULL)
		return inet_ntop(AF_INET, v4, out, (socklen_t)size) ? 0 : -1;
	if (sa->sa_family == AF_INET6)
		return inet_ntop(AF_INET6,
		    &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
		    (socklen_t)size) ? 0 : -1;
	return -1;
}

int
addr_same_host(const struct sockaddr *a, const struct sockaddr *b)
{
	const unsigned char *a4 = addr_v4(a), *b4 = addr_v4(b);

	if (a4 != NULL || b4 != NULL)
		return a4 != NULL && b4 != NULL && memcmp(a4, b4, 4) == 0;
	if (a->sa_family != AF_INET6 || b->sa_family != AF_INET6)
		return 0;
	return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
	    &((const struct sockaddr_in6 *)b)->sin6_addr,
	    sizeof(struct in6_addr)) == 0;
}

uint16_t
addr_port(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)sa)->sin_port);
	if (sa->sa_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
	return 0;
}

void
addr_set_port(struct sockaddr *sa, uint16_t port)
{
	if (sa->sa_family == AF_INET)
		((struct sockaddr_in *)sa)->sin_port = htons(port);
	else if (sa->sa_family == AF_INET6)
		((struct sockaddr_in6 *)sa)->sin6_port = htons(port);
	else
		bug("addr_set_port: family %d", sa->sa_family);
}

socklen_t
addr_len(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return sizeof(struct sockaddr_in);
	if (sa->sa_family == AF_INET6)
		return sizeof(struct sockaddr_in6);
	bug("addr_len: family %d", sa->sa_family);
}
