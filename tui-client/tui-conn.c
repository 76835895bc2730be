/* Connecting: the URL, ~/.netrc, the connection form. */
#include <stdio.h>
#include <string.h>

#include "netrc.h"
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
	url_free(&u);
	return 0;
}

void
conn_form(struct tui *t)
{
	struct ui_model *m = &t->m;

	strlcpy(m->form[0], t->host, sizeof m->form[0]);
	strlcpy(m->form[1], t->port[0] ? t->port : "21", sizeof m->form[1]);
	strlcpy(m->form[2], t->user[0] ? t->user : "anonymous",
	    sizeof m->form[2]);
	strlcpy(m->form[3], t->pass, sizeof m->form[3]);
	m->field = t->host[0] == '\0' ? 0 : 3;
	m->prompt = PR_FORM;
	t->dirty = 1;
}

void
conn_close(struct tui *t)
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

int
conn_open(struct tui *t)
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
	tui_status(t, 0, "connecting to %s port %s ...", t->fo.host,
	    t->fo.port);
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
	t->failed_seen = 0;
	t->m.xfer = &t->xq;
	if (tui_side_read(t, 1, t->startpath[0] ? t->startpath :
	    (ftp_cwd_path(t->ftp) ? ftp_cwd_path(t->ftp) : "/"), NULL) == -1)
		tui_side_read(t, 1, "/", NULL);
	return 0;
}

/* Enter in the form: connect with what it says. */
void
conn_submit(struct tui *t)
{
	struct ui_model *m = &t->m;

	if (t->xq_ready && !xfer_idle(&t->xq)) {
		tui_status(t, 1,
		    "transfers are running: cancel them first (X)");
		m->prompt = PR_NONE;
		return;
	}
	conn_close(t);
	strlcpy(t->host, m->form[0], sizeof t->host);
	strlcpy(t->port, m->form[1], sizeof t->port);
	strlcpy(t->user, m->form[2], sizeof t->user);
	strlcpy(t->pass, m->form[3], sizeof t->pass);
	explicit_bzero(m->form[3], sizeof m->form[3]);
	t->startpath[0] = '\0';
	m->prompt = PR_NONE;
	if (conn_open(t) == -1)
		conn_form(t);
	else
		t->m.active = 1;
}
