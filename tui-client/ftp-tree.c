/*
 * ftp-tree: recursive transfers.  A tree is first walked on the session's
 * own connection (listing remote directories, creating the directories
 * on the receiving side, empty ones included), which yields a plan of
 * file transfers; the plan then runs on this connection, or, with
 * ftp_set_parallel(n > 1), on n forked workers with a connection each
 * (stream mode needs one data connection per file, so parallel files
 * need parallel sessions).
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

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

struct plan {
	char	**src, **dst;
	int	 *islink;	/* remote symlink: a file or a directory */
	size_t	  n, cap;
};

struct tree {
	struct ftp	*f;
	int		 flags;
	ftp_progress_fn	 cb;
	void		*arg;
	int		 get;		/* direction */
	int		 named;		/* a list of files: errors name the file */
	ftp_fail_fn	 fail;		/* go on past failing files, told here */
	size_t		 failed;	/* files that failed (plan_run) */
	struct plan	 plan;
};

static void
plan_add(struct plan *p, const char *src, const char *dst, int islink)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->src = xreallocarray(p->src, p->cap, sizeof(*p->src));
		p->dst = xreallocarray(p->dst, p->cap, sizeof(*p->dst));
		p->islink = xreallocarray(p->islink, p->cap, sizeof(*p->islink));
	}
	p->src[p->n] = xstrdup(src);
	p->dst[p->n] = xstrdup(dst);
	p->islink[p->n] = islink;
	p->n++;
}

static void
plan_free(struct plan *p)
{
	size_t	 i;

	for (i = 0; i < p->n; i++) {
		free(p->src[i]);
		free(p->dst[i]);
	}
	free(p->src);
	free(p->dst);
	free(p->islink);
	memset(p, 0, sizeof(*p));
}

