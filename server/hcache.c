/*
 * hcache: HASH's digest cache in a user xattr of the file (see hcache.h).
 */
#include <sys/stat.h>
#include <sys/xattr.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "digest.h"
#include "xio.h"

#include "hcache.h"

/*
 * How far past the clock read before the write the ctime bound lies: the
 * attribute write must end within it (it takes microseconds), and a
 * change of the file inside it is the one a record could miss.
 */
#define HCACHE_SLACK_NS	1000000LL
#define HCACHE_VALUE_MAX 256	/* "v1 ..." with a SHA-512 digest fits */
#define HCACHE_SETTLE_MAX_NS 50000000LL	/* a clock set back: do not wait */

static const char *const hcache_names[] = {
	[DIGEST_SHA256] = "user.forkftpd.sha256",
	[DIGEST_SHA512] = "user.forkftpd.sha512",
	[DIGEST_SHA1] = "user.forkftpd.sha1",
	[DIGEST_MD5] = "user.forkftpd.md5",
};

static const char *
hcache_name(enum digest_algo a)
{
	if ((unsigned)a >= sizeof(hcache_names) / sizeof(hcache_names[0]))
		bug("hcache_name %d", (int)a);
	return hcache_names[a];
}

static long long
hcache_ns(const struct timespec *ts)
{
	return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

/* "v1 size=... ino=... ctime<=" for st: what a valid value starts with. */
static int
hcache_prefix(const struct stat *st, char *out, size_t size)
{
	int n;

	n = snprintf(out, size, "v1 size=%lld mtime=%lld ino=%llu ctime<=",
	    (long long)st->st_size, hcache_ns(&st->st_mtim),
	    (unsigned long long)st->st_ino);
	return n < 0 || (size_t)n >= size ? -1 : n;
}

/* The bound and digest after the prefix: "<ns> <hex>", exactly. */
static int
hcache_parse_tail(const char *p, enum digest_algo a, long long *bound,
    char hex[DIGEST_HEX_MAX])
{
	size_t n = strspn(p, "0123456789"), hl = digest_hexlen(a);
	char num[24];

	if (n == 0 || n >= sizeof(num) || p[n] != ' ')
		return -1;
	memcpy(num, p, n);
	num[n] = '\0';
	*bound = strtoll(num, NULL, 10);
	p += n + 1;
	if (strlen(p) != hl || strspn(p, "0123456789abcdef") != hl)
		return -1;
	memcpy(hex, p, hl + 1);
	return 0;
}

int
hcache_worth(off_t size)
{
	return size >= HCACHE_MIN_SIZE;
}

static int	hcache_same(const struct stat *, const struct stat *);

/*
 * The last digest this process could not store (the file is not the
 * session's to write, or the file system keeps no user xattrs): the HASH
 * that follows a RETR digested on the way (cmd-xfer.c) is the one
 * command that needs it, in the same session.  Believed while the
 * file's fstat is exactly the one it was computed under: any change
 * since moves the ctime, a replacement changes the inode.
 */
static struct {
	int		 valid;
	struct stat	 st;
	enum digest_algo algo;
	char		 hex[DIGEST_HEX_MAX];
} hcache_mem;

static int
hcache_mem_get(const struct stat *st, enum digest_algo a,
    char hex[DIGEST_HEX_MAX])
{
	if (!hcache_mem.valid || hcache_mem.algo != a ||
	    !hcache_same(st, &hcache_mem.st))
		return -1;
	memcpy(hex, hcache_mem.hex, sizeof(hcache_mem.hex));
	return 0;
}

static void	hcache_settle(long long);

/*
 * Changes are stamped with the kernel's coarse clock: one made in the
 * same tick as the file's last change would leave its ctime as it is.
 * So wait until that tick is over (as for the attribute), and remember
 * nothing when the clock does not get past it (set back).
 */
static void
hcache_mem_put(const struct stat *st, enum digest_algo a, const char *hex)
{
	struct timespec now;

	hcache_settle(hcache_ns(&st->st_ctim));
	if (clock_gettime(CLOCK_REALTIME_COARSE, &now) == -1 ||
	    hcache_ns(&now) <= hcache_ns(&st->st_ctim))
		return;
	hcache_mem.valid = 1;
	hcache_mem.st = *st;
	hcache_mem.algo = a;
	strlcpy(hcache_mem.hex, hex, sizeof(hcache_mem.hex));
}

int
hcache_get(int fd, const struct stat *st, enum digest_algo a,
    char hex[DIGEST_HEX_MAX])
{
	char v[HCACHE_VALUE_MAX], want[HCACHE_VALUE_MAX];
	long long bound;
	ssize_t n;
	int pl;

	if (!hcache_worth(st->st_size))
		return -1;
	if (hcache_mem_get(st, a, hex) == 0)
		return 0;
	n = fgetxattr(fd, hcache_name(a), v, sizeof(v) - 1);
	if (n <= 0 || (pl = hcache_prefix(st, want, sizeof(want))) == -1)
		return -1;
	v[n] = '\0';
	if (strlen(v) != (size_t)n || strncmp(v, want, (size_t)pl) != 0 ||
	    hcache_parse_tail(v + pl, a, &bound, hex) == -1)
		return -1;
	/* Changed after the record was written: the ctime moved past it. */
	return hcache_ns(&st->st_ctim) <= bound ? 0 : -1;
}

static int
hcache_same(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev &&
	    a->st_size == b->st_size &&
	    hcache_ns(&a->st_mtim) == hcache_ns(&b->st_mtim) &&
	    hcache_ns(&a->st_ctim) == hcache_ns(&b->st_ctim);
}

/*
 * Write the value with a bound from the clock now; 1 when the file's
 * ctime after the write is within it, 0 when not, -1 when the write
 * failed (no xattrs here, no permission, no space).
 */
static int
hcache_write(int fd, const struct stat *was, enum digest_algo a,
    const char *hex, long long *boundp)
{
	char v[HCACHE_VALUE_MAX];
	struct timespec now;
	struct stat after;
	long long bound;
	int pl, n;

	if (clock_gettime(CLOCK_REALTIME, &now) == -1 ||
	    (pl = hcache_prefix(was, v, sizeof(v))) == -1)
		return -1;
	bound = hcache_ns(&now) + HCACHE_SLACK_NS;
	/* The clock was set back: later changes could get older ctimes. */
	if (bound <= hcache_ns(&was->st_ctim))
		return -1;
	n = snprintf(v + pl, sizeof(v) - (size_t)pl, "%lld %s", bound, hex);
	if (n < 0 || (size_t)n >= sizeof(v) - (size_t)pl ||
	    fsetxattr(fd, hcache_name(a), v, (size_t)(pl + n), 0) == -1 ||
	    fstat(fd, &after) == -1)
		return -1;
	*boundp = bound;
	return hcache_ns(&after.st_ctim) <= bound;
}

/*
 * Return once the coarse clock, which the kernel stamps most changes
 * with, is past bound: whatever changes the file after that (say, the
 * client that reads our reply) gets a ctime past the bound.
 */
static void
hcache_settle(long long bound)
{
	struct timespec now, d;
	long long left;

	while (clock_gettime(CLOCK_REALTIME_COARSE, &now) == 0 &&
	    (left = bound - hcache_ns(&now)) >= 0 &&
	    left < HCACHE_SETTLE_MAX_NS) {
		d.tv_sec = 0;
		d.tv_nsec = left + 1;
		(void)nanosleep(&d, NULL);
	}
}

void
hcache_put(int fd, const struct stat *was, enum digest_algo a,
    const char *hex)
{
	struct stat now;
	long long bound;

	if (strlen(hex) != digest_hexlen(a))
		bug("hcache_put: %s digest of length %zu", digest_name(a),
		    strlen(hex));
	/*
	 * Small files cost less to digest than the wait below.  A ctime of
	 * whole seconds means a file system that keeps no more: changes
	 * within the second would look like ours.
	 */
	if (!hcache_worth(was->st_size) || was->st_ctim.tv_nsec == 0)
		return;
	/* Changed while it was digested (or since): hex may be stale. */
	if (fstat(fd, &now) == -1 || !hcache_same(&now, was))
		return;
	/*
	 * A write that ended past its bound (the process was preempted)
	 * left a record that can never match: the next HASH digests again.
	 */
	switch (hcache_write(fd, was, a, hex, &bound)) {
	case 1:
		hcache_settle(bound);
		break;
	case -1:	/* not written: the file is as it was */
		hcache_mem_put(was, a, hex);
		break;
	}
}
