/*
 * path: virtual paths as the client sees them.  Pure string work; the
 * confinement itself is done by resolution in server/fs.c, never here.
 */
#ifndef PATH_H
#define PATH_H

#include <stddef.h>
#include "buf.h"

#define PATH_MAX_VIRTUAL 4096

/*
 * Join arg to cwd (an absolute, normalised path) and normalise: collapse
 * ".", ".." and repeated slashes, never above "/".  An absolute arg
 * ignores cwd.  The result in out is absolute, without a trailing slash
 * (except "/").  Returns 0, or -1 when arg holds a NUL or the result is
 * longer than PATH_MAX_VIRTUAL.
 */
int	path_join(const char *cwd, const char *arg, size_t arglen, struct buf *out);
/* The same path relative to the root, for openat2: "/" -> ".", "/a/b" -> "a/b". */
const char *path_rel(const char *abs);
/* Last component of an absolute normalised path ("/" -> "/"). */
const char *path_base(const char *abs);
/* Split a normalised path into directory (written to dir) and base. */
void	path_split(const char *abs, struct buf *dir, const char **base);

#endif
