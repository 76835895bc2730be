/* Keys: to the open prompt, the open view, or the browser. */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "tui-int.h"
#include "xio.h"

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
	if (!k->fkey && k->code == ('U' & 0x1f)) {	/* Ctrl-U: start over */
		buf[0] = '\0';
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

static void
key_input(struct tui *t, const struct ui_key *k)
{
	char typed[UI_INPUT_MAX];
	int r;

	if (t->input_for == IN_GOTO && !k->fkey && k->code == '\t') {
		act_goto_complete(t);
		return;
	}
	if (t->input_for == IN_COMMAND && !k->fkey && k->code == '\t') {
		cmd_complete(t);
		return;
	}
	if ((r = input_key(t->m.input, sizeof t->m.input, k)) == 0)
		return;
	strlcpy(typed, t->m.input, sizeof typed);
	t->m.prompt = PR_NONE;
	if (r == -1) {
		if (t->input_for == IN_XRENAME && t->asking != NULL)
			xfer_decide(&t->xq, t->asking, XM_ASK, 0,
			    t->asking->dst);
		t->asking = NULL;
		return;
	}
	if (t->input_for == IN_MKDIR)
		act_do_mkdir(t, typed);
	else if (t->input_for == IN_RENAME)
		act_do_rename(t, typed);
	else if (t->input_for == IN_MOVE)
		act_do_move(t, typed);
	else if (t->input_for == IN_COPY)
		act_do_copy(t, typed);
	else if (t->input_for == IN_GOTO)
		act_do_goto(t, typed);
	else if (t->input_for == IN_BOOKMARK)
		conn_bm_do_add(t, typed);
	else if (t->input_for == IN_COMMAND)
		cmd_run(t, typed);
	else if (t->input_for == IN_CHMOD)
		act_do_chmod(t, typed);
	else
		act_do_xrename(t, typed);
}

static void
key_filter(struct tui *t, const struct ui_key *k)
{
	struct pane *p = act_pane(t);
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
		act_do_delete(t);
	else if (t->confirm_for == CF_BM_DELETE)
		conn_bm_do_delete(t);
	else
		t->quit = 1;
}

#define GUARD_NS	1000000000L
#define ANSWER_KEYS	"oOrRsSnNwWdD"

void
key_typeahead_guard(struct tui *t)
{
	clock_gettime(CLOCK_MONOTONIC, &t->guard);
}

/* An answer letter typed for a question that is not (or no longer) up? */
static int
key_guarded(struct tui *t, const struct ui_key *k)
{
	struct timespec now;
	long ns;

	/* Once the queue is empty, no question can come. */
	if (k->fkey || k->code > 127 || k->code == 0 ||
	    strchr(ANSWER_KEYS, (int)k->code) == NULL || !t->xq_ready ||
	    xfer_idle(&t->xq))
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (now.tv_sec - t->guard.tv_sec) * 1000000000L +
	    (now.tv_nsec - t->guard.tv_nsec);
	if (ns < 0 || ns >= GUARD_NS)
		return 0;
	tui_status(t, 0, "'%c' ignored: typed ahead of a question",
	    (int)k->code);
	return 1;
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
		act_ask(t, IN_XRENAME, "New name: ", last ? last + 1 : j->dst);
		return;
	}
	if (tolower(c) == 'r' && strstr(t->m.choices, "[r]") == NULL)
		return;		/* not offered: the target is not shorter */
	switch (tolower(c)) {
	case 'o': xfer_decide(&t->xq, j, XM_OVERWRITE, all, NULL); break;
	case 'r': xfer_decide(&t->xq, j, XM_RESUME, all, NULL); break;
	case 's': case 27: xfer_decide(&t->xq, j, XM_SKIP, all, NULL); break;
	case 'n': xfer_decide(&t->xq, j, XM_RENAME, 1, NULL); break;
	case 'w': xfer_decide(&t->xq, j, XM_NEWER, all, NULL); break;
	case 'd': xfer_decide(&t->xq, j, XM_DIFFSIZE, all, NULL); break;
	default: return;
	}
	t->asking = NULL;
	t->m.prompt = PR_NONE;
	key_typeahead_guard(t);
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
	/* Ctrl-\ only: 'b' is text here. */
	if (ui_browse_action(k) == A_BOOKMARKS && k->code != 'b') {
		m->prompt = PR_NONE;
		explicit_bzero(m->form[3], sizeof m->form[3]);
		conn_bm_open(t);
		return;
	}
	r = input_key(m->form[m->field], sizeof m->form[m->field], k);
	if (r == -1) {
		m->prompt = PR_NONE;
		explicit_bzero(m->form[3], sizeof m->form[3]);
	} else if (r == 1)
		conn_submit(t);
}

