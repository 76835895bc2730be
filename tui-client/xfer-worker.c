/*
 * The worker side of the transfer queue: runs in a forked child only.
 * It owns one FTP connection and carries out the jobs the UI sends,
 * one at a time (see xfer-int.h for the messages).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xfer-int.h"
#include "xfer.h"
#include "xio.h"

/* at most ten progress messages a second */
#define PROGRESS_NS	100000000L

static volatile sig_atomic_t w_cancel;
static int w_fd = -1;
/* data moved: a failure may leave a partial file */
static int w_started;
static struct timespec w_last;

static void
w_on_usr1(int sig)
{
	(void)sig;
	w_cancel = 1;
}

static void
w_send(enum wmsg_type type, uint64_t a, uint64_t b, uint64_t c, const char *s)
{
	char out[sizeof(struct wmsg) + XFER_MSG_MAX];
	struct wmsg m;
	size_t len = s ? strnlen(s, XFER_MSG_MAX) : 0;

	memset(&m, 0, sizeof m);
	m.type = type;
	m.len = (uint32_t)len;
	m.a = a;
	m.b = b;
	m.c = c;
	memcpy(out, &m, sizeof m);
	if (len)
		memcpy(out + sizeof m, s, len);
	/* The UI is gone if this fails: nothing left to report to. */
	if (xwrite_full(w_fd, out, sizeof m + len) == -1)
		_exit(1);
}

static char w_verify[128];	/* what the engine said about HASH */

static void
w_log(void *arg, enum ftp_log_dir d, const char *line)
{
	const char *p;

	(void)arg;
	w_send(W_LOG, d, 0, 0, line);
	if (d != FTP_LOG_INFO)
		return;
	if (strncmp(line, "cannot verify", 13) == 0)
		strlcpy(w_verify, "not verified", sizeof w_verify);
	else if ((p = strrchr(line, ':')) != NULL && strstr(p, " verified"))
		strlcpy(w_verify, p + 2, sizeof w_verify);
}

static char w_part[PATH_MAX];	/* the temporary told to the UI */
static int w_finishing;		/* the last report was "finishing" */

static int
w_progress(void *arg, const struct ftp_progress *p)
{
	struct timespec now;
	long ns;

	(void)arg;
	if (strcmp(p->part != NULL ? p->part : "", w_part) != 0) {
		strlcpy(w_part, p->part != NULL ? p->part : "", sizeof w_part);
		w_send(W_PART, 0, 0, 0, w_part);
	}
	if (w_cancel)
		return 1;
	if (p->done > p->offset)
		w_started = 1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (now.tv_sec - w_last.tv_sec) * 1000000000L +
	    (now.tv_nsec - w_last.tv_nsec);
	/* The end of "finishing" is news: 100% only then. */
	if (ns >= PROGRESS_NS || p->done == p->total || p->done == 0 ||
	    p->finishing != w_finishing) {
		w_last = now;
		w_finishing = p->finishing;
		w_send(W_PROG, p->done, p->total, p->offset,
		    p->finishing ? "finishing" : NULL);
	}
	return 0;
}

/* The modification time of a remote file (MDTM), or 0. */
static time_t
w_mdtm(struct ftp *f, const char *path)
{
	time_t t;

	if (!(ftp_features(f) & FTP_FEAT_MDTM) || ftp_mdtm(f, path, &t) == -1)
		return 0;
	return t;
}

static time_t
w_lmtime(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_mtime : 0;
}

/* Source and destination mtimes of a job, 0 where unknown. */
static void
w_times(struct ftp *f, const struct xfer_job *j, time_t *src, time_t *dst)
{
	*src = j->up ? w_lmtime(j->src) : w_mdtm(f, j->src);
	*dst = j->up ? w_mdtm(f, j->dst) : w_lmtime(j->dst);
}

static int
w_exists(struct ftp *f, const struct xfer_job *j, uint64_t dsz)
{
	time_t src, dst;

	w_times(f, j, &src, &dst);
	w_send(W_EXISTS, dsz, (uint64_t)dst, (uint64_t)src, NULL);
	return 0;
}

/*
 * XM_NEWER and XM_DIFFSIZE: overwrite, or the reason to skip.  An
 * unknown time or size is no reason to skip: the copy goes.
 */
static const char *
w_skip_why(struct ftp *f, const struct xfer_job *j, uint64_t dsz)
{
	time_t src, dst;

	if (j->mode == XM_DIFFSIZE)
		return j->size != FTP_SIZE_UNKNOWN && j->size == dsz ?
		    "skipped: same size" : NULL;
	w_times(f, j, &src, &dst);
	return src != 0 && dst != 0 && src <= dst ?
	    "skipped: not newer" : NULL;
}

