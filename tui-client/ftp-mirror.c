/*
 * ftp-mirror: lftp's mirror.  Both trees are walked side by side, one
 * directory at a time (the source's listing against the copy's), which
 * yields the transfers (run afterwards by ftp-tree's file lists, on
 * ftp_set_parallel workers) and the removals (run last, so a failed
 * transfer never follows a removal it depended on).
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ftp-int.h"
#include "ftp-tree.h"
#include "xio.h"

/* One entry of a remote listing, as the comparisons need it. */
struct rent {
	char		*name;
	int		 kind;		/* LST_DIR, LST_LINK, LST_FILE */
	int		 has_size, has_mtime;
	uint64_t	 size;
	time_t		 mtime;
	int		 seen;		/* the other side has it (put) */
};

struct rdir {
	struct rent	*e;
	size_t		 n, cap;
};

/* Transfers (src, dst, the relative name, size) or removals (path). */
struct mlist {
	char		**src, **dst, **rel;
	uint64_t	 *size;
	int		 *isdir;
	size_t		  n, cap;
};

struct mirror {
	struct ftp			*f;
	int				 flags;
	const struct ftp_mirror_cb	*cb;
	struct ftp_mirror_stats		*st;
	struct mlist			 xfer, resume, rm;
	/* LIST times are minutes: a copy up to 59 s newer is the same. */
	time_t				 slack;
};

static void
mlist_add(struct mlist *l, const char *src, const char *dst, const char *rel,
    uint64_t size, int isdir)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->src = xreallocarray(l->src, l->cap, sizeof(*l->src));
		l->dst = xreallocarray(l->dst, l->cap, sizeof(*l->dst));
		l->rel = xreallocarray(l->rel, l->cap, sizeof(*l->rel));
		l->size = xreallocarray(l->size, l->cap, sizeof(*l->size));
		l->isdir = xreallocarray(l->isdir, l->cap, sizeof(*l->isdir));
	}
	l->src[l->n] = xstrdup(src);
	l->dst[l->n] = xstrdup(dst != NULL ? dst : "");
	l->rel[l->n] = xstrdup(rel);
	l->size[l->n] = size;
	l->isdir[l->n] = isdir;
	l->n++;
}

static void
mlist_free(struct mlist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->src[i]);
		free(l->dst[i]);
		free(l->rel[i]);
	}
	free(l->src);
	free(l->dst);
	free(l->rel);
	free(l->size);
	free(l->isdir);
	memset(l, 0, sizeof(*l));
}

static int
rdir_add(void *arg, const struct lst_entry *e)
{
	struct rdir	*d = arg;
	struct rent	*r;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->e = xreallocarray(d->e, d->cap, sizeof(*d->e));
	}
	r = &d->e[d->n++];
	memset(r, 0, sizeof(*r));
	r->name = xstrdup(e->name);
	r->kind = e->type == LST_DIR || e->type == LST_LINK ? (int)e->type :
	    LST_FILE;
	/*
	 * A link's LIST size and time are the link's own (the size is that
	 * of the target's name), not those of the file a RETR gives: a link
	 * is fetched when the copy lacks it, and then left alone.
	 */
	r->has_size = e->has_size && r->kind == LST_FILE;
	r->size = e->size;
	r->has_mtime = e->has_mtime && r->kind != LST_LINK;
	r->mtime = e->mtime;
	return 0;
}

static int
rent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct rent *)a)->name,
	    ((const struct rent *)b)->name);
}

static struct rent *
rdir_find(struct rdir *d, const char *name)
{
	struct rent	 key = { .name = (char *)name };

	if (d->n == 0)
		return NULL;
	return bsearch(&key, d->e, d->n, sizeof(*d->e), rent_cmp);
}

static void
rdir_free(struct rdir *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		free(d->e[i].name);
	free(d->e);
	memset(d, 0, sizeof(*d));
}

