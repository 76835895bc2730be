/*
 * ftp-verify: the HASH check of a transfer (draft-bryan-ftpext-hash).
 *
 * Hashing a whole file twice after a transfer (the server for HASH, we
 * for the comparison) used to cost several times the transfer itself.
 * So for a download our digest is updated as the data goes by, and for
 * a big one the HASH command goes out on a second session before the
 * RETR: the server's child for that session reads and hashes the file
 * while the other child sends it.  forkftpd (FEAT HASH-RETR) does better:
 * told by OPTS HASH that we verify, it digests the file as it sends it,
 * and the HASH after the RETR, on the same session, costs nothing.  After an upload (the server can only
 * hash what it has) we read the file for our digest while the server
 * computes its own.  Whatever goes wrong with the second session, the
 * check falls back to HASH on the main one; whatever our digest does not
 * cover (out-of-order bytes, another algorithm), we re-read.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "digest.h"
#include "digestbg.h"
#include "ftp-int.h"

/* Below this, a second login costs more than hashing serially saves. */
#define VERIFY_EARLY_MIN	(8 * 1024 * 1024)

static int verify_wanted = 1;

void
ftp_set_verify(int on)
{
	verify_wanted = on;
}

/*
 * SHA-256 when the server offers it, else its current algorithm.
 * libcrypto's SHA-256 uses the CPU's SHA instructions: about 1.4-1.75
 * GB/s on one core of the bench machine, as fast as its SHA-1 and three
 * times its MD5 and SHA-512, so the strongest common digest is also the
 * fastest one.
 */
static enum digest_algo
verify_algo(struct ftp *f)
{
	if (f->hash_algos & (1u << DIGEST_SHA256))
		return DIGEST_SHA256;
	return f->hash_default;
}

/*
 * Make algo the session's algorithm (OPTS HASH), once per session.  It
 * also tells forkftpd that this client verifies: it then digests what
 * an upload writes and the HASH after STOR costs it nothing.  The
 * algorithm the session ends up with.
 */
static enum digest_algo
verify_choose(struct ftp *f, enum digest_algo algo)
{
	char	 opt[32], save[FTP_ERR_MAX];

	if (f->hash_chosen && f->hash_default == algo)
		return algo;
	memcpy(save, f->err, sizeof(save));
	snprintf(opt, sizeof(opt), "HASH %s", digest_name(algo));
	if (ctl_cmd(f, "OPTS", opt) == 200)
		f->hash_default = algo;
	f->hash_chosen = 1;
	memcpy(f->err, save, sizeof(save));
	return f->hash_default;
}

/* Second session, HASH sent and not waited for.  NULL when that fails. */
static struct ftp *
verify_ask_early(struct ftp *f, enum digest_algo algo, const char *remote)
{
	struct ftp	*peer;
	char		 err[FTP_ERR_MAX], opt[32];

	if (ftp_clone(f, &peer, err, sizeof(err)) == -1) {
		ftp_logf(f, FTP_LOG_INFO, "HASH on a second session: %s", err);
		return NULL;
	}
	snprintf(opt, sizeof(opt), "HASH %s", digest_name(algo));
	if ((peer->hash_default != algo && ctl_cmd(peer, "OPTS", opt) != 200) ||
	    ctl_send(peer, "HASH", remote) != 0) {
		ftp_logf(f, FTP_LOG_INFO, "HASH on a second session: %s",
		    peer->err);
		ftp_drop(peer);
		ftp_close(peer);
		return NULL;
	}
	return peer;
}

