/*
 * tls: the OpenSSL context of the listener, the self-made certificate,
 * and non-blocking connections for the sessions (see tls.h).
 */
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "xio.h"

#include "conf.h"
#include "log.h"
#include "tls.h"

#define TLS_CERT_NAME	"cert.pem"
#define TLS_KEY_NAME	"key.pem"
#define TLS_LOCK_NAME	"tls.lock"
#define TLS_CERT_DAYS	3650
#define TLS_CACHE_SIZE	256	/* sessions a child keeps for its data connections */
#define TLS_CACHE_SECS	86400	/* a long session's data connections still resume */
#define TLS_DATA_READBUF (64 * 1024)
#define TLS_WARM_STEPS	16	/* turns of each end in the warm-up handshake */

struct tls_conn {
	SSL		*ssl;
	int		 fd;
	int		 eof;		/* the peer's FIN came */
	short		 want;		/* POLLIN / POLLOUT */
	char		 err[128];
};

static BIO_METHOD *tls_bio_method;
static void	 tls_bio_init(void);

static SSL_CTX	*tls_ctx;
static char	 tls_fp[3 * EVP_MAX_MD_SIZE + 1];
static char	 tls_auto_cert[PATH_MAX];
static int	 tls_made;	/* the certificate was made, not yet logged */
static char	 tls_made_dir[PATH_MAX];

/* OpenSSL's last error queue entry as text; the queue is emptied. */
static void
tls_errstr(char *out, size_t len, const char *what)
{
	unsigned long e = ERR_get_error();
	char buf[120];

	if (e == 0)
		xsnprintf(out, len, "%s", what);
	else {
		ERR_error_string_n(e, buf, sizeof(buf));
		xsnprintf(out, len, "%s: %s", what, buf);
	}
	ERR_clear_error();
}

__attribute__((format(printf, 2, 3)))
static int
tls_fail(char **err, const char *fmt, ...)
{
	char what[256], line[512];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	tls_errstr(line, sizeof(line), what);
	if (*err == NULL)
		*err = xstrdup(line);
	return -1;
}

/* --- the self-made certificate ---------------------------------------- */

static int
tls_add_ext(X509 *x, int nid, const char *value)
{
	X509V3_CTX v3;
	X509_EXTENSION *ext;
	int rc;

	X509V3_set_ctx_nodb(&v3);
	X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
	if ((ext = X509V3_EXT_conf_nid(NULL, &v3, nid, value)) == NULL)
		return -1;
	rc = X509_add_ext(x, ext, -1) == 1 ? 0 : -1;
	X509_EXTENSION_free(ext);
	return rc;
}

/* "DNS:host,DNS:localhost,IP:127.0.0.1,IP:::1,IP:<listen addresses>". */
static void
tls_san(const struct server_conf *c, const char *host, char *out, size_t len)
{
	char a[INET6_ADDRSTRLEN], one[INET6_ADDRSTRLEN + 8];
	const struct sockaddr *sa;
	size_t i;

	xsnprintf(out, len, "DNS:localhost,IP:127.0.0.1,IP:::1");
	if (host[0] != '\0' && strcmp(host, "localhost") != 0 &&
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-.") == strlen(host)) {
		xsnprintf(one, sizeof(one), ",DNS:%s", host);
		if (strlcat(out, one, len) >= len)
			return;
	}
	for (i = 0; i < c->nlisten; i++) {
		sa = (const struct sockaddr *)&c->listen[i];
		if (inet_ntop(sa->sa_family, sa->sa_family == AF_INET6 ?
		    (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr :
		    (const void *)&((const struct sockaddr_in *)sa)->sin_addr,
		    a, sizeof(a)) == NULL || strcmp(a, "127.0.0.1") == 0 ||
		    strcmp(a, "::1") == 0 || strcmp(a, "0.0.0.0") == 0 ||
		    strcmp(a, "::") == 0)
			continue;
		xsnprintf(one, sizeof(one), ",IP:%s", a);
		if (strlcat(out, one, len) >= len)
			return;
	}
}

/* A self-signed ECDSA P-256 certificate for this host, like openssl req -x509. */
static X509 *
tls_make_cert(const struct server_conf *c, EVP_PKEY *key)
{
	unsigned char serial[16];
	char host[256], san[1024];
	X509_NAME *name;
	BIGNUM *bn = NULL;
	X509 *x;

	if (gethostname(host, sizeof(host)) == -1)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	if ((x = X509_new()) == NULL || X509_set_version(x, X509_VERSION_3) != 1 ||
	    RAND_bytes(serial, sizeof(serial)) != 1)
		goto fail;
	serial[0] &= 0x7f;	/* a positive serial */
	if ((bn = BN_bin2bn(serial, sizeof(serial), NULL)) == NULL ||
	    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) == NULL)
		goto fail;
	if (X509_gmtime_adj(X509_getm_notBefore(x), -3600) == NULL ||
	    X509_time_adj_ex(X509_getm_notAfter(x), TLS_CERT_DAYS, 0, NULL) == NULL)
		goto fail;
	name = X509_get_subject_name(x);
	if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
	    (const unsigned char *)(host[0] != '\0' ? host : "localhost"), -1,
	    -1, 0) != 1 || X509_set_issuer_name(x, name) != 1 ||
	    X509_set_pubkey(x, key) != 1)
		goto fail;
	tls_san(c, host, san, sizeof(san));
	if (tls_add_ext(x, NID_basic_constraints, "critical,CA:TRUE") == -1 ||
	    tls_add_ext(x, NID_subject_key_identifier, "hash") == -1 ||
	    tls_add_ext(x, NID_authority_key_identifier, "keyid:always") == -1 ||
	    tls_add_ext(x, NID_subject_alt_name, san) == -1 ||
	    X509_sign(x, key, EVP_sha256()) == 0)
		goto fail;
	BN_free(bn);
	return x;
