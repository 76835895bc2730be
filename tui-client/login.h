/*
 * login: a URL to a logged-in session, as batch mode and the shell open
 * one: user and password from the URL, else from ~/.netrc, else asked
 * for on the terminal (the engine does that, without echo); then the
 * URL's path becomes the working directory.
 */
#ifndef LOGIN_H
#define LOGIN_H

#include <stddef.h>

struct ftp;
struct ftp_opts;

/*
 * Connect to url with the other settings of base (active, timeout, log).
 * Returns 0 with *out set (free with ftp_close) and "user@host" in who
 * (who may be NULL), or -1 after saying why on stderr.
 */
int	login_url(const char *url, const struct ftp_opts *base,
	    struct ftp **out, char *who, size_t wholen);

#endif
