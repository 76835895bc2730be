/* What the browser keys do to the panes, the files and the queue. */
#include <sys/stat.h>

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
	if (!entry_isdir(e) && !(e->kind == PE_LINK && t->m.active == 1))
		return;
	if (pane_join(p->path, e->name, path, sizeof path) == -1) {
		tui_status(t, 1, "path too long");
		return;
	}
	p->filter[0] = '\0';
	tui_side_read(t, t->m.active, path, NULL);
}

/*
 * Queue the marked entries of the active pane, or the current one, for
 * the directory todir of the other side; move: delete each source once
 * it arrived.  Returns how many.
 */
static size_t
act_queue(struct tui *t, const char *todir, int move)
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
		    pane_join(todir, e->name, dst, sizeof dst) == -1)
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
act_copy(struct tui *t)
{
	int up = t->m.active == 0;
	size_t n;

	if (!act_usable(t, 1))
		return;
	n = act_queue(t, t->pane[!t->m.active].path, 0);
	tui_status(t, 0, "%s %zu entr%s", up ? "uploading" : "downloading", n,
	    n == 1 ? "y" : "ies");
}

void
act_ask(struct tui *t, enum input_for why, const char *q, const char *init)
{
	t->input_for = why;
	strlcpy(t->m.question, q, sizeof t->m.question);
	strlcpy(t->m.input, init, sizeof t->m.input);
	t->m.prompt = PR_INPUT;
}

/*
 * mc's RenMov: the prompt starts with the other pane's directory, where
 * the marked entries (or the current one) move to; a name without a
 * leading '/' renames the current entry within its pane instead.
 */
void
act_move(struct tui *t)
{
	struct pane *p = act_pane(t);
	struct pane_entry *e = pane_current(p);
	size_t n = pane_marked(p, NULL);
	char name[128], q[256];

	if ((n == 0 && (e == NULL || e->kind == PE_PARENT)) ||
	    !act_usable(t, t->m.active))
		return;
	if (t->ftp == NULL) {	/* no other side to move to */
		if (n == 0)
			act_ask(t, IN_RENAME, "Rename to: ", e->name);
		return;
	}
	if (n == 0)
		text_fit(e->name, 40, 0, name, sizeof name);
	else
		snprintf(name, sizeof name, "%zu marked entries", n);
	snprintf(q, sizeof q, "Move %s to (or rename to): ", name);
	act_ask(t, IN_MOVE, q, t->pane[!t->m.active].path);
}

/* The answer to the move prompt. */
void
act_do_move(struct tui *t, const char *to)
{
	struct pane *p = act_pane(t);
	struct pane_entry *e = pane_current(p);
	size_t n;

	if (to[0] != '/') {
		if (pane_marked(p, NULL) > 0)
			tui_status(t, 1, "a rename is for one entry: "
			    "unmark, or give a directory starting with /");
		else if (e != NULL && e->kind != PE_PARENT)
			act_do_rename(t, to);
		return;
	}
	if (!act_usable(t, 1))
		return;
	n = act_queue(t, to, 1);
	tui_status(t, 0, "moving %zu entr%s %s", n, n == 1 ? "y" : "ies",
	    t->m.active == 0 ? "up" : "down");
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
