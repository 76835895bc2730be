/*
 * Connecting: the URL, ~/.netrc, the connection form, and the bookmark
 * view with the recent servers (files in bookmark.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bookmark.h"
#include "netrc.h"
#include "text.h"
#include "url.h"

#include "tui-int.h"
#include "xio.h"

/*
 * The URL of the command line into the form fields; the password, when
 * the URL has none, from ~/.netrc as in batch mode.
 */
int
conn_url(struct tui *t, const char *s)
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
	if (!t->tls_forced)
		t->tlsmode = u.tls;
	url_free(&u);
	return 0;
}

/* The port to use when none is given: 990 for implicit TLS. */
static const char *
conn_port(struct tui *t)
{
	if (t->port[0] != '\0')
		return t->port;
	return t->tlsmode == TLS_IMPLICIT ? "990" : "21";
}

/*
 * The form with the cursor in field (FORM_HOST ... FORM_PASS).  The form
 * has no field of its own for TLS: the host field carries it as a
 * scheme, "ftpes://host" or "ftps://host" (ftp:// or none: auto).
 */
static void
conn_form_at(struct tui *t, int field)
{
	struct ui_model *m = &t->m;
	char hp[sizeof t->host + 16];
	int n;

	strlcpy(m->form[0], t->host, sizeof m->form[0]);
	if (t->host[0] != '\0' && (t->tlsmode == TLS_REQUIRED ||
	    t->tlsmode == TLS_IMPLICIT)) {
		n = snprintf(hp, sizeof hp, "%s://%s", url_scheme(t->tlsmode),
		    t->host);
		if (n > 0 && (size_t)n < sizeof m->form[0])
			strlcpy(m->form[0], hp, sizeof m->form[0]);
	}
	strlcpy(m->form[1], conn_port(t), sizeof m->form[1]);
	strlcpy(m->form[2], t->user[0] ? t->user : "anonymous",
	    sizeof m->form[2]);
	strlcpy(m->form[3], t->pass, sizeof m->form[3]);
	m->field = field;
	m->prompt = PR_FORM;
	t->dirty = 1;
}

void
conn_form(struct tui *t)
{
	conn_form_at(t, t->host[0] == '\0' ? FORM_HOST : FORM_PASS);
}

/*
 * After a failed connect: the field at fault.  A refused login (530) is
 * the password's (or the user's); anything else, a name that does not
 * resolve, a refused or timed-out connection, is the host's.
 */
void
conn_form_failed(struct tui *t)
{
	conn_form_at(t, t->fault == 530 ? FORM_PASS : FORM_HOST);
}

/*
 * A named user (not anonymous) without a password from the URL or
 * ~/.netrc: ask for it before the first attempt, which would otherwise
 * be a failed login in the server's log.  1 when the form opened.
 */
int
conn_need_pass(struct tui *t)
{
	if (t->user[0] == '\0' || t->pass[0] != '\0' ||
	    strcmp(t->user, "anonymous") == 0 || strcmp(t->user, "ftp") == 0)
		return 0;
	conn_form_at(t, FORM_PASS);
	tui_status(t, 0, "password for %s at %s", t->user, t->host);
	return 1;
}

/* The server we are connected to and its remote directory, as an entry. */
static void
conn_here(struct tui *t, struct bookmark *b)
{
	memset(b, 0, sizeof *b);
	strlcpy(b->host, t->host, sizeof b->host);
	strlcpy(b->port, t->fo.port ? t->fo.port : "21", sizeof b->port);
	strlcpy(b->tls, tls_mode_name(t->tlsmode), sizeof b->tls);
	strlcpy(b->user, t->fo.user ? t->fo.user : "anonymous",
	    sizeof b->user);
	strlcpy(b->dir, t->pane[1].path, sizeof b->dir);
}

/*
 * The connected server to the front of the history file.  Best effort:
 * a history that cannot be written is no reason to bother the user.
 */
static void
conn_remember(struct tui *t)
{
	struct bm_list l = { 0 };
	struct bookmark b;
	char path[4096];

	if (t->ftp == NULL || !t->m.connected ||
	    bm_path(BM_HISTORY, path, sizeof path) == -1)
		return;
	conn_here(t, &b);
	(void)bm_load(path, &l);
	bm_recent_push(&l, &b);
	(void)bm_save(path, &l);
	bm_free(&l);
}

