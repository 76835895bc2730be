/* What the browser keys do to the panes, the files and the queue. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "local.h"
#include "remote.h"
#include "text.h"

#include "tui-int.h"
#include "xio.h"

struct pane *
act_pane(struct tui *t)
{
	return &t->pane[t->m.active];
}

int
act_usable(struct tui *t, int side)
{
	if (side == 1 && t->ftp == NULL) {
		tui_status(t, 1,
		    "not connected: press o to connect, b for bookmarks");
		return 0;
	}
	return 1;
}

static int
entry_isdir(const struct pane_entry *e)
{
	return e->kind == PE_DIR || e->linkdir;
}

void
act_parent(struct tui *t)
{
	struct pane *p = act_pane(t);
	char path[PANE_PATH_MAX], last[NAME_MAX + 1];

	strlcpy(path, p->path, sizeof path);
	if (!act_usable(t, t->m.active) ||
	    pane_parent(path, last, sizeof last) == -1)
		return;
	p->filter[0] = '\0';
	tui_side_read(t, t->m.active, path, last);
}

void
act_open(struct tui *t)
{
	struct pane *p = act_pane(t);
	struct pane_entry *e = pane_current(p);
	char path[PANE_PATH_MAX];

	if (e == NULL || !act_usable(t, t->m.active))
		return;
	if (e->kind == PE_PARENT) {
		act_parent(t);
		return;
	}
	/* A remote link may be a directory: only CWD can tell. */
	if (e->kind == PE_LINK && !entry_isdir(e) && t->m.active == 1 &&
	    pane_join(p->path, e->name, path, sizeof path) == 0)
		e->linkdir = remote_is_dir(t->ftp, path, p->path);
	/* Enter on a file views it, as F3 does (mc, FileZilla). */
	if (!entry_isdir(e)) {
		act_view(t);
		return;
	}
	if (pane_join(p->path, e->name, path, sizeof path) == -1) {
		tui_status(t, 1, "path too long");
		return;
	}
	p->filter[0] = '\0';
	tui_side_read(t, t->m.active, path, NULL);
}

/*
 * Queue the marked entries of the active pane, or the current one, for
 * the directory todir of the other side, under newname when one entry
 * gets a new name (else NULL); move: delete each source once it
 * arrived.  Returns how many.
 */
static size_t
act_queue(struct tui *t, const char *todir, const char *newname, int move)
{
	int side = t->m.active, up = side == 0;
	struct pane *p = &t->pane[side];
	struct pane_entry *e, *cur = pane_current(p);
	char src[PANE_PATH_MAX], dst[PANE_PATH_MAX];
	size_t i, n = 0, marked = pane_marked(p, NULL);

	for (i = 0; i < p->nview; i++) {
		e = pane_at(p, i);
		if (e->kind == PE_PARENT || (marked ? !e->marked : e != cur))
			continue;
		if (pane_join(p->path, e->name, src, sizeof src) == -1 ||
		    pane_join(todir, newname != NULL ? newname : e->name, dst,
		    sizeof dst) == -1)
			continue;
		/* Only CWD tells whether a remote link leads to a directory. */
		if (!up && e->kind == PE_LINK && !e->linkdir)
			e->linkdir = remote_is_dir(t->ftp, src, p->path);
		xfer_add(&t->xq, up, entry_isdir(e), src, dst,
		    e->has_size && !entry_isdir(e) ? e->size :
		    FTP_SIZE_UNKNOWN)->move = move;
		n++;
	}
	pane_clear_marks(p);
	xfer_start(&t->xq);
	return n;
}

void
act_ask(struct tui *t, enum input_for why, const char *q, const char *init)
{
	t->input_for = why;
	strlcpy(t->m.question, q, sizeof t->m.question);
	strlcpy(t->m.input, init, sizeof t->m.input);
	t->m.prompt = PR_INPUT;
}

