/*
 * ftp-int: what the engine's files (ftp.c control session, ftp-data.c
 * data connections, ftp-xfer.c listings and transfers) share.  Not for
 * users of the engine: they see ftp.h only.
 */
#ifndef FTP_INT_H
#define FTP_INT_H

#include <sys/socket.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "digest.h"
#include "ftp.h"
#include "line.h"
#include "reply.h"
#include "tls.h"

#define FTP_ERR_MAX	1024
#define FTP_DEFAULT_TIMEOUT 30

/* ctl_* results besides reply codes. */
#define FTP_LOST	(-2)	/* control connection gone: reconnect may help */

struct ftp {
	char		*host, *port, *user, *pass;
	int		 active;
	int		 timeout;	/* seconds */
	ftp_log_fn	 log;
	void		*log_arg;

	int		 ctl;		/* control socket, -1 when disconnected */
	enum tls_mode	 tls_mode;
	struct tls_conn	*tls;		/* the control connection's TLS, or NULL */
	char		 prot[16];	/* ftp_protection's text */
	struct sockaddr_storage peer;	/* control peer: data connections go here */
	struct sockaddr_storage self;	/* our end: active listeners bind here */
	char		 peername[128];
	struct line_reader lr;
	struct reply_parser rp;

	int		 code;		/* last reply code, 0 after a local error */
	char		 err[FTP_ERR_MAX];
	unsigned	 feat;
	int		 no_epsv;	/* EPSV refused once: go straight to PASV */
	int		 no_eprt;
	int		 no_part;	/* RNTO over an existing file refused */
	int		 mlst_opts;	/* FEAT MLST offers unix.mode unselected */
	unsigned	 hash_algos;	/* FEAT HASH: 1 << digest_algo offered */
	enum digest_algo hash_default;	/* the one marked '*' (SHA-256 if none) */
	int		 hash_chosen;	/* OPTS HASH sent on this session */
	char		 type;		/* current TYPE, 0 when unknown */
	char		*cwd;		/* absolute remote directory, or NULL */
	int		 reconnects;
	unsigned	 parallel;	/* tree transfer workers */
	time_t		 last_send;	/* monotonic seconds of the last command */
};

