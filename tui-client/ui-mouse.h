/*
 * ui-mouse: the curses side of the mouse (ncurses mouse events, the
 * xterm protocol: SGR 1006 or X10 reports, whatever the terminfo entry
 * says).  Reports arrive as struct ui_key with mbtn set; ui_mouse_hit
 * says what is on screen at a position, so tui-mouse.c decides without
 * curses.  Double clicks are found there too (mouseinterval 0: ncurses
 * reports presses at once instead of waiting to resolve clicks).
 */
#ifndef UI_MOUSE_H
#define UI_MOUSE_H

#include <stddef.h>

#include "ui.h"

enum ui_mbtn { UI_MB_NONE, UI_MB_PRESS, UI_MB_DOUBLE, UI_MB_WHEEL_UP,
	UI_MB_WHEEL_DOWN };

enum ui_hit_kind {
	HIT_NONE,	/* nothing that acts */
	HIT_ROW,	/* a list row: side (panes) and row on screen */
	HIT_PANE,	/* a pane, off its rows: side */
	HIT_KEY,	/* a key bar item: key */
	HIT_OUTSIDE,	/* outside the open dialog or prompt */
};

struct ui_hit {
	enum ui_hit_kind kind;
	int		 side;
	size_t		 row;	/* 0 = the first row of the list on screen */
	struct ui_key	 key;
};

/* Ask the terminal for mouse reports, or not. */
void	ui_mouse(int on);
/* Fill k's mbtn, my, mx from the pending KEY_MOUSE (mbtn 0: ignore it). */
void	ui_mouse_decode(struct ui_key *k);
/*
 * The key bar as drawn: item i at column x, w wide, for key label
 * ("F5", "Tab", "/"); label NULL starts a new bar.
 */
void	ui_mouse_keybar(size_t i, int x, int w, const char *label);
/* What is at y, x in the screen m draws. */
void	ui_mouse_hit(const struct ui_model *m, int y, int x, struct ui_hit *);

#endif
