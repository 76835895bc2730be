/*
 * libFuzzer harness for the MLSD/MLST side of proto/listing.c: line
 * parser, time-val parser and OPTS MLST fact lists.  Formatting a parsed
 * time gives back the same time.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "listing.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lst_entry e;
	struct buf b;
	char out[15], *s;
	time_t t, t2;
	int rc;

	rc = listing_parse_mlsd((const char *)data, size, &e);
	assert(rc >= -1 && rc <= 1);
	if (rc == 0) {
		assert(e.name != NULL && e.name[0] != '\0');
		assert(strlen(e.perm) < sizeof(e.perm));
	}
	lst_entry_free(&e);
	if (listing_parse_time((const char *)data, size, &t) == 0) {
		listing_format_time(out, t);
		assert(listing_parse_time(out, 14, &t2) == 0 && t2 == t);
	}
	s = malloc(size + 1);
	assert(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	buf_init(&b);
	assert((listing_facts_parse(s, &b) & ~(unsigned)LST_F_ALL) == 0);
	buf_free(&b);
	free(s);
	return 0;
}
