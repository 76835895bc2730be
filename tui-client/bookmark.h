/*
 * bookmark: the browser's bookmarks and recent servers, kept in two files
 * of the same line format, never with a password:
 *
 *	name TAB host TAB port TAB user TAB directory [TAB tls]
 *
 * Each field is percent-encoded ('%', tabs and other control bytes as
 * %XX, as in ftp:// URLs), so any name or path fits on one line.  Lines
 * starting with '#' and empty lines are comments; a line that does not
 * parse is skipped.  The recent list (history) leaves the name empty.
 * tls is the TLS mode (tls.h's names: auto, required, implicit, off);
 * files written before it existed have no such field, read as auto.
 * Nothing here knows of curses.
 */
#ifndef BOOKMARK_H
#define BOOKMARK_H

#include <stddef.h>

#define BM_MAX		1000	/* entries read from a file, at most */
#define BM_RECENT_MAX	10	/* servers the history keeps */
#define BM_LINE_MAX	8192	/* a longer line is skipped */
#define BM_FILE_MAX	(8 * 1024 * 1024)	/* bytes read, at most */

enum bm_file { BM_BOOKMARKS, BM_HISTORY, BM_KNOWN_HOSTS };

struct bookmark {
	char	name[256];
	char	host[256];
	char	port[32];
	char	user[256];
	char	dir[4096];
	char	tls[16];	/* "auto", "required", "implicit", "off" */
};

/* A list that owns its array. */
struct bm_list {
	struct bookmark	*v;
	size_t		 n;
};

/*
 * One line (without its newline) into b: 0, or -1 when it is not an
 * entry (comment, wrong field count, bad escape, a field too long, no
 * host, a port that is not 1-65535).  An empty port reads as "21".
 */
int	bm_parse_line(const char *line, struct bookmark *b);
/* b as one line with its newline into out: 0, or -1 if it does not fit. */
int	bm_format_line(const struct bookmark *b, char *out, size_t len);

/*
 * Read the file at path into l (which it replaces; free with bm_free).
 * A missing file is an empty list.  Bad lines are skipped; reading stops
 * after BM_MAX entries or BM_FILE_MAX bytes.  0, or -1 with errno when
 * the file exists but cannot be read (l is then empty).
 */
int	bm_load(const char *path, struct bm_list *l);
/*
 * Write l to path atomically: a temporary file in the same directory
 * (mode 0600), fsync, rename.  Missing directories are made with mode
 * 0700.  0, or -1 with errno.
 */
int	bm_save(const char *path, const struct bm_list *l);
void	bm_free(struct bm_list *);

/* Append b, or replace the entry of the same name: 0, or -1 when full. */
int	bm_set(struct bm_list *, const struct bookmark *b);
/* Remove entry i (out of range: nothing). */
void	bm_remove(struct bm_list *, size_t i);
/*
 * b to the front of a recent list: an entry for the same host, port and
 * user goes; at most BM_RECENT_MAX stay.  The name is cleared.
 */
void	bm_recent_push(struct bm_list *, const struct bookmark *b);

/*
 * The path of a file: $XDG_CONFIG_HOME/forkftp/bookmarks and
 * $XDG_STATE_HOME/forkftp/history, by default under ~/.config and
 * ~/.local/state (a relative XDG variable is ignored, as the XDG Base
 * Directory spec says).  BM_KNOWN_HOSTS is hostpin.c's file of pinned
 * certificates, next to the history.  0, or -1 when there is no home or
 * it is too long.
 */
int	bm_path(enum bm_file, char *out, size_t len);
/* mkdir -p of the directory part of path, new directories 0700.  0 or -1. */
int	bm_mkdirs(const char *path);
/*
 * Replace the file at path whole (bookmarks, history, known hosts): fill
 * writes the new contents to fd, a private (0600) temporary beside path,
 * which is synced and renamed over path only when fill returned 0.  The
 * directory is made first.  0, or -1 with errno and path unchanged.
 */
int	bm_replace(const char *path, int (*fill)(int fd, void *arg), void *arg);

#endif