fail:
	BN_free(bn);
	X509_free(x);
	return NULL;
}

/* Write with PEM writer w into dir/name (mode), through a temporary. */
static int
tls_write_pem(int dirfd, const char *name, mode_t mode, EVP_PKEY *key, X509 *x)
{
	char tmp[64];
	FILE *f;
	int fd, ok;

	xsnprintf(tmp, sizeof(tmp), "%s.%ld.tmp", name, (long)getpid());
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, mode);
	if (fd == -1)
		return -1;
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		return -1;
	}
	(void)fchmod(fd, mode);
	ok = key != NULL ? PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL,
	    NULL) : PEM_write_X509(f, x);
	ok = ok == 1 && fflush(f) == 0 && fsync(fd) == 0;
	if (fclose(f) != 0)
		ok = 0;
	if (!ok || renameat(dirfd, tmp, dirfd, name) == -1) {
		(void)unlinkat(dirfd, tmp, 0);
		return -1;
	}
	return 0;
}

static int
tls_create_files(const struct server_conf *c, int dirfd, char **err)
{
	EVP_PKEY *key;
	X509 *x = NULL;
	int rc = -1;

	if ((key = EVP_EC_gen("P-256")) == NULL)
		return tls_fail(err, "P-256 key");
	if ((x = tls_make_cert(c, key)) == NULL)
		tls_fail(err, "self-signed certificate");
	/* The key first: a certificate is only there with its key. */
	else if (tls_write_pem(dirfd, TLS_KEY_NAME, 0600, key, NULL) == -1 ||
	    tls_write_pem(dirfd, TLS_CERT_NAME, 0644, NULL, x) == -1)
		tls_fail(err, "%s: %s", c->state_dir, strerror(errno));
	else {
		tls_made = 1;
		xsnprintf(tls_made_dir, sizeof(tls_made_dir), "%s", c->state_dir);
		rc = 0;
	}
	X509_free(x);
	EVP_PKEY_free(key);
	return rc;
}

