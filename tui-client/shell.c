/*
 * shell: see shell.h.  libedit reads the lines (its own API, histedit.h);
 * batch.c runs them; complete.c finds what Tab adds.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "bookmark.h"
#include "buf.h"
#include "complete.h"
#include "ftp.h"
#include "login.h"
#include "safe.h"
#include "shell.h"
#include "xio.h"

#define SHELL_HISTORY	1000	/* lines kept in the history file */
#define SHELL_ARGS	64	/* words of one command */
#define SHELL_LIST_COLS	76	/* width of a list of completions */

struct shell {
	const struct shell_opts	*o;
	struct ftp_opts		 fo;	/* o->fo with our log hook */
	struct batch_opts	 bo;
	struct ftp		*f;	/* NULL while unconnected */
	char			 who[512];	/* user@host, raw */
	struct compl_cache	*cc;
	EditLine		*el;
	History			*h;
	char			 histpath[4096];	/* "": none */
	struct buf		 prompt;
	int			 done;
};

struct shell_cmd {
	const char	*name, *usage, *help;
	int		 min, max;	/* operands */
	void		(*fn)(struct shell *, char **, int);
};

/* Set by Ctrl-C: ends the wait of a completion or the prompt. */
static volatile sig_atomic_t shell_intr;

static void
shell_on_sigint(int sig)
{
	shell_intr = 1;
	batch_on_signal(sig);
}

static void
sh_open(struct shell *sh, char **av, int ac)
{
	(void)ac;
	if (sh->f != NULL) {
		ftp_close(sh->f);
		sh->f = NULL;
	}
	shell_intr = 0;
	ftp_set_interrupt(&shell_intr);
	(void)login_url(av[0], &sh->fo, &sh->f, sh->who, sizeof(sh->who));
}

static void
sh_close(struct shell *sh, char **av, int ac)
{
	(void)av, (void)ac;
	if (sh->f == NULL)
		batch_warn("close: not connected");
	ftp_close(sh->f);
	sh->f = NULL;
}

static void
sh_quit(struct shell *sh, char **av, int ac)
{
	(void)av, (void)ac;
	sh->done = 1;
}

static void	sh_help(struct shell *, char **, int);

static const struct shell_cmd shell_cmds[] = {
	{ "open",  "open URL",
	    "connect to ftp://[user[:password]@]host[:port][/path]",
	    1, 1, sh_open },
	{ "close", "close", "disconnect", 0, 0, sh_close },
	{ "quit",  "quit", "leave the shell (also bye, Ctrl-D)",
	    0, 0, sh_quit },
	{ "bye",   "bye", "leave the shell", 0, 0, sh_quit },
	{ "help",  "help [COMMAND]", "list the commands, or describe one",
	    0, 1, sh_help },
};

#define SHELL_NCMDS	(sizeof(shell_cmds) / sizeof(shell_cmds[0]))

/* The shell's own names for completion (help is batch's too). */
static const char *const shell_words[] = { "open", "close", "quit", "bye",
	"help", NULL };

static const struct shell_cmd *
shell_lookup(const char *name)
{
	size_t	 i;

	for (i = 0; i < SHELL_NCMDS; i++)
		if (strcmp(shell_cmds[i].name, name) == 0)
			return &shell_cmds[i];
	return NULL;
}

/* As batch mode's help says it: "usage: open URL", then what it does. */
static void
shell_cmd_help(const struct shell_cmd *c)
{
	printf("usage: %s\n  %s\n", c->usage, c->help);
}

/*
 * help: batch mode's table says what its commands do, from the same
 * rows its usage messages come from; the shell adds its own.
 */
static void
sh_help(struct shell *sh, char **av, int ac)
{
	const struct shell_cmd	*c;
	char			*hv[2] = { "help", ac > 0 ? av[0] : NULL };
	size_t			 i;

	c = ac > 0 ? shell_lookup(av[0]) : NULL;
	if (c != NULL && strcmp(c->name, "help") != 0) {
		shell_cmd_help(c);
		return;
	}
	/* The shell's words first: batch's list ends with a footer. */
	for (i = 0; ac == 0 && i < SHELL_NCMDS; i++)
		if (strcmp(shell_cmds[i].name, "help") != 0)
			printf("%s\n", shell_cmds[i].usage);
	(void)batch_exec(sh->f, &sh->bo, hv, 1 + ac);
}

/* Batch commands that need no session. */
static int
shell_offline(const char *name)
{
	return strcmp(name, "lcd") == 0;
}

static int
shell_known(const char *name)
{
	const char	*n;
	size_t		 i;

	for (i = 0; (n = batch_cmd_name(i)) != NULL; i++)
		if (strcmp(n, name) == 0)
			return 1;
	return 0;
}

