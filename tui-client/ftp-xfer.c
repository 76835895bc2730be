/*
 * ftp-xfer: listings and file transfers of the client engine.
 *
 * A transfer is finished only when both the data connection reached EOF
 * and the final reply arrived, in either order (servers may send 226
 * before we drained the data, or several replies in one packet), so the
 * loop polls both sockets.  Every wait is bounded by the timeout.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <linux/sockios.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "digest.h"
#include "ftp-int.h"
#include "progress.h"
#include "xio.h"

#define XFER_CHUNK	(256 * 1024)	/* upload reads: fewer syscalls a MiB */
#define XFER_RECV	(256 * 1024)	/* one read of the data socket */
#define LIST_LINE_MAX	16384
#define ABOR_WAIT_MS	3000	/* ABOR replies are immediate or never */
#define RETRY_MAX_S	30	/* longest wait between retries */
#define FINISH_SLICE_MS	100	/* polls while an upload waits for its 226 */

struct xfer;
typedef int (*xfer_sink_fn)(struct xfer *, const char *, size_t);

static unsigned xfer_retries = 3;	/* ftp_set_retries */

void
ftp_set_retries(unsigned n)
{
	xfer_retries = n;
}

/*
 * A transfer was cut after *tries retries: wait (0 s, then 1, 2, 4, ...
 * up to RETRY_MAX_S, so a server that restarts gets time to) and
 * reconnect, counting a failed reconnect as a retry.  0 to try again,
 * -1 when no retry is left or the wait was interrupted.
 */
static int
xfer_retry(struct ftp *f, unsigned *tries, const char *name, uint64_t at)
{
	unsigned	 s;

	while (*tries < xfer_retries) {
		++*tries;
		s = *tries == 1 ? 0 : MIN(1U << MIN(*tries - 2, 5U),
		    (unsigned)RETRY_MAX_S);
		ftp_logf(f, FTP_LOG_INFO, "%s: interrupted at %" PRIu64
		    " bytes; retry %u of %u%s", name, at, *tries, xfer_retries,
		    s > 0 ? " after a pause" : "");
		if (s > 0 && wait_fd(-1, 0, (int)s * 1000) == -1)
			return -1;
		if (ftp_ensure(f) == 0)
			return 0;
		if (ftp_interrupted())
			return -1;
	}
	return -1;
}

struct xfer {
	struct ftp		*f;
	struct data_conn	 dc;
	int			 final;		/* final reply code, 0 while pending */
	int			 eof;		/* data connection finished */
	int			 data_err;	/* errno of a data read/write failure */
	char			 prelim[512];	/* text of the 1xx reply */
	xfer_sink_fn		 sink;
	void			*sink_arg;
	int			 cancelled;
	char			*rbuf;		/* XFER_RECV bytes while receiving */
};

/*
 * A failure after data moved is worth a resume on a fresh connection
 * (lftp does the same): the server's session died ("500 OOPS", 426, 421)
 * or the data connection broke.  Not for full disks or refused names.
 */
static int
xfer_transient(struct ftp *f)
{
	int	 c = f->code;

	return c == 0 || (c >= 400 && c != 452 && c != 552 && c != 553);
}

/*
 * RFC 959 §4.1.3: Telnet IP, then Synch (IAC DM with the urgent pointer
 * on the DM), then ABOR.  Then drain up to the 225/226 that answers the
 * ABOR; a 426 for the transfer may come first (vsftpd sends 426 then
 * 225).  A server that never answers costs us the connection, not a hang.
 */
static void
xfer_abort(struct xfer *x)
{
	static const unsigned char ip[3] = { 0xff, 0xf4, 0xff };
	static const unsigned char dm = 0xf2;
	struct ftp	*f = x->f;
	char		 save[FTP_ERR_MAX];
	int		 code, savecode = f->code;

	memcpy(save, f->err, sizeof(save));
	/*
	 * A plain close ends an upload's stream (RFC 959 §3.4: EOF is the
	 * end of the file), and a server reading it before the ABOR would
	 * keep the cut file as complete.  A reset is no EOF.
	 */
	if (x->dc.fd != -1)
		setsockopt(x->dc.fd, SOL_SOCKET, SO_LINGER,
		    &(struct linger){ .l_onoff = 1, .l_linger = 0 },
		    sizeof(struct linger));
	data_close(&x->dc);
	if (f->ctl == -1)
		return;
	ftp_logf(f, FTP_LOG_INFO, "aborting the transfer");
	ftp_interrupt_hold(1);
	/* Under TLS there is no urgent data: bytes outside it would break it. */
	if ((f->tls == NULL &&
	    (send(f->ctl, ip, sizeof(ip), MSG_NOSIGNAL) != sizeof(ip) ||
	    send(f->ctl, &dm, 1, MSG_OOB | MSG_NOSIGNAL) != 1)) ||
	    ctl_send(f, "ABOR", NULL) != 0) {
		ftp_drop(f);
	} else {
		do {
			code = ctl_reply(f, MIN(ABOR_WAIT_MS, f->timeout * 1000));
		} while (code > 0 && code != 225 && code != 226 &&
		    code / 100 != 5);
	}
	ftp_interrupt_hold(0);
	memcpy(f->err, save, sizeof(save));
	f->code = savecode;
}

/* Open the data connection, send [REST rest] and VERB ARG, wait for the 1xx. */
static int
xfer_begin(struct xfer *x, const char *verb, const char *arg, uint64_t rest)
{
	struct ftp	*f = x->f;
	char		 r[32];
	int		 rc, code;

	if ((rc = data_open(f, &x->dc)) != 0)
		return rc;
	if (rest > 0) {
		snprintf(r, sizeof(r), "%" PRIu64, rest);
		if ((code = ctl_cmd(f, "REST", r)) != 350) {
			data_close(&x->dc);
			return code == FTP_LOST ? FTP_LOST : -1;
		}
	}
	if ((rc = ctl_send(f, verb, arg)) != 0) {
		data_close(&x->dc);
		return rc;
	}
	code = ctl_reply(f, -1);
	if (code < 100 || code >= 300) {
		data_close(&x->dc);
		return code == FTP_LOST ? FTP_LOST : -1;
	}
	/* "A few broken servers omit the 1yz reply" (FileZilla). */
	if (code >= 200)
		x->final = code;
	else
		strlcpy(x->prelim, buf_cstr(&f->rp.text), sizeof(x->prelim));
	if (data_ready(f, &x->dc) == -1) {
		xfer_abort(x);
		return -1;
	}
	return 0;
}

