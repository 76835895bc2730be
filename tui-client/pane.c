#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pane.h"
#include "xio.h"

#define VIEW_UP	SIZE_MAX	/* view index of the ".." row */

void
pane_init(struct pane *p, int remote)
{
	memset(p, 0, sizeof *p);
	p->remote = remote;
	p->up.name = xstrdup("..");
	p->up.kind = PE_PARENT;
	strlcpy(p->path, "/", sizeof p->path);
}

void
pane_clear(struct pane *p)
{
	size_t i;

	for (i = 0; i < p->nents; i++) {
		free(p->ents[i].name);
		free(p->ents[i].target);
	}
	p->nents = 0;
	p->nview = 0;
	p->cursor = p->top = 0;
}

void
pane_free(struct pane *p)
{
	pane_clear(p);
	free(p->ents);
	free(p->view);
	free(p->up.name);
	memset(p, 0, sizeof *p);
}

void
pane_add(struct pane *p, const char *name, enum pane_kind kind, int has_size,
    uint64_t size, int has_mtime, time_t mtime)
{
	struct pane_entry *e;

	if (p->nents == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->ents = xreallocarray(p->ents, p->cap, sizeof *p->ents);
	}
	e = &p->ents[p->nents++];
	memset(e, 0, sizeof *e);
	e->name = xstrdup(name);
	e->kind = kind;
	e->has_size = has_size;
	e->size = size;
	e->has_mtime = has_mtime;
	e->mtime = mtime;
}

void
pane_set_target(struct pane *p, const char *target)
{
	struct pane_entry *e;

	if (p->nents == 0 || target == NULL)
		return;
	e = &p->ents[p->nents - 1];
	free(e->target);
	e->target = xstrdup(target);
}

struct pane_entry *
pane_at(struct pane *p, size_t i)
{
	if (i >= p->nview)
		bug("pane_at %zu of %zu", i, p->nview);
	return p->view[i] == VIEW_UP ? &p->up : &p->ents[p->view[i]];
}

struct pane_entry *
pane_current(struct pane *p)
{
	return p->nview ? pane_at(p, p->cursor) : NULL;
}

static int
pane_isdir(const struct pane_entry *e)
{
	return e->kind == PE_DIR || e->linkdir;
}

