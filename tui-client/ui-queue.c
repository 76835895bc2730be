/* The transfer queue view: every job of the session, one row each. */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ftp.h"
#include "queue.h"
#include "text.h"
#include "ui-queue.h"
#include "ui.h"
#include "xfer.h"

#define QROW	4096

size_t
ui_queue_rows(void)
{
	return LINES > 4 ? (size_t)LINES - 3 : 1;
}

/* s made safe and fitted to w columns (padded) at y,x. */
static void
uq_put(int y, int x, const char *s, int w, attr_t a)
{
	char out[QROW];

	if (w <= 0)
		return;
	text_fit(s, w, 1, out, sizeof out);
	attrset(a);
	mvaddstr(y, x, out);
	attrset(A_NORMAL);
}

/* "[####------]  42% 1.2M/s" for a running job, width w. */
static void
uq_progress(const struct xfer_job *j, const struct timespec *now, char *out,
    size_t len, int w)
{
	char rate[16], done[16], bar[128];
	int pct = -1, bw, fill, i;

	text_size(rate, sizeof rate, (unsigned long long)xfer_rate(j, now));
	text_size(done, sizeof done, j->done);
	if (j->isdir) {
		snprintf(out, len, "(listing)");
		return;
	}
	if (j->total != FTP_SIZE_UNKNOWN && j->total > 0)
		pct = j->done >= j->total ? 100 :
		    (int)(j->done * 100 / j->total);
	bw = w - 24;
	if (bw > (int)sizeof bar - 1)
		bw = (int)sizeof bar - 1;
	if (pct < 0 || bw < 4) {
		snprintf(out, len, "%s %s/s", done, rate);
		return;
	}
	fill = bw * pct / 100;
	for (i = 0; i < bw; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[bw] = '\0';
	snprintf(out, len, "[%s] %3d%% %s/s", bar, pct, rate);
}

/* The path the user knows the job by: the remote side's. */
static const char *
uq_path(const struct xfer_job *j)
{
	return j->up ? j->dst : j->src;
}

static void
uq_row(const struct xfer_job *j, int y, int cursor,
    const struct timespec *now)
{
	char head[64], size[16], tail[QROW];
	int tailw = COLS / 2 > 60 ? 60 : COLS / 2, pathw;
	attr_t a = cursor ? A_REVERSE : A_NORMAL;

	if (j->size != FTP_SIZE_UNKNOWN && !j->isdir)
		text_size(size, sizeof size, j->size);
	else
		strlcpy(size, j->isdir ? "<DIR>" : "?", sizeof size);
	snprintf(head, sizeof head, " %-9s %s %6.6s ", queue_state_label(j),
	    j->up ? "put" : "get", size);
	pathw = COLS - (int)strlen(head) - tailw - 1;
	if (j->state == XJ_RUNNING)
		uq_progress(j, now, tail, sizeof tail, tailw);
	else
		snprintf(tail, sizeof tail, "%s", j->msg);
	if (j->state == XJ_FAILED && !cursor)
		a |= A_BOLD;
	uq_put(y, 0, head, (int)strlen(head), a);
	uq_put(y, (int)strlen(head), uq_path(j), pathw, a);
	uq_put(y, COLS - tailw - 1, " ", 1, a);
	uq_put(y, COLS - tailw, tail, tailw, a);
}

void
ui_queue_draw(struct ui_model *m)
{
	struct queue *q = m->queue;
	struct timespec now;
	char line[512];
	size_t rows = ui_queue_rows(), i;
	int y;

	queue_build(q, m->xfer);
	queue_scroll(q, rows);
	snprintf(line, sizeof line, " transfer queue: %zu job%s, %zu running, "
	    "%zu queued, %zu finished, %zu failed", q->n, q->n == 1 ? "" : "s",
	    q->running, q->queued, q->done + q->failed, q->failed);
	uq_put(0, 0, line, COLS, A_REVERSE | A_BOLD);
	clock_gettime(CLOCK_MONOTONIC, &now);
	for (y = 1, i = q->top; i < q->n && i < q->top + rows; y++, i++)
		uq_row(q->rows[i], y, i == q->cursor, &now);
	if (q->n == 0)
		uq_put(1, 0, "  (no transfers yet in this session)", COLS,
		    A_DIM);
	uq_put(LINES - 2, 0, m->status, COLS,
	    m->status_err ? A_BOLD : A_NORMAL);
	uq_put(LINES - 1, 0, " Del cancel/remove  r retry  C clear finished"
	    "  j/k move  Esc/J back", COLS, A_REVERSE);
}
