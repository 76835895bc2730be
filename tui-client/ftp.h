/*
 * ftp: the client session engine, on top of proto/.
 *
 * One struct ftp is one control connection with its login, features and
 * remote working directory.  Every call blocks (each wait is bounded by
 * the timeout of ftp_opts) and returns 0 on success or -1 on failure;
 * after a failure ftp_error() holds the reason: the server's reply
 * ("550 No such file or directory.") or a local error ("connect
 * 127.0.0.1:21: Connection refused").
 *
 * A control connection that dropped between operations is re-opened,
 * logged in again and put back into its working directory by the next
 * call; an interrupted transfer is resumed on a new connection
 * (ftp_set_retries).
 *
 * Not thread-safe; the TUI runs transfers in forked workers, each with a
 * struct ftp of its own.
 */
#ifndef FTP_H
#define FTP_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "digest.h"
#include "listing.h"
#include "tls.h"

struct ftp;

/* Log directions for the protocol log (ftp_opts.log). */
enum ftp_log_dir {
	FTP_LOG_SEND,		/* a command we sent (PASS masked) */
	FTP_LOG_RECV,		/* a reply line */
	FTP_LOG_INFO		/* engine notes: connecting, reconnecting, ... */
};

typedef void (*ftp_log_fn)(void *arg, enum ftp_log_dir, const char *line);

struct ftp_opts {
	const char	*host;		/* name, IPv4 or IPv6 literal (no brackets) */
	const char	*port;		/* service or number; NULL = "21" */
	const char	*user;		/* NULL or "" = anonymous */
	const char	*pass;		/* NULL: prompt if stdin is a tty, else "" */
	int		 active;	/* EPRT/PORT instead of EPSV/PASV */
	int		 timeout;	/* seconds for every wait; 0 = 30 */
	enum tls_mode	 tls;		/* TLS_AUTO (0) by default */
	int		 tls_set;	/* tls given by the user: a URL's
					 * scheme does not change it (login.c) */
	ftp_log_fn	 log;		/* may be NULL */
	void		*log_arg;
};

/* Server features learned from FEAT (ftp_features). */
#define FTP_FEAT_MLST	0x0001		/* MLST and MLSD */
#define FTP_FEAT_SIZE	0x0002
#define FTP_FEAT_MDTM	0x0004
#define FTP_FEAT_REST	0x0008		/* REST STREAM */
#define FTP_FEAT_UTF8	0x0010
#define FTP_FEAT_EPSV	0x0020
#define FTP_FEAT_HASH	0x0040
#define FTP_FEAT_MFMT	0x0080
#define FTP_FEAT_HASH_RETR 0x0100	/* forkftpd: HASH after a RETR is free */

#define FTP_SIZE_UNKNOWN UINT64_MAX

/* Transfer flags. */
#define FTP_RESUME	0x01		/* continue a shorter destination */
#define FTP_NOVERIFY	0x02		/* skip the HASH check */

/*
 * What a progress callback sees.  done counts bytes at the destination,
 * including offset bytes that were there before a resume; total is the
 * whole file or FTP_SIZE_UNKNOWN.  The callback runs when a file starts
 * (after the server's 1xx, done = offset) and after every block; for
 * trees, name changes per file.
 */
struct ftp_progress {
	const char	*name;		/* remote path of the file in flight */
	uint64_t	 done;
	uint64_t	 total;
	uint64_t	 offset;	/* where this transfer started */
	/*
	 * An upload over an existing file goes to this temporary remote
	 * name first (NULL otherwise): the engine renames it over name when
	 * complete and removes it when the upload fails, so only a process
	 * killed mid-transfer leaves it behind.  Never show it to the user.
	 */
	const char	*part;
	/*
	 * An upload is sent but not confirmed yet (226 and, with HASH, the
	 * digest): done counts the bytes the server took, and the callback
	 * runs about ten times a second until the reply (and can still
	 * cancel), once at the 226 and once more, finishing 0, when verified.
	 */
	int		 finishing;
};

/* Return nonzero to cancel: the engine sends ABOR and the call fails. */
typedef int (*ftp_progress_fn)(void *arg, const struct ftp_progress *);

/* A listing callback; entry and its strings are freed after it returns. */
typedef int (*ftp_list_fn)(void *arg, const struct lst_entry *);