static int
w_done(enum xfer_state st, const char *msg)
{
	w_send(W_DONE, st, 0, 0, msg);
	return 0;
}

/* Does the destination exist?  1 with its size, 0, or -1 (a directory). */
static int
w_dst_exists(struct ftp *f, const struct xfer_job *j, uint64_t *size)
{
	struct stat st;

	if (j->up)
		return ftp_size(f, j->dst, size) == 0;
	if (stat(j->dst, &st) == -1)
		return 0;
	if (S_ISDIR(st.st_mode))
		return -1;
	*size = (uint64_t)st.st_size;
	return 1;
}

/* Auto-rename: the first of dst.1 .. dst.999 that does not exist. */
static int
w_free_name(struct ftp *f, struct xfer_job *j)
{
	char *base = j->dst, *cand;
	uint64_t sz;
	int i;

	for (i = 1; i < 1000; i++) {
		cand = xasprintf("%s.%d", base, i);
		j->dst = cand;
		if (w_dst_exists(f, j, &sz) == 0) {
			free(base);
			return 0;
		}
		free(cand);
	}
	j->dst = base;
	return -1;
}

/*
 * A move: the transfer succeeded (and matched, when HASH is offered), so
 * the source goes.  Says what became of it, for the job's message.
 */
static const char *
w_unsource(struct ftp *f, const struct xfer_job *j)
{
	static char why[200];

	if (!j->move)
		return "ok";
	if (j->up ? unlink(j->src) == 0 : ftp_delete(f, j->src) == 0)
		return "moved";
	snprintf(why, sizeof why, "copied, source kept: %s",
	    j->up ? strerror(errno) : ftp_error(f));
	return why;
}

/* A download of dst failed before and kept its data (ftp_get_part)? */
static int
w_part_kept(const char *dst)
{
	struct stat st;
	char *part = ftp_get_part(dst);
	int kept = part != NULL && lstat(part, &st) == 0 &&
	    S_ISREG(st.st_mode) && st.st_size > 0;

	free(part);
	return kept;
}

static int
w_file(struct ftp *f, struct xfer_job *j)
{
	uint64_t dsz = 0;
	int flags = 0, ex, rc, created;
	const char *why;
	char msg[400];

	ex = w_dst_exists(f, j, &dsz);
	if (ex == -1)
		return w_done(XJ_FAILED, "destination is a directory");
	if (ex == 1) {
		if (j->mode == XM_ASK)
			return w_exists(f, j, dsz);
		if (j->mode == XM_SKIP)
			return w_done(XJ_SKIPPED, "skipped: exists");
		if ((j->mode == XM_NEWER || j->mode == XM_DIFFSIZE) &&
		    (why = w_skip_why(f, j, dsz)) != NULL)
			return w_done(XJ_SKIPPED, why);
		if (j->mode == XM_RESUME)
			flags |= FTP_RESUME;
		if (j->mode == XM_RENAME && w_free_name(f, j) == -1)
			return w_done(XJ_FAILED, "no free name to rename to");
		if (j->mode == XM_RENAME)
			w_send(W_LOG, FTP_LOG_INFO, 0, 0, j->dst);
	}
	/* Only a name that was free is ours to remove after a failure. */
	created = ex == 0 || j->mode == XM_RENAME;
	if (!j->up && ex == 0 && w_part_kept(j->dst))
		flags |= FTP_RESUME;	/* what a failed try kept */
	if (j->up)
		rc = ftp_put(f, j->src, j->dst, flags, w_progress, NULL);
	else
		rc = ftp_get(f, j->src, j->dst, flags, w_progress, NULL);
	if (rc == 0) {
		snprintf(msg, sizeof msg, "%s%s%s", w_unsource(f, j),
		    w_verify[0] ? ", " : "", w_verify);
		return w_done(XJ_DONE, msg);
	}
	snprintf(msg, sizeof msg, "%s", w_cancel ? "cancelled" : ftp_error(f));
	/*
	 * An upload to a new name that stopped midway leaves a stub there.
	 * One over an existing file went to a temporary the engine already
	 * removed: the old file is the server's good copy, never deleted.
	 */
	if (j->up && created && (w_started || w_cancel))
		(void)ftp_delete(f, j->dst);
	return w_done(w_cancel ? XJ_CANCELLED : XJ_FAILED, msg);
}

