/*
 * complete: see complete.h.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "buf.h"
#include "complete.h"
#include "ftp.h"
#include "safe.h"
#include "xio.h"

#define COMPL_DIRS	8	/* remote listings kept */
#define COMPL_WORDS	64	/* words of a command looked at */
#define COMPL_NAMES	100000	/* names of one directory at most */

/* One remote directory: its names, directories with a trailing '/'. */
struct compl_dir {
	char		*key;		/* absolute path; NULL: a free slot */
	struct ftp_names names;
};

struct compl_cache {
	struct compl_dir d[COMPL_DIRS];
	size_t		 next;		/* slot to reuse (round robin) */
};

/* The line up to the cursor, cut into the words of its last command. */
struct compl_words {
	/* unescaped; the last is the one at the cursor */
	char		*w[COMPL_WORDS];
	int		 n;
	char		 quote;		/* quote open at the cursor, or 0 */
};

/*
 * What each operand of a command is: r remote, l local, c a command
 * name, - nothing to complete; the last letter repeats.  mirror -R
 * swaps r and l.
 */
static const struct {
	const char	*cmd, *kinds;
} compl_kinds[] = {
	{ "ls", "r" }, { "cd", "r" }, { "lcd", "l" }, { "get", "rl" },
	{ "put", "lr" }, { "mget", "r" }, { "mput", "l" }, { "mirror", "rl" },
	{ "mkdir", "r" }, { "rmdir", "r" }, { "rm", "r" }, { "mv", "r" },
	{ "size", "r" }, { "hash", "r" }, { "help", "c" },
};

/* Commands after which the remote listings still hold. */
static const char *const compl_readers[] = {
	"ls", "cd", "pwd", "lcd", "get", "mget", "size", "hash", "help",
	"sleep", NULL
};

struct compl_cache *
compl_cache_new(void)
{
	return xcalloc(1, sizeof(struct compl_cache));
}

static void
dir_clear(struct compl_dir *d)
{
	free(d->key);
	d->key = NULL;
	ftp_names_free(&d->names);
	memset(&d->names, 0, sizeof(d->names));
}

void
compl_cache_free(struct compl_cache *cc)
{
	size_t	 i;

	if (cc == NULL)
		return;
	for (i = 0; i < COMPL_DIRS; i++)
		dir_clear(&cc->d[i]);
	free(cc);
}

void
compl_forget(struct compl_cache *cc, const char *cmd)
{
	size_t	 i;

	for (i = 0; compl_readers[i] != NULL; i++)
		if (strcmp(compl_readers[i], cmd) == 0)
			return;
	for (i = 0; i < COMPL_DIRS; i++)
		dir_clear(&cc->d[i]);
}

void
compl_free(struct compl_result *c)
{
	free(c->insert);
	c->insert = NULL;
	ftp_names_free(&c->cands);
	memset(&c->cands, 0, sizeof(c->cands));
}

/* Splitting, as batch_split does, but stopping at the cursor. */

static void
words_free(struct compl_words *ws)
{
	while (ws->n > 0)
		free(ws->w[--ws->n]);
}

static void
words_end(struct compl_words *ws, struct buf *cur, int *in_word)
{
	if (*in_word && ws->n < COMPL_WORDS)
		ws->w[ws->n++] = xstrdup(buf_cstr(cur));
	buf_reset(cur);
	*in_word = 0;
}

static void
words_split(const char *line, size_t cursor, struct compl_words *ws)
{
	struct buf	 cur;
	size_t		 i;
	int		 in_word = 0;
	char		 ch, q = 0;

	buf_init(&cur);
	memset(ws, 0, sizeof(*ws));
	for (i = 0; i < cursor && line[i] != '\0'; i++) {
		ch = line[i];
		if (q == 0 && (ch == ' ' || ch == '\t' || ch == ';')) {
			words_end(ws, &cur, &in_word);
			if (ch == ';')
				words_free(ws);
			continue;
		}
		in_word = 1;
		if (q == 0 && (ch == '"' || ch == '\''))
			q = ch;
		else if (q != 0 && ch == q)
			q = 0;
		else if (ch == '\\' && q != '\'' && i + 1 < cursor)
			buf_addc(&cur, line[++i]);
		else
			buf_addc(&cur, ch);
	}
	in_word = 1;	/* the current word, empty after a space */
	words_end(ws, &cur, &in_word);
	ws->quote = q;
	buf_free(&cur);
}

