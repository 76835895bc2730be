/*
 * ftp-tree: what the engine's recursive commands (ftp-tree.c get -r /
 * put -r, ftp-mirror.c mirror, ftp-glob.c) share.  Not for users of the
 * engine: they see ftp.h only.
 */
#ifndef FTP_TREE_H
#define FTP_TREE_H

#include <stddef.h>

#include "ftp.h"

#define TREE_DEPTH_MAX	64

/*
 * A listed name that is not one entry of its directory: empty, holding
 * '/', "." or "..".  A hostile server could climb out of the destination
 * with it, so such names are never used.  1 or 0.
 */
int	tree_name_unsafe(const char *);
/* dir/name (no doubled slash).  Caller frees. */
char	*tree_path_cat(const char *dir, const char *name);
/* mkdir, accepting a directory already there.  0 or -1 (f's error set). */
int	tree_local_mkdir(struct ftp *, const char *path);
/* MKD, accepting a directory already there. */
int	tree_remote_mkdir(struct ftp *, const char *path);
/*
 * ftp_get_files / ftp_put_files (get nonzero: download), also telling
 * how many files failed in *failed (workers included).
 */
int	tree_files(struct ftp *, int get, size_t n, char *const *src,
	    char *const *dst, int flags, ftp_progress_fn, ftp_fail_fn,
	    void *arg, size_t *failed);

#endif