static int
w_name_ok(const char *name)
{
	return name[0] != '\0' && strchr(name, '/') == NULL &&
	    strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static int
w_scan_remote_cb(void *arg, const struct lst_entry *e)
{
	(void)arg;
	if (w_cancel)
		return 1;
	if (!w_name_ok(e->name))
		return 0;
	if (e->type == LST_DIR)
		w_send(W_ADD, 1, FTP_SIZE_UNKNOWN, 0, e->name);
	else if (e->type == LST_FILE || e->type == LST_LINK)
		w_send(W_ADD, 0, e->has_size ? e->size : FTP_SIZE_UNKNOWN, 0,
		    e->name);
	return 0;
}

static int
w_scan_local(struct xfer_job *j)
{
	struct dirent *de;
	struct stat st, lst;
	DIR *d;

	if ((d = opendir(j->src)) == NULL)
		return w_done(XJ_FAILED, strerror(errno));
	while (!w_cancel && (de = readdir(d)) != NULL) {
		if (!w_name_ok(de->d_name) || fstatat(dirfd(d), de->d_name,
		    &lst, AT_SYMLINK_NOFOLLOW) == -1 ||
		    fstatat(dirfd(d), de->d_name, &st, 0) == -1)
			continue;
		/* Directory symlinks are not followed: they could loop. */
		if (S_ISDIR(st.st_mode) && !S_ISLNK(lst.st_mode))
			w_send(W_ADD, 1, FTP_SIZE_UNKNOWN, 0, de->d_name);
		else if (S_ISREG(st.st_mode))
			w_send(W_ADD, 0, (uint64_t)st.st_size, 0, de->d_name);
	}
	closedir(d);
	return w_done(w_cancel ? XJ_CANCELLED : XJ_DONE, "folder listed");
}

static int
w_scan(struct ftp *f, struct xfer_job *j)
{
	struct stat st;

	if (j->up) {
		/* A failing MKD mostly means it exists; STOR says if not. */
		(void)ftp_mkdir(f, j->dst);
		return w_scan_local(j);
	}
	if (mkdir(j->dst, 0777) == -1 && (errno != EEXIST ||
	    stat(j->dst, &st) == -1 || !S_ISDIR(st.st_mode)))
		return w_done(XJ_FAILED, strerror(errno));
	if (ftp_list(f, j->src, w_scan_remote_cb, NULL) == -1)
		return w_done(w_cancel ? XJ_CANCELLED : XJ_FAILED,
		    ftp_error(f));
	return w_done(XJ_DONE, "folder listed");
}

/* Read the next job; -1 at EOF (the UI closed the pipe: time to go). */
static int
w_recv(int fd, struct xfer_job *j)
{
	struct wjob m;

	if (xread_full(fd, &m, sizeof m) != (ssize_t)sizeof m)
		return -1;
	if (m.srclen == 0 || m.dstlen == 0 || m.srclen > 65536 ||
	    m.dstlen > 65536)
		fatalx("worker: bad job message");
	memset(j, 0, sizeof *j);
	j->up = (int)m.up;
	j->isdir = (int)m.isdir;
	j->move = m.move != 0;
	j->mode = (enum xfer_mode)m.mode;
	j->size = m.size;
	j->src = xcalloc(1, (size_t)m.srclen + 1);
	j->dst = xcalloc(1, (size_t)m.dstlen + 1);
	if (xread_full(fd, j->src, m.srclen) != (ssize_t)m.srclen ||
	    xread_full(fd, j->dst, m.dstlen) != (ssize_t)m.dstlen)
		return -1;
	return 0;
}

static void
w_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = w_on_usr1;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	/* The UI's Esc watch on the terminal is the UI's, not ours. */
	ftp_set_wait_hook(-1, NULL, NULL);
	/* No terminal here: only what the browser accepted is accepted. */
	tls_set_ask(NULL, NULL);
	ftp_set_interrupt(NULL);
	/* Ctrl-C and resizes are for the UI in the same process group. */
	signal(SIGINT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGWINCH, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
}

static void
w_job(struct ftp **f, const struct ftp_opts *o, struct xfer_job *j)
{
	char err[512];

	w_cancel = 0;
	w_started = 0;
	w_part[0] = '\0';
	w_finishing = 0;
	w_verify[0] = '\0';
	if (*f == NULL && ftp_connect(o, f, err, sizeof err) == -1) {
		*f = NULL;
		w_done(XJ_FAILED, err);
		return;
	}
	if (j->isdir)
		w_scan(*f, j);
	else
		w_file(*f, j);
}

void
xfer_worker_main(const struct ftp_opts *opts, int rfd, int wfd)
{
	struct ftp_opts o = *opts;
	struct ftp *f = NULL;
	struct xfer_job j;

	w_fd = wfd;
	w_signals();
	o.log = w_log;
	o.log_arg = NULL;
	if (o.pass == NULL)
		o.pass = "";
	while (w_recv(rfd, &j) == 0) {
		w_job(&f, &o, &j);
		free(j.src);
		free(j.dst);
	}
	ftp_close(f);
	_exit(0);
}