/* mkdir -p, the last component 0755. */
static int
tls_mkdirs(const char *path)
{
	char p[PATH_MAX], *s;

	if (strlcpy(p, path, sizeof(p)) >= sizeof(p)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return mkdir(p, 0755) == -1 && errno != EEXIST ? -1 : 0;
}

/*
 * The state directory's certificate and key, made when missing.  A lock
 * file keeps two servers starting at once from making two.
 */
static int
tls_auto_files(const struct server_conf *c, char *cert, char *key,
    size_t len, char **err)
{
	struct stat st;
	int dirfd, lock, rc = 0;

	if (c->state_dir == NULL || tls_mkdirs(c->state_dir) == -1)
		return tls_fail(err, "state directory %s: %s",
		    c->state_dir != NULL ? c->state_dir : "(none)",
		    strerror(errno));
	dirfd = open(c->state_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	lock = dirfd == -1 ? -1 : openat(dirfd, TLS_LOCK_NAME,
	    O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (lock == -1 || flock(lock, LOCK_EX) == -1) {
		rc = tls_fail(err, "%s: %s", c->state_dir, strerror(errno));
		goto out;
	}
	if (fstatat(dirfd, TLS_CERT_NAME, &st, 0) == -1 ||
	    fstatat(dirfd, TLS_KEY_NAME, &st, 0) == -1)
		rc = tls_create_files(c, dirfd, err);
	xsnprintf(cert, len, "%s/%s", c->state_dir, TLS_CERT_NAME);
	xsnprintf(key, len, "%s/%s", c->state_dir, TLS_KEY_NAME);
out:
	if (lock != -1)
		close(lock);	/* and the lock with it */
	if (dirfd != -1)
		close(dirfd);
	return rc;
}

/* --- the warm-up handshake --------------------------------------------- */

/* Both ends stepped in turn until both are done: 0, or -1. */
static int
tls_warm_handshake(SSL *srv, SSL *cli)
{
	int i, rs = 0, rc = 0;

	for (i = 0; i < TLS_WARM_STEPS && (rs != 1 || rc != 1); i++) {
		if (rc != 1)
			rc = SSL_do_handshake(cli);
		if (rs != 1)
			rs = SSL_do_handshake(srv);
	}
	return rs == 1 && rc == 1 ? 0 : -1;
}

/* A byte each way: records sealed and opened on both sides once. */
static int
tls_warm_records(SSL *srv, SSL *cli)
{
	char b;

	return SSL_write(cli, "w", 1) == 1 && SSL_read(srv, &b, 1) == 1 &&
	    SSL_write(srv, "w", 1) == 1 && SSL_read(cli, &b, 1) == 1 ? 0 : -1;
}

/*
 * The listener shakes hands with itself once, over a socketpair, with
 * OpenSSL's default client (TLS 1.3, X25519, what curl and the bench's
 * loadgen negotiate).  OpenSSL builds much of what a handshake needs
 * lazily, on first use: algorithm fetches and their caches, key
 * material derived from the certificate's key, record-layer state.
 * Built in each session child, all of it was private memory of every
 * FTPS session; built here before any fork, it is shared.  The cache
 * is emptied afterwards: no child inherits a session nobody can resume.
 * A failure costs memory only.
 */
static int
tls_warm(SSL_CTX *ctx)
{
	SSL_CTX *cctx = NULL;
	SSL *srv = NULL, *cli = NULL;
	int sv[2] = { -1, -1 }, rc = -1;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
	    sv) == -1 ||
	    (cctx = SSL_CTX_new(TLS_client_method())) == NULL ||
	    (srv = SSL_new(ctx)) == NULL || (cli = SSL_new(cctx)) == NULL ||
	    SSL_set_fd(srv, sv[0]) != 1 || SSL_set_fd(cli, sv[1]) != 1)
		goto out;
	SSL_set_accept_state(srv);
	SSL_set_connect_state(cli);
	if (tls_warm_handshake(srv, cli) == 0 && tls_warm_records(srv, cli) == 0)
		rc = 0;
out:
	SSL_free(srv);
	SSL_free(cli);
	SSL_CTX_free(cctx);
	SSL_CTX_flush_sessions(ctx, 0);
	if (sv[0] != -1) {
		close(sv[0]);
		close(sv[1]);
	}
	ERR_clear_error();
	return rc;
}

/* --- the context ------------------------------------------------------- */

static void
tls_fingerprint_of(SSL_CTX *ctx, char *out, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;
	X509 *x = SSL_CTX_get0_certificate(ctx);

	out[0] = '\0';
	if (x == NULL || X509_digest(x, EVP_sha256(), md, &n) != 1)
		return;
	/* "AA:BB:...": 3 bytes a digest byte, the last ':' becomes the NUL. */
	for (i = 0; i < n && 3 * i + 3 <= len; i++)
		snprintf(out + 3 * i, len - 3 * i, "%02X%s", md[i],
		    i + 1 < n ? ":" : "");
}

static int
tls_ctx_options(SSL_CTX *ctx, const struct server_conf *c, char **err)
{
	static const unsigned char sid_ctx[] = "forkftpd";

	if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
	    SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) != 1)
		return tls_fail(err, "TLS versions");
	/*
	 * Tickets off: sessions stay in this child's cache, which is what
	 * lets a data connection prove it came from this control connection
	 * (tls.h).  A client may reuse one session for every data
	 * connection, as lftp does: no anti-replay (no early data anyway).
	 */
	SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION |
	    SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION |
	    SSL_OP_NO_TICKET | SSL_OP_NO_ANTI_REPLAY);
	SSL_CTX_set_mode(ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
	    SSL_MODE_RELEASE_BUFFERS);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);
	SSL_CTX_sess_set_cache_size(ctx, TLS_CACHE_SIZE);
	SSL_CTX_set_timeout(ctx, TLS_CACHE_SECS);
	if (SSL_CTX_set_session_id_context(ctx, sid_ctx, sizeof(sid_ctx) - 1) != 1)
		return tls_fail(err, "session id context");
	if (c->tls_ciphers != NULL &&
	    SSL_CTX_set_cipher_list(ctx, c->tls_ciphers) != 1)
		return tls_fail(err, "tls-ciphers '%s'", c->tls_ciphers);
	return 0;
}

