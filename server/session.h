/*
 * session: one child's life with one client: greet, read commands,
 * dispatch through the command table, time out, leave.
 *
 * struct session is shared by the session modules (session.c, cmd-*.c,
 * data.c); nothing outside server/ looks inside it.
 */
#ifndef SESSION_H
#define SESSION_H

#include <sys/socket.h>
#include <sys/types.h>
#include <stdint.h>

#include "auth.h"
#include "buf.h"
#include "digest.h"
#include "line.h"
#include "data.h"

struct server_conf;
struct tls_conn;

/*
 * Serve the client on ctl until it leaves; never returns.  peer and self
 * are the control connection's addresses.  Privileges are already dropped
 * and conf->root_fd is the root the session is confined to.
 * Exit status: 0 normal, 1 error/timeout.
 */
__attribute__((noreturn))
void	session_run(int ctl, const struct sockaddr_storage *peer,
	    const struct sockaddr_storage *self, const struct server_conf *,
	    int flags);

/*
 * The same loop without the process around it, for fuzzing and in-process
 * tests (issue 8): commands are read from in, replies written to out (they
 * may be one socket, or a socketpair end and /dev/null).  With
 * SESSION_INPROC it installs no signal handler or fatal hook, does not
 * touch the process title, and returns the exit status at EOF, QUIT or
 * timeout instead of exiting.  Data connections still use real loopback
 * sockets: with conf->accept_timeout 0 a transfer is 425 at once
 * (otherwise a harness connects a helper); conf->fail_delay_ms 0 skips
 * the login delay.  An upload whose control input is already at EOF
 * counts as a vanished client and is not committed.  Nothing leaks
 * between calls: every fd the session opened is closed on return.
 */
#define SESSION_INPROC	0x1
/* The connection came from an ftps:// listener: TLS before the 220. */
#define SESSION_IMPLICIT_TLS 0x2
int	session_serve(int in, int out, const struct sockaddr_storage *peer,
	    const struct sockaddr_storage *self, const struct server_conf *,
	    int flags);

/* Lines a client may pipeline during a transfer before we stop reading. */
#define SESSION_QMAX	8
/* Beyond them, input bytes looked through for an ABOR (the socket's). */
#define SESSION_PEEK_MAX	(256 * 1024)
/* The control connection's send buffer (the kernel doubles it). */
#define SESSION_SNDBUF		(64 * 1024)
/* How often a transfer looks for that ABOR, in milliseconds. */
#define SESSION_ABOR_POLL_MS	100

struct session {
	const struct server_conf *conf;
	int		 in, out;	/* the control connection */
	int		 inproc;
	struct sockaddr_storage peer, self;
	char		 peer_str[64];

	struct line_reader lr;
	struct buf	 line;		/* the command being served */
	struct buf	 queue[SESSION_QMAX];	/* read during a transfer */
	char		 qlong[SESSION_QMAX];	/* that line was over-long: 500 */
	unsigned	 qhead, qlen;
	unsigned	 abor_skip;	/* ABOR lines answered before their turn */
	size_t		 abor_seen;	/* input bytes last looked through */
	int		 eof;		/* control connection closed */
	char		 cmd[128];	/* the command served, for the log */
	int		 quit;		/* leave after this command */
	int		 bye;		/* QUIT came mid-transfer: answered */
	int		 status;	/* exit status */
	int		 abort_req;	/* ABOR arrived during a transfer */
	int64_t		 login_deadline;	/* monotonic ms */

	char		 user[64];	/* from USER, "" if none yet */
	int		 have_user;
	int		 logged_in;
	unsigned	 fails;
	struct login	 login;
	int		 root;		/* session root (the home) dir fd */
	struct buf	 cwd;		/* virtual, absolute, normalised */

	int		 ascii;		/* TYPE A */
	off_t		 rest;		/* REST marker for the next transfer */
	int		 epsv_all;
	struct data_state data;
	char		*rnfr;		/* absolute virtual path, or NULL */
	enum digest_algo hash;
	int		 hash_used;	/* HASH or OPTS HASH came: a verifier */
	unsigned	 facts;		/* MLST facts selected by OPTS MLST */

