/*
 * ui: every curses call of forkftp.  tui.c keeps the state in a struct
 * ui_model and calls ui_draw once per loop when something changed; ui.c
 * only reads the model.  Keys come back as struct ui_key and are turned
 * into actions for the browser view by ui_browse_action, so the F-key and
 * the letter form of a command meet here.
 */
#ifndef UI_H
#define UI_H

#include <stddef.h>
#include <time.h>

struct bm_list;
struct pane;
struct queue;
struct xfer;

enum ui_view { VIEW_BROWSE, VIEW_HELP, VIEW_LOG, VIEW_BOOKMARKS, VIEW_QUEUE };

/* What a modal line at the bottom is asking for. */
enum ui_prompt { PR_NONE, PR_INPUT, PR_CONFIRM, PR_EXISTS, PR_FORM, PR_FILTER };

#define UI_INPUT_MAX	1024
#define UI_STATUS_MAX	1024
#define UI_FORM_FIELDS	4	/* host, port, user, password */
enum { FORM_HOST, FORM_PORT, FORM_USER, FORM_PASS };
#define UI_LOG_MAX	2000

struct ui_model {
	struct pane	*panes[2];	/* 0 local, 1 remote */
	int		 active;
	int		 connected;
	/* the remote session's protection ("TLS1.3", "PLAIN"); warn: shown
	 * in the warning colour (plain or unverified) */
	char		 prot[48];
	int		 prot_warn;
	struct xfer	*xfer;
	struct queue	*queue;		/* the J view's list */
	enum ui_view	 view;
	/* help and log views: lines from the end/top */
	size_t		 scroll;

	enum ui_prompt	 prompt;
	/* prompt text (safe-rendered when drawn) */
	char		 question[512];
	char		 choices[160];	/* PR_EXISTS: the answers offered */
	char		 input[UI_INPUT_MAX];
	char		 form[UI_FORM_FIELDS][256];
	int		 field;		/* focused form field */

	char		 status[UI_STATUS_MAX];	/* last reply or error */
	int		 status_err;

	/*
	 * The bookmark view: bookmarks, then recent servers, one row each;
	 * bm_cursor counts rows across both.
	 */
	struct bm_list	*bm_marks, *bm_recent;
	size_t		 bm_cursor;

	/* ring of protocol lines, owned */
	char		*log[UI_LOG_MAX];
	size_t		 log_head, log_n;
};

/* Enter and Backspace arrive as '\r' and 127 whatever the terminal sends. */
struct ui_key {
	int	code;		/* a character or a KEY_* code */
	int	fkey;		/* 1 when code is a KEY_* code */
	/* a mouse report (ui-mouse.h): what and where, else UI_MB_NONE */
	int	mbtn;
	int	my, mx;
};

enum ui_act {
	A_NONE, A_SWITCH, A_UP, A_DOWN, A_PGUP, A_PGDN, A_HOME, A_END, A_OPEN,
	A_PARENT, A_MARK, A_INVERT, A_COPY, A_MOVE, A_MKDIR, A_DELETE,
	A_FILTER, A_SORT, A_HIDDEN, A_REFRESH, A_CANCEL, A_CANCEL_ALL, A_HELP,
	A_LOG, A_QUIT, A_REDRAW, A_CONNECT, A_VIEW, A_EDIT, A_BOOKMARKS,
	A_GOTO, A_COMMAND, A_QUEUE, A_COMPARE, A_CHMOD
};

/* Start curses (after setlocale); colours unless NO_COLOR is set. */
void	ui_init(void);
void	ui_end(void);
/*
 * Hand the terminal to another program (a pager, an editor) and take it
 * back afterwards, screen redrawn.
 */
void	ui_suspend(void);
void	ui_resume(void);
/*
 * on = 1: Ctrl-C raises SIGINT (cbreak) while a ':' command runs, since
 * nothing reads keys during its transfers; on = 0: back to raw keys.
 */
void	ui_keys_signal(int on);
/* Draw the whole screen from the model. */
void	ui_draw(struct ui_model *);
/*
 * The cursor of the active pane moved from row old and nothing else
 * changed: repaint those two rows only.  -1 when that is not enough (the
 * list scrolled, a prompt or another view is open): draw everything.
 */
int	ui_draw_cursor(struct ui_model *, size_t old);
/*
 * A modal dialog: title, then the lines of text, then the keys line;
 * waits for one of keys (Enter and Esc give dflt) and returns it.
 */
int	ui_dialog(const char *title, const char *const *lines, size_t n,
	    const char *keysline, const char *keys, int dflt);
/* Next key without waiting: 1 with *k filled, 0 when none is pending. */
int	ui_getkey(struct ui_key *);
/* Give keys back, to be read again in the same order (n <= UI_UNGET_MAX). */
#define UI_UNGET_MAX	16
void	ui_ungetkeys(const struct ui_key *, size_t n);
/* Drop the keys typed and not read yet (typeahead). */
void	ui_flush_input(void);
/* The browser action bound to a key (A_NONE if unbound). */
enum ui_act ui_browse_action(const struct ui_key *);
/* -1 for Up or Shift-Tab, 1 for Down or Tab, else 0 (form fields). */
int	ui_key_vertical(const struct ui_key *);
/* Rows of entries a pane shows (for PgUp/PgDn). */
int	ui_page_rows(const struct ui_model *);
/* Rows the bookmark view shows (for PgUp/PgDn). */
int	ui_bm_rows(void);
/* Where the panes' entry rows are (for mouse clicks). */
void	ui_list_geometry(const struct ui_model *, int *top, int *rows,
	    int px[2], int pw[2]);
/* Rows of help text (for scrolling bounds). */
size_t	ui_help_lines(void);

#endif
