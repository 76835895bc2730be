/*
 * batch: forkftp -e 'CMD; CMD' and -b SCRIPT.  Commands are separated by
 * ';' or newlines; words by spaces; "..." and '...' quote (a backslash
 * escapes the next character outside single quotes); '#' at the start
 * of a word comments out the rest of the line.
 */
#ifndef BATCH_H
#define BATCH_H

#include <stddef.h>

struct ftp;

struct batch_opts {
	int	 keep_going;	/* run on after a failing command */
	int	 progress;	/* draw a progress line on stderr */
	unsigned parallel;	/* connections for get -r / put -r, mget, mput */
	int	 script_stdin;	/* the script came from stdin: no put - */
};

/*
 * Split the next command off *text into argv (at most max words, each
 * malloc'd; free with batch_free_argv).  Returns the word count (0 for
 * an empty command), or -1 at the end of the text, or -2 for an
 * unterminated quote.  *text moves past the command.
 */
int	batch_split(const char **text, char **argv, int max);
void	batch_free_argv(char **argv, int argc);

/*
 * SIGINT handler for batch mode: the running transfer is aborted (ABOR)
 * and the run stops with status 130.
 */
void	batch_on_signal(int);

/*
 * "forkftp: MESSAGE\n" on stderr, with control characters (a hostile
 * server's reply text or file name) shown as '?'.
 */
void	batch_warn(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Run every command of text on f.  Returns the exit status (0, 1 or 130). */
int	batch_run(struct ftp *f, const char *text, const struct batch_opts *);

/*
 * Run one command (argv as batch_split gives it) on f: the shell and the
 * browser's ':' line.  f may be NULL for commands that need no session
 * (lcd, help).  Clears the interrupt flag first and makes it the
 * engine's.  0, or -1 (reported on stderr).
 */
int	batch_exec(struct ftp *f, const struct batch_opts *, char **argv,
	    int argc);
/* The name of the i-th command of the table, or NULL past the end. */
const char *batch_cmd_name(size_t i);
/*
 * The i-th option word of command cmd ("-c", "-O", "--delete") into
 * out.  0, or -1 past the last (or for an unknown command).
 */
int	batch_cmd_option(const char *cmd, size_t i, char *out, size_t outlen);
/* Does option word take the next word as its argument ("-O", "-cP")?  1/0. */
int	batch_opt_wants_arg(const char *cmd, const char *word);

#endif
