/*
 * listing: LIST and MLSD/MLST lines.  The server formats them in the
 * vsftpd layout (English months, UTC, so wget, lftp and curl parse them)
 * and RFC 3659 §7 facts; the client parses what real servers send.
 */
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "listing.h"
#include "xio.h"

#define LST_RECENT	(182 * 24 * 60 * 60)	/* vsftpd's six months */
#define LST_TOKENS	16

static const char *const lst_months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static const struct {
	const char	*name;
	unsigned	 flag;
} lst_facts[] = {
	{ "type", LST_F_TYPE }, { "size", LST_F_SIZE },
	{ "modify", LST_F_MODIFY }, { "perm", LST_F_PERM },
	{ "unique", LST_F_UNIQUE }, { "UNIX.mode", LST_F_MODE },
};
#define LST_NFACTS (sizeof(lst_facts) / sizeof(lst_facts[0]))

int
listing_name_ok(const char *name)
{
	return strpbrk(name, "\r\n") == NULL;
}

static char
lst_type_char(mode_t m)
{
	if (S_ISDIR(m))
		return 'd';
	if (S_ISLNK(m))
		return 'l';
	if (S_ISCHR(m))
		return 'c';
	if (S_ISBLK(m))
		return 'b';
	if (S_ISFIFO(m))
		return 'p';
	if (S_ISSOCK(m))
		return 's';
	return '-';
}

/* One rwx triple; special is setuid/setgid/sticky with its letter. */
static void
lst_triple(char *t, mode_t m, int shift, mode_t special, char sl)
{
	int x = (m >> shift) & 1;

	t[0] = (m >> (shift + 2)) & 1 ? 'r' : '-';
	t[1] = (m >> (shift + 1)) & 1 ? 'w' : '-';
	if (m & special)
		t[2] = x ? sl : (char)(sl - 'a' + 'A');
	else
		t[2] = x ? 'x' : '-';
}

static void
lst_mode_string(char s[11], mode_t m)
{
	s[0] = lst_type_char(m);
	lst_triple(s + 1, m, 6, S_ISUID, 's');
	lst_triple(s + 4, m, 3, S_ISGID, 's');
	lst_triple(s + 7, m, 0, S_ISVTX, 't');
	s[10] = '\0';
}

/* "Mar 04 13:07" when recent and not in the future, else "Mar 04  2023". */
static void
lst_list_date(struct buf *out, time_t t, time_t now)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL) {
		t = 0;
		gmtime_r(&t, &tm);
	}
	buf_printf(out, "%s %02d ", lst_months[tm.tm_mon], tm.tm_mday);
	if (t <= now && t > now - LST_RECENT)
		buf_printf(out, "%02d:%02d", tm.tm_hour, tm.tm_min);
	else
		buf_printf(out, " %04d", tm.tm_year + 1900);
}

void
listing_format_list(struct buf *out, const char *name, const struct stat *st,
    const char *target, const char *owner, const char *group, time_t now)
{
	char mode[11];

	lst_mode_string(mode, st->st_mode);
	buf_printf(out, "%s %4ju %-8s %-8s %8jd ", mode, (uintmax_t)st->st_nlink,
	    owner, group, (intmax_t)st->st_size);
	lst_list_date(out, st->st_mtime, now);
	buf_printf(out, " %s", name);
	if (target != NULL)
		buf_printf(out, " -> %s", target);
	buf_adds(out, "\r\n");
}

const char *
listing_facts_feat(void)
{
	return LISTING_FACTS_FEAT;
}

void
listing_facts_feat_sel(struct buf *out, unsigned facts)
{
	size_t i;

	for (i = 0; i < LST_NFACTS; i++)
		buf_printf(out, "%s%s;", lst_facts[i].name,
		    (facts & lst_facts[i].flag) ? "*" : "");
}

unsigned
listing_facts_parse(const char *arg, struct buf *out)
{
	unsigned mask = 0;
	size_t i, n;

	for (; *arg != '\0'; arg += n + (arg[n] == ';')) {
		n = strcspn(arg, ";");
		for (i = 0; i < LST_NFACTS; i++) {
			if (strlen(lst_facts[i].name) != n ||
			    strncasecmp(arg, lst_facts[i].name, n) != 0 ||
			    (mask & lst_facts[i].flag))
				continue;
			mask |= lst_facts[i].flag;
			buf_printf(out, "%s;", lst_facts[i].name);
		}
	}
	return mask;
}

