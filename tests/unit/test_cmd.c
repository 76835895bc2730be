/* Unit tests for proto/cmd.c: parsing, the table, HELP and FEAT. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "cmd.h"
#include "listing.h"

static struct cmd_line
parse_ok(const char *s)
{
	struct cmd_line cl;

	assert_int_equal(cmd_parse(s, strlen(s), &cl), 0);
	return cl;
}

static void
test_verb_case(void **state)
{
	struct cmd_line cl;

	(void)state;
	cl = parse_ok("MdTm file");
	assert_string_equal(cl.verb, "MDTM");
	assert_non_null(cmd_lookup(cl.verb));
	assert_int_equal(cmd_lookup("mdtm")->id, CMD_MDTM);
	assert_int_equal(cmd_lookup("xPwD")->id, CMD_XPWD);
}

static void
test_arg_first_space_only(void **state)
{
	struct cmd_line cl;

	(void)state;
	cl = parse_ok("STOR  my file.txt  ");
	assert_string_equal(cl.verb, "STOR");
	/* Leading and trailing spaces of the argument are part of the name. */
	assert_int_equal(cl.arglen, strlen(" my file.txt  "));
	assert_memory_equal(cl.arg, " my file.txt  ", cl.arglen);
}

static void
test_no_arg(void **state)
{
	struct cmd_line cl;

	(void)state;
	cl = parse_ok("PWD");
	assert_null(cl.arg);
	assert_int_equal(cl.arglen, 0);
	cl = parse_ok("NOOP ");
	assert_null(cl.arg);
}

static void
test_arg_with_nul_len(void **state)
{
	struct cmd_line cl;

	(void)state;
	assert_int_equal(cmd_parse("RETR a\0b", 8, &cl), 0);
	assert_int_equal(cl.arglen, 3);
	assert_memory_equal(cl.arg, "a\0b", 3);
}

static void
test_bad_verbs(void **state)
{
	struct cmd_line cl;

	(void)state;
	assert_int_equal(cmd_parse("", 0, &cl), -1);
	assert_int_equal(cmd_parse(" USER x", 7, &cl), -1);
	assert_int_equal(cmd_parse("ABCDEFGHI", 9, &cl), -1);
	assert_int_equal(cmd_parse("ABCDEFGH x", 10, &cl), 0);
	assert_string_equal(cl.verb, "ABCDEFGH");
	assert_null(cmd_lookup(cl.verb));
	assert_int_equal(cmd_parse("US3R x", 6, &cl), -1);
	assert_int_equal(cmd_parse("\xf2" "ABOR", 5, &cl), -1);
	assert_int_equal(cmd_parse("USER\tx", 6, &cl), -1);
}

static void
test_table_complete(void **state)
{
	const struct cmd_def *d;
	int i;

	(void)state;
	for (i = 0; i < CMD__COUNT; i++) {
		d = cmd_get((enum cmd_id)i);
		assert_int_equal(d->id, i);
		assert_ptr_equal(cmd_lookup(d->name), d);
		assert_non_null(d->help);
		assert_true(strlen(d->name) <= CMD_VERB_MAX);
	}
}

static void
test_needs_login(void **state)
{
	static const enum cmd_id open[] = {
		CMD_USER, CMD_PASS, CMD_ACCT, CMD_REIN, CMD_QUIT, CMD_FEAT,
		CMD_OPTS, CMD_HELP, CMD_NOOP, CMD_SYST, CMD_AUTH, CMD_PBSZ,
		CMD_PROT, CMD_CCC,
		/* their handlers check: STAT alone and SITE HELP are open */
		CMD_STAT, CMD_SITE,
	};
	size_t i, j;
	int is_open;

	(void)state;
	for (i = 0; i < CMD__COUNT; i++) {
		is_open = 0;
		for (j = 0; j < sizeof(open) / sizeof(open[0]); j++)
			is_open |= open[j] == (enum cmd_id)i;
		if (cmd_get((enum cmd_id)i)->needs_login == is_open)
			fail_msg("%s: needs_login %d", cmd_get((enum cmd_id)i)->name,
			    cmd_get((enum cmd_id)i)->needs_login);
	}
}

