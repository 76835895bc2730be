/*
 * The UI side of the transfer queue: jobs, worker slots, messages.  The
 * worker side is xfer-worker.c.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "pane.h"
#include "xfer-int.h"
#include "xfer.h"
#include "xio.h"

/* The queue view lists the session's finished jobs: keep plenty. */
#define FINISHED_KEEP	100000
#define SHUTDOWN_MS	3000	/* workers get this long to ABOR and QUIT */

struct xfer_worker {
	pid_t		 pid;		/* -1 when the slot has no process */
	int		 rfd;		/* messages from the worker */
	int		 wfd;		/* jobs to the worker */
	struct buf	 in;		/* partial messages */
	struct xfer_job	*job;		/* the job it runs, or NULL when idle */
};

void
xfer_init(struct xfer *x, const struct ftp_opts *o, unsigned parallel,
    xfer_log_fn log, void *log_arg)
{
	unsigned i;

	memset(x, 0, sizeof *x);
	TAILQ_INIT(&x->jobs);
	TAILQ_INIT(&x->finished);
	TAILQ_INIT(&x->rmdirs);
	x->opts = *o;
	x->parallel = parallel ? parallel : 2;
	x->policy = XM_ASK;
	x->log = log;
	x->log_arg = log_arg;
	x->workers = xcalloc(x->parallel, sizeof *x->workers);
	for (i = 0; i < x->parallel; i++) {
		x->workers[i].pid = -1;
		x->workers[i].rfd = x->workers[i].wfd = -1;
		buf_init(&x->workers[i].in);
	}
}

static void
job_free(struct xfer_job *j)
{
	free(j->src);
	free(j->dst);
	free(j->part);
	free(j);
}

struct xfer_job *
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
	j->worker = -1;
	/* A top-level job's root is its directory; children inherit it. */
	j->rootlen = strrchr(j->dst, '/') != NULL ?
	    (size_t)(strrchr(j->dst, '/') - j->dst) + 1 : 0;
	if (TAILQ_EMPTY(&x->jobs))
		x->batch_files = x->batch_done = 0;
	TAILQ_INSERT_TAIL(&x->jobs, j, entry);
	x->batch_files += !isdir;
	return j;
}

/* A moved directory is listed: remove it once its entries have moved. */
static void
job_rmdir_later(struct xfer *x, struct xfer_job *j)
{
	struct xfer_job *r = xcalloc(1, sizeof *r);

	r->up = j->up;
	r->isdir = 1;
	r->src = xstrdup(j->src);
	r->dst = xstrdup(j->dst);
	r->worker = -1;
	TAILQ_INSERT_TAIL(&x->rmdirs, r, entry);
}

#define PART_TRIES	5
#define PART_WAIT_NS	1000000000L	/* between tries at an orphaned part */

/* Queue the removal of a remote temporary, tried a second from now. */
static void
part_later(struct xfer *x, const char *path, unsigned tries, int head)
{
	struct xfer_job *r = xcalloc(1, sizeof *r);

	r->src = xstrdup(path);
	r->dst = xstrdup(path);
	r->worker = -1;
	r->tries = tries;
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	/* At the head, a retry waits behind the directories. */
	if (head)
		TAILQ_INSERT_HEAD(&x->rmdirs, r, entry);
	else
		TAILQ_INSERT_TAIL(&x->rmdirs, r, entry);
}

/* Worker of an upload died: its temporary is left for the UI to remove. */
static void
job_orphan_part(struct xfer *x, struct xfer_job *j)
{
	part_later(x, j->part, 1, 0);
	free(j->part);
	j->part = NULL;
}

void
xfer_part_again(struct xfer *x, const char *path)
{
	if (x->part_tries < PART_TRIES)
		part_later(x, path, x->part_tries + 1, 1);
}

static int
part_due(const struct xfer_job *r)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - r->start.tv_sec) * 1000000000L +
	    (now.tv_nsec - r->start.tv_nsec) >= PART_WAIT_NS;
}

int
xfer_next_rmdir(struct xfer *x, char *path, size_t size, int *up, int *isdir)
{
	struct xfer_job *r = TAILQ_LAST(&x->rmdirs, xfer_list);

	if (r == NULL || !xfer_idle(x) || (!r->isdir && !part_due(r)))
		return 0;
	TAILQ_REMOVE(&x->rmdirs, r, entry);
	x->part_tries = r->tries;
	strlcpy(path, r->src, size);
	*up = r->up;
	*isdir = r->isdir;
	job_free(r);
	return 1;
}

