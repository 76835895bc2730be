/*
 * size: the transfer sizes a client learns from the protocol.
 * Returns 0 with *out set, or -1 when the text carries no size.
 */
#ifndef SIZE_H
#define SIZE_H

#include <stdint.h>

/* The text of a 213 SIZE reply: "N" (digits only, spaces around allowed). */
int	size_parse_213(const char *text, uint64_t *out);
/* "(N bytes)" anywhere in a 150 reply text (last "(" wins, as lftp does). */
int	size_parse_150(const char *text, uint64_t *out);
/*
 * The bytes still to come after REST rest, from a 150 size that may be
 * the whole file (vsftpd) or what remains (ProFTPD): if it equals the
 * known total, subtract rest.  total is UINT64_MAX when unknown.
 */
uint64_t size_remaining(uint64_t size150, uint64_t total, uint64_t rest);

#endif
