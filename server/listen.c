/*
 * listen: bind the listening sockets.
 */
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "conf.h"
#include "listen.h"
#include "xio.h"

#define LISTEN_BACKLOG	128

static int
listen_one(struct sockaddr_storage *ss, const char *what)
{
	socklen_t len = addr_len((struct sockaddr *)ss);
	int fd, on = 1;

	fd = socket(ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1)
		fatal("socket for %s", what);
	/* A restart must not wait for TIME_WAIT sessions of the old one. */
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) == -1)
		fatal("SO_REUSEADDR");
	/* [::]:21 means IPv6 only; IPv4 gets its own -l. */
	if (ss->ss_family == AF_INET6 &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on)) == -1)
		fatal("IPV6_V6ONLY");
	if (bind(fd, (struct sockaddr *)ss, len) == -1)
		fatal("bind %s", what);
	if (listen(fd, LISTEN_BACKLOG) == -1)
		fatal("listen %s", what);
	if (getsockname(fd, (struct sockaddr *)ss, &len) == -1)
		fatal("getsockname %s", what);
	return fd;
}

/* 0.0.0.0 or [::]. */
static int
listen_is_any(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ((const struct sockaddr_in *)sa)->sin_addr.s_addr ==
		    htonl(INADDR_ANY);
	return sa->sa_family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(
	    &((const struct sockaddr_in6 *)sa)->sin6_addr);
}

void
listen_open(struct server_conf *conf, int *fds)
{
	char url[128];
	size_t i;

	for (i = 0; i < conf->nlisten; i++) {
		listen_url(conf, i, url, sizeof(url));
		fds[i] = listen_one(&conf->listen[i], url);
	}
}

void
listen_url(const struct server_conf *conf, size_t i, char *out, size_t len)
{
	const struct sockaddr *sa = (const struct sockaddr *)&conf->listen[i];
	char host[INET6_ADDRSTRLEN];

	if (inet_ntop(sa->sa_family, sa->sa_family == AF_INET6 ?
	    (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr :
	    (const void *)&((const struct sockaddr_in *)sa)->sin_addr,
	    host, sizeof(host)) == NULL)
		bug("inet_ntop");
	xsnprintf(out, len, sa->sa_family == AF_INET6 ? "%s://[%s]:%u/" :
	    "%s://%s:%u/", conf->listen_tls[i] ? "ftps" : "ftp", host,
	    (unsigned)addr_port(sa));
}

int
listen_all_loopback(const struct server_conf *conf)
{
	size_t i;

	for (i = 0; i < conf->nlisten; i++) {
		const struct sockaddr *sa = (const struct sockaddr *)&conf->listen[i];

		if (sa->sa_family == AF_INET) {
			const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;

			if ((ntohl(sin->sin_addr.s_addr) >> 24) != 127)
				return 0;
		} else if (!IN6_IS_ADDR_LOOPBACK(
		    &((const struct sockaddr_in6 *)sa)->sin6_addr))
			return 0;
	}
	return 1;
}

int
listen_any_tls(const struct server_conf *conf)
{
	size_t i;

	for (i = 0; i < conf->nlisten; i++)
		if (conf->listen_tls[i])
			return 1;
	return 0;
}

int
listen_is_tls(const struct server_conf *conf, const struct sockaddr_storage *self)
{
	const struct sockaddr *a = (const struct sockaddr *)self;
	const struct sockaddr *l;
	size_t i;

	for (i = 0; i < conf->nlisten; i++) {
		l = (const struct sockaddr *)&conf->listen[i];
		if (!conf->listen_tls[i] || addr_port(l) != addr_port(a))
			continue;
		/* The same address, or a wildcard listener of the family. */
		if (addr_same_host(l, a) || listen_is_any(l))
			return 1;
	}
	return 0;
}
