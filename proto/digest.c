/*
 * digest: HASH (draft-bryan-ftpext-hash) digests over a byte range of a
 * file, with libcrypto's EVP.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "digest.h"
#include "xio.h"

#define DIGEST_CHUNK (256 * 1024)	/* fewer syscalls on big files */

static const char *const digest_names[] = {
	"SHA-256", "SHA-512", "SHA-1", "MD5"
};
/* The same, as libcrypto's fetch names them. */
static const char *const digest_ossl[] = { "SHA256", "SHA512", "SHA1", "MD5" };

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

/* libcrypto's digest of a; fetched once (an implicit fetch per init costs). */
static const EVP_MD *
digest_md(enum digest_algo a)
{
	static const EVP_MD *md[4];

	if ((unsigned)a >= sizeof(md) / sizeof(md[0]))
		bug("digest_md %d", (int)a);
	if (md[a] == NULL &&
	    (md[a] = EVP_MD_fetch(NULL, digest_ossl[a], NULL)) == NULL)
		fatalx("libcrypto has no %s", digest_names[a]);
	return md[a];
}

size_t
digest_hexlen(enum digest_algo a)
{
	return (size_t)EVP_MD_get_size(digest_md(a)) * 2;
}

void
digest_setup(void)
{
	enum digest_algo a;

	/*
	 * No clean-up at exit: every forked child (a session, a transfer
	 * worker) would free all of libcrypto's tables as it leaves,
	 * writing to, and so copying, pages it shares with its parent: at
	 * a hundred sessions a second that was most of the server's CPU.
	 * The first initialisation decides, so this comes first.
	 */
	if (OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT |
	    OPENSSL_INIT_LOAD_CONFIG, NULL) != 1)
		fatalx("libcrypto failed to initialise");
	for (a = DIGEST_SHA256; a <= DIGEST_MD5; a++)
		(void)digest_md(a);
}

void
digest_init(struct digest_ctx *c, enum digest_algo a)
{
	c->algo = a;
	if (c->md == NULL && (c->md = EVP_MD_CTX_new()) == NULL)
		fatalx("EVP_MD_CTX_new: out of memory");
	if (EVP_DigestInit_ex(c->md, digest_md(a), NULL) != 1)
		fatalx("EVP_DigestInit_ex %s failed", digest_names[a]);
}

void
digest_update(struct digest_ctx *c, const void *p, size_t n)
{
	if (c->md == NULL)
		bug("digest_update without digest_init");
	if (EVP_DigestUpdate(c->md, p, n) != 1)
		fatalx("EVP_DigestUpdate failed");
}

void
digest_final(struct digest_ctx *c, char hex[DIGEST_HEX_MAX])
{
	static const char xd[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int i, n = 0;

	if (c->md == NULL)
		bug("digest_final without digest_init");
	if (EVP_DigestFinal_ex(c->md, md, &n) != 1 || n * 2 >= DIGEST_HEX_MAX)
		fatalx("EVP_DigestFinal_ex failed");
	for (i = 0; i < n; i++) {
		hex[2 * i] = xd[md[i] >> 4];
		hex[2 * i + 1] = xd[md[i] & 0xf];
	}
	hex[2 * n] = '\0';
	digest_free(c);
}

void
digest_free(struct digest_ctx *c)
{
	EVP_MD_CTX_free(c->md);
	c->md = NULL;
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
digest_update_fd(struct digest_ctx *c, int fd, off_t start, off_t end)
{
	char	*chunk;
	ssize_t	 r = 0;
	size_t	 want;

	if (start < 0 || (end >= 0 && end < start)) {
		errno = EINVAL;
		return -1;
	}
	chunk = xmalloc(DIGEST_CHUNK);
	while ((want = digest_want(start, end)) > 0) {
		do
			r = pread(fd, chunk, want, start);
		while (r == -1 && errno == EINTR);
		if (r <= 0)
			break;
		digest_update(c, chunk, (size_t)r);
		start += r;
	}
	free(chunk);
	return r == -1 ? -1 : 0;
}

int
digest_fd(int fd, enum digest_algo a, off_t start, off_t end,
    char hex[DIGEST_HEX_MAX])
{
	struct digest_ctx c = { .md = NULL };

	digest_init(&c, a);
	if (digest_update_fd(&c, fd, start, end) == -1) {
		digest_free(&c);
		return -1;
	}
	digest_final(&c, hex);
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
	const char *p;
	size_t i;

	/* ProFTPD says "213-Computing SHA-1 digest" first: the last line counts. */
	for (p = text; (p = strchr(p, '\n')) != NULL; p++)
		if (p[1] != '\0')
			text = p + 1;
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
