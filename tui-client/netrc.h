/*
 * netrc: credentials from ~/.netrc (the ftp(1) format): "machine NAME",
 * "default", "login", "password", "account" and "macdef" (skipped to
 * the next blank line); tokens split on white space, "..." quotes them.
 */
#ifndef NETRC_H
#define NETRC_H

struct netrc_cred {
	char	*login;		/* malloc'd or NULL */
	char	*password;	/* malloc'd or NULL */
};

/*
 * Find the entry for host in text: the first "machine host" entry (whose
 * login equals user, when user is not NULL), else "default".  Returns 0
 * with c filled (free with netrc_free), -1 when nothing matches.
 */
int	netrc_parse(const char *text, const char *host, const char *user,
	    struct netrc_cred *c);
/*
 * The same for a file (NULL: $HOME/.netrc).  A file that others can read
 * is refused when the entry has a password, as ftp(1) does: returns -2.
 */
int	netrc_lookup(const char *path, const char *host, const char *user,
	    struct netrc_cred *c);
void	netrc_free(struct netrc_cred *);

#endif
