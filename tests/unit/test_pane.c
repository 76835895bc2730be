/* Unit tests for tui-client/pane.c: the pane model without curses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "../../tui-client/pane.h"

static void
fill(struct pane *p, const char *path)
{
	pane_init(p, 0);
	strlcpy(p->path, path, sizeof p->path);
	pane_add(p, "b.txt", PE_FILE, 1, 300, 1, 1000);
	pane_add(p, "A.txt", PE_FILE, 1, 100, 1, 3000);
	pane_add(p, "zdir", PE_DIR, 0, 0, 1, 500);
	pane_add(p, ".hidden", PE_FILE, 1, 5, 1, 10);
	pane_add(p, "c.bin", PE_FILE, 1, 200, 1, 2000);
	pane_update(p, NULL);
}

/* The visible names, comma separated. */
static const char *
names(struct pane *p)
{
	static char out[512];
	size_t i;

	out[0] = '\0';
	for (i = 0; i < p->nview; i++) {
		if (i)
			strlcat(out, ",", sizeof out);
		strlcat(out, pane_at(p, i)->name, sizeof out);
	}
	return out;
}

static void
test_default_view(void **state)
{
	struct pane p;

	(void)state;
	fill(&p, "/x");
	/* "..", directories, names case-insensitively, no dot files */
	assert_string_equal(names(&p), "..,zdir,A.txt,b.txt,c.bin");
	pane_free(&p);
	fill(&p, "/");
	assert_string_equal(names(&p), "zdir,A.txt,b.txt,c.bin");
	pane_free(&p);
}

static void
test_sort_cycle(void **state)
{
	struct pane p;
	char lbl[16];

	(void)state;
	fill(&p, "/");
	pane_cycle_sort(&p);
	assert_string_equal(pane_sort_label(&p, lbl, sizeof lbl), "size");
	assert_string_equal(names(&p), "zdir,b.txt,c.bin,A.txt");
	pane_cycle_sort(&p);
	assert_string_equal(pane_sort_label(&p, lbl, sizeof lbl), "time");
	assert_string_equal(names(&p), "zdir,A.txt,c.bin,b.txt");
	pane_cycle_sort(&p);
	assert_string_equal(pane_sort_label(&p, lbl, sizeof lbl), "bytes");
	assert_string_equal(names(&p), "zdir,A.txt,b.txt,c.bin");
	pane_cycle_sort(&p);
	assert_string_equal(pane_sort_label(&p, lbl, sizeof lbl), "-name");
	assert_string_equal(names(&p), "zdir,c.bin,b.txt,A.txt");
	pane_cycle_sort(&p);
	pane_cycle_sort(&p);
	pane_cycle_sort(&p);
	pane_cycle_sort(&p);
	assert_string_equal(pane_sort_label(&p, lbl, sizeof lbl), "name");
	pane_free(&p);
}

/* Natural order by default (ls -v), byte order as the "bytes" sort. */
static void
test_natural_sort(void **state)
{
	struct pane p;

	(void)state;
	pane_init(&p, 0);
	strlcpy(p.path, "/", sizeof p.path);
	pane_add(&p, "f10", PE_FILE, 0, 0, 0, 0);
	pane_add(&p, "f2", PE_FILE, 0, 0, 0, 0);
	pane_add(&p, "F1", PE_FILE, 0, 0, 0, 0);
	pane_add(&p, "f002x", PE_FILE, 0, 0, 0, 0);
	pane_add(&p, "f100", PE_FILE, 0, 0, 0, 0);
	pane_update(&p, NULL);
	assert_string_equal(names(&p), "F1,f2,f002x,f10,f100");
	p.sort = SORT_BYTES;
	pane_update(&p, NULL);
	assert_string_equal(names(&p), "F1,f002x,f10,f100,f2");
	assert_true(pane_natcmp("a9", "a10") < 0);
	assert_true(pane_natcmp("a10", "a9") > 0);
	assert_true(pane_natcmp("x", "x") == 0);
	assert_true(pane_natcmp("x1", "x") > 0);
	assert_true(pane_natcmp("v1.9.2", "v1.10.0") < 0);
	pane_free(&p);
}

