#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pane.h"
#include "xfer.h"
#include "xio.h"

#define FINISHED_KEEP	64
#define MSG_MAX		4096
#define PROGRESS_NS	100000000L	/* at most ten progress messages a second */

/* Worker -> UI message: this header, then len bytes of text. */
enum wmsg_type { W_LOG = 1, W_PROG, W_EXISTS, W_ADD, W_DONE };
struct wmsg {
	uint32_t	type;
	uint32_t	len;
	uint64_t	a, b, c;
};

/* ---- the worker side: runs in the forked child only ---- */

static volatile sig_atomic_t w_cancel;
static int w_fd = -1;
static int w_started;		/* data moved: a failure may leave a partial file */
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
	char out[sizeof(struct wmsg) + MSG_MAX];
	struct wmsg m;
	size_t len = s ? strnlen(s, MSG_MAX) : 0;

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

static int
w_progress(void *arg, const struct ftp_progress *p)
{
	struct timespec now;
	long ns;

	(void)arg;
	if (w_cancel)
		return 1;
	if (p->done > p->offset)
		w_started = 1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (now.tv_sec - w_last.tv_sec) * 1000000000L +
	    (now.tv_nsec - w_last.tv_nsec);
	if (ns >= PROGRESS_NS || p->done == p->total || p->done == 0) {
		w_last = now;
		w_send(W_PROG, p->done, p->total, p->offset, NULL);
	}
	return 0;
}

static int
w_exists(uint64_t dsz)
{
	w_send(W_EXISTS, dsz, 0, 0, NULL);
	return 0;
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

static int
w_file(struct ftp *f, struct xfer_job *j)
{
	uint64_t dsz = 0;
	int flags = 0, ex, rc;
	char msg[300];

	ex = w_dst_exists(f, j, &dsz);
	if (ex == -1)
		return w_done(XJ_FAILED, "destination is a directory");
	if (ex == 1) {
		if (j->mode == XM_ASK)
			return w_exists(dsz);
		if (j->mode == XM_SKIP)
			return w_done(XJ_SKIPPED, "skipped: exists");
		if (j->mode == XM_RESUME)
			flags |= FTP_RESUME;
		if (j->mode == XM_RENAME && w_free_name(f, j) == -1)
			return w_done(XJ_FAILED, "no free name to rename to");
		if (j->mode == XM_RENAME)
			w_send(W_LOG, FTP_LOG_INFO, 0, 0, j->dst);
	}
	if (j->up)
		rc = ftp_put(f, j->src, j->dst, flags, w_progress, NULL);
	else
		rc = ftp_get(f, j->src, j->dst, flags, w_progress, NULL);
	if (rc == 0) {
		snprintf(msg, sizeof msg, "ok%s%s", w_verify[0] ? ", " : "",
		    w_verify);
		return w_done(XJ_DONE, msg);
	}
	snprintf(msg, sizeof msg, "%s", w_cancel ? "cancelled" : ftp_error(f));
	/* An upload that stopped midway leaves a stub on the server. */
	if (j->up && !(flags & FTP_RESUME) && (w_started || w_cancel))
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
		if (!w_name_ok(de->d_name) ||
		    fstatat(dirfd(d), de->d_name, &lst, AT_SYMLINK_NOFOLLOW) == -1 ||
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
		/* Failing MKD usually means it exists; STOR will tell otherwise. */
		(void)ftp_mkdir(f, j->dst);
		return w_scan_local(j);
	}
	if (mkdir(j->dst, 0777) == -1 &&
	    (errno != EEXIST || stat(j->dst, &st) == -1 || !S_ISDIR(st.st_mode)))
		return w_done(XJ_FAILED, strerror(errno));
	if (ftp_list(f, j->src, w_scan_remote_cb, NULL) == -1)
		return w_done(w_cancel ? XJ_CANCELLED : XJ_FAILED, ftp_error(f));
	return w_done(XJ_DONE, "folder listed");
}

__attribute__((noreturn)) static void
w_main(const struct xfer *x, struct xfer_job *j, int fd)
{
	struct sigaction sa;
	struct ftp_opts o = x->opts;
	struct ftp *f;
	char err[512];

	w_fd = fd;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = w_on_usr1;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGINT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGWINCH, SIG_DFL);
	o.log = w_log;
	o.log_arg = NULL;
	if (o.pass == NULL)
		o.pass = "";
	if (ftp_connect(&o, &f, err, sizeof err) == -1) {
		w_done(XJ_FAILED, err);
		_exit(0);
	}
	if (j->isdir)
		w_scan(f, j);
	else
		w_file(f, j);
	ftp_close(f);
	_exit(0);
}

