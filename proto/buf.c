/*
 * buf: checked growable buffer.  All size arithmetic that could overflow
 * is funnelled through size_add/size_mul, which die instead of wrapping.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xio.h"

#define BUF_MIN_CAP 64

size_t
size_add(size_t a, size_t b)
{
	if (a > SIZE_MAX - b)
		fatalx("size overflow: %zu + %zu", a, b);
	return a + b;
}

size_t
size_mul(size_t a, size_t b)
{
	if (a != 0 && b > SIZE_MAX / a)
		fatalx("size overflow: %zu * %zu", a, b);
	return a * b;
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap > 0)
		b->data[0] = '\0';
}

/* Make room for more bytes plus the terminating NUL. */
void
buf_reserve(struct buf *b, size_t more)
{
	size_t need, cap;

	need = size_add(size_add(b->len, more), 1);
	if (need <= b->cap)
		return;
	cap = b->cap < BUF_MIN_CAP ? BUF_MIN_CAP : b->cap;
	while (cap < need)
		cap = size_mul(cap, 2);
	b->data = xreallocarray(b->data, cap, 1);
	b->cap = cap;
	b->data[b->len] = '\0';
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("vsnprintf");
	buf_reserve(b, (size_t)n);
	if (vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap) != n)
		bug("vsnprintf length changed");
	b->len += (size_t)n;
}

void
buf_consume(struct buf *b, size_t n)
{
	if (n > b->len)
		bug("buf_consume %zu > %zu", n, b->len);
	if (n == 0)
		return;
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
	b->data[b->len] = '\0';
}

void
buf_wipe_slack(struct buf *b, size_t upto)
{
	if (upto > b->cap)
		upto = b->cap;
	if (upto > b->len)
		explicit_bzero(b->data + b->len, upto - b->len);
}

void
buf_truncate(struct buf *b, size_t n)
{
	if (n > b->len)
		bug("buf_truncate %zu > %zu", n, b->len);
	b->len = n;
	if (b->cap > 0)
		b->data[n] = '\0';
}

const char *
buf_cstr(struct buf *b)
{
	if (b->cap == 0)
		buf_reserve(b, 0);
	return b->data;
}

char *
buf_detach(struct buf *b)
{
	char *p;

	buf_cstr(b);
	p = b->data;
	buf_init(b);
	return p;
}
