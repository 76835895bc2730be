/*
 * sha256-x86: SHA-256 blocks with SHA-NI (Intel SHA extensions).
 *
 * The instructions keep the eight working variables in two registers,
 * ABEF and CDGH (a in the highest lane); sha256rnds2 does two rounds,
 * sha256msg1/msg2 the sigma parts of the message schedule (FIPS 180-4
 * §6.2.2).  The target attribute confines the ISA extensions to this
 * file's functions, so the build flags stay generic and the portable
 * path is taken on CPUs without them.
 */
#include <stddef.h>
#include <stdint.h>

#include "sha256-x86.h"
#include "xio.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))

#include <cpuid.h>
#include <immintrin.h>

#define SHA256X_TARGET __attribute__((target("sha,sse4.1,ssse3")))

static const uint32_t sha256x_k[64] __attribute__((aligned(16))) = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
	0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
	0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
	0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

int
sha256x_available(void)
{
	static int	 have = -1;
	unsigned	 a, b, c, d;

	if (have != -1)
		return have;
	have = 0;
	/* Leaf 1 ECX: SSSE3 (bit 9), SSE4.1 (19); leaf 7 EBX: SHA (29). */
	if (__get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 9)) &&
	    (c & (1u << 19)) && __get_cpuid_count(7, 0, &a, &b, &c, &d) &&
	    (b & (1u << 29)))
		have = 1;
	return have;
}

/* Four rounds: words w (schedule already added to K), state in s0/s1. */
SHA256X_TARGET static inline void
sha256x_rounds4(__m128i *s0, __m128i *s1, __m128i w, int i)
{
	__m128i	 m;

	m = _mm_add_epi32(w, _mm_load_si128((const __m128i *)&sha256x_k[i]));
	*s1 = _mm_sha256rnds2_epu32(*s1, *s0, m);
	m = _mm_shuffle_epi32(m, 0x0e);
	*s0 = _mm_sha256rnds2_epu32(*s0, *s1, m);
}

SHA256X_TARGET static void
sha256x_block(__m128i *s0, __m128i *s1, const unsigned char *p)
{
	/* Big-endian words (FIPS 180-4 §3.1): swap the bytes of each. */
	const __m128i	 bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
			    0x0405060700010203ULL);
	__m128i		 w[4], t, save0 = *s0, save1 = *s1;
	int		 g;

	for (g = 0; g < 4; g++) {
		w[g] = _mm_shuffle_epi8(_mm_loadu_si128(
		    (const __m128i *)(p + 16 * g)), bswap);
		sha256x_rounds4(s0, s1, w[g], 4 * g);
	}
	for (g = 4; g < 16; g++) {
		/* W[t-16] + s0(W[t-15]) + W[t-7], then + s1(W[t-2]). */
		t = _mm_sha256msg1_epu32(w[g & 3], w[(g - 3) & 3]);
		t = _mm_add_epi32(t, _mm_alignr_epi8(w[(g - 1) & 3],
		    w[(g - 2) & 3], 4));
		w[g & 3] = _mm_sha256msg2_epu32(t, w[(g - 1) & 3]);
		sha256x_rounds4(s0, s1, w[g & 3], 4 * g);
	}
	*s0 = _mm_add_epi32(*s0, save0);
	*s1 = _mm_add_epi32(*s1, save1);
}

SHA256X_TARGET void
sha256x_blocks(uint32_t state[8], const unsigned char *p, size_t n)
{
	__m128i	 t, s0, s1;

	/* a b c d | e f g h  ->  ABEF | CDGH. */
	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]),
	    0xb1);
	s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]),
	    0x1b);
	s0 = _mm_alignr_epi8(t, s1, 8);
	s1 = _mm_blend_epi16(s1, t, 0xf0);
	for (; n > 0; n--, p += 64)
		sha256x_block(&s0, &s1, p);
	/* ABEF | CDGH  ->  a b c d | e f g h. */
	t = _mm_shuffle_epi32(s0, 0x1b);
	s1 = _mm_shuffle_epi32(s1, 0xb1);
	s0 = _mm_blend_epi16(t, s1, 0xf0);
	s1 = _mm_alignr_epi8(s1, t, 8);
	_mm_storeu_si128((__m128i *)&state[0], s0);
	_mm_storeu_si128((__m128i *)&state[4], s1);
}

#else

int
sha256x_available(void)
{
	return 0;
}

void
sha256x_blocks(uint32_t state[8], const unsigned char *p, size_t n)
{
	(void)state;
	(void)p;
	(void)n;
	bug("sha256x_blocks without SHA extensions");
}

#endif
