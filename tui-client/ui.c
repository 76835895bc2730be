#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bookmark.h"
#include "ftp.h"
#include "pane.h"
#include "text.h"
#include "ui-mouse.h"
#include "ui-queue.h"
#include "ui.h"
#include "xfer.h"
#include "xio.h"

#define MIN_COLS	40
#define MIN_LINES	12
#define MAX_XFER_ROWS	3
#define ROWBUF		4096

enum { C_DIR = 1, C_MARK, C_HEAD, C_ERR, C_BAR, C_KEY };

static int ui_color;

static void	ui_put(int, int, const char *, int, attr_t);

static const char *help_text[] = {
	"forkftp: local files on the left, the FTP server on the right.",
	"",
	"  Tab                 switch pane",
	"  Up/Down, j/k        move the cursor",
	"  PgUp/PgDn           a page up or down",
	"  Home/End, g/G       first or last entry",
	"  Enter, Right, l     open the directory; on a file, view it",
	"  Backspace, Left, h  go to the parent directory",
	"  Space, Insert       mark or unmark (and move down)",
	"  *                   invert the marks",
	"  F3, v               view the file with $PAGER (less)",
	"  F4, e               edit it with $VISUAL or $EDITOR (vi); a remote",
	"                      file goes back only if you changed it",
	"  F5, c               copy marked entries (or the current one) to the",
	"                      other pane: the prompt says which side and",
	"                      starts with its directory; add a name to copy",
	"                      one entry under a new name",
	"  F6, m               move: the same prompt, and each source that",
	"                      arrived is deleted; a bare name (no /)",
	"                      renames within the pane instead",
	"  F7, n               new directory",
	"  F8, Delete          delete (asks first; directories with contents)",
	"  /                   filter as you type (Enter keeps, Esc clears)",
	"  s                   cycle the sort: name (f2 before f10), size,",
	"                      time, bytes (byte order), then reversed",
	"  .                   show or hide dot files",
	"  Ctrl-R, r           re-read the directory (the cursor stays)",
	"  Ctrl-G              go to a path in the active pane (Tab completes)",
	"  Esc                 cancel the current transfer (ABOR), or end a",
	"                      wait for a slow server",
	"  X                   cancel all transfers and empty the queue",
	"  o                   connect elsewhere (host, port, user, password)",
	"  b, Ctrl-\\           bookmarks and recent servers: Enter connects,",
	"                      a adds this server and directory, d deletes",
	"  F1, ?               this help",
	"  L                   the protocol log (passwords masked)",
	"  :                   a command of batch mode (forkftp -s) on the",
	"                      remote pane's session: mirror, mget, quote...;",
	"                      Tab completes, output goes to the log (L)",
	"  J                   the transfer queue: every transfer of the",
	"                      session; Del cancels (ABOR) or removes a row,",
	"                      r retries a failed one (resuming), C clears",
	"                      finished rows, Esc or J goes back",
	"  =                   compare the panes: marks, on both sides, what",
	"                      the other side lacks, or has older (exact",
	"                      times: MLSD or MDTM) or smaller; directories",
	"                      by name.",
	"                      F5 then copies the marked ones across",
	"  A                   permissions: a mode in octal (the current one",
	"                      when the listing gives it) for the marked",
	"                      entries or the current one (SITE CHMOD remotely)",
	"  Ctrl-L              redraw the screen",
	"  F10, q              quit (asks while transfers run)",
	"",
	"When a destination exists: o overwrite, r resume, s skip, n rename;",
	"O R S N do the same for every file of the queue.",
	"In prompts: Enter accepts, Esc cancels, Backspace and Ctrl-U edit.",
	"",
	"Mouse: click selects, double click opens, the wheel scrolls, the key",
	"bar is clickable, a click outside a prompt cancels it (--no-mouse).",
	"",
	"Directories are marked with a trailing / and sorted first.",
	"Names are shown safely: control characters and invalid bytes as '?'.",
	"",
	"TLS: the remote header shows TLS1.3 (encrypted) or PLAIN.  A",
	"certificate that cannot be verified opens a dialog with its subject,",
	"issuer, dates, the reason and its SHA-256 fingerprint: o trusts it",
	"once, a always (pinned in known_hosts), r, Enter or Esc reject.  A",
	"pinned server whose certificate changed is refused.",
	"",
	"Press q, Esc or F1 to close this help.",
};

void
ui_init(void)
{
	initscr();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_color = has_colors() && getenv("NO_COLOR") == NULL;
	if (ui_color) {
		start_color();
		use_default_colors();
		init_pair(C_DIR, COLOR_CYAN, -1);
		init_pair(C_MARK, COLOR_YELLOW, -1);
		init_pair(C_HEAD, COLOR_BLACK, COLOR_CYAN);
		init_pair(C_ERR, COLOR_RED, -1);
		init_pair(C_BAR, COLOR_GREEN, -1);
		init_pair(C_KEY, COLOR_BLACK, COLOR_CYAN);
	}
}

