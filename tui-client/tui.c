/*
 * The browser's main loop: poll on the terminal and the workers' pipes,
 * dispatch keys, read what the workers report, redraw once per pass
 * (progress at most ten times a second).
 */
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "complete.h"
#include "local.h"
#include "remote.h"
#include "text.h"
#include "tui.h"

#include "tui-int.h"
#include "ui-mouse.h"
#include "xio.h"

#define REDRAW_NS	100000000L	/* progress repaints: ten a second */
#define REFRESH_NS	1000000000L	/* pane re-reads while a queue runs */
#define MAX_POLL	64
#define WAIT_SHOW_NS	300000000L	/* a wait this long is shown */

static long
ns_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000000000L +
	    (now.tv_nsec - t->tv_nsec);
}

__attribute__((format(printf, 3, 4)))
void
tui_status(struct tui *t, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->m.status, sizeof t->m.status, fmt, ap);
	va_end(ap);
	t->m.status_err = err;
	t->status_until = ST_KEEP;
	t->dirty = 1;
}

void
tui_log(void *arg, enum ftp_log_dir d, const char *line)
{
	struct tui *t = arg;
	struct ui_model *m = &t->m;
	static const char *tag[] = { "> ", "< ", "* " };
	size_t slot;

	if (m->log_n == UI_LOG_MAX) {
		free(m->log[m->log_head]);
		m->log_head = (m->log_head + 1) % UI_LOG_MAX;
		m->log_n--;
	}
	slot = (m->log_head + m->log_n++) % UI_LOG_MAX;
	m->log[slot] = xasprintf("%s%s", tag[d <= FTP_LOG_INFO ? d : 2], line);
	/* A status line goes when it stops being true. */
	if (d == FTP_LOG_INFO && strncmp(line, "reconnected", 11) == 0) {
		if (t->status_until == ST_RECONNECT)
			tui_status(t, 0, "%s", line);
	} else if (d == FTP_LOG_INFO && strcasestr(line, "reconnect") != NULL) {
		tui_status(t, 0, "connection lost: %s", line);
		t->status_until = ST_RECONNECT;
	}
	if (m->view == VIEW_LOG)
		t->dirty = 1;
}

/* Names marked in p, to mark again after a re-read.  Caller frees. */
static char **
marks_save(struct pane *p, size_t *n)
{
	char **v;
	size_t i, k = 0;

	*n = pane_marked(p, NULL);
	if (*n == 0)
		return NULL;
	v = xreallocarray(NULL, *n, sizeof *v);
	for (i = 0; i < p->nents && k < *n; i++)
		if (p->ents[i].marked)
			v[k++] = xstrdup(p->ents[i].name);
	*n = k;
	return v;
}

static void
marks_restore(struct pane *p, char **v, size_t n)
{
	size_t i, k;

	for (k = 0; k < n; k++) {
		for (i = 0; i < p->nents; i++)
			if (strcmp(p->ents[i].name, v[k]) == 0)
				p->ents[i].marked = 1;
		free(v[k]);
	}
	free(v);
}

static int
tui_remote_read(struct tui *t, const char *path, const char *keep)
{
	if (t->ftp == NULL)
		return -1;
	/* Success keeps the status: it says what the last action did. */
	if (remote_read(t->ftp, &t->pane[1], path, keep) == -1) {
		tui_status(t, 1, "%s", ftp_error(t->ftp));
		return -1;
	}
	return 0;
}

/*
 * Read directory path into a side; the marks of a re-read survive, and
 * its cursor stays on the same entry, or on its neighbour when it is
 * gone (r, Ctrl-R and the re-reads after transfers alike).
 */
int
tui_side_read(struct tui *t, int side, const char *path, const char *keep)
{
	struct pane *p = &t->pane[side];
	struct pane_entry *cur;
	char err[512], **marks = NULL, *was = NULL;
	size_t nmarks = 0, row = p->cursor;
	int rc, same = strcmp(path, p->path) == 0;

	if (same)
		marks = marks_save(p, &nmarks);
	if (same && keep == NULL && (cur = pane_current(p)) != NULL)
		keep = was = xstrdup(cur->name);
	if (side == 0) {
		rc = local_read(p, path, keep, err, sizeof err);
		if (rc == -1)
			tui_status(t, 1, "%s", err);
	} else
		rc = tui_remote_read(t, path, keep);
	if (marks != NULL) {
		marks_restore(p, marks, nmarks);
		pane_update(p, NULL);
	}
	if (was != NULL && ((cur = pane_current(p)) == NULL ||
	    strcmp(cur->name, was) != 0) && p->nview > 0)
		p->cursor = row < p->nview ? row : p->nview - 1;
	free(was);
	clock_gettime(CLOCK_MONOTONIC, &t->lastref[side]);
	t->dirty = 1;
	return rc;
}

