/*
 * data: passive and active data connections and the transfer loops
 * (see data.h).
 */
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "buf.h"
#include "digest.h"
#include "xio.h"

#include "ascii.h"
#include "conf.h"
#include "data.h"
#include "log.h"
#include "pending.h"
#include "proxy.h"
#include "session.h"
#include "tls.h"

#define DATA_CHUNK	(64 * 1024)
#define DATA_SENDFILE	(4 << 20)	/* a sendfile call without a rate limit */
#define DATA_RECV	(1 << 20)	/* an upload read without a rate limit */
#define DATA_LINGER	10	/* seconds a closing download may drain */
#define DATA_CTL_BYTES	(1 << 20)	/* bytes between control checks */
#define DATA_GONE_MS	3	/* wait for a vanished client's control FIN */
#define DATA_PORT_TRIES	64	/* busy ports a passive listen walks past */
#define DATA_TLS_COPY	(256 * 1024)	/* a file read for SSL_write */

void
data_init(struct data_state *d)
{
	memset(d, 0, sizeof *d);
	d->lfd = -1;
}

void
data_reset(struct data_state *d)
{
	if (d->lfd != -1)
		close(d->lfd);
	data_init(d);
}

int
data_pending(const struct data_state *d)
{
	return d->lfd != -1 || d->have_port;
}