void
listing_format_time(char out[15], time_t t)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999) {
		memcpy(out, t < 0 ? "19700101000000" : "99991231235959", 15);
		return;
	}
	if (tm.tm_year + 1900 < 0) {
		memcpy(out, "19700101000000", 15);
		return;
	}
	xsnprintf(out, 15, "%04d%02d%02d%02d%02d%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int
lst_days_in_month(int year, int mon)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return days[mon] + (mon == 1 && leap);
}

/* n (at most 4) decimal digits of s; -1 if any is not a digit. */
static int
lst_digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	if (n > 4)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Build a UTC time from checked fields; 0 or -1. */
static int
lst_mktime(int y, int mo, int d, int h, int mi, int s, time_t *t)
{
	struct tm tm;

	if (y < 1900 || mo < 1 || mo > 12 || d < 1 ||
	    d > lst_days_in_month(y, mo - 1) || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || s < 0 || s > 60)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	*t = timegm(&tm);
	return 0;
}

/* RFC 3659 §2.3 time-val: YYYYMMDDHHMMSS[.sss]. */
int
listing_parse_time(const char *s, size_t len, time_t *t)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((s[i] < '0' || s[i] > '9') && i != 14)
			return -1;
	if (len < 14 || (len > 14 && (s[14] != '.' || len == 15)))
		return -1;
	return lst_mktime(lst_digits(s, 4), lst_digits(s + 4, 2),
	    lst_digits(s + 6, 2), lst_digits(s + 8, 2), lst_digits(s + 10, 2),
	    lst_digits(s + 12, 2), t);
}

static const char *
lst_mlsx_type(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		return "dir";
	if (S_ISREG(st->st_mode))
		return "file";
	if (S_ISLNK(st->st_mode))
		return "OS.unix=slink";
	return "OS.unix=special";
}

void
listing_format_mlsx(struct buf *out, const char *name, const struct stat *st,
    const char *type_override, const char *perm, unsigned facts)
{
	char tbuf[15];

	if (facts & LST_F_TYPE)
		buf_printf(out, "type=%s;", type_override != NULL ?
		    type_override : lst_mlsx_type(st));
	if (facts & LST_F_SIZE)
		buf_printf(out, "size=%jd;", (intmax_t)st->st_size);
	if (facts & LST_F_MODIFY) {
		listing_format_time(tbuf, st->st_mtime);
		buf_printf(out, "modify=%s;", tbuf);
	}
	if ((facts & LST_F_PERM) && perm != NULL)
		buf_printf(out, "perm=%s;", perm);
	if (facts & LST_F_UNIQUE)
		buf_printf(out, "unique=%jXU%jX;", (uintmax_t)st->st_dev,
		    (uintmax_t)st->st_ino);
	if (facts & LST_F_MODE)
		buf_printf(out, "UNIX.mode=%04o;", (unsigned)(st->st_mode & 07777));
	buf_printf(out, " %s\r\n", name);
}

void
lst_entry_free(struct lst_entry *e)
{
	free(e->name);
	free(e->target);
	memset(e, 0, sizeof(*e));
}

/* Client side: LIST lines as real servers send them. */

struct lst_tok {
	const char	*s;
	size_t		 n;
};

/* Split at runs of spaces and tabs; returns the token count. */
static size_t
lst_tokenize(const char *s, struct lst_tok *t, size_t max)
{
	size_t n = 0;

	while (n < max) {
		s += strspn(s, " \t");
		if (*s == '\0')
			break;
		t[n].s = s;
		t[n].n = strcspn(s, " \t");
		s += t[n].n;
		n++;
	}
	return n;
}

static int
lst_tok_is(const struct lst_tok *t, const char *word)
{
	return t->n == strlen(word) && strncasecmp(t->s, word, t->n) == 0;
}

/* All digits, fits in uint64.  0 or -1. */
static int
lst_tok_u64(const struct lst_tok *t, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;
	unsigned d;

	if (t->n == 0)
		return -1;
	for (i = 0; i < t->n; i++) {
		if (t->s[i] < '0' || t->s[i] > '9')
			return -1;
		d = (unsigned)(t->s[i] - '0');
		if (x > (UINT64_MAX - d) / 10)
			return -1;
		x = x * 10 + d;
	}
	*v = x;
	return 0;
}

