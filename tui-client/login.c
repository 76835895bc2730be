/*
 * login: see login.h.
 */
#include <stdio.h>

#include "batch.h"
#include "ftp.h"
#include "login.h"
#include "netrc.h"
#include "url.h"

/* User and password from the URL, else from ~/.netrc. */
static void
credentials(struct url *u)
{
	struct netrc_cred c;
	int		 rc;

	if (u->user != NULL && u->pass != NULL)
		return;
	rc = netrc_lookup(NULL, u->host, u->user, &c);
	if (rc == -2)
		batch_warn("~/.netrc is readable by others; ignoring it");
	if (rc != 0)
		return;
	if (u->user == NULL && c.login != NULL) {
		u->user = c.login;
		c.login = NULL;
	}
	if (u->pass == NULL && c.password != NULL) {
		u->pass = c.password;
		c.password = NULL;
	}
	netrc_free(&c);
}

int
login_url(const char *url, const struct ftp_opts *base, struct ftp **out,
    char *who, size_t wholen)
{
	struct ftp_opts	 fo = *base;
	struct url	 u;
	char		 err[1024];
	int		 rc = -1;

	*out = NULL;
	if (url_parse(url, &u, err, sizeof(err)) == -1) {
		/* not the URL itself: it may hold a password */
		batch_warn("bad URL: %s", err);
		return -1;
	}
	credentials(&u);
	fo.host = u.host;
	fo.port = u.port;
	fo.user = u.user;
	fo.pass = u.pass;
	if (!fo.tls_set)
		fo.tls = u.tls;
	if (ftp_connect(&fo, out, err, sizeof(err)) == -1)
		batch_warn("%s", err);
	else if (*u.path != '\0' && ftp_cwd(*out, u.path) == -1) {
		batch_warn("cd %s: %s", u.path, ftp_error(*out));
		ftp_close(*out);
		*out = NULL;
	} else
		rc = 0;
	if (rc == 0 && who != NULL)
		snprintf(who, wholen, "%s@%s", u.user != NULL && *u.user !=
		    '\0' ? u.user : "anonymous", u.host);
	url_free(&u);
	return rc;
}