void
tui_side_reread(struct tui *t, int side, const char *keep)
{
	char path[PANE_PATH_MAX];

	strlcpy(path, t->pane[side].path, sizeof path);
	tui_side_read(t, side, path, keep);
}

/* "13B Dec 06 23:00": a size and, when known, a time. */
static void
asking_side(char *out, size_t len, uint64_t size, time_t mtime)
{
	char sz[16], when[32] = "";
	struct tm tm;
	time_t now = time(NULL);

	if (size != FTP_SIZE_UNKNOWN)
		text_size(sz, sizeof sz, size);
	else
		strlcpy(sz, "?", sizeof sz);
	/* As the panes and ls(1): the year only for an old or future time. */
	if (mtime != 0 && localtime_r(&mtime, &tm) != NULL)
		strftime(when, sizeof when, mtime > now - 15552000 &&
		    mtime < now + 3600 ? " %b %d %H:%M" : " %b %d %Y", &tm);
	snprintf(out, len, "%s%s", sz, when);
}

/* Resume makes sense only for a target shorter than the source. */
static int
asking_resumable(const struct xfer_job *j)
{
	return j->size == FTP_SIZE_UNKNOWN || j->dstsize < j->size;
}

static void
tui_check_asking(struct tui *t)
{
	struct xfer_job *j;
	char name[256], there[64], src[64];
	size_t root;

	if (!t->xq_ready || t->m.prompt != PR_NONE ||
	    t->m.view != VIEW_BROWSE || (j = xfer_asking(&t->xq)) == NULL)
		return;
	t->asking = j;
	/* The path below the copy's root: "sub/x.txt" in a tree. */
	root = j->rootlen <= strlen(j->dst) ? j->rootlen : 0;
	text_fit(j->dst + root, 60, 0, name, sizeof name);
	asking_side(there, sizeof there, j->dstsize, j->dstmtime);
	asking_side(src, sizeof src, j->size, j->srcmtime);
	snprintf(t->m.question, sizeof t->m.question,
	    "%s exists %s (%s there, %s new)", name, j->up ? "on the server" :
	    "here", there, src);
	snprintf(t->m.choices, sizeof t->m.choices, "[o]verwrite %s[s]kip "
	    "re[n]ame if ne[w]er if size [d]iffers   capital: for all",
	    asking_resumable(j) ? "[r]esume " : "");
	t->m.prompt = PR_EXISTS;
	t->dirty = 1;
	/* What was typed before the question was on screen is no answer. */
	ui_flush_input();
}

/*
 * The queue is idle: remove the directories whose entries moved, deepest
 * first.  rmdir and RMD refuse a directory that is not empty, which is
 * what keeps one whose file failed, was skipped or cancelled.  And the
 * upload temporaries of workers that died (the server's old file was
 * never touched).
 */
static void
tui_rmdirs(struct tui *t)
{
	char path[PANE_PATH_MAX];
	int up, isdir;

	while (xfer_next_rmdir(&t->xq, path, sizeof path, &up, &isdir)) {
		if (!isdir) {
			if (t->ftp != NULL && ftp_delete(t->ftp, path) == -1 &&
			    ftp_reply_code(t->ftp) == 550)
				xfer_part_again(&t->xq, path);
			continue;
		}
		if (up ? rmdir(path) == 0 :
		    t->ftp != NULL && ftp_rmdir(t->ftp, path) == 0) {
			t->xq.changed_local |= up;
			t->xq.changed_remote |= !up;
		}
	}
}

/* Re-read a pane that transfers wrote into: at most once a second. */
static void
tui_check_changed(struct tui *t)
{
	int *flag[2] = { &t->xq.changed_local, &t->xq.changed_remote }, side;
	int idle;

	if (!t->xq_ready)
		return;
	idle = xfer_idle(&t->xq);
	if (idle)
		tui_rmdirs(t);
	/* "downloading 2 entries" is over: the queue line has the result. */
	if (idle && t->status_until == ST_QUEUE)
		tui_status(t, 0, "%s", "");
	for (side = 0; side < 2; side++) {
		if (!*flag[side] ||
		    (!idle && ns_since(&t->lastref[side]) < REFRESH_NS))
			continue;
		*flag[side] = 0;
		if (t->m.prompt == PR_NONE || t->m.prompt == PR_EXISTS)
			tui_side_reread(t, side, NULL);
	}
}