/* Replies already buffered (one packet may carry "150" and "226"). */
static void
xfer_take(struct xfer *x)
{
	int	 code;

	while (x->final == 0 && (code = ctl_take(x->f)) > 0)
		if (code >= 200)
			x->final = code;
}

/* Control readable during a transfer: take the final reply if complete. */
static int
xfer_ctl(struct xfer *x)
{
	if (ctl_pump(x->f) != 0)
		return FTP_LOST;
	xfer_take(x);
	return 0;
}

/* A read of the data connection; under TLS, what OpenSSL holds too. */
static ssize_t
xfer_read(struct xfer *x)
{
	ssize_t	 n, got = 0;

	if (x->dc.tls == NULL)
		return xread(x->dc.fd, x->rbuf, XFER_RECV);
	do {
		if ((n = tls_read(x->dc.tls, x->rbuf + got,
		    XFER_RECV - (size_t)got)) <= 0)
			break;
		got += n;
	} while (got < XFER_RECV && tls_pending(x->dc.tls));
	return got > 0 ? got : n;
}

static int
xfer_data_in(struct xfer *x)
{
	ssize_t	 n;

	n = xfer_read(x);
	if (n > 0)
		return x->sink(x, x->rbuf, (size_t)n);
	if (n == -1 && x->dc.tls != NULL && errno == EAGAIN)
		return 0;	/* a TLS record without data */
	x->eof = 1;
	if (n == -1) {
		x->data_err = errno;
		data_close(&x->dc);
	} else
		data_finish(x->f, &x->dc);
	return 0;
}

static int
xfer_timeout(struct xfer *x)
{
	ftp_fail(x->f, "%s: transfer timed out", x->f->peername);
	xfer_abort(x);
	ftp_drop(x->f);
	return -1;
}

static int
xfer_recv_loop(struct xfer *x)
{
	struct ftp	*f = x->f;
	struct pollfd	 p[2];
	int		 n, r, di, ci;

	while (xfer_take(x), !(x->eof && x->final)) {
		if (f->ctl == -1) {
			data_close(&x->dc);
			return FTP_LOST;
		}
		if (x->final && x->final / 100 != 2)
			break;		/* 426, 451: no point reading on */
		/* What OpenSSL read ahead, poll would not report. */
		if (!x->eof && tls_pending(x->dc.tls)) {
			if (xfer_data_in(x) != 0) {
				xfer_abort(x);
				return -1;
			}
			continue;
		}
		n = 0;
		di = ci = -1;
		if (!x->eof) {
			di = n;
			p[n++] = (struct pollfd){ .fd = x->dc.fd, .events = POLLIN };
		}
		if (!x->final) {
			ci = n;
			p[n++] = (struct pollfd){ .fd = f->ctl, .events = POLLIN };
		}
		r = poll(p, (nfds_t)n, f->timeout * 1000);
		if (ftp_interrupted()) {
			x->cancelled = 1;
			ftp_fail(f, "interrupted");
			xfer_abort(x);
			return -1;
		}
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return xfer_timeout(x);
		if (di != -1 && p[di].revents != 0 && xfer_data_in(x) != 0) {
			xfer_abort(x);
			return -1;
		}
		if (ci != -1 && p[ci].revents != 0 && xfer_ctl(x) != 0) {
			data_close(&x->dc);
			return FTP_LOST;
		}
	}
	data_close(&x->dc);
	if (x->final != 226 && x->final != 250)
		return -1;
	if (x->data_err == EPROTO && f->tls != NULL)
		return ftp_fail(f, "data connection: ended without TLS "
		    "close_notify, the data may be cut short");
	if (x->data_err != 0)
		return ftp_fail(f, "data connection: %s", strerror(x->data_err));
	return 0;
}

/*
 * Receive until both data EOF and the final reply; 0, -1 or FTP_LOST.
 * Big reads: a transfer costs a poll and a read per buffer.
 */
static int
xfer_recv(struct xfer *x)
{
	int	 rc;

	x->rbuf = xmalloc(XFER_RECV);
	rc = xfer_recv_loop(x);
	free(x->rbuf);
	x->rbuf = NULL;
	return rc;
}

/* Listing. */

static uint64_t list_max_entries = FTP_LIST_MAX_ENTRIES;
static uint64_t list_max_bytes = FTP_LIST_MAX_BYTES;

void
ftp_set_list_limits(uint64_t max_entries, uint64_t max_bytes)
{
	list_max_entries = max_entries;
	list_max_bytes = max_bytes;
}

struct list_ctx {
	struct line_reader	 lr;
	int			 mlsd;
	time_t			 now;
	ftp_list_fn		 cb;
	void			*arg;
	struct ftp		*f;
	const char		*path;		/* for errors */
	size_t			 delivered;	/* lines handed on: no retry then */
	uint64_t		 entries, bytes;
	int			 over;		/* a limit was passed */
};

/* A hostile server may stream a listing for ever: stop at the limits. */
static int
list_too_long(struct list_ctx *c)
{
	if (c->over == 1)
		return ftp_fail(c->f, "%s: listing stopped after %" PRIu64
		    " entries (--max-list-entries raises the limit)", c->path,
		    list_max_entries);
	return ftp_fail(c->f, "%s: listing stopped after %" PRIu64
	    " bytes (--max-list-bytes raises the limit)", c->path,
	    list_max_bytes);
}

