/*
 * ascii: TYPE A conversion, byte by byte with explicit state.
 */
#include "buf.h"

#include "ascii.h"

void
ascii_to_net(struct buf *out, const char *in, size_t n, int *prev_cr)
{
	size_t i;

	buf_reserve(out, size_add(n, n / 8 + 1));
	for (i = 0; i < n; i++) {
		if (in[i] == '\n' && !*prev_cr)
			buf_addc(out, '\r');
		buf_addc(out, in[i]);
		*prev_cr = in[i] == '\r';
	}
}

void
ascii_from_net(struct buf *out, const char *in, size_t n, int *pend_cr)
{
	size_t i;

	buf_reserve(out, size_add(n, 1));
	for (i = 0; i < n; i++) {
		if (*pend_cr) {
			*pend_cr = 0;
			if (in[i] != '\n')
				buf_addc(out, '\r');
		}
		if (in[i] == '\r')
			*pend_cr = 1;
		else
			buf_addc(out, in[i]);
	}
}

void
ascii_from_net_end(struct buf *out, int *pend_cr)
{
	if (*pend_cr)
		buf_addc(out, '\r');
	*pend_cr = 0;
}
