/* Mouse reports and what they point at.  Curses side. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ui-mouse.h"
#include "ui-queue.h"

#define KEYBAR_MAX	32
#define FORM_ROWS	9	/* ui.c's connection form box */

static struct {
	int	x, w;
	char	label[8];
} keybar[KEYBAR_MAX];
static size_t nkeybar;

void
ui_mouse(int on)
{
	if (!on) {
		mousemask(0, NULL);
		return;
	}
	mousemask(ALL_MOUSE_EVENTS, NULL);
	mouseinterval(0);
}

void
ui_mouse_decode(struct ui_key *k)
{
	MEVENT ev;

	k->mbtn = UI_MB_NONE;
	if (getmouse(&ev) != OK)
		return;
	k->my = ev.y;
	k->mx = ev.x;
	/*
	 * Whether ncurses reports a press, or a click it merged from a
	 * press and release read together, depends on timing: both are a
	 * press here.  Its own double clicks are passed on as such.
	 */
	if (ev.bstate & (BUTTON1_DOUBLE_CLICKED | BUTTON1_TRIPLE_CLICKED))
		k->mbtn = UI_MB_DOUBLE;
	else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		k->mbtn = UI_MB_PRESS;
	else if (ev.bstate & BUTTON4_PRESSED)
		k->mbtn = UI_MB_WHEEL_UP;
	else if (ev.bstate & BUTTON5_PRESSED)
		k->mbtn = UI_MB_WHEEL_DOWN;
}

void
ui_mouse_keybar(size_t i, int x, int w, const char *label)
{
	if (label == NULL) {
		nkeybar = 0;
		return;
	}
	if (i >= KEYBAR_MAX)
		return;
	keybar[i].x = x;
	keybar[i].w = w;
	strlcpy(keybar[i].label, label, sizeof keybar[i].label);
	nkeybar = i + 1;
}

/* "F5" -> KEY_F(5), "Tab" -> '\t', "Esc" -> 27, "/" -> '/'. */
static void
ui_mouse_label_key(const char *label, struct ui_key *k)
{
	memset(k, 0, sizeof *k);
	if (label[0] == 'F' && label[1] >= '1' && label[1] <= '9') {
		k->fkey = 1;
		k->code = KEY_F(atoi(label + 1));
	} else if (strcmp(label, "Tab") == 0)
		k->code = '\t';
	else if (strcmp(label, "Esc") == 0)
		k->code = 27;
	else
		k->code = (unsigned char)label[0];
}

static int
ui_mouse_keybar_hit(int x, struct ui_hit *h)
{
	size_t i;

	for (i = 0; i < nkeybar; i++)
		if (x >= keybar[i].x && x < keybar[i].x + keybar[i].w) {
			h->kind = HIT_KEY;
			ui_mouse_label_key(keybar[i].label, &h->key);
			return 1;
		}
	return 0;
}

/* The form box of ui_draw_form, or the prompt's bottom lines. */
static void
ui_mouse_dialog(const struct ui_model *m, int y, int x, struct ui_hit *h)
{
	int w = COLS > 60 ? 56 : COLS - 4, bx = (COLS - w) / 2,
	    by = LINES / 2 - 4;

	if (m->prompt == PR_FORM)
		h->kind = y >= by && y < by + FORM_ROWS && x >= bx &&
		    x < bx + w ? HIT_NONE : HIT_OUTSIDE;
	else
		h->kind = y >= LINES - 3 ? HIT_NONE : HIT_OUTSIDE;
}

static void
ui_mouse_browse(const struct ui_model *m, int y, int x, struct ui_hit *h)
{
	int top, rows, px[2], pw[2];

	ui_list_geometry(m, &top, &rows, px, pw);
	if (y == LINES - 1 && ui_mouse_keybar_hit(x, h))
		return;
	if (y >= top + rows)
		return;
	h->side = x >= px[1] ? 1 : 0;
	if (x >= px[0] + pw[0] && x < px[1])
		return;		/* the divider */
	h->kind = HIT_PANE;
	if (y >= top) {
		h->kind = HIT_ROW;
		h->row = (size_t)(y - top);
	}
}

void
ui_mouse_hit(const struct ui_model *m, int y, int x, struct ui_hit *h)
{
	memset(h, 0, sizeof *h);
	if (m->prompt != PR_NONE)
		ui_mouse_dialog(m, y, x, h);
	else if (m->view == VIEW_BROWSE)
		ui_mouse_browse(m, y, x, h);
	else if (m->view == VIEW_QUEUE && y >= 1 &&
	    (size_t)y <= ui_queue_rows()) {
		h->kind = HIT_ROW;
		h->row = (size_t)y - 1;
	}
}