static void
test_hidden_and_filter(void **state)
{
	struct pane p;

	(void)state;
	fill(&p, "/x");
	pane_toggle_hidden(&p);
	assert_string_equal(names(&p), "..,zdir,.hidden,A.txt,b.txt,c.bin");
	pane_set_filter(&p, "TXT");
	assert_string_equal(names(&p), "..,A.txt,b.txt");
	pane_set_filter(&p, "nomatch");
	assert_string_equal(names(&p), "..");
	pane_set_filter(&p, "");
	assert_int_equal(p.nview, 6);
	pane_free(&p);
}

static void
test_cursor_keeps_entry(void **state)
{
	struct pane p;

	(void)state;
	fill(&p, "/");
	pane_end(&p);
	assert_string_equal(pane_current(&p)->name, "c.bin");
	pane_cycle_sort(&p);	/* size: c.bin moves, the cursor follows */
	assert_string_equal(pane_current(&p)->name, "c.bin");
	pane_set_filter(&p, "txt");	/* c.bin hidden: cursor clamps */
	assert_non_null(pane_current(&p));
	assert_true(p.cursor < p.nview);
	pane_free(&p);
}

static void
test_move_and_scroll(void **state)
{
	struct pane p;

	(void)state;
	fill(&p, "/x");
	assert_int_equal(pane_move(&p, -1), 0);
	assert_int_equal(pane_move(&p, 100), 1);
	assert_int_equal(p.cursor, p.nview - 1);
	pane_scroll(&p, 2);
	assert_int_equal(p.top, p.nview - 2);
	pane_home(&p);
	pane_scroll(&p, 2);
	assert_int_equal(p.top, 0);
	pane_free(&p);
}

static void
test_marks(void **state)
{
	struct pane p;
	uint64_t bytes;

	(void)state;
	fill(&p, "/x");
	pane_toggle_mark(&p);	/* ".." cannot be marked; the cursor moves on */
	assert_int_equal(pane_marked(&p, NULL), 0);
	assert_int_equal(p.cursor, 1);
	pane_toggle_mark(&p);	/* zdir */
	pane_toggle_mark(&p);	/* A.txt */
	assert_int_equal(pane_marked(&p, &bytes), 2);
	assert_int_equal(bytes, 100);	/* directories count no bytes */
	pane_invert_marks(&p);
	assert_int_equal(pane_marked(&p, &bytes), 2);	/* b.txt, c.bin */
	assert_int_equal(bytes, 500);
	pane_set_filter(&p, "b.txt");	/* c.bin hidden: unmarked */
	assert_int_equal(pane_marked(&p, NULL), 1);
	pane_clear_marks(&p);
	assert_int_equal(pane_marked(&p, NULL), 0);
	pane_free(&p);
}

static void
test_paths(void **state)
{
	char out[64], last[32], path[64];

	(void)state;
	assert_int_equal(pane_join("/", "a", out, sizeof out), 0);
	assert_string_equal(out, "/a");
	assert_int_equal(pane_join("/x/y", "a b", out, sizeof out), 0);
	assert_string_equal(out, "/x/y/a b");
	assert_int_equal(pane_join("/x",
	    "0123456789012345678901234567890123456789"
	    "0123456789012345678901234", out, sizeof out), -1);
	strlcpy(path, "/x/y/", sizeof path);
	assert_int_equal(pane_parent(path, last, sizeof last), 0);
	assert_string_equal(path, "/x");
	assert_string_equal(last, "y");
	assert_int_equal(pane_parent(path, last, sizeof last), 0);
	assert_string_equal(path, "/");
	assert_string_equal(last, "x");
	assert_int_equal(pane_parent(path, last, sizeof last), -1);
}

static void
test_empty_pane(void **state)
{
	struct pane p;

	(void)state;
	pane_init(&p, 1);
	pane_update(&p, NULL);
	assert_null(pane_current(&p));
	assert_int_equal(pane_move(&p, 1), 0);
	pane_toggle_mark(&p);
	pane_invert_marks(&p);
	pane_end(&p);
	pane_scroll(&p, 10);
	assert_int_equal(p.cursor, 0);
	pane_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_view),
		cmocka_unit_test(test_sort_cycle),
		cmocka_unit_test(test_natural_sort),
		cmocka_unit_test(test_hidden_and_filter),
		cmocka_unit_test(test_cursor_keeps_entry),
		cmocka_unit_test(test_move_and_scroll),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_empty_pane),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
