/*
 * Unit tests for tui-client/compare.c (= in the browser) and queue.c (the
 * J view's list): models without curses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "../../tui-client/compare.h"
#include "../../tui-client/pane.h"
#include "../../tui-client/queue.h"
#include "../../tui-client/xfer.h"

/* The marked names of p, comma separated. */
static const char *
marked(struct pane *p)
{
	static char out[1024];
	size_t i;

	out[0] = '\0';
	for (i = 0; i < p->nview; i++) {
		if (!pane_at(p, i)->marked)
			continue;
		if (out[0])
			strlcat(out, ",", sizeof out);
		strlcat(out, pane_at(p, i)->name, sizeof out);
	}
	return out;
}

static void
trees(struct pane *l, struct pane *r)
{
	pane_init(l, 0);
	pane_init(r, 1);
	strlcpy(l->path, "/l", sizeof l->path);
	strlcpy(r->path, "/r", sizeof r->path);
	pane_add(l, "same", PE_FILE, 1, 10, 1, 1000);
	pane_add(r, "same", PE_FILE, 1, 10, 1, 1000);
	pane_add(l, "l-only", PE_FILE, 1, 1, 1, 1000);
	pane_add(r, "r-only", PE_FILE, 1, 1, 1, 1000);
	pane_add(l, "l-newer", PE_FILE, 1, 5, 1, 9000);
	pane_add(r, "l-newer", PE_FILE, 1, 5, 1, 1000);
	pane_add(l, "r-bigger", PE_FILE, 1, 5, 1, 1000);
	pane_add(r, "r-bigger", PE_FILE, 1, 50, 1, 1000);
	/* newer wins over bigger */
	pane_add(l, "r-newer", PE_FILE, 1, 500, 1, 1000);
	pane_add(r, "r-newer", PE_FILE, 1, 5, 1, 1001 + 60);
	pane_add(l, "dir", PE_DIR, 0, 0, 1, 1);
	pane_add(r, "dir", PE_DIR, 0, 0, 1, 99999);
	pane_add(r, "r-dir", PE_DIR, 0, 0, 1, 1);
	pane_add(l, "clash", PE_FILE, 1, 1, 1, 1);
	pane_add(r, "clash", PE_DIR, 0, 0, 1, 1);
	/* within the tolerance: equal */
	pane_add(l, "close", PE_FILE, 1, 7, 1, 2000);
	pane_add(r, "close", PE_FILE, 1, 7, 1, 2001);
	pane_update(l, NULL);
	pane_update(r, NULL);
	l->ents[0].marked = 1;	/* an old mark goes */
}

static void
test_compare_marks(void **state)
{
	struct pane l, r;
	struct compare_sum s;
	char sum[256];

	(void)state;
	trees(&l, &r);
	compare_panes(&l, &r, 1, 1, &s);
	assert_string_equal(marked(&l), "clash,l-newer,l-only");
	assert_string_equal(marked(&r), "clash,r-dir,r-bigger,r-newer,r-only");
	compare_summary(&s, 0, sum, sizeof sum);
	assert_string_equal(sum, "1 only here, 1 newer here, 1 file/dir clash, "
	    "2 only there, 1 newer there, 1 bigger there");
	compare_summary(&s, 1, sum, sizeof sum);
	assert_string_equal(sum, "2 only here, 1 newer here, 1 bigger here, "
	    "1 file/dir clash, 1 only there, 1 newer there");
	pane_free(&l);
	pane_free(&r);
}

static void
test_compare_sizes_only(void **state)
{
	struct pane l, r;
	struct compare_sum s;

	(void)state;
	trees(&l, &r);
	compare_panes(&l, &r, 0, 1, &s);
	/* Without times the bigger side wins: r-newer is bigger here. */
	assert_string_equal(marked(&l), "clash,l-only,r-newer");
	assert_string_equal(marked(&r), "clash,r-dir,r-bigger,r-only");
	pane_free(&l);
	pane_free(&r);
}

static void
test_compare_equal_and_empty(void **state)
{
	struct pane l, r;
	struct compare_sum s;
	char sum[256];

	(void)state;
	pane_init(&l, 0);
	pane_init(&r, 1);
	strlcpy(l.path, "/", sizeof l.path);
	strlcpy(r.path, "/", sizeof r.path);
	pane_update(&l, NULL);
	pane_update(&r, NULL);
	compare_panes(&l, &r, 1, 1, &s);
	compare_summary(&s, 0, sum, sizeof sum);
	assert_string_equal(sum, "no differences");
	pane_free(&l);
	pane_free(&r);
}

