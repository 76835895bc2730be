/*
 * tui-int: the browser's state and what its files share.  tui.c runs the
 * loop (poll on the terminal and the workers' pipes, one redraw per
 * pass, throttled while transfers run); tui-key.c turns keys into
 * actions per prompt or view; tui-act.c carries out the actions on the
 * panes; tui-conn.c connects (URL, ~/.netrc, the connection form).  All
 * curses calls are in ui.c.  Not for other modules: they see tui.h only.
 */
#ifndef TUI_INT_H
#define TUI_INT_H

#include <signal.h>
#include <time.h>

#include "bookmark.h"
#include "ftp.h"
#include "pane.h"
#include "queue.h"
#include "ui.h"
#include "xfer.h"

struct compl_cache;

enum input_for { IN_MKDIR, IN_RENAME, IN_MOVE, IN_COPY, IN_XRENAME,
	IN_BOOKMARK, IN_GOTO, IN_COMMAND, IN_CHMOD };
enum confirm_for { CF_DELETE, CF_QUIT, CF_BM_DELETE };

struct tui {
	struct ui_model	 m;		/* what ui_draw shows */
	struct pane	 pane[2];	/* 0 local, 1 remote */
	struct queue	 queue;		/* the J view */
	struct xfer	 xq;		/* valid while xq_ready */
	int		 xq_ready;
	/* the browser's own connection, or NULL */
	struct ftp	*ftp;
	struct ftp_opts	 fo;		/* points into host/port/user/pass */
	char		 host[256], port[32], user[256], pass[256];
	char		 startpath[PANE_PATH_MAX];
	/* where the connection form's server is entered: a bookmark's dir */
	char		 formdir[PANE_PATH_MAX];
	/* the bookmark view's lists, read from disk when it opens */
	struct bm_list	 bmarks, recent;
	unsigned	 parallel;
	int		 activemode;
	enum tls_mode	 tlsmode;	/* of the URL, --tls, form or bookmark */
	int		 tls_forced;	/* --tls given: it wins over URLs */
	/* xdirty: only progress changed */
	int		 quit, dirty, xdirty;
	/* only the cursor moved, from oldcursor */
	int		 cursor_only;
	size_t		 oldcursor;
	enum input_for	 input_for;
	enum confirm_for confirm_for;
	struct xfer_job	*asking;	/* the job the exists-prompt is about */
	/* when a question was answered or a copy queued (typeahead guard) */
	struct timespec	 guard;
	int		 fault;		/* reply of the last failed connect */
	/* the status line is true until: the queue empties, a reconnect */
	enum { ST_KEEP, ST_QUEUE, ST_RECONNECT } status_until;
	unsigned	 failed_seen;	/* transfer failures already reported */
	struct timespec	 lastdraw, lastref[2];
	/*
	 * A wait of the browser's own connection: Esc raises esc (the
	 * engine's interrupt flag); past WAIT_SHOW_NS the status line says
	 * so, and the status it replaced comes back afterwards.
	 */
	volatile sig_atomic_t esc;
	struct timespec	 wait_t0;	/* zero: not waiting */
	int		 wait_shown;
	char		 wait_saved[UI_STATUS_MAX];
	/* the ':' line: its completion listings; a command is running */
	struct compl_cache *cc;
	int		 running_cmd;
};

/* tui.c */
/* Set the status line (err: shown as an error). */
__attribute__((format(printf, 3, 4)))
void	tui_status(struct tui *, int err, const char *fmt, ...);
/* An ftp_log_fn: append a protocol line to the log view (arg: the tui). */
void	tui_log(void *arg, enum ftp_log_dir, const char *line);
/*
 * Read directory path into side 0 (local) or 1 (remote); keep names the
 * entry for the cursor or NULL.  A re-read of the same directory keeps
 * the marks.  0, or -1 with the reason in the status line.
 */
int	tui_side_read(struct tui *, int side, const char *path,
    const char *keep);
void	tui_side_reread(struct tui *, int side, const char *keep);

