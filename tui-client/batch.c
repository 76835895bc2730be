/*
 * batch: the command table of batch mode, on top of the engine.
 */
#include <sys/stat.h>

#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <libgen.h>
#include <libutil.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "buf.h"
#include "ftp.h"
#include "progress.h"
#include "safe.h"
#include "xio.h"

#define BATCH_ARGS_MAX	64	/* words of one command (mget names) */
#define PROGRESS_MS	100
#define KEEPALIVE_S	60	/* NOOP interval during sleep */

struct batch {
	struct ftp		*f;
	const struct batch_opts	*o;
	unsigned		 parallel;	/* connections now (mget -P) */
	const char		*cmd;		/* the running mget or mput */
	/* progress line state */
	double			 t0, last;
	int			 drawn;
	const char		*name;
	/* The last state seen, with a copy of the name (mget frees them). */
	struct ftp_progress	 shown;
	char			 shown_name[1024];
	int			 behind;	/* shown is not drawn (throttled) */
};

/* Options a command accepts, set by batch_opt_parse. */
struct batch_flags {
	int		 c, r, l, f;
	int		 e, n, R, y;	/* mirror: delete, newer, reverse, dry */
	const char	*O;		/* -O DIR: target directory */
	const char	*P;		/* -P N: connections */
};

struct batch_cmd {
	const char	*name;
	int		 min, max;	/* operands after the options */
	/* letters; "O:" takes an argument; those after '|' are long only */
	const char	*flags;
	int		(*fn)(struct batch *, struct batch_flags *, char **, int);
	const char	*usage;
	const char	*help;		/* one line for "help CMD" */
};

static volatile sig_atomic_t batch_interrupted;

void
batch_on_signal(int sig)
{
	(void)sig;
	batch_interrupted = 1;
}

void
batch_warn(const char *fmt, ...)
{
	char	 msg[2048];
	va_list	 ap;

	struct buf	 b;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	buf_init(&b);
	buf_adds(&b, "forkftp: ");
	safe_buf(&b, msg, 1);
	buf_addc(&b, '\n');
	fputs(buf_cstr(&b), stderr);
	buf_free(&b);
}

/* Splitting. */

static void
split_word(const char **pp, struct buf *w, int *bad)
{
	const char	*p = *pp;
	char		 q = 0;

	for (; *p != '\0'; p++) {
		if (q == 0 && (*p == ' ' || *p == '\t' || *p == ';' ||
		    *p == '\n' || *p == '\r'))
			break;
		if (q == 0 && (*p == '"' || *p == '\'')) {
			q = *p;
		} else if (q != 0 && *p == q) {
			q = 0;
		} else if (*p == '\\' && q != '\'' && p[1] != '\0') {
			buf_addc(w, *++p);
		} else
			buf_addc(w, *p);
	}
	*bad = q != 0;
	*pp = p;
}

int
batch_split(const char **text, char **argv, int max)
{
	const char	*p = *text;
	struct buf	 w;
	int		 argc = 0, bad = 0;

	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	if (*p == '\0')
		return -1;
	while (*p != '\0' && *p != ';' && *p != '\n') {
		if (*p == '#') {
			p += strcspn(p, "\n");
			break;
		}
		buf_init(&w);
		buf_adds(&w, "");
		split_word(&p, &w, &bad);
		if (bad || argc == max) {
			buf_free(&w);
			batch_free_argv(argv, argc);
			*text = p + strlen(p);
			return -2;
		}
		argv[argc++] = buf_detach(&w);
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
	}
	if (*p != '\0')
		p++;
	*text = p;
	return argc;
}

void
batch_free_argv(char **argv, int argc)
{
	while (argc > 0)
		free(argv[--argc]);
}

/* Output. */

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
progress_draw(struct batch *b, const struct ftp_progress *p, double t)
{
	struct buf	 out;
	char		 line[512];

	progress_format(line, sizeof(line), p->name, p->done, p->total,
	    p->offset, t - b->t0);
	buf_init(&out);
	buf_adds(&out, "\r");
	safe_buf(&out, line, 0);
	buf_adds(&out, "\033[K");
	fputs(buf_cstr(&out), stderr);
	buf_free(&out);
	b->drawn = 1;
	b->behind = 0;
}

static int
batch_progress(void *arg, const struct ftp_progress *p)
{
	struct batch	*b = arg;
	double		 t = now_s();

	if (batch_interrupted)
		return 1;
	/* Workers of a parallel tree would fight over one line. */
	if (!b->o->progress || b->parallel > 1)
		return 0;
	if (b->name != p->name) {
		b->name = p->name;
		b->t0 = t;
		b->last = 0;
	}
	b->shown = *p;
	strlcpy(b->shown_name, p->name, sizeof(b->shown_name));
	b->shown.name = b->shown_name;
	if (t - b->last < PROGRESS_MS / 1000.0 &&
	    !(p->total != FTP_SIZE_UNKNOWN && p->done == p->total)) {
		b->behind = 1;
		return 0;
	}
	b->last = t;
	progress_draw(b, p, t);
	return 0;
}