/* Move a job that will not run again to the finished list. */
static void
job_finish(struct xfer *x, struct xfer_job *j, enum xfer_state st)
{
	struct xfer_job *old;

	j->state = st;
	if (j->move && j->isdir && st == XJ_DONE)
		job_rmdir_later(x, j);
	TAILQ_REMOVE(&x->jobs, j, entry);
	TAILQ_INSERT_TAIL(&x->finished, j, entry);
	/* An "all" answer is for this batch, not for the next copy. */
	if (TAILQ_EMPTY(&x->jobs))
		x->policy = XM_ASK;
	x->batch_done += !j->isdir;
	if (st == XJ_DONE && !j->isdir)
		x->ok++;
	else if (st == XJ_FAILED)
		x->failed++;
	if (j->move && st == XJ_DONE)
		x->changed_local = x->changed_remote = 1;
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
}

/* Fork the worker of slot i.  0, or -1 with errno. */
static int
worker_spawn(struct xfer *x, unsigned i)
{
	struct xfer_worker *w = &x->workers[i];
	int down[2], up[2], saved;
	unsigned k;
	pid_t pid;

	if (pipe2(down, O_CLOEXEC) == -1)
		return -1;
	if (pipe2(up, O_CLOEXEC) == -1) {
		saved = errno;
		xclose(down[0]);
		xclose(down[1]);
		errno = saved;
		return -1;
	}
	if ((pid = fork()) == -1) {
		saved = errno;
		xclose(down[0]);
		xclose(down[1]);
		xclose(up[0]);
		xclose(up[1]);
		errno = saved;
		return -1;
	}
	if (pid == 0) {
		/* Other workers must see EOF when the UI closes their pipes. */
		for (k = 0; k < x->parallel; k++) {
			if (x->workers[k].rfd != -1)
				xclose(x->workers[k].rfd);
			if (x->workers[k].wfd != -1)
				xclose(x->workers[k].wfd);
		}
		xclose(down[1]);
		xclose(up[0]);
		xfer_worker_main(&x->opts, down[0], up[1]);
	}
	xclose(down[0]);
	xclose(up[1]);
	xset_nonblock(up[0], 1);
	w->pid = pid;
	w->rfd = up[0];
	w->wfd = down[1];
	w->job = NULL;
	buf_reset(&w->in);
	return 0;
}

/* Hand job j to the worker of slot i. */
static int
worker_send(struct xfer *x, unsigned i, struct xfer_job *j)
{
	struct xfer_worker *w = &x->workers[i];
	struct buf b;
	struct wjob m;
	int rc;

	memset(&m, 0, sizeof m);
	m.up = (uint32_t)j->up;
	m.isdir = (uint32_t)j->isdir;
	m.move = (uint32_t)j->move;
	m.mode = (uint32_t)j->mode;
	m.srclen = (uint32_t)strlen(j->src);
	m.dstlen = (uint32_t)strlen(j->dst);
	m.size = j->size;
	buf_init(&b);
	buf_add(&b, &m, sizeof m);
	buf_adds(&b, j->src);
	buf_adds(&b, j->dst);
	rc = xwrite_full(w->wfd, b.data, b.len);
	buf_free(&b);
	return rc;
}

static int
worker_idle(struct xfer *x)
{
	unsigned i;

	for (i = 0; i < x->parallel; i++)
		if (x->workers[i].job == NULL)
			return (int)i;
	return -1;
}

static void
job_launch(struct xfer *x, struct xfer_job *j, unsigned i)
{
	struct xfer_worker *w = &x->workers[i];

	if (j->mode == XM_ASK && !j->isdir)
		j->mode = x->policy;
	if ((w->pid == -1 && worker_spawn(x, i) == -1) ||
	    worker_send(x, i, j) == -1) {
		snprintf(j->msg, sizeof j->msg, "cannot start a worker: %s",
		    strerror(errno));
		job_finish(x, j, XJ_FAILED);
		return;
	}
	w->job = j;
	j->worker = (int)i;
	j->state = XJ_RUNNING;
	j->done = j->offset = 0;
	j->cancelled = 0;
	clock_gettime(CLOCK_MONOTONIC, &j->start);
}

