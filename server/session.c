/*
 * session: greet, read one command line at a time under a deadline,
 * check it once against the command table (arity, login), dispatch to
 * the handler of its group (cmd-*.c), leave on QUIT, EOF or timeout.
 */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "cmd.h"
#include "path.h"
#include "reply.h"
#include "xio.h"

#include "cmd-auth.h"
#include "cmd-fs.h"
#include "cmd-info.h"
#include "cmd-nav.h"
#include "cmd-xfer.h"
#include "conf.h"
#include "fs.h"
#include "listing.h"
#include "log.h"
#include "session.h"
#include "tls.h"

typedef void (*cmd_handler)(struct session *, const char *);

/* Indexed by enum cmd_id; a hole is a 502. */
static const cmd_handler handlers[CMD__COUNT] = {
	[CMD_USER] = cmd_user,	[CMD_PASS] = cmd_pass,	[CMD_ACCT] = cmd_acct,
	[CMD_QUIT] = cmd_quit,	[CMD_REIN] = cmd_rein,	[CMD_AUTH] = cmd_auth,
	[CMD_PBSZ] = cmd_pbsz,	[CMD_PROT] = cmd_prot,	[CMD_CCC] = cmd_ccc,
	[CMD_NOOP] = cmd_noop,	[CMD_SYST] = cmd_syst,	[CMD_FEAT] = cmd_feat_reply,
	[CMD_OPTS] = cmd_opts,	[CMD_HELP] = cmd_help_reply,	[CMD_STAT] = cmd_stat,
	[CMD_SITE] = cmd_site,	[CMD_ALLO] = cmd_allo,
	[CMD_PWD] = cmd_pwd,	[CMD_XPWD] = cmd_pwd,	[CMD_CWD] = cmd_cwd,
	[CMD_XCWD] = cmd_cwd,	[CMD_CDUP] = cmd_cdup,	[CMD_XCUP] = cmd_cdup,
	[CMD_TYPE] = cmd_type,	[CMD_MODE] = cmd_mode,	[CMD_STRU] = cmd_stru,
	[CMD_PASV] = cmd_pasv,	[CMD_EPSV] = cmd_epsv,	[CMD_PORT] = cmd_port,
	[CMD_EPRT] = cmd_eprt,	[CMD_LIST] = cmd_list,	[CMD_NLST] = cmd_nlst,
	[CMD_MLSD] = cmd_mlsd,	[CMD_MLST] = cmd_mlst,	[CMD_RETR] = cmd_retr,
	[CMD_STOR] = cmd_stor,	[CMD_STOU] = cmd_stou,	[CMD_APPE] = cmd_appe,
	[CMD_REST] = cmd_rest,	[CMD_ABOR] = cmd_abor,	[CMD_SIZE] = cmd_size,
	[CMD_MDTM] = cmd_mdtm,	[CMD_MFMT] = cmd_mfmt,	[CMD_DELE] = cmd_dele,
	[CMD_MKD] = cmd_mkd,	[CMD_XMKD] = cmd_mkd,	[CMD_RMD] = cmd_rmd,
	[CMD_XRMD] = cmd_rmd,	[CMD_RNFR] = cmd_rnfr,	[CMD_RNTO] = cmd_rnto,
	[CMD_HASH] = cmd_hash,
};

static int	 fatal_fd = -1;
/* The upload temporary in progress, for a SIGTERM to clean up. */
static volatile int temp_dirfd = -1;
static char	 temp_name[64];

int64_t
session_now_ms(void)
{
	return xnow_ms();
}

/*
 * By when the client must have sent its next command line, or taken a
 * reply: the idle deadline, and before login no later than the login
 * deadline.  0 in conf: no limit.
 */
static int64_t
session_deadline(const struct session *s)
{
	int64_t end = INT64_MAX;

	if (s->conf->idle_timeout > 0)
		end = session_now_ms() + (int64_t)s->conf->idle_timeout * 1000;
	if (!s->logged_in && s->login_deadline < end)
		end = s->login_deadline;
	return end;
}