/* The final count too when it was throttled (a stream has no 100%). */
static void
progress_end(struct batch *b)
{
	if (b->drawn && b->behind)
		progress_draw(b, &b->shown, now_s());
	if (b->drawn)
		fputc('\n', stderr);
	b->drawn = 0;
	b->name = NULL;
}

/* Names come from the server: see safe.h. */
static void
print_name(const char *s)
{
	safe_fputs(s, stdout);
}

static void
print_mode(const struct lst_entry *e)
{
	static const char types[] = { '-', 'd', 'l', '?', 'd', 'd' };
	static const char rwx[] = "rwxrwxrwx";
	int		 i;

	putchar(types[e->type]);
	for (i = 0; i < 9; i++)
		putchar(e->has_mode && (e->mode & (0400 >> i)) ? rwx[i] :
		    e->has_mode ? '-' : '?');
}

static int
ls_long(void *arg, const struct lst_entry *e)
{
	char		 when[32] = "-";
	struct tm	 tm;

	(void)arg;
	print_mode(e);
	if (e->has_size)
		printf(" %12" PRIu64, e->size);
	else
		printf(" %12s", "-");
	if (e->has_mtime && gmtime_r(&e->mtime, &tm) != NULL)
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	printf(" %16s ", when);
	print_name(e->name);
	if (e->target != NULL) {
		fputs(" -> ", stdout);
		print_name(e->target);
	}
	putchar('\n');
	return 0;
}

static int
ls_short(void *arg, const struct lst_entry *e)
{
	(void)arg;
	print_name(e->name);
	if (e->type == LST_DIR)
		putchar('/');
	putchar('\n');
	return 0;
}

/* Commands. */

/*
 * The directory listing refused path: perhaps it is a file.  Its facts
 * come from MLST, or without MLST from its parent's listing (vsftpd).
 */
static int
ls_file(struct batch *b, struct batch_flags *fl, const char *path)
{
	struct lst_entry e;
	char		 why[1024];
	int		 rc;

	strlcpy(why, ftp_error(b->f), sizeof(why));
	rc = ftp_stat(b->f, path, &e);
	if (rc == 0 && e.type != LST_DIR && e.type != LST_CDIR) {
		free(e.name);
		e.name = xstrdup(path);
		(fl->l ? ls_long : ls_short)(NULL, &e);
		lst_entry_free(&e);
		return 0;
	}
	/* MLSD's refusal says it best; CWD's ("Failed to change") does not. */
	if (rc == -1 && !(ftp_features(b->f) & FTP_FEAT_MLST))
		strlcpy(why, ftp_error(b->f), sizeof(why));
	lst_entry_free(&e);
	batch_warn("ls %s: %s", path, why);
	return -2;
}

static int
c_ls(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	int	 rc;

	rc = ftp_list(b->f, ac > 0 ? av[0] : NULL, fl->l ? ls_long : ls_short,
	    NULL);
	if (rc == -1 && ac > 0 && ftp_reply_code(b->f) / 100 == 5)
		rc = ls_file(b, fl, av[0]);
	fflush(stdout);
	return rc;
}

static int
c_cd(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	(void)fl, (void)ac;
	return ftp_cwd(b->f, av[0]);
}

static int
c_pwd(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	char	*p;

	(void)fl, (void)av, (void)ac;
	if (ftp_pwd(b->f, &p) == -1)
		return -1;
	print_name(p);
	putchar('\n');
	free(p);
	return 0;
}

static int
c_lcd(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	(void)b, (void)fl, (void)ac;
	if (chdir(av[0]) == -1) {
		batch_warn("lcd %s: %s", av[0], strerror(errno));
		return -2;
	}
	return 0;
}

/* The last component of a path, ignoring trailing slashes. Caller frees. */
static char *
base_of(const char *path)
{
	char	*c = xstrdup(path), *b;
	size_t	 l = strlen(c);

	while (l > 1 && c[l - 1] == '/')
		c[--l] = '\0';
	b = xstrdup(basename(c));
	free(c);
	return b;
}

/* LOCAL for get: given, or the remote base name; into a directory if one. */
static char *
local_target(const char *remote, const char *given, int tree)
{
	struct stat	 st;
	char		*base = base_of(remote), *t;

	if (given == NULL)
		return base;
	if (!tree && stat(given, &st) == 0 && S_ISDIR(st.st_mode)) {
		t = xasprintf("%s/%s", given, base);
		free(base);
		return t;
	}
	free(base);
	return xstrdup(given);
}