	struct tls_conn	*tls;		/* control connection under TLS, or NULL */
	struct tls_conn	*data_tls;	/* data connection under TLS, or NULL */
	int		 pbsz;		/* PBSZ done (RFC 4217 §9) */
	int		 prot_p;	/* PROT P: data connections under TLS */
	int		 tls_implicit;	/* came from an ftps:// listener */

	uint64_t	 xfer_bytes;	/* moved by the transfer in progress */
	int64_t		 rate_start;	/* monotonic ms when pacing began */
	uint64_t	 rate_bytes;
};

/*
 * Send one reply (reply_format: CR/LF in text become continuation lines).
 * A 4xx or 5xx reply is logged with the command it answers.
 */
__attribute__((format(printf, 3, 4)))
void	session_reply(struct session *, int code, const char *, ...);
/*
 * Send preformatted CRLF lines as they are, with 0xFF doubled (Telnet
 * IAC).  For bodies whose shape is fixed by an RFC (FEAT, MLST, STAT):
 * callers make sure no line holds CR or LF of client origin.
 */
void	session_send_raw(struct session *, const char *, size_t);
/*
 * During a transfer the control connection is readable: read it, queue
 * ordinary commands and notice ABOR.  Returns 1 when the transfer must
 * stop (ABOR, or the control connection closed), 0 otherwise.
 */
int	session_ctl_event(struct session *);
/* 1 when the control connection must not be polled (queue full, QUIT). */
int	session_queue_full(const struct session *);
/*
 * With the queue full: is an ABOR waiting behind the queued commands (in
 * the bytes read or still in the socket)?  1 after noting it as answered
 * now (its line is skipped when its turn comes), else 0.  Cheap when no
 * byte arrived since the last call.
 */
int	session_abor_waiting(struct session *);
/*
 * The upload temporary being written (dirfd, name), or NULL when none:
 * a SIGTERM (end of the parent's grace period) removes it before exiting.
 */
void	session_temp(int dirfd, const char *name);
/*
 * AUTH TLS was answered 234: whatever the client sent after the AUTH
 * line is dropped unread (RFC 4217 §4: never run a plaintext command
 * after it), then the handshake runs under the login deadline.  0 once
 * the control connection is under TLS; -1 when the handshake failed
 * and the session must end (s->quit set).
 */
int	session_tls_start(struct session *);
/*
 * REIN's end of TLS (RFC 4217): close_notify both ways on the control
 * connection, which is plain again, and PBSZ/PROT forgotten; a client
 * that sends no close_notify by the line deadline loses the session.
 * Nothing when the session is plain.
 */
void	session_tls_end(struct session *);
/* Monotonic milliseconds. */
int64_t	session_now_ms(void);
/*
 * Resolve a client argument against the cwd into out (absolute).  0, or
 * -1 for a NUL, an over-long result (errno ENAMETOOLONG) or ".." above
 * the root (EACCES).
 */
int	session_path(struct session *, const char *arg, struct buf *out);
/*
 * 1 if the last component of abs may be created (no CR/LF, not over
 * NAME_MAX, not the hidden prefix of upload temporaries); otherwise
 * replies 553 and returns 0.
 */
int	session_new_name_ok(struct session *, const char *abs);
/*
 * Why errno err made a command fail, as a client may read it: the usual
 * texts (No such file or directory, Is a directory, File exists,
 * Permission denied, Not a directory, No space left on device, ...).  A
 * refusal of the jail (EXDEV, ELOOP) reads as Permission denied.
 */
const char *session_strerror(int err);
/* Reply "code what: reason." with session_strerror(err). */
void	session_fail(struct session *, int code, const char *what, int err);
/* 1 if the user may write; otherwise replies 550 and returns 0. */
int	session_may_write(struct session *);
/*
 * End the login (USER while logged in, REIN): no user, no home, cwd "/",
 * no RNFR; commands need a new USER and PASS, within the login timeout.
 */
void	session_logout(struct session *);
/*
 * REIN (RFC 959 §4.1.1): the session as the greeting left it, control
 * connection kept: logout plus TYPE, REST, EPSV ALL, PASV/PORT, HASH and
 * MLST facts back to their defaults.  A layer with its own session state
 * (TLS) ends it here as well.
 */
void	session_reinit(struct session *);

#endif