/* Which side a path is on, for prompts: "local" or "ftp://host:port". */
static void
side_name(struct tui *t, int side, char *out, size_t len)
{
	if (side == 0 || t->ftp == NULL)
		strlcpy(out, "local", len);
	else
		snprintf(out, len, "ftp://%s", ftp_peer(t->ftp));
}

/*
 * mc's copy and RenMov dialogs: one prompt that names the other side
 * and starts with its directory (with a trailing '/', so typing a name
 * after it gives the copy a new name).
 */
static void
act_target_ask(struct tui *t, enum input_for why, const char *verb)
{
	struct pane *p = act_pane(t);
	struct pane_entry *e = pane_current(p);
	size_t n = pane_marked(p, NULL), l;
	char name[128], where[300], q[512], init[PANE_PATH_MAX];
	int other = !t->m.active;

	if (n == 0)
		text_fit(e->name, 40, 0, name, sizeof name);
	else
		snprintf(name, sizeof name, "%zu marked entries", n);
	side_name(t, other, where, sizeof where);
	snprintf(q, sizeof q, "%s %s to %s: ", verb, name, where);
	l = strlcpy(init, t->pane[other].path, sizeof init);
	if (l > 0 && l + 1 < sizeof init && init[l - 1] != '/')
		strlcat(init, "/", sizeof init);
	act_ask(t, why, q, init);
}

void
act_copy(struct tui *t)
{
	struct pane *p = act_pane(t);
	struct pane_entry *e = pane_current(p);

	if ((pane_marked(p, NULL) == 0 && (e == NULL ||
	    e->kind == PE_PARENT)) || !act_usable(t, 1))
		return;
	act_target_ask(t, IN_COPY, "Copy");
}

/*
 * mc's RenMov: the same prompt as F5, and the sources go once they
 * arrived; a bare name (no '/') renames the current entry within its
 * pane instead.
 */
void
act_move(struct tui *t)
{
	struct pane *p = act_pane(t);
	struct pane_entry *e = pane_current(p);
	size_t n = pane_marked(p, NULL);

	if ((n == 0 && (e == NULL || e->kind == PE_PARENT)) ||
	    !act_usable(t, t->m.active))
		return;
	if (t->ftp == NULL) {	/* no other side to move to */
		if (n == 0)
			act_ask(t, IN_RENAME, "Rename to: ", e->name);
		return;
	}
	act_target_ask(t, IN_MOVE, "Move");
}

/* Is path a directory on side?  1, 0 (missing or not a directory). */
static int
side_isdir(struct tui *t, int side, const char *path)
{
	struct stat st;

	if (side == 0)
		return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	return strcmp(path, "/") == 0 ||
	    remote_is_dir(t->ftp, path, t->pane[1].path);
}

/*
 * Where a typed target puts the entries: a directory of the other side
 * (ending in '/', or existing), or for one entry a new name in an
 * existing directory.  A bad target is explained here, before anything
 * is queued.  0, or -1 with the reason in the status line.
 */
static int
target_resolve(struct tui *t, const char *to, char *dir, size_t dirlen,
    char *name, size_t namelen)
{
	int other = !t->m.active;
	size_t n = pane_marked(act_pane(t), NULL), l;
	char where[300], path[PANE_PATH_MAX];

	side_name(t, other, where, sizeof where);
	name[0] = '\0';
	if (to[0] == '\0' || (to[0] == '/' ? strlcpy(path, to, sizeof path) >=
	    sizeof path : pane_join(t->pane[other].path, to, path,
	    sizeof path) == -1)) {
		tui_status(t, 1, "no target given");
		return -1;
	}
	l = strlen(path);
	if (side_isdir(t, other, path)) {
		strlcpy(dir, path, dirlen);
		return 0;
	}
	if (l > 1 && path[l - 1] == '/') {
		tui_status(t, 1, "%s on %s: no such directory", path, where);
		return -1;
	}
	if (n > 1) {
		tui_status(t, 1, "%s on %s is not a directory: %zu entries "
		    "need one", path, where, n);
		return -1;
	}
	strlcpy(dir, path, dirlen);
	if (pane_parent(dir, name, namelen) == -1 ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		tui_status(t, 1, "%s: not a name to copy to", to);
		return -1;
	}
	if (!side_isdir(t, other, dir)) {
		tui_status(t, 1, "%s on %s: no such directory", dir, where);
		return -1;
	}
	return 0;
}

