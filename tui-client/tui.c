#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "ftp.h"
#include "local.h"
#include "netrc.h"
#include "pane.h"
#include "remote.h"
#include "text.h"
#include "tui.h"
#include "ui.h"
#include "url.h"
#include "xfer.h"
#include "xio.h"

#define REDRAW_NS	100000000L	/* progress repaints: ten a second */
#define REFRESH_NS	1000000000L	/* pane re-reads while a queue runs */
#define MAX_POLL	64

enum input_for { IN_MKDIR, IN_RENAME, IN_XRENAME };
enum confirm_for { CF_DELETE, CF_QUIT };

struct tui {
	struct ui_model	 m;
	struct pane	 pane[2];	/* 0 local, 1 remote */
	struct xfer	 xq;
	int		 xq_ready;
	struct ftp	*ftp;
	struct ftp_opts	 fo;
	char		 host[256], port[32], user[256], pass[256];
	char		 startpath[PANE_PATH_MAX];
	unsigned	 parallel;
	int		 activemode;
	int		 quit, dirty, xdirty;
	enum input_for	 input_for;
	enum confirm_for confirm_for;
	struct xfer_job	*asking;
	struct timespec	 lastdraw, lastref[2];
};

static long
ns_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000000000L + (now.tv_nsec - t->tv_nsec);
}

__attribute__((format(printf, 3, 4)))
static void
tui_status(struct tui *t, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->m.status, sizeof t->m.status, fmt, ap);
	va_end(ap);
	t->m.status_err = err;
	t->dirty = 1;
}

static void
tui_log(void *arg, enum ftp_log_dir d, const char *line)
{
	struct tui *t = arg;
	struct ui_model *m = &t->m;
	static const char *tag[] = { "> ", "< ", "* " };
	size_t slot;

	if (m->log_n == UI_LOG_MAX) {
		free(m->log[m->log_head]);
		m->log_head = (m->log_head + 1) % UI_LOG_MAX;
		m->log_n--;
	}
	slot = (m->log_head + m->log_n++) % UI_LOG_MAX;
	m->log[slot] = xasprintf("%s%s", tag[d <= FTP_LOG_INFO ? d : 2], line);
	if (d == FTP_LOG_INFO && strcasestr(line, "reconnect") != NULL)
		tui_status(t, 0, "connection lost: %s", line);
	if (m->view == VIEW_LOG)
		t->dirty = 1;
}

/* ---- reading directories ---- */

/* Names marked in p, to mark again after a re-read.  Caller frees. */
static char **
marks_save(struct pane *p, size_t *n)
{
	char **v;
	size_t i, k = 0;

	*n = pane_marked(p, NULL);
	if (*n == 0)
		return NULL;
	v = xreallocarray(NULL, *n, sizeof *v);
	for (i = 0; i < p->nents && k < *n; i++)
		if (p->ents[i].marked)
			v[k++] = xstrdup(p->ents[i].name);
	*n = k;
	return v;
}

static void
marks_restore(struct pane *p, char **v, size_t n)
{
	size_t i, k;

	for (k = 0; k < n; k++) {
		for (i = 0; i < p->nents; i++)
			if (strcmp(p->ents[i].name, v[k]) == 0)
				p->ents[i].marked = 1;
		free(v[k]);
	}
	free(v);
}

static int
tui_remote_read(struct tui *t, const char *path, const char *keep)
{
	if (t->ftp == NULL)
		return -1;
	/* Success keeps the status: it says what the last action did. */
	if (remote_read(t->ftp, &t->pane[1], path, keep) == -1) {
		tui_status(t, 1, "%s", ftp_error(t->ftp));
		return -1;
	}
	return 0;
}