/* tui-conn.c */
/* The command line URL into host/port/user/pass/startpath.  0 or -1. */
int	conn_url(struct tui *, const char *url);
/* Open the connection form, filled from what we know. */
void	conn_form(struct tui *);
/* The form again after conn_open failed, the cursor in the field at fault. */
void	conn_form_failed(struct tui *);
/* A named user has no password yet: the form asks for it (1), or 0. */
int	conn_need_pass(struct tui *);
/* Enter in the form: connect with what it says (re-opens it on failure). */
void	conn_submit(struct tui *);
/* Connect with host/port/user/pass and list the start directory.  0 or -1. */
int	conn_open(struct tui *);
/* Stop the transfers and close the connection. */
void	conn_close(struct tui *);
/* Open the bookmark view (b, Ctrl-\), lists read afresh. */
void	conn_bm_open(struct tui *);
/* Enter on a row: connect, or the form when a password is wanted. */
void	conn_bm_enter(struct tui *);
/* a: ask a name for the current server and remote directory. */
void	conn_bm_add(struct tui *);
/* d: ask whether to delete the row. */
void	conn_bm_delete(struct tui *);
/* What the prompts decided. */
void	conn_bm_do_add(struct tui *, const char *name);
void	conn_bm_do_delete(struct tui *);

/* tui-act.c: what the browser keys do. */
struct pane *act_pane(struct tui *);		/* the active pane */
/* 0 (with a message) if not connected */
int	act_usable(struct tui *, int side);
void	act_cursor(struct tui *, enum ui_act);	/* up, down, pages, home, end */
void	act_open(struct tui *);
void	act_parent(struct tui *);
void	act_copy(struct tui *);
void	act_move(struct tui *);
void	act_mkdir(struct tui *);
void	act_delete(struct tui *);
void	act_quit(struct tui *);
void	act_cancel(struct tui *);
/* Open a one-line prompt: q is the question, init the first input. */
void	act_ask(struct tui *, enum input_for, const char *q, const char *init);
/* What the prompts decided. */
/*
 * A question may follow (or just closed): for a moment, the browser
 * ignores the letters that answer it rather than take them as commands.
 */
void	key_typeahead_guard(struct tui *);
/* Ctrl-G: a path prompt for the active pane; Tab completes its last part. */
void	act_goto(struct tui *);
void	act_goto_complete(struct tui *);
void	act_do_goto(struct tui *, const char *path);
void	act_do_copy(struct tui *, const char *to);
void	act_do_delete(struct tui *);
void	act_do_mkdir(struct tui *, const char *name);
void	act_do_rename(struct tui *, const char *to);
void	act_do_move(struct tui *, const char *to);
void	act_do_xrename(struct tui *, const char *name);

/* tui-view.c: F3 and F4 on the current file, local or remote. */
void	act_view(struct tui *);
void	act_edit(struct tui *);

/* tui-cmd.c: the ':' line. */
/* Open it (the completion listings are read afresh). */
void	cmd_open(struct tui *);
/* Tab: complete the word before the end of the input. */
void	cmd_complete(struct tui *);
/* Enter: run the line's commands; output to the log, panes re-read. */
void	cmd_run(struct tui *, const char *line);

/* tui-queue.c: the transfer queue view (J). */
void	queue_open(struct tui *);
void	key_queue(struct tui *, const struct ui_key *);

/* tui-compare.c: = marks what differs between the panes. */
void	act_compare(struct tui *);

/* tui-chmod.c: A asks for a mode in octal, then chmod / SITE CHMOD. */
void	act_chmod(struct tui *);
void	act_do_chmod(struct tui *, const char *mode);

/* tui-mouse.c: a click, double click or wheel turn (k->mbtn set). */
void	mouse_dispatch(struct tui *, const struct ui_key *);

/* tui-key.c */
/* One key, to the open prompt, the open view or the browser. */
void	key_dispatch(struct tui *, const struct ui_key *);

#endif
