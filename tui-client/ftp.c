/*
 * ftp: the control connection of the client engine: connect, log in,
 * FEAT, replies, simple commands, transparent reconnection.
 * Listings and transfers are in ftp-xfer.c, data connections in ftp-data.c.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <readpassphrase.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "ftp-int.h"
#include "path.h"
#include "size.h"
#include "xio.h"

#define ANON_PASS	"forkftp@"
#define REPLY_LINE_MAX	8192
#define REPLY_TEXT_MAX	(256 * 1024)

void
ftp_logf(struct ftp *f, enum ftp_log_dir dir, const char *fmt, ...)
{
	char	 line[2048];
	va_list	 ap;

	if (f->log == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	f->log(f->log_arg, dir, line);
}

int
ftp_fail(struct ftp *f, const char *fmt, ...)
{
	char	 msg[sizeof(f->err)];
	va_list	 ap;

	/* Callers may quote the last error ("bad reply: %s", f->err). */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memcpy(f->err, msg, sizeof(f->err));
	f->code = 0;
	return -1;
}

const char *
ftp_error(struct ftp *f)
{
	return f->err;
}

int
ftp_reply_code(struct ftp *f)
{
	return f->code;
}

unsigned
ftp_features(struct ftp *f)
{
	return f->feat;
}

void
ftp_set_log(struct ftp *f, ftp_log_fn fn, void *arg)
{
	f->log = fn;
	f->log_arg = arg;
}

const char *
ftp_peer(struct ftp *f)
{
	return f->peername;
}

const char *
ftp_protection(struct ftp *f)
{
	const char	*v;

	if (f->tls == NULL)
		return "PLAIN";
	/* "TLSv1.3" as "TLS1.3": shorter in a title. */
	v = tls_version(f->tls);
	if (strncmp(v, "TLSv", 4) == 0)
		snprintf(f->prot, sizeof(f->prot), "TLS%s", v + 4);
	else
		snprintf(f->prot, sizeof(f->prot), "%s", v);
	return f->prot;
}

int
ftp_secure(struct ftp *f)
{
	return f->tls != NULL;
}

const char *
ftp_cwd_path(struct ftp *f)
{
	return f->cwd != NULL ? f->cwd : "";
}

void
ftp_drop(struct ftp *f)
{
	tls_free(f->tls);
	f->tls = NULL;
	if (f->ctl != -1) {
		xclose(f->ctl);
		f->ctl = -1;
		ftp_logf(f, FTP_LOG_INFO, "connection closed");
	}
	line_free(&f->lr);
	reply_parser_free(&f->rp);
	line_init(&f->lr, REPLY_LINE_MAX, 1);
	reply_parser_init(&f->rp);
	f->type = 0;
}

/*
 * RFC 2640 §3.1: CR inside a name travels as CR NUL; RFC 854: 0xFF is
 * doubled.  LF cannot be sent at all: it would end the command.
 */
static int
ctl_escape(struct ftp *f, struct buf *out, const char *arg)
{
	const unsigned char *p;

	for (p = (const unsigned char *)arg; *p != '\0'; p++) {
		if (*p == '\n')
			return ftp_fail(f, "name contains a newline: %s", arg);
		buf_addc(out, (char)*p);
		if (*p == '\r')
			buf_addc(out, '\0');
		else if (*p == 0xff)
			buf_addc(out, (char)0xff);
	}
	return 0;
}

static time_t
mono_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

int
ftp_name_ok(struct ftp *f, const char *name)
{
	if (name != NULL && strchr(name, '\n') != NULL)
		return ftp_fail(f, "name contains a newline: %s", name);
	return 0;
}

int
ctl_send(struct ftp *f, const char *verb, const char *arg)
{
	struct buf	 b;
	int		 rc = 0;

	if (f->ctl == -1)
		return FTP_LOST;
	buf_init(&b);
	buf_adds(&b, verb);
	if (arg != NULL) {
		buf_addc(&b, ' ');
		if (ctl_escape(f, &b, arg) == -1) {
			buf_free(&b);
			return -1;
		}
	}
	if (strcmp(verb, "PASS") == 0)
		ftp_logf(f, FTP_LOG_SEND, "PASS ****");
	else
		ftp_logf(f, FTP_LOG_SEND, "%s%s%s", verb, arg ? " " : "",
		    arg ? arg : "");
	buf_add(&b, "\r\n", 2);
	f->last_send = mono_now();
	if ((f->tls != NULL ? tls_write(f->tls, b.data, b.len) :
	    xwrite_full(f->ctl, b.data, b.len)) == -1) {
		ftp_fail(f, "%s: send: %s", f->peername, strerror(errno));
		ftp_drop(f);
		rc = FTP_LOST;
	}
	buf_free(&b);
	return rc;
}

