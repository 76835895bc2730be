/*
 * tui-cmd: the browser's ':' line.  One command of batch mode's table
 * runs on the remote pane's session, in the local pane's directory; what
 * it prints goes to the log view, and both panes are read again.  Tab
 * completes as in the shell (complete.c).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "complete.h"
#include "tui-int.h"
#include "xio.h"

#define CMD_ARGS	64
#define CMD_OUT_LINES	UI_LOG_MAX	/* lines of output kept */

void
cmd_open(struct tui *t)
{
	/* A fresh line lists afresh: the browser may have changed things. */
	compl_cache_free(t->cc);
	t->cc = compl_cache_new();
	act_ask(t, IN_COMMAND, ":", "");
}

void
cmd_complete(struct tui *t)
{
	struct compl_result	 c;
	struct buf	 list;
	size_t		 i;

	if (compl_line(t->cc, t->ftp, NULL, t->m.input, strlen(t->m.input),
	    &c) == 0) {
		tui_status(t, 0, "no completion");
	} else if (*c.insert != '\0') {
		strlcat(t->m.input, c.insert, sizeof(t->m.input));
	} else {
		buf_init(&list);
		for (i = 0; i < c.cands.n; i++)
			buf_printf(&list, "%s%s", i > 0 ? "  " : "",
			    c.cands.name[i]);
		tui_status(t, 0, "%s", buf_cstr(&list));
		buf_free(&list);
	}
	compl_free(&c);
}

/* What the command printed, a log line each. */
static size_t
cmd_log_output(struct tui *t, FILE *out)
{
	char	 line[1024];
	size_t	 n = 0, l;

	rewind(out);
	while (fgets(line, sizeof(line), out) != NULL && n < CMD_OUT_LINES) {
		l = strcspn(line, "\r\n");
		line[l] = '\0';
		tui_log(t, FTP_LOG_INFO, line);
		n++;
	}
	return n;
}

/* lcd moved us, cd moved the session: the panes follow. */
static void
cmd_after(struct tui *t)
{
	char	 cwd[PANE_PATH_MAX];

	if (getcwd(cwd, sizeof(cwd)) != NULL &&
	    strcmp(cwd, t->pane[0].path) != 0)
		tui_side_read(t, 0, cwd, NULL);
	else
		tui_side_reread(t, 0, NULL);
	if (t->ftp != NULL)
		tui_side_read(t, 1, ftp_cwd_path(t->ftp), NULL);
}

/*
 * While a command runs, Ctrl-C is the terminal's SIGINT, as in the shell:
 * a transfer reads no keys, so only a signal reaches it (Esc still ends
 * the waits the engine's hook sees).  The screen says so first.
 */
static void
cmd_signals(struct tui *t, int on)
{
	static struct sigaction	 old;
	struct sigaction	 sa = { .sa_handler = batch_on_signal };

	/* The handler is there before Ctrl-C makes signals, until after. */
	t->running_cmd = on;
	if (on) {
		tui_status(t, 0, "running... (Ctrl-C cancels)");
		ui_draw(&t->m);
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &old);
		ui_keys_signal(1);
	} else {
		ui_keys_signal(0);
		sigaction(SIGINT, &old, NULL);
	}
}

/*
 * Run av in the local pane's directory with stdout and stderr going to
 * out.  The FILE pointers are swapped, not the descriptors: curses keeps
 * its own FILE for the terminal, so the wait hook can still draw "waiting
 * for..." while a long command runs (glibc lets stdout be assigned).
 */
static int
cmd_exec(struct tui *t, FILE *out, char **av, int ac)
{
	/* stdin is the keyboard: no put - */
	struct batch_opts bo = { .keep_going = 1, .parallel = t->parallel,
			    .script_stdin = 1 };
	FILE		*so = stdout, *se = stderr;
	int		 here, rc;

	if ((here = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    chdir(t->pane[0].path) == -1) {
		if (here != -1)
			close(here);
		tui_status(t, 1, "%s: cannot enter the local directory",
		    t->pane[0].path);
		return -1;
	}
	cmd_signals(t, 1);
	stdout = out;
	stderr = out;
	rc = batch_exec(t->ftp, &bo, av, ac);
	fflush(out);
	stdout = so;
	stderr = se;
	cmd_signals(t, 0);
	ftp_set_interrupt(&t->esc);
	cmd_after(t);
	if (fchdir(here) == -1)
		tui_status(t, 1, "cannot return to the starting directory");
	close(here);
	return rc;
}

static void
cmd_one(struct tui *t, char **av, int ac)
{
	FILE	*out;
	size_t	 lines;
	int	 rc;

	if (t->ftp == NULL && strcmp(av[0], "lcd") != 0 &&
	    strcmp(av[0], "help") != 0) {
		(void)act_usable(t, 1);
		return;
	}
	/* stdout is the screen: "get X -" would write over it */
	if (strcmp(av[0], "get") == 0 && ac > 2 &&
	    strcmp(av[ac - 1], "-") == 0) {
		tui_status(t, 1, "get to stdout (-) is for the shell and -e");
		return;
	}
	if ((out = tmpfile()) == NULL) {
		tui_status(t, 1, "no temporary file for the output");
		return;
	}
	rc = cmd_exec(t, out, av, ac);
	lines = cmd_log_output(t, out);
	fclose(out);
	if (lines > 0) {
		t->m.view = VIEW_LOG;
		t->m.scroll = 0;
	}
	tui_status(t, rc != 0, "%s: %s", av[0], rc != 0 ? "failed" :
	    lines > 0 ? "done (L shows the log)" : "done");
}

void
cmd_run(struct tui *t, const char *line)
{
	const char	*p = line;
	char		*av[CMD_ARGS], *echo;
	int		 ac;

	echo = xasprintf(":%s", line);
	tui_log(t, FTP_LOG_INFO, echo);
	free(echo);
	while ((ac = batch_split(&p, av, CMD_ARGS)) != -1) {
		if (ac == -2) {
			tui_status(t, 1,
			    "unterminated quote or too many words");
			return;
		}
		if (ac == 0)
			continue;
		cmd_one(t, av, ac);
		batch_free_argv(av, ac);
		if (t->esc)
			break;
	}
}
