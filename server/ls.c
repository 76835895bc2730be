/*
 * ls: streamed, bounded listings (see ls.h).
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "listing.h"
#include "path.h"
#include "xio.h"

#include "fs.h"
#include "ls.h"

#define LS_FLUSH	16384

static const char *
ls_options(struct ls_job *j, const char *arg)
{
	/* vsftpd: an argument starting with '-' is ls options, not a path. */
	while (arg != NULL && arg[0] == '-') {
		for (arg++; *arg != '\0' && *arg != ' '; arg++)
			if (*arg == 'a' || *arg == 'A')
				j->all = 1;
		while (*arg == ' ')
			arg++;
	}
	return arg == NULL || *arg == '\0' ? NULL : arg;
}

static int
ls_is_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static int
ls_pattern_ok(const char *p)
{
	unsigned stars = 0;

	if (strlen(p) > 255)
		return 0;
	for (; *p != '\0'; p++)
		stars += *p == '*';
	return stars <= LS_MAX_STARS;
}

static int
ls_open_dir(struct ls_job *j, int root, const char *abs)
{
	int fd;

	fd = fs_open(root, path_rel(abs), O_RDONLY | O_DIRECTORY, 0);
	if (fd == -1)
		return -1;
	if (fstat(fd, &j->dirst) == -1 || (j->dir = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	j->root = root;
	buf_reset(&j->dirpath);
	buf_adds(&j->dirpath, abs);
	return 0;
}

static char *
ls_readlink(int dirfd, const char *name)
{
	char t[4096];
	ssize_t n;

	n = readlinkat(dirfd, name, t, sizeof t - 1);
	if (n <= 0)
		return NULL;
	t[n] = '\0';
	return listing_name_ok(t) ? xstrdup(t) : NULL;
}

/* One named path: a directory is listed, anything else is one entry. */
static int
ls_open_path(struct ls_job *j, int root, const char *abs, const char *arg)
{
	const char *base;
	int pfd, saved;

	if (ls_open_dir(j, root, abs) == 0)
		return 0;
	if (errno != ENOTDIR)
		return -1;
	if (j->kind == LS_MLSD)
		return -1;
	if ((pfd = fs_parent(root, abs, &base)) == -1)
		return -1;
	if (fstatat(pfd, base, &j->st, AT_SYMLINK_NOFOLLOW) == -1) {
		saved = errno;
		close(pfd);
		errno = saved;
		return -1;
	}
	if (S_ISLNK(j->st.st_mode))
		j->target = ls_readlink(pfd, base);
	close(pfd);
	j->single = 1;
	buf_adds(&j->name, arg);
	return 0;
}

static int
ls_open_glob(struct ls_job *j, int root, const char *cwd, const char *arg)
{
	const char *slash = strrchr(arg, '/');
	struct buf dir;
	int r;

	if (!ls_pattern_ok(slash != NULL ? slash + 1 : arg)) {
		errno = E2BIG;
		return -1;
	}
	buf_init(&dir);
	if (slash != NULL) {
		buf_add(&j->prefix, arg, (size_t)(slash - arg) + 1);
		r = path_join(cwd, arg, (size_t)(slash - arg) + (slash == arg),
		    &dir);
	} else
		r = path_join(cwd, "", 0, &dir);
	j->pattern = xstrdup(slash != NULL ? slash + 1 : arg);
	if (r == -1) {
		errno = ENOENT;
		buf_free(&dir);
		return -1;
	}
	r = ls_open_dir(j, root, buf_cstr(&dir));
	buf_free(&dir);
	return r;
}

int
ls_open(struct ls_job *j, enum ls_kind kind, int root, const char *cwd,
    const char *arg, unsigned facts, int writable)
{
	struct buf abs;
	int r;

	memset(j, 0, sizeof *j);
	buf_init(&j->name);
	buf_init(&j->prefix);
	buf_init(&j->dirpath);
	j->kind = kind;
	j->facts = facts;
	j->writable = writable;
	j->now = time(NULL);
	if (kind != LS_MLSD)
		arg = ls_options(j, arg);
	if (arg != NULL && fs_climbs(cwd, arg)) {
		errno = ENOENT;
		return -1;
	}
	if (arg != NULL && kind != LS_MLSD && ls_is_glob(arg))
		return ls_open_glob(j, root, cwd, arg);
	buf_init(&abs);
	if (path_join(cwd, arg != NULL ? arg : "", arg != NULL ?
	    strlen(arg) : 0, &abs) == -1) {
		buf_free(&abs);
		errno = ENOENT;
		return -1;
	}
	r = ls_open_path(j, root, buf_cstr(&abs), arg != NULL ? arg : ".");
	buf_free(&abs);
	return r;
}

void
ls_close(struct ls_job *j)
{
	if (j->dir != NULL)
		closedir(j->dir);
	j->dir = NULL;
	free(j->target);
	free(j->pattern);
	j->target = j->pattern = NULL;
	buf_free(&j->name);
	buf_free(&j->prefix);
	buf_free(&j->dirpath);
}

static const char *
ls_perm(const struct stat *st, int writable)
{
	if (S_ISDIR(st->st_mode))
		return writable ? "cdeflmp" : "el";
	return writable ? "adfrw" : "r";
}

static void
ls_format(struct ls_job *j, struct buf *out, const char *name,
    const struct stat *st, const char *target)
{
	char uid[16], gid[16];

	switch (j->kind) {
	case LS_NLST:
		buf_add(out, j->prefix.data, j->prefix.len);
		buf_adds(out, name);
		buf_adds(out, "\r\n");
		break;
	case LS_MLSD:
		listing_format_mlsx(out, name, st, NULL,
		    ls_perm(st, j->writable), j->facts);
		break;
	case LS_LIST:
	case LS_STAT:
		xsnprintf(uid, sizeof uid, "%u", (unsigned)st->st_uid);
		xsnprintf(gid, sizeof gid, "%u", (unsigned)st->st_gid);
		listing_format_list(out, name, st, target, uid, gid, j->now);
		break;
	}
}

static int
ls_wanted(struct ls_job *j, const char *name, unsigned long *work)
{
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return 0;
	if (strncmp(name, FS_TEMP_PREFIX, strlen(FS_TEMP_PREFIX)) == 0)
		return 0;
	if (!listing_name_ok(name))
		return 0;
	if (j->pattern != NULL) {
		++*work;
		return fnmatch(j->pattern, name, FNM_PERIOD) == 0;
	}
	return name[0] != '.' || j->all || j->kind == LS_MLSD;
}

/* MLSD shows where a symlink leads, when that stays inside the root. */
static void
ls_entry_stat(struct ls_job *j, int dfd, const char *name, struct stat *st,
    char **target)
{
	struct buf p;
	struct stat t;

	*target = NULL;
	if (!S_ISLNK(st->st_mode))
		return;
	if (j->kind == LS_MLSD) {
		buf_init(&p);
		if (path_join(buf_cstr(&j->dirpath), name, strlen(name), &p) == 0 &&
		    fs_stat(j->root, path_rel(buf_cstr(&p)), &t) == 0)
			*st = t;
		buf_free(&p);
	} else if (j->kind != LS_NLST)
		*target = ls_readlink(dfd, name);
}

static int
ls_flush(struct buf *out, ls_emit emit, void *ctx, size_t min)
{
	int r = 0;

	if (out->len > 0 && out->len >= min)
		r = emit(ctx, out->data, out->len);
	if (out->len >= min)
		buf_reset(out);
	return r;
}

/*
 * One batch of a sorted listing: the wanted names read from the
 * directory, back to back with their NULs (no allocation per name), and
 * pointers to them.  The space is mapped once per session, at its first
 * listing, and its pages are given back after every listing: only what
 * a batch touches counts, and nothing lingers in the heap (nor in ASan's
 * quarantine, where a fresh allocation per listing would pile up).
 */
struct ls_batch {
	void		*map;
	size_t		 mapsize;
	const unsigned char **name;	/* LS_SORT_MAX entries */
	char		*names;		/* LS_BATCH_NAMES bytes */
	size_t		 len;
	size_t		 n;
};

/* The byte budget is checked before a name is added: room for one more. */
#define LS_BATCH_NAMES	(LS_SORT_BYTES + NAME_MAX + 1)

static struct ls_batch ls_batch;

static struct ls_batch *
ls_batch_get(void)
{
	struct ls_batch *b = &ls_batch;

	if (b->map != NULL)
		return b;
	b->mapsize = LS_SORT_MAX * sizeof *b->name + LS_BATCH_NAMES;
	b->map = mmap(NULL, b->mapsize, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (b->map == MAP_FAILED)
		fatal("mmap %zu", b->mapsize);
	b->name = b->map;
	b->names = (char *)b->map + LS_SORT_MAX * sizeof *b->name;
	return b;
}

static void
ls_batch_release(struct ls_batch *b)
{
	(void)madvise(b->map, b->mapsize, MADV_DONTNEED);
}

/* Read the next batch of wanted names: 0 when the directory is done. */
static size_t
ls_batch_fill(struct ls_job *j, struct ls_batch *b, unsigned long *work)
{
	struct dirent *de;
	size_t n;

	b->n = b->len = 0;
	while (b->n < LS_SORT_MAX && b->len < LS_SORT_BYTES &&
	    *work < LS_MAX_WORK && (de = readdir(j->dir)) != NULL) {
		if (!ls_wanted(j, de->d_name, work))
			continue;
		n = strnlen(de->d_name, sizeof de->d_name) + 1;
		if (n > LS_BATCH_NAMES - b->len || n > sizeof de->d_name)
			bug("ls_batch_fill: name of %zu bytes", n);
		memcpy(b->names + b->len, de->d_name, n);
		b->name[b->n++] = (const unsigned char *)b->names + b->len;
		b->len += n;
	}
	return b->n;
}

/* Sort, stat, format and send one batch. */
static int
ls_batch_emit(struct ls_job *j, struct ls_batch *b, struct buf *out,
    ls_emit emit, void *ctx)
{
	int dfd = dirfd(j->dir);
	const char *name;
	struct stat st;
	char *target;
	size_t i;

	/*
	 * Byte order, the order of strcmp.  radixsort works in place (qsort
	 * takes a copy of the array from the heap) and in time linear in
	 * the bytes compared.  LS_SORT_MAX fits an int.
	 */
	if (radixsort(b->name, (int)b->n, NULL, '\0') == -1)
		fatal("radixsort");
	for (i = 0; i < b->n; i++) {
		name = (const char *)b->name[i];
		/* Gone since readdir: as if it had not been there. */
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		ls_entry_stat(j, dfd, name, &st, &target);
		ls_format(j, out, name, &st, target);
		free(target);
		if (ls_flush(out, emit, ctx, LS_FLUSH) == -1)
			return -1;
	}
	return 0;
}

static int
ls_run_dir(struct ls_job *j, struct buf *out, ls_emit emit, void *ctx)
{
	struct ls_batch *b = ls_batch_get();
	unsigned long work = 0;
	int rc = 0;

	if (j->kind == LS_MLSD)
		listing_format_mlsx(out, ".", &j->dirst, "cdir",
		    ls_perm(&j->dirst, j->writable), j->facts);
	while (rc == 0 && ls_batch_fill(j, b, &work) > 0)
		rc = ls_batch_emit(j, b, out, emit, ctx);
	ls_batch_release(b);
	return rc;
}

int
ls_run(struct ls_job *j, ls_emit emit, void *ctx)
{
	struct buf out;
	int r = 0;

	buf_init(&out);
	if (j->single) {
		if (listing_name_ok(buf_cstr(&j->name)))
			ls_format(j, &out, buf_cstr(&j->name), &j->st,
			    j->target);
	} else if (j->dir != NULL)
		r = ls_run_dir(j, &out, emit, ctx);
	if (r == 0)
		r = ls_flush(&out, emit, ctx, 1);
	buf_free(&out);
	return r;
}

int
ls_mlst(int root, const char *abs, unsigned facts, int writable,
    struct buf *out)
{
	struct stat st;

	if (!listing_name_ok(abs) || fs_stat(root, path_rel(abs), &st) == -1)
		return -1;
	buf_addc(out, ' ');
	listing_format_mlsx(out, abs, &st, NULL, ls_perm(&st, writable), facts);
	return 0;
}
