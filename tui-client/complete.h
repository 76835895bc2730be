/*
 * complete: Tab completion of a batch command line, for the shell
 * (forkftp -s) and the browser's ':' line alike.  The first word
 * completes to a command name; a word starting with '-' to one of that
 * command's options; an operand to a remote or local path, as the
 * command takes it (get REMOTE LOCAL, put LOCAL REMOTE, mirror -R LOCAL
 * REMOTE, lcd LOCAL, help COMMAND).  Remote names come from the listing
 * of the directory being completed, fetched once and kept until a
 * command that may change the remote tree runs (compl_forget).  No
 * terminal I/O here.
 */
#ifndef COMPLETE_H
#define COMPLETE_H

#include <stddef.h>

#include "ftp.h"

struct compl_cache;

struct compl_result {
	char		*insert;	/* for the cursor, escaped; malloc'd */
	struct ftp_names cands;		/* the matches (raw, for a list) */
};

struct compl_cache *compl_cache_new(void);
void	compl_cache_free(struct compl_cache *);
/* Command cmd ran: drop the listings unless it only reads. */
void	compl_forget(struct compl_cache *, const char *cmd);

/*
 * Complete the word that ends at cursor in line.  extra (NULL-ended, may
 * be NULL) adds command names (the shell's open, close, quit).  f NULL:
 * no remote completion.  Fills c (free with compl_free): insert is what
 * all the matches share beyond the typed word, plus '/' or ' ' when one
 * alone matched.  Returns the number of matches.
 */
size_t	compl_line(struct compl_cache *, struct ftp *f,
	    const char *const *extra, const char *line, size_t cursor,
	    struct compl_result *c);
void	compl_free(struct compl_result *);

#endif