static void
shell_cmd(struct shell *sh, char **av, int ac)
{
	const struct shell_cmd	*c;

	if ((c = shell_lookup(av[0])) != NULL) {
		if (ac - 1 < c->min || ac - 1 > c->max)
			batch_warn("usage: %s", c->usage);
		else
			c->fn(sh, av + 1, ac - 1);
		return;
	}
	if (sh->f == NULL && shell_known(av[0]) && !shell_offline(av[0])) {
		batch_warn("%s: not connected (open URL first)", av[0]);
		return;
	}
	(void)batch_exec(sh->f, &sh->bo, av, ac);
}

/* History: $XDG_STATE_HOME/forkftp/history-shell, 0600. */

static void
history_path(struct shell *sh)
{
	char	 p[sizeof(sh->histpath)];

	sh->histpath[0] = '\0';
	if (bm_path(BM_HISTORY, p, sizeof(p)) == -1)
		return;
	if ((size_t)snprintf(sh->histpath, sizeof(sh->histpath), "%s-shell",
	    p) >= sizeof(sh->histpath))
		sh->histpath[0] = '\0';
}

static int
history_fill(int fd, void *arg)
{
	struct shell	*sh = arg;
	HistEvent	 ev;
	FILE		*fp;
	int		 dfd, r;

	/* fclose closes its descriptor: the caller's fd must stay open. */
	if ((dfd = dup(fd)) == -1)
		return -1;
	if ((fp = fdopen(dfd, "w")) == NULL) {
		close(dfd);
		return -1;
	}
	r = history(sh->h, &ev, H_SAVE_FP, fp);
	if (fclose(fp) == EOF)
		r = -1;
	return r == -1 ? -1 : 0;
}

/* Written whole to a temporary file and renamed: never half a history. */
static void
history_save(struct shell *sh)
{
	if (sh->histpath[0] != '\0')
		(void)bm_replace(sh->histpath, history_fill, sh);
}

static void
history_open(struct shell *sh)
{
	HistEvent	 ev;

	sh->h = history_init();
	history(sh->h, &ev, H_SETSIZE, SHELL_HISTORY);
	history(sh->h, &ev, H_SETUNIQUE, 1);
	history_path(sh);
	if (sh->histpath[0] != '\0')
		(void)history(sh->h, &ev, H_LOAD, sh->histpath);
}

static void
history_remember(struct shell *sh, const char *line)
{
	HistEvent	 ev;
	char		*l = xstrdup(line);
	size_t		 n = strlen(l);

	while (n > 0 && (l[n - 1] == '\n' || l[n - 1] == '\r'))
		l[--n] = '\0';
	if (l[strspn(l, " \t")] != '\0') {
		history(sh->h, &ev, H_ENTER, l);
		history_save(sh);
	}
	free(l);
}

/* libedit callbacks. */

static struct shell *
shell_of(EditLine *el)
{
	void	*sh;

	el_get(el, EL_CLIENTDATA, &sh);
	return sh;
}

/* "forkftp bob@host:/dir> ", the server's parts made safe. */
static char *
shell_prompt(EditLine *el)
{
	struct shell	*sh = shell_of(el);

	buf_reset(&sh->prompt);
	buf_adds(&sh->prompt, "forkftp");
	if (sh->f != NULL) {
		buf_addc(&sh->prompt, ' ');
		safe_buf(&sh->prompt, sh->who, 0);
		buf_addc(&sh->prompt, ':');
		safe_buf(&sh->prompt, ftp_cwd_path(sh->f), 0);
	}
	buf_adds(&sh->prompt, "> ");
	return (char *)buf_cstr(&sh->prompt);
}

/* The matches, in columns of one width, below the line. */
static void
shell_list(const struct ftp_names *names)
{
	size_t	 i, w = 0, cols, l;

	for (i = 0; i < names->n; i++)
		if ((l = strlen(names->name[i])) > w)
			w = l;
	cols = SHELL_LIST_COLS / (w + 2) > 0 ? SHELL_LIST_COLS / (w + 2) : 1;
	fputc('\n', stdout);
	for (i = 0; i < names->n; i++) {
		safe_fputs(names->name[i], stdout);
		if ((i + 1) % cols == 0 || i + 1 == names->n)
			fputc('\n', stdout);
		else
			printf("%*s", (int)(w + 2 - strlen(names->name[i])),
			    "");
	}
	fflush(stdout);
}

static unsigned char
shell_complete(EditLine *el, int ch)
{
	struct shell	*sh = shell_of(el);
	const LineInfo	*li = el_line(el);
	struct compl_result	 c;
	char		*upto;
	unsigned char	 rc = CC_ERROR;

	(void)ch;
	upto = xstrndup(li->buffer, (size_t)(li->cursor - li->buffer));
	shell_intr = 0;
	ftp_set_interrupt(&shell_intr);
	if (compl_line(sh->cc, sh->f, shell_words, upto, strlen(upto),
	    &c) > 0) {
		if (*c.insert != '\0') {
			el_insertstr(el, c.insert);
			rc = CC_REFRESH;
		} else {
			shell_list(&c.cands);
			rc = CC_REDISPLAY;
		}
	}
	compl_free(&c);
	free(upto);
	return rc;
}