/*
 * As lftp: a download does not replace a local file unless told to (-f)
 * or to continue it (-c).  1 when local is in the way, 0 when free.
 */
static int
local_taken(const struct batch_flags *fl, const char *local)
{
	struct stat	 st;

	return !fl->f && !fl->c && lstat(local, &st) == 0;
}

#define TAKEN_HINT	"file exists (use -f to overwrite, -c to resume)"

static int
c_get(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	char	*local = local_target(av[0], ac > 1 ? av[1] : NULL, fl->r);
	int	 flags = fl->c ? FTP_RESUME : 0, rc;

	if (!fl->r && strcmp(local, "-") != 0 && local_taken(fl, local)) {
		batch_warn("get %s: %s: " TAKEN_HINT, av[0], local);
		free(local);
		return -2;
	}
	if (fl->r)
		rc = ftp_get_tree(b->f, av[0], local, flags, batch_progress, b);
	else if (strcmp(local, "-") == 0) {
		fflush(stdout);
		rc = ftp_get_fd(b->f, av[0], STDOUT_FILENO, batch_progress, b);
	} else
		rc = ftp_get(b->f, av[0], local, flags, batch_progress, b);
	progress_end(b);
	free(local);
	return rc;
}

/* put - REMOTE: stdin, read once (a file named "-" is "./-"). */
static int
put_stdin(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	int	 rc;

	if (fl->r || fl->c || ac < 2) {
		batch_warn("usage: put - REMOTE (no -c, no -r)");
		return -2;
	}
	if (b->o->script_stdin) {
		batch_warn("put -: stdin holds the script (-b -)");
		return -2;
	}
	rc = ftp_put_fd(b->f, STDIN_FILENO, av[1], batch_progress, b);
	progress_end(b);
	return rc;
}

static int
c_put(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	char	*remote;
	int	 flags = fl->c ? FTP_RESUME : 0, rc;

	struct stat	 st;

	if (strcmp(av[0], "-") == 0)
		return put_stdin(b, fl, av, ac);
	if (!fl->r && stat(av[0], &st) == 0 && S_ISDIR(st.st_mode)) {
		batch_warn("put %s: is a directory (use put -r)", av[0]);
		return -2;
	}
	remote = ac > 1 ? xstrdup(av[1]) : base_of(av[0]);
	if (fl->r)
		rc = ftp_put_tree(b->f, av[0], remote, flags, batch_progress, b);
	else
		rc = ftp_put(b->f, av[0], remote, flags, batch_progress, b);
	progress_end(b);
	free(remote);
	return rc;
}

/* mget and mput. */

/* -P N for this command only.  0, or -2 (reported). */
static int
multi_parallel(struct batch *b, const char *cmd, const struct batch_flags *fl)
{
	const char	*errstr;
	long long	 n;

	if (fl->P == NULL)
		return 0;
	n = strtonum(fl->P, 1, FTP_PARALLEL_MAX, &errstr);
	if (errstr != NULL) {
		batch_warn("%s -P %s: %s", cmd, fl->P, errstr);
		return -2;
	}
	b->parallel = (unsigned)n;
	ftp_set_parallel(b->f, b->parallel);
	return 0;
}

/* One file of an mget or mput failed; the others go on (ftp_fail_fn). */
static void
multi_fail(void *arg, const char *name, const char *why)
{
	struct batch	*b = arg;

	progress_end(b);
	batch_warn("%s %s: %s", b->cmd, name, why);
}

/* The end of an mget or mput: rc as a command returns it. */
static int
multi_done(struct batch *b, int rc, int missing)
{
	progress_end(b);
	/* "mget LAST-PATTERN: 2 of 9 files failed" would mislead. */
	if (rc == -1)
		batch_warn("%s: %s", b->cmd, ftp_error(b->f));
	b->parallel = b->o->parallel;
	ftp_set_parallel(b->f, b->parallel);
	return rc != 0 ? -2 : missing ? -2 : 0;
}

/* Where each of names goes: DIR/base with -O DIR, else the base. */
static char **
multi_targets(const struct ftp_names *names, const char *dir)
{
	char	**t, *base;
	size_t	  i, l;

	t = xreallocarray(NULL, names->n, sizeof(*t));
	for (i = 0; i < names->n; i++) {
		base = base_of(names->name[i]);
		if (dir == NULL) {
			t[i] = base;
			continue;
		}
		l = strlen(dir);
		t[i] = xasprintf("%s%s%s", dir, l > 0 && dir[l - 1] == '/' ?
		    "" : "/", base);
		free(base);
	}
	return t;
}