void
conn_close(struct tui *t)
{
	conn_remember(t);
	if (t->xq_ready) {
		xfer_shutdown(&t->xq);
		t->xq_ready = 0;
	}
	t->m.xfer = NULL;
	ftp_close(t->ftp);
	t->ftp = NULL;
	t->m.connected = 0;
}

#define EXPLAIN_LINES	16

/*
 * A failure of several lines (a refused or changed certificate: both
 * fingerprints, the known_hosts line) does not fit the status line: it
 * is shown whole in a dialog, and its first line stays as the status.
 */
static void
conn_explain(struct tui *t, char *err)
{
	const char *lines[EXPLAIN_LINES];
	char *p, *save = NULL, first[UI_STATUS_MAX];
	size_t n = 0;

	if (strchr(err, '\n') == NULL) {
		tui_status(t, 1, "%s", err);
		return;
	}
	strlcpy(first, err, sizeof first);
	first[strcspn(first, "\n")] = '\0';
	for (p = strtok_r(err, "\n", &save); p != NULL && n < EXPLAIN_LINES;
	    p = strtok_r(NULL, "\n", &save))
		lines[n++] = p;
	(void)ui_dialog(" Not connected", lines, n, " Enter: close", "q", 'q');
	tui_status(t, 1, "%s", first);
	t->dirty = 1;
}

int
conn_open(struct tui *t)
{
	struct pane *p = &t->pane[1];
	char err[1024];
	const char *anon = "anonymous";

	memset(&t->fo, 0, sizeof t->fo);
	t->fo.host = t->host;
	t->fo.port = conn_port(t);
	t->fo.user = t->user[0] ? t->user : anon;
	t->fo.pass = t->pass[0] || strcmp(t->fo.user, anon) != 0 ? t->pass :
	    "forkftp@";
	t->fo.active = t->activemode;
	t->fo.tls = t->tlsmode;
	t->fo.log = tui_log;
	t->fo.log_arg = t;
	tui_status(t, 0, "connecting to %s port %s ...", t->fo.host,
	    t->fo.port);
	ui_draw(&t->m);
	if (ftp_connect(&t->fo, &t->ftp, err, sizeof err) == -1) {
		t->fault = strncmp(err, "530", 3) == 0 ||
		    strstr(err, ": 530 ") != NULL ? 530 : 0;
		conn_explain(t, err);
		return -1;
	}
	t->m.connected = 1;
	tui_status(t, 0, "connected to %s: %s", ftp_peer(t->ftp),
	    ftp_error(t->ftp));
	snprintf(p->title, sizeof p->title, "%s://%s@%s",
	    url_scheme(t->tlsmode), t->fo.user, ftp_peer(t->ftp));
	snprintf(t->m.prot, sizeof t->m.prot, "%s%s",
	    ftp_protection(t->ftp), ftp_secure(t->ftp) && tls_insecure() ?
	    " UNVERIFIED" : "");
	t->m.prot_warn = !ftp_secure(t->ftp) || tls_insecure();
	xfer_init(&t->xq, &t->fo, t->parallel, tui_log, t);
	t->xq_ready = 1;
	t->failed_seen = 0;
	t->m.xfer = &t->xq;
	if (tui_side_read(t, 1, t->startpath[0] ? t->startpath :
	    (ftp_cwd_path(t->ftp) ? ftp_cwd_path(t->ftp) : "/"), NULL) == -1)
		tui_side_read(t, 1, "/", NULL);
	conn_remember(t);
	return 0;
}

/* Transfers would die with the connection: say so instead. */
static int
conn_busy(struct tui *t)
{
	if (t->xq_ready && !xfer_idle(&t->xq)) {
		tui_status(t, 1,
		    "transfers are running: cancel them first (X)");
		return 1;
	}
	return 0;
}

/*
 * The Host field holds a whole URL (ftp://user@host:port/path): it fills
 * the other fields.  A bare number is a port typed in the wrong field,
 * not a host.  0, or -1 with the cursor back on Host and the reason.
 */