/* Candidates. */

/* A name the line can hold as it is: its safe form is itself. */
static int
name_plain(const char *name)
{
	struct buf	 b;
	int		 same;

	buf_init(&b);
	buf_adds(&b, "");
	safe_buf(&b, name, 0);
	same = strcmp(buf_cstr(&b), name) == 0;
	buf_free(&b);
	return same;
}

static void
offer(struct compl_result *c, const char *prefix, const char *name)
{
	size_t	 l = strlen(prefix);

	/* Dot names only when asked for, as in sh. */
	if (strncmp(name, prefix, l) != 0 || (name[0] == '.' && l == 0) ||
	    !name_plain(name))
		return;
	ftp_names_add(&c->cands, name);
}

static void
offer_commands(struct compl_result *c, const char *const *extra,
    const char *word)
{
	const char	*name;
	size_t		 i;

	for (i = 0; (name = batch_cmd_name(i)) != NULL; i++)
		offer(c, word, name);
	for (i = 0; extra != NULL && extra[i] != NULL; i++)
		offer(c, word, extra[i]);
}

static void
offer_options(struct compl_result *c, const char *cmd, const char *word)
{
	char	 opt[64];
	size_t	 i;

	for (i = 0; batch_cmd_option(cmd, i, opt, sizeof(opt)) == 0; i++)
		offer(c, word, opt);
}

static void
offer_local(struct compl_result *c, const char *dir, const char *base)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	char		*name;

	if ((d = opendir(*dir != '\0' ? dir : ".")) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, 0) == 0 &&
		    S_ISDIR(st.st_mode)) {
			name = xasprintf("%s/", de->d_name);
			offer(c, base, name);
			free(name);
		} else
			offer(c, base, de->d_name);
	}
	closedir(d);
}

static int
remote_add(void *arg, const struct lst_entry *e)
{
	struct ftp_names *names = arg;
	char		*name;

	if (names->n >= COMPL_NAMES)
		return 1;
	if (strchr(e->name, '/') != NULL)
		return 0;
	name = e->type == LST_DIR ? xasprintf("%s/", e->name) :
	    xstrdup(e->name);
	ftp_names_add(names, name);
	free(name);
	return 0;
}

/* The listing of remote directory dir ("" the working one), cached. */
static const struct ftp_names *
remote_names(struct compl_cache *cc, struct ftp *f, const char *dir)
{
	struct compl_dir *d;
	char		*key, *path;
	size_t		 i, l;

	path = xstrdup(*dir != '\0' ? dir : ".");
	l = strlen(path);
	while (l > 1 && path[l - 1] == '/')
		path[--l] = '\0';
	key = path[0] == '/' ? xstrdup(path) :
	    xasprintf("%s/%s", ftp_cwd_path(f), path);
	for (i = 0; i < COMPL_DIRS; i++)
		if (cc->d[i].key != NULL && strcmp(cc->d[i].key, key) == 0) {
			free(key);
			free(path);
			return &cc->d[i].names;
		}
	d = &cc->d[cc->next++ % COMPL_DIRS];
	dir_clear(d);
	d->key = key;
	if (ftp_list(f, *dir != '\0' ? path : NULL, remote_add,
	    &d->names) == -1 && d->names.n < COMPL_NAMES)
		dir_clear(d);	/* try again next time: it may come to exist */
	free(path);
	return &d->names;
}

static void
offer_remote(struct compl_cache *cc, struct ftp *f,
    struct compl_result *c, const char *dir, const char *base)
{
	const struct ftp_names *names = remote_names(cc, f, dir);
	size_t		 i;

	for (i = 0; i < names->n; i++)
		offer(c, base, names->name[i]);
}

