/*
 * listen: the parent's listening sockets.
 */
#ifndef LISTEN_H
#define LISTEN_H

#include <stddef.h>

struct server_conf;

/*
 * Bind and listen on every conf->listen address (non-blocking,
 * close-on-exec), writing back the port the kernel chose for port 0.
 * Fills fds[0..conf->nlisten-1].  Fatal on failure.
 */
void	listen_open(struct server_conf *, int *fds);
/* "ftp://127.0.0.1:2121/" or "ftp://[::1]:2121/" for address i. */
void	listen_url(const struct server_conf *, size_t i, char *out, size_t len);
/* Is every listening address a loopback address? */
int	listen_all_loopback(const struct server_conf *);

#endif