static SSL_CTX *
tls_ctx_new(const struct server_conf *c, char **err)
{
	char cert[PATH_MAX], key[PATH_MAX];
	SSL_CTX *ctx;

	tls_auto_cert[0] = '\0';
	if (c->tls_cert != NULL) {
		xsnprintf(cert, sizeof(cert), "%s", c->tls_cert);
		xsnprintf(key, sizeof(key), "%s", c->tls_key != NULL ?
		    c->tls_key : c->tls_cert);
	} else if (tls_auto_files(c, cert, key, sizeof(cert), err) == -1)
		return NULL;
	if ((ctx = SSL_CTX_new(TLS_server_method())) == NULL) {
		tls_fail(err, "SSL_CTX_new");
		return NULL;
	}
	if (tls_ctx_options(ctx, c, err) == -1)
		goto fail;
	/* The chain after the leaf is sent too. */
	if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
		tls_fail(err, "certificate %s", cert);
		goto fail;
	}
	if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_check_private_key(ctx) != 1) {
		tls_fail(err, "key %s", key);
		goto fail;
	}
	if (c->tls_cert == NULL)
		xsnprintf(tls_auto_cert, sizeof(tls_auto_cert), "%s", cert);
	/* Under inetd this process is the session: nothing to share. */
	if (!c->no_fork && tls_warm(ctx) == -1)
		log_info("TLS: the warm-up handshake failed; sessions work, "
		    "but each costs more memory");
	return ctx;
fail:
	SSL_CTX_free(ctx);
	return NULL;
}

void
tls_announce(void)
{
	if (tls_ctx == NULL)
		return;
	if (tls_made)
		log_info("made a TLS certificate in %s", tls_made_dir);
	tls_made = 0;
	log_info("TLS certificate sha256 %s", tls_fp);
	if (tls_auto_cert[0] != '\0')
		log_info("TLS clients trust it with: curl --cacert %s; "
		    "lftp: set ssl:ca-file %s", tls_auto_cert, tls_auto_cert);
}

int
tls_setup(const struct server_conf *c, char **err)
{
	unsigned char seed[16];

	if (c->tls == TLS_OFF)
		return 0;
	/*
	 * Configuration, providers and the random generator come up here:
	 * a chrooted child could not read openssl.cnf or a provider.
	 */
	if (OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG, NULL) != 1)
		return tls_fail(err, "OpenSSL init");
	if (RAND_bytes(seed, sizeof(seed)) != 1)
		return tls_fail(err, "random generator");
	tls_bio_init();
	if ((tls_ctx = tls_ctx_new(c, err)) == NULL)
		return -1;
	tls_fingerprint_of(tls_ctx, tls_fp, sizeof(tls_fp));
	return 0;
}

int
tls_reload(const struct server_conf *c, char **err)
{
	SSL_CTX *ctx = NULL;
	char auto_cert[PATH_MAX];

	memcpy(auto_cert, tls_auto_cert, sizeof(auto_cert));
	tls_bio_init();
	if (c->tls != TLS_OFF && (ctx = tls_ctx_new(c, err)) == NULL) {
		memcpy(tls_auto_cert, auto_cert, sizeof(auto_cert));
		return -1;
	}
	SSL_CTX_free(tls_ctx);
	tls_ctx = ctx;
	tls_fp[0] = '\0';
	if (ctx != NULL) {
		tls_fingerprint_of(ctx, tls_fp, sizeof(tls_fp));
		tls_announce();
	}
	return 0;
}

