/*
 * compare: the two panes side by side (=), without curses.  Entries are
 * matched by name (the visible ones, ".." aside).  In each pane it marks
 * what the other side lacks or has older: a name only on one side, a
 * file newer on one side (when both sides give times: with_times), or,
 * when the times say nothing, bigger on one side.  Directories are
 * compared by name only; a file on one side and a directory on the other
 * is marked on both.  Other marks are cleared first, so F5 then copies
 * exactly the difference.
 */
#ifndef COMPARE_H
#define COMPARE_H

#include <stddef.h>

struct pane;
struct pane_entry;

struct compare_sum {
	/* per pane: 0 and 1 as given to compare_panes */
	size_t	only[2], newer[2], bigger[2], kind[2];
};

/*
 * Compare a and b and set their marks.  with_times: both sides' times
 * are exact (a local directory and MLSD), else sizes only.  Times that
 * differ by tolerance seconds or less count as equal.  O(n log n).
 */
void	compare_panes(struct pane *a, struct pane *b, int with_times,
	    long tolerance, struct compare_sum *);
/*
 * Call fn for each name that is a file in both a and b (the entries of
 * a, then b), in name order, until fn returns nonzero.  For a caller
 * that fetches exact times first (MDTM).  Marks are left alone.
 */
typedef int (*compare_pair_fn)(void *arg, struct pane_entry *,
	    struct pane_entry *);
void	compare_pairs(struct pane *a, struct pane *b, compare_pair_fn fn,
	    void *arg);
/*
 * "3 only here, 2 newer here, 1 only there" seen from pane side
 * ("no differences" when there are none).
 */
void	compare_summary(const struct compare_sum *, int side, char *out,
	    size_t len);

#endif
