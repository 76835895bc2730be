/*
 * auth: the users file and password checks.
 *
 * Format, one user per line: name:crypt-hash:home:perm
 * (home relative to ROOT, perm "r" or "rw", '#' starts a comment).
 * The parent loads it at start and on SIGHUP; children inherit it by
 * fork, so checking a password needs no file access and no privilege.
 */
#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>

struct userdb;

/*
 * Load a users file.  NULL on error with a message in *err (caller
 * frees): for a bad line "FILE:LINE: why", '\n' and a hint.
 */
struct userdb *auth_load(const char *path, char **err);
void	auth_free(struct userdb *);

/* Longest home a users file may give, with its leading '/' and NUL. */
#define AUTH_HOME_MAX	4096

/*
 * Who logged in.  home is not copied: it points into the userdb (or is
 * a constant), which lives as long as the process that checked it; a
 * session's struct stays small, so its stack touches fewer pages.
 */
struct login {
	char	 name[64];
	const char *home;	/* virtual path under ROOT; anonymous: set at login */
	int	 writable;
	int	 anonymous;
};

/*
 * Check name/password against db (may be NULL) and the anonymous policy.
 * Returns 0 and fills *out, or -1.  Constant work for unknown names (a
 * dummy crypt) so timing does not reveal which names exist.
 */
int	auth_check(const struct userdb *, int anonymous, int anonymous_write,
	    const char *name, const char *password, struct login *out);

/*
 * Anonymous logins beside a users file: is the anonymous root (a
 * normalised virtual path under root, the real path of ROOT) safe to
 * serve?  A user's home strictly inside it would be open to anonymous:
 * -1 with a message naming the user and both paths in *err (caller
 * frees).  Otherwise 0, and *shared lists the users whose home is the
 * anonymous root or holds it ("alice, bob"; NULL when none; caller
 * frees): a deliberate share.  Paths are compared once symbolic links
 * under root are resolved, so a link cannot hide a home.
 */
int	auth_check_anonymous_root(const struct userdb *, const char *root,
	    const char *anonymous_root, char **shared, char **err);

/*
 * The i-th user of db (may be NULL): name, home (virtual, absolute) and
 * permission, pointing into db.  0, or -1 past the last one.
 */
int	auth_user_at(const struct userdb *, size_t i, const char **name,
	    const char **home, int *writable);

/* Read a password (readpassphrase on a tty, else one stdin line) and
 * print its yescrypt hash.  Returns the exit status. */
int	auth_hash_password(void);

#endif