static int
conn_form_url(struct tui *t)
{
	struct ui_model *m = &t->m;
	const char *h = m->form[FORM_HOST];
	struct url u;
	char err[256];

	if (h[0] != '\0' && strspn(h, "0123456789") == strlen(h)) {
		m->field = FORM_HOST;
		tui_status(t, 1, "%s is a port number, not a host", h);
		return -1;
	}
	if (strstr(h, "://") == NULL && strchr(h, '@') == NULL &&
	    strchr(h, '/') == NULL)
		return 0;
	if (url_parse(h, &u, err, sizeof err) == -1) {
		m->field = FORM_HOST;
		tui_status(t, 1, "%s", err);
		return -1;
	}
	if (u.port != NULL)
		strlcpy(m->form[FORM_PORT], u.port, sizeof m->form[FORM_PORT]);
	if (u.user != NULL)
		strlcpy(m->form[FORM_USER], u.user, sizeof m->form[FORM_USER]);
	if (u.pass != NULL)
		strlcpy(m->form[FORM_PASS], u.pass, sizeof m->form[FORM_PASS]);
	strlcpy(t->formdir, u.path, sizeof t->formdir);
	/* ftpes://, ftps://: the form's way to say the TLS mode. */
	if (!t->tls_forced)
		t->tlsmode = u.tls;
	/* Last: h points into the Host field. */
	strlcpy(m->form[FORM_HOST], u.host, sizeof m->form[FORM_HOST]);
	url_free(&u);
	return 0;
}

/* Enter in the form: connect with what it says. */
void
conn_submit(struct tui *t)
{
	struct ui_model *m = &t->m;

	if (conn_busy(t)) {
		m->prompt = PR_NONE;
		return;
	}
	if (conn_form_url(t) == -1)
		return;
	conn_close(t);
	strlcpy(t->host, m->form[0], sizeof t->host);
	strlcpy(t->port, m->form[1], sizeof t->port);
	strlcpy(t->user, m->form[2], sizeof t->user);
	strlcpy(t->pass, m->form[3], sizeof t->pass);
	explicit_bzero(m->form[3], sizeof m->form[3]);
	strlcpy(t->startpath, t->formdir, sizeof t->startpath);
	m->prompt = PR_NONE;
	if (conn_open(t) == -1)
		conn_form_failed(t);
	else
		t->m.active = 1;
}

/* Both lists from their files; one that cannot be read says why. */
static void
conn_bm_load(struct tui *t)
{
	char path[4096];

	if (bm_path(BM_BOOKMARKS, path, sizeof path) == -1 ||
	    bm_load(path, &t->bmarks) == -1)
		tui_status(t, 1, "cannot read the bookmarks: %s",
		    strerror(errno));
	if (bm_path(BM_HISTORY, path, sizeof path) == 0)
		(void)bm_load(path, &t->recent);
	t->m.bm_marks = &t->bmarks;
	t->m.bm_recent = &t->recent;
	/* The files may have shrunk under the cursor. */
	if (t->m.bm_cursor >= t->bmarks.n + t->recent.n)
		t->m.bm_cursor = t->bmarks.n + t->recent.n > 0 ?
		    t->bmarks.n + t->recent.n - 1 : 0;
}

void
conn_bm_open(struct tui *t)
{
	conn_bm_load(t);
	t->m.bm_cursor = 0;
	t->m.view = VIEW_BOOKMARKS;
}

/* The row under the cursor, or NULL; *recent says from which list. */
static struct bookmark *
conn_bm_current(struct tui *t, int *recent)
{
	size_t i = t->m.bm_cursor;

	*recent = i >= t->bmarks.n;
	if (!*recent)
		return &t->bmarks.v[i];
	i -= t->bmarks.n;
	return i < t->recent.n ? &t->recent.v[i] : NULL;
}

/*
 * The password for b: the one typed for this very server earlier in the
 * session, else ~/.netrc's.  1 when none is needed or one was found.
 */
static int
conn_bm_pass(struct tui *t, const struct bookmark *b)
{
	struct netrc_cred c;
	int found = 0;

	if (strcmp(b->user, "anonymous") == 0 || strcmp(b->user, "ftp") == 0) {
		t->pass[0] = '\0';
		return 1;
	}
	if (t->pass[0] != '\0' && strcmp(t->host, b->host) == 0 &&
	    strcmp(t->port[0] ? t->port : "21", b->port) == 0 &&
	    strcmp(t->user, b->user) == 0)
		return 1;
	explicit_bzero(t->pass, sizeof t->pass);
	if (netrc_lookup(NULL, b->host, b->user, &c) == 0) {
		if (c.password != NULL) {
			strlcpy(t->pass, c.password, sizeof t->pass);
			found = 1;
		}
		netrc_free(&c);
	}
	return found;
}

