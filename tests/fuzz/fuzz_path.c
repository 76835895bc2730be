/*
 * libFuzzer harness for proto/path.c.  Input: cwd NUL arg.  A joined
 * path is absolute, normalised (no "//", no "." or ".." component, no
 * trailing slash), bounded, and joining it again changes nothing.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "path.h"
#include "fuzz.h"

static void
assert_normal(const char *p, size_t n)
{
	const char *c, *e;

	assert(n >= 1 && n <= PATH_MAX_VIRTUAL && p[0] == '/');
	assert(strlen(p) == n);
	if (n == 1)
		return;
	assert(p[n - 1] != '/');
	for (c = p + 1; c < p + n; c = e + 1) {
		e = strchr(c, '/');
		if (e == NULL)
			e = p + n;
		assert(e > c);
		assert(!(e - c == 1 && c[0] == '.'));
		assert(!(e - c == 2 && c[0] == '.' && c[1] == '.'));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nul, *arg;
	struct buf cwd, out, again;
	size_t arglen;

	buf_init(&cwd);
	buf_init(&out);
	buf_init(&again);
	nul = memchr(in, '\0', size);
	/* cwd is always a normalised path in the server. */
	if (nul == NULL || path_join("/", in, (size_t)(nul - in), &cwd) == -1)
		buf_adds(&cwd, "/");
	arg = nul != NULL ? nul + 1 : in;
	arglen = size - (size_t)(arg - in);
	if (path_join(buf_cstr(&cwd), arg, arglen, &out) == 0) {
		assert_normal(out.data, out.len);
		assert(path_join("/", out.data, out.len, &again) == 0);
		assert(again.len == out.len && memcmp(again.data, out.data, out.len) == 0);
		assert(path_rel(out.data)[0] != '/');
		assert(strchr(path_base(out.data), '/') == NULL || out.len == 1);
	} else
		assert(memchr(arg, '\0', arglen) != NULL || arglen > PATH_MAX_VIRTUAL - 1 ||
		    cwd.len + arglen > PATH_MAX_VIRTUAL - 1);
	buf_free(&cwd);
	buf_free(&out);
	buf_free(&again);
	return 0;
}