/* List a remote directory, sorted by name for rdir_find. */
static int
rdir_list(struct ftp *f, const char *path, struct rdir *d)
{
	if (ftp_list(f, path, rdir_add, d) == -1)
		return -1;
	if (d->n > 1)
		qsort(d->e, d->n, sizeof(*d->e), rent_cmp);
	return 0;
}

/* A file or directory failed: told, counted, and the mirror goes on. */
static void
m_failed(struct mirror *m, const char *name, const char *why)
{
	m->st->failed++;
	if (m->cb->fail != NULL)
		m->cb->fail(m->cb->arg, name, why);
}

static void
m_note(struct mirror *m, enum ftp_mirror_act act, const char *rel)
{
	if (m->cb->note != NULL)
		m->cb->note(m->cb->arg, act, rel);
}

static char *
rel_cat(const char *rel, const char *name)
{
	return *rel == '\0' ? xstrdup(name) : tree_path_cat(rel, name);
}

/* Queue a transfer: with -c a shorter copy is continued. */
static void
m_queue(struct mirror *m, const char *src, const char *dst, const char *rel,
    uint64_t size, int shorter)
{
	struct mlist	*l;

	l = (m->flags & FTP_MIRROR_RESUME) && shorter ? &m->resume : &m->xfer;
	mlist_add(l, src, dst, rel, size, 0);
	m_note(m, m->flags & FTP_MIRROR_REVERSE ? FTP_MIRROR_PUT :
	    FTP_MIRROR_GET, rel);
}

/* Downloads. */

static int	get_dir(struct mirror *, const char *, const char *,
		    const char *, int);

static void
get_file(struct mirror *m, const struct rent *e, const char *r,
    const char *l, const char *rel)
{
	struct stat	 st;
	int		 newer, differs;

	if (lstat(l, &st) == -1) {
		m_queue(m, r, l, rel, e->has_size ? e->size : 0, 0);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		m_failed(m, r, "a local directory is in the way");
		return;
	}
	/* A symlink is replaced by the file (rename), never written through. */
	newer = e->has_mtime && e->mtime > st.st_mtime;
	differs = S_ISLNK(st.st_mode) || !S_ISREG(st.st_mode) ||
	    (e->has_size && e->size != (uint64_t)st.st_size) || newer;
	if ((m->flags & FTP_MIRROR_NEWER) ? newer : differs)
		m_queue(m, r, l, rel, e->has_size ? e->size : 0,
		    S_ISREG(st.st_mode) && e->has_size &&
		    (uint64_t)st.st_size < e->size);
	else
		m->st->unchanged++;
}

/*
 * The local directory l exists, as a directory of its own: a link is
 * followed only at the top, where the user named it.
 */
static int
get_local_dir(struct mirror *m, const char *r, const char *l, int depth,
    int *exists)
{
	struct stat	 st;

	*exists = (depth == 0 ? stat(l, &st) : lstat(l, &st)) == 0;
	if (*exists && !S_ISDIR(st.st_mode)) {
		m_failed(m, r, S_ISLNK(st.st_mode) ?
		    "a local symlink is in the way" : "a local file is in the way");
		return -1;
	}
	if (*exists || (m->flags & FTP_MIRROR_DRYRUN))
		return 0;
	if (tree_local_mkdir(m->f, l) == -1) {
		m_failed(m, r, ftp_error(m->f));
		return -1;
	}
	*exists = 1;
	return 0;
}

/* Local names the remote directory lacks are to go (--delete). */
static void
get_extra(struct mirror *m, struct rdir *d, const char *l, const char *rel)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 st;
	char		*p, *q;

	if ((dp = opendir(l)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    rdir_find(d, de->d_name) != NULL)
			continue;
		p = tree_path_cat(l, de->d_name);
		q = rel_cat(rel, de->d_name);
		mlist_add(&m->rm, p, NULL, q, 0, lstat(p, &st) == 0 &&
		    S_ISDIR(st.st_mode));
		free(p);
		free(q);
	}
	closedir(dp);
}

/*
 * Does a remote link lead to a directory?  CWD tells (and is undone).
 * Such a link is skipped, as lftp's mirror does without --dereference:
 * following it could loop ("loop -> .") or copy the server's disk.
 */
