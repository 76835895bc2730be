/*
 * ls: directory listings for LIST, NLST, MLSD and STAT, produced in
 * process (never by exec'ing ls) and bounded in memory however big the
 * directory.
 *
 * Entries come sorted by name in byte order (strcmp, as vsftpd; what
 * people reading `ls` in their client expect).  Names are read in
 * batches of at most LS_SORT_MAX entries and LS_SORT_BYTES of names;
 * each batch is sorted, then stat'ed, formatted and handed to an emit
 * callback in chunks.  A directory within one batch (nearly all) is
 * listed fully sorted; a larger one comes as consecutive sorted batches,
 * each in order by itself, so memory stays a few MiB.
 *
 * Globbing (NLST *.c, LIST a/b*) works on the last component only, with
 * fnmatch(3), and is bounded: patterns with too many '*' are refused and
 * at most LS_MAX_WORK entries are examined.  Names with CR or LF are
 * never listed; our own upload temporaries are hidden.
 *
 * Opening (ls_open) and streaming (ls_run) are separate so that a
 * missing path is answered with 550 before any 150 is sent.
 */
#ifndef LS_H
#define LS_H

#include <sys/stat.h>
#include <dirent.h>
#include <time.h>

#include "buf.h"

#define LS_MAX_WORK	200000
#define LS_MAX_STARS	4
#define LS_SORT_MAX	65536			/* entries in one sorted batch */
#define LS_SORT_BYTES	(2 * 1024 * 1024)	/* bytes of names in one batch */

enum ls_kind { LS_LIST, LS_NLST, LS_MLSD, LS_STAT };

struct ls_job {
	enum ls_kind	 kind;
	int		 all;		/* LIST -a: dot files too */
	DIR		*dir;		/* the directory listed, or NULL */
	int		 root;		/* the session root (symlink targets) */
	struct buf	 dirpath;	/* virtual path of dir */
	struct stat	 dirst;
	int		 single;	/* one non-directory entry */
	struct stat	 st;
	char		*target;	/* symlink target of the single entry */
	struct buf	 name;		/* the single entry's name as given */
	struct buf	 prefix;	/* NLST of a glob: "dir/" as given */
	char		*pattern;	/* fnmatch pattern or NULL */
	unsigned	 facts;
	int		 writable;
	time_t		 now;
};

/* Emit callback: 0 to go on, -1 to stop the listing. */
typedef int (*ls_emit)(void *ctx, const char *, size_t);

/*
 * Resolve arg (NULL: the cwd) beneath root for kind.  LIST/NLST/STAT
 * take leading "-opts" words.  Returns 0, or -1 with errno: ENOENT
 * (and the other open errors), ENOTDIR (MLSD of a file), E2BIG (a
 * pattern too complex).  ls_close frees the job either way.
 */
int	ls_open(struct ls_job *, enum ls_kind, int root, const char *cwd,
	    const char *arg, unsigned facts, int writable);
/* Stream the lines (CRLF ended).  0, or -1 when emit stopped it. */
int	ls_run(struct ls_job *, ls_emit, void *ctx);
void	ls_close(struct ls_job *);

/* The MLST line " facts /abs\r\n" for abs beneath root.  0 or -1. */
int	ls_mlst(int root, const char *abs, unsigned facts, int writable,
	    struct buf *out);

#endif
