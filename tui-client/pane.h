/*
 * pane: the model of one browser pane, without curses.  It owns the
 * entries of one directory and derives the visible list from them:
 * hidden files, the filter substring and the sort order.  The cursor and
 * the marks live here too, so ui.c only draws and tests need no terminal.
 */
#ifndef PANE_H
#define PANE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum pane_kind { PE_FILE, PE_DIR, PE_LINK, PE_OTHER, PE_PARENT };

struct pane_entry {
	char		*name;		/* owned; raw bytes, may be hostile */
	char		*target;	/* a link's target when known, owned */
	enum pane_kind	 kind;
	/* a symlink to a directory: opens like one */
	int		 linkdir;
	int		 has_size;
	uint64_t	 size;
	int		 has_mtime;
	time_t		 mtime;
	int		 marked;
	/* permission bits, when the listing gave them (A shows them) */
	int		 has_mode;
	unsigned	 mode;
};

/* SORT_NAME is natural (ls -v: "f2" before "f10"); SORT_BYTES plain bytes. */
enum pane_sort { SORT_NAME, SORT_SIZE, SORT_TIME, SORT_BYTES };

#define PANE_FILTER_MAX	128
#define PANE_PATH_MAX	4096

struct pane {
	struct pane_entry *ents;	/* every entry read, owned */
	size_t		 nents, cap;
	size_t		*view;		/* indices into ents: what is shown */
	size_t		 nview;
	size_t		 cursor;	/* index into view */
	size_t		 top;		/* first view row on screen */
	enum pane_sort	 sort;
	int		 reverse;
	int		 hidden;	/* show dot files */
	char		 filter[PANE_FILTER_MAX];
	char		 path[PANE_PATH_MAX];
	char		 title[256];	/* "local" or "user@host" */
	int		 remote;
	/* the ".." row, shown when path != "/" */
	struct pane_entry up;
};

void	pane_init(struct pane *, int remote);
void	pane_free(struct pane *);
/* Forget all entries (before reading a directory). */
void	pane_clear(struct pane *);
/*
 * Add an entry; the name is copied.  The view is stale until
 * pane_update.  A ".." entry is added by pane_update when path is not "/".
 */
void	pane_add(struct pane *, const char *name, enum pane_kind, int has_size,
	    uint64_t size, int has_mtime, time_t mtime);
/* The target of the link pane_add added last (copied). */
void	pane_set_target(struct pane *, const char *target);
/*
 * Rebuild the view from the entries: hidden, filter, sort (directories
 * first).  The cursor stays on the entry named keep when it is visible
 * (keep may be NULL: it then stays on the current entry if possible).
 */
void	pane_update(struct pane *, const char *keep);

/* The entry under the cursor or NULL when the view is empty. */
struct pane_entry *pane_current(struct pane *);
/* The entry at view row i (i < nview). */
struct pane_entry *pane_at(struct pane *, size_t i);
/* Move by delta rows, clamped.  Returns 1 when the cursor moved. */
int	pane_move(struct pane *, long delta);
void	pane_home(struct pane *);
void	pane_end(struct pane *);
/* Keep the cursor inside a window of rows lines starting at top. */
void	pane_scroll(struct pane *, size_t rows);

/* Toggle the mark of the current entry (never ".."); moves down. */
void	pane_toggle_mark(struct pane *);
/* Invert the marks of every visible entry except "..". */
void	pane_invert_marks(struct pane *);
void	pane_clear_marks(struct pane *);
/* Number and total size of the marked entries. */
size_t	pane_marked(struct pane *, uint64_t *bytes);

/*
 * Natural order of two names: runs of digits compare by their value
 * ("f2" < "f10"), the rest case-insensitively.  <0, 0 or >0.
 */
int	pane_natcmp(const char *, const char *);
/* Next sort in the cycle name, size, time, bytes, then the same reversed. */
void	pane_cycle_sort(struct pane *);
/* "name", "-size", ...: a short label for the header. */
const char *pane_sort_label(const struct pane *, char *buf, size_t);
void	pane_toggle_hidden(struct pane *);
/* Set the filter substring ("" = none); the cursor keeps its entry. */
void	pane_set_filter(struct pane *, const char *);

/*
 * Directory paths.  pane_child joins path and name into out (outsz);
 * pane_parent cuts the last component of path in place and copies it to
 * last (lastsz) so the cursor can land on the directory we came from.
 * Both return 0 or -1 when the result does not fit / there is no parent.
 */
int	pane_join(const char *dir, const char *name, char *out, size_t outsz);
int	pane_parent(char *path, char *last, size_t lastsz);

#endif