static int
link_is_dir(struct mirror *m, const char *r)
{
	char	 save[FTP_ERR_MAX];
	int	 code;

	if (m->f->cwd == NULL)
		return 0;
	memcpy(save, m->f->err, sizeof(save));
	code = ftp_cmd(m->f, "CWD", r);
	if (code == 250 && ctl_cmd(m->f, "CWD", m->f->cwd) != 250)
		ftp_drop(m->f);		/* the next call reconnects to cwd */
	memcpy(m->f->err, save, sizeof(save));
	return code == 250;
}

static void
get_entry(struct mirror *m, const struct rent *e, const char *r,
    const char *l, const char *rel, int depth)
{
	char	*re = tree_path_cat(r, e->name), *le = tree_path_cat(l, e->name);
	char	*ne = rel_cat(rel, e->name);

	if (e->kind == LST_DIR)
		get_dir(m, re, le, ne, depth + 1);
	else if (e->kind == LST_LINK && link_is_dir(m, re))
		ftp_logf(m->f, FTP_LOG_INFO, "skipping %s: a link to a directory",
		    re);
	else
		get_file(m, e, re, le, ne);
	free(re);
	free(le);
	free(ne);
}

static int
get_dir(struct mirror *m, const char *r, const char *l, const char *rel,
    int depth)
{
	struct rdir	 d = { 0 };
	size_t		 i;
	int		 exists;

	if (depth > TREE_DEPTH_MAX) {
		m_failed(m, r, "tree too deep");
		return -1;
	}
	if (rdir_list(m->f, r, &d) == -1) {
		m_failed(m, r, ftp_error(m->f));
		rdir_free(&d);
		return -1;
	}
	if (get_local_dir(m, r, l, depth, &exists) == -1) {
		rdir_free(&d);
		return -1;
	}
	for (i = 0; i < d.n && !ftp_interrupted(); i++) {
		if (tree_name_unsafe(d.e[i].name))
			ftp_logf(m->f, FTP_LOG_INFO, "skipping unsafe name %s",
			    d.e[i].name);
		else
			get_entry(m, &d.e[i], r, l, rel, depth);
	}
	if ((m->flags & FTP_MIRROR_DELETE) && exists)
		get_extra(m, &d, l, rel);
	rdir_free(&d);
	return 0;
}

/* Uploads. */

static int	put_dir(struct mirror *, const char *, const char *,
		    const char *, int);

static void
put_file(struct mirror *m, const struct stat *st, struct rent *e,
    const char *l, const char *r, const char *rel)
{
	int	 newer, differs;

	if (e == NULL) {
		m_queue(m, l, r, rel, (uint64_t)st->st_size, 0);
		return;
	}
	if (e->kind == LST_DIR) {
		m_failed(m, l, "a remote directory is in the way");
		return;
	}
	newer = e->has_mtime && st->st_mtime > e->mtime + m->slack;
	differs = (e->has_size && e->size != (uint64_t)st->st_size) || newer;
	if ((m->flags & FTP_MIRROR_NEWER) ? newer : differs)
		m_queue(m, l, r, rel, (uint64_t)st->st_size, e->has_size &&
		    e->size < (uint64_t)st->st_size);
	else
		m->st->unchanged++;
}

static void
put_entry(struct mirror *m, struct rdir *d, const char *name, const char *l,
    const char *r, const char *rel, int depth)
{
	struct stat	 st;
	struct rent	*e = rdir_find(d, name);
	char		*le = tree_path_cat(l, name), *re = tree_path_cat(r, name);
	char		*ne = rel_cat(rel, name);

	if (e != NULL)
		e->seen = 1;
	/* As put -r: links to files are sent, to directories skipped. */
	if (lstat(le, &st) == -1)
		m_failed(m, le, strerror(errno));
	else if (S_ISLNK(st.st_mode) &&
	    (stat(le, &st) == -1 || S_ISDIR(st.st_mode)))
		ftp_logf(m->f, FTP_LOG_INFO, "skipping %s: a link to a "
		    "directory or nowhere", le);
	else if (S_ISDIR(st.st_mode) && e != NULL && e->kind == LST_FILE)
		m_failed(m, le, "a remote file is in the way");
	else if (S_ISDIR(st.st_mode))
		put_dir(m, le, re, ne, depth + 1);
	else if (S_ISREG(st.st_mode))
		put_file(m, &st, e, le, re, ne);
	else
		ftp_logf(m->f, FTP_LOG_INFO, "skipping %s: not a file", le);
	free(le);
	free(re);
	free(ne);
}

