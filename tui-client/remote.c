#include <stdlib.h>
#include <string.h>

#include "ftp.h"
#include "pane.h"
#include "remote.h"
#include "xio.h"

/* deeper trees are refused, not recursed into */
#define MAX_DEPTH	64

static int
remote_cb(void *arg, const struct lst_entry *e)
{
	struct pane *p = arg;
	enum pane_kind k = PE_OTHER;

	/*
	 * No real entry has a '/', and "." or ".." from a hostile server
	 * would make a download land outside the local directory.
	 */
	if (strchr(e->name, '/') != NULL || strcmp(e->name, ".") == 0 ||
	    strcmp(e->name, "..") == 0 || e->name[0] == '\0')
		return 0;
	if (e->type == LST_FILE)
		k = PE_FILE;
	else if (e->type == LST_DIR)
		k = PE_DIR;
	else if (e->type == LST_LINK)
		k = PE_LINK;
	else if (e->type != LST_OTHER)
		return 0;
	pane_add(p, e->name, k, e->has_size, e->size, e->has_mtime, e->mtime);
	if (k == PE_LINK)
		pane_set_target(p, e->target);
	p->ents[p->nents - 1].has_mode = e->has_mode;
	p->ents[p->nents - 1].mode = (unsigned)e->mode & 07777;
	return 0;
}

/* A remote name list, read before acting (no commands during LIST). */
struct names {
	char	**v;
	int	 *dir;
	size_t	  n;
};

static int
names_cb(void *arg, const struct lst_entry *e)
{
	struct names *nl = arg;

	if (strchr(e->name, '/') != NULL || strcmp(e->name, ".") == 0 ||
	    strcmp(e->name, "..") == 0 || e->type == LST_CDIR ||
	    e->type == LST_PDIR)
		return 0;
	nl->v = xreallocarray(nl->v, nl->n + 1, sizeof *nl->v);
	nl->dir = xreallocarray(nl->dir, nl->n + 1, sizeof *nl->dir);
	nl->v[nl->n] = xstrdup(e->name);
	nl->dir[nl->n++] = e->type == LST_DIR;
	return 0;
}

static int
remote_remove_at(struct ftp *f, const char *path, int isdir, int depth)
{
	struct names nl = { NULL, NULL, 0 };
	char sub[PANE_PATH_MAX];
	size_t i;
	int rc = 0;

	if (!isdir)
		return ftp_delete(f, path);
	if (depth > MAX_DEPTH || ftp_list(f, path, names_cb, &nl) == -1)
		rc = -1;
	for (i = 0; i < nl.n; i++) {
		if (rc == 0 && pane_join(path, nl.v[i], sub, sizeof sub) == 0)
			rc = remote_remove_at(f, sub, nl.dir[i], depth + 1);
		free(nl.v[i]);
	}
	free(nl.v);
	free(nl.dir);
	return rc == 0 ? ftp_rmdir(f, path) : -1;
}


int
remote_remove(struct ftp *f, const char *path, int isdir)
{
	return remote_remove_at(f, path, isdir, 0);
}

int
remote_read(struct ftp *f, struct pane *p, const char *path, const char *keep)
{
	char dir[PANE_PATH_MAX];
	int rc;

	strlcpy(dir, path, sizeof dir);	/* path may be p->path */
	if (ftp_cwd(f, dir) == -1)
		return -1;
	pane_clear(p);
	/* The server's name for it: symlinks and relative paths resolved. */
	strlcpy(p->path, ftp_cwd_path(f) ? ftp_cwd_path(f) : dir,
	    sizeof p->path);
	rc = ftp_list(f, NULL, remote_cb, p);
	pane_update(p, keep);
	return rc;
}

int
remote_is_dir(struct ftp *f, const char *path, const char *back)
{
	char dir[PANE_PATH_MAX];

	/* back may be the engine's cwd string */
	strlcpy(dir, back, sizeof dir);
	if (ftp_cwd(f, path) == -1)
		return 0;
	(void)ftp_cwd(f, dir);
	return 1;
}
