/*
 * local: the local file system side of the browser.  Reads a directory
 * into a pane and carries out the file operations of the local pane.
 */
#ifndef LOCAL_H
#define LOCAL_H

#include <stddef.h>

struct pane;

/*
 * Read directory path into p (entries replaced, view updated, p->path set
 * to path).  keep names the entry the cursor should land on, or NULL.
 * Returns 0, or -1 with a message in err (errsz) and p left unchanged.
 */
int	local_read(struct pane *p, const char *path, const char *keep,
	    char *err, size_t errsz);
/* Remove a file, or a directory with everything below it.  0 or -1/errno. */
int	local_remove(const char *path);

#endif