int
tls_enabled(void)
{
	return tls_ctx != NULL;
}

const char *
tls_fingerprint(void)
{
	return tls_fp;
}

const char *
tls_cert_file(void)
{
	return tls_auto_cert[0] != '\0' ? tls_auto_cert : NULL;
}

/* --- connections ------------------------------------------------------- */

/*
 * The socket under OpenSSL.  Like its own socket BIO, except that the
 * peer's FIN is not handed to OpenSSL: it would call a missing
 * close_notify a fatal error, send an alert and drop the session from
 * the cache, and every later data connection, which must resume that
 * session, would be refused.  The FIN is noted here and read as "would
 * block"; tls_result reports it as a cut connection.
 */
static int
tls_bio_read(BIO *b, char *p, int n)
{
	struct tls_conn *t = BIO_get_data(b);
	ssize_t r;

	BIO_clear_retry_flags(b);
	if (n <= 0)
		return 0;
	if ((r = recv(t->fd, p, (size_t)n, 0)) > 0)
		return (int)r;
	if (r == 0)
		t->eof = 1;
	else if (errno != EAGAIN && errno != EINTR)
		return -1;
	BIO_set_retry_read(b);
	return -1;
}

static int
tls_bio_write(BIO *b, const char *p, int n)
{
	struct tls_conn *t = BIO_get_data(b);
	ssize_t r;

	BIO_clear_retry_flags(b);
	if (n <= 0)
		return 0;
	if ((r = send(t->fd, p, (size_t)n, MSG_NOSIGNAL)) >= 0)
		return (int)r;
	if (errno == EAGAIN || errno == EINTR)
		BIO_set_retry_write(b);
	return -1;
}

static long
tls_bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	(void)b;
	(void)num;
	(void)ptr;
	return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static void
tls_bio_init(void)
{
	if (tls_bio_method != NULL)
		return;
	if ((tls_bio_method = BIO_meth_new(BIO_get_new_index() |
	    BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR, "forkftpd socket")) == NULL ||
	    BIO_meth_set_read(tls_bio_method, tls_bio_read) != 1 ||
	    BIO_meth_set_write(tls_bio_method, tls_bio_write) != 1 ||
	    BIO_meth_set_ctrl(tls_bio_method, tls_bio_ctrl) != 1)
		fatalx("BIO_meth_new");
}

struct tls_conn *
tls_new(int fd, int data)
{
	struct tls_conn *t;
	BIO *bio;

	if (tls_ctx == NULL)
		bug("tls_new without a context");
	t = xcalloc(1, sizeof(*t));
	t->fd = fd;
	if ((t->ssl = SSL_new(tls_ctx)) == NULL ||
	    (bio = BIO_new(tls_bio_method)) == NULL)
		fatalx("SSL_new: %s", ERR_reason_error_string(ERR_get_error()));
	BIO_set_data(bio, t);
	BIO_set_init(bio, 1);
	SSL_set_bio(t->ssl, bio, bio);	/* one reference, owned by the SSL */
	/*
	 * Data: fewer, larger reads (records arrive back to back).  No TLS
	 * 1.3 tickets: an uploading client never reads them, and a socket
	 * closed with unread bytes sends a RST, which makes the kernel drop
	 * the end of the upload before we read it.  The client resumes the
	 * control connection's session instead (no anti-replay: tls_ctx).
	 */
	if (data) {
		SSL_set_read_ahead(t->ssl, 1);
		SSL_set_default_read_buffer_len(t->ssl, TLS_DATA_READBUF);
		if (SSL_set_num_tickets(t->ssl, 0) != 1)
			fatalx("SSL_set_num_tickets");
	} else {
		/*
		 * Control: OpenSSL keeps the plaintext of the last record in
		 * its buffer; a PASS line must not stay there (session.c
		 * scrubs its own copies).
		 */
		SSL_set_options(t->ssl, SSL_OP_CLEANSE_PLAINTEXT);
	}
	t->want = POLLIN;
	return t;
}

