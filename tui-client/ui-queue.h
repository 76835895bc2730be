/*
 * ui-queue: the curses side of the transfer queue view (J).  It draws
 * the struct queue model (queue.h) of the jobs of m->xfer: one row a
 * job, a progress bar and rate for running ones, the result text, made
 * safe, for finished ones.
 */
#ifndef UI_QUEUE_H
#define UI_QUEUE_H

#include <stddef.h>

struct ui_model;

/* Draw the whole view (the caller erases and refreshes). */
void	ui_queue_draw(struct ui_model *);
/* Rows of jobs the view shows (for PgUp/PgDn). */
size_t	ui_queue_rows(void);

#endif