void
ui_end(void)
{
	endwin();
}

void
ui_keys_signal(int on)
{
	if (on) {
		noraw();
		cbreak();
	} else
		raw();
}

void
ui_suspend(void)
{
	def_prog_mode();
	endwin();
}

void
ui_resume(void)
{
	reset_prog_mode();
	clearok(stdscr, TRUE);
	refresh();
}

/* A colour pair when colours are on, else the monochrome fallback. */
static attr_t
ui_attr(int pair, attr_t mono)
{
	return ui_color ? (attr_t)COLOR_PAIR(pair) : mono;
}

static void
ui_dialog_draw(const char *title, const char *const *lines, size_t n,
    const char *keysline)
{
	int	 w = COLS - 2, h = (int)n + 4, y0, i;

	if (h > LINES)
		h = LINES;
	y0 = (LINES - h) / 2;
	for (i = 0; i < h; i++)
		ui_put(y0 + i, 1, "", w, A_REVERSE);
	ui_put(y0, 1, title, w, A_REVERSE | A_BOLD);
	for (i = 0; i < (int)n && i + 2 < h - 1; i++)
		ui_put(y0 + 2 + i, 1, lines[i], w, A_REVERSE);
	ui_put(y0 + h - 1, 1, keysline, w, ui_attr(C_ERR, A_BOLD) | A_BOLD);
	refresh();
}

int
ui_dialog(const char *title, const char *const *lines, size_t n,
    const char *keysline, const char *keys, int dflt)
{
	int	 c;

	nodelay(stdscr, FALSE);
	for (;;) {
		ui_dialog_draw(title, lines, n, keysline);
		c = getch();
		if (c == KEY_RESIZE || c == ERR) {
			clear();
			continue;
		}
		if (c == '\r' || c == '\n' || c == 27) {
			c = dflt;
			break;
		}
		if (c > 0 && c < 256 && strchr(keys, c) != NULL)
			break;
	}
	nodelay(stdscr, TRUE);
	clear();
	return c;
}

int
ui_getkey(struct ui_key *k)
{
	wint_t wc;
	int r = get_wch(&wc);

	if (r == ERR)
		return 0;
	memset(k, 0, sizeof *k);
	k->code = (int)wc;
	k->fkey = r == KEY_CODE_YES;
	if (k->fkey && k->code == KEY_MOUSE)
		ui_mouse_decode(k);
	if (k->fkey && k->code == KEY_ENTER) {
		k->code = '\r';
		k->fkey = 0;
	} else if (k->fkey && k->code == KEY_BACKSPACE) {
		k->code = 127;
		k->fkey = 0;
	}
	return 1;
}

void
ui_ungetkeys(const struct ui_key *k, size_t n)
{
	/* curses reads back the last key given first. */
	while (n-- > 0) {
		if (k[n].fkey)
			(void)ungetch(k[n].code);
		else
			(void)unget_wch((wchar_t)k[n].code);
	}
}

void
ui_flush_input(void)
{
	(void)flushinp();
}

int
ui_key_vertical(const struct ui_key *k)
{
	if (k->fkey)
		return k->code == KEY_UP || k->code == KEY_BTAB ? -1 :
		    k->code == KEY_DOWN ? 1 : 0;
	return k->code == '\t' ? 1 : 0;
}

/* The browser's key map: both the mc-style F-key and the letter form. */
static const struct {
	int		fkey;
	int		code;
	enum ui_act	act;
} keymap[] = {
	{ 1, KEY_UP, A_UP },		{ 0, 'k', A_UP },
	{ 1, KEY_DOWN, A_DOWN },	{ 0, 'j', A_DOWN },
	{ 1, KEY_PPAGE, A_PGUP },	{ 1, KEY_NPAGE, A_PGDN },
	{ 1, KEY_HOME, A_HOME },	{ 0, 'g', A_HOME },
	{ 1, KEY_END, A_END },		{ 0, 'G', A_END },
	{ 0, '\r', A_OPEN },		{ 0, '\n', A_OPEN },
	{ 1, KEY_RIGHT, A_OPEN },	{ 0, 'l', A_OPEN },
	{ 0, 127, A_PARENT },		{ 0, 8, A_PARENT },
	{ 1, KEY_LEFT, A_PARENT },	{ 0, 'h', A_PARENT },
	{ 0, ' ', A_MARK },		{ 1, KEY_IC, A_MARK },
	{ 0, '*', A_INVERT },		{ 0, '\t', A_SWITCH },
	{ 1, KEY_F(5), A_COPY },	{ 0, 'c', A_COPY },
	{ 1, KEY_F(6), A_MOVE },	{ 0, 'm', A_MOVE },
	{ 1, KEY_F(7), A_MKDIR },	{ 0, 'n', A_MKDIR },
	{ 1, KEY_F(8), A_DELETE },	{ 1, KEY_DC, A_DELETE },
	{ 0, '/', A_FILTER },		{ 0, 's', A_SORT },
	{ 0, '.', A_HIDDEN },		{ 0, 'r', A_REFRESH },
	{ 0, 'R' & 0x1f, A_REFRESH },	{ 0, 27, A_CANCEL },
	{ 0, 'X', A_CANCEL_ALL },	{ 1, KEY_F(1), A_HELP },
	{ 0, '?', A_HELP },		{ 0, 'L', A_LOG },
	{ 1, KEY_F(10), A_QUIT },	{ 0, 'q', A_QUIT },
	{ 0, 'L' & 0x1f, A_REDRAW },	{ 1, KEY_RESIZE, A_REDRAW },
	{ 0, 'o', A_CONNECT },
	/* mc's hotlist: b, or Ctrl-\ (raw mode delivers it as a key) */
	{ 0, 'b', A_BOOKMARKS },	{ 0, 0x1c, A_BOOKMARKS },
	{ 1, KEY_F(3), A_VIEW },	{ 0, 'v', A_VIEW },
	{ 1, KEY_F(4), A_EDIT },	{ 0, 'e', A_EDIT },
	{ 0, 'G' & 0x1f, A_GOTO },
	{ 0, ':', A_COMMAND },
	{ 0, 'J', A_QUEUE },		{ 0, '=', A_COMPARE },
	{ 0, 'A', A_CHMOD },
};

