/*
 * tls: see tls.h.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "hostpin.h"
#include "tls.h"
#include "xio.h"

#define TLS_ONCE_MAX	64	/* certificates accepted once, per process */
#define TLS_DRAIN_MS	5000	/* waiting for the server's close */
#define TLS_DATA_READBUF (256 * 1024)	/* read ahead on a data connection */

struct tls_conn {
	SSL		*ssl;
	char		 hostport[300];
	char		 fp[TLS_FP_HEX + 1];
	char		 fpc[TLS_FP_COLONS];
	const char	*trust;
};

static SSL_CTX	*tls_ctx;
static const char *tls_ca_file;
static char	 tls_trust_fp[TLS_FP_HEX + 1];
static int	 tls_insecure_on;
static tls_ask_fn tls_ask;
static void	*tls_ask_arg;

/* host:port and fingerprint pairs the user accepted for this run. */
static struct {
	char	 hostport[300];
	char	 fp[TLS_FP_HEX + 1];
} tls_once[TLS_ONCE_MAX];
static size_t	 tls_once_n;

static const char *const tls_mode_names[] = {
	[TLS_AUTO] = "auto", [TLS_REQUIRED] = "required",
	[TLS_IMPLICIT] = "implicit", [TLS_OFF] = "off",
};

int
tls_mode_parse(const char *s, enum tls_mode *m)
{
	size_t	 i;

	for (i = 0; i < sizeof(tls_mode_names) / sizeof(tls_mode_names[0]);
	    i++)
		if (strcasecmp(s, tls_mode_names[i]) == 0) {
			*m = (enum tls_mode)i;
			return 0;
		}
	return -1;
}

const char *
tls_mode_name(enum tls_mode m)
{
	return tls_mode_names[m];
}

void
tls_set_ca_file(const char *path)
{
	tls_ca_file = path;
}

int
tls_set_trust_fingerprint(const char *s)
{
	return hostpin_fp_parse(s, tls_trust_fp);
}

void
tls_set_insecure(int on)
{
	tls_insecure_on = on;
}

int
tls_insecure(void)
{
	return tls_insecure_on;
}

void
tls_set_ask(tls_ask_fn fn, void *arg)
{
	tls_ask = fn;
	tls_ask_arg = arg;
}

/* The first error of OpenSSL's queue as text (queue emptied). */
static const char *
tls_ossl_error(char *buf, size_t len)
{
	unsigned long	 e = ERR_get_error();

	if (e == 0)
		snprintf(buf, len, "unexpected end of connection");
	else
		ERR_error_string_n(e, buf, len);
	ERR_clear_error();
	return buf;
}

static SSL_CTX *
tls_context(char *err, size_t errlen)
{
	char	 e[256];

	if (tls_ctx != NULL)
		return tls_ctx;
	if ((tls_ctx = SSL_CTX_new(TLS_client_method())) == NULL) {
		snprintf(err, errlen, "TLS: %s", tls_ossl_error(e, sizeof e));
		return NULL;
	}
	SSL_CTX_set_min_proto_version(tls_ctx, TLS1_2_VERSION);
	/* Verification runs, and we decide afterwards (trust on first use). */
	SSL_CTX_set_verify(tls_ctx, SSL_VERIFY_NONE, NULL);
	/* A ticket alone must not make a blocking read wait for data. */
	SSL_CTX_clear_mode(tls_ctx, SSL_MODE_AUTO_RETRY);
	SSL_CTX_set_default_verify_paths(tls_ctx);
	if (tls_ca_file != NULL &&
	    SSL_CTX_load_verify_locations(tls_ctx, tls_ca_file, NULL) != 1) {
		snprintf(err, errlen, "--ca-file %s: %s", tls_ca_file,
		    tls_ossl_error(e, sizeof e));
		SSL_CTX_free(tls_ctx);
		tls_ctx = NULL;
		return NULL;
	}
	return tls_ctx;
}