/* Process-wide, like the signals that set it. */
static volatile sig_atomic_t *ftp_intr;
static int	 ftp_intr_held;

void
ftp_set_interrupt(volatile sig_atomic_t *flag)
{
	ftp_intr = flag;
}

int
ftp_interrupted(void)
{
	return ftp_intr != NULL && *ftp_intr && ftp_intr_held == 0;
}

void
ftp_interrupt_hold(int on)
{
	ftp_intr_held += on ? 1 : -1;
}

static ftp_wait_fn ftp_hook;
static void	*ftp_hook_arg;
static int	 ftp_hook_fd = -1;

#define HOOK_MS	100

void
ftp_set_wait_hook(int fd, ftp_wait_fn fn, void *arg)
{
	ftp_hook = fn;
	ftp_hook_arg = arg;
	ftp_hook_fd = fn != NULL ? fd : -1;
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000L +
	    (now.tv_nsec - t0->tv_nsec) / 1000000L;
}

int
wait_fd(int fd, short events, int timeout_ms)
{
	struct pollfd	 p[2] = {
		{ .fd = fd, .events = events },
		{ .fd = ftp_hook_fd, .events = POLLIN },
	};
	nfds_t		 np = ftp_hook_fd != -1 ? 2 : 1;
	struct timespec	 t0;
	long		 left;
	int		 n;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (ftp_interrupted()) {
			errno = EINTR;
			return -1;
		}
		left = timeout_ms < 0 ? -1 : timeout_ms - ms_since(&t0);
		if (timeout_ms >= 0 && left < 0)
			left = 0;
		if (ftp_hook != NULL && (left < 0 || left > HOOK_MS))
			left = HOOK_MS;
		n = poll(p, np, (int)left);
		if (n == -1 && errno != EINTR)
			return -1;
		if (n > 0 && p[0].revents != 0)
			return 1;
		/* A closed terminal would wake every poll: stop watching it. */
		if (np == 2 && (p[1].revents & (POLLHUP | POLLERR | POLLNVAL)))
			np = 1;
		if (ftp_hook != NULL)
			ftp_hook(ftp_hook_arg, np == 2 && p[1].revents != 0);
		if (ftp_interrupted()) {
			errno = EINTR;
			return -1;
		}
		if (timeout_ms >= 0 && ms_since(&t0) >= timeout_ms)
			return 0;
	}
}

/* Record a complete reply as the last one: "NNN text". */
static int
ctl_record(struct ftp *f)
{
	const char	*t = buf_cstr(&f->rp.text);

	f->code = f->rp.code;
	snprintf(f->err, sizeof(f->err), "%d %s", f->code, t);
	return f->code;
}

int
ctl_take(struct ftp *f)
{
	struct buf	 l;
	int		 st, r = 0;

	buf_init(&l);
	while (r == 0 && (st = line_next(&f->lr, &l)) != LINE_MORE) {
		if (st == LINE_TOOLONG)
			continue;
		ftp_logf(f, FTP_LOG_RECV, "%s", buf_cstr(&l));
		r = reply_parse_line(&f->rp, l.data, l.len);
		if (f->rp.text.len > REPLY_TEXT_MAX) {
			/* An endless multi-line reply must not eat our memory. */
			buf_free(&l);
			ftp_drop(f);
			ftp_fail(f, "%s: reply too long", f->peername);
			return FTP_LOST;
		}
		if (r == REPLY_BAD) {
			/* Garbage on the control connection: keep reading. */
			r = 0;
			continue;
		}
		if (r == REPLY_DONE)
			r = ctl_record(f);
		else
			r = 0;
	}
	buf_free(&l);
	return r;
}

/*
 * One TLS record (and whatever OpenSSL decrypted beyond it), so nothing
 * waits where poll cannot see it.  EAGAIN: a record without data (a
 * session ticket).
 */