size_t
xfer_running(struct xfer *x)
{
	struct xfer_job *j;
	size_t n = 0;

	for (j = TAILQ_FIRST(&x->jobs); j != NULL; j = TAILQ_NEXT(j, entry))
		n += j->state == XJ_RUNNING;
	return n;
}

int
xfer_idle(struct xfer *x)
{
	return TAILQ_EMPTY(&x->jobs);
}

void
xfer_start(struct xfer *x)
{
	struct xfer_job *j, *next;
	int i;

	if (x->closing)
		return;
	for (j = TAILQ_FIRST(&x->jobs); j != NULL; j = next) {
		next = TAILQ_NEXT(j, entry);
		if (j->state != XJ_QUEUED)
			continue;
		if ((i = worker_idle(x)) == -1)
			break;
		job_launch(x, j, (unsigned)i);
	}
}

size_t
xfer_pollfds(struct xfer *x, struct pollfd *pfd, size_t max)
{
	size_t n = 0;
	unsigned i;

	for (i = 0; i < x->parallel && n < max; i++) {
		if (x->workers[i].rfd == -1)
			continue;
		pfd[n].fd = x->workers[i].rfd;
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
	struct xfer_job *c;

	if (pane_join(j->src, name, src, sizeof src) == -1 ||
	    pane_join(j->dst, name, dst, sizeof dst) == -1)
		return;
	c = xfer_add(x, j->up, m->a != 0, src, dst, m->b);
	c->move = j->move;
	c->rootlen = j->rootlen;
}

/* W_EXISTS: ask, unless an "all" answer came while the worker looked. */
static void
job_exists(struct xfer *x, struct xfer_job *j, const struct wmsg *m)
{
	j->dstsize = m->a;
	j->dstmtime = (time_t)m->b;
	j->srcmtime = (time_t)m->c;
	if (x->policy == XM_SKIP) {
		strlcpy(j->msg, "skipped: exists", sizeof j->msg);
		job_finish(x, j, XJ_SKIPPED);
	} else if (x->policy != XM_ASK) {
		j->mode = x->policy;
		j->state = XJ_QUEUED;
	} else
		j->state = XJ_ASK;
}

/* The worker of slot w finished its job with message m. */
static void
job_end(struct xfer *x, struct xfer_worker *w, const struct wmsg *m,
    const char *text)
{
	struct xfer_job *j = w->job;

	w->job = NULL;
	j->worker = -1;
	if (m->type == W_EXISTS) {
		job_exists(x, j, m);
		return;
	}
	free(j->part);		/* the engine is done with it */
	j->part = NULL;
	strlcpy(j->msg, text, sizeof j->msg);
	job_finish(x, j, (enum xfer_state)m->a);
}

static void
worker_message(struct xfer *x, struct xfer_worker *w, const struct wmsg *m,
    const char *text)
{
	struct xfer_job *j = w->job;

	if (m->type == W_LOG) {
		if (x->log)
			x->log(x->log_arg, (enum ftp_log_dir)m->a, text);
		return;
	}
	if (j == NULL)
		return;		/* nothing runs there: a stray message */
	switch (m->type) {
	case W_PROG:
		j->done = m->a;
		j->total = m->b;
		j->offset = m->c;
		j->finishing = text[0] != '\0';
		break;
	case W_ADD:
		job_child(x, j, m, text);
		break;
	case W_PART:
		free(j->part);
		j->part = text[0] != '\0' ? xstrdup(text) : NULL;
		break;
	case W_EXISTS:
	case W_DONE:
		job_end(x, w, m, text);
		break;
	}
}

/* Take the complete messages out of w->in. */
static void
worker_parse(struct xfer *x, struct xfer_worker *w)
{
	struct wmsg m;
	char text[XFER_MSG_MAX + 1];

	while (w->in.len >= sizeof m) {
		memcpy(&m, w->in.data, sizeof m);
		if (m.len > XFER_MSG_MAX)
			bug("worker message of %u bytes", m.len);
		if (w->in.len < sizeof m + m.len)
			break;
		memcpy(text, w->in.data + sizeof m, m.len);
		text[m.len] = '\0';
		buf_consume(&w->in, sizeof m + m.len);
		worker_message(x, w, &m, text);
	}
}

/* The worker closed its pipe (it died or was told to go): collect it. */
static void
worker_reap(struct xfer *x, struct xfer_worker *w)
{
	struct xfer_job *j = w->job;
	int status;

	xclose(w->rfd);
	if (w->wfd != -1)
		xclose(w->wfd);
	w->rfd = w->wfd = -1;
	while (waitpid(w->pid, &status, 0) == -1 && errno == EINTR)
		;
	w->pid = -1;
	w->job = NULL;
	buf_reset(&w->in);
	if (j == NULL)
		return;
	j->worker = -1;
	if (j->part != NULL)
		job_orphan_part(x, j);
	strlcpy(j->msg, j->cancelled ? "cancelled" : "worker died",
	    sizeof j->msg);
	job_finish(x, j, j->cancelled ? XJ_CANCELLED : XJ_FAILED);
}

/* Drain one worker's pipe.  Returns 1 when something arrived. */
static int
worker_read(struct xfer *x, struct xfer_worker *w)
{
	char tmp[16384];
	ssize_t n;
	int any = 0;

	for (;;) {
		n = read(w->rfd, tmp, sizeof tmp);
		if (n > 0) {
			buf_add(&w->in, tmp, (size_t)n);
			worker_parse(x, w);
			any = 1;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN)
			return any;
		worker_reap(x, w);
		return 1;
	}
}

int
xfer_poll(struct xfer *x)
{
	unsigned i;
	int any = 0;

	for (i = 0; i < x->parallel; i++)
		if (x->workers[i].rfd != -1)
			any |= worker_read(x, &x->workers[i]);
	xfer_start(x);
	return any;
}

struct xfer_job *
xfer_asking(struct xfer *x)
{
	struct xfer_job *j;

	for (j = TAILQ_FIRST(&x->jobs); j != NULL; j = TAILQ_NEXT(j, entry))
		if (j->state == XJ_ASK)
			return j;
	return NULL;
}

static void
job_answer(struct xfer *x, struct xfer_job *j, enum xfer_mode m)
{
	if (m == XM_SKIP) {
		strlcpy(j->msg, "skipped: exists", sizeof j->msg);
		job_finish(x, j, XJ_SKIPPED);
		return;
	}
	j->mode = m;
	j->state = XJ_QUEUED;
}

void
xfer_decide(struct xfer *x, struct xfer_job *j, enum xfer_mode m, int all,
    const char *newdst)
{
	struct xfer_job *o, *next;

	if (newdst != NULL) {
		char *copy = xstrdup(newdst);	/* newdst may be j->dst */

		free(j->dst);
		j->dst = copy;
		m = XM_ASK;	/* the new name may exist too */
	}
	job_answer(x, j, m);
	if (all && newdst == NULL) {
		x->policy = m;
		for (o = TAILQ_FIRST(&x->jobs); o != NULL; o = next) {
			next = TAILQ_NEXT(o, entry);
			if (o->state == XJ_ASK)
				job_answer(x, o, m);
		}
	}
	xfer_start(x);
}

static void
job_cancel(struct xfer *x, struct xfer_job *j)
{
	j->cancelled = 1;
	kill(x->workers[j->worker].pid, SIGUSR1);
}

int
xfer_cancel_one(struct xfer *x)
{
	struct xfer_job *j;

	for (j = TAILQ_FIRST(&x->jobs); j != NULL; j = TAILQ_NEXT(j, entry)) {
		if (j->state == XJ_RUNNING && !j->cancelled) {
			job_cancel(x, j);
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
		if (j->state == XJ_RUNNING)
			job_cancel(x, j);
		else {
			strlcpy(j->msg, "cancelled", sizeof j->msg);
			job_finish(x, j, XJ_CANCELLED);
		}
	}
	x->policy = XM_ASK;
}

/* Poll the workers' pipes for at most ms milliseconds. */
static void
xfer_wait(struct xfer *x, int ms)
{
	struct pollfd pfd[64];
	size_t n = xfer_pollfds(x, pfd, 64);

	if (n > 0)
		(void)poll(pfd, n, ms);
	xfer_poll(x);
}

static int
xfer_any_worker(struct xfer *x)
{
	unsigned i;

	for (i = 0; i < x->parallel; i++)
		if (x->workers[i].pid != -1)
			return 1;
	return 0;
}

void
xfer_shutdown(struct xfer *x)
{
	struct xfer_job *j;
	unsigned i;
	int waited;

	x->closing = 1;
	xfer_cancel_all(x);
	/* Give the workers a moment to send ABOR, clean up and QUIT. */
	for (waited = 0; waited < SHUTDOWN_MS && xfer_running(x) > 0;
	    waited += 100) {
		xfer_wait(x, 100);
		xfer_cancel_all(x);
	}
	for (i = 0; i < x->parallel; i++)
		if (x->workers[i].wfd != -1) {
			xclose(x->workers[i].wfd);
			x->workers[i].wfd = -1;
		}
	for (waited = 0; waited < SHUTDOWN_MS && xfer_any_worker(x);
	    waited += 100)
		xfer_wait(x, 100);
	for (i = 0; i < x->parallel; i++)
		if (x->workers[i].pid != -1) {
			kill(x->workers[i].pid, SIGKILL);
			worker_reap(x, &x->workers[i]);
		}
	while ((j = TAILQ_FIRST(&x->jobs)) != NULL) {
		TAILQ_REMOVE(&x->jobs, j, entry);
		job_free(j);
	}
	while ((j = TAILQ_FIRST(&x->finished)) != NULL) {
		TAILQ_REMOVE(&x->finished, j, entry);
		job_free(j);
	}
	while ((j = TAILQ_FIRST(&x->rmdirs)) != NULL) {
		TAILQ_REMOVE(&x->rmdirs, j, entry);
		job_free(j);
	}
	for (i = 0; i < x->parallel; i++)
		buf_free(&x->workers[i].in);
	free(x->workers);
	x->workers = NULL;
}

size_t
xfer_pending(struct xfer *x, uint64_t *bytes)
{
	struct xfer_job *j;
	size_t n = 0;
	uint64_t b = 0;

	for (j = TAILQ_FIRST(&x->jobs); j != NULL; j = TAILQ_NEXT(j, entry)) {
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

int
xfer_cancel_job(struct xfer *x, struct xfer_job *j)
{
	if (j->state == XJ_RUNNING) {
		if (!j->cancelled)
			job_cancel(x, j);
		return 0;
	}
	if (j->state != XJ_QUEUED && j->state != XJ_ASK)
		return -1;
	strlcpy(j->msg, "cancelled", sizeof j->msg);
	job_finish(x, j, XJ_CANCELLED);
	return 0;
}

static int
job_is_finished(const struct xfer_job *j)
{
	return j->state == XJ_DONE || j->state == XJ_FAILED ||
	    j->state == XJ_SKIPPED || j->state == XJ_CANCELLED;
}

int
xfer_forget(struct xfer *x, struct xfer_job *j)
{
	if (!job_is_finished(j))
		return -1;
	TAILQ_REMOVE(&x->finished, j, entry);
	x->nfinished--;
	job_free(j);
	return 0;
}

size_t
xfer_clear_finished(struct xfer *x)
{
	struct xfer_job *j;
	size_t n = 0;

	while ((j = TAILQ_FIRST(&x->finished)) != NULL) {
		TAILQ_REMOVE(&x->finished, j, entry);
		job_free(j);
		n++;
	}
	x->nfinished = 0;
	return n;
}

int
xfer_retry(struct xfer *x, struct xfer_job *j)
{
	if (x->closing ||
	    (j->state != XJ_FAILED && j->state != XJ_CANCELLED))
		return -1;
	TAILQ_REMOVE(&x->finished, j, entry);
	x->nfinished--;
	/*
	 * What is at the destination now is what this job wrote before it
	 * stopped (it would have asked otherwise): resume from there (REST,
	 * RFC 3659 section 5; APPE for an upload).  A renamed copy keeps
	 * picking a free name.
	 */
	if (!j->isdir && j->mode != XM_RENAME)
		j->mode = XM_RESUME;
	j->state = XJ_QUEUED;
	j->msg[0] = '\0';
	j->done = j->offset = 0;
	j->total = j->size;
	j->cancelled = 0;
	if (TAILQ_EMPTY(&x->jobs))
		x->batch_files = x->batch_done = 0;
	TAILQ_INSERT_TAIL(&x->jobs, j, entry);
	x->batch_files += !j->isdir;
	xfer_start(x);
	return 0;
}
