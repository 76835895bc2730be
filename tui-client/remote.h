/*
 * remote: the server side of the browser, the counterpart of local.c.
 * Reads a remote directory into a pane and removes remote trees, over the
 * UI's own control connection.  Failures leave the reason in ftp_error().
 */
#ifndef REMOTE_H
#define REMOTE_H

struct ftp;
struct pane;

/*
 * CWD to path, then list it into p (entries replaced, view updated,
 * p->path set to the server's name for the directory).  keep names the
 * entry the cursor should land on, or NULL.  0, or -1 with p unchanged
 * when the directory cannot be entered (a failed listing after a
 * successful CWD leaves p empty at the new path).
 */
int	remote_read(struct ftp *, struct pane *p, const char *path,
	    const char *keep);
/*
 * Is path (a symlink in a listing) a directory?  Tries CWD to it and
 * returns to back.  1 or 0.
 */
int	remote_is_dir(struct ftp *, const char *path, const char *back);
/* Delete a file, or a directory with everything below it.  0 or -1. */
int	remote_remove(struct ftp *, const char *path, int isdir);

#endif