static int
cmp_num(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* A run of digits: its start without leading zeros, and its end. */
static const char *
nat_run(const char *s, const char **end)
{
	while (*s == '0' && isdigit((unsigned char)s[1]))
		s++;
	for (*end = s; isdigit((unsigned char)**end); ++*end)
		;
	return s;
}

int
pane_natcmp(const char *a, const char *b)
{
	const char *ea, *eb;
	int ca, cb, c;

	while (*a != '\0' && *b != '\0') {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			a = nat_run(a, &ea);
			b = nat_run(b, &eb);
			/* More digits: a bigger number; else digit by digit. */
			if (ea - a != eb - b)
				return ea - a < eb - b ? -1 : 1;
			if ((c = memcmp(a, b, (size_t)(ea - a))) != 0)
				return c;
			a = ea;
			b = eb;
			continue;
		}
		ca = tolower((unsigned char)*a++);
		cb = tolower((unsigned char)*b++);
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return (*a != '\0') - (*b != '\0');
}

static int
pane_cmp(const void *va, const void *vb, void *arg)
{
	const struct pane *p = arg;
	const struct pane_entry *a = &p->ents[*(const size_t *)va];
	const struct pane_entry *b = &p->ents[*(const size_t *)vb];
	int c = 0;

	if (pane_isdir(a) != pane_isdir(b))
		return pane_isdir(a) ? -1 : 1;
	/* Biggest and newest first: what one looks for when sorting so. */
	if (p->sort == SORT_SIZE)
		c = -cmp_num(a->has_size ? a->size : 0,
		    b->has_size ? b->size : 0);
	else if (p->sort == SORT_TIME)
		c = -cmp_num((uint64_t)(a->has_mtime ? a->mtime : 0),
		    (uint64_t)(b->has_mtime ? b->mtime : 0));
	if (c == 0 && p->sort != SORT_BYTES)
		c = pane_natcmp(a->name, b->name);
	if (c == 0 && p->sort != SORT_BYTES)
		c = strcasecmp(a->name, b->name);
	if (c == 0)
		c = strcmp(a->name, b->name);
	return p->reverse ? -c : c;
}

static int
pane_visible(const struct pane *p, const struct pane_entry *e)
{
	if (!p->hidden && e->name[0] == '.')
		return 0;
	if (p->filter[0] != '\0' && strcasestr(e->name, p->filter) == NULL)
		return 0;
	return 1;
}

/* Where the cursor should go: the entry named keep, else row 0. */
static void
pane_find(struct pane *p, const char *keep, size_t fallback)
{
	size_t i;

	if (fallback < p->nview)
		p->cursor = fallback;
	else
		p->cursor = p->nview ? p->nview - 1 : 0;
	if (keep == NULL)
		return;
	for (i = 0; i < p->nview; i++) {
		if (strcmp(pane_at(p, i)->name, keep) == 0) {
			p->cursor = i;
			return;
		}
	}
}

void
pane_update(struct pane *p, const char *keep)
{
	struct pane_entry *cur;
	char *save = NULL;
	size_t i, n = 0, old = p->cursor;

	if (keep == NULL && (cur = pane_current(p)) != NULL)
		keep = save = xstrdup(cur->name);
	free(p->view);
	p->view = xreallocarray(NULL, p->nents + 1, sizeof *p->view);
	if (strcmp(p->path, "/") != 0)
		p->view[n++] = VIEW_UP;
	for (i = 0; i < p->nents; i++) {
		if (pane_visible(p, &p->ents[i]))
			p->view[n++] = i;
		else
			/* never act on what is not shown */
			p->ents[i].marked = 0;
	}
	p->nview = n;
	i = (n && p->view[0] == VIEW_UP) ? 1 : 0;
	qsort_r(p->view + i, n - i, sizeof *p->view, pane_cmp, p);
	pane_find(p, keep, old);
	free(save);
}

int
pane_move(struct pane *p, long delta)
{
	size_t old = p->cursor;

	if (p->nview == 0)
		return 0;
	if (delta < 0)
		p->cursor = (size_t)-delta > p->cursor ? 0 :
		    p->cursor - (size_t)-delta;
	else if ((size_t)delta >= p->nview - p->cursor)
		p->cursor = p->nview - 1;
	else
		p->cursor += (size_t)delta;
	return p->cursor != old;
}

void
pane_home(struct pane *p)
{
	p->cursor = 0;
}

void
pane_end(struct pane *p)
{
	p->cursor = p->nview ? p->nview - 1 : 0;
}

void
pane_scroll(struct pane *p, size_t rows)
{
	if (rows == 0)
		return;
	if (p->cursor < p->top)
		p->top = p->cursor;
	else if (p->cursor >= p->top + rows)
		p->top = p->cursor - rows + 1;
	if (p->nview <= rows)
		p->top = 0;
	else if (p->top > p->nview - rows)
		p->top = p->nview - rows;
}

void
pane_toggle_mark(struct pane *p)
{
	struct pane_entry *e = pane_current(p);

	if (e == NULL)
		return;
	if (e->kind != PE_PARENT)
		e->marked = !e->marked;
	pane_move(p, 1);
}

void
pane_invert_marks(struct pane *p)
{
	size_t i;

	for (i = 0; i < p->nview; i++) {
		struct pane_entry *e = pane_at(p, i);

		if (e->kind != PE_PARENT)
			e->marked = !e->marked;
	}
}

void
pane_clear_marks(struct pane *p)
{
	size_t i;

	for (i = 0; i < p->nents; i++)
		p->ents[i].marked = 0;
}

size_t
pane_marked(struct pane *p, uint64_t *bytes)
{
	size_t i, n = 0;
	uint64_t b = 0;

	for (i = 0; i < p->nents; i++) {
		if (!p->ents[i].marked)
			continue;
		n++;
		if (p->ents[i].has_size && !pane_isdir(&p->ents[i]))
			b += p->ents[i].size;
	}
	if (bytes != NULL)
		*bytes = b;
	return n;
}

void
pane_cycle_sort(struct pane *p)
{
	if (p->sort == SORT_BYTES) {
		p->sort = SORT_NAME;
		p->reverse = !p->reverse;
	} else
		p->sort++;
	pane_update(p, NULL);
}

const char *
pane_sort_label(const struct pane *p, char *buf, size_t len)
{
	static const char *names[] = { "name", "size", "time", "bytes" };

	xsnprintf(buf, len, "%s%s", p->reverse ? "-" : "", names[p->sort]);
	return buf;
}

void
pane_toggle_hidden(struct pane *p)
{
	p->hidden = !p->hidden;
	pane_update(p, NULL);
}

void
pane_set_filter(struct pane *p, const char *f)
{
	strlcpy(p->filter, f, sizeof p->filter);
	pane_update(p, NULL);
}

int
pane_join(const char *dir, const char *name, char *out, size_t outsz)
{
	size_t n = strlen(dir);
	int r;

	if (n > 0 && dir[n - 1] == '/')
		r = snprintf(out, outsz, "%s%s", dir, name);
	else
		r = snprintf(out, outsz, "%s/%s", dir, name);
	return (r < 0 || (size_t)r >= outsz) ? -1 : 0;
}

int
pane_parent(char *path, char *last, size_t lastsz)
{
	char *slash;
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	if (strcmp(path, "/") == 0 || (slash = strrchr(path, '/')) == NULL)
		return -1;
	strlcpy(last, slash + 1, lastsz);
	if (slash == path)
		slash[1] = '\0';
	else
		*slash = '\0';
	return 0;
}
