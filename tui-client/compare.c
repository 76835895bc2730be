/* Compare two panes by name; mark the difference.  No curses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "pane.h"
#include "xio.h"

static int
cmp_name(const void *x, const void *y)
{
	const struct pane_entry *a = *(struct pane_entry *const *)x;
	const struct pane_entry *b = *(struct pane_entry *const *)y;

	return strcmp(a->name, b->name);
}

/*
 * The visible entries of p without "..", sorted by name, their marks
 * cleared if clear.  Caller frees.
 */
static struct pane_entry **
cmp_sorted(struct pane *p, size_t *n, int clear)
{
	struct pane_entry **v = xreallocarray(NULL, p->nview + 1, sizeof *v);
	size_t i;

	*n = 0;
	for (i = 0; i < p->nview; i++) {
		struct pane_entry *e = pane_at(p, i);

		if (e->kind == PE_PARENT)
			continue;
		if (clear)
			e->marked = 0;
		v[(*n)++] = e;
	}
	qsort(v, *n, sizeof *v, cmp_name);
	return v;
}

static int
cmp_isdir(const struct pane_entry *e)
{
	return e->kind == PE_DIR || e->linkdir;
}

/* One name on both sides: which of them to mark. */
static void
cmp_pair(struct pane_entry *e[2], int with_times, long tol,
    struct compare_sum *s)
{
	int d0 = cmp_isdir(e[0]), d1 = cmp_isdir(e[1]), w;
	long dt;

	if (d0 && d1)
		return;
	if (d0 != d1) {
		e[0]->marked = e[1]->marked = 1;
		s->kind[0]++;
		s->kind[1]++;
		return;
	}
	if (with_times && e[0]->has_mtime && e[1]->has_mtime) {
		dt = (long)(e[0]->mtime - e[1]->mtime);
		if (dt > tol || dt < -tol) {
			w = dt < 0;
			e[w]->marked = 1;
			s->newer[w]++;
			return;
		}
	}
	if (e[0]->has_size && e[1]->has_size && e[0]->size != e[1]->size) {
		w = e[1]->size > e[0]->size;
		e[w]->marked = 1;
		s->bigger[w]++;
	}
}

static void
cmp_only(struct pane_entry *e, int side, struct compare_sum *s)
{
	e->marked = 1;
	s->only[side]++;
}

void
compare_panes(struct pane *a, struct pane *b, int with_times, long tol,
    struct compare_sum *s)
{
	struct pane_entry **v[2], *e[2];
	size_t n[2], i = 0, k = 0;
	int c;

	memset(s, 0, sizeof *s);
	v[0] = cmp_sorted(a, &n[0], 1);
	v[1] = cmp_sorted(b, &n[1], 1);
	while (i < n[0] || k < n[1]) {
		c = i == n[0] ? 1 : k == n[1] ? -1 :
		    strcmp(v[0][i]->name, v[1][k]->name);
		if (c < 0)
			cmp_only(v[0][i++], 0, s);
		else if (c > 0)
			cmp_only(v[1][k++], 1, s);
		else {
			e[0] = v[0][i++];
			e[1] = v[1][k++];
			cmp_pair(e, with_times, tol, s);
		}
	}
	free(v[0]);
	free(v[1]);
}

void
compare_pairs(struct pane *a, struct pane *b, compare_pair_fn fn, void *arg)
{
	struct pane_entry **v[2];
	size_t n[2], i = 0, k = 0;
	int c, stop = 0;

	v[0] = cmp_sorted(a, &n[0], 0);
	v[1] = cmp_sorted(b, &n[1], 0);
	while (!stop && i < n[0] && k < n[1]) {
		c = strcmp(v[0][i]->name, v[1][k]->name);
		if (c == 0 && !cmp_isdir(v[0][i]) && !cmp_isdir(v[1][k]))
			stop = fn(arg, v[0][i], v[1][k]);
		i += c <= 0;
		k += c >= 0;
	}
	free(v[0]);
	free(v[1]);
}

static void
cmp_term(char *out, size_t len, size_t n, const char *what, const char *where)
{
	size_t used = strlen(out);

	if (n == 0 || used >= len)
		return;
	snprintf(out + used, len - used, "%s%zu %s%s%s", used ? ", " : "", n,
	    what, where[0] ? " " : "", where);
}

void
compare_summary(const struct compare_sum *s, int side, char *out, size_t len)
{
	int o = !side;

	out[0] = '\0';
	cmp_term(out, len, s->only[side], "only", "here");
	cmp_term(out, len, s->newer[side], "newer", "here");
	cmp_term(out, len, s->bigger[side], "bigger", "here");
	cmp_term(out, len, s->kind[side], "file/dir clash", "");
	cmp_term(out, len, s->only[o], "only", "there");
	cmp_term(out, len, s->newer[o], "newer", "there");
	cmp_term(out, len, s->bigger[o], "bigger", "there");
	if (out[0] == '\0')
		snprintf(out, len, "no differences");
}
