/*
 * digest: HASH (draft-bryan-ftpext-hash) digests over a byte range of a
 * file, with libmd.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include <unistd.h>

#include <md5.h>
#include <sha1.h>
#include <sha2.h>

#include "digest.h"
#include "xio.h"

#define DIGEST_CHUNK 65536

union digest_ctx {
	SHA2_CTX	sha2;
	SHA1_CTX	sha1;
	MD5_CTX		md5;
};

static const char *const digest_names[] = { "SHA-256", "SHA-1", "MD5" };

const char *
digest_name(enum digest_algo a)
{
	if ((unsigned)a >= sizeof(digest_names) / sizeof(digest_names[0]))
		bug("digest_name %d", (int)a);
	return digest_names[a];
}

int
digest_from_name(const char *name, enum digest_algo *a)
{
	unsigned i;

	for (i = 0; i < sizeof(digest_names) / sizeof(digest_names[0]); i++) {
		if (strcasecmp(name, digest_names[i]) == 0) {
			*a = (enum digest_algo)i;
			return 0;
		}
	}
	return -1;
}

static size_t
digest_hexlen(enum digest_algo a)
{
	switch (a) {
	case DIGEST_SHA256:
		return SHA256_DIGEST_LENGTH * 2;
	case DIGEST_SHA1:
		return SHA1_DIGEST_LENGTH * 2;
	default:
		return MD5_DIGEST_LENGTH * 2;
	}
}

static void
digest_init(union digest_ctx *c, enum digest_algo a)
{
	if (a == DIGEST_SHA256)
		SHA256Init(&c->sha2);
	else if (a == DIGEST_SHA1)
		SHA1Init(&c->sha1);
	else
		MD5Init(&c->md5);
}

static void
digest_update(union digest_ctx *c, enum digest_algo a, const void *p, size_t n)
{
	if (a == DIGEST_SHA256)
		SHA256Update(&c->sha2, p, n);
	else if (a == DIGEST_SHA1)
		SHA1Update(&c->sha1, p, n);
	else
		MD5Update(&c->md5, p, n);
}

/* libmd's End gives lower-case hex. */
static void
digest_end(union digest_ctx *c, enum digest_algo a, char hex[DIGEST_HEX_MAX])
{
	if (a == DIGEST_SHA256)
		SHA256End(&c->sha2, hex);
	else if (a == DIGEST_SHA1)
		SHA1End(&c->sha1, hex);
	else
		MD5End(&c->md5, hex);
}

/* How much to read next: a chunk, or what is left before end. */
static size_t
digest_want(off_t pos, off_t end)
{
	if (end < 0 || end - pos >= DIGEST_CHUNK)
		return DIGEST_CHUNK;
	return (size_t)(end - pos);
}

int
digest_fd(int fd, enum digest_algo a, off_t start, off_t end,
    char hex[DIGEST_HEX_MAX])
{
	union digest_ctx c;
	char *chunk;
	ssize_t r = 0;
	size_t want;

	if (start < 0 || (end >= 0 && end < start)) {
		errno = EINVAL;
		return -1;
	}
	chunk = xmalloc(DIGEST_CHUNK);
	digest_init(&c, a);
	while ((want = digest_want(start, end)) > 0) {
		do
			r = pread(fd, chunk, want, start);
		while (r == -1 && errno == EINTR);
		if (r <= 0)
			break;
		digest_update(&c, a, chunk, (size_t)r);
		start += r;
	}
	free(chunk);
	if (r == -1)
		return -1;
	digest_end(&c, a, hex);
	return 0;
}

/* Copy the next space-delimited token of *sp into t; advance. */
static int
digest_token(const char **sp, char *t, size_t size)
{
	const char *s = *sp;
	size_t n;

	while (*s == ' ')
		s++;
	n = strcspn(s, " ");
	if (n == 0 || n >= size)
		return -1;
	memcpy(t, s, n);
	t[n] = '\0';
	*sp = s + n;
	return 0;
}

static int
digest_range_ok(const char *r)
{
	size_t n = strspn(r, "0123456789");

	return n > 0 && r[n] == '-' && strspn(r + n + 1, "0123456789") > 0 &&
	    r[n + 1 + strspn(r + n + 1, "0123456789")] == '\0';
}

int
digest_parse_reply(const char *text, enum digest_algo *a,
    char hex[DIGEST_HEX_MAX])
{
	char algo[16], range[48], h[DIGEST_HEX_MAX + 1];
	size_t i;

	if (digest_token(&text, algo, sizeof(algo)) == -1 ||
	    digest_from_name(algo, a) == -1 ||
	    digest_token(&text, range, sizeof(range)) == -1 ||
	    !digest_range_ok(range) ||
	    digest_token(&text, h, sizeof(h)) == -1 ||
	    strlen(h) != digest_hexlen(*a) ||
	    strspn(h, "0123456789abcdefABCDEF") != strlen(h))
		return -1;
	for (i = 0; h[i] != '\0'; i++)
		hex[i] = (char)tolower((unsigned char)h[i]);
	hex[i] = '\0';
	return 0;
}
