/*
 * A: permissions.  The prompt starts with the current entry's mode when
 * the listing gave it (MLSD UNIX.mode, a LIST line, lstat); the answer
 * goes to the marked entries or the current one: chmod(2) here, SITE
 * CHMOD on the server (not in RFC 959; a de facto extension most Unix
 * servers accept, some refuse).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "tui-int.h"

void
act_chmod(struct tui *t)
{
	struct pane *p = act_pane(t);
	struct pane_entry *e = pane_current(p), *first = e;
	size_t i, n = pane_marked(p, NULL);
	char init[16] = "", q[256], name[64];

	if (!act_usable(t, t->m.active))
		return;
	for (i = 0; n > 0 && i < p->nview; i++)
		if (pane_at(p, i)->marked) {
			first = pane_at(p, i);
			break;
		}
	if (first == NULL || first->kind == PE_PARENT) {
		tui_status(t, 1, "nothing to change the mode of");
		return;
	}
	if (first->has_mode)
		snprintf(init, sizeof init, "%03o", first->mode);
	if (n > 0)
		snprintf(q, sizeof q, "Mode of %zu marked entries (octal): ", n);
	else {
		text_fit(e->name, 40, 0, name, sizeof name);
		snprintf(q, sizeof q, "Mode of %s (octal): ", name);
	}
	act_ask(t, IN_CHMOD, q, init);
}

/* "644" or "2775" into *mode: octal digits only, at most 07777. */
static int
chmod_parse(const char *s, unsigned *mode)
{
	unsigned m = 0;
	size_t n = strspn(s, "01234567");

	if (n == 0 || n > 4 || s[n] != '\0')
		return -1;
	for (; *s != '\0'; s++)
		m = m * 8 + (unsigned)(*s - '0');
	*mode = m;
	return 0;
}

/* The reply codes that mean "no such command" (RFC 959 section 4.2). */
static int
chmod_unsupported(int code)
{
	return code == 500 || code == 502 || code == 504 || code == 202;
}

/* One entry; 0, or -1 with the reason in the status line. */
static int
chmod_one(struct tui *t, int side, const char *name, unsigned mode)
{
	char path[PANE_PATH_MAX], cmd[PANE_PATH_MAX + 32];

	if (pane_join(t->pane[side].path, name, path, sizeof path) == -1) {
		tui_status(t, 1, "path too long");
		return -1;
	}
	if (side == 0) {
		if (chmod(path, (mode_t)mode) == 0)
			return 0;
		tui_status(t, 1, "chmod %s: %s", name, strerror(errno));
		return -1;
	}
	snprintf(cmd, sizeof cmd, "SITE CHMOD %o %s", mode, path);
	if (ftp_quote(t->ftp, cmd) == 0 && ftp_reply_code(t->ftp) / 100 == 2)
		return 0;
	if (chmod_unsupported(ftp_reply_code(t->ftp)))
		tui_status(t, 1, "this server does not support SITE CHMOD "
		    "(it said: %s)", ftp_error(t->ftp));
	else
		tui_status(t, 1, "SITE CHMOD %s: %s", name, ftp_error(t->ftp));
	return -1;
}

void
act_do_chmod(struct tui *t, const char *text)
{
	int side = t->m.active;
	struct pane *p = &t->pane[side];
	struct pane_entry *e;
	size_t i, done = 0, n = pane_marked(p, NULL);
	unsigned mode;

	if (chmod_parse(text, &mode) == -1) {
		tui_status(t, 1, "not an octal mode: %s (e.g. 644, 755)", text);
		return;
	}
	for (i = 0; i < p->nview; i++) {
		e = n > 0 ? pane_at(p, i) : pane_current(p);
		if (e == NULL || e->kind == PE_PARENT || (n > 0 && !e->marked))
			continue;
		if (chmod_one(t, side, e->name, mode) == -1)
			break;
		done++;
		if (n == 0)
			break;
	}
	if (done > 0 && (n == 0 || done == n))
		tui_status(t, 0, "mode %03o set on %zu entr%s", mode, done,
		    done == 1 ? "y" : "ies");
	tui_side_reread(t, side, NULL);
}