/*
 * A lost connection is re-opened by the engine at the next command; the
 * user is told it happened.  With -v every line goes to the log.
 */
static void
shell_log(void *arg, enum ftp_log_dir dir, const char *line)
{
	struct shell	*sh = arg;

	if (sh->o->fo.log != NULL)
		sh->o->fo.log(sh->o->fo.log_arg, dir, line);
	else if (dir == FTP_LOG_INFO && strncmp(line, "reconnecting", 12) == 0)
		batch_warn("the connection was lost; %s", line);
}

static void
shell_edit_init(struct shell *sh)
{
	sh->el = el_init("forkftp", stdin, stdout, stderr);
	el_set(sh->el, EL_CLIENTDATA, sh);
	el_set(sh->el, EL_PROMPT, shell_prompt);
	el_set(sh->el, EL_EDITOR, "emacs");
	el_set(sh->el, EL_SIGNAL, 1);
	el_set(sh->el, EL_HIST, history, sh->h);
	el_set(sh->el, EL_ADDFN, "forkftp-complete",
	    "complete a command, option or path", shell_complete);
	el_set(sh->el, EL_BIND, "^I", "forkftp-complete", NULL);
	el_set(sh->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
	el_source(sh->el, NULL);
}

/* Run the commands of one line; Ctrl-C drops the rest of it. */
static void
shell_line(struct shell *sh, const char *line)
{
	const char	*p = line;
	char		*av[SHELL_ARGS];
	int		 ac;

	history_remember(sh, line);
	shell_intr = 0;
	while (!sh->done && !shell_intr &&
	    (ac = batch_split(&p, av, SHELL_ARGS)) != -1) {
		if (ac == -2) {
			batch_warn("unterminated quote or too many words");
			break;
		}
		if (ac == 0)
			continue;
		shell_cmd(sh, av, ac);
		compl_forget(sh->cc, av[0]);
		batch_free_argv(av, ac);
	}
	fflush(stdout);
}

static void
shell_loop(struct shell *sh)
{
	const char	*line;
	int		 n;

	while (!sh->done) {
		shell_intr = 0;
		errno = 0;
		if ((line = el_gets(sh->el, &n)) != NULL) {
			shell_line(sh, line);
			continue;
		}
		fputc('\n', stdout);
		/* Ctrl-C at the prompt: a fresh one.  Ctrl-D: leave. */
		if (n == -1 && (errno == EINTR || shell_intr))
			continue;
		break;
	}
}

/* Ctrl-C interrupts the waits (no SA_RESTART) instead of killing us. */
static void
shell_signals(void)
{
	struct sigaction sa = { .sa_handler = shell_on_sigint };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
}

/*
 * An unverified certificate met at the prompt: its facts (made safe: the
 * names come from the server) and the browser's choice, read as a line:
 * o once, a always (pin it), anything else rejects.
 */
static enum tls_answer
shell_trust_ask(void *arg, const struct tls_facts *f)
{
	struct buf	 b, out;
	char		 line[64];

	(void)arg;
	buf_init(&b);
	buf_init(&out);
	buf_printf(&b, "The certificate of %s cannot be verified: %s\n"
	    "  subject:     %s\n  issuer:      %s\n  valid:       %s to %s\n"
	    "  SHA-256:     %s\n", f->hostport, f->reason, f->subject,
	    f->issuer, f->not_before, f->not_after, f->fingerprint);
	safe_buf(&out, buf_cstr(&b), 1);
	fputs(buf_cstr(&out), stdout);
	buf_free(&b);
	buf_free(&out);
	fputs("Trust it? o: once, a: always (pin it), r: reject [r] ", stdout);
	fflush(stdout);
	if (fgets(line, sizeof(line), stdin) == NULL)
		return TLS_REJECT;
	return line[0] == 'a' ? TLS_ALWAYS : line[0] == 'o' ? TLS_ONCE :
	    TLS_REJECT;
}

int
shell_run(const struct shell_opts *o)
{
	struct shell	 sh = { .o = o, .fo = o->fo,
			    .bo = { .keep_going = 1,
			    .parallel = o->parallel } };

	sh.fo.log = shell_log;
	sh.fo.log_arg = &sh;
	sh.bo.progress = isatty(STDERR_FILENO);
	sh.cc = compl_cache_new();
	buf_init(&sh.prompt);
	shell_signals();
	if (isatty(STDIN_FILENO))
		tls_set_ask(shell_trust_ask, &sh);
	if (o->url != NULL) {
		shell_intr = 0;
		ftp_set_interrupt(&shell_intr);
		(void)login_url(o->url, &sh.fo, &sh.f, sh.who, sizeof(sh.who));
	}
	history_open(&sh);
	shell_edit_init(&sh);
	shell_loop(&sh);
	el_end(sh.el);
	history_end(sh.h);
	ftp_close(sh.f);
	compl_cache_free(sh.cc);
	buf_free(&sh.prompt);
	return 0;
}