static int
data_bind_listener(struct sockaddr_storage *a, uint16_t port)
{
	int fd, err, on = 1;

	fd = socket(a->ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return -1;
	/*
	 * Each transfer leaves its port in TIME_WAIT for a minute (we close
	 * first); without this a busy server runs out of its passive range.
	 * Another listener on the port still conflicts; connections keep
	 * their own address pairs, so sharing the port with them is safe.
	 */
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
	addr_set_port((struct sockaddr *)a, port);
	if (bind(fd, (struct sockaddr *)a, addr_len((struct sockaddr *)a)) == -1 ||
	    listen(fd, 1) == -1) {
		err = errno;	/* the caller retries on EADDRINUSE */
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

/*
 * The range a passive port comes from when none is configured: the
 * kernel's ephemeral range, as bind(0) would use, or Linux's default.
 */
static unsigned data_auto_lo = 32768, data_auto_hi = 60999;

void
data_ports_init(void)
{
	unsigned lo, hi;
	FILE *f;

	if ((f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "re")) == NULL)
		return;
	/* Privileges are dropped before any listen: stay above 1023. */
	if (fscanf(f, "%u %u", &lo, &hi) == 2 && lo <= hi && hi <= 65535) {
		data_auto_lo = lo < 1024 ? 1024 : lo;
		data_auto_hi = hi < 1024 ? 1024 : hi;
	}
	fclose(f);
}

/*
 * A listener on a port of [lo, hi], -1 when none was free.  The port is
 * chosen here and not by bind(0): once the range fills with TIME_WAIT
 * (we close data connections first), the kernel's search for a port
 * without one walks the whole range on every bind and becomes the
 * server's main cost; SO_REUSEADDR lets us take such a port at once.
 * A random start then a bounded walk: every port of a small range is
 * tried, a large one is not scanned for ever.
 */
static int
data_listen_range(struct session *s, unsigned lo, unsigned hi)
{
	unsigned n = hi - lo + 1, start = arc4random_uniform(n), i;
	struct sockaddr_storage a;
	int fd = -1;

	for (i = 0; i < n && i < DATA_PORT_TRIES && fd == -1; i++) {
		a = s->self;
		fd = data_bind_listener(&a, (uint16_t)(lo + (start + i) % n));
		if (fd == -1 && errno != EADDRINUSE)
			break;
	}
	return fd;
}

uint16_t
data_listen(struct session *s)
{
	const struct server_conf *c = s->conf;
	struct sockaddr_storage a;
	socklen_t len = sizeof a;
	int fd;

	data_reset(&s->data);
	if (c->pasv_min > 0 && c->pasv_max >= c->pasv_min)
		fd = data_listen_range(s, c->pasv_min, c->pasv_max);
	else if ((fd = data_listen_range(s, data_auto_lo, data_auto_hi)) == -1) {
		/* The range is busy: let the kernel find a port after all. */
		a = s->self;
		fd = data_bind_listener(&a, 0);
	}
	if (fd == -1 || getsockname(fd, (struct sockaddr *)&a, &len) == -1) {
		if (fd != -1)
			close(fd);
		return 0;
	}
	s->data.lfd = fd;
	return addr_port((struct sockaddr *)&a);
}

int
data_set_port(struct session *s, const struct sockaddr_storage *target)
{
	/* RFC 2577 §3: no bounce to a third host or a privileged port. */
	if (!addr_same_host((const struct sockaddr *)target,
	    (const struct sockaddr *)&s->peer)) {
		log_warn("refused PORT to a foreign address");
		return 500;
	}
	if (addr_port((const struct sockaddr *)target) < 1024) {
		log_warn("refused PORT to a privileged port");
		return 504;
	}
	data_reset(&s->data);
	s->data.port = *target;
	s->data.have_port = 1;
	return 0;
}

/*
 * One poll of fd and the control connection, for at most timeout_ms
 * (-1: none).  With the queue full the control connection is not read,
 * so the wait is cut into SESSION_ABOR_POLL_MS steps that look ahead
 * for an ABOR.  0 when the time ran out, -1 on ABOR, else poll's count.
 */
static int
data_poll_once(struct session *s, struct pollfd p[2], int timeout_ms)
{
	int64_t end = timeout_ms < 0 ? INT64_MAX :
	    session_now_ms() + timeout_ms;
	int64_t left;
	int full, r;

	for (;;) {
		full = session_queue_full(s);
		p[1].events = full ? 0 : POLLIN;
		p[0].revents = p[1].revents = 0;
		left = end == INT64_MAX ? -1 : end - session_now_ms();
		if (end != INT64_MAX && left < 0)
			left = 0;
		if (left > 86400000)
			left = 86400000;
		if (full && (left == -1 || left > SESSION_ABOR_POLL_MS))
			left = SESSION_ABOR_POLL_MS;
		r = poll(p, 2, (int)left);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			fatal("poll");
		if (full && session_abor_waiting(s))
			return -1;
		if (r > 0 || session_now_ms() >= end)
			return r;
	}
}

/* Wait for fd; the control connection is watched too.  See data_wait. */
static int
data_poll(struct session *s, int fd, short ev, int timeout_ms,
    enum xfer_result *res)
{
	struct pollfd p[2];
	int r;

	p[0].fd = fd;
	p[0].events = ev;
	p[1].fd = s->in;
	/* A command already decrypted is not in the socket to be polled. */
	if (s->tls != NULL && !session_queue_full(s) && tls_pending(s->tls) &&
	    session_ctl_event(s)) {
		*res = XFER_ABORT;
		return 0;
	}
	r = data_poll_once(s, p, timeout_ms);
	if (r == -1) {
		*res = XFER_ABORT;
		return 0;
	}
	if (r == 0) {
		*res = XFER_TIMEOUT;
		return 0;
	}
	if ((p[1].revents & (POLLIN | POLLHUP | POLLERR)) &&
	    session_ctl_event(s)) {
		*res = XFER_ABORT;
		return 0;
	}
	return p[0].revents != 0;
}

static int
data_timeout_ms(const struct session *s, unsigned secs)
{
	(void)s;
	return secs == 0 ? -1 : (secs > 86400 ? 86400000 : (int)secs * 1000);
}

/*
 * Behind a balancer the data connection comes from the balancer too, and
 * its PROXY header names the client: that address, not the balancer's,
 * must be the control connection's.  0 with *from replaced, or -1.
 */
static int
data_proxied_from(struct session *s, int fd, struct sockaddr_storage *from)
{
	struct proxy_hdr hdr;

	if (!proxy_cidr_match(s->conf->proxy_from, s->conf->nproxy_from,
	    (struct sockaddr *)from))
		return 0;
	if (pending_read_header(fd, PENDING_MS, &hdr) == -1 || hdr.local) {
		log_warn("data connection from the balancer without a PROXY header");
		return -1;
	}
	*from = hdr.src;
	return 0;
}

/* The data connection, -2 on ABOR/EOF meanwhile, -3 when time ran out. */
static int
data_accept(struct session *s)
{
	struct sockaddr_storage from;
	socklen_t len;
	int64_t end = session_now_ms() + (int64_t)s->conf->accept_timeout * 1000;
	enum xfer_result res = XFER_OK;
	int64_t left;
	int fd;

	/* left is computed once per round: poll(-1) would wait for ever. */
	while ((left = end - session_now_ms()) > 0) {
		if (!data_poll(s, s->data.lfd, POLLIN,
		    left > 86400000 ? 86400000 : (int)left, &res)) {
			if (res == XFER_ABORT || s->bye)
				return -2;
			continue;
		}
		len = sizeof from;
		fd = accept4(s->data.lfd, (struct sockaddr *)&from, &len,
		    SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd == -1)
			continue;
		/* RFC 2577 §8 port stealing: only the client itself. */
		if (data_proxied_from(s, fd, &from) == 0 &&
		    addr_same_host((struct sockaddr *)&from,
		    (struct sockaddr *)&s->peer))
			return fd;
		log_warn("refused data connection from a foreign address");
		close(fd);
	}
	return -3;
}

static int
data_connect(struct session *s)
{
	struct sockaddr_storage src = s->self;
	struct sockaddr *dst = (struct sockaddr *)&s->data.port;
	enum xfer_result res = XFER_OK;
	socklen_t len = sizeof(int);
	int fd, err = 0, r;

	fd = socket(dst->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return -1;
	/* Data comes from the address the client talks to (multi-homed). */
	if (src.ss_family == dst->sa_family) {
		addr_set_port((struct sockaddr *)&src, 0);
		(void)bind(fd, (struct sockaddr *)&src,
		    addr_len((struct sockaddr *)&src));
	}
	r = connect(fd, dst, addr_len(dst));
	if (r == -1 && errno == EINPROGRESS) {
		if (data_poll(s, fd, POLLOUT,
		    data_timeout_ms(s, s->conf->accept_timeout), &res) &&
		    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 &&
		    err == 0)
			r = 0;
		else if (res == XFER_ABORT || s->bye) {
			close(fd);
			return -2;
		}
	}
	if (r == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

void
data_aborted(struct session *s)
{
	/* RFC 959 §4.1.3: the aborted command is answered, then the ABOR. */
	if (s->eof || !s->abort_req)
		return;
	s->abort_req = 0;
	session_reply(s, 426, "Connection closed; transfer aborted.");
	session_reply(s, 226, "ABOR successful.");
}

int
data_open(struct session *s)
{
	int fd;

	/* RFC 4217 §9: a clear data connection the policy forbids. */
	if (s->conf->tls == TLS_REQUIRED && !s->prot_p) {
		data_reset(&s->data);
		session_reply(s, 521, "Data connections must be protected: "
		    "PROT P.");
		return -1;
	}
	if (s->data.lfd != -1)
		fd = s->conf->accept_timeout == 0 ? -1 : data_accept(s);
	else if (s->data.have_port)
		fd = data_connect(s);
	else {
		session_reply(s, 425, "Use PORT or PASV first.");
		return -1;
	}
	data_reset(&s->data);
	if (fd == -2) {
		data_aborted(s);
		return -1;
	}
	if (fd == -3) {
		/* Issue 4: every deadline ends the session with 421. */
		session_reply(s, 421, "Data connection accept timeout.");
		log_info("data accept timeout, closing");
		s->quit = 1;
		s->status = 1;
		return -1;
	}
	if (fd == -1)
		session_reply(s, 425, "Failed to establish connection.");
	return fd;
}

void
data_close(int fd, int flush)
{
	struct linger l = { .l_onoff = 1, .l_linger = DATA_LINGER };

	if (fd == -1)
		return;
	/* 226 only once the bytes are out (RFC 959 §3.2; vsftpd does this). */
	if (flush && xset_nonblock(fd, 0) == 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
	close(fd);
}

/* Keep to conf->max_rate: sleep (watching control) when ahead. */
static enum xfer_result
data_pace(struct session *s, size_t n)
{
	enum xfer_result res = XFER_OK;
	int64_t due, now;

	s->xfer_bytes += n;
	if (s->conf->max_rate == 0)
		return XFER_OK;
	s->rate_bytes += n;
	for (;;) {
		due = s->rate_start +
		    (int64_t)(s->rate_bytes * 1000 / s->conf->max_rate);
		now = session_now_ms();
		if (due <= now)
			return XFER_OK;
		if (!data_poll(s, -1, 0, (int)(due - now), &res) &&
		    res == XFER_ABORT)
			return XFER_ABORT;
	}
}

/* How much to move per call: big unless pacing wants small steps. */
static size_t
data_chunk(const struct session *s, size_t big)
{
	uint64_t r = s->conf->max_rate / 8;

	if (s->conf->max_rate == 0 || r >= big)
		return big;
	return r < 512 ? 512 : (size_t)r;
}

enum xfer_result
data_ctl_check(struct session *s)
{
	struct pollfd p = { .fd = s->in, .events = POLLIN };

	if (session_queue_full(s))
		return session_abor_waiting(s) ? XFER_ABORT : XFER_OK;
	if (((s->tls != NULL && tls_pending(s->tls)) || poll(&p, 1, 0) == 1) &&
	    session_ctl_event(s))
		return XFER_ABORT;
	return XFER_OK;
}

/* Between chunks of a transfer that never blocks, still notice ABOR. */
static enum xfer_result
data_check_ctl(struct session *s, uint64_t *since, size_t n)
{
	if ((*since += n) < DATA_CTL_BYTES)
		return XFER_OK;
	*since = 0;
	return data_ctl_check(s);
}

/*
 * Until dfd can move data.  The stall deadline runs from here, not from
 * the last control event: a client asking STAT every second while it
 * reads no data must not keep the transfer alive.
 */
static enum xfer_result
data_wait(struct session *s, int dfd, short ev)
{
	enum xfer_result res = XFER_OK;
	int64_t end = INT64_MAX, left = -1;

	if (s->conf->data_timeout > 0)
		end = session_now_ms() + (int64_t)s->conf->data_timeout * 1000;
	for (;;) {
		if (end != INT64_MAX && (left = end - session_now_ms()) <= 0)
			return XFER_TIMEOUT;
		if (data_poll(s, dfd, ev, (int)left, &res))
			return XFER_OK;
		if (res != XFER_OK)
			return res;
	}
}

enum xfer_result
data_write(struct session *s, int dfd, const void *p, size_t n)
{
	const char *c = p;
	enum xfer_result res;
	uint64_t since = 0;
	size_t want;
	ssize_t w;

	while (n > 0) {
		want = n < data_chunk(s, DATA_CHUNK) ? n : data_chunk(s, DATA_CHUNK);
		w = s->data_tls != NULL ? tls_write(s->data_tls, c, want) :
		    send(dfd, c, want, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1 && errno == EAGAIN)
			res = data_wait(s, dfd, s->data_tls != NULL ?
			    tls_events(s->data_tls) : POLLOUT);
		else if (w <= 0)
			return XFER_NET;
		else {
			c += w;
			n -= (size_t)w;
			if ((res = data_pace(s, (size_t)w)) == XFER_OK)
				res = data_check_ctl(s, &since, (size_t)w);
		}
		if (res != XFER_OK)
			return res;
	}
	return XFER_OK;
}

/* File reads of a download that are not sendfile's; one session a process. */
static char data_io[DATA_TLS_COPY];

/*
 * Read the file and send what was read: for ASCII (converted), TLS
 * (sendfile cannot encrypt) and a digest (dg: of the bytes read), in
 * large reads for SSL_write.
 */
static enum xfer_result
data_send_copy(struct session *s, int dfd, int fd, off_t off, int ascii,
    struct digest_ctx *dg, uint64_t *sent, int *err)
{
	char *in = data_io;
	size_t want = ascii ? DATA_CHUNK / 2 : sizeof data_io;
	enum xfer_result res = XFER_OK;
	struct buf out;
	int prev_cr = 0;
	ssize_t n;

	buf_init(&out);
	for (;;) {
		n = pread(fd, in, want, off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*err = errno;
			res = XFER_FILE;
		}
		if (n <= 0)
			break;
		off += n;
		if (dg != NULL)
			digest_update(dg, in, (size_t)n);
		if (!ascii) {
			if ((res = data_write(s, dfd, in, (size_t)n)) != XFER_OK)
				break;
			*sent += (uint64_t)n;
			continue;
		}
		buf_reset(&out);
		ascii_to_net(&out, in, (size_t)n, &prev_cr);
		if ((res = data_write(s, dfd, out.data, out.len)) != XFER_OK)
			break;
		*sent += out.len;
	}
	buf_free(&out);
	return res;
}

/*
 * sendfile from *off to end (-1: to EOF), without blocking: each call
 * moves what the socket takes.  Stops early at EOF.  *since counts bytes
 * since control was last looked at.
 */
static enum xfer_result
data_sendfile(struct session *s, int dfd, int fd, off_t *off, off_t end,
    uint64_t *since, uint64_t *sent, int *err)
{
	enum xfer_result res = XFER_OK;
	size_t want;
	ssize_t w;

	for (;;) {
		want = data_chunk(s, DATA_SENDFILE);
		if (end >= 0 && end - *off < (off_t)want)
			want = (size_t)(end - *off);
		if (want == 0)
			return XFER_OK;
		w = sendfile(dfd, fd, off, want);
		if (w == -1 && errno == EINTR)
			continue;
		if (w == 0)
			return XFER_OK;
		if (w == -1 && errno == EAGAIN)
			res = data_wait(s, dfd, POLLOUT);
		else if (w == -1 && (errno == EPIPE || errno == ECONNRESET ||
		    errno == ENOTCONN))
			return XFER_NET;
		else if (w == -1) {
			*err = errno;
			return XFER_FILE;
		} else {
			*sent += (uint64_t)w;
			if ((res = data_pace(s, (size_t)w)) == XFER_OK)
				res = data_check_ctl(s, since, (size_t)w);
		}
		if (res != XFER_OK)
			return res;
	}
}

/*
 * Binary, plain, digested: each piece is read into a buffer small enough
 * to stay in cache for the digest, then sent from the page cache with
 * sendfile, not from the buffer: one copy instead of two.  A file that
 * shrinks meanwhile sends less than was digested; the caller sees it by
 * the count.
 */
static enum xfer_result
data_send_digest(struct session *s, int dfd, int fd, off_t off,
    struct digest_ctx *dg, uint64_t *sent, int *err)
{
	enum xfer_result res = XFER_OK;
	uint64_t since = 0;
	off_t at = off;
	ssize_t n;

	while (res == XFER_OK && at == off) {
		n = pread(fd, data_io, sizeof data_io, off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*err = errno;
			return XFER_FILE;
		}
		if (n == 0)
			break;
		digest_update(dg, data_io, (size_t)n);
		off += n;
		res = data_sendfile(s, dfd, fd, &at, off, &since, sent, err);
	}
	return res;
}

enum xfer_result
data_send_file(struct session *s, int dfd, int fd, off_t off, int ascii,
    struct digest_ctx *dg, uint64_t *sent, int *err)
{
	uint64_t since;

	*sent = 0;
	*err = 0;
	s->rate_start = session_now_ms();
	s->rate_bytes = 0;
	if (ascii || s->data_tls != NULL)
		return data_send_copy(s, dfd, fd, off, ascii, dg, sent, err);
	if (dg != NULL)
		return data_send_digest(s, dfd, fd, off, dg, sent, err);
	since = 0;
	return data_sendfile(s, dfd, fd, &off, -1, &since, sent, err);
}

/*
 * A killed client closes its data connection normally: the stream looks
 * complete.  Its control connection closed at the same moment (the
 * kernel closes the lower fd first), so an EOF there means "broken".
 */
static int
data_ctl_gone(struct session *s)
{
	struct pollfd p = { .fd = s->in, .events = POLLIN | POLLRDHUP };
	ssize_t r;
	char c;

	/* After QUIT the client may close its side: the stream still counts. */
	if (s->bye)
		return 0;
	/*
	 * Since Linux 5.18 a dying process's sockets are not released in
	 * fd order, so the control FIN may trail the data FIN a little: wait
	 * for it briefly.  A live client sends nothing while it waits for
	 * the 226, so this costs it DATA_GONE_MS at most.
	 */
	if (poll(&p, 1, DATA_GONE_MS) != 1)
		return 0;
	r = recv(s->in, &c, 1, MSG_PEEK | MSG_DONTWAIT);
	if (r == 0 || (r == -1 && errno != EAGAIN && errno != EINTR)) {
		s->eof = 1;
		s->quit = 1;
		return 1;
	}
	return 0;
}

static enum xfer_result
data_store(int fd, const char *p, size_t n, int ascii, int *pend_cr,
    struct buf *conv, struct digest_ctx *dg, int *err)
{
	if (ascii) {
		buf_reset(conv);
		ascii_from_net(conv, p, n, pend_cr);
		p = conv->data;
		n = conv->len;
	}
	if (n > 0 && xwrite_full(fd, p, n) == -1) {
		*err = errno;
		return XFER_FILE;
	}
	if (dg != NULL && n > 0)
		digest_update(dg, p, n);
	return XFER_OK;
}

enum xfer_result
data_recv_file(struct session *s, int dfd, int fd, int ascii,
    struct digest_ctx *dg, uint64_t *got, int *err)
{
	static char in[DATA_RECV];	/* one session per process */
	enum xfer_result res = XFER_OK;
	struct buf conv;
	uint64_t since = 0;
	int pend_cr = 0;
	ssize_t n;

	*got = 0;
	*err = 0;
	s->rate_start = session_now_ms();
	s->rate_bytes = 0;
	buf_init(&conv);
	while (res == XFER_OK) {
		/* Under TLS, 0 is the close_notify; a bare EOF is an error. */
		n = s->data_tls != NULL ?
		    tls_read(s->data_tls, in, data_chunk(s, sizeof in)) :
		    recv(dfd, in, data_chunk(s, sizeof in), MSG_DONTWAIT);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN)
			res = data_wait(s, dfd, s->data_tls != NULL ?
			    tls_events(s->data_tls) : POLLIN);
		else if (n == -1) {
			if (s->data_tls != NULL)
				log_info("upload: %s", tls_error(s->data_tls));
			res = XFER_NET;
		} else if (n == 0) {
			buf_reset(&conv);
			ascii_from_net_end(&conv, &pend_cr);
			if (conv.len > 0)
				res = data_store(fd, conv.data, conv.len, 0,
				    &pend_cr, &conv, dg, err);
			if (res == XFER_OK && data_ctl_gone(s))
				res = XFER_ABORT;
			break;
		} else {
			*got += (uint64_t)n;
			res = data_store(fd, in, (size_t)n, ascii, &pend_cr,
			    &conv, dg, err);
			if (res == XFER_OK)
				res = data_pace(s, (size_t)n);
			if (res == XFER_OK)
				res = data_check_ctl(s, &since, (size_t)n);
		}
	}
	buf_free(&conv);
	return res;
}

/* Errors no retry can fix are 5xx: a client retries a 4xx forever. */
static int
data_err_permanent(int err)
{
	switch (err) {
	case ENAMETOOLONG: case ENOENT: case ENOTDIR: case EACCES:
	case EEXIST: case ELOOP: case EXDEV: case EISDIR: case EPERM:
	case EROFS: case EINVAL:
		return 1;
	}
	return 0;
}

/*
 * The TLS of the data connection ends first: a close_notify after a
 * whole transfer (before the 226: the client knows the data is whole),
 * nothing after a failure.  Blocking, bounded like the linger.
 */
static void
data_tls_close(struct session *s, int dfd, int ok)
{
	struct timeval tv = { .tv_sec = DATA_LINGER };

	if (s->data_tls == NULL)
		return;
	if (ok && xset_nonblock(dfd, 0) == 0)
		(void)setsockopt(dfd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	tls_free(s->data_tls, ok);
	s->data_tls = NULL;
}

int
data_start(struct session *s, int dfd)
{
	int64_t end = session_now_ms() + (int64_t)s->conf->accept_timeout * 1000;
	enum xfer_result res = XFER_OK;
	int64_t left;
	int r;

	if (!s->prot_p)
		return 0;
	s->data_tls = tls_new(dfd, 1);
	while ((r = tls_handshake(s->data_tls)) == 0 &&
	    (left = end - session_now_ms()) > 0)
		if (!data_poll(s, dfd, tls_events(s->data_tls),
		    left > 86400000 ? 86400000 : (int)left, &res) &&
		    res == XFER_ABORT)
			break;
	if (r == 1 && (!s->conf->tls_reuse_check || tls_reused(s->data_tls)))
		return 0;
	if (r == 1) {
		log_warn("refused a data connection that did not resume the "
		    "control connection's TLS session");
		session_reply(s, 522, "Data connection must resume the TLS "
		    "session of the control connection.");
	} else if (res == XFER_ABORT) {
		data_aborted(s);
	} else {
		log_info("data connection TLS handshake failed: %s", r == 0 ?
		    "timeout" : tls_error(s->data_tls));
		session_reply(s, 425, "TLS handshake on the data connection "
		    "failed.");
	}
	data_tls_close(s, dfd, 0);
	data_close(dfd, 0);
	return -1;
}

void
data_finish(struct session *s, int dfd, enum xfer_result res, int err,
    const char *ok_text)
{
	data_tls_close(s, dfd, res == XFER_OK);
	data_close(dfd, res == XFER_OK);
	switch (res) {
	case XFER_OK:
		session_reply(s, 226, "%s", ok_text);
		break;
	case XFER_ABORT:
		data_aborted(s);
		break;
	case XFER_NET:
		session_reply(s, 426, "Connection closed; transfer aborted.");
		break;
	case XFER_FILE:
		if (err == ENOSPC || err == EDQUOT || err == EFBIG)
			session_fail(s, 552, "Insufficient storage space", err);
		else if (data_err_permanent(err))
			session_fail(s, 553, "Could not create file", err);
		else
			session_fail(s, 451, "Local file error", err);
		break;
	case XFER_TIMEOUT:
		session_reply(s, 421, "Data connection timeout.");
		log_info("data timeout, closing");
		s->quit = 1;
		s->status = 1;
		break;
	}
}