/*
 * Connect, read the greeting, log in, read FEAT, switch UTF8 on when
 * offered, learn the working directory.  opts is copied.  With TLS
 * (opts->tls, tls.h): AUTH TLS before the login (or TLS from the first
 * byte), the certificate checked or trusted as tls.h says, PBSZ 0 and
 * PROT P after it.  On failure *out is NULL and err holds the reason
 * (several lines for a refused certificate).  Free with ftp_close.
 */
int	ftp_connect(const struct ftp_opts *, struct ftp **out, char *err,
	    size_t errlen);
/* QUIT (when connected), close, free.  NULL is fine. */
void	ftp_close(struct ftp *);

/* The reason of the last failure, or the last reply after a success. */
const char *ftp_error(struct ftp *);
/* The code of the last reply (0 when the failure was local). */
int	ftp_reply_code(struct ftp *);
unsigned ftp_features(struct ftp *);
/*
 * A flag (set by a signal handler) that interrupts the engine: while it
 * is nonzero every wait ends at once and the call fails ("interrupted");
 * a transfer in flight is aborted with ABOR first.  Process-wide.
 */
void	ftp_set_interrupt(volatile sig_atomic_t *flag);
/*
 * A function the engine calls while it waits on the network: at least
 * every 100 ms, and at once when fd (the terminal) has input.  It may
 * raise the interrupt flag to end the wait, which is how the browser
 * lets Esc stop a slow listing.  fn NULL removes it.  Process-wide; a
 * forked worker removes it first.
 */
typedef void (*ftp_wait_fn)(void *arg, int fd_ready);
void	ftp_set_wait_hook(int fd, ftp_wait_fn fn, void *arg);
/*
 * Verify transfers with HASH when the server offers it (on = 1, the
 * default), or never (on = 0, --no-verify).  Process-wide, like the
 * interrupt flag: it is the user's choice for every session and worker.
 */
void	ftp_set_verify(int on);
/*
 * How often a transfer cut by a dropped connection is retried (resumed
 * where the data stopped) on a new connection: n times (default 3),
 * after pauses of 0, 1, 2, 4, ... seconds.  Process-wide.
 */
void	ftp_set_retries(unsigned n);
/* Replace the protocol log (NULL disables it). */
void	ftp_set_log(struct ftp *, ftp_log_fn, void *arg);
/*
 * The protection of the session for titles: "TLS1.3" (the version the
 * control connection negotiated, data connections are PROT P too) or
 * "PLAIN".  Valid while the ftp lives.
 */
const char *ftp_protection(struct ftp *);
/* 1 when the session is encrypted (ftp_protection is not "PLAIN"). */
int	ftp_secure(struct ftp *);
/* "host:port" for titles; valid while the ftp lives. */
const char *ftp_peer(struct ftp *);

#define FTP_PARALLEL_MAX 16
/* Connections ftp_get_tree/ftp_put_tree may use: 1 (default) to 16. */
void	ftp_set_parallel(struct ftp *, unsigned);
/*
 * A second session to the same server: same login (no new prompt), same
 * options and working directory.  Same returns as ftp_connect.
 */
int	ftp_clone(struct ftp *, struct ftp **out, char *err, size_t errlen);

/* The remote directory as last learned from PWD; valid until the next call. */
const char *ftp_cwd_path(struct ftp *);
/* PWD; *out is malloc'd, caller frees. */
int	ftp_pwd(struct ftp *, char **out);
int	ftp_cwd(struct ftp *, const char *path);
int	ftp_mkdir(struct ftp *, const char *path);
int	ftp_rmdir(struct ftp *, const char *path);
int	ftp_delete(struct ftp *, const char *path);
int	ftp_rename(struct ftp *, const char *from, const char *to);
int	ftp_size(struct ftp *, const char *path, uint64_t *out);
int	ftp_mdtm(struct ftp *, const char *path, time_t *out);
/* HASH (draft-bryan-ftpext-hash): the server's algorithm and hex digest. */
int	ftp_hash(struct ftp *, const char *path, enum digest_algo *,
	    char hex[DIGEST_HEX_MAX]);
/*
 * The facts of one file or directory (MLST, RFC 3659 §7).  Without MLST,
 * the entry of path in its parent directory's listing (LIST), which
 * cannot describe "/", "." or ".."; a name not listed there fails with
 * code 550.  Fills e; free with lst_entry_free.
 */
int	ftp_stat(struct ftp *, const char *path, struct lst_entry *e);
int	ftp_noop(struct ftp *);
/*
 * Keep an idle session alive: NOOP when nothing was sent for interval
 * seconds.  Call it from an idle loop; a session found dead is dropped
 * quietly (the next call reconnects).  Returns 0, or -1 if it was dead.
 */