/*
 * Wait until the control connection is ready for what TLS asks (events)
 * or the deadline passes: 1 ready, 0 timeout.
 */
static int
session_tls_wait(struct session *s, short events, int64_t end)
{
	struct pollfd pfd = { .fd = s->in, .events = events };
	int64_t left;
	int r;

	while ((left = end - session_now_ms()) > 0) {
		r = poll(&pfd, 1, left > 86400000 ? 86400000 : (int)left);
		if (r == -1 && errno != EINTR)
			fatal("poll");
		if (r == 1)
			return 1;
	}
	return 0;
}

/* xwrite_until under TLS: -1 with ETIMEDOUT at the deadline. */
static int
session_tls_write(struct session *s, const char *p, size_t n, int64_t end)
{
	while (tls_write(s->tls, p, n) == -1) {
		if (errno != EAGAIN)
			return -1;
		if (!session_tls_wait(s, tls_events(s->tls), end)) {
			errno = ETIMEDOUT;
			return -1;
		}
	}
	return 0;
}

/*
 * Every byte to the client goes through here.  A client that does not
 * read its replies (a pipeline of HELPs into a full socket) loses the
 * session at the deadline instead of holding a slot for ever.
 */
static void
session_write(struct session *s, const char *p, size_t n)
{
	if (s->eof)
		return;
	if ((s->tls != NULL ? session_tls_write(s, p, n,
	    session_deadline(s)) : xwrite_until(s->out, p, n,
	    session_deadline(s))) == 0)
		return;
	if (errno == ETIMEDOUT) {
		log_info("client does not read its replies, closing");
		s->status = 1;
	}
	s->eof = 1;
	s->quit = 1;
}

void
session_reply(struct session *s, int code, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	reply_vformat(&b, code, fmt, ap);
	va_end(ap);
	/* Every failure is logged with its reason: the first reply line. */
	if (code >= 400)
		log_info("%s: %.*s", s->cmd[0] != '\0' ? s->cmd : "-",
		    (int)strcspn(buf_cstr(&b), "\r\n"), buf_cstr(&b));
	session_write(s, b.data, b.len);
	buf_free(&b);
}

const char *
session_strerror(int err)
{
	switch (err) {
	case ENOENT:
		return "No such file or directory";
	case EISDIR:
		return "Is a directory";
	case EEXIST:
		return "File exists";
	case EACCES: case EPERM: case EROFS: case EXDEV: case ELOOP:
		return "Permission denied";
	case ENOTDIR:
		return "Not a directory";
	case ENOSPC: case EDQUOT:
		return "No space left on device";
	case ENOTEMPTY:
		return "Directory not empty";
	case ENAMETOOLONG:
		return "File name too long";
	case EFBIG:
		return "File too large";
	case EINVAL:
		return "Not a regular file";
	}
	return strerror(err);
}

void
session_fail(struct session *s, int code, const char *what, int err)
{
	session_reply(s, code, "%s: %s.", what, session_strerror(err));
}

void
session_send_raw(struct session *s, const char *p, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		buf_addc(&b, p[i]);
		if ((unsigned char)p[i] == 0xff)
			buf_addc(&b, p[i]);
	}
	session_write(s, b.data, b.len);
	buf_free(&b);
}

