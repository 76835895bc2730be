/*
 * url: see url.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "url.h"
#include "xio.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
url_decode(const char *s, size_t n)
{
	struct buf	 b;
	size_t		 i;
	int		 hi, lo, c;

	buf_init(&b);
	buf_reserve(&b, 1);
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= n)
				goto bad;
			if ((hi = hexval(s[i + 1])) == -1 ||
			    (lo = hexval(s[i + 2])) == -1)
				goto bad;
			c = hi * 16 + lo;
			i += 2;
		}
		if (c == '\0' || c == '\r' || c == '\n')
			goto bad;
		buf_addc(&b, (char)c);
	}
	return buf_detach(&b);
bad:
	buf_free(&b);
	return NULL;
}

void
url_free(struct url *u)
{
	free(u->user);
	free(u->pass);
	free(u->host);
	free(u->port);
	free(u->path);
	memset(u, 0, sizeof(*u));
}

const char *
url_scheme(enum tls_mode m)
{
	return m == TLS_REQUIRED ? "ftpes" : m == TLS_IMPLICIT ? "ftps" :
	    "ftp";
}

static int
url_fail(struct url *u, char *err, size_t errlen, const char *why)
{
	snprintf(err, errlen, "%s", why);
	url_free(u);
	return -1;
}

/* "user[:pass]" of length n. */
static int
url_userinfo(const char *s, size_t n, struct url *u)
{
	const char	*colon = memchr(s, ':', n);
	size_t		 ul = colon ? (size_t)(colon - s) : n;

	if ((u->user = url_decode(s, ul)) == NULL)
		return -1;
	if (colon != NULL &&
	    (u->pass = url_decode(colon + 1, n - ul - 1)) == NULL)
		return -1;
	return 0;
}

/* "host[:port]" or "[v6][:port]" of length n. */
static int
url_hostport(const char *s, size_t n, struct url *u)
{
	const char	*end = s + n, *p, *close;
	size_t		 i;

	if (n > 0 && *s == '[') {
		if ((close = memchr(s, ']', n)) == NULL)
			return -1;
		/* RFC 6874: a zone id's '%' arrives as "%25". */
		u->host = url_decode(s + 1, (size_t)(close - s - 1));
		if (u->host == NULL)
			return -1;
		p = close + 1;
		if (p != end && *p != ':')
			return -1;
	} else {
		p = memchr(s, ':', n);
		if (p == NULL)
			p = end;
		if ((u->host = url_decode(s, (size_t)(p - s))) == NULL)
			return -1;
	}
	if (*u->host == '\0')
		return -1;
	if (p != end) {
		p++;
		if (p == end || end - p > 5)
			return -1;
		for (i = 0; p + i < end; i++)
			if (p[i] < '0' || p[i] > '9')
				return -1;
		u->port = xstrndup(p, (size_t)(end - p));
		if (atoi(u->port) < 1 || atoi(u->port) > 65535)
			return -1;
	}
	return 0;
}

int
url_parse(const char *s, struct url *u, char *err, size_t errlen)
{
	const char	*auth, *slash, *at;
	size_t		 alen, plen;

	memset(u, 0, sizeof(*u));
	u->tls = TLS_AUTO;
	if (strncasecmp(s, "ftp://", 6) == 0)
		s += 6;
	else if (strncasecmp(s, "ftpes://", 8) == 0) {
		s += 8;
		u->tls = TLS_REQUIRED;
	} else if (strncasecmp(s, "ftps://", 7) == 0) {
		s += 7;
		u->tls = TLS_IMPLICIT;
	} else if (strstr(s, "://") != NULL)
		return url_fail(u, err, errlen,
		    "only ftp://, ftpes:// and ftps:// URLs are supported");
	auth = s;
	slash = strchr(auth, '/');
	alen = slash ? (size_t)(slash - auth) : strlen(auth);
	/* The last '@' ends the userinfo: passwords may hold a raw '@'. */
	at = NULL;
	for (const char *p = auth; p < auth + alen; p++)
		if (*p == '@')
			at = p;
	if (at != NULL) {
		if (url_userinfo(auth, (size_t)(at - auth), u) == -1)
			return url_fail(u, err, errlen, "bad user or password");
		alen -= (size_t)(at + 1 - auth);
		auth = at + 1;
	}
	if (url_hostport(auth, alen, u) == -1)
		return url_fail(u, err, errlen, "bad host or port");
	if (slash == NULL) {
		u->path = xstrdup("");
		return 0;
	}
	plen = strlen(slash + 1);
	/* RFC 1738 §3.2.2 typecode: transfers here are always binary. */
	if (plen >= 7 && strncasecmp(slash + 1 + plen - 7, ";type=", 6) == 0 &&
	    strchr("aidAID", slash[plen]) != NULL)
		plen -= 7;
	if ((u->path = url_decode(slash + 1, plen)) == NULL)
		return url_fail(u, err, errlen, "bad path");
	u->dir = plen == 0 || slash[plen] == '/';
	return 0;
}
