/*
 * tui: the interactive two-pane browser.  main.c parses options and hands
 * over here when no batch commands were given.
 */
#ifndef TUI_H
#define TUI_H

struct tui_opts {
	const char	*url;		/* ftp://... or NULL for the connection form */
	unsigned	 parallel;	/* transfer workers, default 2 */
	int		 active;	/* active (PORT/EPRT) data connections */
	int		 no_mouse;	/* leave the mouse to the terminal */
	int		 tls;		/* enum tls_mode, -1: from the URL */
};

/* Run the browser until the user quits.  Returns the exit status. */
int	tui_run(const struct tui_opts *);

#endif
