/*
 * data: the data connection of a session.  PASV/EPSV open a listener on
 * the control connection's local address (random port within
 * pasv_min..pasv_max, or the kernel's ephemeral range); PORT/EPRT
 * remember a target that was checked against the control peer (RFC 2577
 * bounce).  A transfer command calls data_open, which accepts (only from
 * the control peer's address, RFC 2577 §8) or connects within
 * accept_timeout.  One connection per transfer; data_close makes sure the
 * bytes are out before the 226.
 *
 * The transfer loops poll the data socket and the control connection
 * together, so ABOR is seen mid-transfer; they stop on a stall of
 * data_timeout seconds and pace to conf->max_rate.
 */
#ifndef DATA_H
#define DATA_H

#include <sys/socket.h>
#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

struct session;
struct buf;
struct digest_ctx;

struct data_state {
	int		 lfd;		/* passive listener, or -1 */
	int		 have_port;	/* PORT/EPRT target set */
	struct sockaddr_storage port;
};

enum xfer_result {
	XFER_OK,
	XFER_ABORT,		/* ABOR received, or the control connection closed */
	XFER_NET,		/* data connection failed */
	XFER_FILE,		/* local file error (errno kept in *err) */
	XFER_TIMEOUT		/* data stall */
};

void	data_init(struct data_state *);
/* Forget listener and PORT target. */
void	data_reset(struct data_state *);
/* 1 when PASV/EPSV/PORT/EPRT prepared a connection. */
int	data_pending(const struct data_state *);

/*
 * Read the kernel's ephemeral port range, the passive ports used when
 * none are configured.  Call once at start-up, before any chroot hides
 * /proc; without it Linux's default range is used.
 */
void	data_ports_init(void);
/*
 * Open a passive listener on a random port of the configured range, or
 * without one of the ephemeral range (then of any port, should that be
 * busy); returns its port, or 0 (errno set).
 */
uint16_t data_listen(struct session *);
/* Check and remember a PORT/EPRT target.  0, or the reply code to refuse with. */
int	data_set_port(struct session *, const struct sockaddr_storage *);

/*
 * Accept or connect.  Returns a non-blocking fd, or -1 after replying
 * 425 (or 421 on a timeout of the control side, 521 when --tls required
 * and no PROT P).  Resets the state either way.
 */
int	data_open(struct session *);
/*
 * After the 150 of a transfer: under PROT P, the TLS handshake on dfd,
 * forkftpd the server (RFC 4217 §7) whatever opened the connection.
 * With the reuse check (default) the client must resume the control
 * connection's session, so a stranger who raced to the port gets nothing
 * (522).  0, or -1 after replying and closing dfd.
 */
int	data_start(struct session *, int dfd);
/* Close so that queued bytes reach the peer first (bounded linger). */
void	data_close(int fd, int flush);

/* Send len bytes (listings, ASCII). */
enum xfer_result data_write(struct session *, int dfd, const void *, size_t);
/*
 * Send file fd from off to EOF (binary: sendfile; ascii: converted).
 * With dg (binary only), what is read is also digested: the file is read
 * into a buffer and sent from there instead of with sendfile.
 */
enum xfer_result data_send_file(struct session *, int dfd, int fd, off_t off,
	    int ascii, struct digest_ctx *dg, uint64_t *sent, int *err);
/*
 * Receive to EOF into fd at its current offset; what is written to fd
 * also goes to dg unless it is NULL.
 */
enum xfer_result data_recv_file(struct session *, int dfd, int fd, int ascii,
	    struct digest_ctx *dg, uint64_t *got, int *err);
/*
 * For a long command without a data connection (HASH): read what the
 * control connection holds without blocking, queueing commands for later.
 * XFER_ABORT when ABOR came or the client left (s->eof), else XFER_OK.
 */
enum xfer_result data_ctl_check(struct session *);
/*
 * After XFER_ABORT: 426 for the aborted command then 226 for the ABOR,
 * nothing when the client left.
 */
void	data_aborted(struct session *);
/*
 * Finish a transfer: close dfd and send 226, or the error reply for res
 * (426 then 226 for ABOR).  what is "Transfer" or "Directory send".
 */
void	data_finish(struct session *, int dfd, enum xfer_result, int err,
	    const char *ok_text);

#endif