void
conn_bm_enter(struct tui *t)
{
	struct bookmark *e, b;
	int recent, ready;

	if ((e = conn_bm_current(t, &recent)) == NULL || conn_busy(t))
		return;
	b = *e;
	t->m.view = VIEW_BROWSE;
	ready = conn_bm_pass(t, &b);
	conn_close(t);
	strlcpy(t->host, b.host, sizeof t->host);
	strlcpy(t->port, b.port, sizeof t->port);
	strlcpy(t->user, b.user, sizeof t->user);
	strlcpy(t->formdir, b.dir, sizeof t->formdir);
	strlcpy(t->startpath, b.dir, sizeof t->startpath);
	if (!t->tls_forced)
		(void)tls_mode_parse(b.tls, &t->tlsmode);
	if (!ready)
		conn_form(t);
	else if (conn_open(t) == -1)
		conn_form_failed(t);
	else
		t->m.active = 1;
}

void
conn_bm_add(struct tui *t)
{
	int recent;

	if (t->ftp == NULL && conn_bm_current(t, &recent) == NULL) {
		tui_status(t, 1, "not connected: nothing to add");
		return;
	}
	act_ask(t, IN_BOOKMARK, "Bookmark name: ", t->ftp != NULL ? t->host :
	    conn_bm_current(t, &recent)->host);
}

/* Read, change, write: another forkftp may have saved meanwhile. */
void
conn_bm_do_add(struct tui *t, const char *name)
{
	struct bookmark b, *e;
	char path[4096], shown[64];
	int recent;

	if (t->ftp != NULL)
		conn_here(t, &b);
	else if ((e = conn_bm_current(t, &recent)) != NULL)
		b = *e;
	else
		return;
	if (strlcpy(b.name, name, sizeof b.name) >= sizeof b.name ||
	    name[0] == '\0') {
		tui_status(t, 1, "a bookmark needs a name (at most %zu bytes)",
		    sizeof b.name - 1);
		return;
	}
	text_fit(name, 40, 0, shown, sizeof shown);
	conn_bm_load(t);
	errno = 0;
	if (bm_path(BM_BOOKMARKS, path, sizeof path) == -1 ||
	    bm_set(&t->bmarks, &b) == -1 || bm_save(path, &t->bmarks) == -1)
		tui_status(t, 1, "cannot save bookmark %s: %s", shown,
		    errno ? strerror(errno) : "too many");
	else
		tui_status(t, 0, "bookmark %s saved", shown);
	conn_bm_load(t);
}

void
conn_bm_delete(struct tui *t)
{
	struct bookmark *e;
	char shown[64], server[600];
	int recent;

	if ((e = conn_bm_current(t, &recent)) == NULL)
		return;
	snprintf(server, sizeof server, "%s@%s", e->user, e->host);
	text_fit(recent ? server : e->name, 40, 0, shown, sizeof shown);
	snprintf(t->m.question, sizeof t->m.question, "Delete %s%s? (y/n)",
	    recent ? "recent server " : "bookmark ", shown);
	t->confirm_for = CF_BM_DELETE;
	t->m.prompt = PR_CONFIRM;
}

/*
 * The row is found again by its content in the file as it is now, so
 * another forkftp's changes since the view opened are kept.
 */
void
conn_bm_do_delete(struct tui *t)
{
	struct bm_list *l;
	struct bookmark b, *e;
	char path[4096];
	size_t i;
	int recent;

	if ((e = conn_bm_current(t, &recent)) == NULL)
		return;
	b = *e;
	conn_bm_load(t);
	l = recent ? &t->recent : &t->bmarks;
	for (i = 0; i < l->n; i++)
		if (memcmp(&l->v[i], &b, sizeof b) == 0)
			break;
	if (i == l->n) {
		tui_status(t, 1, "not deleted: the file changed meanwhile");
		return;
	}
	bm_remove(l, i);
	if (bm_path(recent ? BM_HISTORY : BM_BOOKMARKS, path,
	    sizeof path) == -1 || bm_save(path, l) == -1)
		tui_status(t, 1, "cannot save: %s", strerror(errno));
	else
		tui_status(t, 0, "deleted");
	conn_bm_load(t);
}
