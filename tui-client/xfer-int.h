/*
 * xfer-int: what the UI side (xfer.c) and the worker side
 * (xfer-worker.c) of the transfer queue say to each other over their two
 * pipes.  Not for other modules: they see xfer.h only.
 *
 * UI -> worker: one struct wjob followed by src and dst (no NULs).
 * Worker -> UI: struct wmsg followed by len bytes of text.  Every job ends
 * with exactly one W_DONE or W_EXISTS; W_PROG, W_LOG, W_ADD and W_PART
 * may come before it.  W_PART names the remote temporary an upload is
 * writing (ftp_progress.part): the engine removes it by the job's end,
 * but if the worker dies first, the UI does.
 */
#ifndef XFER_INT_H
#define XFER_INT_H

#include <stdint.h>

#include "ftp.h"

#define XFER_MSG_MAX	4096	/* text of one worker message */

enum wmsg_type { W_LOG = 1, W_PROG, W_EXISTS, W_ADD, W_DONE, W_PART };

struct wmsg {
	uint32_t	type;
	uint32_t	len;
	/* per type: see xfer-worker.c; W_EXISTS: destination size and
	 * mtime, source mtime (0: unknown) */
	uint64_t	a, b, c;
};

struct wjob {
	uint32_t	up, isdir, mode;
	uint32_t	srclen, dstlen;
	uint32_t	move;		/* delete src after success */
	uint64_t	size;
};

/*
 * The life of a worker process: read jobs from rfd until EOF, report on
 * wfd, keep one FTP connection (opened at the first job, re-opened by the
 * engine when it drops).  SIGUSR1 cancels the job in flight.
 */
__attribute__((noreturn))
void	xfer_worker_main(const struct ftp_opts *, int rfd, int wfd);

#endif
