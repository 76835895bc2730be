/*
 * hcache: the digest cache of HASH, kept in an extended attribute of the
 * file itself, "user.forkftpd.<algo>" (sha256, sha512, sha1, md5), so the
 * next HASH of an unchanged file answers without reading it.
 *
 * The value is text:
 *	v1 size=<bytes> mtime=<ns> ino=<n> ctime<=<ns> <hex digest>
 * and it is believed only when the file's size, mtime (ns) and inode are
 * those written and its ctime is not later than the bound.  The ctime is
 * a bound, not a copy: writing the attribute is itself a change that
 * moves the ctime, so no value written can hold the ctime that results.
 * The bound is the clock just before the write plus a millisecond (a
 * write preempted past it leaves a record that never matches), and the
 * reply waits until the kernel's coarse clock, which stamps changes, is
 * past the bound.  So every change made after the reply, including a
 * rewrite whose mtime is put back (touch -d), moves the ctime past the
 * bound; replacing the file changes the inode.  What a record cannot see
 * is a change racing the command that writes it (between its last fstat
 * and the reply), with the mtime put back too, and any change made after
 * the system clock was set back past the bound.  A file whose ctime is
 * ahead of the clock is not cached.  Files below
 * HCACHE_MIN_SIZE are not cached: digesting them is cheaper than that
 * wait (at most a clock tick and a millisecond).
 *
 * Where the attribute cannot be read or written (a file system without
 * user xattrs, a file the session may not write, a full disk) nothing is
 * stored on the file and nothing fails; the last such digest is kept in
 * the process instead (a one-entry memory, for the HASH that follows a
 * RETR digested on the way), believed only while the file's fstat is
 * exactly the one it was computed under, and only once the coarse clock
 * is past the file's ctime (a later change must be able to move it).  Only fgetxattr and fsetxattr are used, on
 * fds that fs.c opened: the attribute is never named by a path, listed
 * or removed, and no FTP command reaches it.
 */
#ifndef HCACHE_H
#define HCACHE_H

#include <sys/stat.h>

#include "digest.h"

#define HCACHE_MIN_SIZE	((off_t)4 << 20)

/* Is a file of this size cached at all? */
int	hcache_worth(off_t size);
/*
 * The cached digest of the whole of fd, whose fstat is st: 0 and hex, or
 * -1 when there is none or it does not match st.
 */
int	hcache_get(int fd, const struct stat *st, enum digest_algo,
	    char hex[DIGEST_HEX_MAX]);
/*
 * Remember hex as the digest of the whole of fd, computed from the
 * content fd had while its fstat was was: nothing is written when fd
 * changed since.  Failures are silent.
 */
void	hcache_put(int fd, const struct stat *was, enum digest_algo,
	    const char *hex);

#endif
