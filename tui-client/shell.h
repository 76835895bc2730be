/*
 * shell: forkftp --shell, batch mode's commands at a prompt, one line at
 * a time on one session kept open: line editing, history and Tab
 * completion from libedit (complete.c finds the words), Ctrl-C cancels
 * the running command, open/close/quit manage the session.
 */
#ifndef SHELL_H
#define SHELL_H

#include "ftp.h"

struct shell_opts {
	const char	*url;		/* NULL: start unconnected */
	struct ftp_opts	 fo;		/* active, timeout, log: every open */
	unsigned	 parallel;	/* connections for trees, mget, mput */
};

/* Run the prompt until quit, bye or end of input.  The exit status. */
int	shell_run(const struct shell_opts *);

#endif