enum ui_act
ui_browse_action(const struct ui_key *k)
{
	size_t i;

	for (i = 0; i < sizeof keymap / sizeof keymap[0]; i++)
		if (keymap[i].fkey == k->fkey && keymap[i].code == k->code)
			return keymap[i].act;
	return A_NONE;
}

/* Where everything goes for the current terminal size. */
struct layout {
	int	list_top, list_rows;
	int	xfer_top, nxfer;
	int	queue_row, status_row, footer_row;
	int	px[2], pw[2];
};

static void
ui_layout(const struct ui_model *m, struct layout *l)
{
	size_t run = m->xfer ? xfer_running(m->xfer) : 0;

	l->footer_row = LINES - 1;
	l->status_row = LINES - 2;
	l->queue_row = LINES - 3;
	l->nxfer = run > MAX_XFER_ROWS ? MAX_XFER_ROWS : (int)run;
	if (LINES < 20 && l->nxfer > 1)
		l->nxfer = 1;
	l->xfer_top = l->queue_row - l->nxfer;
	l->list_top = 2;
	l->list_rows = l->xfer_top - l->list_top;
	l->pw[0] = (COLS - 1) / 2;
	l->px[0] = 0;
	l->px[1] = l->pw[0] + 1;
	l->pw[1] = COLS - l->px[1];
}

int
ui_page_rows(const struct ui_model *m)
{
	struct layout l;

	ui_layout(m, &l);
	return l.list_rows > 1 ? l.list_rows - 1 : 1;
}

int
ui_bm_rows(void)
{
	return LINES > 5 ? LINES - 4 : 1;
}

size_t
ui_help_lines(void)
{
	return sizeof help_text / sizeof help_text[0];
}

/* Put a safe rendering of s at y,x in at most w columns, padded. */
static void
ui_put(int y, int x, const char *s, int w, attr_t a)
{
	char out[ROWBUF];

	if (w <= 0)
		return;
	text_fit(s, w, 1, out, sizeof out);
	attrset(a);
	mvaddstr(y, x, out);
	attrset(A_NORMAL);
}

static void
ui_date(char *out, size_t len, const struct pane_entry *e)
{
	struct tm tm;
	time_t now = time(NULL);

	out[0] = '\0';
	if (!e->has_mtime || localtime_r(&e->mtime, &tm) == NULL)
		return;
	/* ls(1): the time within half a year, the year otherwise. */
	if (e->mtime > now - 15552000 && e->mtime < now + 3600)
		strftime(out, len, "%b %d %H:%M", &tm);
	else
		strftime(out, len, "%b %d  %Y", &tm);
}

static void
ui_entry_cols(const struct pane_entry *e, char *size, size_t slen,
    char *date, size_t dlen)
{
	if (e->kind == PE_PARENT)
		strlcpy(size, "<UP>", slen);
	else if (e->kind == PE_DIR || e->linkdir)
		strlcpy(size, "<DIR>", slen);
	else if (e->has_size)
		text_size(size, slen, e->size);
	else
		size[0] = '\0';
	if (e->kind == PE_PARENT)
		date[0] = '\0';
	else
		ui_date(date, dlen, e);
}

static attr_t
ui_entry_attr(const struct pane_entry *e, int cursor)
{
	attr_t a = A_NORMAL;

	if (e->marked)
		a = ui_attr(C_MARK, A_UNDERLINE) | A_BOLD;
	else if (e->kind == PE_DIR || e->linkdir || e->kind == PE_PARENT)
		a = ui_attr(C_DIR, A_NORMAL) | A_BOLD;
	if (cursor)
		a |= A_REVERSE;
	return a;
}

