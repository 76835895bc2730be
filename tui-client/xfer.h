/*
 * xfer: the transfer queue and its workers.
 *
 * Up to `parallel` worker processes, forked on demand, each keep an FTP
 * connection of their own and take one job at a time, so the browser
 * stays responsive and a batch of small files does not pay a login per
 * file.  A worker reports to the UI over a pipe: progress at most ten
 * times a second, protocol log lines, the result.  A directory job only
 * creates its destination and lists its source: each entry comes back as
 * a new job, so transfers start at once and the totals grow as the tree
 * is discovered.
 *
 * A move job (move set) deletes its source once the transfer succeeded
 * (and was verified when the server offers HASH); a moved directory is
 * removed by the UI when the queue is idle, if it is empty by then
 * (xfer_next_rmdir), so a file that failed keeps its directory.
 *
 * A job whose destination exists stops in XJ_ASK until the UI decides
 * (xfer_decide).  Cancelling signals the job's worker (SIGUSR1); its
 * progress callback then makes the engine send ABOR.  No curses here.
 */
#ifndef XFER_H
#define XFER_H

#include <sys/queue.h>
#include <sys/types.h>
#include <poll.h>
#include <stdint.h>
#include <time.h>

#include "ftp.h"

enum xfer_state { XJ_QUEUED, XJ_RUNNING, XJ_ASK, XJ_DONE, XJ_FAILED,
	XJ_SKIPPED, XJ_CANCELLED };

/*
 * What to do when the destination exists (XM_RENAME: pick dst.N;
 * XM_NEWER: overwrite when the source is newer, else skip; XM_DIFFSIZE:
 * overwrite when the sizes differ, else skip).
 */
enum xfer_mode { XM_ASK, XM_OVERWRITE, XM_RESUME, XM_SKIP, XM_RENAME,
	XM_NEWER, XM_DIFFSIZE };

struct xfer_job {
	TAILQ_ENTRY(xfer_job) entry;
	/* 1 upload (local -> remote), 0 download */
	int		 up;
	int		 isdir;
	/* delete the source after a successful transfer */
	int		 move;
	char		*src, *dst;	/* full paths, owned */
	uint64_t	 size;		/* FTP_SIZE_UNKNOWN when not known */
	enum xfer_state	 state;
	enum xfer_mode	 mode;
	/* index of its worker while running, else -1 */
	int		 worker;
	/* progress, total FTP_SIZE_UNKNOWN if unknown */
	uint64_t	 done, total;
	uint64_t	 offset;	/* resumed from */
	int		 finishing;	/* sent, not confirmed/verified yet */
	/* XJ_ASK: size and mtime (0: unknown) of the existing destination,
	 * and the source's mtime */
	uint64_t	 dstsize;
	time_t		 dstmtime, srcmtime;
	/* bytes of dst that name the copy's root (its directory), so a
	 * recursive copy's question shows the path below it */
	size_t		 rootlen;
	/* remote temporary of an upload in flight (W_PART), or NULL */
	char		*part;
	unsigned	 tries;		/* removals of an orphaned part tried */
	struct timespec	 start;
	int		 cancelled;
	char		 msg[256];	/* failure reason or HASH result */
};
TAILQ_HEAD(xfer_list, xfer_job);

typedef void (*xfer_log_fn)(void *arg, enum ftp_log_dir, const char *line);

struct xfer_worker;

struct xfer {
	struct xfer_worker *workers;	/* parallel slots, owned */
	struct xfer_list jobs;		/* queued, running, asking */
	struct xfer_list finished;	/* most recent last, capped */
	/* moved directories to remove, parents first */
	struct xfer_list rmdirs;
	size_t		 nfinished;
	unsigned	 parallel;
	struct ftp_opts	 opts;		/* for the workers' connections */
	enum xfer_mode	 policy;	/* an "all" answer, XM_ASK if none */
	xfer_log_fn	 log;
	void		*log_arg;
	/* What changed since the UI last looked (xfer_take_changes). */
	int		 changed_local, changed_remote;
	unsigned	 ok, failed;	/* counters of this session */
	int		 closing;	/* shutting down: start nothing new */
	/* The batch: files since the queue was last empty. */
	size_t		 batch_files, batch_done;
	unsigned	 part_tries;	/* of the part xfer_next_rmdir gave */
};

/* opts is referenced, not copied: it must outlive x. */
void	xfer_init(struct xfer *, const struct ftp_opts *, unsigned parallel,
	    xfer_log_fn, void *log_arg);
/* Cancel everything and wait for the workers. */
void	xfer_shutdown(struct xfer *);

/*
 * Queue a file or directory.  src and dst are copied.  size may be
 * unknown.  The job is returned so the caller can set move.
 */
struct xfer_job *xfer_add(struct xfer *, int up, int isdir, const char *src,
	    const char *dst, uint64_t size);
/* Start workers for queued jobs, up to the parallel limit. */
void	xfer_start(struct xfer *);

/* The pipes to poll: fills up to max entries, returns how many. */
size_t	xfer_pollfds(struct xfer *, struct pollfd *, size_t max);
/*
 * Read what the workers sent, reap the ones that ended, start queued
 * jobs.  Returns 1 if anything changed.
 */
int	xfer_poll(struct xfer *);

/* The first job waiting for an answer, or NULL. */
struct xfer_job *xfer_asking(struct xfer *);
/*
 * Answer a job in XJ_ASK.  all makes the answer the policy of the rest of
 * the queue.  newdst (rename) replaces the destination path.
 */
void	xfer_decide(struct xfer *, struct xfer_job *, enum xfer_mode, int all,
	    const char *newdst);

/*
 * When the queue is idle: the next thing to remove, its path copied into
 * path; 1, or 0 if none is left.  A moved directory (*isdir 1, children
 * before parents; up tells the side of the source: 1 local, 0 remote),
 * or the remote temporary of an upload whose worker died (*isdir 0,
 * *up 0: a file to delete on the server), a second after it died.
 */
int	xfer_next_rmdir(struct xfer *, char *path, size_t size, int *up,
	    int *isdir);
/*
 * The orphaned part path was not there (550): the server's session of
 * the dead worker may still be storing it, so try again a second later,
 * a few times.
 */
void	xfer_part_again(struct xfer *, const char *path);

/* Cancel the oldest running job (ABOR).  Returns 0, or -1 if none runs. */
int	xfer_cancel_one(struct xfer *);
/*
 * The queue view's actions on one job.  xfer_cancel_job: a running job
 * is told to ABOR, a queued or asking one finishes as cancelled; -1 if j
 * has finished already.  xfer_forget frees a finished job (-1 if it has
 * not finished).  xfer_clear_finished frees them all and says how many.
 * xfer_retry queues a failed or cancelled job again, resuming a file
 * from what it left at the destination; -1 for other states.
 */
int	xfer_cancel_job(struct xfer *, struct xfer_job *);
int	xfer_forget(struct xfer *, struct xfer_job *);
size_t	xfer_clear_finished(struct xfer *);
int	xfer_retry(struct xfer *, struct xfer_job *);
/* Cancel running jobs and drop queued ones. */
void	xfer_cancel_all(struct xfer *);

/* Files not finished yet, and the bytes they still have to move. */
size_t	xfer_pending(struct xfer *, uint64_t *bytes);
size_t	xfer_running(struct xfer *);
/* 1 when nothing is queued, running or waiting for an answer. */
int	xfer_idle(struct xfer *);
/* Bytes per second of a running job since it started. */
double	xfer_rate(const struct xfer_job *, const struct timespec *now);

#endif