static void
multi_free(char **t, size_t n)
{
	while (n > 0)
		free(t[--n]);
	free(t);
}

/*
 * Remote patterns, matched over the listing (ftp_glob).  As in lftp, a
 * pattern that matches nothing is reported ("no files found") and fails
 * the command, after the files the others matched were fetched.
 */
static int
mget_expand(struct batch *b, char **av, int ac, struct ftp_names *r,
    int *missing)
{
	size_t	 had;
	int	 i;

	for (i = 0; i < ac; i++) {
		had = r->n;
		if (ftp_glob(b->f, av[i], r) == -1) {
			batch_warn("mget %s: %s", av[i], ftp_error(b->f));
			return -2;
		}
		if (r->n == had) {
			batch_warn("mget %s: no files found", av[i]);
			*missing = 1;
		}
	}
	return 0;
}

/* Files whose local target is taken are reported and left out. */
static void
mget_drop_taken(const struct batch_flags *fl,
    struct ftp_names *r, char **local, int *failed)
{
	size_t	 i, n = 0;

	for (i = 0; i < r->n; i++) {
		if (!local_taken(fl, local[i])) {
			r->name[n] = r->name[i];
			local[n++] = local[i];
			continue;
		}
		batch_warn("mget %s: %s: " TAKEN_HINT, r->name[i], local[i]);
		free(r->name[i]);
		free(local[i]);
		*failed = 1;
	}
	r->n = n;
}

static int
c_mget(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	struct ftp_names r = { 0 };
	struct stat	 st;
	char		**local;
	int		 missing = 0, rc;

	if (fl->O != NULL && (stat(fl->O, &st) == -1 || !S_ISDIR(st.st_mode))) {
		batch_warn("mget -O %s: not a directory", fl->O);
		return -2;
	}
	if (multi_parallel(b, "mget", fl) != 0)
		return -2;
	b->cmd = "mget";
	rc = mget_expand(b, av, ac, &r, &missing);
	ftp_names_uniq(&r);
	if (rc == 0 && r.n > 0) {
		local = multi_targets(&r, fl->O);
		mget_drop_taken(fl, &r, local, &missing);
		rc = r.n == 0 ? 0 : ftp_get_files(b->f, r.n, r.name, local,
		    fl->c ? FTP_RESUME : 0, batch_progress, multi_fail, b);
		multi_free(local, r.n);
	}
	ftp_names_free(&r);
	return multi_done(b, rc, missing);
}

/* Regular files matching a local pattern (glob(3)); directories skipped. */
static int
mput_glob(const char *pattern, struct ftp_names *l)
{
	glob_t		 g;
	struct stat	 st;
	size_t		 i, had = l->n;
	int		 rc;

	memset(&g, 0, sizeof(g));
	if ((rc = glob(pattern, 0, NULL, &g)) != 0 && rc != GLOB_NOMATCH) {
		globfree(&g);
		batch_warn("mput %s: %s", pattern, rc == GLOB_NOSPACE ?
		    "out of memory" : "cannot read a directory");
		return -2;
	}
	for (i = 0; rc == 0 && i < g.gl_pathc; i++)
		if (stat(g.gl_pathv[i], &st) == 0 && S_ISREG(st.st_mode))
			ftp_names_add(l, g.gl_pathv[i]);
	globfree(&g);
	return l->n > had ? 0 : 1;
}

static int
c_mput(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	struct ftp_names l = { 0 };
	char		**remote;
	int		 i, missing = 0, rc = 0, g;

	if (multi_parallel(b, "mput", fl) != 0)
		return -2;
	b->cmd = "mput";
	for (i = 0; i < ac && rc == 0; i++) {
		if (!ftp_glob_magic(av[i])) {
			ftp_names_add(&l, av[i]);
			continue;
		}
		if ((g = mput_glob(av[i], &l)) == 1) {
			batch_warn("mput %s: no files found", av[i]);
			missing = 1;
		}
		rc = g == -2 ? -2 : 0;
	}
	ftp_names_uniq(&l);
	if (rc == 0 && l.n > 0) {
		remote = multi_targets(&l, fl->O);
		rc = ftp_put_files(b->f, l.n, l.name, remote,
		    fl->c ? FTP_RESUME : 0, batch_progress, multi_fail, b);
		multi_free(remote, l.n);
	}
	ftp_names_free(&l);
	return multi_done(b, rc, missing);
}

/* mirror. */

/* "get dir/a.txt", "rm dir/old.txt": one line per file, as it is decided. */
static void
mirror_note(void *arg, enum ftp_mirror_act act, const char *path)
{
	static const char *const verb[] = { "get ", "put ", "rm ", "rmdir " };

	(void)arg;
	fputs(verb[act], stdout);
	print_name(path);
	putchar('\n');
	fflush(stdout);
}