/* A transfer failed since the last look: say which and why. */
static void
tui_check_failed(struct tui *t)
{
	struct xfer_job *j;
	const char *base;

	if (!t->xq_ready || t->xq.failed == t->failed_seen)
		return;
	t->failed_seen = t->xq.failed;
	for (j = TAILQ_LAST(&t->xq.finished, xfer_list); j != NULL;
	    j = TAILQ_PREV(j, xfer_list, entry)) {
		if (j->state != XJ_FAILED)
			continue;
		base = strrchr(j->src, '/');
		tui_status(t, 1, "%s of %s failed: %s", j->up ? "upload" :
		    "download", base ? base + 1 : j->src, j->msg);
		return;
	}
}

static int
tui_wait(struct tui *t)
{
	struct pollfd pfd[1 + MAX_POLL];
	size_t n = 1;
	long left;
	int timeout = 1000;

	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	if (t->xq_ready) {
		n += xfer_pollfds(&t->xq, pfd + 1, MAX_POLL);
		if (xfer_running(&t->xq) > 0)
			timeout = 250;
	}
	if (t->xdirty) {
		left = (REDRAW_NS - ns_since(&t->lastdraw)) / 1000000L;
		timeout = left < 0 ? 0 : (int)left + 1;
	}
	return poll(pfd, (nfds_t)n, timeout);
}

static void
wait_text(struct tui *t, char *out, size_t len)
{
	snprintf(out, len, "waiting for %s... (Esc cancels)", t->host);
}

/*
 * The engine's wait hook (ftp_set_wait_hook): the browser's own
 * connection blocks the loop while it waits, so this is where Esc can
 * end the wait.  Other keys typed meanwhile are given back, in order.
 */
static void
tui_wait_hook(void *arg, int ready)
{
	struct tui *t = arg;
	struct ui_key k[UI_UNGET_MAX];
	size_t n = 0;

	while (ready && n < UI_UNGET_MAX && ui_getkey(&k[n])) {
		/* In a ':' command, Ctrl-C too: it is batch mode's key. */
		if (!k[n].fkey && (k[n].code == 27 ||
		    (t->running_cmd && k[n].code == 3))) {
			t->esc = 1;
			if (t->running_cmd)
				batch_on_signal(0);
		} else
			n++;
	}
	ui_ungetkeys(k, n);
	if (t->wait_t0.tv_sec == 0 && t->wait_t0.tv_nsec == 0)
		clock_gettime(CLOCK_MONOTONIC, &t->wait_t0);
	if (t->wait_shown || ns_since(&t->wait_t0) < WAIT_SHOW_NS)
		return;
	strlcpy(t->wait_saved, t->m.status, sizeof t->wait_saved);
	wait_text(t, t->m.status, sizeof t->m.status);
	t->m.status_err = 0;
	t->wait_shown = 1;
	ui_draw(&t->m);
}

/* After an action: the wait is over and its notice gives way. */
static void
tui_wait_over(struct tui *t)
{
	char shown[UI_STATUS_MAX];

	if (t->wait_shown) {
		wait_text(t, shown, sizeof shown);
		if (strcmp(t->m.status, shown) == 0)
			strlcpy(t->m.status, t->wait_saved, sizeof t->m.status);
		t->dirty = 1;
	}
	if (t->esc && t->m.status_err)
		tui_status(t, 1, "cancelled");
	memset(&t->wait_t0, 0, sizeof t->wait_t0);
	t->wait_shown = 0;
	t->esc = 0;
}

