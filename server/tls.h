/*
 * tls: FTPS (RFC 4217) with OpenSSL 3.  Two halves.
 *
 * The listener's half loads everything once, before it forks: OpenSSL's
 * configuration and providers, the certificate chain and the key (a real
 * one from --tls-cert/--tls-key, or the self-signed one kept in the state
 * directory, made on the first start).  A session child inherits the
 * context by fork: chrooted and seccomp-filtered, it never opens a file
 * for TLS.
 *
 * The session's half wraps one connection (control or data) in a struct
 * tls_conn whose read and write functions never block: they return -1
 * with errno EAGAIN and tls_events() says what to poll for, so the
 * session and data code keep their own deadlines and ABOR checks.
 *
 * Data connections prove they belong to the control connection by
 * resuming its TLS session.  Session tickets are off (SSL_OP_NO_TICKET:
 * TLS 1.2 session IDs, TLS 1.3 stateful tickets), so sessions live only
 * in the cache of the child that made them: a stranger's own session,
 * made on another control connection, is unknown here and cannot be
 * resumed (tls_reused).
 */
#ifndef TLS_H
#define TLS_H

#include <sys/types.h>
#include <stddef.h>

struct server_conf;
struct tls_conn;

enum tls_mode {
	TLS_OFF,
	TLS_OPTIONAL,		/* AUTH TLS offered, plain sessions served */
	TLS_REQUIRED,		/* no login and no data before TLS */
};

/*
 * In the listener, at start (before any chroot or fork): build the
 * context for conf (nothing when conf->tls is TLS_OFF).  Without
 * conf->tls_cert the state directory's certificate is loaded, or made
 * and kept there (key 0600) when there is none.  Returns 0, or -1 with one line in *err (caller frees).
 */
int	tls_setup(const struct server_conf *, char **err);
/*
 * Log what tls_setup did: a certificate made, its fingerprint line
 * "TLS certificate sha256 AA:BB:..." and, for the self-made one, how
 * curl and lftp trust it.  After the "listening on" lines, which scripts
 * read first.
 */
void	tls_announce(void);
/*
 * SIGHUP: the same for new sessions (announced).  On error the running context
 * stays and -1 is returned with *err set.
 */
int	tls_reload(const struct server_conf *, char **err);
/* Is a context loaded (AUTH TLS and ftps:// listeners possible)? */
int	tls_enabled(void);
/* "AA:BB:..." SHA-256 fingerprint of the certificate in use, or "". */
const char *tls_fingerprint(void);
/* The PEM file of the self-made certificate, or NULL with --tls-cert. */
const char *tls_cert_file(void);

/*
 * A server-side TLS connection on fd (non-blocking, kept open by the
 * caller).  data: a data connection (larger read buffers).  Never NULL.
 */
struct tls_conn *tls_new(int fd, int data);
/* Send close_notify if done_ok (one try), then free.  NULL is fine. */
void	tls_free(struct tls_conn *, int done_ok);
/*
 * Advance the handshake: 1 done, 0 call again once fd has tls_events(),
 * -1 failed (a reason for the log in tls_error()).
 */
int	tls_handshake(struct tls_conn *);
/*
 * Both close_notify alerts, ours and the peer's, so the connection can
 * go on in plaintext (REIN): 1 done, 0 call again once fd has
 * tls_events(), -1 failed.  tls_free(t, 1) after it.
 */
int	tls_close(struct tls_conn *);
/* POLLIN or POLLOUT: what the last call that returned EAGAIN waits for. */
short	tls_events(const struct tls_conn *);
/*
 * Read up to n bytes (as many records as are there).  >0 bytes; 0 the
 * peer's close_notify; -1 with errno EAGAIN (poll for tls_events),
 * ECONNRESET for a connection cut without close_notify, EPROTO for a
 * TLS error.
 */
ssize_t	tls_read(struct tls_conn *, void *, size_t n);
/*
 * Write n bytes: n, or -1 (EAGAIN: call again with the same bytes once
 * tls_events() is ready; else the connection failed).
 */
ssize_t	tls_write(struct tls_conn *, const void *, size_t n);
/* Decrypted bytes or whole records held inside, not in the socket. */
int	tls_pending(const struct tls_conn *);
/* Did the handshake resume a session of this process's cache? */
int	tls_reused(const struct tls_conn *);
/* "TLSv1.3 TLS_AES_256_GCM_SHA384" for the log. */
void	tls_describe(const struct tls_conn *, char *out, size_t len);
/* The last failure's reason, for the log (never secret material). */
const char *tls_error(const struct tls_conn *);

#endif