static void
mirror_fail(void *arg, const char *name, const char *why)
{
	struct batch	*b = arg;

	progress_end(b);
	batch_warn("mirror %s: %s", name, why);
}

/*
 * The copy's name when none is given: the source's base name, or the
 * working directory for a source that has none ("/", ".", "..").
 */
static char *
mirror_target(const char *src)
{
	char	*base;

	if (src == NULL)
		return NULL;
	base = base_of(src);
	if (strcmp(base, "/") == 0 || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0) {
		free(base);
		return NULL;
	}
	return base;
}

static void
mirror_summary(const struct ftp_mirror_stats *st, int dry)
{
	char	 size[8];	/* keeps humanize_number at 3 digits */

	/* "812 B", "3.1 MiB" */
	humanize_number(size, sizeof(size), (int64_t)st->bytes, "B",
	    HN_AUTOSCALE, HN_DECIMAL | HN_IEC_PREFIXES);
	printf("mirror: %zu file%s (%s) %s, %zu unchanged, %zu %sdeleted\n",
	    st->files, st->files == 1 ? "" : "s", size,
	    dry ? "to transfer" : "transferred", st->unchanged, st->deleted,
	    dry ? "to be " : "");
}

/*
 * A source that is not a directory fails the mirror once, up front,
 * instead of as "1 file failed" with a summary of nothing.  0 or -2.
 */
static int
mirror_source_ok(struct batch *b, const struct batch_flags *fl,
    const char *src)
{
	struct lst_entry e;
	struct stat	 st;
	const char	*why = NULL;

	if (src == NULL)
		return 0;
	if (fl->R) {
		if (stat(src, &st) == -1)
			why = strerror(errno);
		else if (!S_ISDIR(st.st_mode))
			why = "not a directory";
	} else if (ftp_stat(b->f, src, &e) == -1) {
		/*
		 * Only a clear "not there": "/", "." and ".." cannot be looked
		 * up without MLST, and some servers refuse MLST itself.
		 */
		if (ftp_reply_code(b->f) == 550)
			why = ftp_error(b->f);
	} else {
		if (e.type != LST_DIR && e.type != LST_CDIR &&
		    e.type != LST_PDIR && e.type != LST_LINK)
			why = "not a directory";
		lst_entry_free(&e);
	}
	if (why == NULL)
		return 0;
	batch_warn("mirror %s: %s", src, why);
	return -2;
}

/*
 * mirror [-R] [-c] [-e] [-n] [--dry-run] [-P N] [SOURCE [TARGET]], as
 * lftp: the source is remote, or local with -R.
 */
static int
c_mirror(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	struct ftp_mirror_cb	 cb = { batch_progress, mirror_fail,
				    mirror_note, b };
	struct ftp_mirror_stats	 st;
	const char		*src = ac > 0 ? av[0] : NULL;
	char			*dst;
	int			 flags = 0, rc;

	if (mirror_source_ok(b, fl, src) != 0 ||
	    multi_parallel(b, "mirror", fl) != 0)
		return -2;
	dst = ac > 1 ? xstrdup(av[1]) : mirror_target(src);
	flags |= fl->R ? FTP_MIRROR_REVERSE : 0;
	flags |= fl->e ? FTP_MIRROR_DELETE : 0;
	flags |= fl->n ? FTP_MIRROR_NEWER : 0;
	flags |= fl->y ? FTP_MIRROR_DRYRUN : 0;
	flags |= fl->c ? FTP_MIRROR_RESUME : 0;
	b->cmd = "mirror";
	if (fl->R)
		rc = ftp_mirror(b->f, dst, src != NULL ? src : ".", flags, &cb,
		    &st);
	else
		rc = ftp_mirror(b->f, src, dst != NULL ? dst : ".", flags, &cb,
		    &st);
	progress_end(b);
	mirror_summary(&st, fl->y);
	free(dst);
	return multi_done(b, rc, 0);
}

static int
c_mkdir(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	(void)fl, (void)ac;
	return ftp_mkdir(b->f, av[0]);
}

static int
c_rmdir(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	(void)fl, (void)ac;
	return ftp_rmdir(b->f, av[0]);
}

static int
c_rm(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	(void)fl, (void)ac;
	return ftp_delete(b->f, av[0]);
}

static int
c_mv(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	(void)fl, (void)ac;
	return ftp_rename(b->f, av[0], av[1]);
}

static int
c_size(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	uint64_t	 n;

	(void)fl, (void)ac;
	if (ftp_size(b->f, av[0], &n) == -1)
		return -1;
	printf("%" PRIu64 "\n", n);
	return 0;
}