static int
lst_tok_int(const struct lst_tok *t, int max)
{
	uint64_t v;

	if (t->n > 9 || lst_tok_u64(t, &v) == -1 || v > (uint64_t)max)
		return -1;
	return (int)v;
}

static int
lst_month(const struct lst_tok *t)
{
	int i;

	for (i = 0; i < 12; i++)
		if (lst_tok_is(t, lst_months[i]))
			return i + 1;
	return -1;
}

/* "HH:MM" into *h, *m; 0 or -1. */
static int
lst_hhmm(const char *s, size_t n, int *h, int *m)
{
	if (n != 5 && n != 4)
		return -1;
	if (n == 4) {
		*h = lst_digits(s, 1);
		s += 2;
	} else {
		*h = lst_digits(s, 2);
		s += 3;
	}
	*m = lst_digits(s, 2);
	if (s[-1] != ':' || *h < 0 || *m < 0)
		return -1;
	return 0;
}

/*
 * "Mon dd HH:MM" has no year: take now's year, or the one before when
 * that would put the file more than a day in the future (as lftp does).
 */
static int
lst_unix_date(const struct lst_tok *t, time_t now, time_t *out)
{
	struct tm tm;
	int mon, day, h, m, y;

	if ((mon = lst_month(&t[0])) == -1 || (day = lst_tok_int(&t[1], 31)) < 1)
		return -1;
	if (lst_hhmm(t[2].s, t[2].n, &h, &m) == -1) {
		if (t[2].n != 4 || (y = lst_digits(t[2].s, 4)) < 1900)
			return -1;
		return lst_mktime(y, mon, day, 0, 0, 0, out);
	}
	if (gmtime_r(&now, &tm) == NULL)
		return -1;
	y = tm.tm_year + 1900;
	if (lst_mktime(y, mon, day, h, m, 0, out) == 0 &&
	    *out <= now + 24 * 60 * 60)
		return 0;
	return lst_mktime(y - 1, mon, day, h, m, 0, out);
}

static int
lst_mode_ok(const struct lst_tok *t)
{
	size_t i;

	if (t->n < 10 || strchr("-dlbcpsD", t->s[0]) == NULL)
		return 0;
	for (i = 1; i < 10; i++)
		if (strchr("rwxsStTlL-", t->s[i]) == NULL)
			return 0;
	return 1;
}

static void
lst_mode_parse(const char *s, struct lst_entry *e)
{
	static const char bits[] = "rwxrwxrwx";
	int i;

	e->has_mode = 1;
	e->mode = 0;
	for (i = 0; i < 9; i++)
		if (s[i + 1] == bits[i] || strchr("sStT", s[i + 1]) != NULL)
			e->mode |= (mode_t)1 << (8 - i);
	for (i = 3; i <= 9; i += 3)
		if (s[i] == 'S' || s[i] == 'T')
			e->mode &= ~((mode_t)1 << (9 - i));
	if (strchr("sS", s[3]) != NULL)
		e->mode |= S_ISUID;
	if (strchr("sS", s[6]) != NULL)
		e->mode |= S_ISGID;
	if (strchr("tT", s[9]) != NULL)
		e->mode |= S_ISVTX;
}

static enum lst_type
lst_type_of(char c)
{
	switch (c) {
	case 'd':
		return LST_DIR;
	case 'l':
		return LST_LINK;
	case '-':
		return LST_FILE;
	default:
		return LST_OTHER;
	}
}