/* 100000 names against half of them, in reverse order: n log n. */
static void
test_compare_large(void **state)
{
	struct pane l, r;
	struct compare_sum s;
	char name[32];
	size_t i;
	clock_t t0 = clock();

	(void)state;
	pane_init(&l, 0);
	pane_init(&r, 1);
	for (i = 0; i < 100000; i++) {
		snprintf(name, sizeof name, "f%06zu", i);
		pane_add(&r, name, PE_FILE, 1, i, 1, 1000);
		snprintf(name, sizeof name, "f%06zu", 99999 - i);
		if (i % 2 == 0)
			pane_add(&l, name, PE_FILE, 1, 99999 - i, 1, 1000);
	}
	pane_update(&l, NULL);
	pane_update(&r, NULL);
	compare_panes(&l, &r, 1, 1, &s);
	assert_int_equal(s.only[0], 0);
	assert_int_equal(s.only[1], 50000);
	assert_int_equal(s.newer[0] + s.newer[1] + s.bigger[0] + s.bigger[1],
	    0);
	/* seconds, even under ASan on a loaded machine: not quadratic */
	assert_true((clock() - t0) / CLOCKS_PER_SEC < 20);
	pane_free(&l);
	pane_free(&r);
}

static int
pair_names(void *arg, struct pane_entry *a, struct pane_entry *b)
{
	char *out = arg;

	assert_string_equal(a->name, b->name);
	if (out[0])
		strlcat(out, ",", 256);
	strlcat(out, a->name, 256);
	return strcmp(a->name, "r-bigger") == 0;	/* stop after it */
}

/* Files on both sides, in name order, until the callback says stop. */
static void
test_compare_pairs(void **state)
{
	struct pane l, r;
	char out[256] = "";

	(void)state;
	trees(&l, &r);
	compare_pairs(&l, &r, pair_names, out);
	assert_string_equal(out, "close,l-newer,r-bigger");
	assert_int_equal(l.ents[0].marked, 1);	/* marks left alone */
	pane_free(&l);
	pane_free(&r);
}

static struct xfer_job *
job(enum xfer_state st, const char *src)
{
	struct xfer_job *j = calloc(1, sizeof *j);

	j->state = st;
	j->src = strdup(src);
	j->dst = strdup(src);
	return j;
}

static void
test_queue_rows(void **state)
{
	struct xfer x;
	struct queue q;
	struct xfer_job *a, *b, *c, *d;

	(void)state;
	memset(&x, 0, sizeof x);
	TAILQ_INIT(&x.jobs);
	TAILQ_INIT(&x.finished);
	a = job(XJ_DONE, "/a");
	b = job(XJ_FAILED, "/b");
	c = job(XJ_RUNNING, "/c");
	d = job(XJ_QUEUED, "/d");
	TAILQ_INSERT_TAIL(&x.finished, a, entry);
	TAILQ_INSERT_TAIL(&x.finished, b, entry);
	TAILQ_INSERT_TAIL(&x.jobs, c, entry);
	TAILQ_INSERT_TAIL(&x.jobs, d, entry);
	queue_init(&q);
	queue_build(&q, &x);
	assert_int_equal(q.n, 4);
	assert_ptr_equal(q.rows[0], a);
	assert_ptr_equal(q.rows[3], d);
	assert_int_equal(q.running, 1);
	assert_int_equal(q.queued, 1);
	assert_int_equal(q.failed, 1);
	assert_int_equal(q.done, 1);
	assert_string_equal(queue_state_label(b), "FAILED");
	/* The cursor follows its job when the job finishes. */
	queue_move(&q, 2);
	assert_ptr_equal(queue_current(&q), c);
	TAILQ_REMOVE(&x.jobs, c, entry);
	c->state = XJ_DONE;
	TAILQ_INSERT_HEAD(&x.finished, c, entry);
	queue_build(&q, &x);
	assert_ptr_equal(queue_current(&q), c);
	assert_int_equal(q.cursor, 0);
	/* Moves clamp; scrolling keeps the cursor in the window. */
	queue_move(&q, -5);
	assert_int_equal(q.cursor, 0);
	queue_move(&q, 50);
	assert_int_equal(q.cursor, 3);
	queue_scroll(&q, 2);
	assert_int_equal(q.top, 2);
	queue_build(&q, NULL);
	assert_int_equal(q.n, 0);
	assert_null(queue_current(&q));
	queue_free(&q);
	TAILQ_CONCAT(&x.finished, &x.jobs, entry);
	while ((a = TAILQ_FIRST(&x.finished)) != NULL) {
		TAILQ_REMOVE(&x.finished, a, entry);
		free(a->src);
		free(a->dst);
		free(a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare_marks),
		cmocka_unit_test(test_compare_sizes_only),
		cmocka_unit_test(test_compare_equal_and_empty),
		cmocka_unit_test(test_compare_large),
		cmocka_unit_test(test_compare_pairs),
		cmocka_unit_test(test_queue_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