/* Read directory path into a side; the marks of a re-read survive. */
static int
side_read(struct tui *t, int side, const char *path, const char *keep)
{
	struct pane *p = &t->pane[side];
	char err[512], **marks = NULL;
	size_t nmarks = 0;
	int rc, same = strcmp(path, p->path) == 0;

	if (same)
		marks = marks_save(p, &nmarks);
	if (side == 0) {
		rc = local_read(p, path, keep, err, sizeof err);
		if (rc == -1)
			tui_status(t, 1, "%s", err);
	} else
		rc = tui_remote_read(t, path, keep);
	if (marks != NULL) {
		marks_restore(p, marks, nmarks);
		pane_update(p, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &t->lastref[side]);
	t->dirty = 1;
	return rc;
}

static void
side_reread(struct tui *t, int side, const char *keep)
{
	char path[PANE_PATH_MAX];

	strlcpy(path, t->pane[side].path, sizeof path);
	side_read(t, side, path, keep);
}

/* ---- connecting ---- */

/*
 * The URL of the command line into the form fields; the password, when
 * the URL has none, from ~/.netrc as in batch mode.
 */
static int
tui_url(struct tui *t, const char *s)
{
	struct url u;
	struct netrc_cred c;
	char err[256];

	if (url_parse(s, &u, err, sizeof err) == -1) {
		fprintf(stderr, "forkftp: %s: %s\n", s, err);
		return -1;
	}
	if ((u.user == NULL || u.pass == NULL) &&
	    netrc_lookup(NULL, u.host, u.user, &c) == 0) {
		if (u.user == NULL && c.login != NULL)
			strlcpy(t->user, c.login, sizeof t->user);
		if (c.password != NULL)
			strlcpy(t->pass, c.password, sizeof t->pass);
		netrc_free(&c);
	}
	strlcpy(t->host, u.host, sizeof t->host);
	if (u.port != NULL)
		strlcpy(t->port, u.port, sizeof t->port);
	if (u.user != NULL)
		strlcpy(t->user, u.user, sizeof t->user);
	if (u.pass != NULL)
		strlcpy(t->pass, u.pass, sizeof t->pass);
	strlcpy(t->startpath, u.path, sizeof t->startpath);
	url_free(&u);
	return 0;
}

static void
form_open(struct tui *t)
{
	struct ui_model *m = &t->m;

	strlcpy(m->form[0], t->host, sizeof m->form[0]);
	strlcpy(m->form[1], t->port[0] ? t->port : "21", sizeof m->form[1]);
	strlcpy(m->form[2], t->user[0] ? t->user : "anonymous", sizeof m->form[2]);
	strlcpy(m->form[3], t->pass, sizeof m->form[3]);
	m->field = t->host[0] == '\0' ? 0 : 3;
	m->prompt = PR_FORM;
	t->dirty = 1;
}

static void
tui_disconnect(struct tui *t)
{
	if (t->xq_ready) {
		xfer_shutdown(&t->xq);
		t->xq_ready = 0;
	}
	t->m.xfer = NULL;
	ftp_close(t->ftp);
	t->ftp = NULL;
	t->m.connected = 0;
}

static int
tui_connect(struct tui *t)
{
	struct pane *p = &t->pane[1];
	char err[1024];
	const char *anon = "anonymous";

	memset(&t->fo, 0, sizeof t->fo);
	t->fo.host = t->host;
	t->fo.port = t->port[0] ? t->port : "21";
	t->fo.user = t->user[0] ? t->user : anon;
	t->fo.pass = t->pass[0] || strcmp(t->fo.user, anon) != 0 ? t->pass :
	    "forkftp@";
	t->fo.active = t->activemode;
	t->fo.log = tui_log;
	t->fo.log_arg = t;
	tui_status(t, 0, "connecting to %s port %s ...", t->fo.host, t->fo.port);
	ui_draw(&t->m);
	if (ftp_connect(&t->fo, &t->ftp, err, sizeof err) == -1) {
		tui_status(t, 1, "%s", err);
		return -1;
	}
	t->m.connected = 1;
	tui_status(t, 0, "connected to %s: %s", ftp_peer(t->ftp),
	    ftp_error(t->ftp));
	snprintf(p->title, sizeof p->title, "ftp://%s@%s", t->fo.user,
	    ftp_peer(t->ftp));
	xfer_init(&t->xq, &t->fo, t->parallel, tui_log, t);
	t->xq_ready = 1;
	t->m.xfer = &t->xq;
	if (side_read(t, 1, t->startpath[0] ? t->startpath :
	    (ftp_cwd_path(t->ftp) ? ftp_cwd_path(t->ftp) : "/"), NULL) == -1)
		side_read(t, 1, "/", NULL);
	return 0;
}

/* Enter in the form: connect with what it says. */
static void
form_submit(struct tui *t)
{
	struct ui_model *m = &t->m;

	if (t->xq_ready && !xfer_idle(&t->xq)) {
		tui_status(t, 1, "transfers are running: cancel them first (X)");
		m->prompt = PR_NONE;
		return;
	}
	tui_disconnect(t);
	strlcpy(t->host, m->form[0], sizeof t->host);
	strlcpy(t->port, m->form[1], sizeof t->port);
	strlcpy(t->user, m->form[2], sizeof t->user);
	strlcpy(t->pass, m->form[3], sizeof t->pass);
	explicit_bzero(m->form[3], sizeof m->form[3]);
	t->startpath[0] = '\0';
	m->prompt = PR_NONE;
	if (tui_connect(t) == -1)
		form_open(t);
	else
		t->m.active = 1;
}

/* ---- text input ---- */

/* Edit buf with one key: 1 on Enter, -1 on Esc, 0 otherwise. */
static int
input_key(char *buf, size_t sz, const struct ui_key *k)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t n = strlen(buf), len;

	if (!k->fkey && (k->code == '\r' || k->code == '\n'))
		return 1;
	if (!k->fkey && k->code == 27)
		return -1;
	if (!k->fkey && (k->code == 127 || k->code == 8)) {
		while (n > 0 && ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		buf[n] = '\0';
		return 0;
	}
	if (k->fkey || k->code < 0x20 || k->code == 0x7f)
		return 0;
	memset(&st, 0, sizeof st);
	len = wcrtomb(mb, (wchar_t)k->code, &st);
	if (len == (size_t)-1 || n + len + 1 > sz)
		return 0;
	memcpy(buf + n, mb, len);
	buf[n + len] = '\0';
	return 0;
}

/* ---- browser actions ---- */

static struct pane *
cur_pane(struct tui *t)
{
	return &t->pane[t->m.active];
}

static int
side_usable(struct tui *t, int side)
{
	if (side == 1 && t->ftp == NULL) {
		tui_status(t, 1, "not connected: press o to connect");
		return 0;
	}
	return 1;
}

static int
entry_isdir(const struct pane_entry *e)
{
	return e->kind == PE_DIR || e->linkdir;
}

static void
act_parent(struct tui *t)
{
	struct pane *p = cur_pane(t);
	char path[PANE_PATH_MAX], last[NAME_MAX + 1];

	strlcpy(path, p->path, sizeof path);
	if (!side_usable(t, t->m.active) || pane_parent(path, last, sizeof last) == -1)
		return;
	p->filter[0] = '\0';
	side_read(t, t->m.active, path, last);
}

static void
act_open(struct tui *t)
{
	struct pane *p = cur_pane(t);
	struct pane_entry *e = pane_current(p);
	char path[PANE_PATH_MAX];

	if (e == NULL || !side_usable(t, t->m.active))
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
	side_read(t, t->m.active, path, NULL);
}

/* Queue the marked entries of the active pane, or the current one. */
static void
act_copy(struct tui *t)
{
	int side = t->m.active, up = side == 0;
	struct pane *p = &t->pane[side], *o = &t->pane[!side];
	struct pane_entry *e, *cur = pane_current(p);
	char src[PANE_PATH_MAX], dst[PANE_PATH_MAX];
	size_t i, n = 0, marked = pane_marked(p, NULL);

	if (!side_usable(t, 1))
		return;
	for (i = 0; i < p->nview; i++) {
		e = pane_at(p, i);
		if (e->kind == PE_PARENT || (marked ? !e->marked : e != cur))
			continue;
		if (pane_join(p->path, e->name, src, sizeof src) == -1 ||
		    pane_join(o->path, e->name, dst, sizeof dst) == -1)
			continue;
		xfer_add(&t->xq, up, entry_isdir(e), src, dst,
		    e->has_size && !entry_isdir(e) ? e->size : FTP_SIZE_UNKNOWN);
		n++;
	}
	pane_clear_marks(p);
	xfer_start(&t->xq);
	tui_status(t, 0, "%s %zu entr%s", up ? "uploading" : "downloading", n,
	    n == 1 ? "y" : "ies");
}

static void
ask_input(struct tui *t, enum input_for why, const char *q, const char *init)
{
	t->input_for = why;
	strlcpy(t->m.question, q, sizeof t->m.question);
	strlcpy(t->m.input, init, sizeof t->m.input);
	t->m.prompt = PR_INPUT;
}

static void
act_move(struct tui *t)
{
	struct pane_entry *e = pane_current(cur_pane(t));

	if (e == NULL || e->kind == PE_PARENT || !side_usable(t, t->m.active))
		return;
	ask_input(t, IN_RENAME, "Rename/move to: ", e->name);
}

static void
act_mkdir(struct tui *t)
{
	if (side_usable(t, t->m.active))
		ask_input(t, IN_MKDIR, "New directory: ", "");
}

static void
act_delete(struct tui *t)
{
	struct pane *p = cur_pane(t);
	struct pane_entry *e = pane_current(p);
	size_t n = pane_marked(p, NULL);
	char name[128];

	if (!side_usable(t, t->m.active) || (n == 0 && (e == NULL ||
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

static void
do_delete(struct tui *t)
{
	struct pane *p = cur_pane(t);
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
	side_reread(t, t->m.active, NULL);
}

/* The name typed in a prompt, as a path of the active pane. */
static int
typed_path(struct tui *t, const char *typed, char *out, size_t outsz)
{
	if (typed[0] == '\0')
		return -1;
	if (typed[0] == '/')
		return strlcpy(out, typed, outsz) < outsz ? 0 : -1;
	return pane_join(cur_pane(t)->path, typed, out, outsz);
}

static void
do_mkdir(struct tui *t, const char *name)
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
		side_reread(t, t->m.active, name);
}

static void
do_rename(struct tui *t, const char *to)
{
	struct pane_entry *e = pane_current(cur_pane(t));
	char from[PANE_PATH_MAX], path[PANE_PATH_MAX];
	int rc;

	if (e == NULL || typed_path(t, to, path, sizeof path) == -1 ||
	    pane_join(cur_pane(t)->path, e->name, from, sizeof from) == -1)
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
		side_reread(t, t->m.active, strchr(to, '/') ? NULL : to);
}

/* The user named a new destination for a job whose target exists. */
static void
do_xrename(struct tui *t, const char *name)
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

/* ---- keys ---- */

static void
key_input(struct tui *t, const struct ui_key *k)
{
	char typed[UI_INPUT_MAX];
	int r = input_key(t->m.input, sizeof t->m.input, k);

	if (r == 0)
		return;
	strlcpy(typed, t->m.input, sizeof typed);
	t->m.prompt = PR_NONE;
	if (r == -1) {
		if (t->input_for == IN_XRENAME && t->asking != NULL)
			xfer_decide(&t->xq, t->asking, XM_ASK, 0, t->asking->dst);
		t->asking = NULL;
		return;
	}
	if (t->input_for == IN_MKDIR)
		do_mkdir(t, typed);
	else if (t->input_for == IN_RENAME)
		do_rename(t, typed);
	else
		do_xrename(t, typed);
}

static void
key_filter(struct tui *t, const struct ui_key *k)
{
	struct pane *p = cur_pane(t);
	int r;

	if (ui_key_vertical(k) != 0 && k->fkey) {
		pane_move(p, ui_key_vertical(k));
		return;
	}
	r = input_key(t->m.input, sizeof t->m.input, k);
	if (r == -1)
		t->m.input[0] = '\0';
	pane_set_filter(p, t->m.input);
	if (r != 0)
		t->m.prompt = PR_NONE;
}

static void
key_confirm(struct tui *t, const struct ui_key *k)
{
	int yes = !k->fkey && (k->code == 'y' || k->code == 'Y');

	t->m.prompt = PR_NONE;
	if (!yes) {
		tui_status(t, 0, "cancelled");
		return;
	}
	if (t->confirm_for == CF_DELETE)
		do_delete(t);
	else
		t->quit = 1;
}

static void
key_exists(struct tui *t, const struct ui_key *k)
{
	struct xfer_job *j = t->asking;
	const char *last;
	int c = k->fkey || k->code > 127 ? 0 : k->code, all = isupper(c);

	if (j == NULL) {
		t->m.prompt = PR_NONE;
		return;
	}
	if (c == 'n') {
		last = strrchr(j->dst, '/');
		ask_input(t, IN_XRENAME, "New name: ", last ? last + 1 : j->dst);
		return;
	}
	switch (tolower(c)) {
	case 'o': xfer_decide(&t->xq, j, XM_OVERWRITE, all, NULL); break;
	case 'r': xfer_decide(&t->xq, j, XM_RESUME, all, NULL); break;
	case 's': case 27: xfer_decide(&t->xq, j, XM_SKIP, all, NULL); break;
	case 'n': xfer_decide(&t->xq, j, XM_RENAME, 1, NULL); break;
	default: return;
	}
	t->asking = NULL;
	t->m.prompt = PR_NONE;
}

static void
key_form(struct tui *t, const struct ui_key *k)
{
	struct ui_model *m = &t->m;
	int v = ui_key_vertical(k), r;

	if (v != 0) {
		m->field = (m->field + UI_FORM_FIELDS + v) % UI_FORM_FIELDS;
		return;
	}
	r = input_key(m->form[m->field], sizeof m->form[m->field], k);
	if (r == -1) {
		m->prompt = PR_NONE;
		explicit_bzero(m->form[3], sizeof m->form[3]);
	} else if (r == 1)
		form_submit(t);
}

static void
key_view(struct tui *t, const struct ui_key *k)
{
	struct ui_model *m = &t->m;
	enum ui_act a = ui_browse_action(k);
	int sign = m->view == VIEW_LOG ? -1 : 1;	/* log scrolls from the end */
	long step = 0;

	if (a == A_QUIT || a == A_CANCEL || (a == A_HELP && m->view == VIEW_HELP) ||
	    (a == A_LOG && m->view == VIEW_LOG)) {
		m->view = VIEW_BROWSE;
		return;
	}
	if (a == A_UP || a == A_DOWN)
		step = a == A_UP ? -1 : 1;
	else if (a == A_PGUP || a == A_PGDN)
		step = (a == A_PGUP ? -1 : 1) * ui_page_rows(m);
	step *= sign;
	if (step < 0 && (size_t)-step > m->scroll)
		m->scroll = 0;
	else
		m->scroll += (size_t)step;
}

static void
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

static void
act_cancel(struct tui *t)
{
	if (t->xq_ready && xfer_cancel_one(&t->xq) == 0)
		tui_status(t, 0, "cancelling the transfer (ABOR)");
	else if (cur_pane(t)->filter[0] != '\0')
		pane_set_filter(cur_pane(t), "");
}

static void
act_move_cursor(struct tui *t, enum ui_act a)
{
	struct pane *p = cur_pane(t);
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

static void
key_browse(struct tui *t, const struct ui_key *k)
{
	enum ui_act a = ui_browse_action(k);

	switch (a) {
	case A_UP: case A_DOWN: case A_PGUP: case A_PGDN: case A_HOME:
	case A_END: act_move_cursor(t, a); break;
	case A_SWITCH: t->m.active = !t->m.active; break;
	case A_OPEN: act_open(t); break;
	case A_PARENT: act_parent(t); break;
	case A_MARK: pane_toggle_mark(cur_pane(t)); break;
	case A_INVERT: pane_invert_marks(cur_pane(t)); break;
	case A_COPY: act_copy(t); break;
	case A_MOVE: act_move(t); break;
	case A_MKDIR: act_mkdir(t); break;
	case A_DELETE: act_delete(t); break;
	case A_FILTER:
		strlcpy(t->m.question, "Filter: ", sizeof t->m.question);
		strlcpy(t->m.input, cur_pane(t)->filter, sizeof t->m.input);
		t->m.prompt = PR_FILTER;
		break;
	case A_SORT: pane_cycle_sort(cur_pane(t)); break;
	case A_HIDDEN: pane_toggle_hidden(cur_pane(t)); break;
	case A_REFRESH:
		if (side_usable(t, t->m.active))
			side_reread(t, t->m.active, NULL);
		break;
	case A_CANCEL: act_cancel(t); break;
	case A_CANCEL_ALL:
		if (t->xq_ready)
			xfer_cancel_all(&t->xq);
		tui_status(t, 0, "cancelled all transfers");
		break;
	case A_HELP: t->m.view = VIEW_HELP; t->m.scroll = 0; break;
	case A_LOG: t->m.view = VIEW_LOG; t->m.scroll = 0; break;
	case A_QUIT: act_quit(t); break;
	case A_CONNECT: form_open(t); break;
	case A_REDRAW: case A_NONE: break;
	}
}

static void
tui_key(struct tui *t, const struct ui_key *k)
{
	t->dirty = 1;
	if (t->m.view != VIEW_BROWSE && t->m.prompt == PR_NONE) {
		key_view(t, k);
		return;
	}
	switch (t->m.prompt) {
	case PR_INPUT: key_input(t, k); break;
	case PR_FILTER: key_filter(t, k); break;
	case PR_CONFIRM: key_confirm(t, k); break;
	case PR_EXISTS: key_exists(t, k); break;
	case PR_FORM: key_form(t, k); break;
	case PR_NONE: key_browse(t, k); break;
	}
}

/* ---- the loop ---- */

static void
tui_check_asking(struct tui *t)
{
	struct xfer_job *j;
	char name[256], here[16], src[16];
	const char *last;

	if (!t->xq_ready || t->m.prompt != PR_NONE || t->m.view != VIEW_BROWSE ||
	    (j = xfer_asking(&t->xq)) == NULL)
		return;
	t->asking = j;
	last = strrchr(j->dst, '/');
	text_fit(last ? last + 1 : j->dst, 60, 0, name, sizeof name);
	text_size(here, sizeof here, j->dstsize);
	if (j->size != FTP_SIZE_UNKNOWN)
		text_size(src, sizeof src, j->size);
	else
		strlcpy(src, "?", sizeof src);
	snprintf(t->m.question, sizeof t->m.question,
	    "%s exists %s (%s there, %s new)", name, j->up ? "on the server" :
	    "here", here, src);
	t->m.prompt = PR_EXISTS;
	t->dirty = 1;
}

/* Re-read a pane that transfers wrote into: at most once a second. */
static void
tui_check_changed(struct tui *t)
{
	int *flag[2] = { &t->xq.changed_local, &t->xq.changed_remote }, side;
	int idle;

	if (!t->xq_ready)
		return;
	idle = xfer_idle(&t->xq);
	for (side = 0; side < 2; side++) {
		if (!*flag[side] || (!idle && ns_since(&t->lastref[side]) < REFRESH_NS))
			continue;
		*flag[side] = 0;
		if (t->m.prompt == PR_NONE || t->m.prompt == PR_EXISTS)
			side_reread(t, side, NULL);
	}
}

static int
tui_wait(struct tui *t)
{
	struct pollfd pfd[1 + MAX_POLL];
	size_t n = 1;
	long left;
	int timeout = 1000;

	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	if (t->xq_ready) {
		n += xfer_pollfds(&t->xq, pfd + 1, MAX_POLL);
		if (xfer_running(&t->xq) > 0)
			timeout = 250;
	}
	if (t->xdirty) {
		left = (REDRAW_NS - ns_since(&t->lastdraw)) / 1000000L;
		timeout = left < 0 ? 0 : (int)left + 1;
	}
	return poll(pfd, (nfds_t)n, timeout);
}

static void
tui_loop(struct tui *t)
{
	struct ui_key k;

	while (!t->quit) {
		tui_check_asking(t);
		tui_check_changed(t);
		if (t->dirty || (t->xdirty && ns_since(&t->lastdraw) >= REDRAW_NS)) {
			ui_draw(&t->m);
			clock_gettime(CLOCK_MONOTONIC, &t->lastdraw);
			t->dirty = t->xdirty = 0;
		}
		(void)tui_wait(t);
		while (!t->quit && ui_getkey(&k))
			tui_key(t, &k);
		if (t->xq_ready && xfer_poll(&t->xq))
			t->xdirty = 1;
		/* A running transfer's rate and ETA change even without news. */
		if (t->xq_ready && xfer_running(&t->xq) > 0)
			t->xdirty = 1;
	}
}

static void
tui_free(struct tui *t)
{
	size_t i;

	tui_disconnect(t);
	pane_free(&t->pane[0]);
	pane_free(&t->pane[1]);
	for (i = 0; i < t->m.log_n; i++)
		free(t->m.log[(t->m.log_head + i) % UI_LOG_MAX]);
	explicit_bzero(t->pass, sizeof t->pass);
	free(t);
}

int
tui_run(const struct tui_opts *o)
{
	struct tui *t = xcalloc(1, sizeof *t);
	char cwd[PANE_PATH_MAX];

	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);
	if (o->url != NULL && tui_url(t, o->url) == -1) {
		free(t);
		return 2;
	}
	t->parallel = o->parallel ? o->parallel : 2;
	t->activemode = o->active;
	pane_init(&t->pane[0], 0);
	pane_init(&t->pane[1], 1);
	strlcpy(t->pane[0].title, "local: ", sizeof t->pane[0].title);
	t->m.panes[0] = &t->pane[0];
	t->m.panes[1] = &t->pane[1];
	if (getcwd(cwd, sizeof cwd) == NULL)
		strlcpy(cwd, "/", sizeof cwd);
	ui_init();
	side_read(t, 0, cwd, NULL);
	if (o->url == NULL || tui_connect(t) == -1)
		form_open(t);
	else
		t->m.active = 1;
	t->dirty = 1;
	tui_loop(t);
	ui_end();
	tui_free(t);
	return 0;
}