static ssize_t
ctl_tls_recv(struct ftp *f, char *b, size_t len)
{
	ssize_t	 n, got = 0;

	do {
		if ((n = tls_read(f->tls, b + got, len - (size_t)got)) <= 0)
			break;
		got += n;
	} while ((size_t)got < len && tls_pending(f->tls));
	if (got > 0)
		return got;
	if (n == -1 && errno == EAGAIN)
		errno = EWOULDBLOCK;
	return n;
}

int
ctl_pump(struct ftp *f)
{
	char	 b[4096];
	ssize_t	 n;

	if (f->ctl == -1)
		return FTP_LOST;
	if (f->tls != NULL)
		n = ctl_tls_recv(f, b, sizeof(b));
	else
		n = recv(f->ctl, b, sizeof(b), MSG_DONTWAIT);
	if (n > 0) {
		line_feed(&f->lr, b, (size_t)n);
		return 0;
	}
	if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK ||
	    errno == EINTR))
		return 0;
	/* Under TLS a bare close (no close_notify) is EPROTO: just lost. */
	if (n == -1 && f->tls != NULL && errno == EPROTO)
		n = 0;
	ftp_fail(f, "%s: connection lost%s%s", f->peername,
	    n == 0 ? "" : ": ", n == 0 ? "" : strerror(errno));
	ftp_drop(f);
	return FTP_LOST;
}

int
ctl_pending(struct ftp *f)
{
	return f->ctl != -1 && (tls_pending(f->tls) ||
	    wait_fd(f->ctl, POLLIN, 0) == 1);
}

int
ctl_reply(struct ftp *f, int timeout_ms)
{
	int	 code, w, rc;

	if (timeout_ms < 0)
		timeout_ms = f->timeout * 1000;
	for (;;) {
		if ((code = ctl_take(f)) != 0)
			return code;
		if (f->ctl == -1)
			return FTP_LOST;
		w = wait_fd(f->ctl, POLLIN, timeout_ms);
		if (w == 0) {
			ftp_fail(f, "%s: timed out waiting for a reply",
			    f->peername);
			ftp_drop(f);
			return -1;
		}
		if (w == -1) {
			/* A reply is still due: the session cannot be resynced. */
			ftp_fail(f, "%s", errno == EINTR ? "interrupted" :
			    strerror(errno));
			ftp_drop(f);
			return -1;
		}
		if ((rc = ctl_pump(f)) != 0)
			return rc;
	}
}

int
ctl_cmd(struct ftp *f, const char *verb, const char *arg)
{
	int	 code;

	/* A reply left over (a late 226, a 421 on idle timeout) is stale. */
	for (;;) {
		while ((code = ctl_take(f)) != 0)
			if (code == 421 || code < 0) {
				ftp_drop(f);
				return FTP_LOST;
			}
		if (!ctl_pending(f))
			break;
		if (ctl_pump(f) != 0)
			return FTP_LOST;
	}
	if ((code = ctl_send(f, verb, arg)) != 0)
		return code;
	do {
		code = ctl_reply(f, -1);
	} while (code >= 100 && code < 200);
	if (code == 421) {
		ftp_drop(f);
		return FTP_LOST;
	}
	return code;
}

int
ftp_cmd(struct ftp *f, const char *verb, const char *arg)
{
	int	 code;

	if (ftp_ensure(f) == -1)
		return -1;
	code = ctl_cmd(f, verb, arg);
	if (code == FTP_LOST) {
		if (ftp_ensure(f) == -1)
			return -1;
		code = ctl_cmd(f, verb, arg);
	}
	return code == FTP_LOST ? -1 : code;
}

int
ftp_cmd_binary(struct ftp *f, const char *verb, const char *arg)
{
	int	 code = FTP_LOST, tries;

	for (tries = 0; tries < 2 && code == FTP_LOST; tries++) {
		if (ftp_ensure(f) == -1)
			return -1;
		code = ftp_type_binary(f);
		if (code == 0)
			code = ctl_cmd(f, verb, arg);
	}
	return code == FTP_LOST ? -1 : code;
}

int
ftp_type_binary(struct ftp *f)
{
	int	 code;

	if (f->type == 'I')
		return 0;
	code = ctl_cmd(f, "TYPE", "I");
	if (code == FTP_LOST || code < 0)
		return code;
	if (code / 100 != 2)
		return -1;
	f->type = 'I';
	return 0;
}