void
verify_start(struct ftp *f, struct ftp_verify *v, const char *remote,
    int flags, uint64_t size, int early)
{
	memset(v, 0, sizeof(*v));
	v->on = verify_wanted && (f->feat & FTP_FEAT_HASH) &&
	    !(flags & FTP_NOVERIFY);
	if (!v->on)
		return;
	/*
	 * A big transfer is digested on a thread (a second core): on one
	 * core, receiving and SHA-256 take about as long each, so a
	 * verified get on one core runs at half the speed of a plain one.
	 */
	v->bg_ok = size == FTP_SIZE_UNKNOWN || size >= VERIFY_EARLY_MIN;
	/*
	 * A server with HASH-RETR (forkftpd) digests the RETR as it sends
	 * it once OPTS HASH said we verify, and answers the HASH after it
	 * at once: one pass over the file instead of two, no second login.
	 * Only a whole file, though: a resume asks early.
	 */
	if (early && (!(f->feat & FTP_FEAT_HASH_RETR) ||
	    (flags & FTP_RESUME)) &&
	    size != FTP_SIZE_UNKNOWN && size >= VERIFY_EARLY_MIN) {
		digest_init(&v->ctx, verify_algo(f));
		v->peer = verify_ask_early(f, v->ctx.algo, remote);
		if (v->peer != NULL)
			return;
	}
	digest_init(&v->ctx, verify_choose(f, verify_algo(f)));
}

void
verify_feed(struct ftp_verify *v, const void *b, size_t n, uint64_t off)
{
	uint64_t	 skip;

	if (!v->on || off > v->hashed || off + n <= v->hashed)
		return;
	/* Bytes we already have (a repeated block): take only the rest. */
	skip = v->hashed - off;
	if (v->bg == NULL && v->bg_ok) {
		v->bg = digestbg_start(&v->ctx);
		v->bg_ok = v->bg != NULL;
	}
	if (v->bg != NULL)
		digestbg_update(v->bg, (const char *)b + skip, n - skip);
	else
		digest_update(&v->ctx, (const char *)b + skip, n - skip);
	v->hashed += n - skip;
}

/* The thread's digest back in v->ctx. */
static void
verify_settle(struct ftp_verify *v)
{
	if (v->bg != NULL)
		digestbg_finish(v->bg, &v->ctx);
	v->bg = NULL;
}

void
verify_prefix(struct ftp_verify *v, int fd, uint64_t len)
{
	if (!v->on || len == 0 || v->hashed != 0)
		return;
	if (digest_update_fd(&v->ctx, fd, 0, (off_t)len) == 0)
		v->hashed = len;
	else
		digest_init(&v->ctx, v->ctx.algo);	/* re-read at the end */
}

void
verify_cancel(struct ftp_verify *v)
{
	verify_settle(v);
	digest_free(&v->ctx);
	if (v->peer == NULL)
		return;
	/* Its server child may still be hashing: no QUIT, just hang up. */
	ftp_drop(v->peer);
	ftp_close(v->peer);
	v->peer = NULL;
}

/* The 213 of the HASH sent early; -1 (peer->err says why) otherwise. */
static int
verify_early_reply(struct ftp_verify *v, enum digest_algo *algo,
    char hex[DIGEST_HEX_MAX])
{
	struct ftp	*p = v->peer;
	int		 code;

	do
		code = ctl_reply(p, -1);
	while (code >= 100 && code < 200);
	if (code != 213)
		return -1;
	if (digest_parse_reply(buf_cstr(&p->rp.text), algo, hex) == -1)
		return ftp_fail(p, "bad HASH reply: %s", p->err);
	return 0;
}

static int
verify_theirs(struct ftp *f, struct ftp_verify *v, const char *remote,
    enum digest_algo *algo, char hex[DIGEST_HEX_MAX])
{
	int	 rc;

	if (v->peer != NULL) {
		rc = verify_early_reply(v, algo, hex);
		if (rc == -1)
			ftp_logf(f, FTP_LOG_INFO, "HASH on the second session: "
			    "%s", v->peer->err);
		if (rc == 0 && v->peer->ctl != -1)
			ftp_close(v->peer);	/* QUIT: the child is idle now */
		else
			verify_cancel(v);
		v->peer = NULL;
		if (rc == 0)
			return 0;
	}
	return ftp_hash(f, remote, algo, hex);
}

/*
 * Ours, from the running digest when it covers fd, else re-read; a
 * stream cannot be re-read, so another algorithm makes it unverifiable
 * (-2).
 */
static int
verify_ours(struct ftp *f, struct ftp_verify *v, const char *remote, int fd,
    enum digest_algo algo, char hex[DIGEST_HEX_MAX])
{
	struct stat	 st;