/* Columns of the name in a pane row w wide (the rest: mark, size, date). */
static int
ui_name_cols(int w)
{
	/* At 80 columns a pane is 39 wide: the date still fits. */
	return w - 1 - 6 - (w >= 36 ? 12 + 1 : 0) - 1;
}

static void
ui_draw_entry(struct pane *p, size_t i, int y, int x, int w, int cursor)
{
	struct pane_entry *e = pane_at(p, i);
	char size[16], date[32], name[ROWBUF], row[ROWBUF + 64];
	const char *mark;
	/* At 80 columns a pane is 39 wide: the date still fits. */
	int datew = w >= 36 ? 12 : 0, namew, isdir, used;

	ui_entry_cols(e, size, sizeof size, date, sizeof date);
	namew = ui_name_cols(w);
	if (namew < 1)
		return;
	isdir = e->kind == PE_DIR || e->linkdir;
	/* ls -F: "/" after a directory, "@" after a link. */
	mark = e->kind == PE_LINK ? "@" : isdir ? "/" : "";
	used = text_fit_middle(e->name, namew - (int)strlen(mark), name,
	    sizeof name);
	strlcat(name, mark, sizeof name);
	used += (int)strlen(mark);
	while (used++ < namew)
		strlcat(name, " ", sizeof name);
	snprintf(row, sizeof row, "%c%s %6.6s%s%-*.*s", e->marked ? '*' : ' ',
	    name, size, datew ? " " : "", datew, datew, date);
	attrset(ui_entry_attr(e, cursor));
	mvaddstr(y, x, row);
	attrset(A_NORMAL);
}

/*
 * " ftp://user@host:port" before the path, shortened first when both do
 * not fit: the path is what tells where one is.
 */
static void
ui_head_title(const struct pane *p, int w, char *out, size_t len)
{
	const char *title = p->title, *s;
	char t[256];
	int room = w - 2 - text_width(p->path);

	/* "ftp://user@host:port", then "user@host:port", then "host:port" */
	if (text_width(title) > room && (s = strstr(title, "://")) != NULL)
		title = s + 3;
	if (text_width(title) > room && (s = strchr(title, '@')) != NULL)
		title = s + 1;
	text_fit(title, room > 8 ? room : 8, 0, t, sizeof t);
	snprintf(out, len, " %s%s", t, title == p->title ? "" : " ");
}

/*
 * After the entry count of the active pane: the current entry's whole
 * name when the row had to shorten it, and where a link leads.
 */
static void
ui_head_current(struct pane *p, int w, int room, char *out, size_t len)
{
	struct pane_entry *e = pane_current(p);
	char name[ROWBUF], target[ROWBUF], both[2 * ROWBUF + 8];

	/* -1: the '/' or '@' after a name */
	if (e == NULL || e->kind == PE_PARENT || room < 8 ||
	    (e->target == NULL && text_width(e->name) <= ui_name_cols(w) - 1))
		return;
	text_fit_left(e->name, room, name, sizeof name);
	if (e->target != NULL) {
		text_fit_left(e->target, room, target, sizeof target);
		snprintf(both, sizeof both, "%s -> %s", name, target);
	} else
		strlcpy(both, name, sizeof both);
	strlcat(out, "  ", len);
	text_fit_left(both, room, name, sizeof name);
	strlcat(out, name, len);
}

/*
 * "TLS1.3" after the remote path when the whole title and path fit
 * beside it, else at the right of the second header row; "PLAIN" and an
 * unverified session in the warning colour (reverse when NO_COLOR).
 */
static void
ui_draw_prot(struct ui_model *m, int x, int w, int used, int cut)
{
	int	 pw = (int)strlen(m->prot), y = 0;

	if (pw == 0 || pw + 2 > w)
		return;
	if (cut || used + 1 + pw > w) {
		y = 1;
		used = w - pw - 1;
	}
	ui_put(y, x + used + 1, m->prot, pw, m->prot_warn ?
	    ui_attr(C_ERR, A_BOLD | A_REVERSE) | A_BOLD : A_BOLD);
}