/* ---- the UI side ---- */

void
xfer_init(struct xfer *x, const struct ftp_opts *o, unsigned parallel,
    xfer_log_fn log, void *log_arg)
{
	memset(x, 0, sizeof *x);
	TAILQ_INIT(&x->jobs);
	TAILQ_INIT(&x->finished);
	x->opts = *o;
	x->parallel = parallel ? parallel : 2;
	x->policy = XM_ASK;
	x->log = log;
	x->log_arg = log_arg;
}

static void
job_free(struct xfer_job *j)
{
	free(j->src);
	free(j->dst);
	buf_free(&j->in);
	free(j);
}

void
xfer_add(struct xfer *x, int up, int isdir, const char *src, const char *dst,
    uint64_t size)
{
	struct xfer_job *j = xcalloc(1, sizeof *j);

	j->up = up;
	j->isdir = isdir;
	j->src = xstrdup(src);
	j->dst = xstrdup(dst);
	j->size = size;
	j->total = size;
	j->state = XJ_QUEUED;
	j->mode = XM_ASK;
	j->pid = -1;
	j->fd = -1;
	buf_init(&j->in);
	TAILQ_INSERT_TAIL(&x->jobs, j, entry);
}

/* Move a job that will not run again to the finished list. */
static int
job_finish(struct xfer *x, struct xfer_job *j, enum xfer_state st)
{
	struct xfer_job *old;

	j->state = st;
	TAILQ_REMOVE(&x->jobs, j, entry);
	TAILQ_INSERT_TAIL(&x->finished, j, entry);
	/* An "all" answer is for this batch, not for the next copy. */
	if (TAILQ_EMPTY(&x->jobs))
		x->policy = XM_ASK;
	if (st == XJ_DONE && !j->isdir)
		x->ok++;
	else if (st == XJ_FAILED)
		x->failed++;
	if (!j->isdir || st == XJ_DONE) {
		if (j->up)
			x->changed_remote = 1;
		else
			x->changed_local = 1;
	}
	if (++x->nfinished > FINISHED_KEEP) {
		old = TAILQ_FIRST(&x->finished);
		TAILQ_REMOVE(&x->finished, old, entry);
		job_free(old);
		x->nfinished--;
	}
	return 0;
}

static int
job_launch(struct xfer *x, struct xfer_job *j)
{
	int p[2];
	pid_t pid;

	if (j->mode == XM_ASK && !j->isdir)
		j->mode = x->policy;
	if (pipe2(p, O_CLOEXEC) == -1) {
		snprintf(j->msg, sizeof j->msg, "pipe: %s", strerror(errno));
		return job_finish(x, j, XJ_FAILED);
	}
	if ((pid = fork()) == -1) {
		snprintf(j->msg, sizeof j->msg, "fork: %s", strerror(errno));
		xclose(p[0]);
		xclose(p[1]);
		return job_finish(x, j, XJ_FAILED);
	}
	if (pid == 0) {
		xclose(p[0]);
		w_main(x, j, p[1]);
	}
	xclose(p[1]);
	xset_nonblock(p[0], 1);
	j->pid = pid;
	j->fd = p[0];
	j->state = XJ_RUNNING;
	j->done = j->offset = 0;
	j->cancelled = 0;
	buf_reset(&j->in);
	clock_gettime(CLOCK_MONOTONIC, &j->start);
	return 0;
}

size_t
xfer_running(struct xfer *x)
{
	struct xfer_job *j;
	size_t n = 0;

	TAILQ_FOREACH(j, &x->jobs, entry)
		n += j->state == XJ_RUNNING;
	return n;
}

void
xfer_start(struct xfer *x)
{
	struct xfer_job *j, *next;
	size_t running = xfer_running(x);

	for (j = TAILQ_FIRST(&x->jobs); j != NULL && running < x->parallel;
	    j = next) {
		next = TAILQ_NEXT(j, entry);
		if (j->state != XJ_QUEUED)
			continue;
		job_launch(x, j);
		running += j->state == XJ_RUNNING;
	}
}

