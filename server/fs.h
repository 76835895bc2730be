/*
 * fs: the jail.  Every path a client names is opened here, beneath a
 * directory fd (the session root), by resolution and never by string
 * checks: openat2(2) with RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS, so
 * "..", absolute symlinks and symlinks leading outside fail with EXDEV
 * while symlinks that stay inside work.  Where openat2 is missing
 * (ENOSYS) a component-by-component O_NOFOLLOW walk is used instead;
 * it refuses every symlink, inside or not.
 *
 * Operations that create, remove or rename work on the parent directory
 * fd and a single final component (fs_parent), which the *at() calls do
 * not follow.  All functions return -1 with errno on failure.
 */
#ifndef FS_H
#define FS_H

#include <sys/stat.h>
#include <sys/types.h>

struct buf;

/* Open rel (relative, from path_rel) beneath dirfd.  O_CLOEXEC is added. */
int	fs_open(int dirfd, const char *rel, int flags, mode_t mode);
/* stat of what rel names beneath dirfd (symlinks inside followed). */
int	fs_stat(int dirfd, const char *rel, struct stat *);
/*
 * Open a regular file for reading: O_NONBLOCK so a FIFO cannot hang us,
 * then fstat; anything else than a regular file is EINVAL (EISDIR for a
 * directory).  The returned fd is blocking again.  st is filled.
 */
int	fs_open_regular(int dirfd, const char *rel, struct stat *st);
/*
 * chmod what abs names beneath root: through an fd opened beneath it, or,
 * for a file we cannot open, by name in its parent without following a
 * final symlink.
 */
int	fs_chmod(int root, const char *abs, mode_t mode);
/*
 * Open the parent directory of abs (an absolute normalised virtual path)
 * beneath root; *base points at abs's last component.  The root itself
 * has no parent: EPERM.  Caller closes the fd.
 */
int	fs_parent(int root, const char *abs, const char **base);
/*
 * Create a hidden temporary ".forkftpd.XXXXXX" in dirfd (O_EXCL, mode).
 * The name is written to name (at least 32 bytes).
 */
#define FS_TEMP_PREFIX	".forkftpd."
int	fs_tempfile(int dirfd, mode_t mode, char name[32]);
/* Create a new file named prefix + random in dirfd; same contract. */
int	fs_uniquefile(int dirfd, const char *prefix, mode_t mode,
	    char *name, size_t namesize);

/*
 * An upload temporary in a directory, given the target's name only once
 * the upload is complete.  Where the kernel and filesystem allow it the
 * file is nameless (O_TMPFILE): a process killed with SIGKILL leaves
 * nothing behind, and no listing ever shows it.  Otherwise (O_TMPFILE
 * refused, or linkat(AT_EMPTY_PATH) refused: Linux before 6.10 without
 * CAP_DAC_READ_SEARCH) it is a hidden fs_tempfile, named in name.
 */
struct fs_temp {
	int	 fd;		/* open for writing, -1 when none */
	int	 dirfd;		/* the directory; not owned */
	char	 name[32];	/* the named fallback, "" while nameless */
};
/* Open t in dirfd (mode, under the umask).  0, or -1 with errno. */
int	fs_temp_open(int dirfd, mode_t mode, struct fs_temp *t);
/*
 * Close t and put it in place as base in its directory, replacing a file
 * of that name (renameat: atomic).  A failed close (a late write error)
 * leaves the old file, or no file when there was none.  0, or -1 with
 * errno; t is released either way.
 */
int	fs_temp_commit(struct fs_temp *t, const char *base);
/* Close and forget t (unlinking a named fallback).  Idempotent. */
void	fs_temp_discard(struct fs_temp *t);
/* Tests: 1 makes fs_temp_open always take the named fallback. */
void	fs_temp_force_named(int on);

/*
 * 1 when arg, taken from cwd, climbs above "/" with "..".  path_join
 * clamps such paths at "/"; a client naming a path above its root asked
 * for something that does not exist, so callers refuse it (5xx) rather
 * than map it somewhere else.  Pure string work.
 */
int	fs_climbs(const char *cwd, const char *arg);

#endif