static int
list_line(struct list_ctx *c, const struct buf *l)
{
	struct lst_entry	 e;
	int			 r, stop;

	if (l->len == 0)
		return 0;
	c->delivered++;
	memset(&e, 0, sizeof(e));
	if (c->mlsd)
		r = listing_parse_mlsd(l->data, l->len, &e);
	else
		r = listing_parse_list(l->data, l->len, &e, c->now);
	if (r == -1)
		ftp_logf(c->f, FTP_LOG_INFO, "listing line not understood: %s",
		    l->data);
	if (r != 0)
		return 0;
	stop = 0;
	if (e.type != LST_CDIR && e.type != LST_PDIR &&
	    strcmp(e.name, ".") != 0 && strcmp(e.name, "..") != 0) {
		if (list_max_entries != 0 && ++c->entries > list_max_entries)
			stop = c->over = 1;
		else
			stop = c->cb(c->arg, &e);
	}
	lst_entry_free(&e);
	return stop;
}

static int
list_drain(struct list_ctx *c)
{
	struct buf	 l;
	int		 st, stop = 0;

	buf_init(&l);
	while (!stop && (st = line_next(&c->lr, &l)) != LINE_MORE)
		if (st == LINE_OK)
			stop = list_line(c, &l);
	buf_free(&l);
	return stop;
}

static int
list_sink(struct xfer *x, const char *b, size_t n)
{
	struct list_ctx	*c = x->sink_arg;

	c->bytes += n;
	if (list_max_bytes != 0 && c->bytes > list_max_bytes)
		c->over = 2;
	else
		line_feed(&c->lr, b, n);
	if (c->over || list_drain(c) != 0) {
		x->cancelled = 1;
		return c->over ? list_too_long(c) :
		    ftp_fail(x->f, "listing stopped");
	}
	return 0;
}

static int
list_once(struct ftp *f, const char *path, struct list_ctx *c)
{
	struct xfer	 x = { .f = f, .sink = list_sink, .sink_arg = c };
	int		 rc, code;

	x.dc.fd = -1;
	/*
	 * LIST takes options and globs on many servers, so a path with
	 * spaces or a leading '-' is unsafe as its argument: visit the
	 * directory instead.  MLSD's argument is literal (RFC 3659 §7.1).
	 */
	if (!c->mlsd && path != NULL) {
		if ((code = ctl_cmd(f, "CWD", path)) != 250)
			return code == FTP_LOST ? FTP_LOST : -1;
	}
	rc = xfer_begin(&x, c->mlsd ? "MLSD" : "LIST", c->mlsd ? path : NULL, 0);
	if (rc == 0)
		rc = xfer_recv(&x);
	if (rc == 0) {
		line_feed(&c->lr, "\n", 1);	/* a last line without EOL */
		if (list_drain(c) != 0 && c->over)
			rc = list_too_long(c);
	}
	/* ProFTPD's "450 No files found" is an empty directory (curl, lftp). */
	if (rc == -1 && !c->mlsd && f->code == 450)
		rc = 0;
	if (!c->mlsd && path != NULL && f->ctl != -1 && f->cwd != NULL) {
		char save[FTP_ERR_MAX];

		memcpy(save, f->err, sizeof(save));
		ctl_cmd(f, "CWD", f->cwd);
		memcpy(f->err, save, sizeof(save));
	}
	return rc;
}

static int
list_tries(struct ftp *f, const char *path, struct list_ctx *c)
{
	int	 rc, tries;

	for (tries = 0; tries < 2; tries++) {
		if (ftp_ensure(f) == -1)
			return -1;
		c->mlsd = (f->feat & FTP_FEAT_MLST) != 0;
		line_init(&c->lr, LIST_LINE_MAX, 0);
		rc = ftp_type_binary(f);
		if (rc == 0)
			rc = list_once(f, path, c);
		line_free(&c->lr);
		if (rc != FTP_LOST || c->delivered > 0)
			return rc == 0 ? 0 : -1;
	}
	return -1;
}

int
ftp_list(struct ftp *f, const char *path, ftp_list_fn cb, void *arg)
{
	struct list_ctx	 c = { .cb = cb, .arg = arg, .f = f };
	char		*resolved;
	int		 rc;

	if (path != NULL && *path == '\0')
		path = NULL;
	if (ftp_name_ok(f, path) == -1)
		return -1;
	c.now = time(NULL);
	resolved = ftp_resolve_dotdot(f, path);
	c.path = resolved != NULL ? resolved : path != NULL ? path : ".";
	rc = list_tries(f, resolved != NULL ? resolved : path, &c);
	free(resolved);
	return rc;
}

/* Stat without MLST. */

struct stat_find {
	const char		*base;
	struct lst_entry	*e;
	int			 found;
};

static int
stat_find(void *arg, const struct lst_entry *e)
{
	struct stat_find	*s = arg;

	/* Not stopping at the match: an ABOR mid-listing costs more. */
	if (s->found || strcmp(e->name, s->base) != 0)
		return 0;
	*s->e = *e;
	s->e->name = xstrdup(e->name);
	s->e->target = e->target != NULL ? xstrdup(e->target) : NULL;
	s->found = 1;
	return 0;
}

/*
 * LIST PATH would do in one line, but many servers glob and take options
 * in LIST's argument (see list_once), so the parent directory is listed
 * and the entry picked by name, as lftp does for a file without MLST.
 */
int
list_stat(struct ftp *f, const char *path, struct lst_entry *e)
{
	struct stat_find s = { .e = e };
	char		*copy = xstrdup(path), *slash;
	const char	*dir = NULL;
	size_t		 l = strlen(copy);
	int		 rc;

	memset(e, 0, sizeof(*e));
	while (l > 1 && copy[l - 1] == '/')
		copy[--l] = '\0';
	s.base = copy;
	if ((slash = strrchr(copy, '/')) != NULL) {
		*slash = '\0';
		s.base = slash + 1;
		dir = slash == copy ? "/" : copy;
	}
	if (*s.base == '\0' || strcmp(s.base, ".") == 0 ||
	    strcmp(s.base, "..") == 0) {
		free(copy);
		return ftp_fail(f, "a directory");
	}
	rc = ftp_list(f, dir, stat_find, &s);
	free(copy);
	if (rc == 0 && s.found)
		return 0;
	lst_entry_free(e);
	if (rc == -1 && f->code / 100 != 5)
		return -1;		/* a local or transient failure */
	ftp_fail(f, "no such file or directory");
	f->code = 550;
	return -1;
}

/* Downloads. */