int	ftp_keepalive(struct ftp *, int interval);
/*
 * Send one raw command line (no CR/LF allowed) and read its reply; the
 * reply is in ftp_error().  0 for a 1xx-3xx reply, else -1.
 */
int	ftp_quote(struct ftp *, const char *line);

/*
 * List a directory (path NULL: the working directory): MLSD when the
 * server offers it, else LIST parsed tolerantly.  cb is called once per
 * entry as it arrives ("." and ".." are skipped), so the listing is never
 * held in memory here.  A nonzero return from cb aborts the listing and
 * the call returns -1.
 */
int	ftp_list(struct ftp *, const char *path, ftp_list_fn cb, void *arg);
/*
 * Bounds on one listing, for every caller that keeps its entries (the
 * remote pane, get -r, mirror): past max_entries entries or max_bytes
 * bytes of listing text the listing is aborted and ftp_list fails with
 * an error naming the limit; the session stays usable.  0 is no limit.
 * Process-wide, like ftp_set_verify.
 */
#define FTP_LIST_MAX_ENTRIES	10000000ULL
#define FTP_LIST_MAX_BYTES	(1ULL << 30)
void	ftp_set_list_limits(uint64_t max_entries, uint64_t max_bytes);

/*
 * Download remote into local.  The data goes to a temporary file in the
 * directory of local (ftp_get_part), renamed over local only when
 * complete (and, when the server offers HASH, verified), so a failed
 * download never clobbers an existing file.  A failed or cancelled
 * download that got some data keeps that temporary; FTP_RESUME continues
 * it, or else a shorter local file in place (a failure then keeps the
 * partial file).  Without FTP_RESUME, a download starts over.  progress
 * may be NULL.
 */
int	ftp_get(struct ftp *, const char *remote, const char *local,
	    int flags, ftp_progress_fn, void *arg);
/*
 * The temporary a download of local writes and keeps when it fails:
 * ".forkftp-part.BASE" next to it, or NULL when that name would be too
 * long (such a download gets a random temporary, not kept).  Caller
 * frees.
 */
char	*ftp_get_part(const char *local);
/*
 * Download remote to an open descriptor (a pipe, stdout), sequentially:
 * no temporary file and no HASH check; a cut transfer still resumes.
 * fd stays open.
 */
int	ftp_get_fd(struct ftp *, const char *remote, int fd,
	    ftp_progress_fn, void *arg);
/*
 * Upload local to remote.  FTP_RESUME continues a shorter remote file
 * with REST+STOR (REST STREAM) or APPE.  Without it, an existing remote
 * file is never touched until the new one is complete: the data goes to
 * a temporary name in the same directory (FTP_PART_PREFIX, see
 * ftp_progress.part), verified there, then renamed over remote (lftp's
 * xfer:use-temp-file); a failed or cancelled upload removes only the
 * temporary.  A server that refuses the temporary name or the rename
 * over an existing file gets a direct STOR instead, said in the log.
 */
#define FTP_PART_PREFIX	".forkftp-part."
int	ftp_put(struct ftp *, const char *local, const char *remote,
	    int flags, ftp_progress_fn, void *arg);
/*
 * Upload what fd gives until its end (stdin, a pipe) to remote: the size
 * is unknown (progress total FTP_SIZE_UNKNOWN), the HASH check uses a
 * digest taken as the bytes go by, and a transfer cut after the first
 * byte was read fails (a stream cannot be re-read to resume).  fd stays
 * open.  An existing remote goes through a temporary name as in
 * ftp_put; where the rename over it is refused, the old file is deleted
 * and the complete new one renamed in its place (the stream cannot be
 * sent again).
 */
int	ftp_put_fd(struct ftp *, int fd, const char *remote,
	    ftp_progress_fn, void *arg);
/* A growable list of names (ftp_glob).  Zero-initialise; free below. */
struct ftp_names {
	char	**name;		/* each malloc'd */
	size_t	  n, cap;
};
/* Append a copy of s. */
void	ftp_names_add(struct ftp_names *, const char *s);
void	ftp_names_free(struct ftp_names *);
/* Drop repeated names (two patterns matching one file), keeping the first. */
void	ftp_names_uniq(struct ftp_names *);