void
tls_free(struct tls_conn *t, int done_ok)
{
	if (t == NULL)
		return;
	/* Our close_notify only: the peer's comes (or not) on its own. */
	if (done_ok && SSL_is_init_finished(t->ssl))
		(void)SSL_shutdown(t->ssl);
	/*
	 * Otherwise (ABOR, a reset) OpenSSL would drop the session from the
	 * cache as "bad", and with it the control connection's session that
	 * every later data connection must resume.
	 */
	else
		SSL_set_shutdown(t->ssl, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
	SSL_free(t->ssl);
	ERR_clear_error();
	free(t);
}

/*
 * What an SSL call's result means: 1 go on (EAGAIN, t->want set), 0
 * close_notify, -1 failure (errno, t->err set).
 */
static int
tls_result(struct tls_conn *t, int r, const char *what)
{
	int e = SSL_get_error(t->ssl, r), saved = errno;
	unsigned long le;

	if (e == SSL_ERROR_WANT_READ && t->eof) {
		xsnprintf(t->err, sizeof(t->err), "%s: connection closed "
		    "without close_notify", what);
		ERR_clear_error();
		errno = ECONNRESET;
		return -1;
	}
	switch (e) {
	case SSL_ERROR_WANT_READ:
		t->want = POLLIN;
		errno = EAGAIN;
		return 1;
	case SSL_ERROR_WANT_WRITE:
		t->want = POLLOUT;
		errno = EAGAIN;
		return 1;
	case SSL_ERROR_ZERO_RETURN:
		return 0;
	case SSL_ERROR_SYSCALL:
		xsnprintf(t->err, sizeof(t->err), "%s: %s", what, saved != 0 ?
		    strerror(saved) : "connection closed");
		ERR_clear_error();
		errno = ECONNRESET;
		return -1;
	default:
		le = ERR_peek_last_error();
		tls_errstr(t->err, sizeof(t->err), what);
		/* OpenSSL 3 names a bare TCP EOF in mid-stream this way. */
		errno = ERR_GET_REASON(le) == SSL_R_UNEXPECTED_EOF_WHILE_READING ?
		    ECONNRESET : EPROTO;
		return -1;
	}
}

int
tls_close(struct tls_conn *t)
{
	int r;

	ERR_clear_error();
	if ((r = SSL_shutdown(t->ssl)) == 1)
		return 1;
	if (r == 0) {		/* ours sent; theirs still to come */
		t->want = POLLIN;
		return 0;
	}
	return tls_result(t, r, "shutdown") == 1 ? 0 : -1;
}

int
tls_handshake(struct tls_conn *t)
{
	int r;

	ERR_clear_error();
	if ((r = SSL_accept(t->ssl)) == 1)
		return 1;
	return tls_result(t, r, "handshake") == 1 ? 0 : -1;
}

short
tls_events(const struct tls_conn *t)
{
	return t->want;
}

ssize_t
tls_read(struct tls_conn *t, void *p, size_t n)
{
	size_t got = 0, one;
	int rc;

	t->want = POLLIN;
	/* Fill the buffer from every record already there, not one each. */
	while (got < n) {
		ERR_clear_error();
		if (SSL_read_ex(t->ssl, (char *)p + got, n - got, &one) == 1) {
			got += one;
			continue;
		}
		rc = tls_result(t, 0, "read");
		/* Deliver what came first; an end shows on the next call. */
		if (got > 0)
			break;
		return rc == 0 ? 0 : -1;
	}
	return (ssize_t)got;
}

ssize_t
tls_write(struct tls_conn *t, const void *p, size_t n)
{
	size_t done;

	ERR_clear_error();
	t->want = POLLOUT;
	if (n == 0)
		return 0;
	if (SSL_write_ex(t->ssl, p, n, &done) == 1) {
		t->want = POLLIN;	/* what a caller waits for next */
		return (ssize_t)done;
	}
	if (tls_result(t, 0, "write") == 0)
		errno = EPIPE;
	return -1;
}

int
tls_pending(const struct tls_conn *t)
{
	return SSL_has_pending(t->ssl);
}

int
tls_reused(const struct tls_conn *t)
{
	return SSL_session_reused(t->ssl) == 1;
}

void
tls_describe(const struct tls_conn *t, char *out, size_t len)
{
	xsnprintf(out, len, "%s %s", SSL_get_version(t->ssl),
	    SSL_get_cipher_name(t->ssl));
}

const char *
tls_error(const struct tls_conn *t)
{
	return t->err[0] != '\0' ? t->err : "unknown TLS error";
}
