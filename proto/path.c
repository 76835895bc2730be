/*
 * path: virtual path normalisation.  Pure string work: the jail is
 * enforced by resolution in server/fs.c, this only decides what the
 * client meant.
 */
#include <string.h>

#include "path.h"
#include "xio.h"

/* Apply one component to the normalised path in out ("" stands for "/"). */
static void
path_push(struct buf *out, const char *c, size_t n)
{
	const char *slash;

	if (n == 0 || (n == 1 && c[0] == '.'))
		return;
	if (n == 2 && c[0] == '.' && c[1] == '.') {
		/* ".." of the root is the root (RFC 959 leaves it to us). */
		slash = strrchr(buf_cstr(out), '/');
		buf_truncate(out, slash == NULL ? 0 : (size_t)(slash - out->data));
		return;
	}
	buf_addc(out, '/');
	buf_add(out, c, n);
}

/* Feed every '/'-separated component of s[0..n). */
static void
path_walk(struct buf *out, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '/') {
			path_push(out, s + start, i - start);
			start = i + 1;
		}
	}
}

int
path_join(const char *cwd, const char *arg, size_t arglen, struct buf *out)
{
	buf_reset(out);
	if (memchr(arg, '\0', arglen) != NULL)
		return -1;
	if (arglen == 0 || arg[0] != '/')
		path_walk(out, cwd, strlen(cwd));
	path_walk(out, arg, arglen);
	if (out->len == 0)
		buf_addc(out, '/');
	if (out->len > PATH_MAX_VIRTUAL) {
		buf_reset(out);
		return -1;
	}
	return 0;
}

const char *
path_rel(const char *abs)
{
	while (*abs == '/')
		abs++;
	return *abs == '\0' ? "." : abs;
}

const char *
path_base(const char *abs)
{
	const char *slash = strrchr(abs, '/');

	if (slash == NULL)
		return abs;
	if (slash[1] == '\0')
		return slash == abs ? abs : slash + 1;
	return slash + 1;
}

void
path_split(const char *abs, struct buf *dir, const char **base)
{
	const char *slash = strrchr(abs, '/');

	buf_reset(dir);
	*base = path_base(abs);
	if (slash == NULL) {
		buf_addc(dir, '.');
		return;
	}
	if (slash == abs)
		buf_addc(dir, '/');
	else
		buf_add(dir, abs, (size_t)(slash - abs));
}