static int
lst_dot(const char *name)
{
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/* The name is the rest of the line after one separator (names keep spaces). */
static int
lst_set_name(struct lst_entry *e, const char *rest, int split_link)
{
	const char *arrow;

	if (*rest == ' ' || *rest == '\t')
		rest++;
	if (*rest == '\0')
		return -1;
	arrow = split_link ? strstr(rest, " -> ") : NULL;
	if (arrow != NULL && arrow != rest) {
		e->name = xstrndup(rest, (size_t)(arrow - rest));
		e->target = xstrdup(arrow + 4);
	} else
		e->name = xstrdup(rest);
	if (lst_dot(e->name)) {
		lst_entry_free(e);
		return 1;
	}
	return 0;
}

/*
 * Unix "ls -l": the date is the anchor (as in wget), so a missing link
 * count or group does not matter: size, month, day, time-or-year, name.
 */
static int
lst_parse_unix(const char *s, struct lst_entry *e, time_t now)
{
	struct lst_tok t[LST_TOKENS];
	size_t n, i;

	n = lst_tokenize(s, t, LST_TOKENS);
	if (n < 5 || !lst_mode_ok(&t[0]))
		return -1;
	for (i = 2; i + 2 < n; i++) {
		if (lst_month(&t[i]) == -1 ||
		    lst_tok_u64(&t[i - 1], &e->size) == -1 ||
		    lst_unix_date(&t[i], now, &e->mtime) == -1)
			continue;
		e->type = lst_type_of(t[0].s[0]);
		e->has_size = e->has_mtime = 1;
		lst_mode_parse(t[0].s, e);
		return lst_set_name(e, t[i + 2].s + t[i + 2].n,
		    e->type == LST_LINK);
	}
	return -1;
}

/* DOS "MM-DD-YY" or "MM-DD-YYYY". */
static int
lst_dos_date(const struct lst_tok *t, int *y, int *mo, int *d)
{
	if ((t->n != 8 && t->n != 10) || t->s[2] != '-' || t->s[5] != '-')
		return -1;
	*mo = lst_digits(t->s, 2);
	*d = lst_digits(t->s + 3, 2);
	*y = lst_digits(t->s + 6, t->n - 6);
	if (*mo < 0 || *d < 0 || *y < 0)
		return -1;
	if (t->n == 8)
		*y += *y < 70 ? 2000 : 1900;
	return 0;
}

/* "10:30AM", "01:07PM", or 24-hour "13:07". */
static int
lst_dos_time(const struct lst_tok *t, int *h, int *m)
{
	struct lst_tok ampm;
	size_t n = t->n;
	int twelve = 0, pm = 0;

	if (n > 2) {
		ampm = (struct lst_tok){ t->s + n - 2, 2 };
		pm = lst_tok_is(&ampm, "PM");
		twelve = pm || lst_tok_is(&ampm, "AM");
	}
	if (twelve)
		n -= 2;
	if (lst_hhmm(t->s, n, h, m) == -1)
		return -1;
	if (twelve) {
		if (*h < 1 || *h > 12)
			return -1;
		*h = *h % 12 + (pm ? 12 : 0);
	}
	return 0;
}

/* Windows/IIS: "01-15-24  10:30AM       <DIR>          Documents". */
static int
lst_parse_dos(const char *s, struct lst_entry *e)
{
	struct lst_tok t[4];
	const char *rest;
	int y, mo, d, h, m;

	if (lst_tokenize(s, t, 4) < 4 || lst_dos_date(&t[0], &y, &mo, &d) == -1 ||
	    lst_dos_time(&t[1], &h, &m) == -1 ||
	    lst_mktime(y, mo, d, h, m, 0, &e->mtime) == -1)
		return -1;
	e->has_mtime = 1;
	if (lst_tok_is(&t[2], "<DIR>"))
		e->type = LST_DIR;
	else if (lst_tok_u64(&t[2], &e->size) == 0) {
		e->type = LST_FILE;
		e->has_size = 1;
	} else
		return -1;
	rest = t[3].s;		/* IIS pads with spaces: the name starts at the token */
	e->name = xstrdup(rest);
	if (lst_dot(e->name)) {
		lst_entry_free(e);
		return 1;
	}
	return 0;
}

static int
lst_is_total(const char *s)
{
	struct lst_tok t[3];
	uint64_t v;

	return lst_tokenize(s, t, 3) == 2 && lst_tok_is(&t[0], "total") &&
	    lst_tok_u64(&t[1], &v) == 0;
}

int
listing_parse_list(const char *line, size_t len, struct lst_entry *e,
    time_t now)
{
	char *s;
	int rc;

	memset(e, 0, sizeof(*e));
	if (memchr(line, '\0', len) != NULL)
		return -1;
	s = xstrndup(line, len);
	s[strcspn(s, "\r\n")] = '\0';
	if (lst_is_total(s))
		rc = 1;
	else if (*s >= '0' && *s <= '9')
		rc = lst_parse_dos(s, e);
	else
		rc = lst_parse_unix(s, e, now);
	free(s);
	if (rc != 0)
		lst_entry_free(e);
	return rc;
}

/* Client side: MLSD and MLST lines. */

static enum lst_type
lst_mlsd_type(const char *v, size_t n, struct lst_entry *e)
{
	struct lst_tok t = { v, n };

	if (lst_tok_is(&t, "file"))
		return LST_FILE;
	if (lst_tok_is(&t, "dir"))
		return LST_DIR;
	if (lst_tok_is(&t, "cdir"))
		return LST_CDIR;
	if (lst_tok_is(&t, "pdir"))
		return LST_PDIR;
	/* "OS.unix=slink:target" (ProFTPD) or "OS.unix=symlink". */
	if (n >= 13 && strncasecmp(v, "OS.unix=slink", 13) == 0) {
		if (n > 14 && v[13] == ':' && e->target == NULL)
			e->target = xstrndup(v + 14, n - 14);
		return LST_LINK;
	}
	if (lst_tok_is(&t, "OS.unix=symlink"))
		return LST_LINK;
	return LST_OTHER;
}

static void
lst_mlsd_mode(const char *v, size_t n, struct lst_entry *e)
{
	mode_t m = 0;
	size_t i;

	if (n == 0 || n > 6)
		return;
	for (i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '7')
			return;
		m = (mode_t)(m * 8 + (mode_t)(v[i] - '0'));
	}
	e->mode = m & 07777;
	e->has_mode = 1;
}

