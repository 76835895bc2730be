/*
 * audit: what an administrator should hear about at start and on SIGHUP,
 * before a client finds it: a user whose home is missing or unusable, a
 * user with write permission whose home the session account cannot
 * write, a users file that others may read (it holds password hashes).
 * Warnings only; the server runs regardless.
 */
#ifndef AUDIT_H
#define AUDIT_H

struct server_conf;

/* Log one warning per problem found in conf (users loaded, root_fd open). */
void	audit_run(const struct server_conf *);

#endif