/* The kind of the current operand: 'r', 'l', 'c' or '-'. */
static char
operand_kind(const struct compl_words *ws)
{
	const char	*cmd = ws->w[0], *kinds = "-";
	size_t		 i;
	int		 j, n = 0, opts = 1, rev = 0;
	char		 k;

	for (i = 0; i < sizeof(compl_kinds) / sizeof(compl_kinds[0]); i++)
		if (strcmp(compl_kinds[i].cmd, cmd) == 0)
			kinds = compl_kinds[i].kinds;
	for (j = 1; j < ws->n - 1; j++) {
		if (opts && strcmp(ws->w[j], "--") == 0)
			opts = 0;
		else if (opts && ws->w[j][0] == '-' && ws->w[j][1] != '\0') {
			rev |= strcmp(ws->w[j], "--reverse") == 0 ||
			    (ws->w[j][1] != '-' &&
			    strchr(ws->w[j], 'R') != NULL);
			j += batch_opt_wants_arg(cmd, ws->w[j]);
		} else
			n++;
	}
	k = kinds[(size_t)n < strlen(kinds) ? (size_t)n : strlen(kinds) - 1];
	if (rev && strcmp(cmd, "mirror") == 0)
		k = k == 'r' ? 'l' : 'r';
	return k;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * ch as batch_split reads it back: after a backslash outside quotes; in
 * "..." a backslash or '"' after one; the quote itself closes, goes
 * escaped and opens again ('\'').
 */
static void
escape_char(struct buf *b, char ch, char quote)
{
	if (quote == 0 && strchr(" \t\"'\\;#", ch) != NULL)
		buf_addc(b, '\\');
	else if (quote == '"' && ch == '\\')
		buf_addc(b, '\\');
	else if (quote != 0 && ch == quote) {
		buf_addc(b, quote);
		buf_addc(b, '\\');
		buf_addc(b, quote);
	}
	buf_addc(b, ch);
}

/* What every candidate shares beyond the typed part, escaped. */
static char *
common_insert(const struct compl_result *c, size_t typed, char quote)
{
	struct buf	 b;
	const char	*first = c->cands.name[0], *p;
	size_t		 i, l = strlen(first);

	for (i = 1; i < c->cands.n; i++)
		for (p = c->cands.name[i]; strncmp(first, p, l) != 0; )
			l--;
	buf_init(&b);
	buf_adds(&b, "");
	for (i = typed; i < l; i++)
		escape_char(&b, first[i], quote);
	if (c->cands.n == 1 && first[l - 1] != '/') {
		if (quote != 0)
			buf_addc(&b, quote);
		buf_addc(&b, ' ');
	}
	return buf_detach(&b);
}

size_t
compl_line(struct compl_cache *cc, struct ftp *f, const char *const *extra,
    const char *line, size_t cursor, struct compl_result *c)
{
	struct compl_words ws;
	const char	*word, *slash;
	char		*dir, kind;

	memset(c, 0, sizeof(*c));
	words_split(line, cursor, &ws);
	word = ws.w[ws.n - 1];
	slash = strrchr(word, '/');
	dir = xstrndup(word, slash != NULL ? (size_t)(slash - word) + 1 : 0);
	kind = ws.n == 1 ? 'c' : operand_kind(&ws);
	if (ws.n == 1 || (kind == 'c' && ws.n == 2))
		offer_commands(c, extra, word);
	else if (word[0] == '-')
		offer_options(c, ws.w[0], word);
	else if (kind == 'l')
		offer_local(c, dir, word + strlen(dir));
	else if (kind == 'r' && f != NULL)
		offer_remote(cc, f, c, dir, word + strlen(dir));
	if (c->cands.n > 0) {
		qsort(c->cands.name, c->cands.n, sizeof(c->cands.name[0]),
		    name_cmp);
		ftp_names_uniq(&c->cands);
		c->insert = common_insert(c, strlen(word + strlen(dir)),
		    ws.quote);
	}
	free(dir);
	words_free(&ws);
	return c->cands.n;
}
