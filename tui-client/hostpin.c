/*
 * hostpin: see hostpin.h.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bookmark.h"
#include "buf.h"
#include "hostpin.h"
#include "xio.h"

#define HOSTPIN_FILE_MAX	(4 * 1024 * 1024)	/* bytes read, at most */

static const char hostpin_header[] =
    "# forkftp known_hosts: certificates trusted on first use.\n"
    "# host:port sha256:FINGERPRINT; remove a line to forget a pin.\n";

int
hostpin_path(char *out, size_t len)
{
	return bm_path(BM_KNOWN_HOSTS, out, len);
}

int
hostpin_fp_parse(const char *s, char out[65])
{
	size_t	 n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ':')
			continue;
		if (!isxdigit((unsigned char)*s) || n == 64)
			return -1;
		out[n++] = (char)toupper((unsigned char)*s);
	}
	out[n] = '\0';
	return n == 64 ? 0 : -1;
}

/* "host:port sha256:HEX" into its two halves; 0 or -1. */
static int
hostpin_parse_line(char *line, char **hostport, char fp[65])
{
	char	*sp;

	line += strspn(line, " \t");
	if (*line == '#' || *line == '\0')
		return -1;
	if ((sp = strpbrk(line, " \t")) == NULL)
		return -1;
	*sp++ = '\0';
	sp += strspn(sp, " \t");
	if (strncasecmp(sp, "sha256:", 7) != 0)
		return -1;
	sp += 7;
	sp[strcspn(sp, " \t\r")] = '\0';
	if (hostpin_fp_parse(sp, fp) == -1)
		return -1;
	*hostport = line;
	return 0;
}

/* The file open for reading: the stream, NULL with errno 0 when absent. */
static FILE *
hostpin_open(const char *path)
{
	struct stat	 st;
	FILE		*fp;
	int		 fd;

	/* Non-blocking: a FIFO put there must not hang us. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT)
			errno = 0;
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		xclose(fd);
		errno = EINVAL;
		return NULL;
	}
	if ((fp = fdopen(fd, "r")) == NULL)
		xclose(fd);
	return fp;
}

/*
 * Call fn for each pin of the file, bounded; fn returns nonzero to stop.
 * A line longer than HOSTPIN_LINE_MAX is skipped whole.
 */
static int
hostpin_each(FILE *fp, int (*fn)(void *, const char *, const char *, size_t),
    void *arg)
{
	char	 line[HOSTPIN_LINE_MAX + 2], fpr[65], *hp;
	size_t	 total = 0, n, lineno = 0, pins = 0;
	int	 c, longline = 0;

	while (pins < HOSTPIN_MAX && total < HOSTPIN_FILE_MAX &&
	    fgets(line, sizeof line, fp) != NULL) {
		n = strlen(line);
		total += n;
		if (n == 0 || line[n - 1] != '\n') {
			if (n > HOSTPIN_LINE_MAX) {
				longline = 1;
				continue;	/* the rest comes next */
			}
		} else
			line[--n] = '\0';
		if (longline) {
			/* The tail of an overlong line ends here. */
			longline = 0;
			lineno++;
			continue;
		}
		lineno++;
		if (hostpin_parse_line(line, &hp, fpr) == -1)
			continue;
		pins++;
		if ((c = fn(arg, hp, fpr, lineno)) != 0)
			return c;
	}
	return 0;
}

struct hostpin_find {
	const char	*hostport;
	char		*fp;
	size_t		 line;
};

static int
hostpin_match(void *arg, const char *hp, const char *fp, size_t line)
{
	struct hostpin_find	*h = arg;

	if (strcasecmp(hp, h->hostport) != 0)
		return 0;
	memcpy(h->fp, fp, 65);
	h->line = line;
	return 1;
}

int
hostpin_lookup(const char *path, const char *hostport, char fp[65],
    size_t *line)
{
	struct hostpin_find	 h = { .hostport = hostport, .fp = fp };
	FILE			*f;
	int			 rc;

	if ((f = hostpin_open(path)) == NULL)
		return errno == 0 ? 0 : -1;
	rc = hostpin_each(f, hostpin_match, &h);
	fclose(f);
	if (rc == 1)
		*line = h.line;
	return rc;
}

struct hostpin_copy {
	struct buf	*out;
	const char	*skip;		/* the host:port being replaced */
};

static int
hostpin_keep(void *arg, const char *hp, const char *fp, size_t line)
{
	struct hostpin_copy	*c = arg;

	(void)line;
	if (strcasecmp(hp, c->skip) != 0)
		buf_printf(c->out, "%s sha256:%s\n", hp, fp);
	return 0;
}

static int
hostpin_fill(int fd, void *arg)
{
	const struct buf *b = arg;

	return xwrite_full(fd, b->data, b->len);
}

int
hostpin_add(const char *path, const char *hostport, const char *fp)
{
	struct hostpin_copy	 c;
	struct buf		 b;
	FILE			*f;
	int			 rc;

	buf_init(&b);
	buf_adds(&b, hostpin_header);
	c.out = &b;
	c.skip = hostport;
	if ((f = hostpin_open(path)) != NULL) {
		hostpin_each(f, hostpin_keep, &c);
		fclose(f);
	} else if (errno != 0) {
		buf_free(&b);
		return -1;
	}
	buf_printf(&b, "%s sha256:%s\n", hostport, fp);
	rc = bm_replace(path, hostpin_fill, &b);
	buf_free(&b);
	return rc;
}
