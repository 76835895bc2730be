/* bookmark: see bookmark.h. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bookmark.h"
#include "tls.h"
#include "buf.h"
#include "url.h"
#include "xio.h"

#define BM_FIELDS	6	/* the last (tls) may be missing */

static const char bm_header[] =
    "# forkftp: name\thost\tport\tuser\tdirectory\ttls, percent-encoded; "
    "no passwords\n";

/* Percent-decode one field into out; -1 if bad or too long. */
static int
bm_field(const char *s, size_t n, char *out, size_t len)
{
	char *d = url_decode(s, n);
	int rc = 0;

	if (d == NULL)
		return -1;
	if (strlcpy(out, d, len) >= len)
		rc = -1;
	free(d);
	return rc;
}

static int
bm_port_ok(const char *port)
{
	const char *err = NULL;

	if (port[0] == '\0' || strspn(port, "0123456789") != strlen(port))
		return 0;
	(void)strtonum(port, 1, 65535, &err);
	return err == NULL;
}

int
bm_parse_line(const char *line, struct bookmark *b)
{
	char *field[BM_FIELDS] = { b->name, b->host, b->port, b->user,
	    b->dir, b->tls };
	size_t size[BM_FIELDS] = { sizeof b->name, sizeof b->host,
	    sizeof b->port, sizeof b->user, sizeof b->dir, sizeof b->tls };
	enum tls_mode m;
	const char *p = line, *tab;
	size_t i;

	memset(b, 0, sizeof *b);
	if (line[0] == '#' || line[0] == '\0')
		return -1;
	for (i = 0; i < BM_FIELDS; i++) {
		tab = strchr(p, '\t');
		if (tab != NULL && i == BM_FIELDS - 1)
			return -1;
		if (tab == NULL)
			tab = p + strlen(p);
		if (bm_field(p, (size_t)(tab - p), field[i], size[i]) == -1)
			return -1;
		if (*tab == '\0')
			break;
		p = tab + 1;
	}
	if (i < BM_FIELDS - 2)
		return -1;
	/* Five fields: written before the TLS mode existed, auto. */
	if (b->tls[0] == '\0')
		strlcpy(b->tls, "auto", sizeof b->tls);
	else if (tls_mode_parse(b->tls, &m) == -1)
		return -1;
	if (b->port[0] == '\0')
		strlcpy(b->port, "21", sizeof b->port);
	if (b->host[0] == '\0' || !bm_port_ok(b->port))
		return -1;
	return 0;
}

/* '%', tabs and control bytes escaped: a field stays on its line. */
static void
bm_encode(struct buf *o, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '%' || *p < 0x20 || *p == 0x7f)
			buf_printf(o, "%%%02X", *p);
		else
			buf_addc(o, (char)*p);
	}
}

static void
bm_format_buf(struct buf *o, const struct bookmark *b)
{
	bm_encode(o, b->name);
	buf_addc(o, '\t');
	bm_encode(o, b->host);
	buf_addc(o, '\t');
	bm_encode(o, b->port);
	buf_addc(o, '\t');
	bm_encode(o, b->user);
	buf_addc(o, '\t');
	bm_encode(o, b->dir);
	buf_addc(o, '\t');
	bm_encode(o, b->tls[0] != '\0' ? b->tls : "auto");
	buf_addc(o, '\n');
}

int
bm_format_line(const struct bookmark *b, char *out, size_t len)
{
	struct buf o;
	int rc = 0;

	buf_init(&o);
	bm_format_buf(&o, b);
	if (strlcpy(out, buf_cstr(&o), len) >= len)
		rc = -1;
	buf_free(&o);
	return rc;
}

