/*
 * size: transfer sizes from SIZE (RFC 3659 §4) and from the "(N bytes)"
 * that vsftpd and ProFTPD put in their 150 replies.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "size.h"

/* Digits at *sp into *out without wrapping; advances *sp.  0 or -1. */
static int
size_digits(const char **sp, uint64_t *out)
{
	const char *s = *sp;
	uint64_t v = 0;
	unsigned d;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	*sp = s;
	return 0;
}

int
size_parse_213(const char *text, uint64_t *out)
{
	uint64_t v;

	while (*text == ' ')
		text++;
	if (size_digits(&text, &v) == -1)
		return -1;
	while (*text == ' ')
		text++;
	if (*text != '\0')
		return -1;
	*out = v;
	return 0;
}

/* The last '(' is the one after the file name, whatever the name holds. */
int
size_parse_150(const char *text, uint64_t *out)
{
	const char *s;
	uint64_t v;

	if ((s = strrchr(text, '(')) == NULL)
		return -1;
	s++;
	if (size_digits(&s, &v) == -1 || *s++ != ' ')
		return -1;
	/* ProFTPD says "(1 byte)". */
	if (strncasecmp(s, "byte", 4) != 0)
		return -1;
	*out = v;
	return 0;
}

uint64_t
size_remaining(uint64_t size150, uint64_t total, uint64_t rest)
{
	if (total != UINT64_MAX && size150 == total && rest <= total)
		return total - rest;
	return size150;
}
