/*
 * pending: the PROXY headers the listening parent is waiting for (see
 * pending.h).  Every read peeks first and then consumes exactly the
 * header's bytes, so whatever the client sent after it (a command, the
 * start of an upload) stays in the socket for the session.
 */
#include <sys/socket.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "proxy.h"
#include "xio.h"

#include "log.h"
#include "pending.h"

/* What a health check (v2 LOCAL, v1 UNKNOWN) gets: the greeting alone. */
static const char pending_greeting[] = "220 forkftpd ready.\r\n";

struct pending {
	int		 fd;		/* -1: free slot */
	int64_t		 deadline;	/* monotonic ms */
	size_t		 have;		/* header bytes consumed so far */
	uint8_t		*buf;		/* PROXY_MAX bytes */
	struct sockaddr_storage via;
};

static struct pending	pending[PENDING_MAX];
static size_t		npending;

static int64_t
pending_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * One read: 1 complete, 0 more to come, -1 malformed, closed or failed.
 * A parse result of 0 means every peeked byte is the header's (proxy.h),
 * so they are consumed and the next peek starts after them.
 */
static int
pending_step(int fd, uint8_t *buf, size_t *have, struct proxy_hdr *hdr)
{
	ssize_t n, take;
	int r;

	n = recv(fd, buf + *have, PROXY_MAX - *have, MSG_PEEK | MSG_DONTWAIT);
	if (n == -1)
		return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ?
		    0 : -1;
	if (n == 0)
		return -1;
	if ((r = proxy_parse(buf, *have + (size_t)n, hdr)) == -1)
		return -1;
	take = r > 0 ? (ssize_t)((size_t)r - *have) : n;
	if (recv(fd, buf + *have, (size_t)take, MSG_DONTWAIT) != take)
		return -1;
	*have += (size_t)take;
	return r > 0;
}

int
pending_read_header(int fd, int timeout_ms, struct proxy_hdr *hdr)
{
	uint8_t buf[PROXY_MAX];
	int64_t end = pending_now() + timeout_ms, left;
	struct pollfd p;
	size_t have = 0;
	int r;

	while ((left = end - pending_now()) > 0) {
		p.fd = fd;
		p.events = POLLIN;
		p.revents = 0;
		r = poll(&p, 1, (int)left);
		if (r == -1 && errno != EINTR)
			return -1;
		if (r <= 0)
			continue;
		if ((r = pending_step(fd, buf, &have, hdr)) != 0)
			return r;
	}
	return -1;
}

int
pending_add(int fd, const struct sockaddr_storage *via)
{
	struct pending *p;

	if (npending == PENDING_MAX) {
		xclose(fd);
		return -1;
	}
	p = &pending[npending++];
	p->fd = fd;
	p->deadline = pending_now() + PENDING_MS;
	p->have = 0;
	p->buf = xmalloc(PROXY_MAX);
	p->via = *via;
	return 0;
}

size_t
pending_pollfds(struct pollfd *pfd, size_t max)
{
	size_t i;

	for (i = 0; i < npending && i < max; i++) {
		pfd[i].fd = pending[i].fd;
		pfd[i].events = POLLIN;
		pfd[i].revents = 0;
	}
	return i;
}

static void
pending_drop(struct pending *p, const char *why)
{
	char host[64];

	if (why != NULL) {
		if (addr_ntop((const struct sockaddr *)&p->via, host,
		    sizeof(host)) == -1)
			strlcpy(host, "?", sizeof(host));
		log_warn("closed a connection from balancer %s: %s", host, why);
	}
	if (p->fd != -1)
		xclose(p->fd);
	p->fd = -1;
	free(p->buf);
	p->buf = NULL;
}

/* Slots emptied during a pass are filled from the end, in one sweep. */
static void
pending_compact(void)
{
	size_t i = 0;

	while (i < npending) {
		if (pending[i].fd == -1 && pending[i].buf == NULL)
			pending[i] = pending[--npending];
		else
			i++;
	}
}

/* The header of p is complete: hand the connection on, or greet a check. */
static void
pending_finish(struct pending *p, const struct proxy_hdr *hdr,
    pending_done_fn done)
{
	int fd = p->fd;

	if (hdr->local) {
		/* Non-blocking: a checker that does not read loses the text. */
		(void)!write(fd, pending_greeting, sizeof(pending_greeting) - 1);
		pending_drop(p, NULL);
		return;
	}
	p->fd = -1;	/* done owns it now */
	done(fd, &hdr->src, &p->via);
	pending_drop(p, NULL);
}

void
pending_events(const struct pollfd *pfd, size_t n, pending_done_fn done)
{
	struct proxy_hdr hdr;
	int64_t now = pending_now();
	size_t i;
	int r;

	for (i = 0; i < n && i < npending; i++) {
		struct pending *p = &pending[i];

		if (p->fd != pfd[i].fd)
			bug("pending table changed under ppoll");
		if (pfd[i].revents != 0) {
			r = pending_step(p->fd, p->buf, &p->have, &hdr);
			if (r == 1) {
				pending_finish(p, &hdr, done);
				continue;
			}
			if (r == -1) {
				pending_drop(p, p->have == 0 && pfd[i].revents &
				    POLLHUP ? "closed before a PROXY header" :
				    "no valid PROXY header");
				continue;
			}
		}
		if (now >= p->deadline)
			pending_drop(p, "PROXY header timeout");
	}
	pending_compact();
}

int
pending_timeout_ms(void)
{
	int64_t first = INT64_MAX, left;
	size_t i;

	for (i = 0; i < npending; i++)
		if (pending[i].deadline < first)
			first = pending[i].deadline;
	if (first == INT64_MAX)
		return -1;
	left = first - pending_now();
	return left < 0 ? 0 : (int)left;
}

void
pending_close_all(void)
{
	size_t i;

	/* Every session child calls this: a store would dirty a page. */
	if (npending == 0)
		return;
	for (i = 0; i < npending; i++)
		pending_drop(&pending[i], NULL);
	npending = 0;
}
