/*
 * queue: the model of the transfer queue view (J), without curses.  It
 * lists every job the xfer queue knows, finished ones first (oldest
 * first), then running, asking and queued ones in queue order, so the
 * newest is at the bottom.  The rows point into the xfer lists and are
 * rebuilt (queue_build) before each use; the cursor stays on its job.
 */
#ifndef QUEUE_H
#define QUEUE_H

#include <stddef.h>

struct xfer;
struct xfer_job;

struct queue {
	struct xfer_job	**rows;		/* owned array, jobs not owned */
	size_t		 n, cap;
	size_t		 cursor;	/* index into rows */
	size_t		 top;		/* first row on screen */
	/* the job under the cursor at the last build (compared only) */
	const struct xfer_job *cur;
	size_t		 running, queued, done, failed;
};

void	queue_init(struct queue *);
void	queue_free(struct queue *);
/* List the jobs of x (NULL: none); the cursor follows its job. */
void	queue_build(struct queue *, struct xfer *);
/* The job under the cursor, or NULL when the list is empty. */
struct xfer_job *queue_current(struct queue *);
/* Move by delta rows, clamped; home and end. */
void	queue_move(struct queue *, long delta);
void	queue_home(struct queue *);
void	queue_end(struct queue *);
/* Keep the cursor inside a window of rows lines starting at top. */
void	queue_scroll(struct queue *, size_t rows);
/* "queued", "running", "done", "FAILED", ... for a job's state. */
const char *queue_state_label(const struct xfer_job *);
/* 1 when the job has finished (done, failed, skipped, cancelled). */
int	queue_finished(const struct xfer_job *);

#endif
