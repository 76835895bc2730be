/*
 * libFuzzer harness for proto/line.c.  The first byte picks the maximum
 * length, Telnet decoding and the chunk size; the rest is the stream.
 * Invariants: no line holds '\n' or exceeds max; a too-long report has no
 * text; what stays buffered is less than a line; the results do not
 * depend on how the stream was chunked.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "line.h"
#include "fuzz.h"

/* Run the stream through a reader in chunks; log every result to log. */
static void
run(const uint8_t *p, size_t n, size_t max, int telnet, size_t chunk,
    struct buf *log)
{
	struct line_reader r;
	struct buf out;
	size_t off, k;
	int st;

	line_init(&r, max, telnet);
	buf_init(&out);
	for (off = 0; off < n; off += k) {
		k = n - off < chunk ? n - off : chunk;
		line_feed(&r, p + off, k);
		while ((st = line_next(&r, &out)) != LINE_MORE) {
			assert(memchr(buf_cstr(&out), '\n', out.len) == NULL);
			assert(st == LINE_OK ? out.len <= max : out.len == 0);
			buf_addc(log, (char)st);
			buf_add(log, buf_cstr(&out), out.len);
			buf_addc(log, '\n');
		}
		assert(line_pending(&r) <= max + 1);
	}
	line_free(&r);
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a, b;
	size_t max;
	int telnet;

	if (size < 1)
		return 0;
	max = (data[0] & 0x3f) + 1;
	telnet = data[0] >> 7;
	buf_init(&a);
	buf_init(&b);
	run(data + 1, size - 1, max, telnet, size, &a);
	run(data + 1, size - 1, max, telnet, ((data[0] >> 6) & 1) + 1, &b);
	assert(a.len == b.len &&
		    memcmp(buf_cstr(&a), buf_cstr(&b), a.len) == 0);
	buf_free(&a);
	buf_free(&b);
	return 0;
}
