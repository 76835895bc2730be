/*
 * url: ftp://[user[:password]@]host[:port][/path] (RFC 1738 §3.2),
 * percent-decoded.  IPv6 literals go in brackets: ftp://[::1]:2121/.
 * ftpes:// is FTP with explicit TLS required, ftps:// implicit TLS
 * (port 990 unless given).
 */
#ifndef URL_H
#define URL_H

#include "tls.h"

struct url {
	char	*user;		/* NULL when absent */
	char	*pass;		/* NULL when absent (an empty one is "") */
	char	*host;		/* without brackets */
	char	*port;		/* NULL when absent */
	char	*path;		/* decoded, without the leading '/'; "" for none */
	int	 dir;		/* the path ended with '/' */
	enum tls_mode tls;	/* from the scheme: ftp:// (or none) TLS_AUTO */
};

/*
 * Parse s (a bare "host[:port][/path]" is accepted too).  Returns 0 and
 * fills u (free with url_free), or -1 with a reason in err.  A decoded
 * NUL, CR or LF is refused: it could never reach the server intact.
 */
int	url_parse(const char *s, struct url *u, char *err, size_t errlen);
void	url_free(struct url *);
/* The scheme of a mode: "ftp", "ftpes", "ftps" (TLS_OFF: "ftp"). */
const char *url_scheme(enum tls_mode);
/*
 * Percent-decode n bytes of s into a malloc'd string; NULL on a bad
 * escape or a NUL, CR or LF.
 */
char	*url_decode(const char *s, size_t n);

#endif
