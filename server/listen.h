/*
 * listen: the parent's listening sockets.
 */
#ifndef LISTEN_H
#define LISTEN_H

#include <sys/socket.h>
#include <stddef.h>

struct server_conf;

/*
 * Bind and listen on every conf->listen address (non-blocking,
 * close-on-exec), writing back the port the kernel chose for port 0.
 * Fills fds[0..conf->nlisten-1].  Fatal on failure.
 */
void	listen_open(struct server_conf *, int *fds);
/* "ftp://127.0.0.1:2121/", "ftp://[::1]:2121/", "ftps://..." for address i. */
void	listen_url(const struct server_conf *, size_t i, char *out, size_t len);
/*
 * Did a connection whose local address is self come through an ftps://
 * listener?  (Asked in the session child, so the parent's accept paths,
 * PROXY headers included, need not carry it.)
 */
int	listen_is_tls(const struct server_conf *, const struct sockaddr_storage *self);
/* Is one of the listeners ftps:// (implicit TLS)? */
int	listen_any_tls(const struct server_conf *);
/* Is every listening address a loopback address? */
int	listen_all_loopback(const struct server_conf *);

#endif