struct dl {
	int			 fd;
	int			 inplace;	/* resuming into the destination itself */
	int			 keep;		/* tmp is the resumable part */
	int			 corrupt;	/* bad digest: never kept */
	int			 stream;	/* a pipe: sequential writes, no digest */
	char			*tmp;		/* temporary file, or NULL */
	uint64_t		 have;		/* bytes in the file */
	struct ftp_verify	 v;
	struct ftp_progress	 p;
	ftp_progress_fn		 cb;
	void			*arg;
};

static int
dl_sink(struct xfer *x, const char *b, size_t n)
{
	struct dl	*d = x->sink_arg;

	if (d->stream ? xwrite_full(d->fd, b, n) == -1 :
	    pwrite(d->fd, b, n, (off_t)d->have) != (ssize_t)n)
		return ftp_fail(x->f, "write: %s", strerror(errno ? errno : ENOSPC));
	verify_feed(&d->v, b, n, d->have);
	d->have += n;
	d->p.done = d->have;
	if (d->cb != NULL && d->cb(d->arg, &d->p) != 0) {
		x->cancelled = 1;
		return ftp_fail(x->f, "transfer cancelled");
	}
	return 0;
}

static int
get_once(struct ftp *f, const char *remote, struct dl *d, uint64_t size)
{
	struct xfer	 x = { .f = f, .sink = dl_sink, .sink_arg = d };
	int		 rc;

	x.dc.fd = -1;
	if ((rc = ftp_type_binary(f)) != 0)
		return rc;
	d->p.offset = d->have;
	rc = xfer_begin(&x, "RETR", remote, d->have);
	if (rc != 0)
		return rc;
	d->p.total = progress_total(size, x.prelim, d->have);
	if (d->p.total == FTP_SIZE_UNKNOWN)
		ftp_logf(f, FTP_LOG_INFO, "%s: size unknown", remote);
	else
		ftp_logf(f, FTP_LOG_INFO, "%s: %" PRIu64 " bytes (from %s)",
		    remote, d->p.total, size != FTP_SIZE_UNKNOWN ? "SIZE" :
		    "the 150 reply");
	if (d->cb != NULL)
		d->cb(d->arg, &d->p);
	rc = xfer_recv(&x);
	if (rc == 0 && d->p.total != FTP_SIZE_UNKNOWN && d->have != d->p.total)
		rc = ftp_fail(f, "%s: received %" PRIu64 " of %" PRIu64
		    " bytes", remote, d->have, d->p.total);
	if (rc == -1 && !x.cancelled && d->have > d->p.offset &&
	    xfer_transient(f))
		return FTP_LOST;
	return rc;
}

char *
ftp_get_part(const char *local)
{
	char	*copy = xstrdup(local), *dir, *base, *part;

	dir = dirname(copy);
	base = strrchr(local, '/') != NULL ? strrchr(local, '/') + 1 :
	    (char *)local;
	part = xasprintf("%s/" FTP_PART_PREFIX "%s", dir, base);
	free(copy);
	if (*base == '\0' ||
	    strlen(base) + strlen(FTP_PART_PREFIX) > NAME_MAX) {
		free(part);
		return NULL;
	}
	return part;
}

/* Worth resuming: a non-empty regular file no longer than the remote one. */
static int
dl_resumable(const struct stat *st, uint64_t size)
{
	return S_ISREG(st->st_mode) && st->st_size > 0 &&
	    (size == FTP_SIZE_UNKNOWN || (uint64_t)st->st_size <= size);
}

/*
 * Resume into local: 1 when d->fd is open on it, 0 to download afresh
 * (nothing there, empty, or longer than the remote file), -1 refused.
 * Only a regular file, opened without following a link: one planted
 * under the name would aim the download at another file.
 */