/* Log one line in a direction (no-op without a log function). */
void	ftp_logf(struct ftp *, enum ftp_log_dir, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* Record a local failure in f->err (code 0).  Always returns -1. */
int	ftp_fail(struct ftp *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Make sure the control connection is up, reconnecting if it dropped. */
int	ftp_ensure(struct ftp *);
/* Drop the control connection without QUIT (it is broken). */
void	ftp_drop(struct ftp *);

/*
 * path with its ".." components resolved against the working directory
 * PWD gave, or NULL when it has none (or that directory is unknown or
 * not Unix-like): send path as it is then.  Chrooted ProFTPD refuses to
 * list "../NAME" (450/550) while it retrieves it; every server lists
 * the resolved "/NAME".  Lexical, as FTP paths are.  Caller frees.
 */
char	*ftp_resolve_dotdot(struct ftp *, const char *path);
/* A name that can be sent (no LF: RFC 959 has no escape for it)?  0 or -1. */
int	ftp_name_ok(struct ftp *, const char *);
/*
 * Send "VERB[ ARG]" with ARG escaped (CR NUL, IAC doubled; LF refused).
 * 0, -1 (bad argument, f->err set) or FTP_LOST.
 */
int	ctl_send(struct ftp *, const char *verb, const char *arg);
/*
 * Read one whole reply, waiting at most timeout_ms (-1: f->timeout).
 * Returns its code (f->code, f->err = "NNN text"), FTP_LOST, or -1 on a
 * timeout (the connection is dropped then too).
 */
int	ctl_reply(struct ftp *, int timeout_ms);
/* A reply already buffered or readable without waiting?  1 or 0. */
int	ctl_pending(struct ftp *);
/* Read what arrived on the control socket (no wait).  FTP_LOST on EOF. */
int	ctl_pump(struct ftp *);
/* Take one buffered complete reply if any: its code, or 0 if none yet. */
int	ctl_take(struct ftp *);
/* Send and read the final reply (1xx skipped).  Code, -1 or FTP_LOST. */
int	ctl_cmd(struct ftp *, const char *verb, const char *arg);
/* ctl_cmd with one reconnect-and-retry when the connection was lost. */
int	ftp_cmd(struct ftp *, const char *verb, const char *arg);
/* ftp_cmd after TYPE I (SIZE depends on it), retried as a whole. */
int	ftp_cmd_binary(struct ftp *, const char *verb, const char *arg);
/* TYPE I unless it is already set. */
int	ftp_type_binary(struct ftp *);

/*
 * HASH verification of one transfer (ftp-verify.c).  A download's digest
 * is taken as the bytes go by, so there is no second pass over the file;
 * for a big one the server's digest is asked for on a second session
 * before the data flows, so the server hashes (on another core)
 * meanwhile.  After an upload, both sides hash at the same time.
 */
struct ftp_verify {
	int		 on;		/* HASH offered and not FTP_NOVERIFY */
	struct digest_ctx ctx;
	struct digestbg	*bg;		/* ctx continued on a thread, or NULL */
	int		 bg_ok;		/* big enough to be worth a thread */
	uint64_t	 hashed;	/* ctx covers bytes [0, hashed) */
	struct ftp	*peer;		/* second session, HASH sent; or NULL */
	int		 stream;	/* the source cannot be re-read (stdin) */
};
/* early: ask the server now on a second session (for downloads). */
void	verify_start(struct ftp *, struct ftp_verify *, const char *remote,
	    int flags, uint64_t size, int early);
/* Bytes at offset off of the file went by; out-of-order ones are ignored. */
void	verify_feed(struct ftp_verify *, const void *, size_t, uint64_t off);
/* Bytes [0, len) of fd are already there (resume): digest them first. */
void	verify_prefix(struct ftp_verify *, int fd, uint64_t len);
/*
 * Compare the server's digest of remote with ours of fd (re-read only if
 * ours does not cover the file).  A server that cannot hash is not an
 * error; a mismatch is.  Ends the second session.  0 or -1.
 */
int	verify_finish(struct ftp *, struct ftp_verify *, const char *remote,
	    int fd);
/* The transfer failed: end the second session without waiting. */
void	verify_cancel(struct ftp_verify *);

/*
 * ftp_stat for a server without MLST: the entry of path in its parent
 * directory's listing.  Same contract as ftp_stat.
 */
int	list_stat(struct ftp *, const char *path, struct lst_entry *);

/*
 * Data connections (ftp-data.c).  data_open prepares one (passive:
 * EPSV/PASV and connect at once; active: listen and EPRT/PORT) and
 * returns a socket; after the transfer command's 1xx, data_ready turns
 * it into the connected socket (accept for active mode).
 */
struct data_conn {
	int		 fd;		/* connected socket, or listener when active */
	int		 listening;
	struct tls_conn	*tls;		/* after data_ready on a PROT P session */
};
int	data_open(struct ftp *, struct data_conn *);
int	data_ready(struct ftp *, struct data_conn *);
/* Close at once (an abort: no TLS close_notify). */
void	data_close(struct data_conn *);
/* The transfer's end: TLS close_notify and an orderly close, then close. */
void	data_finish(struct ftp *, struct data_conn *);
/*
 * The end of an upload's stream while the reply is awaited: TLS
 * close_notify, then a TCP half-close.  0, or -1 with errno.
 */
int	data_shutdown(struct data_conn *);
/* Connect a TCP socket to sa within timeout_ms; the fd or -1 with errno. */
int	ftp_connect_addr(const struct sockaddr *, int timeout_ms);
/* The interrupt flag is up (and not held off). */
int	ftp_interrupted(void);
/* Hold interrupts off (on = 1) while draining an ABOR; on = 0 undoes it. */
void	ftp_interrupt_hold(int on);
/* Wait for events (POLLIN/POLLOUT) on fd: 1 ready, 0 timeout, -1 error. */
int	wait_fd(int fd, short events, int timeout_ms);

#endif
