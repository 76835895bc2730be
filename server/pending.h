/*
 * pending: connections from a --proxy-from balancer whose PROXY header
 * has not arrived yet.  The listening parent never blocks on a client:
 * it keeps these sockets in a small table, polls them in its ppoll loop
 * next to the listeners, reads each header without reading a byte past
 * it, and hands the connection on with the client's real address.  A
 * balancer opening many connections at once fills the table, not the
 * accept loop.  Session children use pending_read_header for the
 * header of a passive data connection.
 */
#ifndef PENDING_H
#define PENDING_H

#include <sys/socket.h>
#include <poll.h>
#include <stddef.h>

struct proxy_hdr;

#define PENDING_MAX	256	/* headers awaited at once; more are refused */
#define PENDING_MS	5000	/* time a header may take to arrive */

/*
 * A header arrived on fd: peer is the client it names, via the balancer
 * (the socket's own peer).  The callee owns fd.
 */
typedef void (*pending_done_fn)(int fd, const struct sockaddr_storage *peer,
	    const struct sockaddr_storage *via);

/*
 * Await the header of fd (non-blocking), accepted from the balancer via.
 * Takes fd: when the table is full it is closed at once.  0, or -1 full.
 */
int	pending_add(int fd, const struct sockaddr_storage *via);
/* The table's sockets for ppoll, at most max of them; returns how many. */
size_t	pending_pollfds(struct pollfd *, size_t max);
/*
 * After ppoll: pfd[0..n) are what pending_pollfds gave.  Reads what
 * arrived, calls done for each complete header, answers a LOCAL header
 * (health check) with 220 and closes it, and closes a malformed,
 * truncated or late one without a word.
 */
void	pending_events(const struct pollfd *pfd, size_t n, pending_done_fn done);
/* Milliseconds until the next header is late, -1 when none is awaited. */
int	pending_timeout_ms(void);
/* Close every awaited connection (a child after fork, a draining server). */
void	pending_close_all(void);

/*
 * Read the header at the start of fd within timeout_ms, consuming the
 * header and nothing after it.  1 and *hdr on success; -1 when it is
 * missing, malformed, truncated or late.
 */
int	pending_read_header(int fd, int timeout_ms, struct proxy_hdr *hdr);

#endif