/* The answer to the copy or move prompt. */
static void
act_do_transfer(struct tui *t, const char *to, int move)
{
	char dir[PANE_PATH_MAX], name[NAME_MAX + 1];
	size_t n;

	if (!act_usable(t, 1) ||
	    target_resolve(t, to, dir, sizeof dir, name, sizeof name) == -1)
		return;
	n = act_queue(t, dir, name[0] != '\0' ? name : NULL, move);
	key_typeahead_guard(t);
	tui_status(t, 0, "%s %zu entr%s", move ? (t->m.active == 0 ?
	    "moving up" : "moving down") : t->m.active == 0 ? "uploading" :
	    "downloading", n, n == 1 ? "y" : "ies");
	t->status_until = ST_QUEUE;
}

void
act_do_copy(struct tui *t, const char *to)
{
	act_do_transfer(t, to, 0);
}

void
act_do_move(struct tui *t, const char *to)
{
	struct pane *p = act_pane(t);
	struct pane_entry *e = pane_current(p);

	if (strchr(to, '/') == NULL) {
		if (pane_marked(p, NULL) > 0)
			tui_status(t, 1, "a rename is for one entry: "
			    "unmark, or give a path with a /");
		else if (e != NULL && e->kind != PE_PARENT)
			act_do_rename(t, to);
		return;
	}
	act_do_transfer(t, to, 1);
}

void
act_mkdir(struct tui *t)
{
	if (act_usable(t, t->m.active))
		act_ask(t, IN_MKDIR, "New directory: ", "");
}

void
act_delete(struct tui *t)
{
	struct pane *p = act_pane(t);
	struct pane_entry *e = pane_current(p);
	size_t n = pane_marked(p, NULL);
	char name[128];

	if (!act_usable(t, t->m.active) || (n == 0 && (e == NULL ||
	    e->kind == PE_PARENT)))
		return;
	if (n == 0)
		text_fit(e->name, 60, 0, name, sizeof name);
	else
		snprintf(name, sizeof name, "%zu marked entries", n);
	snprintf(t->m.question, sizeof t->m.question,
	    "Delete %s%s? (y/n)", name, n == 0 && entry_isdir(e) ?
	    " and everything in it" : "");
	t->confirm_for = CF_DELETE;
	t->m.prompt = PR_CONFIRM;
}

