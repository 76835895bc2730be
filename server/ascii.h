/*
 * ascii: TYPE A line-ending conversion (RFC 959 §3.1.1.1).  Down: a LF
 * not preceded by CR becomes CRLF (an existing CRLF stays).  Up: CRLF
 * becomes LF, a lone CR is kept.  The state carries a CR across buffer
 * boundaries; it starts at 0.
 */
#ifndef ASCII_H
#define ASCII_H

#include <stddef.h>

struct buf;

/* Append in[0..n) converted for the network to out. */
void	ascii_to_net(struct buf *out, const char *in, size_t n, int *prev_cr);
/* Append in[0..n) converted from the network to out. */
void	ascii_from_net(struct buf *out, const char *in, size_t n, int *pend_cr);
/* At end of stream: a CR still pending is a lone CR, keep it. */
void	ascii_from_net_end(struct buf *out, int *pend_cr);

#endif
