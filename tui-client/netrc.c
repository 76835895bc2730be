/*
 * netrc: see netrc.h.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "netrc.h"
#include "xio.h"

#define NETRC_MAX	(1024 * 1024)

/* Next token of *p into tok (reset); 0 at the end. */
static int
netrc_token(const char **p, struct buf *tok)
{
	const char	*s = *p;

	buf_reset(tok);
	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	if (*s == '\0') {
		*p = s;
		return 0;
	}
	if (*s == '"') {
		for (s++; *s != '\0' && *s != '"'; s++) {
			if (*s == '\\' && s[1] != '\0')
				s++;
			buf_addc(tok, *s);
		}
		if (*s == '"')
			s++;
	} else {
		for (; *s != '\0' && !isspace((unsigned char)*s); s++) {
			if (*s == '\\' && s[1] != '\0')
				s++;
			buf_addc(tok, *s);
		}
	}
	buf_cstr(tok);
	*p = s;
	return 1;
}

/* macdef bodies run to the first empty line. */
static void
netrc_skip_macro(const char **p)
{
	const char	*e = strstr(*p, "\n\n");

	*p = e != NULL ? e + 2 : *p + strlen(*p);
}

void
netrc_free(struct netrc_cred *c)
{
	if (c->password != NULL)
		explicit_bzero(c->password, strlen(c->password));
	free(c->login);
	free(c->password);
	c->login = c->password = NULL;
}

struct netrc_entry {
	int			 match;		/* 1 machine match, 2 default */
	struct netrc_cred	 c;
};

static int
netrc_accept(struct netrc_entry *e, const char *user, struct netrc_cred *out)
{
	if (e->match == 0)
		return 0;
	if (user != NULL && (e->c.login == NULL || strcmp(e->c.login, user)))
		return 0;
	*out = e->c;
	memset(&e->c, 0, sizeof(e->c));
	return 1;
}

/* Apply the value of one keyword to the current entry. */
static void
netrc_value(struct netrc_entry *e, const char *kw, const char *v)
{
	char	**slot = NULL;

	if (strcmp(kw, "login") == 0)
		slot = &e->c.login;
	else if (strcmp(kw, "password") == 0)
		slot = &e->c.password;
	if (slot != NULL) {
		free(*slot);
		*slot = xstrdup(v);
	}
}

int
netrc_parse(const char *text, const char *host, const char *user,
    struct netrc_cred *c)
{
	struct netrc_entry	 e = { 0 };
	struct buf		 tok, kw;
	const char		*p = text;
	int			 found = 0;

	memset(c, 0, sizeof(*c));
	buf_init(&tok);
	buf_init(&kw);
	while (!found && netrc_token(&p, &tok)) {
		const char *t = buf_cstr(&tok);

		if (strcmp(t, "machine") == 0 || strcmp(t, "default") == 0) {
			found = netrc_accept(&e, user, c);
			netrc_free(&e.c);
			e.match = 0;
			if (found)
				break;
			if (strcmp(t, "default") == 0)
				e.match = 2;
			else if (netrc_token(&p, &tok))
				e.match = strcasecmp(buf_cstr(&tok), host) == 0;
		} else if (strcmp(t, "macdef") == 0) {
			netrc_token(&p, &tok);
			netrc_skip_macro(&p);
		} else {
			buf_reset(&kw);
			buf_adds(&kw, t);
			if (netrc_token(&p, &tok))
				netrc_value(&e, buf_cstr(&kw), buf_cstr(&tok));
		}
	}
	if (!found)
		found = netrc_accept(&e, user, c);
	netrc_free(&e.c);
	buf_free(&tok);
	buf_free(&kw);
	return found ? 0 : -1;
}

static char *
netrc_read(const char *path, struct stat *st)
{
	struct buf	 b;
	char		 chunk[4096];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, st) == -1 || !S_ISREG(st->st_mode) ||
	    st->st_size > NETRC_MAX) {
		close(fd);
		return NULL;
	}
	buf_init(&b);
	buf_adds(&b, "");
	while ((n = xread(fd, chunk, sizeof(chunk))) > 0 && b.len < NETRC_MAX)
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	return buf_detach(&b);
}

int
netrc_lookup(const char *path, const char *host, const char *user,
    struct netrc_cred *c)
{
	struct stat	 st;
	char		*text, *def = NULL;
	const char	*home;
	int		 rc;

	memset(c, 0, sizeof(*c));
	if (path == NULL) {
		if ((home = getenv("HOME")) == NULL)
			return -1;
		path = def = xasprintf("%s/.netrc", home);
	}
	text = netrc_read(path, &st);
	free(def);
	if (text == NULL)
		return -1;
	rc = netrc_parse(text, host, user, c);
	explicit_bzero(text, strlen(text));
	free(text);
	if (rc == 0 && c->password != NULL && (st.st_mode & 077) != 0) {
		netrc_free(c);
		return -2;
	}
	return rc;
}
