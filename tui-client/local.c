#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "local.h"
#include "pane.h"
#include "xio.h"

/* A link's target for the info line (shown safely, never followed here). */
static void
local_target(struct pane *p, int dfd, const char *name)
{
	char buf[PANE_PATH_MAX];
	ssize_t n = readlinkat(dfd, name, buf, sizeof buf - 1);

	if (n <= 0)
		return;
	buf[n] = '\0';
	pane_set_target(p, buf);
}

static void
local_add(struct pane *p, int dfd, const char *name)
{
	struct stat st, tst;
	enum pane_kind kind = PE_OTHER;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return;		/* vanished since readdir: not worth an error */
	if (S_ISREG(st.st_mode))
		kind = PE_FILE;
	else if (S_ISDIR(st.st_mode))
		kind = PE_DIR;
	else if (S_ISLNK(st.st_mode))
		kind = PE_LINK;
	pane_add(p, name, kind, S_ISREG(st.st_mode), (uint64_t)st.st_size, 1,
	    st.st_mtime);
	if (kind == PE_LINK)
		local_target(p, dfd, name);
	p->ents[p->nents - 1].has_mode = 1;
	p->ents[p->nents - 1].mode = st.st_mode & 07777;
	if (kind == PE_LINK && fstatat(dfd, name, &tst, 0) == 0) {
		p->ents[p->nents - 1].linkdir = S_ISDIR(tst.st_mode);
		if (S_ISREG(tst.st_mode)) {
			p->ents[p->nents - 1].has_size = 1;
			p->ents[p->nents - 1].size = (uint64_t)tst.st_size;
		}
	}
}

int
local_read(struct pane *p, const char *path, const char *keep, char *err,
    size_t errsz)
{
	DIR *d;
	struct dirent *de;

	if ((d = opendir(path)) == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	pane_clear(p);
	if (path != p->path)
		strlcpy(p->path, path, sizeof p->path);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		local_add(p, dirfd(d), de->d_name);
	}
	closedir(d);
	p->cursor = 0;
	pane_update(p, keep);
	return 0;
}

static int
local_remove_at(int dfd, const char *name, int depth)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	int fd, rc = 0, saved;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return -1;
	if (!S_ISDIR(st.st_mode))
		return unlinkat(dfd, name, 0);
	if (depth > 256) {
		errno = ELOOP;
		return -1;
	}
	if ((fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		rc = local_remove_at(dirfd(d), de->d_name, depth + 1);
	}
	saved = errno;
	closedir(d);
	if (rc == -1) {
		errno = saved;
		return -1;
	}
	return unlinkat(dfd, name, AT_REMOVEDIR);
}

int
local_remove(const char *path)
{
	return local_remove_at(AT_FDCWD, path, 0);
}