static void
tui_loop(struct tui *t)
{
	struct ui_key k;

	while (!t->quit) {
		tui_check_asking(t);
		tui_check_changed(t);
		tui_wait_over(t);
		tui_check_failed(t);
		if (t->cursor_only && !t->dirty &&
		    ui_draw_cursor(&t->m, t->oldcursor) == -1)
			t->dirty = 1;
		t->cursor_only = 0;
		if (t->dirty ||
		    (t->xdirty && ns_since(&t->lastdraw) >= REDRAW_NS)) {
			ui_draw(&t->m);
			clock_gettime(CLOCK_MONOTONIC, &t->lastdraw);
			t->dirty = t->xdirty = 0;
		}
		(void)tui_wait(t);
		while (!t->quit && ui_getkey(&k)) {
			key_dispatch(t, &k);
			tui_wait_over(t);
		}
		if (t->xq_ready && xfer_poll(&t->xq))
			t->xdirty = 1;
		/* A running transfer's rate and ETA change without news too. */
		if (t->xq_ready && xfer_running(&t->xq) > 0)
			t->xdirty = 1;
	}
}

static void
tui_free(struct tui *t)
{
	size_t i;

	conn_close(t);
	bm_free(&t->bmarks);
	bm_free(&t->recent);
	compl_cache_free(t->cc);
	pane_free(&t->pane[0]);
	pane_free(&t->pane[1]);
	queue_free(&t->queue);
	for (i = 0; i < t->m.log_n; i++)
		free(t->m.log[(t->m.log_head + i) % UI_LOG_MAX]);
	explicit_bzero(t->pass, sizeof t->pass);
	free(t);
}

/*
 * An unverified certificate met for the first time: the facts, ssh-like,
 * and the user's choice.  The default (Enter, Esc) is to reject.
 */
static enum tls_answer
tui_trust_ask(void *arg, const struct tls_facts *f)
{
	struct tui	*t = arg;
	char		 l[9][512];
	const char	*lines[9];
	size_t		 i;
	int		 c;

	snprintf(l[0], sizeof l[0], "Server:      %s", f->hostport);
	snprintf(l[1], sizeof l[1], "Not trusted: %s", f->reason);
	snprintf(l[2], sizeof l[2], "Subject:     %s", f->subject);
	snprintf(l[3], sizeof l[3], "Issuer:      %s", f->issuer);
	snprintf(l[4], sizeof l[4], "Valid:       %s to %s", f->not_before,
	    f->not_after);
	snprintf(l[5], sizeof l[5], "SHA-256 fingerprint:");
	snprintf(l[6], sizeof l[6], "%s", f->fingerprint);
	snprintf(l[7], sizeof l[7], "%s", "");
	snprintf(l[8], sizeof l[8], "Compare it with the fingerprint the "
	    "server's administrator gave you.");
	for (i = 0; i < 9; i++)
		lines[i] = l[i];
	c = ui_dialog(" The server's certificate cannot be verified", lines, 9,
	    " o: trust once   a: always (pin it)   r: reject (default)", "oar",
	    'r');
	t->dirty = 1;
	return c == 'a' ? TLS_ALWAYS : c == 'o' ? TLS_ONCE : TLS_REJECT;
}

int
tui_run(const struct tui_opts *o)
{
	struct tui *t = xcalloc(1, sizeof *t);
	char cwd[PANE_PATH_MAX];

	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);
	if (o->tls >= 0)
		t->tls_forced = 1;
	if (o->url != NULL && conn_url(t, o->url) == -1) {
		free(t);
		return 2;
	}
	t->parallel = o->parallel ? o->parallel : 2;
	if (o->tls >= 0) {
		t->tlsmode = (enum tls_mode)o->tls;
		t->tls_forced = 1;
	}
	t->activemode = o->active;
	pane_init(&t->pane[0], 0);
	pane_init(&t->pane[1], 1);
	strlcpy(t->pane[0].title, "local: ", sizeof t->pane[0].title);
	t->m.panes[0] = &t->pane[0];
	t->m.panes[1] = &t->pane[1];
	queue_init(&t->queue);
	t->m.queue = &t->queue;
	if (getcwd(cwd, sizeof cwd) == NULL)
		strlcpy(cwd, "/", sizeof cwd);
	ui_init();
	ui_mouse(!o->no_mouse);
	ftp_set_interrupt(&t->esc);
	ftp_set_wait_hook(STDIN_FILENO, tui_wait_hook, t);
	tls_set_ask(tui_trust_ask, t);
	tui_side_read(t, 0, cwd, NULL);
	if (o->url == NULL)
		conn_form(t);
	else if (conn_need_pass(t))
		;
	else if (conn_open(t) == -1)
		conn_form_failed(t);
	else
		t->m.active = 1;
	tui_wait_over(t);
	t->dirty = 1;
	tui_loop(t);
	ui_end();
	tui_free(t);
	return 0;
}