static void
key_view(struct tui *t, const struct ui_key *k)
{
	struct ui_model *m = &t->m;
	enum ui_act a = ui_browse_action(k);
	/* log scrolls from the end */
	int sign = m->view == VIEW_LOG ? -1 : 1;
	long step = 0;

	if (a == A_QUIT || a == A_CANCEL ||
	    (a == A_HELP && m->view == VIEW_HELP) ||
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

/* The bookmark view: move, connect, add, delete, close. */
static void
key_bookmarks(struct tui *t, const struct ui_key *k)
{
	struct ui_model *m = &t->m;
	size_t n = t->bmarks.n + t->recent.n, page = (size_t)ui_bm_rows();
	enum ui_act a = ui_browse_action(k);
	int c = k->fkey ? 0 : k->code;

	if (c == 'a')
		conn_bm_add(t);
	else if (c == 'd' || a == A_DELETE)
		conn_bm_delete(t);
	else if (a == A_OPEN && (c == '\r' || c == '\n'))
		conn_bm_enter(t);
	else if (a == A_QUIT || a == A_CANCEL || a == A_BOOKMARKS)
		m->view = VIEW_BROWSE;
	else if (a == A_UP && m->bm_cursor > 0)
		m->bm_cursor--;
	else if (a == A_DOWN && m->bm_cursor + 1 < n)
		m->bm_cursor++;
	else if (a == A_PGUP)
		m->bm_cursor = m->bm_cursor > page ? m->bm_cursor - page : 0;
	else if (a == A_PGDN)
		m->bm_cursor = m->bm_cursor + page < n ? m->bm_cursor + page :
		    (n > 0 ? n - 1 : 0);
	else if (a == A_HOME)
		m->bm_cursor = 0;
	else if (a == A_END)
		m->bm_cursor = n > 0 ? n - 1 : 0;
}

static void
key_browse(struct tui *t, const struct ui_key *k)
{
	enum ui_act a = ui_browse_action(k);

	if (key_guarded(t, k))
		return;
	switch (a) {
	case A_UP: case A_DOWN: case A_PGUP: case A_PGDN: case A_HOME:
	case A_END: act_cursor(t, a); break;
	case A_SWITCH: t->m.active = !t->m.active; break;
	case A_OPEN: act_open(t); break;
	case A_PARENT: act_parent(t); break;
	case A_MARK: pane_toggle_mark(act_pane(t)); break;
	case A_INVERT: pane_invert_marks(act_pane(t)); break;
	case A_COPY: act_copy(t); break;
	case A_MOVE: act_move(t); break;
	case A_MKDIR: act_mkdir(t); break;
	case A_DELETE: act_delete(t); break;
	case A_FILTER:
		strlcpy(t->m.question, "Filter: ", sizeof t->m.question);
		strlcpy(t->m.input, act_pane(t)->filter, sizeof t->m.input);
		t->m.prompt = PR_FILTER;
		break;
	case A_SORT: pane_cycle_sort(act_pane(t)); break;
	case A_HIDDEN: pane_toggle_hidden(act_pane(t)); break;
	case A_REFRESH:
		if (act_usable(t, t->m.active))
			tui_side_reread(t, t->m.active, NULL);
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
	case A_CONNECT: t->formdir[0] = '\0'; conn_form(t); break;
	case A_BOOKMARKS: conn_bm_open(t); break;
	case A_VIEW: act_view(t); break;
	case A_GOTO: act_goto(t); break;
	case A_EDIT: act_edit(t); break;
	case A_COMMAND: cmd_open(t); break;
	case A_QUEUE: queue_open(t); break;
	case A_COMPARE: act_compare(t); break;
	case A_CHMOD: act_chmod(t); break;
	case A_REDRAW: case A_NONE: break;
	}
}

/* Up and down in the browser: the fast path that repaints two rows. */
static int
key_cursor_only(struct tui *t, const struct ui_key *k)
{
	enum ui_act a = ui_browse_action(k);

	if (t->m.view != VIEW_BROWSE || t->m.prompt != PR_NONE ||
	    (a != A_UP && a != A_DOWN))
		return 0;
	if (!t->dirty && !t->cursor_only) {
		t->cursor_only = 1;
		t->oldcursor = act_pane(t)->cursor;
	}
	act_cursor(t, a);
	return 1;
}

void
key_dispatch(struct tui *t, const struct ui_key *k)
{
	if (k->mbtn != 0) {
		mouse_dispatch(t, k);
		return;
	}
	if (key_cursor_only(t, k))
		return;
	t->dirty = 1;
	if (t->m.view == VIEW_BOOKMARKS && t->m.prompt == PR_NONE) {
		key_bookmarks(t, k);
		return;
	}
	if (t->m.view == VIEW_QUEUE && t->m.prompt == PR_NONE) {
		key_queue(t, k);
		return;
	}
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
