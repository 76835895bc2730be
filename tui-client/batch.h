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

#endif
