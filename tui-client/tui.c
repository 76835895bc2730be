#include <stdio.h>

#include "tui.h"

/* Placeholder until the browser lands: say so instead of pretending. */
int
tui_run(const struct tui_opts *o)
{
	(void)o;
	fprintf(stderr, "forkftp: the interactive browser is not built yet; "
	    "use -e or -b\n");
	return 1;
}
