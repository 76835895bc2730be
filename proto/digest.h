/*
 * digest: file digests for the HASH command (draft-bryan-ftpext-hash),
 * computed with OpenSSL 3's libcrypto (EVP), which picks SHA-NI/AVX2 code
 * at run time.  Both programs use it: the server to answer HASH, the
 * client to check what it transferred.
 */
#ifndef DIGEST_H
#define DIGEST_H

#include <sys/types.h>
#include <stddef.h>

/* MD5 stays last: loops run from DIGEST_SHA256 to DIGEST_MD5. */
enum digest_algo { DIGEST_SHA256, DIGEST_SHA512, DIGEST_SHA1, DIGEST_MD5 };

#define DIGEST_HEX_MAX 129	/* SHA-512 in hex plus NUL */

/*
 * An incremental digest: init, update with the bytes in order (as they
 * arrive from the network, so no second pass over the file is needed),
 * final.  Zero it before the first digest_init; it owns a libcrypto
 * context from digest_init until digest_final or digest_free.
 */
struct digest_ctx {
	enum digest_algo algo;
	void		*md;		/* EVP_MD_CTX, NULL when not running */
};

/*
 * Load libcrypto's configuration and algorithms now, so that forked
 * children (and sandboxed ones) inherit them instead of each loading
 * them again, and without the clean-up at exit that every child would
 * run.  Before any other OpenSSL call; idempotent.
 */
void	digest_setup(void);
/* Start (or restart, dropping what was fed) a digest of algo. */
void	digest_init(struct digest_ctx *, enum digest_algo);
void	digest_update(struct digest_ctx *, const void *, size_t);
/*
 * Feed bytes [start, end) of fd (end = -1: to EOF) with pread.  Stops
 * early at EOF; 0 or -1 with errno.
 */
int	digest_update_fd(struct digest_ctx *, int fd, off_t start, off_t end);
/* Lower-case hex; frees the context (digest_init again to reuse it). */
void	digest_final(struct digest_ctx *, char hex[DIGEST_HEX_MAX]);
/* Abandon a digest without its result.  NULL-safe, idempotent. */
void	digest_free(struct digest_ctx *);

/* "SHA-256", "SHA-512", "SHA-1", "MD5". */
const char *digest_name(enum digest_algo);
/* Length of the digest in hex (64 for SHA-256). */
size_t	digest_hexlen(enum digest_algo);
/* Case-insensitive; -1 when unknown. */
int	digest_from_name(const char *, enum digest_algo *);
/*
 * Digest bytes [start, end) of fd (end = -1: to EOF) into lower-case hex.
 * Uses pread, so the offset of fd does not move.  0 or -1 with errno.
 */
int	digest_fd(int fd, enum digest_algo, off_t start, off_t end,
	    char hex[DIGEST_HEX_MAX]);
/*
 * Parse "ALGO START-END HEX NAME" of a 213 HASH reply; of a multi-line
 * reply (lines joined by '\n'), the last line.  0 or -1.
 */
int	digest_parse_reply(const char *text, enum digest_algo *,
	    char hex[DIGEST_HEX_MAX]);

#endif