/* One "name=value" fact; unknown facts and bad values are ignored. */
static void
lst_mlsd_fact(const char *f, size_t n, struct lst_entry *e)
{
	const char *eq = memchr(f, '=', n);
	struct lst_tok key, val;

	if (eq == NULL)
		return;
	key = (struct lst_tok){ f, (size_t)(eq - f) };
	val = (struct lst_tok){ eq + 1, n - key.n - 1 };
	if (lst_tok_is(&key, "type"))
		e->type = lst_mlsd_type(val.s, val.n, e);
	else if (lst_tok_is(&key, "size") || lst_tok_is(&key, "sizd"))
		e->has_size = lst_tok_u64(&val, &e->size) == 0;
	else if (lst_tok_is(&key, "modify"))
		e->has_mtime = listing_parse_time(val.s, val.n, &e->mtime) == 0;
	else if (lst_tok_is(&key, "perm") && val.n < sizeof(e->perm)) {
		memcpy(e->perm, val.s, val.n);
		e->perm[val.n] = '\0';
	} else if (lst_tok_is(&key, "UNIX.mode"))
		lst_mlsd_mode(val.s, val.n, e);
}

/*
 * RFC 3659 §7.2: facts, exactly one space, the name (which may hold
 * spaces and semicolons).  An MLST line has one more space in front.
 */
int
listing_parse_mlsd(const char *line, size_t len, struct lst_entry *e)
{
	const char *sp, *end, *f, *semi;
	size_t n;

	memset(e, 0, sizeof(*e));
	e->type = LST_OTHER;
	if (memchr(line, '\0', len) != NULL)
		return -1;
	end = line + len;
	while (end > line && (end[-1] == '\r' || end[-1] == '\n'))
		end--;
	if (line < end && *line == ' ')
		line++;
	/*
	 * Every fact ends with ';' and one space starts the name, so the
	 * first "; " ends the facts: a value may hold a space (ProFTPD's
	 * "type=OS.unix=slink:/a b;").  Servers that drop the last ';' end
	 * the facts at the first space instead.
	 */
	if ((sp = memmem(line, (size_t)(end - line), "; ", 2)) != NULL)
		sp++;
	else if ((sp = memchr(line, ' ', (size_t)(end - line))) == NULL)
		return -1;
	if (sp + 1 == end)
		return -1;
	/* line is not NUL-terminated: every search stays below sp. */
	for (f = line; f < sp; f += n + 1) {
		semi = memchr(f, ';', (size_t)(sp - f));
		n = semi != NULL ? (size_t)(semi - f) : (size_t)(sp - f);
		lst_mlsd_fact(f, n, e);
	}
	if (e->type == LST_CDIR || e->type == LST_PDIR) {
		lst_entry_free(e);
		return 1;
	}
	e->name = xstrndup(sp + 1, (size_t)(end - sp - 1));
	return 0;
}