static int
delete_one(struct tui *t, const char *dir, const struct pane_entry *e)
{
	char path[PANE_PATH_MAX];

	if (pane_join(dir, e->name, path, sizeof path) == -1)
		return -1;
	if (t->m.active == 0) {
		if (local_remove(path) == -1) {
			tui_status(t, 1, "%s: %s", e->name, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (remote_remove(t->ftp, path, entry_isdir(e)) == -1) {
		tui_status(t, 1, "%s", ftp_error(t->ftp));
		return -1;
	}
	return 0;
}

void
act_do_delete(struct tui *t)
{
	struct pane *p = act_pane(t);
	struct pane_entry *e, *cur = pane_current(p);
	size_t i, n = 0, marked = pane_marked(p, NULL);

	for (i = 0; i < p->nview; i++) {
		e = pane_at(p, i);
		if (e->kind == PE_PARENT || (marked ? !e->marked : e != cur))
			continue;
		if (delete_one(t, p->path, e) == -1)
			break;
		n++;
	}
	if (i == p->nview)
		tui_status(t, 0, "deleted %zu entr%s", n, n == 1 ? "y" : "ies");
	tui_side_reread(t, t->m.active, NULL);
}

/* The name typed in a prompt, as a path of the active pane. */
static int
typed_path(struct tui *t, const char *typed, char *out, size_t outsz)
{
	if (typed[0] == '\0')
		return -1;
	if (typed[0] == '/')
		return strlcpy(out, typed, outsz) < outsz ? 0 : -1;
	return pane_join(act_pane(t)->path, typed, out, outsz);
}

void
act_do_mkdir(struct tui *t, const char *name)
{
	char path[PANE_PATH_MAX];
	int rc;

	if (typed_path(t, name, path, sizeof path) == -1)
		return;
	if (t->m.active == 0) {
		rc = mkdir(path, 0777);
		if (rc == -1)
			tui_status(t, 1, "mkdir %s: %s", name, strerror(errno));
	} else {
		rc = ftp_mkdir(t->ftp, path);
		tui_status(t, rc == -1, "%s", ftp_error(t->ftp));
	}
	if (rc == 0)
		tui_side_reread(t, t->m.active, name);
}

void
act_do_rename(struct tui *t, const char *to)
{
	struct pane_entry *e = pane_current(act_pane(t));
	char from[PANE_PATH_MAX], path[PANE_PATH_MAX];
	int rc;

	if (e == NULL || typed_path(t, to, path, sizeof path) == -1 ||
	    pane_join(act_pane(t)->path, e->name, from, sizeof from) == -1)
		return;
	if (t->m.active == 0) {
		rc = rename(from, path);
		if (rc == -1)
			tui_status(t, 1, "rename: %s", strerror(errno));
	} else {
		rc = ftp_rename(t->ftp, from, path);
		tui_status(t, rc == -1, "%s", ftp_error(t->ftp));
	}
	if (rc == 0)
		tui_side_reread(t, t->m.active, strchr(to, '/') ? NULL : to);
}

/* The user named a new destination for a job whose target exists. */
void
act_do_xrename(struct tui *t, const char *name)
{
	char dir[PANE_PATH_MAX], last[NAME_MAX + 1], path[PANE_PATH_MAX];
	struct xfer_job *j = t->asking;

	t->asking = NULL;
	if (j == NULL)
		return;
	strlcpy(dir, j->dst, sizeof dir);
	if (name[0] == '\0' || strchr(name, '/') != NULL ||
	    pane_parent(dir, last, sizeof last) == -1 ||
	    pane_join(dir, name, path, sizeof path) == -1) {
		tui_status(t, 1, "not a valid name; asking again");
		xfer_decide(&t->xq, j, XM_ASK, 0, j->dst);
		return;
	}
	xfer_decide(&t->xq, j, XM_ASK, 0, path);
}

void
act_quit(struct tui *t)
{
	if (t->xq_ready && !xfer_idle(&t->xq)) {
		snprintf(t->m.question, sizeof t->m.question,
		    "Transfers are running. Quit and cancel them? (y/n)");
		t->confirm_for = CF_QUIT;
		t->m.prompt = PR_CONFIRM;
		return;
	}
	t->quit = 1;
}

void
act_cancel(struct tui *t)
{
	if (t->xq_ready && xfer_cancel_one(&t->xq) == 0)
		tui_status(t, 0, "cancelling the transfer (ABOR)");
	else if (act_pane(t)->filter[0] != '\0')
		pane_set_filter(act_pane(t), "");
}

void
act_cursor(struct tui *t, enum ui_act a)
{
	struct pane *p = act_pane(t);
	long page = ui_page_rows(&t->m);

	switch (a) {
	case A_UP: pane_move(p, -1); break;
	case A_DOWN: pane_move(p, 1); break;
	case A_PGUP: pane_move(p, -page); break;
	case A_PGDN: pane_move(p, page); break;
	case A_HOME: pane_home(p); break;
	case A_END: pane_end(p); break;
	default: break;
	}
}

/* Ctrl-G: where to go, starting from the pane's own directory. */
void
act_goto(struct tui *t)
{
	char where[300], q[340], init[PANE_PATH_MAX];
	size_t l;

	if (!act_usable(t, t->m.active))
		return;
	side_name(t, t->m.active, where, sizeof where);
	snprintf(q, sizeof q, "Go to (%s): ", where);
	l = strlcpy(init, act_pane(t)->path, sizeof init);
	if (l > 0 && l + 1 < sizeof init && init[l - 1] != '/')
		strlcat(init, "/", sizeof init);
	act_ask(t, IN_GOTO, q, init);
}

void
act_do_goto(struct tui *t, const char *typed)
{
	char path[PANE_PATH_MAX];
	size_t l;

	if (typed_path(t, typed, path, sizeof path) == -1)
		return;
	l = strlen(path);
	while (l > 1 && path[l - 1] == '/')
		path[--l] = '\0';
	act_pane(t)->filter[0] = '\0';
	tui_side_read(t, t->m.active, path, NULL);
}

/* The names of a directory that start with a prefix (completion). */
struct completion {
	const char	*prefix;
	size_t		 plen;
	char		 common[NAME_MAX + 2];	/* longest common start */
	size_t		 n;
	int		 isdir;			/* of the only match */
};

static void
completion_add(struct completion *c, const char *name, int isdir)
{
	size_t i;

	if (strncmp(name, c->prefix, c->plen) != 0 ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return;
	if (c->n++ == 0) {
		strlcpy(c->common, name, sizeof c->common);
		c->isdir = isdir;
		return;
	}
	for (i = 0; c->common[i] != '\0' && c->common[i] == name[i]; i++)
		;
	c->common[i] = '\0';
}

static int
completion_remote(void *arg, const struct lst_entry *e)
{
	completion_add(arg, e->name, e->type == LST_DIR);
	return 0;
}

static void
completion_local(struct completion *c, const char *dir)
{
	struct dirent *de;
	struct stat st;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		completion_add(c, de->d_name, fstatat(dirfd(d), de->d_name,
		    &st, 0) == 0 && S_ISDIR(st.st_mode));
	closedir(d);
}

/*
 * Tab in the go-to prompt: the last part of the path completed from
 * its directory's listing, as far as the matches agree; a directory
 * gets its '/'.  The question says when there are several or none.
 */
void
act_goto_complete(struct tui *t)
{
	struct completion c = { 0 };
	char dir[PANE_PATH_MAX], part[PANE_PATH_MAX], where[300];
	char *input = t->m.input, *slash;
	size_t len;

	if ((slash = strrchr(input, '/')) == NULL)
		return;
	c.prefix = slash + 1;
	c.plen = strlen(c.prefix);
	/* The directory part, made absolute like the path Enter takes. */
	len = (size_t)(slash - input);
	if (len == 0)
		strlcpy(dir, "/", sizeof dir);
	else {
		memcpy(part, input, len);
		part[len] = '\0';
		if (typed_path(t, part, dir, sizeof dir) == -1)
			return;
	}
	if (t->m.active == 0)
		completion_local(&c, dir);
	else if (ftp_list(t->ftp, dir, completion_remote, &c) == -1) {
		tui_status(t, 1, "%s", ftp_error(t->ftp));
		return;
	}
	/* The prompt covers the status line: the count goes in the question. */
	side_name(t, t->m.active, where, sizeof where);
	if (c.n != 1)
		snprintf(t->m.question, sizeof t->m.question,
		    "Go to (%s, %s): ", where,
		    c.n == 0 ? "no match" : "several matches");
	else
		snprintf(t->m.question, sizeof t->m.question, "Go to (%s): ",
		    where);
	if (c.n == 0)
		return;
	slash[1] = '\0';
	strlcat(input, c.common, sizeof t->m.input);
	if (c.n == 1 && c.isdir)
		strlcat(input, "/", sizeof t->m.input);
}