	if (v->stream && algo != v->ctx.algo) {
		ftp_fail(f, "the server's digest is %s, ours of the stream %s",
		    digest_name(algo), digest_name(v->ctx.algo));
		return -2;
	}
	if (algo == v->ctx.algo && (v->stream || (fstat(fd, &st) == 0 &&
	    (uint64_t)st.st_size == v->hashed))) {
		digest_final(&v->ctx, hex);
		v->hashed = UINT64_MAX;		/* used up */
		return 0;
	}
	ftp_logf(f, FTP_LOG_INFO, "%s: reading the file for %s", remote,
	    digest_name(algo));
	if (digest_fd(fd, algo, 0, -1, hex) == -1)
		return ftp_fail(f, "digest: %s", strerror(errno));
	return 0;
}

/*
 * No running digest (an upload): send HASH, read the file while the
 * server reads its copy, then take the reply.  Ours is computed with the
 * session's algorithm, again if the reply names another.  1 when the
 * connection failed before the reply (ask again the ordinary way).
 */
static int
verify_overlapped(struct ftp *f, const char *remote, int fd,
    enum digest_algo *algo, char theirs[DIGEST_HEX_MAX],
    char ours[DIGEST_HEX_MAX])
{
	enum digest_algo mine = f->hash_default;
	int		 code;

	if (ftp_ensure(f) == -1 || ctl_send(f, "HASH", remote) != 0)
		return 1;
	ftp_logf(f, FTP_LOG_INFO, "%s: reading the file for %s", remote,
	    digest_name(mine));
	if (digest_fd(fd, mine, 0, -1, ours) == -1) {
		ftp_fail(f, "digest: %s", strerror(errno));
		ftp_drop(f);	/* the HASH reply is still to come */
		return -1;
	}
	do
		code = ctl_reply(f, -1);
	while (code >= 100 && code < 200);
	if (code == FTP_LOST || code == -1)
		return 1;
	if (code != 213)
		return -2;
	if (digest_parse_reply(buf_cstr(&f->rp.text), algo, theirs) == -1) {
		ftp_fail(f, "bad HASH reply: %s", f->err);
		return -2;
	}
	if (*algo != mine && digest_fd(fd, *algo, 0, -1, ours) == -1)
		return ftp_fail(f, "digest: %s", strerror(errno));
	return 0;
}

/* Both digests; -2 when the server cannot give one (f->err says why). */
static int
verify_both(struct ftp *f, struct ftp_verify *v, const char *remote, int fd,
    enum digest_algo *algo, char theirs[DIGEST_HEX_MAX],
    char ours[DIGEST_HEX_MAX])
{
	int	 rc;

	if (v->peer == NULL && v->hashed == 0 && !v->stream) {
		rc = verify_overlapped(f, remote, fd, algo, theirs, ours);
		if (rc != 1)
			return rc;
	}
	if (verify_theirs(f, v, remote, algo, theirs) == -1)
		return -2;
	return verify_ours(f, v, remote, fd, *algo, ours);
}

static int
verify_check(struct ftp *f, struct ftp_verify *v, const char *remote, int fd)
{
	enum digest_algo algo;
	char		 theirs[DIGEST_HEX_MAX], ours[DIGEST_HEX_MAX];
	int		 rc;

	rc = verify_both(f, v, remote, fd, &algo, theirs, ours);
	if (rc == -2) {
		ftp_logf(f, FTP_LOG_INFO, "cannot verify %s: %s", remote,
		    f->err);
		return 0;
	}
	if (rc != 0)
		return -1;
	if (strcasecmp(ours, theirs) != 0)
		return ftp_fail(f, "%s: %s mismatch: server %s, local %s",
		    remote, digest_name(algo), theirs, ours);
	ftp_logf(f, FTP_LOG_INFO, "%s: %s verified", remote, digest_name(algo));
	return 0;
}

int
verify_finish(struct ftp *f, struct ftp_verify *v, const char *remote, int fd)
{
	int	 rc;

	if (!v->on)
		return 0;
	verify_settle(v);
	rc = verify_check(f, v, remote, fd);
	digest_free(&v->ctx);
	return rc;
}
