/*
 * fs: confined path resolution (see fs.h).
 */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <linux/openat2.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "path.h"
#include "xio.h"

#include "fs.h"

static int	fs_no_openat2;

/*
 * The fallback walk: each directory component opened O_PATH|O_NOFOLLOW
 * from the previous one.  Normalised paths hold no "..", but a hostile
 * one is refused rather than trusted.
 */
static int
fs_walk(int dirfd, const char *rel, int flags, mode_t mode)
{
	char *copy, *p, *slash;
	int cur = dirfd, next, fd, saved;

	copy = xstrdup(rel);
	p = copy;
	while ((slash = strchr(p, '/')) != NULL) {
		*slash = '\0';
		if (strcmp(p, "..") == 0) {
			errno = EXDEV;
			goto fail;
		}
		next = openat(cur, p, O_PATH | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (cur != dirfd)
			close(cur);
		cur = next;
		if (cur == -1)
			goto fail;
		p = slash + 1;
	}
	if (strcmp(p, "..") == 0) {
		errno = EXDEV;
		goto fail;
	}
	fd = openat(cur, p, flags | O_NOFOLLOW | O_CLOEXEC, mode);
	saved = errno;
	if (cur != dirfd)
		close(cur);
	free(copy);
	errno = saved;
	return fd;
fail:
	saved = errno;
	if (cur != dirfd && cur != -1)
		close(cur);
	free(copy);
	errno = saved;
	return -1;
}

int
fs_open(int dirfd, const char *rel, int flags, mode_t mode)
{
	struct open_how how;
	long fd;

	if (rel[0] == '/' || rel[0] == '\0') {
		errno = EXDEV;
		return -1;
	}
	if (!fs_no_openat2) {
		memset(&how, 0, sizeof how);
		how.flags = (uint64_t)(flags | O_CLOEXEC);
		how.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0;
		how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
		do
			fd = syscall(SYS_openat2, dirfd, rel, &how, sizeof how);
		while (fd == -1 && (errno == EINTR || errno == EAGAIN));
		if (fd != -1 || errno != ENOSYS)
			return (int)fd;
		fs_no_openat2 = 1;
	}
	return fs_walk(dirfd, rel, flags, mode);
}

#ifndef SYS_fchmodat2
#define SYS_fchmodat2	452	/* Linux 6.6, same number on every arch */
#endif

/*
 * chmod of one name in dirfd, never through a final symlink.  glibc
 * before 2.39 emulates AT_SYMLINK_NOFOLLOW through /proc, which a chroot
 * lacks, so ask the kernel; before Linux 6.6, check then change (we
 * offer no way to create symlinks, so the window is not ours to race).
 */
static int
fs_chmod_nofollow(int dirfd, const char *name, mode_t mode)
{
	struct stat st;

	if (syscall(SYS_fchmodat2, dirfd, name, mode, AT_SYMLINK_NOFOLLOW) == 0)
		return 0;
	if (errno != ENOSYS)
		return -1;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return -1;
	if (S_ISLNK(st.st_mode)) {
		errno = ELOOP;
		return -1;
	}
	return fchmodat(dirfd, name, mode, 0);
}

int
fs_chmod(int root, const char *abs, mode_t mode)
{
	const char *base;
	int fd, r, saved;

	/* fchmod on an fd opened beneath the root: nothing outside moves. */
	fd = fs_open(root, path_rel(abs), O_RDONLY | O_NONBLOCK | O_NOCTTY, 0);
	if (fd != -1) {
		r = fchmod(fd, mode);
		saved = errno;
		close(fd);
		errno = saved;
		return r;
	}
	if (errno != EACCES)
		return -1;
	/* Unreadable (mode 0 after an earlier chmod): by name in its parent. */
	if ((fd = fs_parent(root, abs, &base)) == -1)
		return -1;
	r = fs_chmod_nofollow(fd, base, mode);
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int
fs_stat(int dirfd, const char *rel, struct stat *st)
{
	int fd, r, saved;

	if ((fd = fs_open(dirfd, rel, O_PATH, 0)) == -1)
		return -1;
	r = fstat(fd, st);
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int
fs_open_regular(int dirfd, const char *rel, struct stat *st)
{
	int fd, saved;

	fd = fs_open(dirfd, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY, 0);
	if (fd == -1)
		return -1;
	if (fstat(fd, st) == -1)
		saved = errno;
	else if (S_ISREG(st->st_mode))
		saved = 0;
	else
		saved = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
	if (saved != 0) {
		close(fd);
		errno = saved;
		return -1;
	}
	if (xset_nonblock(fd, 0) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

int
fs_parent(int root, const char *abs, const char **base)
{
	struct buf dir;
	int fd;

	if (strcmp(abs, "/") == 0) {
		errno = EPERM;
		return -1;
	}
	buf_init(&dir);
	path_split(abs, &dir, base);
	fd = fs_open(root, path_rel(buf_cstr(&dir)), O_PATH | O_DIRECTORY, 0);
	buf_free(&dir);
	return fd;
}

static void
fs_random_name(char *out, size_t size, const char *prefix)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t n, i;

	n = strlcpy(out, prefix, size);
	for (i = 0; i < 6 && n + i + 1 < size; i++)
		out[n + i] = set[arc4random_uniform(sizeof set - 1)];
	out[n + i] = '\0';
}

int
fs_uniquefile(int dirfd, const char *prefix, mode_t mode, char *name,
    size_t namesize)
{
	int tries, fd;

	for (tries = 0; tries < 20; tries++) {
		fs_random_name(name, namesize, prefix);
		fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd != -1 || errno != EEXIST)
			return fd;
	}
	return -1;
}

int
fs_tempfile(int dirfd, mode_t mode, char name[32])
{
	return fs_uniquefile(dirfd, FS_TEMP_PREFIX, mode, name, 32);
}

static int	fs_temp_named_only;

void
fs_temp_force_named(int on)
{
	fs_temp_named_only = on;
}

/*
 * May this process link the O_TMPFILE fd?  Linux before 6.10 refuses
 * linkat(AT_EMPTY_PATH) without CAP_DAC_READ_SEARCH, which a session
 * child never has; 6.10 allows it to the process that opened the file.
 * Asking for a link named "." creates nothing: the kernel checks the
 * source first (ENOENT when refused), then finds "." taken (EEXIST).
 * Asked now, not after the upload, so a refusal costs nothing.
 */
static int
fs_linkable(int fd, int dirfd)
{
	return linkat(fd, "", dirfd, ".", AT_EMPTY_PATH) == -1 &&
	    errno == EEXIST;
}

int
fs_temp_open(int dirfd, mode_t mode, struct fs_temp *t)
{
	t->dirfd = dirfd;
	t->name[0] = '\0';
	t->fd = -1;
	if (!fs_temp_named_only) {
		/* Through the jail like every open, though "." cannot leave it. */
		t->fd = fs_open(dirfd, ".", O_WRONLY | O_TMPFILE, mode);
		if (t->fd != -1 && fs_linkable(t->fd, dirfd))
			return 0;
		if (t->fd != -1)
			close(t->fd);
	}
	/* EOPNOTSUPP, EISDIR (no O_TMPFILE in this kernel), ENOENT, ... */
	if ((t->fd = fs_tempfile(dirfd, mode, t->name)) == -1) {
		t->name[0] = '\0';
		return -1;
	}
	return 0;
}

/* Give the nameless t a fresh hidden name, to rename it over a file. */
static int
fs_temp_link_hidden(struct fs_temp *t)
{
	int tries;

	for (tries = 0; tries < 20; tries++) {
		fs_random_name(t->name, sizeof t->name, FS_TEMP_PREFIX);
		if (linkat(t->fd, "", t->dirfd, t->name, AT_EMPTY_PATH) == 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	t->name[0] = '\0';
	return -1;
}

/* t was linked as base, a name that did not exist: now close it. */
static int
fs_temp_close_linked(struct fs_temp *t, const char *base)
{
	int r, saved;

	r = close(t->fd);
	t->fd = -1;
	if (r == 0)
		return 0;
	saved = errno;
	(void)unlinkat(t->dirfd, base, 0);
	errno = saved;
	return -1;
}

int
fs_temp_commit(struct fs_temp *t, const char *base)
{
	int r, saved;

	if (t->name[0] == '\0') {
		/*
		 * linkat cannot replace: only a new name is linked directly.
		 * Over an old file, a hidden name exists from the link to the
		 * rename just below: a window of two system calls.
		 */
		if (linkat(t->fd, "", t->dirfd, base, AT_EMPTY_PATH) == 0)
			return fs_temp_close_linked(t, base);
		if (errno != EEXIST || fs_temp_link_hidden(t) == -1)
			goto fail;
	}
	r = close(t->fd);
	t->fd = -1;
	if (r == -1 || renameat(t->dirfd, t->name, t->dirfd, base) == -1)
		goto fail;
	t->name[0] = '\0';
	return 0;
fail:
	saved = errno;
	fs_temp_discard(t);
	errno = saved;
	return -1;
}

void
fs_temp_discard(struct fs_temp *t)
{
	if (t->fd != -1)
		close(t->fd);
	t->fd = -1;
	if (t->name[0] != '\0')
		(void)unlinkat(t->dirfd, t->name, 0);
	t->name[0] = '\0';
}

/* Directory depth of a normalised absolute path ("/" is 0). */
static long
fs_depth(const char *abs)
{
	long d = 0;

	for (; *abs != '\0'; abs++)
		d += abs[0] == '/' && abs[1] != '\0';
	return d;
}

int
fs_climbs(const char *cwd, const char *arg)
{
	long depth = arg[0] == '/' ? 0 : fs_depth(cwd);
	const char *p = arg, *e;
	size_t n;

	while (*p != '\0') {
		e = strchr(p, '/');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return 1;
		} else if (n > 0 && !(n == 1 && p[0] == '.'))
			depth++;
		p += n + (e != NULL);
	}
	return 0;
}