static void
ui_draw_header(struct ui_model *m, int side, const struct layout *l)
{
	struct pane *p = m->panes[side];
	char head[ROWBUF], info[256], sort[16], path[ROWBUF];
	uint64_t bytes;
	size_t nm = pane_marked(p, &bytes);
	int w = l->pw[side], x = l->px[side], tw, cut, pw;
	/* Bold would turn black into grey on many terminals: mono only. */
	attr_t a = side == m->active ? ui_attr(C_HEAD, A_REVERSE | A_BOLD) :
	    A_UNDERLINE;

	if (side == 1 && !m->connected)
		snprintf(head, sizeof head,
		    " not connected (o: connect, b: bookmarks)");
	else
		ui_head_title(p, w, head, sizeof head);
	tw = text_width(head);
	text_fit_left(p->path, w - tw - 1 > 0 ? w - tw - 1 : 0, path,
	    sizeof path);
	/* Shortened title or path: the protection goes to the next row. */
	cut = strcmp(path, p->path) != 0 ||
	    strncmp(head + 1, p->title, strlen(p->title)) != 0;
	if (!(side == 1 && !m->connected))
		strlcat(head, path, sizeof head);
	ui_put(0, x, head, w, a);
	/* A pane without a connection has no entries to count. */
	if (side == 1 && !m->connected) {
		ui_put(1, x, "", w, A_NORMAL);
		return;
	}
	pane_sort_label(p, sort, sizeof sort);
	if (nm > 0) {
		char sz[16];

		text_size(sz, sizeof sz, bytes);
		snprintf(info, sizeof info, " %zu marked, %s", nm, sz);
	} else
		snprintf(info, sizeof info, " %zu entr%s", p->nview,
		    p->nview == 1 ? "y" : "ies");
	snprintf(head, sizeof head, "%s  [%s]%s%s%s", info, sort,
	    p->filter[0] ? " /" : "", p->filter, p->hidden ? " +hidden" : "");
	pw = side == 1 ? (int)strlen(m->prot) + 1 : 0;
	if (side == m->active)
		ui_head_current(p, w, w - text_width(head) - 2 - pw, head,
		    sizeof head);
	ui_put(1, x, head, w, A_BOLD);
	if (side == 1)
		ui_draw_prot(m, x, w, tw + text_width(path), cut);
}

static void
ui_draw_pane(struct ui_model *m, int side, const struct layout *l)
{
	struct pane *p = m->panes[side];
	size_t i;
	int row;

	ui_draw_header(m, side, l);
	if (side == 1 && !m->connected)
		return;
	pane_scroll(p, (size_t)l->list_rows);
	for (row = 0; row < l->list_rows; row++) {
		i = p->top + (size_t)row;
		if (i >= p->nview)
			break;
		ui_draw_entry(p, i, l->list_top + row, l->px[side], l->pw[side],
		    side == m->active && i == p->cursor);
	}
	if (p->nview == 0)
		ui_put(l->list_top, l->px[side], p->filter[0] ?
		    "  (nothing matches the filter)" : "  (empty)", l->pw[side],
		    A_DIM);
}

static void
ui_hms(char *out, size_t len, double secs)
{
	unsigned long s = secs > 359999 ? 359999 : (unsigned long)secs;

	if (s >= 3600)
		snprintf(out, len, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60,
		    s % 60);
	else
		snprintf(out, len, "%lu:%02lu", s / 60, s % 60);
}

