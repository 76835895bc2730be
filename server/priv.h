/*
 * priv: dropping root in a session child.  The parent resolves the
 * account while /etc/passwd is still reachable; each child then chroots
 * into ROOT and becomes that account before reading a single command.
 * Not started as root: nothing privileged is attempted, and confinement
 * is by path resolution alone (fs.c).
 */
#ifndef PRIV_H
#define PRIV_H

/*
 * In the parent, at start and on SIGHUP: look up name (or, if name is
 * "ftp" and there is no such account, "nobody").  Refuses uid 0.
 * Returns 0, or -1 with a message in *err (caller frees).  No-op when
 * not root.
 */
int	priv_prepare(const char *name, char **err);
/* Did the process start as root (and will children drop privileges)? */
int	priv_is_root(void);
/* Name of the account children run as ("" when not root). */
const char *priv_account(void);
/*
 * In the parent once it has bound its sockets, when root: keep only the
 * capabilities children need (chroot, setuid, setgid), to signal them
 * (kill) and to read files on SIGHUP (dac_read_search); the bounding set
 * loses the rest.  No-op when not root.
 */
void	priv_limit_parent(void);
/*
 * In the child: chroot(root), chdir("/"), setgroups/setgid/setuid to the
 * account, verify that root cannot be regained; then, root or not,
 * PR_SET_NO_NEW_PRIVS, no fork (RLIMIT_NPROC 0) and no core dumps,
 * not dumpable (priv_no_dump).  Fatal on any failure.
 */
void	priv_drop(const char *root);
/*
 * PR_SET_DUMPABLE 0, in the listener and in every session: processes
 * of the same uid (sessions of a server not started as root, each other
 * and their parent) can no longer open one another's /proc/PID/mem or
 * ptrace them.  Fatal on failure.
 */
void	priv_no_dump(void);

#endif