static void
test_arg_shapes(void **state)
{
	(void)state;
	assert_int_equal(cmd_get(CMD_RETR)->arg, CMD_ARG_REQUIRED);
	assert_int_equal(cmd_get(CMD_PWD)->arg, CMD_ARG_NONE);
	assert_int_equal(cmd_get(CMD_LIST)->arg, CMD_ARG_OPTIONAL);
	assert_int_equal(cmd_get(CMD_QUIT)->arg, CMD_ARG_NONE);
}

static void
test_feat(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	cmd_feat(&b);
	assert_string_equal(buf_cstr(&b),
	    " EPRT\r\n"
	    " EPSV\r\n"
	    " HASH SHA-256*;SHA-512;SHA-1;MD5\r\n"
	    " HASH-RETR\r\n"
	    " MDTM\r\n"
	    " MFMT\r\n"
	    " MLST type*;size*;modify*;perm*;unique*;UNIX.mode*;\r\n"
	    " PASV\r\n"
	    " REST STREAM\r\n"
	    " SIZE\r\n"
	    " TVFS\r\n"
	    " UTF8\r\n");
	assert_null(strstr(b.data, "AUTH"));
	buf_free(&b);
}

static void
test_feat_session(void **state)
{
	struct buf a, b;

	(void)state;
	buf_init(&a);
	buf_init(&b);
	/* The defaults give exactly the static FEAT. */
	cmd_feat(&a);
	cmd_feat_session(&b, DIGEST_SHA256, LST_F_ALL, 0);
	assert_string_equal(buf_cstr(&a), buf_cstr(&b));
	/* With TLS: RFC 4217 §6's three lines, in the sorted list. */
	buf_reset(&b);
	cmd_feat_session(&b, DIGEST_SHA256, LST_F_ALL, CMD_FEAT_TLS);
	assert_non_null(strstr(buf_cstr(&b), " AUTH TLS\r\n EPRT\r\n"));
	assert_non_null(strstr(b.data, " PASV\r\n PBSZ\r\n PROT\r\n REST STREAM"));
	buf_reset(&b);
	cmd_feat_session(&b, DIGEST_MD5, LST_F_TYPE | LST_F_MODE, 0);
	assert_non_null(strstr(buf_cstr(&b), " HASH SHA-256;SHA-512;SHA-1;MD5*\r\n"));
	assert_non_null(strstr(b.data,
	    " MLST type*;size;modify;perm;unique;UNIX.mode*;\r\n"));
	assert_non_null(strstr(b.data, " EPRT\r\n EPSV\r\n HASH "));
	buf_free(&a);
	buf_free(&b);
}

static void
test_help(void **state)
{
	struct buf b;
	const char *p;
	int i;

	(void)state;
	buf_init(&b);
	cmd_help(&b);
	p = buf_cstr(&b);
	for (i = 0; i < CMD__COUNT; i++)
		assert_non_null(strstr(p, cmd_get((enum cmd_id)i)->name));
	/* Every line starts with a space: never mistaken for a reply code. */
	assert_int_equal(p[0], ' ');
	for (; (p = strstr(p, "\r\n")) != NULL && p[2] != '\0'; p += 2)
		assert_int_equal(p[2], ' ');
	assert_string_equal(b.data + b.len - 2, "\r\n");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verb_case),
		cmocka_unit_test(test_arg_first_space_only),
		cmocka_unit_test(test_no_arg),
		cmocka_unit_test(test_arg_with_nul_len),
		cmocka_unit_test(test_bad_verbs),
		cmocka_unit_test(test_table_complete),
		cmocka_unit_test(test_needs_login),
		cmocka_unit_test(test_arg_shapes),
		cmocka_unit_test(test_feat),
		cmocka_unit_test(test_feat_session),
		cmocka_unit_test(test_help),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