char *
tree_path_cat(const char *dir, const char *name)
{
	size_t	 l = strlen(dir);

	if (l > 0 && dir[l - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

int
tree_name_unsafe(const char *n)
{
	return *n == '\0' || strchr(n, '/') != NULL || strcmp(n, ".") == 0 ||
	    strcmp(n, "..") == 0;
}

/* Remote walk. */

struct names {
	char	**name;
	int	 *kind;		/* LST_DIR, LST_LINK, LST_FILE */
	size_t	  n, cap;
};

static int
names_add(void *arg, const struct lst_entry *e)
{
	struct names	*v = arg;

	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 32;
		v->name = xreallocarray(v->name, v->cap, sizeof(*v->name));
		v->kind = xreallocarray(v->kind, v->cap, sizeof(*v->kind));
	}
	v->name[v->n] = xstrdup(e->name);
	v->kind[v->n] = e->type == LST_DIR || e->type == LST_LINK ?
	    (int)e->type : LST_FILE;
	v->n++;
	return 0;
}

static void
names_free(struct names *v)
{
	size_t	 i;

	for (i = 0; i < v->n; i++)
		free(v->name[i]);
	free(v->name);
	free(v->kind);
}

int
tree_local_mkdir(struct ftp *f, const char *path)
{
	struct stat	 st;

	if (mkdir(path, 0777) == 0 ||
	    (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
		return 0;
	return ftp_fail(f, "%s: %s", path, strerror(errno));
}

static int
get_walk(struct tree *t, const char *remote, const char *local, int depth)
{
	struct names	 v = { 0 };
	char		*r, *l;
	size_t		 i;
	int		 rc;

	if (depth > TREE_DEPTH_MAX)
		return ftp_fail(t->f, "%s: tree too deep", remote);
	rc = ftp_list(t->f, remote, names_add, &v);
	if (rc == 0)
		rc = tree_local_mkdir(t->f, local);
	for (i = 0; i < v.n && rc == 0; i++) {
		if (tree_name_unsafe(v.name[i])) {
			ftp_logf(t->f, FTP_LOG_INFO, "skipping unsafe name %s",
			    v.name[i]);
			continue;
		}
		r = tree_path_cat(remote, v.name[i]);
		l = tree_path_cat(local, v.name[i]);
		if (v.kind[i] == LST_DIR)
			rc = get_walk(t, r, l, depth + 1);
		else
			plan_add(&t->plan, r, l, v.kind[i] == LST_LINK);
		free(r);
		free(l);
	}
	names_free(&v);
	return rc;
}

/* Local walk. */

int
tree_remote_mkdir(struct ftp *f, const char *path)
{
	char	 save[FTP_ERR_MAX];
	int	 code;

	if (ftp_mkdir(f, path) == 0)
		return 0;
	memcpy(save, f->err, sizeof(save));
	code = ftp_cmd(f, "CWD", path);
	if (code == 250 && f->cwd != NULL)
		ctl_cmd(f, "CWD", f->cwd);
	if (code == 250)
		return 0;
	memcpy(f->err, save, sizeof(save));
	f->code = 550;
	return -1;
}

static int	put_walk(struct tree *, const char *, const char *, int);

static int
put_walk_entry(struct tree *t, const char *l, const char *r, int depth)
{
	struct stat	 st;

	if (lstat(l, &st) == -1)
		return ftp_fail(t->f, "%s: %s", l, strerror(errno));
	/* Symlinks: files are sent, directories skipped (loops). */
	if (S_ISLNK(st.st_mode) && stat(l, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (S_ISDIR(st.st_mode))
		return put_walk(t, l, r, depth + 1);
	if (S_ISREG(st.st_mode))
		plan_add(&t->plan, l, r, 0);
	else
		ftp_logf(t->f, FTP_LOG_INFO, "skipping %s: not a file", l);
	return 0;
}

static int
put_walk(struct tree *t, const char *local, const char *remote, int depth)
{
	DIR		*d;
	struct dirent	*de;
	char		*l, *r;
	int		 rc = 0;

	if (depth > TREE_DEPTH_MAX)
		return ftp_fail(t->f, "%s: tree too deep", local);
	if ((d = opendir(local)) == NULL)
		return ftp_fail(t->f, "%s: %s", local, strerror(errno));
	if (tree_remote_mkdir(t->f, remote) == -1) {
		closedir(d);
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		l = tree_path_cat(local, de->d_name);
		r = tree_path_cat(remote, de->d_name);
		rc = put_walk_entry(t, l, r, depth);
		free(l);
		free(r);
	}
	closedir(d);
	return rc;
}

/* Running the plan. */

static int
plan_one(struct tree *t, struct ftp *f, size_t i)
{
	struct tree	 sub = *t;
	int		 rc;

	if (!t->get)
		return ftp_put(f, t->plan.src[i], t->plan.dst[i], t->flags,
		    t->cb, t->arg);
	if (ftp_get(f, t->plan.src[i], t->plan.dst[i], t->flags, t->cb,
	    t->arg) == 0)
		return 0;
	if (!t->plan.islink[i] || ftp_reply_code(f) / 100 != 5)
		return -1;
	/* A link that RETR refused is taken for a directory. */
	sub.f = f;
	memset(&sub.plan, 0, sizeof(sub.plan));
	rc = get_walk(&sub, t->plan.src[i], t->plan.dst[i], 1);
	for (size_t j = 0; rc == 0 && j < sub.plan.n; j++)
		rc = plan_one(&sub, f, j);
	plan_free(&sub.plan);
	return rc;
}

/*
 * In a list of unrelated files (mget), a reply such as "550 Permission
 * denied" alone does not say which one failed.
 */
static void
error_name(struct ftp *f, const char *name)
{
	char	 save[FTP_ERR_MAX];
	size_t	 l = strlen(name);
	int	 code = f->code;

	if (strncmp(f->err, name, l) == 0 && f->err[l] == ':')
		return;
	memcpy(save, f->err, sizeof(save));
	/* A long name cuts the reply short: the message stays one line. */
	if (snprintf(f->err, sizeof(f->err), "%s: ", name) <
	    (int)sizeof(f->err))
		strlcat(f->err, save, sizeof(f->err));
	f->code = code;
}

static int
plan_item(struct tree *t, struct ftp *f, size_t i)
{
	if (plan_one(t, f, i) == 0)
		return 0;
	if (t->fail != NULL)
		t->fail(t->arg, t->plan.src[i], ftp_error(f));
	else if (t->named)
		error_name(f, t->plan.src[i]);
	return -1;
}

/* After a failed file: stop, or go on to the next one? */
static int
plan_stop(const struct tree *t)
{
	return t->fail == NULL || ftp_interrupted();
}

/*
 * One worker: files k, k + n, k + 2n ... on a connection of its own.
 * Exits with the number of failed files; without a fail callback it
 * stops at the first and writes its message to errfd.
 */
static void
worker(struct tree *t, unsigned k, unsigned n, int errfd)
{
	struct ftp	*w;
	const char	*msg;
	char		 err[FTP_ERR_MAX];
	size_t		 i;
	unsigned	 failed = 0;

	if (ftp_clone(t->f, &w, err, sizeof(err)) == -1)
		w = NULL;
	for (i = k; i < t->plan.n; i += n) {
		if (w != NULL && plan_item(t, w, i) == 0)
			continue;
		failed++;
		if (w == NULL && t->fail != NULL)
			t->fail(t->arg, t->plan.src[i], err);
		if (plan_stop(t))
			break;
	}
	if (failed > 0 && t->fail == NULL) {
		msg = w != NULL ? ftp_error(w) : err;
		(void)!write(errfd, msg, strlen(msg));
	}
	ftp_close(w);
	_exit(failed < 255 ? (int)failed : 255);
}

/* The message of a failed list, when each file was told to t->fail. */
static void
plan_failed(struct tree *t, size_t failed)
{
	if (failed > 0)
		ftp_fail(t->f, "%zu of %zu files failed", failed, t->plan.n);
	else
		ftp_fail(t->f, "a transfer worker failed");
}

static int
plan_parallel(struct tree *t, unsigned n)
{
	pid_t		 pid[FTP_PARALLEL_MAX];
	int		 fds[2], st, rc = 0, forked = 1;
	unsigned	 k;
	ssize_t		 got;
	size_t		 failed = 0;

	if (pipe2(fds, O_CLOEXEC) == -1)
		return ftp_fail(t->f, "pipe: %s", strerror(errno));
	fflush(NULL);
	for (k = 0; k < n; k++) {
		if ((pid[k] = fork()) == -1) {
			rc = ftp_fail(t->f, "fork: %s", strerror(errno));
			forked = 0;
			break;
		}
		if (pid[k] == 0) {
			xclose(fds[0]);
			worker(t, k, n, fds[1]);
		}
	}
	xclose(fds[1]);
	while (k-- > 0) {
		if (waitpid(pid[k], &st, 0) == -1 || !WIFEXITED(st)) {
			rc = -1;
		} else if (WEXITSTATUS(st) != 0) {
			rc = -1;
			failed += (size_t)WEXITSTATUS(st);
		}
	}
	t->failed = failed;
	if (rc == -1 && forked && t->fail != NULL) {
		plan_failed(t, failed);
	} else if (rc == -1 && forked) {
		got = read(fds[0], t->f->err, sizeof(t->f->err) - 1);
		t->f->err[got > 0 ? got : 0] = '\0';
		if (got <= 0)
			ftp_fail(t->f, "a transfer worker failed");
		t->f->code = 0;
	}
	xclose(fds[0]);
	return rc;
}

static int
plan_run(struct tree *t)
{
	unsigned	 n = t->f->parallel;
	size_t		 i;

	size_t		 failed = 0;

	if (n > t->plan.n)
		n = (unsigned)t->plan.n;
	if (n > 1)
		return plan_parallel(t, n);
	for (i = 0; i < t->plan.n; i++) {
		if (plan_item(t, t->f, i) == 0)
			continue;
		failed++;
		if (plan_stop(t))
			break;
	}
	t->failed = failed;
	if (failed > 0 && t->fail != NULL)
		plan_failed(t, failed);
	return failed > 0 ? -1 : 0;
}

static int
tree_run(struct tree *t, const char *src, const char *dst)
{
	int	 rc;

	if (t->get)
		rc = get_walk(t, src, dst, 0);
	else
		rc = put_walk(t, src, dst, 0);
	if (rc == 0)
		rc = plan_run(t);
	plan_free(&t->plan);
	return rc;
}

int
ftp_get_tree(struct ftp *f, const char *remote, const char *local, int flags,
    ftp_progress_fn cb, void *arg)
{
	struct tree	 t = { .f = f, .flags = flags, .cb = cb, .arg = arg,
			    .get = 1 };

	return tree_run(&t, remote, local);
}

int
ftp_put_tree(struct ftp *f, const char *local, const char *remote, int flags,
    ftp_progress_fn cb, void *arg)
{
	struct tree	 t = { .f = f, .flags = flags, .cb = cb, .arg = arg };

	return tree_run(&t, local, remote);
}

static int
files_run(struct tree *t, size_t n, char *const *src, char *const *dst)
{
	size_t	 i;
	int	 rc;

	t->named = 1;
	for (i = 0; i < n; i++)
		plan_add(&t->plan, src[i], dst[i], 0);
	rc = plan_run(t);
	plan_free(&t->plan);
	return rc;
}

int
ftp_get_files(struct ftp *f, size_t n, char *const *remote,
    char *const *local, int flags, ftp_progress_fn cb, ftp_fail_fn fail,
    void *arg)
{
	struct tree	 t = { .f = f, .flags = flags, .cb = cb, .arg = arg,
			    .get = 1, .fail = fail };

	return files_run(&t, n, remote, local);
}

int
ftp_put_files(struct ftp *f, size_t n, char *const *local,
    char *const *remote, int flags, ftp_progress_fn cb, ftp_fail_fn fail,
    void *arg)
{
	struct tree	 t = { .f = f, .flags = flags, .cb = cb, .arg = arg,
			    .fail = fail };

	return files_run(&t, n, local, remote);
}

int
tree_files(struct ftp *f, int get, size_t n, char *const *src,
    char *const *dst, int flags, ftp_progress_fn cb, ftp_fail_fn fail,
    void *arg, size_t *failed)
{
	struct tree	 t = { .f = f, .flags = flags, .cb = cb, .arg = arg,
			    .get = get, .fail = fail };
	int		 rc;

	rc = files_run(&t, n, src, dst);
	/* A worker that died without a count is one failure at least. */
	*failed = rc == -1 && t.failed == 0 ? 1 : t.failed;
	return rc;
}
