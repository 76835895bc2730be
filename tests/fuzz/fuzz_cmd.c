/*
 * libFuzzer harness for proto/cmd.c: any line either fails to parse or
 * yields an upper-case alphabetic verb and an argument inside the line.
 */
#include <assert.h>
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *line = (const char *)data;
	const struct cmd_def *d;
	struct cmd_line cl;
	size_t i, n;

	if (cmd_parse(line, size, &cl) == -1)
		return 0;
	n = strlen(cl.verb);
	assert(n >= 1 && n <= CMD_VERB_MAX);
	for (i = 0; i < n; i++)
		assert(isupper((unsigned char)cl.verb[i]));
	assert(strncasecmp(cl.verb, line, n) == 0);
	if (cl.arg != NULL) {
		assert(line[n] == ' ');
		assert(cl.arg == line + n + 1 && cl.arglen == size - n - 1);
		assert(cl.arglen > 0);
	} else
		assert(size <= n + 1);
	if ((d = cmd_lookup(cl.verb)) != NULL)
		assert(cmd_get(d->id) == d && strcmp(d->name, cl.verb) == 0);
	return 0;
}
