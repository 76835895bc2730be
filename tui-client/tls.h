/*
 * tls: FTPS for the client engine (RFC 4217) with OpenSSL 3.
 *
 * The control connection's handshake decides whether the server's
 * certificate is trusted: first OpenSSL's verification against the
 * default CA paths plus --ca-file, with OpenSSL's own host name or IP
 * address check; failing that, trust on first use as ssh does, with
 * pins in hostpin.c's known_hosts file.  Data connections resume the
 * control connection's session (servers like vsftpd require it) and
 * must present the same certificate.
 *
 * Trust choices are process-wide, like ftp_set_verify: they are the
 * user's for every session, reconnection and forked worker.  A
 * certificate the user accepted once is remembered in memory, so a
 * worker forked afterwards accepts exactly that one without asking.
 */
#ifndef TLS_H
#define TLS_H

#include <stddef.h>
#include <sys/types.h>

enum tls_mode {
	TLS_AUTO,	/* ftp://: TLS when FEAT offers AUTH TLS */
	TLS_REQUIRED,	/* ftpes://: explicit, required */
	TLS_IMPLICIT,	/* ftps://: TLS from the first byte */
	TLS_OFF		/* plain FTP */
};

#define TLS_FP_HEX	64		/* SHA-256 in hex */
#define TLS_FP_COLONS	(32 * 3)	/* "AA:BB:..." with its NUL */

/* "auto", "required", "implicit", "off" to a mode: 0 or -1. */
int	tls_mode_parse(const char *, enum tls_mode *);
const char *tls_mode_name(enum tls_mode);

/* --ca-file: more trusted CAs (PEM).  The path is kept, not copied. */
void	tls_set_ca_file(const char *path);
/*
 * --trust-fingerprint: hex SHA-256, with or without colons, any case.
 * 0, or -1 when it is not 32 bytes of hex.
 */
int	tls_set_trust_fingerprint(const char *);
/* --insecure: accept any certificate (the caller says so to the user). */
void	tls_set_insecure(int);
int	tls_insecure(void);

/* What the user is shown about an unverified certificate. */
struct tls_facts {
	const char	*hostport;	/* "host:port" */
	const char	*subject, *issuer;
	const char	*not_before, *not_after;
	const char	*reason;	/* why verification failed */
	const char	*fingerprint;	/* SHA-256 with colons */
};

enum tls_answer { TLS_REJECT, TLS_ONCE, TLS_ALWAYS };
typedef enum tls_answer (*tls_ask_fn)(void *arg, const struct tls_facts *);
/*
 * Who decides about an unverified, unpinned certificate: the browser's
 * dialog.  NULL (batch mode, workers): such a certificate is refused
 * with the facts and how to proceed in the error.
 */
void	tls_set_ask(tls_ask_fn, void *arg);

struct tls_conn;

/*
 * Handshake as a client on the connected socket fd, and decide whether
 * to trust the server's certificate for host (a name or an address, as
 * the user gave it) and port.  Every wait is bounded by timeout_ms.
 * Returns the connection, or NULL with a reason (several lines for a
 * refused certificate) in err.  fd stays the caller's.
 */
struct tls_conn *tls_connect_ctl(int fd, const char *host, const char *port,
	    int timeout_ms, char *err, size_t errlen);
/*
 * A data connection's handshake on fd, resuming ctl's session; the
 * server must present ctl's certificate.  NULL with err on failure.
 */
struct tls_conn *tls_connect_data(struct tls_conn *ctl, int fd,
	    int timeout_ms, char *err, size_t errlen);
/*
 * Read up to len bytes: > 0; 0 at the peer's close_notify; -1 with
 * errno: EAGAIN (only a TLS record without data arrived), EPROTO (the
 * connection ended without close_notify: a truncation), ETIMEDOUT, or
 * another error.
 */
ssize_t	tls_read(struct tls_conn *, void *, size_t len);
/* Write all len bytes: 0, or -1 with errno. */
int	tls_write(struct tls_conn *, const void *, size_t len);
/*
 * Bytes inside OpenSSL that poll cannot see: decrypted, read ahead (a
 * data connection), or the peer's close_notify.  A read then returns
 * without waiting, or waits only for the rest of a record that has begun.
 */
int	tls_pending(struct tls_conn *);
/*
 * End a data connection: close_notify, then our half of TCP, then wait
 * (bounded) for the server to close, so the close is never a reset that
 * could cut an upload short.  Frees t; fd is closed by the caller.
 */
void	tls_finish(struct tls_conn *t, int fd, int timeout_ms);
/* Send close_notify (the end of what we send), nothing else. */
void	tls_close_notify(struct tls_conn *);
/*
 * Free without a close_notify (an aborted or broken connection).  The
 * control session stays resumable for the next data connection.
 */
void	tls_free(struct tls_conn *);

/* "TLSv1.3", the cipher suite, the SHA-256 fingerprint with colons. */
const char *tls_version(struct tls_conn *);
const char *tls_cipher(struct tls_conn *);
const char *tls_fingerprint(struct tls_conn *);
/* The data connection resumed the control connection's session?  1 or 0. */
int	tls_resumed(struct tls_conn *);
/* How the certificate was trusted: "verified", "pinned", ... */
const char *tls_trust(struct tls_conn *);

#endif
