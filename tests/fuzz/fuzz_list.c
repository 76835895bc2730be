/*
 * libFuzzer harness for the LIST parser in proto/listing.c: every input
 * line either fails, is skipped, or gives an entry with a non-empty name
 * without CR/LF; the entry is freed.  Formatting what was parsed must
 * parse back to the same name and size.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "listing.h"
#include "fuzz.h"

#define NOW ((time_t)1710072000)	/* 2024-03-10 12:00 UTC */

static void
reformat(const struct lst_entry *e)
{
	struct lst_entry back;
	struct stat st;
	struct buf b;

	if (e->target != NULL || !e->has_size || e->size > INT64_MAX ||
	    e->name[0] == ' ' || !listing_name_ok(e->name))
		return;
	memset(&st, 0, sizeof(st));
	st.st_mode = S_IFREG | 0644;
	st.st_nlink = 1;
	st.st_size = (off_t)e->size;
	st.st_mtime = NOW - 100;
	buf_init(&b);
	listing_format_list(&b, e->name, &st, NULL, "ftp", "ftp", NOW);
	if (listing_parse_list(b.data, b.len, &back, NOW) == 0) {
		assert(strcmp(back.name, e->name) == 0);
		assert(back.size == e->size);
		lst_entry_free(&back);
	} else
		assert(strcmp(e->name, ".") == 0 || strcmp(e->name, "..") == 0);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lst_entry e;
	int rc;

	rc = listing_parse_list((const char *)data, size, &e, NOW);
	assert(rc >= -1 && rc <= 1);
	if (rc != 0) {
		assert(e.name == NULL && e.target == NULL);
		return 0;
	}
	assert(e.name != NULL && e.name[0] != '\0');
	assert(strpbrk(e.name, "\r\n") == NULL);
	reformat(&e);
	lst_entry_free(&e);
	return 0;
}
