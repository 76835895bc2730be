/*
 * ftp-glob: remote wildcards (mget), matched here with fnmatch(3) over
 * the directory listing rather than sent to the server: LIST's globbing
 * differs from server to server (vsftpd's own, pure-ftpd's, none in
 * pyftpdlib) and MLSD has none (RFC 3659 §7.1); lftp does the same.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "ftp-int.h"
#include "ftp-tree.h"
#include "xio.h"

struct glob_ctx {
	const char	*dir;		/* prefix of the results, or NULL */
	const char	*pat;		/* the last component */
	struct ftp_names *out;
};

int
ftp_glob_magic(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* Append s, taken over (malloc'd). */
static void
names_take(struct ftp_names *v, char *s)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->name = xreallocarray(v->name, v->cap, sizeof(*v->name));
	}
	v->name[v->n++] = s;
}

void
ftp_names_add(struct ftp_names *v, const char *s)
{
	names_take(v, xstrdup(s));
}

void
ftp_names_free(struct ftp_names *v)
{
	size_t	 i;

	for (i = 0; i < v->n; i++)
		free(v->name[i]);
	free(v->name);
	memset(v, 0, sizeof(*v));
}

static int
glob_entry(void *arg, const struct lst_entry *e)
{
	struct glob_ctx	*g = arg;

	/* Files and links (a link may be a file); directories need -r. */
	if (e->type == LST_DIR || tree_name_unsafe(e->name) ||
	    fnmatch(g->pat, e->name, FNM_PERIOD) != 0)
		return 0;
	names_take(g->out, g->dir == NULL ? xstrdup(e->name) :
	    xasprintf("%s%s%s", g->dir, strcmp(g->dir, "/") == 0 ? "" : "/",
	    e->name));
	return 0;
}

static int
names_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Slots of a names array by string, equal ones in array order. */
static int
slot_cmp(const void *a, const void *b)
{
	char *const	*x = *(char **const *)a, *const *y = *(char **const *)b;
	int		 c = strcmp(*x, *y);

	return c != 0 ? c : x < y ? -1 : x > y;
}

void
ftp_names_uniq(struct ftp_names *v)
{
	char	***slot, **keep;
	size_t	  i, k;

	if (v->n < 2)
		return;
	slot = xreallocarray(NULL, v->n, sizeof(*slot));
	for (i = 0; i < v->n; i++)
		slot[i] = &v->name[i];
	qsort(slot, v->n, sizeof(*slot), slot_cmp);
	keep = slot[0];
	for (i = 1; i < v->n; i++) {
		if (strcmp(*slot[i], *keep) == 0) {
			free(*slot[i]);
			*slot[i] = NULL;
		} else
			keep = slot[i];
	}
	free(slot);
	for (i = k = 0; i < v->n; i++)
		if (v->name[i] != NULL)
			v->name[k++] = v->name[i];
	v->n = k;
}

int
ftp_glob(struct ftp *f, const char *pattern, struct ftp_names *out)
{
	struct glob_ctx	 g = { .out = out };
	char		*copy, *slash;
	size_t		 first = out->n;
	int		 rc;

	if (!ftp_glob_magic(pattern)) {
		names_take(out, xstrdup(pattern));
		return 0;
	}
	copy = xstrdup(pattern);
	g.pat = copy;
	if ((slash = strrchr(copy, '/')) != NULL) {
		*slash = '\0';
		g.pat = slash + 1;
		g.dir = slash == copy ? "/" : copy;
	}
	if (g.dir != NULL && ftp_glob_magic(g.dir)) {
		free(copy);
		return ftp_fail(f, "%s: wildcards only in the last component",
		    pattern);
	}
	rc = ftp_list(f, g.dir, glob_entry, &g);
	free(copy);
	/* Listings come in the server's order; scripts want a stable one. */
	if (out->n - first > 1)
		qsort(out->name + first, out->n - first, sizeof(*out->name),
		    names_cmp);
	return rc;
}