void
bm_free(struct bm_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Room for one more; the array grows in steps, BM_MAX at most. */
static int
bm_grow(struct bm_list *l)
{
	if (l->n >= BM_MAX)
		return -1;
	if (l->n % 16 == 0)
		l->v = xreallocarray(l->v, l->n + 16, sizeof *l->v);
	return 0;
}

/* Skip the rest of an overlong line; 0 at its end, -1 at end of file. */
static int
bm_skip_line(FILE *fp, size_t *total)
{
	int c;

	while ((c = getc(fp)) != EOF) {
		if (++*total > BM_FILE_MAX)
			return -1;
		if (c == '\n')
			return 0;
	}
	return -1;
}

static void
bm_read(FILE *fp, struct bm_list *l)
{
	char line[BM_LINE_MAX + 2];
	struct bookmark b;
	size_t total = 0, n;

	while (l->n < BM_MAX && total < BM_FILE_MAX &&
	    fgets(line, sizeof line, fp) != NULL) {
		n = strlen(line);
		total += n;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		else if (n > BM_LINE_MAX) {
			if (bm_skip_line(fp, &total) == -1)
				break;
			continue;
		}
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (bm_parse_line(line, &b) == 0 && bm_grow(l) == 0)
			l->v[l->n++] = b;
	}
}

int
bm_load(const char *path, struct bm_list *l)
{
	struct stat st;
	FILE *fp;
	int fd;

	bm_free(l);
	/* Non-blocking: a FIFO put there must not hang the browser. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		xclose(fd);
		errno = EINVAL;
		return -1;
	}
	if ((fp = fdopen(fd, "r")) == NULL) {
		xclose(fd);
		return -1;
	}
	bm_read(fp, l);
	fclose(fp);
	return 0;
}

int
bm_mkdirs(const char *path)
{
	char dir[4096], *p;

	if (strlcpy(dir, path, sizeof dir) >= sizeof dir) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((p = strrchr(dir, '/')) == NULL)
		return 0;
	*p = '\0';
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (dir[0] != '\0' && mkdir(dir, 0700) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

int
bm_replace(const char *path, int (*fill)(int, void *), void *arg)
{
	char tmp[4096 + 16];
	int fd, saved;

	if (bm_mkdirs(path) == -1)
		return -1;
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >=
	    sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1)
		return -1;
	if (fchmod(fd, 0600) == -1 || fill(fd, arg) == -1 || fsync(fd) == -1) {
		saved = errno;
		xclose(fd);
		unlink(tmp);
		errno = saved;
		return -1;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		return -1;
	}
	return 0;
}

static int
bm_write_fd(int fd, void *arg)
{
	const struct bm_list *l = arg;
	struct buf o;
	size_t i;
	int rc;

	buf_init(&o);
	buf_adds(&o, bm_header);
	for (i = 0; i < l->n; i++)
		bm_format_buf(&o, &l->v[i]);
	rc = xwrite_full(fd, o.data, o.len);
	buf_free(&o);
	return rc;
}

int
bm_save(const char *path, const struct bm_list *l)
{
	return bm_replace(path, bm_write_fd, (void *)(uintptr_t)l);
}

int
bm_set(struct bm_list *l, const struct bookmark *b)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, b->name) == 0) {
			l->v[i] = *b;
			return 0;
		}
	if (bm_grow(l) == -1)
		return -1;
	l->v[l->n++] = *b;
	return 0;
}

void
bm_remove(struct bm_list *l, size_t i)
{
	if (i >= l->n)
		return;
	memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof *l->v);
	l->n--;
}

static int
bm_same_server(const struct bookmark *a, const struct bookmark *b)
{
	return strcmp(a->host, b->host) == 0 &&
	    strcmp(a->port, b->port) == 0 && strcmp(a->user, b->user) == 0;
}

void
bm_recent_push(struct bm_list *l, const struct bookmark *b)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (bm_same_server(&l->v[i], b))
			bm_remove(l, i--);
	while (l->n >= BM_RECENT_MAX)
		l->n--;
	if (bm_grow(l) == -1)
		return;
	memmove(&l->v[1], &l->v[0], l->n * sizeof *l->v);
	l->v[0] = *b;
	l->v[0].name[0] = '\0';
	l->n++;
}

/* $HOME, or the password database's home when it is unset. */
static const char *
bm_home(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h != NULL && h[0] == '/')
		return h;
	pw = getpwuid(getuid());
	return pw != NULL && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
}

int
bm_path(enum bm_file which, char *out, size_t len)
{
	const char *var = which == BM_BOOKMARKS ? "XDG_CONFIG_HOME" :
	    "XDG_STATE_HOME";
	const char *sub = which == BM_BOOKMARKS ? ".config" : ".local/state";
	const char *file = which == BM_BOOKMARKS ? "bookmarks" :
	    which == BM_HISTORY ? "history" : "known_hosts";
	const char *x = getenv(var), *home;
	int n;

	if (x != NULL && x[0] == '/')
		n = snprintf(out, len, "%s/forkftp/%s", x, file);
	else if ((home = bm_home()) != NULL)
		n = snprintf(out, len, "%s/%s/forkftp/%s", home, sub, file);
	else
		return -1;
	return n < 0 || (size_t)n >= len ? -1 : 0;
}