/* Has the string a wildcard (*, ? or [) for ftp_glob?  1 or 0. */
int	ftp_glob_magic(const char *);
/*
 * Append to out the files (and links) of a remote directory matching
 * pattern, sorted: fnmatch(3) with FNM_PERIOD (a leading dot must be
 * matched explicitly, as in sh and lftp) over the listing; the server is
 * not asked to glob.  Wildcards may appear in the last component only;
 * the directory part is kept in the results ("logs/a*" gives "logs/a1").
 * A pattern without wildcards is appended as it is, unlisted.  No match
 * is not a failure: out is left as it was.
 */
int	ftp_glob(struct ftp *, const char *pattern, struct ftp_names *out);

/* A file of a list failed: its source name and the reason. */
typedef void (*ftp_fail_fn)(void *arg, const char *name, const char *why);

/*
 * Files by the list: remote[i] to local[i] (ftp_get_files) or local[i]
 * to remote[i] (ftp_put_files) for i < n, each as ftp_get/ftp_put do,
 * on this connection or on ftp_set_parallel workers as the trees below.
 * With fail, each failing file is told to it (in the worker, when
 * parallel) and the others still go, as lftp's mget does; the call then
 * fails with "N of M files failed".  Without fail, the first failure
 * stops it and its message starts with the file's name.  An interrupt
 * (ftp_set_interrupt) stops it either way.  arg goes to both callbacks.
 */
int	ftp_get_files(struct ftp *, size_t n, char *const *remote,
	    char *const *local, int flags, ftp_progress_fn, ftp_fail_fn,
	    void *arg);
int	ftp_put_files(struct ftp *, size_t n, char *const *local,
	    char *const *remote, int flags, ftp_progress_fn, ftp_fail_fn,
	    void *arg);
/*
 * Recursive versions: directories (empty ones too) are created first,
 * then the files are transferred, on this connection or, after
 * ftp_set_parallel(n > 1), by n forked workers with a connection each
 * (the progress callback then runs in the workers).
 */
int	ftp_get_tree(struct ftp *, const char *remote, const char *local,
	    int flags, ftp_progress_fn, void *arg);
int	ftp_put_tree(struct ftp *, const char *local, const char *remote,
	    int flags, ftp_progress_fn, void *arg);

/* mirror: make one tree a copy of another (ftp_mirror). */
#define FTP_MIRROR_REVERSE	0x01	/* upload local to remote */
#define FTP_MIRROR_DELETE	0x02	/* remove what the source lacks */
#define FTP_MIRROR_NEWER	0x04	/* only files newer than the copy */
#define FTP_MIRROR_DRYRUN	0x08	/* say what would happen, change nothing */
#define FTP_MIRROR_RESUME	0x10	/* continue shorter copies (FTP_RESUME) */

enum ftp_mirror_act {
	FTP_MIRROR_GET, FTP_MIRROR_PUT, FTP_MIRROR_RM, FTP_MIRROR_RMDIR
};

struct ftp_mirror_cb {
	ftp_progress_fn	 progress;	/* may be NULL */
	/* A file or directory that failed; the mirror goes on. */
	ftp_fail_fn	 fail;
	/* Each transfer (before it runs) and removal (when done); path
	 * is relative to the trees' roots.  May be NULL. */
	void		(*note)(void *arg, enum ftp_mirror_act,
			    const char *path);
	void		*arg;
};

struct ftp_mirror_stats {
	size_t		 files;		/* transferred (or, dry, to transfer) */
	uint64_t	 bytes;		/* their size (an estimate after failures) */
	size_t		 unchanged;
	size_t		 deleted;	/* files and directories */
	size_t		 failed;
};

/*
 * Make local a copy of the remote tree remote (remote NULL: the working
 * directory), or with FTP_MIRROR_REVERSE the remote tree a copy of
 * local: directories are created, and a file is transferred when the
 * copy lacks it, its size differs or the source's mtime is newer (with
 * FTP_MIRROR_NEWER: only missing or newer ones).
 * ftp_get/ftp_put carry mtimes over (MDTM, MFMT), so a second run
 * transfers nothing.  With FTP_MIRROR_DELETE, what the copy has and the
 * source lacks is removed after the transfers, inside the copy only:
 * local symlinks are removed, never followed, and remote names that are
 * not one entry of their directory (tree_name_unsafe) are never used.
 * Files go on ftp_set_parallel workers as with ftp_get_files.  Failing
 * files are told to cb->fail and the others go on; the call then fails.
 * st is filled either way.
 */
int	ftp_mirror(struct ftp *, const char *remote, const char *local,
	    int flags, const struct ftp_mirror_cb *, struct ftp_mirror_stats *);

#endif