size_t
xfer_pollfds(struct xfer *x, struct pollfd *pfd, size_t max)
{
	struct xfer_job *j;
	size_t n = 0;

	TAILQ_FOREACH(j, &x->jobs, entry) {
		if (j->fd == -1 || n == max)
			continue;
		pfd[n].fd = j->fd;
		pfd[n].events = POLLIN;
		pfd[n].revents = 0;
		n++;
	}
	return n;
}

/* A child of directory job j: queued right away, after the others. */
static void
job_child(struct xfer *x, struct xfer_job *j, const struct wmsg *m,
    const char *name)
{
	char src[PANE_PATH_MAX], dst[PANE_PATH_MAX];

	if (pane_join(j->src, name, src, sizeof src) == -1 ||
	    pane_join(j->dst, name, dst, sizeof dst) == -1)
		return;
	xfer_add(x, j->up, m->a != 0, src, dst, m->b);
}

static void
job_message(struct xfer *x, struct xfer_job *j, const struct wmsg *m,
    const char *text)
{
	switch (m->type) {
	case W_LOG:
		if (x->log)
			x->log(x->log_arg, (enum ftp_log_dir)m->a, text);
		break;
	case W_PROG:
		j->done = m->a;
		j->total = m->b;
		j->offset = m->c;
		break;
	case W_EXISTS:
		j->dstsize = m->a;
		j->state = XJ_ASK;
		/*
		 * Answered for the whole batch while this worker was looking:
		 * settled when the worker is reaped (job_reap).
		 */
		if (x->policy == XM_SKIP) {
			strlcpy(j->msg, "skipped: exists", sizeof j->msg);
			j->state = XJ_SKIPPED;
		} else if (x->policy != XM_ASK) {
			j->mode = x->policy;
			j->state = XJ_QUEUED;
		}
		break;
	case W_ADD:
		job_child(x, j, m, text);
		break;
	case W_DONE:
		strlcpy(j->msg, text, sizeof j->msg);
		j->state = (enum xfer_state)m->a;
		break;
	}
}

/* Take the complete messages out of j->in. */
static void
job_parse(struct xfer *x, struct xfer_job *j)
{
	struct wmsg m;
	char text[MSG_MAX + 1];

	while (j->in.len >= sizeof m) {
		memcpy(&m, j->in.data, sizeof m);
		if (m.len > MSG_MAX)
			bug("worker message of %u bytes", m.len);
		if (j->in.len < sizeof m + m.len)
			break;
		memcpy(text, j->in.data + sizeof m, m.len);
		text[m.len] = '\0';
		buf_consume(&j->in, sizeof m + m.len);
		job_message(x, j, &m, text);
	}
}

/* The worker closed its pipe: collect it and settle the job. */
static void
job_reap(struct xfer *x, struct xfer_job *j)
{
	int status;

	xclose(j->fd);
	j->fd = -1;
	while (waitpid(j->pid, &status, 0) == -1 && errno == EINTR)
		;
	j->pid = -1;
	if (j->state == XJ_ASK || j->state == XJ_QUEUED)
		return;
	if (j->state == XJ_RUNNING) {
		strlcpy(j->msg, j->cancelled ? "cancelled" : "worker died",
		    sizeof j->msg);
		j->state = j->cancelled ? XJ_CANCELLED : XJ_FAILED;
	}
	job_finish(x, j, j->state);
}

/* Drain one worker's pipe.  Returns 1 when something arrived. */
static int
job_read(struct xfer *x, struct xfer_job *j)
{
	char tmp[16384];
	ssize_t n;
	int any = 0;

	for (;;) {
		n = read(j->fd, tmp, sizeof tmp);
		if (n > 0) {
			buf_add(&j->in, tmp, (size_t)n);
			job_parse(x, j);
			any = 1;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN)
			return any;
		job_reap(x, j);
		return 1;
	}
}

int
xfer_poll(struct xfer *x)
{
	struct xfer_job *j, *next;
	int any = 0;

	for (j = TAILQ_FIRST(&x->jobs); j != NULL; j = next) {
		next = TAILQ_NEXT(j, entry);
		if (j->fd != -1)
			any |= job_read(x, j);
	}
	/* job_read may have queued children after next: start them too. */
	xfer_start(x);
	return any;
}

