/*
 * sha256-x86: the SHA-256 compression function with the x86 SHA
 * extensions (SHA-NI), about five times libmd's portable code.  digest.c
 * feeds it whole blocks and leaves buffering and padding to libmd.
 */
#ifndef SHA256_X86_H
#define SHA256_X86_H

#include <stddef.h>
#include <stdint.h>

/* 1 when this CPU (and build) can run sha256x_blocks, else 0. */
int	sha256x_available(void);
/*
 * Compress n 64-byte blocks of p into state (the eight working words in
 * host order, as in libmd's SHA2_CTX).  Only after sha256x_available().
 */
void	sha256x_blocks(uint32_t state[8], const unsigned char *p, size_t n);

#endif