int
session_path(struct session *s, const char *arg, struct buf *out)
{
	const char *a = arg != NULL ? arg : "";

	buf_reset(out);
	if (fs_climbs(buf_cstr(&s->cwd), a)) {
		errno = EACCES;
		return -1;
	}
	if (path_join(buf_cstr(&s->cwd), a, strlen(a), out) == -1) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
session_new_name_ok(struct session *s, const char *abs)
{
	const char *base = strrchr(abs, '/');

	base = base != NULL ? base + 1 : abs;
	/*
	 * A name no listing could show, or the kernel could store, or one
	 * of our upload temporaries, which listings hide (a client's own
	 * would be a file nobody sees, in a directory that cannot be
	 * emptied).
	 */
	if (listing_name_ok(base) && strlen(base) <= NAME_MAX &&
	    strncmp(base, FS_TEMP_PREFIX, strlen(FS_TEMP_PREFIX)) != 0)
		return 1;
	session_reply(s, 553, "File name not allowed.");
	return 0;
}

int
session_may_write(struct session *s)
{
	if (s->login.writable)
		return 1;
	log_warn("refused a write for read-only \"%s\"", s->login.name);
	session_reply(s, 550, "Permission denied.");
	return 0;
}

int
session_queue_full(const struct session *s)
{
	/* After a QUIT nothing more is read: the session ends after this. */
	return s->qlen >= SESSION_QMAX || s->bye;
}

void
session_logout(struct session *s)
{
	if (s->logged_in)
		log_info("logout \"%s\"", s->login.name);
	s->logged_in = 0;
	s->have_user = 0;
	s->user[0] = '\0';
	explicit_bzero(&s->login, sizeof s->login);
	if (s->root != -1)
		close(s->root);
	s->root = -1;
	buf_reset(&s->cwd);
	buf_adds(&s->cwd, "/");
	free(s->rnfr);
	s->rnfr = NULL;
	s->login_deadline = s->conf->login_timeout == 0 ? INT64_MAX :
	    session_now_ms() + (int64_t)s->conf->login_timeout * 1000;
}

/* Transfer parameters as a new connection has them. */
static void
session_xfer_defaults(struct session *s)
{
	s->ascii = 0;
	s->rest = 0;
	s->epsv_all = 0;
	data_reset(&s->data);
	s->hash = DIGEST_SHA256;
	s->facts = LST_F_ALL;
}

void
session_reinit(struct session *s)
{
	session_logout(s);
	session_xfer_defaults(s);
}

/* Queue a line read during a transfer; toolong: it only gets its 500. */
static void
session_enqueue(struct session *s, const struct buf *line, int toolong)
{
	unsigned i = (s->qhead + s->qlen) % SESSION_QMAX;

	buf_reset(&s->queue[i]);
	if (!toolong)
		buf_add(&s->queue[i], line->data, line->len);
	s->qlong[i] = (char)toolong;
	s->qlen++;
}

/* A plain QUIT (with an argument it is queued, to be refused later). */
static int
session_is_quit(const char *p, size_t n)
{
	const struct cmd_def *def;
	struct cmd_line cl;

	return cmd_parse(p, n, &cl) == 0 && cl.arg == NULL &&
	    (def = cmd_lookup(cl.verb)) != NULL && def->id == CMD_QUIT;
}

/*
 * An ABOR, also in the mangled forms left when the urgent byte or the
 * Telnet IP/DM did not arrive cleanly: a line that is no known command
 * but ends in "ABOR" (pyftpdlib's fallback).
 */
static int
session_is_abor(const char *p, size_t n)
{
	const struct cmd_def *def;
	struct cmd_line cl;

	if (cmd_parse(p, n, &cl) == 0 && (def = cmd_lookup(cl.verb)) != NULL)
		return def->id == CMD_ABOR;
	while (n > 0 && p[n - 1] == ' ')
		n--;
	return n >= 4 && strncasecmp(p + n - 4, "ABOR", 4) == 0;
}

int
session_ctl_event(struct session *s)
{
	char chunk[4096];
	struct buf line;
	ssize_t n;
	int st, stop = 0;

	if (s->tls != NULL) {
		if ((n = tls_read(s->tls, chunk, sizeof chunk)) == -1 &&
		    errno == EAGAIN)
			return 0;
		if (n == -1)
			n = 0;	/* a broken TLS stream ends the session */
	} else {
		n = recv(s->in, chunk, sizeof chunk, MSG_DONTWAIT);
		if (n == -1 && errno == ENOTSOCK)
			n = read(s->in, chunk, sizeof chunk);
	}
	if (n == -1)
		return errno == EAGAIN || errno == EINTR ? 0 : (s->eof = 1);
	if (n == 0) {
		s->eof = 1;
		s->quit = 1;
		return 1;
	}
	line_feed(&s->lr, chunk, (size_t)n);
	explicit_bzero(chunk, (size_t)n);
	s->abor_seen = 0;
	buf_init(&line);
	while (!stop && !session_queue_full(s) &&
	    (st = line_next(&s->lr, &line)) != LINE_MORE) {
		if (st != LINE_OK)	/* answered 500 in its turn */
			session_enqueue(s, &line, 1);
		else if (session_is_abor(line.data, line.len) &&
		    s->abor_skip > 0)
			s->abor_skip--;	/* answered when it was seen ahead */
		else if (session_is_abor(line.data, line.len)) {
			s->abort_req = 1;
			stop = 1;
		} else if (line.len == 4 && strncasecmp(line.data, "STAT", 4) == 0)
			/* RFC 959 §4.1.3: STAT mid-transfer reports on it. */
			session_reply(s, 213, "Status: %llu bytes transferred.",
			    (unsigned long long)s->xfer_bytes);
		else if (session_is_quit(line.data, line.len)) {
			/*
			 * RFC 959 §4.1.1 QUIT: the connection stays open for
			 * the transfer's result, then closes.  221 now, as
			 * pyftpdlib does: a client waiting for it would
			 * otherwise never finish the transfer.
			 */
			session_reply(s, 221, "Goodbye.");
			s->bye = 1;
			s->quit = 1;
		} else
			session_enqueue(s, &line, 0);
	}
	buf_free(&line);
	/* A STAT reply the client did not take ended the session. */
	return stop || s->eof;
}

/* 1 when one of the n bytes at p is a whole line holding an ABOR. */
static int
session_find_abor(const char *p, size_t n)
{
	const char *nl;
	size_t len;

	while ((nl = memchr(p, '\n', n)) != NULL) {
		len = (size_t)(nl - p);
		if (session_is_abor(p, len > 0 && p[len - 1] == '\r' ?
		    len - 1 : len))
			return 1;
		n -= len + 1;
		p = nl + 1;
	}
	return 0;
}

/*
 * RFC 959 §4.1.3: ABOR is for the transfer in progress, however many
 * commands the client pipelined before it.  The queue bounds what is
 * read; beyond it the bytes already read and those still in the socket
 * are looked through, not consumed (Telnet bytes are left in: an ABOR
 * after IAC IP IAC DM still ends in "ABOR").
 */
/*
 * Under TLS the socket holds ciphertext, nothing to look through: what
 * arrived is decrypted into the line reader instead (not run), as far
 * as SESSION_PEEK_MAX bytes held.
 */
static void
session_tls_pull(struct session *s)
{
	char chunk[4096];
	size_t plen;
	ssize_t n;

	for (;;) {
		(void)line_peek(&s->lr, &plen);
		if (plen >= SESSION_PEEK_MAX ||
		    (n = tls_read(s->tls, chunk, sizeof chunk)) <= 0)
			return;
		line_feed(&s->lr, chunk, (size_t)n);
		explicit_bzero(chunk, (size_t)n);
	}
}

int
session_abor_waiting(struct session *s)
{
	static char ahead[SESSION_PEEK_MAX];	/* one session per process */
	const char *pending;
	struct buf all;
	size_t plen;
	ssize_t n = 0;
	int avail = 0, found;

	if (s->tls != NULL)
		session_tls_pull(s);
	pending = line_peek(&s->lr, &plen);
	if (s->tls != NULL || ioctl(s->in, FIONREAD, &avail) == -1 ||
	    avail < 0)
		avail = 0;
	if (plen + (size_t)avail == s->abor_seen)
		return 0;	/* nothing new since the last look */
	s->abor_seen = plen + (size_t)avail;
	if (avail > 0 && (n = recv(s->in, ahead, (size_t)avail < sizeof ahead ?
	    (size_t)avail : sizeof ahead, MSG_PEEK | MSG_DONTWAIT)) < 0)
		n = 0;
	buf_init(&all);
	buf_add(&all, pending, plen);
	buf_add(&all, ahead, (size_t)n);
	found = session_find_abor(all.data != NULL ? all.data : "", all.len);
	buf_free(&all);
	if (!found)
		return 0;
	s->abort_req = 1;
	s->abor_skip++;
	return 1;
}

static int
session_timed_out(struct session *s)
{
	session_reply(s, 421, "Timeout.");
	log_info("timeout, closing");
	s->status = 1;
	return 0;
}

/*
 * The two fills read through 4 KiB on their own stack frames: inlined,
 * those would sit in session_serve's frame under every command served,
 * and push each handler's frames a page or two deeper into memory that
 * stays private to an idle session (bench row 4).
 */
/* session_fill under TLS: records may already sit decrypted inside. */
__attribute__((noinline))
static int
session_fill_tls(struct session *s, int64_t end)
{
	char chunk[4096];
	ssize_t n;

	for (;;) {
		if (!tls_pending(s->tls) &&
		    !session_tls_wait(s, tls_events(s->tls), end))
			return session_timed_out(s);
		n = tls_read(s->tls, chunk, sizeof chunk);
		if (n > 0) {
			line_feed(&s->lr, chunk, (size_t)n);
			explicit_bzero(chunk, (size_t)n);
			return 1;
		}
		if (n == -1 && errno == EAGAIN)
			continue;
		if (n == -1)
			log_info("control connection: %s", tls_error(s->tls));
		s->eof = 1;
		return 0;
	}
}

/* Wait for input until the deadline of this line; 1 ok, 0 EOF/timeout. */
__attribute__((noinline))
static int
session_fill(struct session *s, int64_t end)
{
	struct pollfd pfd = { .fd = s->in, .events = POLLIN };
	char chunk[4096];
	int64_t left;
	ssize_t n;
	int r;

	if (s->tls != NULL)
		return session_fill_tls(s, end);
	for (;;) {
		left = end - session_now_ms();
		if (left <= 0)
			return session_timed_out(s);
		r = poll(&pfd, 1, left > 86400000 ? 86400000 : (int)left);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			fatal("poll");
		if (r == 0)
			continue;
		n = xread(s->in, chunk, sizeof chunk);
		if (n <= 0) {
			s->eof = 1;
			return 0;
		}
		line_feed(&s->lr, chunk, (size_t)n);
		explicit_bzero(chunk, (size_t)n);
		return 1;
	}
}

/* Next command line into s->line: queued first, then the connection. */
static int
session_next_line(struct session *s)
{
	int64_t end = session_deadline(s);
	struct buf *q;
	int st, toolong;

	while (s->qlen > 0) {
		q = &s->queue[s->qhead];
		toolong = s->qlong[s->qhead];
		buf_reset(&s->line);
		buf_add(&s->line, q->data, q->len);
		s->qhead = (s->qhead + 1) % SESSION_QMAX;
		s->qlen--;
		s->abor_seen = 0;
		if (!toolong)
			return 1;
		session_reply(s, 500, "Input line too long.");
	}
	for (;;) {
		st = line_next(&s->lr, &s->line);
		if (st == LINE_OK)
			return 1;
		if (st == LINE_TOOLONG) {
			session_reply(s, 500, "Input line too long.");
			continue;
		}
		if (!session_fill(s, end))
			return 0;
	}
}

/* ps output is for humans: no control bytes, bounded. */
static void
session_printable(char *out, size_t size, const char *in)
{
	size_t i;

	for (i = 0; i + 1 < size && in[i] != '\0'; i++)
		out[i] = (unsigned char)in[i] < 0x20 || in[i] == 0x7f ?
		    '?' : in[i];
	out[i] = '\0';
}

static void
session_title(struct session *s, const struct cmd_line *cl, enum cmd_id id)
{
	char arg[128], who[sizeof s->user];

	if (s->inproc)
		return;
	/* Before login the name is whatever USER said: as hostile as arg. */
	session_printable(who, sizeof who, s->logged_in ? s->login.name :
	    (s->have_user ? s->user : "-"));
	arg[0] = '\0';
	if (cl->arg != NULL && id != CMD_PASS)
		session_printable(arg, sizeof arg, cl->arg);
	setproctitle("%s@%s: %s %s", who, s->peer_str, cl->verb, arg);
}

/* "VERB ARG" for the log; a password never. */
static void
session_cmd_desc(struct session *s, const struct cmd_line *cl, enum cmd_id id)
{
	if (cl->arg == NULL || id == CMD_PASS)
		strlcpy(s->cmd, cl->verb, sizeof s->cmd);
	else
		snprintf(s->cmd, sizeof s->cmd, "%s %.*s", cl->verb,
		    (int)cl->arglen, cl->arg);
}

static void
session_dispatch(struct session *s)
{
	const struct cmd_def *def;
	struct cmd_line cl;
	enum cmd_id id;

	s->cmd[0] = '\0';
	if (s->line.len == 0)
		return;		/* RFC-wise junk; vsftpd ignores it for NAT boxes */
	if (s->abor_skip > 0 && session_is_abor(s->line.data, s->line.len)) {
		s->abor_skip--;	/* answered when it was seen ahead */
		return;
	}
	if (cmd_parse(s->line.data, s->line.len, &cl) == -1 ||
	    (def = cmd_lookup(cl.verb)) == NULL) {
		if (session_is_abor(s->line.data, s->line.len))
			def = cmd_get(CMD_ABOR);
		else {
			session_reply(s, 500, "Unknown command.");
			return;
		}
		cl.arg = NULL;
		cl.arglen = 0;
	}
	id = def->id;
	session_cmd_desc(s, &cl, id);
	if (cl.arg != NULL && memchr(cl.arg, '\0', cl.arglen) != NULL) {
		session_reply(s, 501, "NUL byte in argument.");
		return;
	}
	if (cl.arg != NULL && def->arg == CMD_ARG_NONE && id != CMD_ABOR) {
		session_reply(s, 501, "%s takes no argument.", def->name);
		return;
	}
	if (cl.arg == NULL && def->arg == CMD_ARG_REQUIRED) {
		session_reply(s, 501, "%s needs an argument.", def->name);
		return;
	}
	if (def->needs_login && !s->logged_in) {
		session_reply(s, 530, "Please login with USER and PASS.");
		return;
	}
	session_title(s, &cl, id);
	if (id != CMD_RNTO && id != CMD_RNFR && s->rnfr != NULL) {
		free(s->rnfr);
		s->rnfr = NULL;
	}
	if (handlers[id] == NULL)
		session_reply(s, 502, "%s not implemented.", def->name);
	else
		handlers[id](s, cl.arg);
}

static void
session_init(struct session *s, int in, int out,
    const struct sockaddr_storage *peer, const struct sockaddr_storage *self,
    const struct server_conf *conf, int flags)
{
	unsigned i;
	int on = 1, sndbuf = SESSION_SNDBUF;

	memset(s, 0, sizeof *s);
	s->conf = conf;
	s->in = in;
	s->out = out;
	s->inproc = (flags & SESSION_INPROC) != 0;
	s->peer = *peer;
	s->self = *self;
	if (addr_ntop((const struct sockaddr *)peer, s->peer_str,
	    sizeof s->peer_str) == -1)
		strlcpy(s->peer_str, "?", sizeof s->peer_str);
	line_init(&s->lr, conf->max_line > 0 ? conf->max_line :
	    LINE_MAX_DEFAULT, 1);
	buf_init(&s->line);
	for (i = 0; i < SESSION_QMAX; i++)
		buf_init(&s->queue[i]);
	buf_init(&s->cwd);
	buf_adds(&s->cwd, "/");
	s->root = -1;
	data_init(&s->data);
	session_xfer_defaults(s);
	s->login_deadline = conf->login_timeout == 0 ? INT64_MAX :
	    session_now_ms() + (int64_t)conf->login_timeout * 1000;
	/* Urgent bytes (ABOR with MSG_OOB, RFC 959 §4.1.3) stay in-band. */
	(void)setsockopt(in, SOL_SOCKET, SO_OOBINLINE, &on, sizeof on);
	/*
	 * Each reply is one write; without this a 226 right after a 150
	 * waits ~40 ms for the delayed ACK (Nagle).
	 */
	(void)setsockopt(out, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
	/*
	 * Replies are small.  Left to autotuning the send buffer grows to
	 * megabytes for a client that reads nothing, so its replies pile
	 * up in the kernel for long before a write has to wait (and meet
	 * the deadline).
	 */
	(void)setsockopt(out, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
}

/* Everything read and not yet run is forgotten. */
static void
session_drop_input(struct session *s)
{
	line_free(&s->lr);
	line_init(&s->lr, s->conf->max_line > 0 ? s->conf->max_line :
	    LINE_MAX_DEFAULT, 1);
	s->qhead = s->qlen = 0;
}

int
session_tls_start(struct session *s)
{
	int64_t end = session_deadline(s);
	struct tls_conn *t;
	int off = 0, r;

	session_drop_input(s);
	if (xset_nonblock(s->in, 1) == -1)
		fatal("fcntl");
	/* An urgent byte inline would break the record stream. */
	(void)setsockopt(s->in, SOL_SOCKET, SO_OOBINLINE, &off, sizeof off);
	t = tls_new(s->in, 0);
	while ((r = tls_handshake(t)) == 0)
		if (!session_tls_wait(s, tls_events(t), end))
			break;
	if (r != 1) {
		log_info("TLS handshake failed: %s", r == 0 ? "timeout" :
		    tls_error(t));
		tls_free(t, 0);
		s->eof = s->quit = 1;
		s->status = 1;
		return -1;
	}
	s->tls = t;
	/*
	 * The handshake's temporaries are freed, but the pages they took
	 * stay this process's own for as long as the session is idle: give
	 * the wholly free ones back (an idle FTPS session's PSS, bench row
	 * 11).  A data connection's handshake is followed by a transfer,
	 * not by idling: only the control connection's.
	 */
	(void)malloc_trim(0);
	/* Plaintext from a dying process would only corrupt the stream. */
	if (!s->inproc)
		fatal_fd = -1;
	return 0;
}

void
session_tls_end(struct session *s)
{
	int64_t end = session_deadline(s);
	int on = 1, r;

	if (s->tls == NULL)
		return;
	/*
	 * The client's close_notify is read here: left in the socket it
	 * would be taken for a plaintext command.  A client that does not
	 * send one cannot go on in plaintext either: the session ends.
	 */
	while ((r = tls_close(s->tls)) == 0)
		if (!session_tls_wait(s, tls_events(s->tls), end))
			break;
	if (r != 1) {
		log_info("TLS did not end cleanly: %s", r == 0 ? "timeout" :
		    tls_error(s->tls));
		s->eof = s->quit = 1;
		s->status = 1;
	}
	tls_free(s->tls, 1);
	s->tls = NULL;
	s->pbsz = s->prot_p = 0;
	session_drop_input(s);
	if (xset_nonblock(s->in, 0) == -1)
		fatal("fcntl");
	(void)setsockopt(s->in, SOL_SOCKET, SO_OOBINLINE, &on, sizeof on);
	if (!s->inproc)
		fatal_fd = s->in;
}

static void
session_free(struct session *s)
{
	unsigned i;

	tls_free(s->data_tls, 0);
	tls_free(s->tls, 1);
	s->data_tls = s->tls = NULL;
	data_reset(&s->data);
	if (s->root != -1)
		close(s->root);
	line_free(&s->lr);
	buf_free(&s->line);
	for (i = 0; i < SESSION_QMAX; i++)
		buf_free(&s->queue[i]);
	buf_free(&s->cwd);
	free(s->rnfr);
}

int
session_serve(int in, int out, const struct sockaddr_storage *peer,
    const struct sockaddr_storage *self, const struct server_conf *conf,
    int flags)
{
	struct session s;
	int status;

	session_init(&s, in, out, peer, self, conf, flags);
	/* Implicit FTPS: the handshake comes first, PROT P is implied. */
	if ((flags & SESSION_IMPLICIT_TLS) && session_tls_start(&s) == 0)
		s.pbsz = s.prot_p = s.tls_implicit = 1;
	session_reply(&s, 220, "forkftpd ready.");
	while (!s.quit && !s.eof && session_next_line(&s)) {
		session_dispatch(&s);
		/*
		 * Passwords do not linger in memory longer than needed: not
		 * in the line, the reader's buffer or the reads' chunks.
		 */
		explicit_bzero(s.line.data, s.line.len);
		line_scrub(&s.lr);
	}
	status = s.status;
	session_free(&s);
	return status;
}

void
session_temp(int dirfd, const char *name)
{
	temp_dirfd = -1;
	if (name == NULL || strlcpy(temp_name, name, sizeof temp_name) >=
	    sizeof temp_name)
		return;
	temp_dirfd = dirfd;
}

/*
 * The parent's grace period is over: leave no temporary behind and tell
 * the client.  Only async-signal-safe calls.
 */
static void
session_on_term(int sig)
{
	static const char bye[] = "421 Server shutting down.\r\n";
	sigset_t set;

	if (temp_dirfd != -1)
		(void)unlinkat(temp_dirfd, temp_name, 0);
	if (fatal_fd != -1)	/* never blocks: the client may not read */
		(void)send(fatal_fd, bye, sizeof bye - 1,
		    MSG_DONTWAIT | MSG_NOSIGNAL);
	/* Die of the signal, so the parent logs what happened. */
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(1);
}

/* A dying child tells its client why (STYLE: three ways to fail). */
static void
session_fatal_hook(const char *msg)
{
	static const char bye[] = "421 Service not available, closing "
	    "control connection.\r\n";

	(void)msg;
	if (fatal_fd != -1)	/* never blocks: the client may not read */
		(void)send(fatal_fd, bye, sizeof bye - 1,
		    MSG_DONTWAIT | MSG_NOSIGNAL);
}

void
session_run(int ctl, const struct sockaddr_storage *peer,
    const struct sockaddr_storage *self, const struct server_conf *conf,
    int flags)
{
	char addr[64];

	struct sigaction sa;
	sigset_t term;

	signal(SIGPIPE, SIG_IGN);
	/* Over RLIMIT_FSIZE a write fails with EFBIG (552), no signal. */
	signal(SIGXFSZ, SIG_IGN);
	memset(&sa, 0, sizeof sa);
	sigfillset(&sa.sa_mask);
	sa.sa_handler = session_on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_UNBLOCK, &term, NULL);
	fatal_fd = ctl;
	xio_set_fatal_hook(session_fatal_hook);
	if (addr_ntop((const struct sockaddr *)peer, addr, sizeof addr) == 0)
		log_set_client(addr);
	setproctitle("%s: connected", addr);
	exit(session_serve(ctl, ctl, peer, self, conf,
	    flags & SESSION_IMPLICIT_TLS));
}