static int
c_hash(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	enum digest_algo algo;
	char		 hex[DIGEST_HEX_MAX];

	(void)fl, (void)ac;
	if (ftp_hash(b->f, av[0], &algo, hex) == -1)
		return -1;
	printf("%s %s  ", digest_name(algo), hex);
	print_name(av[0]);
	putchar('\n');
	return 0;
}

static int
c_quote(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	struct buf	 line;
	int		 i, rc;

	(void)fl;
	buf_init(&line);
	for (i = 0; i < ac; i++) {
		if (i > 0)
			buf_addc(&line, ' ');
		buf_adds(&line, av[i]);
	}
	rc = ftp_quote(b->f, buf_cstr(&line));
	if (rc == 0) {
		buf_reset(&line);
		safe_buf(&line, ftp_error(b->f), 1);
		printf("%s\n", buf_cstr(&line));
	}
	buf_free(&line);
	return rc;
}

static int
c_sleep(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	const char	*errstr;
	long long	 n;

	(void)fl, (void)ac;
	n = strtonum(av[0], 0, 3600, &errstr);
	if (errstr != NULL) {
		batch_warn("sleep %s: %s", av[0], errstr);
		return -2;
	}
	/* Sleep in steps so a long pause keeps the session alive. */
	while (n-- > 0 && !batch_interrupted) {
		sleep(1);
		ftp_keepalive(b->f, KEEPALIVE_S);
	}
	return 0;
}

static int	c_help(struct batch *, struct batch_flags *, char **, int);

static const struct batch_cmd batch_cmds[] = {
	{ "ls",    0, 1, "l",  c_ls,    "ls [-l] [PATH]",
	    "list a remote directory (-l: mode, size, time)" },
	{ "cd",    1, 1, "",   c_cd,    "cd PATH",
	    "change the remote directory" },
	{ "pwd",   0, 0, "",   c_pwd,   "pwd", "print the remote directory" },
	{ "lcd",   1, 1, "",   c_lcd,   "lcd PATH",
	    "change the local directory" },
	{ "get",   1, 2, "cfr", c_get,  "get [-c|-f] [-r] REMOTE [LOCAL]",
	    "download (LOCAL - is stdout); an existing local file needs "
	    "-f (overwrite) or -c (resume)" },
	{ "put",   1, 2, "cr", c_put,
	    "put [-c] [-r] LOCAL [REMOTE] | put - REMOTE",
	    "upload (- is stdin); -c resumes, -r a directory tree" },
	{ "mget",  1, BATCH_ARGS_MAX, "cfO:P:", c_mget,
	    "mget [-c|-f] [-O DIR] [-P N] PATTERN...",
	    "download the files matching remote patterns; existing local "
	    "files need -f or -c" },
	{ "mput",  1, BATCH_ARGS_MAX, "cO:P:", c_mput,
	    "mput [-c] [-O DIR] [-P N] PATTERN...",
	    "upload the files matching local patterns" },
	{ "mirror", 0, 2, "cenRP:|y", c_mirror,
	    "mirror [-R] [-c] [-e|--delete] [-n] [--dry-run] [-P N] "
	    "[SOURCE [TARGET]]",
	    "make a local tree a copy of a remote one (-R: the reverse)" },
	{ "mkdir", 1, 1, "",   c_mkdir, "mkdir PATH",
	    "create a remote directory" },
	{ "rmdir", 1, 1, "",   c_rmdir, "rmdir PATH",
	    "remove an empty remote directory" },
	{ "rm",    1, 1, "",   c_rm,    "rm PATH", "delete a remote file" },
	{ "mv",    2, 2, "",   c_mv,    "mv FROM TO", "rename a remote file" },
	{ "size",  1, 1, "",   c_size,  "size PATH",
	    "print the size of a remote file" },
	{ "hash",  1, 1, "",   c_hash,  "hash PATH",
	    "print the server's digest of a remote file (HASH)" },
	{ "quote", 1, BATCH_ARGS_MAX, "", c_quote, "quote COMMAND [ARGS]",
	    "send a raw command and print the reply" },
	{ "sleep", 1, 1, "",   c_sleep, "sleep SECONDS",
	    "wait, keeping the session alive" },
	{ "help",  0, 1, "",   c_help,  "help [COMMAND]",
	    "list the commands, or describe one" },
};

#define BATCH_NCMDS	(sizeof(batch_cmds) / sizeof(batch_cmds[0]))

static const struct batch_cmd *
batch_lookup(const char *name)
{
	size_t	 i;

	for (i = 0; i < BATCH_NCMDS; i++)
		if (strcmp(batch_cmds[i].name, name) == 0)
			return &batch_cmds[i];
	return NULL;
}