/* The remote directory: listed, or created when it cannot be listed. */
static int
put_remote_dir(struct mirror *m, const char *l, const char *r, struct rdir *d)
{
	if (rdir_list(m->f, r, d) == 0)
		return 0;
	rdir_free(d);
	if (ftp_reply_code(m->f) / 100 != 5) {
		m_failed(m, l, ftp_error(m->f));
		return -1;
	}
	if ((m->flags & FTP_MIRROR_DRYRUN) ||
	    tree_remote_mkdir(m->f, r) == 0)
		return 0;
	m_failed(m, l, ftp_error(m->f));
	return -1;
}

static void
put_extra(struct mirror *m, struct rdir *d, const char *r, const char *rel)
{
	char	*p, *q;
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		if (d->e[i].seen || tree_name_unsafe(d->e[i].name))
			continue;
		p = tree_path_cat(r, d->e[i].name);
		q = rel_cat(rel, d->e[i].name);
		mlist_add(&m->rm, p, NULL, q, 0, d->e[i].kind == LST_DIR);
		free(p);
		free(q);
	}
}

static int
put_dir(struct mirror *m, const char *l, const char *r, const char *rel,
    int depth)
{
	struct rdir	 d = { 0 };
	DIR		*dp;
	struct dirent	*de;

	if (depth > TREE_DEPTH_MAX) {
		m_failed(m, l, "tree too deep");
		return -1;
	}
	if ((dp = opendir(l)) == NULL) {
		m_failed(m, l, strerror(errno));
		return -1;
	}
	if (put_remote_dir(m, l, r, &d) == -1) {
		closedir(dp);
		return -1;
	}
	while ((de = readdir(dp)) != NULL && !ftp_interrupted()) {
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			put_entry(m, &d, de->d_name, l, r, rel, depth);
	}
	closedir(dp);
	if (m->flags & FTP_MIRROR_DELETE)
		put_extra(m, &d, r, rel);
	rdir_free(&d);
	return 0;
}

/* Removals (--delete), depth first; with --dry-run only told. */

static void
rm_done(struct mirror *m, int isdir, const char *rel)
{
	m->st->deleted++;
	m_note(m, isdir ? FTP_MIRROR_RMDIR : FTP_MIRROR_RM, rel);
}

/*
 * name in the directory dfd, never following a symlink: a link is
 * removed itself, and a directory is opened O_NOFOLLOW, so a link put
 * in its place meanwhile fails instead of leading out of the tree.
 */
