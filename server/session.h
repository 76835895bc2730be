/*
 * session: one child's life with one client: greet, read commands,
 * dispatch through the command table, time out, leave.
 */
#ifndef SESSION_H
#define SESSION_H

#include <sys/socket.h>

struct server_conf;

/*
 * Serve the client on ctl until it leaves; never returns.  peer and self
 * are the control connection's addresses.  Privileges are already dropped
 * and conf->root_fd is the root the session is confined to.
 * Exit status: 0 normal, 1 error/timeout.
 */
__attribute__((noreturn))
void	session_run(int ctl, const struct sockaddr_storage *peer,
	    const struct sockaddr_storage *self, const struct server_conf *);

#endif
