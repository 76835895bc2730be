/*
 * ftp-data: data connections of the client engine.
 *
 * Passive: EPSV first, PASV when EPSV is refused (RFC 2428 §3), and the
 * connection always goes to the control connection's peer address with
 * the port from the reply: a 227 address may be a NATed private one, and
 * trusting it lets a server point us at a third host (the PASV-redirect
 * bounce).  We connect at once, before the transfer command, because
 * vsftpd, ProFTPD and Pure-FTPd accept first and only then send 150.
 *
 * Active: listen on the control connection's local address and announce
 * it with EPRT (PORT for IPv4 when EPRT is refused); accept after the
 * 1xx, and only from the control peer's host.
 *
 * On a PROT P session the TLS handshake follows the 1xx too (servers
 * start theirs after sending it), resuming the control connection's
 * session.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "ftp-int.h"
#include "xio.h"

void
data_close(struct data_conn *dc)
{
	tls_free(dc->tls);
	dc->tls = NULL;
	if (dc->fd != -1)
		xclose(dc->fd);
	dc->fd = -1;
	dc->listening = 0;
}

void
data_finish(struct ftp *f, struct data_conn *dc)
{
	if (dc->tls != NULL && dc->fd != -1)
		tls_finish(dc->tls, dc->fd, f->timeout * 1000);
	dc->tls = NULL;
	data_close(dc);
}

int
data_shutdown(struct data_conn *dc)
{
	if (dc->tls != NULL)
		tls_close_notify(dc->tls);
	return shutdown(dc->fd, SHUT_WR);
}

static int
data_connect_port(struct ftp *f, struct data_conn *dc, uint16_t port)
{
	struct sockaddr_storage	 sa = f->peer;
	char			 host[INET6_ADDRSTRLEN];

	addr_set_port((struct sockaddr *)&sa, port);
	dc->fd = ftp_connect_addr((struct sockaddr *)&sa, f->timeout * 1000);
	if (dc->fd == -1) {
		addr_ntop((struct sockaddr *)&sa, host, sizeof(host));
		return ftp_fail(f, "data connection to %s port %u: %s", host,
		    port, strerror(errno));
	}
	return 0;
}

static int
data_epsv(struct ftp *f, struct data_conn *dc)
{
	uint16_t	 port;
	int		 code;

	code = ctl_cmd(f, "EPSV", NULL);
	if (code < 0)
		return code;
	if (code == 229 &&
	    addr_parse_epsv_reply(buf_cstr(&f->rp.text), &port) == 0) {
		if (data_connect_port(f, dc, port) == 0)
			return 0;
		ftp_logf(f, FTP_LOG_INFO, "%s; trying PASV", f->err);
	}
	if (code / 100 == 4 && code != 229)
		return -1;
	f->no_epsv = 1;
	return 1;
}

static int
data_pasv(struct ftp *f, struct data_conn *dc)
{
	struct sockaddr_in	 sin;
	int			 code;

	if (f->peer.ss_family != AF_INET)
		return ftp_fail(f, "%s (and PASV cannot reach an IPv6 server)",
		    f->err);
	code = ctl_cmd(f, "PASV", NULL);
	if (code < 0)
		return code;
	if (code != 227)
		return -1;
	if (addr_parse_pasv_reply(buf_cstr(&f->rp.text), &sin) == -1)
		return ftp_fail(f, "cannot parse the PASV reply: %s", f->err);
	return data_connect_port(f, dc, ntohs(sin.sin_port));
}

static int
data_listen(struct ftp *f, struct data_conn *dc)
{
	struct sockaddr_storage	 sa = f->self;
	socklen_t		 len;

	addr_set_port((struct sockaddr *)&sa, 0);
	dc->fd = socket(sa.ss_family, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	if (dc->fd == -1)
		return ftp_fail(f, "socket: %s", strerror(errno));
	len = addr_len((struct sockaddr *)&sa);
	if (bind(dc->fd, (struct sockaddr *)&sa, len) == -1 ||
	    listen(dc->fd, 1) == -1) {
		ftp_fail(f, "listen for data: %s", strerror(errno));
		data_close(dc);
		return -1;
	}
	dc->listening = 1;
	len = sizeof(f->self);
	getsockname(dc->fd, (struct sockaddr *)&sa, &len);
	memcpy(&f->self, &sa, sizeof(sa));
	return 0;
}

static int
data_active(struct ftp *f, struct data_conn *dc)
{
	char	 arg[128];
	int	 code = 500;

	if (data_listen(f, dc) == -1)
		return -1;
	if (!f->no_eprt) {
		if (addr_format_eprt(arg, sizeof(arg),
		    (struct sockaddr *)&f->self) == -1)
			bug("addr_format_eprt");
		code = ctl_cmd(f, "EPRT", arg);
		if (code / 100 == 5)
			f->no_eprt = 1;
	}
	if (code / 100 == 5 && f->self.ss_family == AF_INET) {
		if (addr_format_tuple(arg, sizeof(arg),
		    (struct sockaddr_in *)&f->self) == -1)
			bug("addr_format_tuple");
		code = ctl_cmd(f, "PORT", arg);
	}
	if (code / 100 != 2) {
		data_close(dc);
		return code == FTP_LOST ? FTP_LOST : -1;
	}
	return 0;
}

int
data_open(struct ftp *f, struct data_conn *dc)
{
	int	 rc;

	dc->fd = -1;
	dc->listening = 0;
	dc->tls = NULL;
	if (f->active)
		return data_active(f, dc);
	if (!f->no_epsv) {
		rc = data_epsv(f, dc);
		if (rc <= 0)
			return rc;
	}
	return data_pasv(f, dc);
}

static int
data_tls(struct ftp *f, struct data_conn *dc)
{
	char	 err[FTP_ERR_MAX];

	if (f->tls == NULL)
		return 0;
	dc->tls = tls_connect_data(f->tls, dc->fd, f->timeout * 1000, err,
	    sizeof(err));
	if (dc->tls == NULL)
		return ftp_fail(f, "%s", err);
	ftp_logf(f, FTP_LOG_INFO, "data connection: %s, session %s",
	    tls_version(dc->tls), tls_resumed(dc->tls) ? "resumed" :
	    "NOT resumed");
	return 0;
}

int
data_ready(struct ftp *f, struct data_conn *dc)
{
	struct sockaddr_storage	 sa;
	socklen_t		 len = sizeof(sa);
	int			 fd, w;

	if (!dc->listening)
		return data_tls(f, dc);
	w = wait_fd(dc->fd, POLLIN, f->timeout * 1000);
	if (w != 1)
		return ftp_fail(f, "the server did not connect for data");
	fd = accept4(dc->fd, (struct sockaddr *)&sa, &len, SOCK_CLOEXEC);
	if (fd == -1)
		return ftp_fail(f, "accept: %s", strerror(errno));
	data_close(dc);
	dc->fd = fd;
	if (!addr_same_host((struct sockaddr *)&sa,
	    (struct sockaddr *)&f->peer)) {
		data_close(dc);
		return ftp_fail(f, "data connection from a foreign host");
	}
	return data_tls(f, dc);
}