/* " [#####-----]": width bw, the done part in the bar colour. */
static void
ui_bar(int bw, int pct)
{
	char bar[256];
	int fill, i;

	if (bw > (int)sizeof bar - 1)
		bw = (int)sizeof bar - 1;
	fill = bw * pct / 100;
	for (i = 0; i < bw; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[bw] = '\0';
	addstr(" [");
	attrset(ui_attr(C_BAR, A_BOLD) | A_BOLD);
	addnstr(bar, fill);
	attrset(A_NORMAL);
	addstr(bar + fill);
	addstr("]");
}

/*
 * " 42% 1.2M/3.0M 512K/s ETA 0:03", or " 1.2M 512K/s" when the size is
 * unknown (then -1 is returned, else the percentage).
 */
static int
ui_job_tail(const struct xfer_job *j, const struct timespec *now, char *tail,
    size_t len)
{
	char done[16], total[16], rate[16], eta[32];
	double r = xfer_rate(j, now);
	int pct;

	text_size(done, sizeof done, j->done);
	text_size(rate, sizeof rate, (unsigned long long)r);
	if (j->total == FTP_SIZE_UNKNOWN || j->total == 0) {
		snprintf(tail, len, " %s %s/s", done, rate);
		return -1;
	}
	pct = j->done >= j->total ? 100 : (int)(j->done * 100 / j->total);
	text_size(total, sizeof total, j->total);
	/* 100% is for what the server confirmed (226, digest). */
	if (j->finishing) {
		pct = pct > 99 ? 99 : pct;
		snprintf(tail, len, " %3d%% %s/%s finishing", pct, done, total);
		return pct;
	}
	if (r > 0 && j->total > j->done)
		ui_hms(eta, sizeof eta, (double)(j->total - j->done) / r);
	else
		strlcpy(eta, "--:--", sizeof eta);
	snprintf(tail, len, " %3d%% %s/%s %s/s ETA %s", pct, done, total, rate,
	    eta);
	return pct;
}

/* "get name [####----]  42% 1.2M/3.0M 512K/s ETA 0:03" */
static void
ui_draw_job(const struct xfer_job *j, int y, const struct timespec *now)
{
	char tail[160], name[ROWBUF];
	const char *base = strrchr(j->src, '/');
	int pct = ui_job_tail(j, now, tail, sizeof tail);
	int bw = pct >= 0 ? COLS / 5 : 0;
	int nw = COLS - (int)strlen(tail) - (bw ? bw + 3 : 0) - 5;

	mvaddstr(y, 0, j->up ? "put " : "get ");
	text_fit(base ? base + 1 : j->src, nw > 1 ? nw : 1, 1, name,
	    sizeof name);
	addstr(name);
	if (bw > 0)
		ui_bar(bw, pct);
	addstr(tail);
}

static const char *
ui_base(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* ", ETA 1:23)": what is left at the speed of everything running now. */
static void
ui_batch_eta(struct xfer *x, uint64_t left, const struct timespec *now,
    char *out, size_t len)
{
	struct xfer_job *j;
	char eta[32];
	double r = 0;

	for (j = TAILQ_FIRST(&x->jobs); j != NULL; j = TAILQ_NEXT(j, entry))
		if (j->state == XJ_RUNNING)
			r += xfer_rate(j, now);
	if (r > 0 && left > 0) {
		ui_hms(eta, sizeof eta, (double)left / r);
		snprintf(out, len, ", ETA %s)", eta);
	} else
		snprintf(out, len, ")");
}

static void
ui_draw_queue(struct ui_model *m, const struct layout *l)
{
	struct xfer *x = m->xfer;
	struct xfer_job *j, *last;
	char line[ROWBUF], left[16];
	uint64_t bytes = 0;
	size_t n = x ? xfer_pending(x, &bytes) : 0;
	struct timespec now;
	int row = l->xfer_top;

	if (x == NULL) {
		ui_put(l->queue_row, 0, "Queue: not connected", COLS, A_NORMAL);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	for (j = TAILQ_FIRST(&x->jobs); j != NULL; j = TAILQ_NEXT(j, entry)) {
		if (row >= l->queue_row)
			break;
		if (j->state == XJ_RUNNING && !j->isdir)
			ui_draw_job(j, row++, &now);
		else if (j->state == XJ_RUNNING) {
			snprintf(line, sizeof line, "%s %s/ (listing)",
			    j->up ? "put" : "get", j->src);
			ui_put(row++, 0, line, COLS, A_NORMAL);
		}
	}
	text_size(left, sizeof left, bytes);
	last = TAILQ_LAST(&x->finished, xfer_list);
	if (n > 0) {
		snprintf(line, sizeof line,
		    "Queue: %zu file%s, %s left (%zu/%zu done",
		    n, n == 1 ? "" : "s", left, x->batch_done, x->batch_files);
		ui_batch_eta(x, bytes, &now, line + strlen(line),
		    sizeof line - strlen(line));
	} else
		snprintf(line, sizeof line, "Queue: empty");
	if (x->ok || x->failed)
		snprintf(line + strlen(line), sizeof line - strlen(line),
		    " | done %u, failed %u", x->ok, x->failed);
	if (last != NULL)
		snprintf(line + strlen(line), sizeof line - strlen(line),
		    " | %s: %s", ui_base(last->dst), last->msg);
	ui_put(l->queue_row, 0, line, COLS, A_NORMAL);
}

static void
ui_draw_footer(int y)
{
	static const char *keys[][2] = {
		{ "F1", "Help" }, { "F3", "View" }, { "F4", "Edit" },
		{ "F5", "Copy" }, { "F6", "RenMov" },
		{ "F7", "Mkdir" }, { "F8", "Delete" }, { "F10", "Quit" },
		{ "Tab", "Pane" }, { "/", "Filter" }, { "s", "Sort" },
		{ "Esc", "Abort" }, { "L", "Log" }, { "J", "Queue" },
	};
	size_t i;
	int x = 0, need;

	move(y, 0);
	ui_mouse_keybar(0, 0, 0, NULL);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		need = (int)(strlen(keys[i][0]) + strlen(keys[i][1])) + 2;
		if (x + need > COLS)
			break;
		attrset(ui_attr(C_KEY, A_REVERSE));
		mvaddstr(y, x, keys[i][0]);
		attrset(A_NORMAL);
		addstr(keys[i][1]);
		addch(' ');
		ui_mouse_keybar(i, x, need, keys[i][0]);
		x += need;
	}
}

static void
ui_draw_browse(struct ui_model *m)
{
	struct layout l;
	int side;

	ui_layout(m, &l);
	for (side = 0; side < 2; side++)
		ui_draw_pane(m, side, &l);
	mvvline(0, l.pw[0], ACS_VLINE, l.xfer_top);
	ui_draw_queue(m, &l);
	ui_put(l.status_row, 0, m->status, COLS,
	    m->status_err ? ui_attr(C_ERR, A_BOLD) | A_BOLD : A_NORMAL);
	ui_draw_footer(l.footer_row);
}

static void
ui_draw_help(struct ui_model *m)
{
	size_t n = ui_help_lines(), rows = (size_t)LINES - 2, i;
	int row;

	ui_put(0, 0, " forkftp help", COLS,
	    ui_attr(C_HEAD, A_REVERSE | A_BOLD));
	if (m->scroll > (n > rows ? n - rows : 0))
		m->scroll = n > rows ? n - rows : 0;
	for (row = 1, i = m->scroll; row <= (int)rows && i < n; row++, i++)
		ui_put(row, 0, help_text[i], COLS, A_NORMAL);
	ui_put(LINES - 1, 0, n > rows + m->scroll ?
	    " -- more: Down/PgDn scroll, q/Esc/F1 close --" :
	    " q/Esc/F1 close", COLS, A_REVERSE);
}

static void
ui_draw_log(struct ui_model *m)
{
	size_t rows = (size_t)LINES - 1, first, i;
	int row;

	ui_put(0, 0, " protocol log (L, q or Esc: back; Up/Down scroll)", COLS,
	    ui_attr(C_HEAD, A_REVERSE | A_BOLD));
	/* Scrolled back as far as it goes, the first page stays full. */
	if (m->scroll > (m->log_n > rows ? m->log_n - rows : 0))
		m->scroll = m->log_n > rows ? m->log_n - rows : 0;
	first = m->log_n > rows + m->scroll ? m->log_n - rows - m->scroll : 0;
	for (row = 1, i = first; row < LINES && i < m->log_n - m->scroll;
	    row++, i++)
		ui_put(row, 0, m->log[(m->log_head + i) % UI_LOG_MAX], COLS,
		    A_NORMAL);
}

/* "user@host:port", brackets around an IPv6 address. */
static void
ui_bm_server(const struct bookmark *b, char *out, size_t len)
{
	int v6 = strchr(b->host, ':') != NULL;

	snprintf(out, len, "%s@%s%s%s:%s", b->user, v6 ? "[" : "", b->host,
	    v6 ? "]" : "", b->port);
}

/* Widths of the bookmark view's columns: name, server, directory. */
static void
ui_bm_cols(int *wn, int *ws, int *wd)
{
	*wn = COLS / 4 > 24 ? 24 : COLS / 4;
	*ws = COLS * 2 / 5;
	*wd = COLS - 2 - *wn - 1 - *ws - 1;
}

/* One row of the bookmark view: name (or "recent"), server, directory. */
static void
ui_draw_bm_row(const struct bookmark *b, int recent, int y, int cursor)
{
	char server[600], dir[ROWBUF];
	int wn, ws, wd;
	attr_t a = cursor ? A_REVERSE : A_NORMAL;

	ui_bm_cols(&wn, &ws, &wd);
	ui_bm_server(b, server, sizeof server);
	ui_put(y, 0, cursor ? ">" : " ", 2, a);
	ui_put(y, 2, recent ? "(recent)" : b->name, wn + 1,
	    a | (recent ? A_DIM : A_BOLD));
	ui_put(y, 2 + wn + 1, server, ws + 1, a);
	if (wd > 0) {
		text_fit_left(b->dir[0] ? b->dir : "/", wd, dir, sizeof dir);
		ui_put(y, COLS - wd, dir, wd, a);
	}
}

static void
ui_draw_bookmarks(struct ui_model *m)
{
	size_t nb = m->bm_marks ? m->bm_marks->n : 0;
	size_t nr = m->bm_recent ? m->bm_recent->n : 0, rows, top, i;
	int row, wn, ws, wd;

	ui_bm_cols(&wn, &ws, &wd);
	ui_put(0, 0, " bookmarks and recent servers", COLS,
	    ui_attr(C_HEAD, A_REVERSE | A_BOLD));
	ui_put(1, 2, "name", wn, A_UNDERLINE);
	ui_put(1, 2 + wn + 1, "server", ws, A_UNDERLINE);
	if (wd > 0)
		ui_put(1, COLS - wd, "directory", wd, A_UNDERLINE);
	rows = (size_t)ui_bm_rows();
	if (m->bm_cursor >= nb + nr)
		m->bm_cursor = nb + nr > 0 ? nb + nr - 1 : 0;
	top = m->bm_cursor >= rows ? m->bm_cursor - rows + 1 : 0;
	for (row = 2, i = top; i < nb + nr && i < top + rows; row++, i++)
		ui_draw_bm_row(i < nb ? &m->bm_marks->v[i] :
		    &m->bm_recent->v[i - nb], i >= nb, row, i == m->bm_cursor);
	if (nb + nr == 0)
		ui_put(2, 0, "  (none yet: connect, then press a here to add "
		    "the server and directory)", COLS, A_DIM);
	ui_put(LINES - 2, 0, m->status, COLS,
	    m->status_err ? ui_attr(C_ERR, A_BOLD) | A_BOLD : A_NORMAL);
	ui_put(LINES - 1, 0, " Enter connect  a add this server  d delete"
	    "  q/Esc close", COLS, A_REVERSE);
}

static void
ui_draw_form(struct ui_model *m)
{
	static const char *labels[UI_FORM_FIELDS] = { "Host", "Port", "User",
	    "Password" };
	char val[300];
	int w = COLS > 60 ? 56 : COLS - 4, x = (COLS - w) / 2,
	    y = LINES / 2 - 4;
	int f, cy = y + 2, cx = x + 12;
	size_t n;

	attrset(ui_attr(C_HEAD, A_REVERSE));
	for (f = 0; f < 9; f++)
		mvhline(y + f, x, ' ', w);
	mvaddstr(y, x + 2, "Connect to an FTP server");
	for (f = 0; f < UI_FORM_FIELDS; f++) {
		mvaddstr(y + 2 + f, x + 2, labels[f]);
		if (f == UI_FORM_FIELDS - 1) {
			n = strlen(m->form[f]);
			memset(val, '*',
			    n < sizeof val - 1 ? n : sizeof val - 1);
			val[n < sizeof val - 1 ? n : sizeof val - 1] = '\0';
		} else
			strlcpy(val, m->form[f], sizeof val);
		attrset(f == m->field ? A_REVERSE : A_NORMAL);
		ui_put(y + 2 + f, x + 12, val, w - 14, f == m->field ?
		    A_UNDERLINE : A_NORMAL);
		if (f == m->field) {
			cy = y + 2 + f;
			cx = x + 12 + text_width(val);
		}
		attrset(ui_attr(C_HEAD, A_REVERSE));
	}
	mvaddstr(y + 7, x + 2,
	    "Tab/Up/Down: field  Enter: connect  Esc: cancel");
	mvaddstr(y + 8, x + 2, "Ctrl-\\: bookmarks and recent servers");
	attrset(A_NORMAL);
	curs_set(1);
	move(cy, cx < COLS ? cx : COLS - 1);
}

static void
ui_draw_prompt(struct ui_model *m)
{
	struct layout l;
	char line[ROWBUF];
	int w;

	ui_layout(m, &l);
	if (m->prompt == PR_FORM) {
		ui_draw_form(m);
		return;
	}
	if (m->prompt == PR_EXISTS) {
		ui_put(l.queue_row, 0, m->question, COLS,
		    ui_attr(C_ERR, A_BOLD) | A_BOLD | A_REVERSE);
		ui_put(l.status_row, 0, m->choices, COLS, A_BOLD);
		return;
	}
	snprintf(line, sizeof line, "%s", m->question);
	w = text_width(line);
	ui_put(l.status_row, 0, line, COLS, A_BOLD);
	if (m->prompt == PR_CONFIRM)
		return;
	if (w + 1 < COLS) {
		int used = text_fit(m->input, COLS - w - 2, 0, line,
		    sizeof line);

		mvaddstr(l.status_row, w, line);
		curs_set(1);
		move(l.status_row, w + used);
	}
}

int
ui_draw_cursor(struct ui_model *m, size_t old)
{
	struct pane *p = m->panes[m->active];
	struct layout l;
	size_t top = p->top, rows;
	int side = m->active;

	if (COLS < MIN_COLS || LINES < MIN_LINES || m->view != VIEW_BROWSE ||
	    m->prompt != PR_NONE || (side == 1 && !m->connected))
		return -1;
	ui_layout(m, &l);
	rows = (size_t)l.list_rows;
	pane_scroll(p, rows);
	if (p->top != top || p->nview == 0)
		return -1;
	if (old < p->nview && old >= top && old < top + rows)
		ui_draw_entry(p, old, l.list_top + (int)(old - top), l.px[side],
		    l.pw[side], 0);
	ui_draw_entry(p, p->cursor, l.list_top + (int)(p->cursor - top),
	    l.px[side], l.pw[side], 1);
	refresh();
	return 0;
}

void
ui_draw(struct ui_model *m)
{
	erase();
	curs_set(0);
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		mvprintw(0, 0, "terminal too small");
		mvprintw(1, 0, "need %dx%d", MIN_COLS, MIN_LINES);
		refresh();
		return;
	}
	if (m->view == VIEW_HELP)
		ui_draw_help(m);
	else if (m->view == VIEW_LOG)
		ui_draw_log(m);
	else if (m->view == VIEW_QUEUE)
		ui_queue_draw(m);
	else if (m->view == VIEW_BOOKMARKS) {
		ui_draw_bookmarks(m);
		if (m->prompt != PR_NONE)
			ui_draw_prompt(m);
	} else {
		ui_draw_browse(m);
		if (m->prompt != PR_NONE)
			ui_draw_prompt(m);
	}
	refresh();
}

void
ui_list_geometry(const struct ui_model *m, int *top, int *rows, int px[2],
    int pw[2])
{
	struct layout l;

	ui_layout(m, &l);
	*top = l.list_top;
	*rows = l.list_rows;
	px[0] = l.px[0];
	px[1] = l.px[1];
	pw[0] = l.pw[0];
	pw[1] = l.pw[1];
}
