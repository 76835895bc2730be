/*
 * The transfer queue view's keys (J): move, cancel or remove a row, retry
 * a failed job, clear the finished ones.  The list is queue.c, the
 * drawing ui-queue.c.
 */
#include <string.h>

#include "tui-int.h"
#include "ui-queue.h"

void
queue_open(struct tui *t)
{
	t->m.view = VIEW_QUEUE;
	queue_build(&t->queue, t->xq_ready ? &t->xq : NULL);
	queue_end(&t->queue);
}

static const char *
queue_base(const struct xfer_job *j)
{
	const char *p = j->up ? j->dst : j->src, *s = strrchr(p, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : p;
}

/* Del: a job that runs or waits is cancelled, a finished row goes. */
static void
queue_delete(struct tui *t, struct xfer_job *j)
{
	if (queue_finished(j)) {
		xfer_forget(&t->xq, j);
		t->queue.cur = NULL;
		tui_status(t, 0, "removed from the list");
	} else if (xfer_cancel_job(&t->xq, j) == 0)
		tui_status(t, 0, "cancelling %s%s", queue_base(j),
		    j->state == XJ_RUNNING ? " (ABOR)" : "");
}

static void
queue_retry(struct tui *t, struct xfer_job *j)
{
	if (j->state != XJ_FAILED && j->state != XJ_CANCELLED) {
		tui_status(t, 1, "only a failed or cancelled transfer can be "
		    "retried");
		return;
	}
	if (xfer_retry(&t->xq, j) == 0)
		tui_status(t, 0, "retrying %s", queue_base(j));
}

static void
queue_act(struct tui *t, int c, enum ui_act a)
{
	struct xfer_job *j = queue_current(&t->queue);
	long page = (long)ui_queue_rows();

	switch (a) {
	case A_UP: queue_move(&t->queue, -1); return;
	case A_DOWN: queue_move(&t->queue, 1); return;
	case A_PGUP: queue_move(&t->queue, -page); return;
	case A_PGDN: queue_move(&t->queue, page); return;
	case A_HOME: queue_home(&t->queue); return;
	case A_END: queue_end(&t->queue); return;
	default: break;
	}
	if (j != NULL && a == A_DELETE)
		queue_delete(t, j);
	else if (j != NULL && c == 'r')
		queue_retry(t, j);
	else if (c == 'C')
		tui_status(t, 0, "cleared %zu finished row(s)",
		    xfer_clear_finished(&t->xq));
}

void
key_queue(struct tui *t, const struct ui_key *k)
{
	enum ui_act a = ui_browse_action(k);
	int c = k->fkey ? 0 : k->code;

	if (a == A_QUIT || a == A_CANCEL || a == A_QUEUE) {
		t->m.view = VIEW_BROWSE;
		return;
	}
	queue_build(&t->queue, t->xq_ready ? &t->xq : NULL);
	if (!t->xq_ready && a != A_UP && a != A_DOWN)
		return;
	queue_act(t, c, a);
}