struct xfer_job *
xfer_asking(struct xfer *x)
{
	struct xfer_job *j;

	TAILQ_FOREACH(j, &x->jobs, entry)
		if (j->state == XJ_ASK && j->fd == -1)
			return j;
	return NULL;
}

static int
job_answer(struct xfer *x, struct xfer_job *j, enum xfer_mode m)
{
	if (m == XM_SKIP) {
		strlcpy(j->msg, "skipped: exists", sizeof j->msg);
		return job_finish(x, j, XJ_SKIPPED);
	}
	j->mode = m;
	j->state = XJ_QUEUED;
	return 0;
}

void
xfer_decide(struct xfer *x, struct xfer_job *j, enum xfer_mode m, int all,
    const char *newdst)
{
	struct xfer_job *o, *next;

	if (newdst != NULL) {
		free(j->dst);
		j->dst = xstrdup(newdst);
		m = XM_ASK;	/* the new name may exist too */
	}
	job_answer(x, j, m);
	if (all && newdst == NULL) {
		x->policy = m;
		for (o = TAILQ_FIRST(&x->jobs); o != NULL; o = next) {
			next = TAILQ_NEXT(o, entry);
			if (o->state == XJ_ASK && o->fd == -1)
				job_answer(x, o, m);
		}
	}
	xfer_start(x);
}

int
xfer_cancel_one(struct xfer *x)
{
	struct xfer_job *j;

	TAILQ_FOREACH(j, &x->jobs, entry) {
		if (j->state == XJ_RUNNING && !j->cancelled) {
			j->cancelled = 1;
			kill(j->pid, SIGUSR1);
			return 0;
		}
	}
	return -1;
}

void
xfer_cancel_all(struct xfer *x)
{
	struct xfer_job *j, *next;

	for (j = TAILQ_FIRST(&x->jobs); j != NULL; j = next) {
		next = TAILQ_NEXT(j, entry);
		if (j->state == XJ_RUNNING) {
			j->cancelled = 1;
			kill(j->pid, SIGUSR1);
		} else if (j->fd == -1) {
			strlcpy(j->msg, "cancelled", sizeof j->msg);
			job_finish(x, j, XJ_CANCELLED);
		}
	}
	x->policy = XM_ASK;
}

void
xfer_shutdown(struct xfer *x)
{
	struct xfer_job *j;
	struct pollfd pfd[64];
	int i;

	xfer_cancel_all(x);
	/* Give the workers a moment to send ABOR and clean up. */
	for (i = 0; i < 50 && xfer_running(x) > 0; i++) {
		size_t n = xfer_pollfds(x, pfd, 64);

		if (n)
			(void)poll(pfd, n, 100);
		xfer_poll(x);
		xfer_cancel_all(x);
	}
	while ((j = TAILQ_FIRST(&x->jobs)) != NULL) {
		if (j->pid > 0) {
			kill(j->pid, SIGKILL);
			job_reap(x, j);
			continue;
		}
		TAILQ_REMOVE(&x->jobs, j, entry);
		job_free(j);
	}
	while ((j = TAILQ_FIRST(&x->finished)) != NULL) {
		TAILQ_REMOVE(&x->finished, j, entry);
		job_free(j);
	}
}

size_t
xfer_pending(struct xfer *x, uint64_t *bytes)
{
	struct xfer_job *j;
	size_t n = 0;
	uint64_t b = 0;

	TAILQ_FOREACH(j, &x->jobs, entry) {
		if (j->isdir)
			continue;
		n++;
		if (j->total != FTP_SIZE_UNKNOWN && j->total >= j->done)
			b += j->total - j->done;
	}
	if (bytes)
		*bytes = b;
	return n;
}

double
xfer_rate(const struct xfer_job *j, const struct timespec *now)
{
	double secs = (double)(now->tv_sec - j->start.tv_sec) +
	    (double)(now->tv_nsec - j->start.tv_nsec) / 1e9;

	if (secs < 0.2 || j->done < j->offset)
		return 0;
	return (double)(j->done - j->offset) / secs;
}