/* Every blocking read and write on fd ends after ms (a hung handshake). */
static void
tls_sock_timeout(int fd, int ms)
{
	struct timeval	 tv = { .tv_sec = ms / 1000,
			    .tv_usec = (ms % 1000) * 1000 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

static int
tls_is_ip(const char *host)
{
	unsigned char	 a[sizeof(struct in6_addr)];

	return inet_pton(AF_INET, host, a) == 1 ||
	    inet_pton(AF_INET6, host, a) == 1;
}

/*
 * A new SSL on fd, with SNI and OpenSSL's check of host or address; host
 * NULL for a data connection (the certificate is compared instead).
 */
static SSL *
tls_new(int fd, const char *host, int timeout_ms, char *err, size_t errlen)
{
	SSL_CTX			*ctx;
	SSL			*ssl;
	X509_VERIFY_PARAM	*vp;
	char			 e[256];
	int			 ok;

	if ((ctx = tls_context(err, errlen)) == NULL)
		return NULL;
	if ((ssl = SSL_new(ctx)) == NULL || SSL_set_fd(ssl, fd) != 1) {
		snprintf(err, errlen, "TLS: %s", tls_ossl_error(e, sizeof e));
		SSL_free(ssl);
		return NULL;
	}
	tls_sock_timeout(fd, timeout_ms);
	if (host == NULL)
		return ssl;
	vp = SSL_get0_param(ssl);
	if (tls_is_ip(host)) {
		ok = X509_VERIFY_PARAM_set1_ip_asc(vp, host);
	} else {
		SSL_set_tlsext_host_name(ssl, host);
		X509_VERIFY_PARAM_set_hostflags(vp,
		    X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
		ok = X509_VERIFY_PARAM_set1_host(vp, host, 0);
	}
	if (ok != 1) {
		snprintf(err, errlen, "TLS: cannot check the name %s", host);
		SSL_free(ssl);
		return NULL;
	}
	return ssl;
}

static int
tls_handshake(SSL *ssl, const char *what, char *err, size_t errlen)
{
	char	 e[256];
	int	 r, saved;

	ERR_clear_error();
	errno = 0;
	if ((r = SSL_connect(ssl)) == 1)
		return 0;
	saved = errno;
	switch (SSL_get_error(ssl, r)) {
	case SSL_ERROR_WANT_READ:
	case SSL_ERROR_WANT_WRITE:
		snprintf(err, errlen, "TLS handshake with %s timed out", what);
		break;
	case SSL_ERROR_SYSCALL:
		snprintf(err, errlen, "TLS handshake with %s failed: %s", what,
		    saved != 0 ? strerror(saved) :
		    "the server closed the connection");
		break;
	default:
		snprintf(err, errlen, "TLS handshake with %s failed: %s (is "
		    "the server speaking TLS?)", what,
		    tls_ossl_error(e, sizeof e));
		break;
	}
	ERR_clear_error();
	return -1;
}

/* 64 hex digits as "AA:BB:...". */
static void
fp_colons(const char *hex, char out[TLS_FP_COLONS])
{
	size_t	 i, o = 0;

	for (i = 0; i < 32; i++) {
		if (i > 0)
			out[o++] = ':';
		out[o++] = hex[2 * i];
		out[o++] = hex[2 * i + 1];
	}
	out[o] = '\0';
}

/* The peer certificate's SHA-256, as hex and with colons. */
static int
tls_digest(SSL *ssl, struct tls_conn *t)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 n = 0, i;
	X509		*c = SSL_get0_peer_certificate(ssl);

	if (c == NULL || X509_digest(c, EVP_sha256(), md, &n) != 1 || n != 32)
		return -1;
	for (i = 0; i < n; i++) {
		t->fp[2 * i] = hex[md[i] >> 4];
		t->fp[2 * i + 1] = hex[md[i] & 15];
	}
	t->fp[2 * n] = '\0';
	fp_colons(t->fp, t->fpc);
	return 0;
}

static void
tls_name(X509_NAME *n, char *out, size_t len)
{
	BIO	*b = BIO_new(BIO_s_mem());
	char	*p;
	long	 l;

	out[0] = '\0';
	if (b == NULL)
		return;
	X509_NAME_print_ex(b, n, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
	l = BIO_get_mem_data(b, &p);
	snprintf(out, len, "%.*s", (int)(l < 0 ? 0 : l), p);
	BIO_free(b);
}

static void
tls_time(const ASN1_TIME *tm, char *out, size_t len)
{
	BIO	*b = BIO_new(BIO_s_mem());
	char	*p;
	long	 l;

	out[0] = '\0';
	if (b == NULL)
		return;
	ASN1_TIME_print(b, tm);
	l = BIO_get_mem_data(b, &p);
	snprintf(out, len, "%.*s", (int)(l < 0 ? 0 : l), p);
	BIO_free(b);
}

/* Expired or not yet valid: the reason, else NULL. */
static const char *
tls_dates_bad(X509 *c)
{
	if (X509_cmp_current_time(X509_get0_notAfter(c)) < 0)
		return "the certificate has expired";
	if (X509_cmp_current_time(X509_get0_notBefore(c)) > 0)
		return "the certificate is not yet valid";
	return NULL;
}

struct tls_info {
	char	 subject[256], issuer[256], from[64], until[64];
	char	 reason[160];
	struct tls_facts facts;
};

static void
tls_info(struct tls_conn *t, long vr, struct tls_info *i)
{
	X509	*c = SSL_get0_peer_certificate(t->ssl);

	tls_name(X509_get_subject_name(c), i->subject, sizeof i->subject);
	tls_name(X509_get_issuer_name(c), i->issuer, sizeof i->issuer);
	tls_time(X509_get0_notBefore(c), i->from, sizeof i->from);
	tls_time(X509_get0_notAfter(c), i->until, sizeof i->until);
	snprintf(i->reason, sizeof i->reason, "%s",
	    X509_verify_cert_error_string(vr));
	i->facts = (struct tls_facts){ .hostport = t->hostport,
	    .subject = i->subject, .issuer = i->issuer,
	    .not_before = i->from, .not_after = i->until,
	    .reason = i->reason, .fingerprint = t->fpc };
}

static int
tls_once_has(const struct tls_conn *t)
{
	size_t	 i;

	for (i = 0; i < tls_once_n; i++)
		if (strcmp(tls_once[i].fp, t->fp) == 0 &&
		    strcasecmp(tls_once[i].hostport, t->hostport) == 0)
			return 1;
	return 0;
}

static void
tls_once_add(const struct tls_conn *t)
{
	if (tls_once_has(t) || tls_once_n == TLS_ONCE_MAX)
		return;
	strlcpy(tls_once[tls_once_n].hostport, t->hostport,
	    sizeof tls_once[0].hostport);
	strlcpy(tls_once[tls_once_n].fp, t->fp, sizeof tls_once[0].fp);
	tls_once_n++;
}

/* The facts of an unverified certificate, as the refusal states them. */
static void
tls_facts_text(const struct tls_facts *f, char *out, size_t len)
{
	snprintf(out, len,
	    "%s: the server's certificate is not trusted: %s\n"
	    "  subject:     %s\n"
	    "  issuer:      %s\n"
	    "  valid:       %s to %s\n"
	    "  fingerprint: SHA256 %s\n"
	    "Compare the fingerprint with the server's (forkftpd logs it at "
	    "start-up);\nif it is the right one, run again with "
	    "--trust-fingerprint %s,\nor connect once in the browser and pin "
	    "it (a).", f->hostport, f->reason, f->subject, f->issuer,
	    f->not_before, f->not_after, f->fingerprint, f->fingerprint);
}


/* A pin exists for this host:port: the same certificate or a loud no. */
static int
tls_pinned(struct tls_conn *t, const char *path, const char *pin,
    size_t line, char *err, size_t errlen)
{
	char	 old[TLS_FP_COLONS];

	if (strcmp(pin, t->fp) == 0) {
		t->trust = "pinned";
		return 0;
	}
	fp_colons(pin, old);
	snprintf(err, errlen,
	    "WARNING: THE CERTIFICATE OF %s HAS CHANGED!\n"
	    "Someone could be intercepting the connection, or the server got "
	    "a new certificate.\n"
	    "  pinned:  SHA256 %s\n"
	    "  offered: SHA256 %s\n"
	    "The pin is line %zu of %s; remove that line if the change is "
	    "expected.", t->hostport, old, t->fpc, line, path);
	return -1;
}

/* Ask the browser, or refuse in batch mode. */
static int
tls_decide(struct tls_conn *t, const char *path, long vr, char *err,
    size_t errlen)
{
	struct tls_info	 i;

	tls_info(t, vr, &i);
	if (tls_ask == NULL) {
		tls_facts_text(&i.facts, err, errlen);
		return -1;
	}
	switch (tls_ask(tls_ask_arg, &i.facts)) {
	case TLS_ALWAYS:
		if (path[0] == '\0' || hostpin_add(path, t->hostport, t->fp) == -1) {
			snprintf(err, errlen, "cannot pin the certificate in "
			    "%s: %s", path[0] ? path : "known_hosts",
			    strerror(errno));
			return -1;
		}
		t->trust = "pinned now";
		tls_once_add(t);
		return 0;
	case TLS_ONCE:
		t->trust = "accepted once";
		tls_once_add(t);
		return 0;
	default:
		snprintf(err, errlen, "%s: certificate rejected (SHA256 %s)",
		    t->hostport, t->fpc);
		return -1;
	}
}

/* Expired or not yet valid is refused even when pinned or trusted. */
static int
tls_dates_fail(struct tls_conn *t, X509 *c, const char *why, char *err,
    size_t errlen)
{
	char	 from[64], until[64];

	tls_time(X509_get0_notBefore(c), from, sizeof from);
	tls_time(X509_get0_notAfter(c), until, sizeof until);
	snprintf(err, errlen, "%s: %s (valid from %s to %s); SHA256 %s",
	    t->hostport, why, from, until, t->fpc);
	return -1;
}

/*
 * Verified by OpenSSL, else --insecure, --trust-fingerprint, accepted
 * earlier in this process, pinned, or asked.  Dates are checked even for
 * a pinned certificate.
 */
static int
tls_check(struct tls_conn *t, char *err, size_t errlen)
{
	X509		*c = SSL_get0_peer_certificate(t->ssl);
	long		 vr = SSL_get_verify_result(t->ssl);
	char		 path[4096] = "", pin[TLS_FP_HEX + 1];
	const char	*dates;
	size_t		 line = 0;
	int		 r;

	if (c == NULL || tls_digest(t->ssl, t) == -1) {
		snprintf(err, errlen, "%s: the server sent no certificate",
		    t->hostport);
		return -1;
	}
	if (vr == X509_V_OK) {
		t->trust = "verified";
		return 0;
	}
	if (tls_insecure_on) {
		t->trust = "NOT VERIFIED (--insecure)";
		return 0;
	}
	if ((dates = tls_dates_bad(c)) != NULL)
		return tls_dates_fail(t, c, dates, err, errlen);
	if (tls_trust_fp[0] != '\0') {
		if (strcmp(tls_trust_fp, t->fp) == 0) {
			t->trust = "--trust-fingerprint";
			return 0;
		}
		snprintf(err, errlen, "%s: the certificate's fingerprint SHA256 "
		    "%s is not the one --trust-fingerprint gave", t->hostport,
		    t->fpc);
		return -1;
	}
	if (tls_once_has(t)) {
		t->trust = "accepted once";
		return 0;
	}
	if (hostpin_path(path, sizeof path) == 0) {
		r = hostpin_lookup(path, t->hostport, pin, &line);
		if (r == 1)
			return tls_pinned(t, path, pin, line, err, errlen);
		if (r == -1) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
	} else
		path[0] = '\0';
	return tls_decide(t, path, vr, err, errlen);
}

static void
tls_hostport(struct tls_conn *t, const char *host, const char *port)
{
	size_t	 i;

	snprintf(t->hostport, sizeof t->hostport,
	    strchr(host, ':') != NULL ? "[%s]:%s" : "%s:%s", host, port);
	for (i = 0; t->hostport[i] != '\0'; i++)
		if (t->hostport[i] >= 'A' && t->hostport[i] <= 'Z')
			t->hostport[i] = (char)(t->hostport[i] - 'A' + 'a');
}

struct tls_conn *
tls_connect_ctl(int fd, const char *host, const char *port, int timeout_ms,
    char *err, size_t errlen)
{
	struct tls_conn	*t = xcalloc(1, sizeof(*t));

	tls_hostport(t, host, port);
	if ((t->ssl = tls_new(fd, host, timeout_ms, err, errlen)) == NULL) {
		free(t);
		return NULL;
	}
	if (tls_handshake(t->ssl, t->hostport, err, errlen) == -1 ||
	    tls_check(t, err, errlen) == -1) {
		tls_free(t);
		return NULL;
	}
	return t;
}

struct tls_conn *
tls_connect_data(struct tls_conn *ctl, int fd, int timeout_ms, char *err,
    size_t errlen)
{
	struct tls_conn	*t = xcalloc(1, sizeof(*t));
	SSL_SESSION	*s;
	const char	*sni;

	memcpy(t->hostport, ctl->hostport, sizeof t->hostport);
	if ((t->ssl = tls_new(fd, NULL, timeout_ms, err, errlen)) == NULL) {
		free(t);
		return NULL;
	}
	/*
	 * Records arrive back to back: read them ahead, many to a read(2),
	 * instead of two reads per 16 KiB record (a header, then the rest).
	 * tls_pending then counts what is read ahead too.
	 */
	SSL_set_read_ahead(t->ssl, 1);
	SSL_set_default_read_buffer_len(t->ssl, TLS_DATA_READBUF);
	if ((sni = SSL_get_servername(ctl->ssl, TLSEXT_NAMETYPE_host_name)) !=
	    NULL)
		SSL_set_tlsext_host_name(t->ssl, sni);
	/* RFC 4217 §10.2 and vsftpd's require_ssl_reuse: resume. */
	if ((s = SSL_get1_session(ctl->ssl)) != NULL) {
		SSL_set_session(t->ssl, s);
		SSL_SESSION_free(s);
	}
	if (tls_handshake(t->ssl, "the data connection", err, errlen) == -1) {
		tls_free(t);
		return NULL;
	}
	if (tls_digest(t->ssl, t) == -1 || strcmp(t->fp, ctl->fp) != 0) {
		snprintf(err, errlen, "the data connection's certificate is "
		    "not the control connection's");
		tls_free(t);
		return NULL;
	}
	t->trust = ctl->trust;
	return t;
}

ssize_t
tls_read(struct tls_conn *t, void *b, size_t len)
{
	int	 r, saved;

	ERR_clear_error();
	errno = 0;
	if ((r = SSL_read(t->ssl, b, len > INT32_MAX ? INT32_MAX : (int)len)) >
	    0)
		return r;
	saved = errno;
	switch (SSL_get_error(t->ssl, r)) {
	case SSL_ERROR_ZERO_RETURN:
		return 0;
	case SSL_ERROR_WANT_READ:
	case SSL_ERROR_WANT_WRITE:
		/* The socket's timeout, or a record that carried no data. */
		errno = saved == EAGAIN || saved == EWOULDBLOCK ? ETIMEDOUT :
		    EAGAIN;
		break;
	case SSL_ERROR_SYSCALL:
		errno = saved != 0 ? saved : EPROTO;
		break;
	default:
		/* OpenSSL 3: SSL_R_UNEXPECTED_EOF_WHILE_READING and others. */
		errno = EPROTO;
		break;
	}
	ERR_clear_error();
	return -1;
}

int
tls_write(struct tls_conn *t, const void *b, size_t len)
{
	const char	*p = b;
	int		 r, e;

	while (len > 0) {
		ERR_clear_error();
		errno = 0;
		r = SSL_write(t->ssl, p, len > INT32_MAX ? INT32_MAX : (int)len);
		if (r > 0) {
			p += r;
			len -= (size_t)r;
			continue;
		}
		e = SSL_get_error(t->ssl, r);
		if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ)
			errno = ETIMEDOUT;
		else if (errno == 0)
			errno = EPIPE;
		ERR_clear_error();
		return -1;
	}
	return 0;
}

int
tls_pending(struct tls_conn *t)
{
	/*
	 * A close_notify read ahead with the last records was consumed by
	 * the read that returned them: the next read returns 0 at once.
	 */
	return t != NULL && (SSL_has_pending(t->ssl) ||
	    (SSL_get_shutdown(t->ssl) & SSL_RECEIVED_SHUTDOWN));
}

void
tls_close_notify(struct tls_conn *t)
{
	ERR_clear_error();
	SSL_shutdown(t->ssl);
	ERR_clear_error();
}

void
tls_finish(struct tls_conn *t, int fd, int timeout_ms)
{
	struct pollfd	 p = { .fd = fd, .events = POLLIN };
	char		 junk[4096];
	int64_t		 end;
	int		 left;

	if (t == NULL)
		return;
	tls_close_notify(t);
	shutdown(fd, SHUT_WR);
	if (timeout_ms > TLS_DRAIN_MS)
		timeout_ms = TLS_DRAIN_MS;
	end = xnow_ms() + timeout_ms;
	while ((left = (int)(end - xnow_ms())) > 0 && poll(&p, 1, left) == 1 &&
	    recv(fd, junk, sizeof junk, MSG_DONTWAIT) > 0)
		;
	tls_free(t);
}

void
tls_free(struct tls_conn *t)
{
	if (t == NULL)
		return;
	/*
	 * OpenSSL marks the session of an SSL freed without a close_notify
	 * as not resumable; it is the control connection's, which the
	 * next data connection still has to resume.
	 */
	SSL_set_shutdown(t->ssl, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
	SSL_free(t->ssl);
	free(t);
}

const char *
tls_version(struct tls_conn *t)
{
	return SSL_get_version(t->ssl);
}

const char *
tls_cipher(struct tls_conn *t)
{
	return SSL_get_cipher_name(t->ssl);
}

const char *
tls_fingerprint(struct tls_conn *t)
{
	return t->fpc;
}

const char *
tls_trust(struct tls_conn *t)
{
	return t->trust;
}

int
tls_resumed(struct tls_conn *t)
{
	return SSL_session_reused(t->ssl);
}
