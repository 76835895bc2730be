/*
 * xio: syscall and allocation wrappers.  Reads and writes retry on EINTR
 * and loop over short transfers; allocation failure is fatal.
 * Three ways to fail: fatal() (with errno), fatalx() (without), bug()
 * (a broken invariant).  A program may install a hook that runs first,
 * e.g. a server child sending "421" to its client.
 */
#ifndef XIO_H
#define XIO_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

void	 xio_set_fatal_hook(void (*)(const char *msg));
void	 xio_set_progname(const char *);

__attribute__((noreturn, format(printf, 1, 2)))
void	 fatal(const char *, ...);
__attribute__((noreturn, format(printf, 1, 2)))
void	 fatalx(const char *, ...);
__attribute__((noreturn, format(printf, 3, 4)))
void	 bug_at(const char *file, int line, const char *, ...);
#define bug(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
__attribute__((format(printf, 1, 2)))
char	*xasprintf(const char *, ...);
/* snprintf that treats truncation as a bug. */
__attribute__((format(printf, 3, 4)))
void	 xsnprintf(char *, size_t, const char *, ...);

/* read(2) retried on EINTR.  Same return convention as read. */
ssize_t	 xread(int, void *, size_t);
/* Read until n bytes or EOF; returns bytes read (short only at EOF) or -1. */
ssize_t	 xread_full(int, void *, size_t);
/* Write all n bytes; 0 on success, -1 with errno on error. */
int	 xwrite_full(int, const void *, size_t);
/*
 * Write all n bytes before end (CLOCK_MONOTONIC milliseconds, INT64_MAX
 * for no limit).  A socket is written without blocking and polled for
 * room, so a peer that stops reading holds the caller until end only.
 * 0, or -1 with errno (ETIMEDOUT when end passed).  No SIGPIPE.
 */
int	 xwrite_until(int, const void *, size_t, int64_t end);
/* CLOCK_MONOTONIC in milliseconds. */
int64_t	 xnow_ms(void);
/* close(2) that never retries (Linux closes the fd even on EINTR). */
void	 xclose(int);
/* Set or clear O_NONBLOCK / FD_CLOEXEC; -1 on error. */
int	 xset_nonblock(int, int on);
int	 xset_cloexec(int, int on);

#endif