static void
rm_local(struct mirror *m, int dfd, const char *name, const char *rel,
    int depth)
{
	struct stat	 st;
	DIR		*dp;
	struct dirent	*de;
	char		*sub;
	int		 fd, dry = m->flags & FTP_MIRROR_DRYRUN;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1) {
		m_failed(m, rel, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (!dry && unlinkat(dfd, name, 0) == -1)
			m_failed(m, rel, strerror(errno));
		else
			rm_done(m, 0, rel);
		return;
	}
	if (depth > TREE_DEPTH_MAX ||
	    (fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1 || (dp = fdopendir(fd)) == NULL) {
		m_failed(m, rel, depth > TREE_DEPTH_MAX ? "tree too deep" :
		    strerror(errno));
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		sub = tree_path_cat(rel, de->d_name);
		rm_local(m, dirfd(dp), de->d_name, sub, depth + 1);
		free(sub);
	}
	closedir(dp);
	if (!dry && unlinkat(dfd, name, AT_REMOVEDIR) == -1)
		m_failed(m, rel, strerror(errno));
	else
		rm_done(m, 1, rel);
}

static void
rm_remote(struct mirror *m, const char *path, int isdir, const char *rel,
    int depth)
{
	struct rdir	 d = { 0 };
	char		*p, *q;
	size_t		 i;
	int		 dry = m->flags & FTP_MIRROR_DRYRUN;

	if (!isdir) {
		if (!dry && ftp_delete(m->f, path) == -1)
			m_failed(m, path, ftp_error(m->f));
		else
			rm_done(m, 0, rel);
		return;
	}
	if (depth > TREE_DEPTH_MAX || rdir_list(m->f, path, &d) == -1) {
		m_failed(m, path, depth > TREE_DEPTH_MAX ? "tree too deep" :
		    ftp_error(m->f));
		rdir_free(&d);
		return;
	}
	for (i = 0; i < d.n && !ftp_interrupted(); i++) {
		if (tree_name_unsafe(d.e[i].name))
			continue;
		p = tree_path_cat(path, d.e[i].name);
		q = tree_path_cat(rel, d.e[i].name);
		rm_remote(m, p, d.e[i].kind == LST_DIR, q, depth + 1);
		free(p);
		free(q);
	}
	rdir_free(&d);
	if (!dry && ftp_rmdir(m->f, path) == -1)
		m_failed(m, path, ftp_error(m->f));
	else
		rm_done(m, 1, rel);
}

static void
rm_run(struct mirror *m)
{
	size_t	 i;

	for (i = 0; i < m->rm.n && !ftp_interrupted(); i++) {
		if (m->flags & FTP_MIRROR_REVERSE)
			rm_remote(m, m->rm.src[i], m->rm.isdir[i], m->rm.rel[i],
			    0);
		else
			rm_local(m, AT_FDCWD, m->rm.src[i], m->rm.rel[i], 0);
	}
}

/* Transfers. */

static void
xfer_run(struct mirror *m, struct mlist *l, int flags)
{
	size_t	 i, failed = 0;
	uint64_t bytes = 0;

	if (l->n == 0)
		return;
	for (i = 0; i < l->n; i++)
		bytes += l->size[i];
	if (!(m->flags & FTP_MIRROR_DRYRUN))
		tree_files(m->f, !(m->flags & FTP_MIRROR_REVERSE), l->n, l->src,
		    l->dst, flags, m->cb->progress, m->cb->fail, m->cb->arg,
		    &failed);
	/* Which ones failed is known to the workers only: a share. */
	if (failed > 0)
		bytes = bytes / l->n * (l->n - failed);
	m->st->files += l->n - failed;
	m->st->failed += failed;
	m->st->bytes += bytes;
}

int
ftp_mirror(struct ftp *f, const char *remote, const char *local, int flags,
    const struct ftp_mirror_cb *cb, struct ftp_mirror_stats *st)
{
	struct mirror	 m = { .f = f, .flags = flags, .cb = cb, .st = st };

	memset(st, 0, sizeof(*st));
	if (remote == NULL || *remote == '\0')
		remote = ".";
	if (!(f->feat & FTP_FEAT_MLST))
		m.slack = 59;
	if (flags & FTP_MIRROR_REVERSE)
		put_dir(&m, local, remote, "", 0);
	else
		get_dir(&m, remote, local, "", 0);
	xfer_run(&m, &m.resume, FTP_RESUME);
	xfer_run(&m, &m.xfer, 0);
	if (!ftp_interrupted())
		rm_run(&m);
	mlist_free(&m.xfer);
	mlist_free(&m.resume);
	mlist_free(&m.rm);
	if (ftp_interrupted())
		return ftp_fail(f, "interrupted");
	if (st->failed > 0)
		return ftp_fail(f, "%zu file%s failed", st->failed,
		    st->failed == 1 ? "" : "s");
	return 0;
}