/* help: every command's usage, or one command's usage and purpose. */
static int
c_help(struct batch *b, struct batch_flags *fl, char **av, int ac)
{
	const struct batch_cmd	*c;
	size_t			 i;

	(void)b, (void)fl;
	if (ac == 0) {
		for (i = 0; i < BATCH_NCMDS; i++)
			printf("%s\n", batch_cmds[i].usage);
		printf("help COMMAND describes one; "
		    "separate commands with ';'\n");
		return 0;
	}
	if ((c = batch_lookup(av[0])) == NULL) {
		batch_warn("help %s: unknown command", av[0]);
		return -2;
	}
	printf("usage: %s\n  %s\n", c->usage, c->help);
	return 0;
}

static void
opt_set(struct batch_flags *fl, char letter, const char *arg)
{
	if (letter == 'c')
		fl->c = 1;
	else if (letter == 'r')
		fl->r = 1;
	else if (letter == 'f')
		fl->f = 1;
	else if (letter == 'l')
		fl->l = 1;
	else if (letter == 'O')
		fl->O = arg;
	else if (letter == 'P')
		fl->P = arg;
	else if (letter == 'e')
		fl->e = 1;
	else if (letter == 'n')
		fl->n = 1;
	else if (letter == 'R')
		fl->R = 1;
	else if (letter == 'y')
		fl->y = 1;
}

/* Long options (lftp's mirror spelling) and their letters. */
static const struct {
	const char	*name;
	char		 letter;
} batch_longs[] = {
	{ "continue", 'c' }, { "force", 'f' }, { "delete", 'e' },
	{ "only-newer", 'n' },
	{ "reverse", 'R' }, { "parallel", 'P' }, { "dry-run", 'y' },
};

/* The option letter c takes: its place in c->flags, or NULL. */
static const char *
opt_spec(const struct batch_cmd *c, char letter, int is_long)
{
	const char	*spec, *bar;

	if (letter == ':' || letter == '|' ||
	    (spec = strchr(c->flags, letter)) == NULL)
		return NULL;
	bar = strchr(c->flags, '|');
	return is_long || bar == NULL || spec < bar ? spec : NULL;
}

/*
 * "--name", "--name=ARG" or "--name ARG" (av[*i] then moves on).
 * 0, or -1 for an unknown option or a missing argument.
 */
static int
opt_long(const struct batch_cmd *c, char **av, int ac, int *i,
    struct batch_flags *fl)
{
	const char	*word = av[*i] + 2, *eq, *spec, *arg = NULL;
	size_t		 len, k;

	eq = strchr(word, '=');
	len = eq != NULL ? (size_t)(eq - word) : strlen(word);
	for (k = 0; k < sizeof(batch_longs) / sizeof(batch_longs[0]); k++)
		if (strlen(batch_longs[k].name) == len &&
		    strncmp(batch_longs[k].name, word, len) == 0)
			break;
	if (k == sizeof(batch_longs) / sizeof(batch_longs[0]) ||
	    (spec = opt_spec(c, batch_longs[k].letter, 1)) == NULL)
		return -1;
	if (spec[1] == ':')
		arg = eq != NULL ? eq + 1 : *i + 1 < ac ? av[++*i] : NULL;
	if ((spec[1] == ':') != (arg != NULL) || (spec[1] != ':' && eq != NULL))
		return -1;
	opt_set(fl, batch_longs[k].letter, arg);
	return 0;
}

/*
 * Leading "-x" words, getopt style ("-cO dir", "-Odir"); returns how many
 * words were options, or -1 with what was wrong in why ("unknown option
 * -x").  A lone "-" is an operand (put - REMOTE).
 */
static int
batch_opt_parse(const struct batch_cmd *c, char **av, int ac,
    struct batch_flags *fl, char *why, size_t whylen)
{
	int		 i;
	const char	*p, *spec, *arg;

	memset(fl, 0, sizeof(*fl));
	for (i = 0; i < ac && av[i][0] == '-' && av[i][1] != '\0'; i++) {
		if (strcmp(av[i], "--") == 0)
			return i + 1;
		if (av[i][1] == '-') {
			if (opt_long(c, av, ac, &i, fl) == -1) {
				snprintf(why, whylen, "bad option %.*s",
				    (int)strcspn(av[i], "="), av[i]);
				return -1;
			}
			continue;
		}
		for (p = av[i] + 1; *p != '\0'; p++) {
			if ((spec = opt_spec(c, *p, 0)) == NULL) {
				snprintf(why, whylen, "unknown option -%c", *p);
				return -1;
			}
			if (spec[1] != ':') {
				opt_set(fl, *p, NULL);
				continue;
			}
			arg = p[1] != '\0' ? p + 1 : i + 1 < ac ? av[++i] : NULL;
			if (arg == NULL) {
				snprintf(why, whylen, "option -%c needs an "
				    "argument", *p);
				return -1;
			}
			opt_set(fl, *p, arg);
			break;
		}
	}
	return i;
}

