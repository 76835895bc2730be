/*
 * buf: the one growable byte buffer of the project.  Every length
 * computation that could overflow happens in buf.c (or goes through
 * size_add/size_mul), so protocol code never does raw pointer arithmetic.
 * Allocation failure and size_t overflow are fatal.
 */
#ifndef BUF_H
#define BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* always NUL-terminated when cap > 0 */
	size_t	 len;		/* bytes in use, not counting the NUL */
	size_t	 cap;
};

/* size_add and size_mul die on overflow instead of wrapping. */
size_t	 size_add(size_t, size_t);
size_t	 size_mul(size_t, size_t);

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);		/* frees data; buf is reusable */
void	 buf_reset(struct buf *);		/* len = 0, keeps memory */
void	 buf_reserve(struct buf *, size_t more);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, char);
void	 buf_adds(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Drop the first n bytes (n > len is a bug()). */
void	 buf_consume(struct buf *, size_t n);
/*
 * Zero the bytes from len up to upto (capped at the allocation): what a
 * consume or reset left behind, up to where the buffer ever reached.
 */
void	 buf_wipe_slack(struct buf *, size_t upto);
/* Cut to n bytes (n > len is a bug()). */
void	 buf_truncate(struct buf *, size_t n);
/* A NUL-terminated view of the contents; valid until the next change. */
const char *buf_cstr(struct buf *);
/* Hand the memory to the caller (who frees it) and reset the buffer. */
char	*buf_detach(struct buf *);

#endif
