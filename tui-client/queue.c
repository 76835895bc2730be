/* The transfer queue view's list: rows, cursor, counts.  No curses. */
#include <stdlib.h>
#include <string.h>

#include "queue.h"
#include "xfer.h"
#include "xio.h"

void
queue_init(struct queue *q)
{
	memset(q, 0, sizeof *q);
}

void
queue_free(struct queue *q)
{
	free(q->rows);
	queue_init(q);
}

int
queue_finished(const struct xfer_job *j)
{
	return j->state == XJ_DONE || j->state == XJ_FAILED ||
	    j->state == XJ_SKIPPED || j->state == XJ_CANCELLED;
}

static void
queue_push(struct queue *q, struct xfer_job *j)
{
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 256;
		q->rows = xreallocarray(q->rows, q->cap, sizeof *q->rows);
	}
	q->rows[q->n++] = j;
	if (j->state == XJ_RUNNING)
		q->running++;
	else if (j->state == XJ_QUEUED || j->state == XJ_ASK)
		q->queued++;
	else if (j->state == XJ_FAILED)
		q->failed++;
	else
		q->done++;
}

/* Where the job under the cursor went; the old index if it is gone. */
static void
queue_follow(struct queue *q)
{
	size_t i;

	for (i = 0; q->cur != NULL && i < q->n; i++)
		if (q->rows[i] == q->cur) {
			q->cursor = i;
			return;
		}
	if (q->cursor >= q->n)
		q->cursor = q->n > 0 ? q->n - 1 : 0;
}

void
queue_build(struct queue *q, struct xfer *x)
{
	struct xfer_job *j;

	q->n = q->running = q->queued = q->done = q->failed = 0;
	if (x != NULL) {
		for (j = TAILQ_FIRST(&x->finished); j != NULL;
		    j = TAILQ_NEXT(j, entry))
			queue_push(q, j);
		for (j = TAILQ_FIRST(&x->jobs); j != NULL;
		    j = TAILQ_NEXT(j, entry))
			queue_push(q, j);
	}
	queue_follow(q);
	q->cur = queue_current(q);
}

struct xfer_job *
queue_current(struct queue *q)
{
	return q->cursor < q->n ? q->rows[q->cursor] : NULL;
}

void
queue_move(struct queue *q, long delta)
{
	if (q->n == 0)
		return;
	if (delta < 0 && (size_t)-delta > q->cursor)
		q->cursor = 0;
	else if (delta > 0 && (size_t)delta >= q->n - q->cursor)
		q->cursor = q->n - 1;
	else
		q->cursor = (size_t)((long)q->cursor + delta);
	q->cur = queue_current(q);
}

void
queue_home(struct queue *q)
{
	q->cursor = 0;
	q->cur = queue_current(q);
}

void
queue_end(struct queue *q)
{
	q->cursor = q->n > 0 ? q->n - 1 : 0;
	q->cur = queue_current(q);
}

void
queue_scroll(struct queue *q, size_t rows)
{
	if (rows == 0)
		rows = 1;
	if (q->cursor < q->top)
		q->top = q->cursor;
	else if (q->cursor >= q->top + rows)
		q->top = q->cursor - rows + 1;
	if (q->n <= rows)
		q->top = 0;
	else if (q->top > q->n - rows)
		q->top = q->n - rows;
}

const char *
queue_state_label(const struct xfer_job *j)
{
	switch (j->state) {
	case XJ_QUEUED: return "queued";
	case XJ_RUNNING: return j->cancelled ? "abort" : "running";
	case XJ_ASK: return "exists?";
	case XJ_DONE: return "done";
	case XJ_FAILED: return "FAILED";
	case XJ_SKIPPED: return "skipped";
	case XJ_CANCELLED: return "cancelled";
	}
	return "?";
}