static int
dl_resume_open(struct ftp *f, const char *local, uint64_t size, struct dl *d)
{
	struct stat	 st;

	if (lstat(local, &st) == -1)
		return 0;
	if (!S_ISREG(st.st_mode))
		return ftp_fail(f, "%s: not a regular file, not resumed", local);
	if (!dl_resumable(&st, size))
		return 0;
	d->fd = open(local, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (d->fd == -1)
		return ftp_fail(f, "%s: %s", local, strerror(errno));
	/* What was opened, not what lstat saw, decides. */
	if (fstat(d->fd, &st) == -1 || !dl_resumable(&st, size)) {
		close(d->fd);
		d->fd = -1;
		return ftp_fail(f, "%s: changed while opened, not resumed",
		    local);
	}
	d->inplace = 1;
	d->have = (uint64_t)st.st_size;
	return 1;
}

/*
 * The kept part of an earlier download (FTP_RESUME), or a fresh one.
 * Failures name local: the temporary is the engine's business.
 * O_NOFOLLOW: its name is known in advance, so a symlink planted there
 * must not redirect the write; what was opened decides, as above.
 */
static int
dl_open_part(struct ftp *f, const char *local, int flags, uint64_t size,
    struct dl *d)
{
	struct stat	 st;
	mode_t		 um;

	if ((flags & FTP_RESUME) && lstat(d->tmp, &st) == 0 &&
	    dl_resumable(&st, size)) {
		d->fd = open(d->tmp, O_RDWR | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC);
		if (d->fd == -1)
			return ftp_fail(f, "%s: %s", local, strerror(errno));
		if (fstat(d->fd, &st) == -1 || !dl_resumable(&st, size)) {
			close(d->fd);
			d->fd = -1;
			return ftp_fail(f, "%s: changed while opened, not "
			    "resumed", local);
		}
		d->have = (uint64_t)st.st_size;
		ftp_logf(f, FTP_LOG_INFO, "continuing a partial download at "
		    "%" PRIu64 " bytes", d->have);
		return 0;
	}
	um = umask(0);
	umask(um);
	d->fd = open(d->tmp, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0666 & ~um);
	if (d->fd == -1)
		return ftp_fail(f, "%s: %s", local, strerror(errno));
	return 0;
}

static int
dl_open(struct ftp *f, const char *local, int flags, uint64_t size,
    struct dl *d)
{
	struct stat	 st;
	char		*dir, *copy;
	mode_t		 um;
	int		 rc;

	if ((d->tmp = ftp_get_part(local)) != NULL) {
		d->keep = 1;
		if ((flags & FTP_RESUME) && lstat(d->tmp, &st) == 0 &&
		    dl_resumable(&st, size))
			return dl_open_part(f, local, flags, size, d);
	}
	if ((flags & FTP_RESUME) &&
	    (rc = dl_resume_open(f, local, size, d)) != 0) {
		free(d->tmp);
		d->tmp = NULL;
		d->keep = 0;
		return rc == 1 ? 0 : -1;
	}
	if (d->tmp != NULL && dl_open_part(f, local, 0, size, d) == 0)
		return 0;
	free(d->tmp);
	d->tmp = NULL;
	d->keep = 0;
	copy = xstrdup(local);
	dir = dirname(copy);
	d->tmp = xasprintf("%s/.forkftp-XXXXXX", dir);
	free(copy);
	if ((d->fd = mkstemp(d->tmp)) == -1) {
		ftp_fail(f, "%s: %s", local, strerror(errno));
		free(d->tmp);
		d->tmp = NULL;
		return -1;
	}
	um = umask(0);
	umask(um);
	fchmod(d->fd, 0666 & ~um);
	return 0;
}

/* The remote mtime (MDTM) onto the downloaded file, as lftp and wget do. */
static void
keep_mtime_local(struct ftp *f, const char *remote, int fd)
{
	struct timespec	 ts[2];
	char		 save[FTP_ERR_MAX];
	time_t		 t;

	if (!(f->feat & FTP_FEAT_MDTM))
		return;
	memcpy(save, f->err, sizeof(save));
	if (ftp_mdtm(f, remote, &t) == 0) {
		ts[0].tv_sec = ts[1].tv_sec = t;
		ts[0].tv_nsec = ts[1].tv_nsec = 0;
		futimens(fd, ts);
	}
	memcpy(f->err, save, sizeof(save));
}

/* The local modification time onto the uploaded file (MFMT, when offered). */
static void
keep_mtime_remote(struct ftp *f, const char *remote, int fd)
{
	struct stat	 st;
	char		 save[FTP_ERR_MAX], arg[32], *cmd;

	if (!(f->feat & FTP_FEAT_MFMT) || fstat(fd, &st) == -1)
		return;
	memcpy(save, f->err, sizeof(save));
	listing_format_time(arg, st.st_mtime);
	cmd = xasprintf("%s %s", arg, remote);
	ftp_cmd(f, "MFMT", cmd);
	free(cmd);
	memcpy(f->err, save, sizeof(save));
}

static int
dl_finish(struct ftp *f, const char *remote, const char *local, struct dl *d,
    int rc)
{
	if (rc == 0 && (rc = verify_finish(f, &d->v, remote, d->fd)) != 0)
		d->corrupt = 1;
	verify_cancel(&d->v);
	if (rc == 0)
		keep_mtime_local(f, remote, d->fd);
	if (close(d->fd) == -1 && rc == 0)
		rc = ftp_fail(f, "%s: %s", local, strerror(errno));
	if (d->tmp != NULL) {
		if (rc == 0 && rename(d->tmp, local) == -1)
			rc = ftp_fail(f, "%s: %s", local, strerror(errno));
		/* What arrived is kept for a resume, unless it is wrong. */
		if (rc != 0 && (!d->keep || d->corrupt || d->have == 0))
			unlink(d->tmp);
		else if (rc != 0)
			ftp_logf(f, FTP_LOG_INFO, "%s: %" PRIu64 " bytes kept "
			    "for a resume (get -c)", local, d->have);
		free(d->tmp);
	}
	return rc;
}

/* SIZE in TYPE I, or FTP_SIZE_UNKNOWN; a lost connection is retried once. */
static uint64_t
remote_size(struct ftp *f, const char *remote)
{
	uint64_t	 size;
	char		 save[FTP_ERR_MAX];

	memcpy(save, f->err, sizeof(save));
	if (ftp_size(f, remote, &size) == -1)
		size = FTP_SIZE_UNKNOWN;
	memcpy(f->err, save, sizeof(save));
	return size;
}

/* get_once, resumed on a new connection when cut (bytes written stay). */
static int
get_tries(struct ftp *f, const char *remote, struct dl *d, uint64_t size)
{
	unsigned tries = 0;
	int	 rc;

	while ((rc = get_once(f, remote, d, size)) == FTP_LOST &&
	    xfer_retry(f, &tries, remote, d->have) == 0)
		;
	return rc == 0 ? 0 : -1;
}

int
ftp_get(struct ftp *f, const char *remote, const char *local, int flags,
    ftp_progress_fn cb, void *arg)
{
	struct dl	 d = { .fd = -1, .cb = cb, .arg = arg };
	uint64_t	 size;
	int		 rc, done;

	if (ftp_name_ok(f, remote) == -1 || ftp_ensure(f) == -1)
		return -1;
	size = remote_size(f, remote);
	if (dl_open(f, local, flags, size, &d) == -1)
		return -1;
	d.p.name = remote;
	d.p.total = size;
	done = d.have > 0 && size != FTP_SIZE_UNKNOWN && d.have == size;
	verify_start(f, &d.v, remote, flags, size, !done);
	verify_prefix(&d.v, d.fd, d.have);
	if (done) {
		d.p.done = d.p.offset = d.have;
		if (cb != NULL)
			cb(arg, &d.p);
		return dl_finish(f, remote, local, &d, 0);
	}
	rc = get_tries(f, remote, &d, size);
	return dl_finish(f, remote, local, &d, rc);
}

int
ftp_get_fd(struct ftp *f, const char *remote, int fd, ftp_progress_fn cb,
    void *arg)
{
	struct dl	 d = { .fd = fd, .stream = 1, .cb = cb, .arg = arg };
	uint64_t	 size;

	if (ftp_name_ok(f, remote) == -1 || ftp_ensure(f) == -1)
		return -1;
	size = remote_size(f, remote);
	d.p.name = remote;
	d.p.total = size;
	return get_tries(f, remote, &d, size);
}

/* Uploads. */

struct ul {
	int			 fd;
	int			 stream;	/* a pipe: read() in order, no resume */
	int			 consumed;	/* stream bytes were read: no retry */
	int			 begun;		/* the server took the STOR */
	uint64_t		 pos;		/* bytes sent (and at the server) */
	struct ftp_progress	 p;
	ftp_progress_fn		 cb;
	void			*arg;
	struct ftp_verify	*v;		/* fed as we send */
	char			*buf;		/* XFER_CHUNK, put_once's */
};

/* The next block of the source: its length, 0 at the end, or -1. */
static ssize_t
ul_read(struct xfer *x, struct ul *u, char *b, size_t len)
{
	ssize_t	 n;

	if (!u->stream) {
		if ((n = pread(u->fd, b, len, (off_t)u->pos)) == -1)
			ftp_fail(x->f, "read: %s", strerror(errno));
		else if (n > 0)
			verify_feed(u->v, b, (size_t)n, u->pos);
		return n;
	}
	/* A pipe may wait for its writer: Ctrl-C must end that wait. */
	while ((n = read(u->fd, b, len)) == -1 && errno == EINTR)
		if (ftp_interrupted()) {
			x->cancelled = 1;
			return ftp_fail(x->f, "interrupted");
		}
	if (n == -1)
		return ftp_fail(x->f, "read: %s", strerror(errno));
	if (n > 0) {
		u->consumed = 1;
		verify_feed(u->v, b, (size_t)n, u->pos);
	}
	return n;
}

/* Bytes the kernel still holds for the server (unsent or unacknowledged). */
static uint64_t
ul_queued(int fd)
{
	int	 n;

	if (fd == -1 || ioctl(fd, SIOCOUTQ, &n) == -1 || n < 0)
		return 0;
	return (uint64_t)n;
}

static int
ul_send(struct xfer *x, struct ul *u)
{
	char		*b = u->buf;
	ssize_t		 n, w;
	size_t		 off;

	if ((n = ul_read(x, u, b, XFER_CHUNK)) <= 0)
		return n == 0 ? 1 : -1;
	if (x->dc.tls != NULL && tls_write(x->dc.tls, b, (size_t)n) == -1) {
		x->cancelled = ftp_interrupted();
		return ftp_fail(x->f, "data connection: %s", strerror(errno));
	}
	for (off = x->dc.tls != NULL ? (size_t)n : 0; off < (size_t)n; off += (size_t)w) {
		if (wait_fd(x->dc.fd, POLLOUT, x->f->timeout * 1000) != 1) {
			x->cancelled = ftp_interrupted();
			return ftp_fail(x->f, "%s: %s", x->f->peername,
			    x->cancelled ? "interrupted" :
			    "data connection stalled");
		}
		w = send(x->dc.fd, b + off, (size_t)n - off, MSG_NOSIGNAL);
		if (w == -1 && errno == EINTR)
			w = 0;
		else if (w == -1)
			return ftp_fail(x->f, "data connection: %s",
			    strerror(errno));
	}
	u->pos += (uint64_t)n;
	u->p.done = u->pos - MIN(ul_queued(x->dc.fd), u->pos);
	if (u->cb != NULL && u->cb(u->arg, &u->p) != 0) {
		x->cancelled = 1;
		return ftp_fail(x->f, "transfer cancelled");
	}
	return 0;
}

/* A reply during the upload (an early 452, 426) ends it. */
static int
ul_check_ctl(struct xfer *x)
{
	xfer_take(x);
	if (x->final == 0 && ctl_pending(x->f) && xfer_ctl(x) != 0)
		return FTP_LOST;
	return x->final != 0 && x->final / 100 != 2 ? -1 : 0;
}

/* Cancelled while finishing: the server must not get the rest. */
static int
ul_finish_cancel(struct xfer *x)
{
	x->cancelled = 1;
	ftp_fail(x->f, ftp_interrupted() ? "interrupted" :
	    "transfer cancelled");
	xfer_abort(x);		/* a reset: the queued bytes are dropped */
	return -1;
}

/*
 * The file is sent; wait for the server to confirm it.  The socket
 * buffers can hold megabytes the server has not read yet (a slow or
 * rate-limited server), so the wait reports them as not done
 * (ftp_progress.finishing), can still be cancelled, and times out only
 * when they stop draining.  The end of the file is a half-close, not a
 * close: until the reply, a cancel resets the connection instead of
 * delivering what is queued as a complete file.
 */
static int
ul_finish(struct xfer *x, struct ul *u)
{
	struct ftp	*f = x->f;
	uint64_t	 q, lastq = UINT64_MAX;
	int		 idle = 0, r;

	if (data_shutdown(&x->dc) == -1)
		data_close(&x->dc);	/* EOF (RFC 959 §3.4 stream mode) */
	u->p.finishing = 1;
	for (xfer_take(x); x->final == 0; xfer_take(x)) {
		q = ul_queued(x->dc.fd);
		u->p.done = u->pos - MIN(q, u->pos);
		if (u->cb != NULL && u->cb(u->arg, &u->p) != 0)
			return ul_finish_cancel(x);
		idle = q != lastq ? 0 : idle + FINISH_SLICE_MS;
		lastq = q;
		if (idle >= f->timeout * 1000)
			return xfer_timeout(x);
		r = wait_fd(f->ctl, POLLIN, FINISH_SLICE_MS);
		if (r == -1 && ftp_interrupted())
			return ul_finish_cancel(x);
		if (r != 0 && xfer_ctl(x) != 0) {
			data_close(&x->dc);
			return FTP_LOST;
		}
	}
	data_close(&x->dc);
	if (x->final != 226 && x->final != 250)
		return -1;
	/* Confirmed: all of it is there; still finishing until verified. */
	u->p.done = u->pos;
	if (u->cb != NULL)
		u->cb(u->arg, &u->p);
	return 0;
}

static int
put_once(struct ftp *f, const char *remote, struct ul *u)
{
	struct xfer	 x = { .f = f };
	const char	*verb = "STOR";
	uint64_t	 rest = 0;
	int		 rc;

	x.dc.fd = -1;
	if ((rc = ftp_type_binary(f)) != 0)
		return rc;
	if (u->pos > 0 && (f->feat & FTP_FEAT_REST))
		rest = u->pos;
	else if (u->pos > 0)
		verb = "APPE";
	u->p.offset = u->p.done = u->pos;
	if ((rc = xfer_begin(&x, verb, remote, rest)) != 0)
		return rc;
	u->begun = 1;
	if (u->cb != NULL)
		u->cb(u->arg, &u->p);
	u->buf = xmalloc(XFER_CHUNK);
	while ((rc = ul_check_ctl(&x)) == 0 && (rc = ul_send(&x, u)) == 0)
		;
	free(u->buf);
	u->buf = NULL;
	if (rc == 1) {
		rc = ul_finish(&x, u);
	} else if (rc == FTP_LOST || x.final != 0) {
		data_close(&x.dc);
	} else {
		xfer_abort(&x);
		rc = x.cancelled || f->ctl != -1 ? -1 : FTP_LOST;
	}
	if (rc == -1 && !x.cancelled && u->pos > u->p.offset &&
	    xfer_transient(f))
		return FTP_LOST;
	return rc == FTP_LOST ? FTP_LOST : rc == 0 ? 0 : -1;
}

/* Confirmed (226) and verified: the last report, no longer finishing. */
static void
ul_finished(struct ul *u, int rc)
{
	if (!u->p.finishing)
		return;
	u->p.finishing = 0;
	if (rc == 0 && u->cb != NULL)
		u->cb(u->arg, &u->p);
}

/* Where to continue an upload: the remote size when shorter, else 0. */
static uint64_t
ul_offset(struct ftp *f, const char *remote, uint64_t local_size)
{
	uint64_t	 r = remote_size(f, remote);

	if (r == FTP_SIZE_UNKNOWN || r > local_size)
		return 0;
	return r;
}

/*
 * Send the file to dest: put_once, resumed on a new connection when cut,
 * then verified (HASH) and dated (MFMT).
 */
static int
put_tries(struct ftp *f, struct ul *u, const char *dest, int flags)
{
	struct ftp_verify v;
	unsigned	 tries = 0;
	int		 rc;

	u->pos = (flags & FTP_RESUME) ? ul_offset(f, dest, u->p.total) : 0;
	u->begun = 0;
	u->v = &v;
	/*
	 * Our digest is taken as the data is sent (a resumed upload first
	 * reads what the server already has); forkftpd digests what it
	 * receives, so the HASH afterwards costs neither side a pass.
	 */
	verify_start(f, &v, dest, flags, u->p.total, 0);
	verify_prefix(&v, u->fd, u->pos);
	for (;;) {
		if (u->pos == u->p.total && u->pos > 0) {
			u->p.done = u->p.offset = u->pos;
			rc = 0;
			break;
		}
		rc = put_once(f, dest, u);
		if (rc != FTP_LOST ||
		    xfer_retry(f, &tries, u->p.name, u->pos) == -1)
			break;
		u->pos = ul_offset(f, dest, u->p.total);
	}
	if (rc == 0)
		rc = verify_finish(f, &v, dest, u->fd);
	verify_cancel(&v);
	u->v = NULL;
	if (rc == 0)
		keep_mtime_remote(f, dest, u->fd);
	ul_finished(u, rc);
	return rc == 0 ? 0 : -1;
}

/*
 * Would an upload to remote replace a file?  SIZE answers for most
 * servers (550 for a name that is not there, or is a directory, which
 * STOR refuses anyway); without SIZE, the entry's facts.  When nothing
 * can tell, yes: the temporary name costs a rename, a lost file more.
 */
static int
put_exists(struct ftp *f, const char *remote)
{
	struct lst_entry e;
	uint64_t	 size;
	char		 save[FTP_ERR_MAX];
	int		 rc, code;

	memcpy(save, f->err, sizeof(save));
	code = f->code;
	if (ftp_size(f, remote, &size) == 0)
		rc = 1;
	else if (f->code == 550)
		rc = 0;
	else if (ftp_stat(f, remote, &e) == 0) {
		rc = e.type != LST_DIR;
		lst_entry_free(&e);
	} else
		rc = f->code != 550;
	memcpy(f->err, save, sizeof(save));
	f->code = code;
	return rc;
}

/* A temporary name next to remote: "dir/.forkftp-part.1a2b3c4d". */
static char *
put_part_name(const char *remote)
{
	const char	*slash = strrchr(remote, '/');
	int		 dirlen = slash != NULL ? (int)(slash - remote + 1) : 0;

	return xasprintf("%.*s" FTP_PART_PREFIX "%08" PRIx32, dirlen, remote,
	    arc4random());
}

/*
 * Remove the temporary, keeping the reason of the failure.  Even after
 * Ctrl-C: interrupts are held off for this one command.
 */
static void
put_part_remove(struct ftp *f, const char *part)
{
	char	 save[FTP_ERR_MAX];
	int	 code = f->code;

	memcpy(save, f->err, sizeof(save));
	ftp_interrupt_hold(1);
	if (ftp_delete(f, part) == -1 && f->code != 550)
		ftp_logf(f, FTP_LOG_INFO, "cannot remove the temporary %s: %s",
		    part, f->err);
	ftp_interrupt_hold(0);
	memcpy(f->err, save, sizeof(save));
	f->code = code;
}

/*
 * The reason of a failure names what the user asked for: a server's
 * reply quoting the temporary name gets the target's name instead.
 */
static void
put_part_unname(struct ftp *f, const char *part, const char *remote)
{
	const char	*pb = strrchr(part, '/'), *rb = strrchr(remote, '/');
	char		 out[FTP_ERR_MAX], *at;
	size_t		 from = 0;

	pb = pb != NULL ? pb + 1 : part;
	rb = rb != NULL ? rb + 1 : remote;
	/* From past each replacement: a name may contain anything. */
	while (from <= strlen(f->err) &&
	    (at = strstr(f->err + from, pb)) != NULL) {
		snprintf(out, sizeof(out), "%.*s%s%s", (int)(at - f->err),
		    f->err, rb, at + strlen(pb));
		from = (size_t)(at - f->err) + strlen(rb);
		strlcpy(f->err, out, sizeof(f->err));
	}
}

/* Put the complete temporary in place of remote.  0, -1, or 1: refused. */
static int
put_part_commit(struct ftp *f, const char *part, const char *remote)
{
	if (ftp_rename(f, part, remote) == 0)
		return 0;
	if (f->code / 100 != 5)
		return -1;		/* lost, or a transient 4xx */
	ftp_logf(f, FTP_LOG_INFO, "%s: the server refuses to rename over an "
	    "existing file (%s)", remote, f->err);
	f->no_part = 1;
	return 1;
}

/*
 * The upload of ftp_put through the temporary part.  0 or -1, or 1 when
 * the server refused the temporary or the rename: upload directly then.
 */
static int
put_via_part(struct ftp *f, struct ul *u, const char *remote, int flags)
{
	char	*part = put_part_name(remote);
	int	 rc;

	u->p.part = part;
	ftp_logf(f, FTP_LOG_INFO, "%s exists: uploading to %s, renamed over "
	    "it when complete", remote, part);
	rc = put_tries(f, u, part, flags);
	if (rc == -1 && !u->begun && f->code / 100 == 5) {
		ftp_logf(f, FTP_LOG_INFO, "%s: the temporary name was refused "
		    "(%s)", remote, f->err);
		rc = 1;
	} else if (rc == 0 && (rc = put_part_commit(f, part, remote)) != 0)
		put_part_remove(f, part);
	else if (rc == -1)
		put_part_remove(f, part);
	if (rc == -1)
		put_part_unname(f, part, remote);
	u->p.part = NULL;
	free(part);
	return rc;
}

int
ftp_put(struct ftp *f, const char *local, const char *remote, int flags,
    ftp_progress_fn cb, void *arg)
{
	struct ul	 u = { .cb = cb, .arg = arg };
	struct stat	 st;
	int		 rc = 1;

	if (ftp_name_ok(f, remote) == -1)
		return -1;
	if ((u.fd = open(local, O_RDONLY | O_CLOEXEC)) == -1)
		return ftp_fail(f, "%s: %s", local, strerror(errno));
	if (fstat(u.fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(u.fd);
		return ftp_fail(f, "%s: not a regular file", local);
	}
	u.p.name = remote;
	u.p.total = (uint64_t)st.st_size;
	if (ftp_ensure(f) == -1) {
		close(u.fd);
		return -1;
	}
	if (!(flags & FTP_RESUME) && !f->no_part && put_exists(f, remote))
		rc = put_via_part(f, &u, remote, flags);
	if (rc == 1) {
		if (u.begun)
			ftp_logf(f, FTP_LOG_INFO, "%s: uploading again, "
			    "directly over the old file", remote);
		rc = put_tries(f, &u, remote, flags);
	}
	close(u.fd);
	return rc;
}

/* Send the stream to dest and verify it (see ftp_put_fd). */
static int
put_fd_tries(struct ftp *f, struct ul *u, const char *dest)
{
	struct ftp_verify v;
	unsigned	 tries = 0;
	int		 rc;

	u->v = &v;
	u->begun = 0;
	verify_start(f, &v, dest, 0, FTP_SIZE_UNKNOWN, 0);
	v.stream = 1;
	while ((rc = put_once(f, dest, u)) == FTP_LOST && !u->consumed &&
	    xfer_retry(f, &tries, u->p.name, 0) == 0)
		;
	if (rc == FTP_LOST && u->consumed)
		ftp_logf(f, FTP_LOG_INFO, "%s: upload from a stream cut after "
		    "%" PRIu64 " bytes; it cannot be resumed", u->p.name,
		    u->pos);
	if (rc == 0)
		rc = verify_finish(f, &v, dest, u->fd);
	verify_cancel(&v);
	u->v = NULL;
	ul_finished(u, rc);
	return rc == 0 ? 0 : -1;
}

/*
 * The stream is gone once sent, so a refused rename cannot fall back to
 * sending it again: the old file is deleted and the new one renamed in
 * its place, a short window instead of a lost upload.  Removes the
 * temporary unless it is all that is left of the data.
 */
static int
put_fd_commit(struct ftp *f, const char *part, const char *remote)
{
	int	 rc = put_part_commit(f, part, remote);

	if (rc == -1)
		put_part_remove(f, part);
	if (rc != 1)
		return rc;
	ftp_logf(f, FTP_LOG_INFO, "%s: deleting the old file, then renaming "
	    "the new one in its place", remote);
	if (ftp_delete(f, remote) == -1) {
		put_part_remove(f, part);
		return -1;
	}
	if (ftp_rename(f, part, remote) == -1) {
		ftp_logf(f, FTP_LOG_INFO, "%s: the new file is kept as %s",
		    remote, part);
		return -1;
	}
	return 0;
}

static int
put_fd_via_part(struct ftp *f, struct ul *u, const char *remote)
{
	char	*part = put_part_name(remote);
	int	 rc;

	u->p.part = part;
	rc = put_fd_tries(f, u, part);
	if (rc == -1 && !u->begun && !u->consumed && f->code / 100 == 5) {
		ftp_logf(f, FTP_LOG_INFO, "%s: the temporary name was refused "
		    "(%s)", remote, f->err);
		rc = 1;
	} else if (rc == -1)
		put_part_remove(f, part);
	else
		rc = put_fd_commit(f, part, remote);
	if (rc == -1)
		put_part_unname(f, part, remote);
	u->p.part = NULL;
	free(part);
	return rc;
}

/*
 * A stream is read once: our digest is taken as it goes by, and a cut
 * upload can be retried only before its first byte was read.
 */
int
ftp_put_fd(struct ftp *f, int fd, const char *remote, ftp_progress_fn cb,
    void *arg)
{
	struct ul	 u = { .fd = fd, .stream = 1, .cb = cb, .arg = arg };
	int		 rc = 1;

	if (ftp_name_ok(f, remote) == -1 || ftp_ensure(f) == -1)
		return -1;
	u.p.name = remote;
	u.p.total = FTP_SIZE_UNKNOWN;
	if (!f->no_part && put_exists(f, remote))
		rc = put_fd_via_part(f, &u, remote);
	if (rc == 1)
		rc = put_fd_tries(f, &u, remote);
	return rc;
}