/* Non-blocking connect bounded by the timeout. */
static int
sock_connect(int fd, const struct sockaddr *sa, socklen_t len, int timeout_ms)
{
	int		 err = 0;
	socklen_t	 elen = sizeof(err);

	if (xset_nonblock(fd, 1) == -1)
		return -1;
	if (connect(fd, sa, len) == -1) {
		if (errno != EINPROGRESS)
			return -1;
		switch (wait_fd(fd, POLLOUT, timeout_ms)) {
		case 0:
			errno = ETIMEDOUT;
			return -1;
		case -1:
			return -1;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) == -1)
			return -1;
		if (err != 0) {
			errno = err;
			return -1;
		}
	}
	return xset_nonblock(fd, 0);
}

int
ftp_connect_addr(const struct sockaddr *sa, int timeout_ms)
{
	int	 fd;

	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	if (fd == -1)
		return -1;
	if (sock_connect(fd, sa, addr_len(sa), timeout_ms) == -1) {
		int e = errno;
		xclose(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int
ctl_connect(struct ftp *f)
{
	struct addrinfo	 hints = { .ai_socktype = SOCK_STREAM,
			    .ai_flags = AI_ADDRCONFIG };
	struct addrinfo	*res, *ai;
	socklen_t	 len;
	int		 gai, fd = -1, one = 1;
	char		 host[INET6_ADDRSTRLEN];

	if ((gai = getaddrinfo(f->host, f->port, &hints, &res)) != 0)
		return ftp_fail(f, "%s: %s", f->host, gai_strerror(gai));
	for (ai = res; ai != NULL && fd == -1; ai = ai->ai_next) {
		addr_ntop(ai->ai_addr, host, sizeof(host));
		ftp_logf(f, FTP_LOG_INFO, "connecting to %s port %s", host,
		    f->port);
		fd = ftp_connect_addr(ai->ai_addr, f->timeout * 1000);
		if (fd == -1)
			ftp_fail(f, "connect %s port %s: %s", host, f->port,
			    strerror(errno));
	}
	freeaddrinfo(res);
	if (fd == -1)
		return -1;
	/* Replies are small and we wait for each: Nagle only adds latency. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	len = sizeof(f->peer);
	getpeername(fd, (struct sockaddr *)&f->peer, &len);
	len = sizeof(f->self);
	getsockname(fd, (struct sockaddr *)&f->self, &len);
	addr_ntop((struct sockaddr *)&f->peer, host, sizeof(host));
	snprintf(f->peername, sizeof(f->peername),
	    strchr(host, ':') ? "[%s]:%u" : "%s:%u", host,
	    addr_port((struct sockaddr *)&f->peer));
	f->ctl = fd;
	return 0;
}

/*
 * "HASH SHA-256*;SHA-512;SHA-1;MD5" (draft-bryan-ftpext-hash §3.1): which digests
 * the server can compute, and its current one (starred).
 */
static void
feat_hash(struct ftp *f, const char *l)
{
	enum digest_algo a;
	char	 name[16];
	size_t	 n;

	f->hash_default = DIGEST_SHA256;
	l += strcspn(l, " ");
	while (*l == ' ' || *l == ';') {
		l += strspn(l, " ;");
		n = strcspn(l, ";* ");
		if (n > 0 && n < sizeof(name)) {
			memcpy(name, l, n);
			name[n] = '\0';
			if (digest_from_name(name, &a) == 0) {
				f->hash_algos |= 1u << a;
				if (l[n] == '*')
					f->hash_default = a;
			}
		}
		l += n;
		l += strspn(l, "*");
	}
}

static void
feat_line(struct ftp *f, const char *l)
{
	static const struct { const char *name; unsigned bit; } tab[] = {
		{ "MLST", FTP_FEAT_MLST }, { "MLSD", FTP_FEAT_MLST },
		{ "SIZE", FTP_FEAT_SIZE }, { "MDTM", FTP_FEAT_MDTM },
		{ "UTF8", FTP_FEAT_UTF8 }, { "EPSV", FTP_FEAT_EPSV },
		{ "HASH", FTP_FEAT_HASH }, { "MFMT", FTP_FEAT_MFMT },
		{ "HASH-RETR", FTP_FEAT_HASH_RETR },
	};
	const char *p;
	size_t	 i, n;

	while (*l == ' ')
		l++;
	n = strcspn(l, " ");
	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (n == strlen(tab[i].name) &&
		    strncasecmp(l, tab[i].name, n) == 0)
			f->feat |= tab[i].bit;
	/* Facts off by default (no '*') that we want: ask for them. */
	if (n == 4 && strncasecmp(l, "MLST", 4) == 0 &&
	    (p = strcasestr(l, "unix.mode")) != NULL && p[9] != '*')
		f->mlst_opts = 1;
	if (n == 4 && strncasecmp(l, "REST", 4) == 0 &&
	    strcasestr(l, "STREAM") != NULL)
		f->feat |= FTP_FEAT_REST;
	if (n == 4 && strncasecmp(l, "HASH", 4) == 0)
		feat_hash(f, l);
}

static void
ftp_feat(struct ftp *f)
{
	char	*text, *l, *save = NULL;
	int	 code;

	f->feat = 0;
	f->hash_algos = 0;
	f->hash_default = DIGEST_SHA256;
	f->hash_chosen = 0;
	code = ctl_cmd(f, "FEAT", NULL);
	if (code != 211)
		return;
	text = xstrdup(buf_cstr(&f->rp.text));
	for (l = strtok_r(text, "\n", &save); l != NULL;
	    l = strtok_r(NULL, "\n", &save))
		feat_line(f, l);
	free(text);
	if (f->feat & FTP_FEAT_UTF8)
		ctl_cmd(f, "OPTS", "UTF8 ON");
	if (f->mlst_opts)
		ctl_cmd(f, "OPTS", "MLST type;size;modify;perm;unix.mode;");
}

/* The handshake on the control connection, and what -v shows of it. */
static int
ctl_tls_start(struct ftp *f)
{
	char	 err[FTP_ERR_MAX];

	f->tls = tls_connect_ctl(f->ctl, f->host, f->port, f->timeout * 1000,
	    err, sizeof(err));
	if (f->tls == NULL)
		return ftp_fail(f, "%s", err);
	ftp_logf(f, FTP_LOG_INFO, "%s, cipher %s", tls_version(f->tls),
	    tls_cipher(f->tls));
	ftp_logf(f, FTP_LOG_INFO, "certificate SHA256 %s (%s)",
	    tls_fingerprint(f->tls), tls_trust(f->tls));
	return 0;
}

/* FEAT before login (RFC 2389 allows it) lists "AUTH TLS"? */
static int
ftp_offers_tls(struct ftp *f)
{
	char	*text, *l, *save = NULL;
	int	 found = 0;

	if (ctl_cmd(f, "FEAT", NULL) != 211)
		return 0;
	text = xstrdup(buf_cstr(&f->rp.text));
	for (l = strtok_r(text, "\n", &save); l != NULL;
	    l = strtok_r(NULL, "\n", &save)) {
		l += strspn(l, " ");
		if (strncasecmp(l, "AUTH ", 5) == 0 &&
		    strcasestr(l + 5, "TLS") != NULL)
			found = 1;
	}
	free(text);
	return found;
}

/*
 * RFC 4217 §4: AUTH TLS, then the handshake.  Bytes after the 234 line
 * came in the clear where only TLS may follow: someone injected them.
 */
static int
ftp_auth_tls(struct ftp *f)
{
	int	 code;

	if (f->tls_mode == TLS_OFF || f->tls_mode == TLS_IMPLICIT)
		return 0;
	if (f->tls_mode == TLS_AUTO && !ftp_offers_tls(f)) {
		if (f->ctl == -1)
			return -1;
		ftp_logf(f, FTP_LOG_INFO, "the server does not offer TLS: "
		    "plain FTP, password and files unencrypted");
		return 0;
	}
	code = ctl_cmd(f, "AUTH", "TLS");
	if (code < 0)
		return -1;
	/*
	 * Pure-FTPd without a certificate lists AUTH TLS and refuses it.
	 * Refused is not a failed check: ftp:// goes on in plain, as lftp
	 * does, and the browser's header says PLAIN.
	 */
	if (code != 234 && f->tls_mode == TLS_AUTO) {
		ftp_logf(f, FTP_LOG_INFO, "the server refused TLS (%s): plain "
		    "FTP, password and files unencrypted", f->err);
		return 0;
	}
	if (code != 234)
		return ftp_fail(f, "%s: TLS refused (AUTH TLS: %s)",
		    f->peername, f->err);
	if (line_pending(&f->lr) > 0)
		return ftp_fail(f, "%s: plaintext after 234 where the TLS "
		    "handshake belongs", f->peername);
	return ctl_tls_start(f);
}

/* RFC 4217 §9: PBSZ 0 and PROT P, so every data connection is TLS too. */
static int
ftp_prot_p(struct ftp *f)
{
	int	 code;

	if (f->tls == NULL)
		return 0;
	code = ctl_cmd(f, "PBSZ", "0");
	if (code < 0)
		return -1;
	if (code / 100 != 2)
		return ftp_fail(f, "%s: PBSZ 0 refused: %s", f->peername, f->err);
	code = ctl_cmd(f, "PROT", "P");
	if (code < 0)
		return -1;
	if (code / 100 != 2)
		return ftp_fail(f, "%s: PROT P refused: %s", f->peername, f->err);
	return 0;
}

static int
ftp_login(struct ftp *f)
{
	const char	*user = f->user != NULL && *f->user ? f->user : "anonymous";
	const char	*pass = f->pass != NULL ? f->pass : ANON_PASS;
	int		 code;

	do {
		code = ctl_reply(f, -1);
	} while (code >= 100 && code < 200);
	if (code < 0)
		return -1;
	if (code != 220)
		return -1;
	if (ftp_auth_tls(f) == -1)
		return -1;
	code = ctl_cmd(f, "USER", user);
	if (code == 331 || code == 332)
		code = ctl_cmd(f, "PASS", pass);
	if (code == 332)
		return ftp_fail(f, "%s (ACCT is not supported)", f->err);
	if (code != 230 && code != 202)
		return -1;
	return ftp_prot_p(f);
}

/* Learn the working directory from PWD; keep the old one on failure. */
static int
ftp_learn_cwd(struct ftp *f)
{
	char	*p;

	if (ctl_cmd(f, "PWD", NULL) != 257)
		return -1;
	if (reply_unquote_path(buf_cstr(&f->rp.text), &p) == -1)
		return -1;
	free(f->cwd);
	f->cwd = p;
	return 0;
}

/* Connect and log in; ftp_drop keeps f->err, so a failure keeps its reason. */
static int
ftp_open(struct ftp *f)
{
	ftp_drop(f);
	if (ctl_connect(f) == -1)
		return -1;
	if ((f->tls_mode == TLS_IMPLICIT && ctl_tls_start(f) == -1) ||
	    ftp_login(f) == -1) {
		ftp_drop(f);
		return -1;
	}
	ftp_feat(f);
	return 0;
}

int
ftp_ensure(struct ftp *f)
{
	char	*cwd;

	if (f->ctl != -1)
		return 0;
	if (f->reconnects++ > 100)
		return ftp_fail(f, "%s: too many reconnections", f->peername);
	ftp_logf(f, FTP_LOG_INFO, "reconnecting to %s", f->host);
	if (ftp_open(f) == -1)
		return -1;
	if (f->cwd != NULL) {
		cwd = xstrdup(f->cwd);
		if (ctl_cmd(f, "CWD", cwd) != 250) {
			free(cwd);
			return -1;
		}
		free(cwd);
	}
	ftp_logf(f, FTP_LOG_INFO, "reconnected to %s", f->host);
	return 0;
}

static char *
ask_password(const struct ftp_opts *o)
{
	char	 prompt[512], pw[256];

	if (!isatty(STDIN_FILENO))
		return xstrdup("");
	snprintf(prompt, sizeof(prompt), "Password for %s@%s: ", o->user,
	    o->host);
	if (readpassphrase(prompt, pw, sizeof(pw), RPP_REQUIRE_TTY) == NULL)
		return xstrdup("");
	return xstrdup(pw);
}

static struct ftp *
ftp_new(const struct ftp_opts *o)
{
	struct ftp	*f = xcalloc(1, sizeof(*f));
	int		 named = o->user != NULL && *o->user != '\0';

	f->host = xstrdup(o->host);
	f->tls_mode = o->tls;
	f->port = xstrdup(o->port != NULL ? o->port :
	    o->tls == TLS_IMPLICIT ? "990" : "21");
	f->user = named ? xstrdup(o->user) : NULL;
	if (o->pass != NULL)
		f->pass = xstrdup(o->pass);
	else if (named)
		f->pass = ask_password(o);
	f->active = o->active;
	f->timeout = o->timeout > 0 ? o->timeout : FTP_DEFAULT_TIMEOUT;
	f->log = o->log;
	f->log_arg = o->log_arg;
	f->ctl = -1;
	f->parallel = 1;
	line_init(&f->lr, REPLY_LINE_MAX, 1);
	reply_parser_init(&f->rp);
	snprintf(f->peername, sizeof(f->peername), "%s", o->host);
	return f;
}

void
ftp_set_parallel(struct ftp *f, unsigned n)
{
	f->parallel = n < 1 ? 1 : n > FTP_PARALLEL_MAX ? FTP_PARALLEL_MAX : n;
}

int
ftp_clone(struct ftp *f, struct ftp **out, char *err, size_t errlen)
{
	struct ftp_opts	 o = {
		.host = f->host, .port = f->port, .user = f->user,
		.pass = f->pass, .active = f->active, .timeout = f->timeout,
		.tls = f->tls_mode, .log = f->log, .log_arg = f->log_arg
	};

	if (ftp_connect(&o, out, err, errlen) == -1)
		return -1;
	if (f->cwd != NULL && ftp_cwd(*out, f->cwd) == -1) {
		snprintf(err, errlen, "%s", ftp_error(*out));
		ftp_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int
ftp_connect(const struct ftp_opts *o, struct ftp **out, char *err,
    size_t errlen)
{
	struct ftp	*f;

	*out = NULL;
	if (o->host == NULL || *o->host == '\0') {
		snprintf(err, errlen, "no host given");
		return -1;
	}
	f = ftp_new(o);
	if (ftp_open(f) == -1 || ftp_learn_cwd(f) == -1) {
		snprintf(err, errlen, "%s", f->err);
		ftp_close(f);
		return -1;
	}
	*out = f;
	return 0;
}

void
ftp_close(struct ftp *f)
{
	if (f == NULL)
		return;
	if (f->ctl != -1 && ctl_send(f, "QUIT", NULL) == 0)
		ctl_reply(f, 2000);
	ftp_drop(f);
	line_free(&f->lr);
	reply_parser_free(&f->rp);
	if (f->pass != NULL)
		explicit_bzero(f->pass, strlen(f->pass));
	free(f->host);
	free(f->port);
	free(f->user);
	free(f->pass);
	free(f->cwd);
	free(f);
}

/* A command whose success is one 2xx code; -1 keeps the reply in ftp_error. */
static int
ftp_simple(struct ftp *f, const char *verb, const char *arg, int want)
{
	int	 code = ftp_cmd(f, verb, arg);

	if (code < 0)
		return -1;
	if (want != 0 ? code != want : code / 100 != 2)
		return -1;
	return 0;
}

int
ftp_pwd(struct ftp *f, char **out)
{
	if (ftp_ensure(f) == -1)
		return -1;
	/* A session found dead by this PWD is re-opened once. */
	if (ftp_learn_cwd(f) == -1 &&
	    (f->ctl != -1 || ftp_ensure(f) == -1 || ftp_learn_cwd(f) == -1))
		return -1;
	*out = xstrdup(f->cwd);
	return 0;
}

int
ftp_cwd(struct ftp *f, const char *path)
{
	if (ftp_simple(f, "CWD", path, 0) == -1)
		return -1;
	ftp_learn_cwd(f);
	return 0;
}

int
ftp_mkdir(struct ftp *f, const char *path)
{
	return ftp_simple(f, "MKD", path, 257);
}

int
ftp_rmdir(struct ftp *f, const char *path)
{
	return ftp_simple(f, "RMD", path, 0);
}

int
ftp_delete(struct ftp *f, const char *path)
{
	return ftp_simple(f, "DELE", path, 0);
}

int
ftp_rename(struct ftp *f, const char *from, const char *to)
{
	int	 code;

	if ((code = ftp_cmd(f, "RNFR", from)) < 0)
		return -1;
	if (code != 350)
		return -1;
	/* RNTO must follow RNFR on the same connection: no retry here. */
	code = ctl_cmd(f, "RNTO", to);
	return code >= 200 && code < 300 ? 0 : -1;
}

int
ftp_size(struct ftp *f, const char *path, uint64_t *out)
{
	/* RFC 3659 §4: the size depends on TYPE; ours is always I. */
	if (ftp_cmd_binary(f, "SIZE", path) != 213)
		return -1;
	if (size_parse_213(buf_cstr(&f->rp.text), out) == -1)
		return ftp_fail(f, "bad SIZE reply: %s", f->err);
	return 0;
}

int
ftp_mdtm(struct ftp *f, const char *path, time_t *out)
{
	const char	*t;

	if (ftp_simple(f, "MDTM", path, 213) == -1)
		return -1;
	t = buf_cstr(&f->rp.text);
	while (*t == ' ')
		t++;
	if (listing_parse_time(t, strcspn(t, " "), out) == -1)
		return ftp_fail(f, "bad MDTM reply: %s", f->err);
	return 0;
}

int
ftp_hash(struct ftp *f, const char *path, enum digest_algo *algo,
    char hex[DIGEST_HEX_MAX])
{
	if (ftp_simple(f, "HASH", path, 213) == -1)
		return -1;
	if (digest_parse_reply(buf_cstr(&f->rp.text), algo, hex) == -1)
		return ftp_fail(f, "bad HASH reply: %s", f->err);
	return 0;
}

/* A ".." component: the whole path, or between slashes. */
static int
has_dotdot(const char *p)
{
	const char	*s;

	for (s = p; (s = strstr(s, "..")) != NULL; s += 2)
		if ((s == p || s[-1] == '/') && (s[2] == '\0' || s[2] == '/'))
			return 1;
	return 0;
}

char *
ftp_resolve_dotdot(struct ftp *f, const char *path)
{
	struct buf	 out;
	char		*r = NULL;

	if (path == NULL || f->cwd == NULL || f->cwd[0] != '/' ||
	    !has_dotdot(path))
		return NULL;
	buf_init(&out);
	if (path_join(f->cwd, path, strlen(path), &out) == 0)
		r = xstrdup(buf_cstr(&out));
	buf_free(&out);
	return r;
}

int
ftp_stat(struct ftp *f, const char *path, struct lst_entry *e)
{
	const char	*t, *nl;
	char		*resolved;
	int		 rc;

	if (!(f->feat & FTP_FEAT_MLST))
		return list_stat(f, path, e);
	memset(e, 0, sizeof(*e));
	resolved = ftp_resolve_dotdot(f, path);
	rc = ftp_simple(f, "MLST", resolved != NULL ? resolved : path, 250);
	free(resolved);
	if (rc == -1)
		return -1;
	/* "250-Listing path\n facts name\n250 End": the line with a space. */
	t = buf_cstr(&f->rp.text);
	while (*t != '\0' && *t != ' ') {
		nl = strchr(t, '\n');
		t = nl != NULL ? nl + 1 : t + strlen(t);
	}
	if (*t == '\0' || listing_parse_mlsd(t, strcspn(t, "\n"), e) != 0)
		return ftp_fail(f, "bad MLST reply: %s", f->err);
	return 0;
}

int
ftp_noop(struct ftp *f)
{
	return ftp_simple(f, "NOOP", NULL, 0);
}

int
ftp_keepalive(struct ftp *f, int interval)
{
	int	 code;

	if (f->ctl == -1 || mono_now() - f->last_send < interval)
		return 0;
	code = ctl_cmd(f, "NOOP", NULL);
	if (code == FTP_LOST || code < 0) {
		ftp_drop(f);
		return -1;
	}
	return 0;
}

int
ftp_quote(struct ftp *f, const char *line)
{
	char	*verb, *sp;
	int	 code;

	if (strpbrk(line, "\r\n") != NULL)
		return ftp_fail(f, "a command cannot contain CR or LF");
	verb = xstrdup(line);
	sp = strchr(verb, ' ');
	if (sp != NULL)
		*sp++ = '\0';
	code = ftp_cmd(f, verb, sp);
	free(verb);
	return code >= 100 && code < 400 ? 0 : -1;
}
