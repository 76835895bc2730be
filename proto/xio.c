/*
 * xio: syscall and allocation wrappers, and the three ways to fail.
 * The only process-wide state of proto/ lives here: the program name and
 * the fatal hook.
 */
#include <sys/socket.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xio.h"

static void	(*xio_hook)(const char *);
static const char *xio_progname;
static volatile int xio_dying;	/* the hook itself may fail: no recursion */

void
xio_set_fatal_hook(void (*hook)(const char *))
{
	xio_hook = hook;
}

void
xio_set_progname(const char *name)
{
	xio_progname = name;
}

static const char *
progname(void)
{
	if (xio_progname != NULL)
		return xio_progname;
	return getprogname();
}

/* Run the hook once, print "progname: msg[: strerror]" and exit 1. */
__attribute__((noreturn))
static void
xio_die(int errnum, const char *msg)
{
	char full[1200];

	if (errnum != 0)
		snprintf(full, sizeof(full), "%s: %s", msg, strerror(errnum));
	else
		snprintf(full, sizeof(full), "%s", msg);
	if (!xio_dying) {
		xio_dying = 1;
		if (xio_hook != NULL)
			xio_hook(full);
	}
	fprintf(stderr, "%s: %s\n", progname(), full);
	exit(1);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	int errnum = errno;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	xio_die(errnum, msg);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	xio_die(0, msg);
}

void
bug_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: bug at %s:%d: %s\n", progname(), file, line, msg);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p;

	if (n == 0)
		n = 1;
	if ((p = malloc(n)) == NULL)
		fatal("malloc %zu", n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((p = calloc(nmemb, size)) == NULL)
		fatal("calloc %zu * %zu", nmemb, size);
	return p;
}

void *
xreallocarray(void *old, size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((p = reallocarray(old, nmemb, size)) == NULL)
		fatal("reallocarray %zu * %zu", nmemb, size);
	return p;
}

char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		fatal("strdup");
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	if ((p = strndup(s, n)) == NULL)
		fatal("strndup");
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("vasprintf");
	return p;
}

void
xsnprintf(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size)
		bug("xsnprintf: %d bytes do not fit in %zu", n, size);
}

ssize_t
xread(int fd, void *p, size_t n)
{
	ssize_t r;

	do
		r = read(fd, p, n);
	while (r == -1 && errno == EINTR);
	return r;
}

ssize_t
xread_full(int fd, void *p, size_t n)
{
	char *c = p;
	size_t done = 0;
	ssize_t r;

	while (done < n) {
		r = xread(fd, c + done, n - done);
		if (r == -1)
			return -1;
		if (r == 0)
			break;
		done += (size_t)r;
	}
	return (ssize_t)done;
}

int
xwrite_full(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t r;

	while (n > 0) {
		r = write(fd, c, n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

int64_t
xnow_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One write that never blocks on a socket; other files are written as is. */
static ssize_t
xwrite_some(int fd, const void *p, size_t n)
{
	ssize_t r;

	r = send(fd, p, n, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (r == -1 && errno == ENOTSOCK)
		r = write(fd, p, n);
	return r;
}

/* Wait until fd takes bytes or end passes: 0, or -1 (ETIMEDOUT). */
static int
xwait_writable(int fd, int64_t end)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	int64_t left;
	int r;

	for (;;) {
		left = end == INT64_MAX ? -1 : end - xnow_ms();
		if (end != INT64_MAX && left <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		r = poll(&pfd, 1, left > 86400000 || left < 0 ? 86400000 :
		    (int)left);
		if (r == -1 && errno != EINTR)
			return -1;
		if (r == 1)
			return 0;
	}
}

int
xwrite_until(int fd, const void *p, size_t n, int64_t end)
{
	const char *c = p;
	ssize_t r;

	while (n > 0) {
		r = xwrite_some(fd, c, n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1 && errno == EAGAIN) {
			if (xwait_writable(fd, end) == -1)
				return -1;
			continue;
		}
		if (r == -1)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

void
xclose(int fd)
{
	int saved = errno;

	(void)close(fd);
	errno = saved;
}

static int
xio_setfl(int fd, int getcmd, int setcmd, int flag, int on)
{
	int fl;

	if ((fl = fcntl(fd, getcmd)) == -1)
		return -1;
	fl = on ? (fl | flag) : (fl & ~flag);
	return fcntl(fd, setcmd, fl);
}

int
xset_nonblock(int fd, int on)
{
	return xio_setfl(fd, F_GETFL, F_SETFL, O_NONBLOCK, on) == -1 ? -1 : 0;
}

int
xset_cloexec(int fd, int on)
{
	return xio_setfl(fd, F_GETFD, F_SETFD, FD_CLOEXEC, on) == -1 ? -1 : 0;
}