/* One command: 0 success, -1 failure (already reported). */
static int
batch_one(struct batch *b, char **av, int ac)
{
	const struct batch_cmd	*c;
	struct batch_flags	 fl;
	char			 why[128];
	int			 n, rc;

	if ((c = batch_lookup(av[0])) == NULL) {
		batch_warn("%s: unknown command (help lists them)", av[0]);
		return -1;
	}
	n = batch_opt_parse(c, av + 1, ac - 1, &fl, why, sizeof(why));
	if (n < 0)
		batch_warn("%s: %s", c->name, why);
	if (n < 0 || ac - 1 - n < c->min || ac - 1 - n > c->max) {
		batch_warn("usage: %s", c->usage);
		return -1;
	}
	rc = c->fn(b, &fl, av + 1 + n, ac - 1 - n);
	if (rc == -1)
		batch_warn("%s%s%s: %s", av[0], ac > 1 ? " " : "",
		    ac > 1 ? av[ac - 1] : "", ftp_error(b->f));
	return rc == 0 ? 0 : -1;
}

int
batch_run(struct ftp *f, const char *text, const struct batch_opts *o)
{
	struct batch	 b = { .f = f, .o = o, .parallel = o->parallel };
	char		*av[BATCH_ARGS_MAX];
	int		 ac, status = 0;

	ftp_set_parallel(f, o->parallel);
	ftp_set_interrupt(&batch_interrupted);
	while ((ac = batch_split(&text, av, BATCH_ARGS_MAX)) != -1) {
		if (ac == -2) {
			batch_warn("unterminated quote or too many words");
			return 1;
		}
		if (ac == 0)
			continue;
		if (batch_one(&b, av, ac) == -1)
			status = 1;
		batch_free_argv(av, ac);
		if (batch_interrupted)
			status = 130;
		if (status == 130 || (status != 0 && !o->keep_going))
			break;
	}
	fflush(stdout);
	return status;
}

/* The shell and the browser's ':' line: one command, the table's way. */

int
batch_exec(struct ftp *f, const struct batch_opts *o, char **av, int ac)
{
	struct batch	 b = { .f = f, .o = o, .parallel = o->parallel };
	int		 rc;

	batch_interrupted = 0;
	if (f != NULL)
		ftp_set_parallel(f, o->parallel);
	ftp_set_interrupt(&batch_interrupted);
	rc = batch_one(&b, av, ac);
	fflush(stdout);
	return rc;
}

const char *
batch_cmd_name(size_t i)
{
	return i < sizeof(batch_cmds) / sizeof(batch_cmds[0]) ?
	    batch_cmds[i].name : NULL;
}

/* The short options come first, then the long ones. */
int
batch_cmd_option(const char *cmd, size_t i, char *out, size_t outlen)
{
	const struct batch_cmd	*c = batch_lookup(cmd);
	const char		*p;
	size_t			 k;

	if (c == NULL)
		return -1;
	for (p = c->flags; *p != '\0' && *p != '|'; p++) {
		if (*p == ':' || i-- > 0)
			continue;
		snprintf(out, outlen, "-%c", *p);
		return 0;
	}
	for (k = 0; k < sizeof(batch_longs) / sizeof(batch_longs[0]); k++) {
		if (opt_spec(c, batch_longs[k].letter, 1) == NULL || i-- > 0)
			continue;
		snprintf(out, outlen, "--%s", batch_longs[k].name);
		return 0;
	}
	return -1;
}

int
batch_opt_wants_arg(const char *cmd, const char *word)
{
	const struct batch_cmd	*c = batch_lookup(cmd);
	const char		*spec, *p;
	size_t			 k;

	if (c == NULL || strlen(word) < 2 || word[0] != '-' || strchr(word, '=') != NULL)
		return 0;
	/* "-cO" does, "-Odir" and "-c" do not (as batch_opt_parse reads). */
	for (p = word + 1; word[1] != '-' && *p != '\0'; p++)
		if ((spec = opt_spec(c, *p, 0)) == NULL || spec[1] == ':')
			return spec != NULL && p[1] == '\0';
	if (word[1] != '-')
		return 0;
	for (k = 0; k < sizeof(batch_longs) / sizeof(batch_longs[0]); k++)
		if (strcmp(batch_longs[k].name, word + 2) == 0)
			return (spec = opt_spec(c, batch_longs[k].letter, 1)) !=
			    NULL && spec[1] == ':';
	return 0;
}
