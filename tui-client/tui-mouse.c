/*
 * What a click or a wheel turn does (ui-mouse.c says what it hit): a
 * click selects the pane and the entry, a second click on the same entry
 * soon after opens it, the wheel moves the cursor of the pane (or view)
 * under the pointer, a click on a key bar item is that key, a click
 * outside a prompt or the connection form is Esc.
 */
#include <string.h>
#include <time.h>

#include "tui-int.h"
#include "ui-mouse.h"

/* xterm resolves double clicks within 250 ms; allow a slower hand */
#define DOUBLE_NS	400000000L
#define WHEEL_ROWS	3

/* The last press, to find double clicks (one browser per process). */
static struct {
	struct timespec	 t;
	int		 side;
	size_t		 ent;
} last_press;

static int
mouse_double(int side, size_t ent)
{
	struct timespec now;
	long ns;
	int dbl;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (now.tv_sec - last_press.t.tv_sec) * 1000000000L +
	    (now.tv_nsec - last_press.t.tv_nsec);
	dbl = ns >= 0 && ns < DOUBLE_NS && last_press.side == side &&
	    last_press.ent == ent;
	last_press.t = now;
	last_press.side = side;
	last_press.ent = ent;
	if (dbl)
		memset(&last_press.t, 0, sizeof last_press.t);
	return dbl;
}

static void
mouse_key(struct tui *t, int fkey, int code)
{
	struct ui_key k;

	memset(&k, 0, sizeof k);
	k.fkey = fkey;
	k.code = code;
	key_dispatch(t, &k);
}

static void
mouse_browse(struct tui *t, const struct ui_key *k, const struct ui_hit *h)
{
	struct pane *p = &t->pane[h->side];
	size_t ent = p->top + h->row;

	if (k->mbtn == UI_MB_WHEEL_UP || k->mbtn == UI_MB_WHEEL_DOWN) {
		if (h->kind == HIT_ROW || h->kind == HIT_PANE)
			pane_move(p, k->mbtn == UI_MB_WHEEL_UP ? -WHEEL_ROWS :
			    WHEEL_ROWS);
		return;
	}
	if (h->kind == HIT_KEY) {
		key_dispatch(t, &h->key);
		return;
	}
	if (h->kind != HIT_ROW && h->kind != HIT_PANE)
		return;
	t->m.active = h->side;
	if (h->kind != HIT_ROW || ent >= p->nview)
		return;
	p->cursor = ent;
	if (mouse_double(h->side, ent) || k->mbtn == UI_MB_DOUBLE)
		act_open(t);
}

static void
mouse_queue(struct tui *t, const struct ui_key *k, const struct ui_hit *h)
{
	struct queue *q = &t->queue;

	if (k->mbtn == UI_MB_WHEEL_UP || k->mbtn == UI_MB_WHEEL_DOWN) {
		queue_move(q, k->mbtn == UI_MB_WHEEL_UP ? -WHEEL_ROWS :
		    WHEEL_ROWS);
		return;
	}
	if (h->kind == HIT_ROW && q->top + h->row < q->n)
		queue_move(q, (long)(q->top + h->row) - (long)q->cursor);
}

void
mouse_dispatch(struct tui *t, const struct ui_key *k)
{
	struct ui_hit h;
	int i;

	t->dirty = 1;
	ui_mouse_hit(&t->m, k->my, k->mx, &h);
	if (t->m.prompt != PR_NONE) {
		if (h.kind == HIT_OUTSIDE && (k->mbtn == UI_MB_PRESS ||
		    k->mbtn == UI_MB_DOUBLE))
			mouse_key(t, 0, 27);
		return;
	}
	if (t->m.view == VIEW_BROWSE)
		mouse_browse(t, k, &h);
	else if (t->m.view == VIEW_QUEUE)
		mouse_queue(t, k, &h);
	else if (k->mbtn == UI_MB_WHEEL_UP || k->mbtn == UI_MB_WHEEL_DOWN)
		for (i = 0; i < WHEEL_ROWS; i++)
			mouse_key(t, 0, k->mbtn == UI_MB_WHEEL_UP ? 'k' : 'j');
}
