/*
 * cmd: the command table and command-line parsing.  HELP and FEAT are
 * generated from the table so they always match what is implemented.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "listing.h"
#include "xio.h"

#define N CMD_ARG_NONE
#define O CMD_ARG_OPTIONAL
#define R CMD_ARG_REQUIRED

/*
 * Indexed by enum cmd_id; cmd_get() checks the order.  STAT and SITE
 * check the login themselves: STAT alone and SITE HELP work before it.
 */
static const struct cmd_def cmd_table[CMD__COUNT] = {
	{ CMD_USER, "USER", R, 0, "<sp> username", NULL },
	{ CMD_PASS, "PASS", O, 0, "<sp> password", NULL },
	{ CMD_ACCT, "ACCT", R, 0, "<sp> account", NULL },
	{ CMD_REIN, "REIN", N, 0, "(reinitialize)", NULL },
	{ CMD_QUIT, "QUIT", N, 0, "(terminate service)", NULL },
	{ CMD_NOOP, "NOOP", N, 0, "", NULL },
	{ CMD_SYST, "SYST", N, 0, "(get type of operating system)", NULL },
	{ CMD_FEAT, "FEAT", N, 0, "(list extensions)", NULL },
	{ CMD_OPTS, "OPTS", R, 0, "<sp> command [<sp> options]", "UTF8" },
	{ CMD_HELP, "HELP", O, 0, "[<sp> command]", NULL },
	{ CMD_STAT, "STAT", O, 0, "[<sp> pathname]", NULL },
	{ CMD_PWD,  "PWD",  N, 1, "(return current directory)", NULL },
	{ CMD_XPWD, "XPWD", N, 1, "(return current directory)", NULL },
	{ CMD_CWD,  "CWD",  R, 1, "<sp> pathname", "TVFS" },
	{ CMD_XCWD, "XCWD", R, 1, "<sp> pathname", NULL },
	{ CMD_CDUP, "CDUP", N, 1, "(change to parent directory)", NULL },
	{ CMD_XCUP, "XCUP", N, 1, "(change to parent directory)", NULL },
	{ CMD_TYPE, "TYPE", R, 1, "<sp> { A | I | L 8 }", NULL },
	{ CMD_MODE, "MODE", R, 1, "<sp> S", NULL },
	{ CMD_STRU, "STRU", R, 1, "<sp> F", NULL },
	{ CMD_PASV, "PASV", N, 1, "(set server in passive mode)", "PASV" },
	{ CMD_EPSV, "EPSV", O, 1, "[<sp> { 1 | 2 | ALL }]", "EPSV" },
	{ CMD_PORT, "PORT", R, 1, "<sp> h1,h2,h3,h4,p1,p2", NULL },
	{ CMD_EPRT, "EPRT", R, 1, "<sp> |af|address|port|", "EPRT" },
	{ CMD_LIST, "LIST", O, 1, "[<sp> pathname]", NULL },
	{ CMD_NLST, "NLST", O, 1, "[<sp> pathname]", NULL },
	{ CMD_MLSD, "MLSD", O, 1, "[<sp> pathname]", NULL },
	{ CMD_MLST, "MLST", O, 1, "[<sp> pathname]", "MLST " LISTING_FACTS_FEAT },
	{ CMD_RETR, "RETR", R, 1, "<sp> pathname", NULL },
	{ CMD_STOR, "STOR", R, 1, "<sp> pathname", NULL },
	{ CMD_STOU, "STOU", O, 1, "[<sp> pathname]", NULL },
	{ CMD_APPE, "APPE", R, 1, "<sp> pathname", NULL },
	{ CMD_REST, "REST", R, 1, "<sp> offset", "REST STREAM" },
	{ CMD_SIZE, "SIZE", R, 1, "<sp> pathname", "SIZE" },
	{ CMD_MDTM, "MDTM", R, 1, "<sp> pathname", "MDTM" },
	{ CMD_MFMT, "MFMT", R, 1, "<sp> YYYYMMDDHHMMSS <sp> pathname", "MFMT" },
	{ CMD_DELE, "DELE", R, 1, "<sp> pathname", NULL },
	{ CMD_MKD,  "MKD",  R, 1, "<sp> pathname", NULL },
	{ CMD_XMKD, "XMKD", R, 1, "<sp> pathname", NULL },
	{ CMD_RMD,  "RMD",  R, 1, "<sp> pathname", NULL },
	{ CMD_XRMD, "XRMD", R, 1, "<sp> pathname", NULL },
	{ CMD_RNFR, "RNFR", R, 1, "<sp> pathname", NULL },
	{ CMD_RNTO, "RNTO", R, 1, "<sp> pathname", NULL },
	{ CMD_SITE, "SITE", R, 0, "<sp> site-command", NULL },
	{ CMD_ALLO, "ALLO", O, 1, "<sp> number", NULL },
	{ CMD_ABOR, "ABOR", N, 1, "(abort transfer)", NULL },
	{ CMD_HASH, "HASH", R, 1, "<sp> pathname", "HASH SHA-256*;SHA-512;SHA-1;MD5" },
	{ CMD_AUTH, "AUTH", R, 0, "<sp> mechanism", "AUTH TLS" },
	{ CMD_PBSZ, "PBSZ", R, 0, "<sp> size", "PBSZ" },
	{ CMD_PROT, "PROT", R, 0, "<sp> level", "PROT" },
	{ CMD_CCC,  "CCC",  N, 0, "(clear command channel)", NULL },
};

#undef N
#undef O
#undef R

#define CMD_HELP_PER_LINE 8

int
cmd_parse(const char *line, size_t len, struct cmd_line *cl)
{
	size_t i;

	memset(cl, 0, sizeof(*cl));
	/* ASCII letters only, whatever the locale of the program says. */
	for (i = 0; i < len && line[i] != ' '; i++) {
		if (i == CMD_VERB_MAX)
			return -1;
		if (line[i] >= 'a' && line[i] <= 'z')
			cl->verb[i] = (char)(line[i] - 'a' + 'A');
		else if (line[i] >= 'A' && line[i] <= 'Z')
			cl->verb[i] = line[i];
		else
			return -1;
	}
	if (i == 0)
		return -1;
	cl->verb[i] = '\0';
	/* Only the first space separates; the rest, spaces and all, is the argument. */
	if (i + 1 < len) {
		cl->arg = line + i + 1;
		cl->arglen = len - i - 1;
	}
	return 0;
}

const struct cmd_def *
cmd_lookup(const char *verb)
{
	size_t i;

	for (i = 0; i < CMD__COUNT; i++)
		if (strcasecmp(cmd_table[i].name, verb) == 0)
			return &cmd_table[i];
	return NULL;
}

const struct cmd_def *
cmd_get(enum cmd_id id)
{
	if ((unsigned)id >= CMD__COUNT || cmd_table[id].id != id)
		bug("cmd_get: bad id %d", (int)id);
	return &cmd_table[id];
}

static int
cmd_name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Command names (or FEAT lines) of the table into v, sorted; returns the count. */
static size_t
cmd_sorted(const char **v, int feat)
{
	size_t i, n = 0;

	for (i = 0; i < CMD__COUNT; i++) {
		if (!feat)
			v[n++] = cmd_table[i].name;
		else if (cmd_table[i].feat != NULL)
			v[n++] = cmd_table[i].feat;
	}
	qsort(v, n, sizeof(*v), cmd_name_cmp);
	return n;
}

void
cmd_help(struct buf *out)
{
	const char *v[CMD__COUNT] = { NULL };
	size_t i, n;

	n = cmd_sorted(v, 0);
	for (i = 0; i < n; i++) {
		buf_printf(out, " %-4s", v[i]);
		if ((i + 1) % CMD_HELP_PER_LINE == 0 || i + 1 == n)
			buf_adds(out, "\r\n");
	}
}

static void	cmd_feat_hash(struct buf *, enum digest_algo);

/* A FEAT line that only a server with TLS may show. */
static int
cmd_feat_is_tls(const char *line)
{
	return line == cmd_table[CMD_AUTH].feat ||
	    line == cmd_table[CMD_PBSZ].feat || line == cmd_table[CMD_PROT].feat;
}

void
cmd_feat(struct buf *out)
{
	const char *v[CMD__COUNT] = { NULL };
	size_t i, n;

	n = cmd_sorted(v, 1);
	for (i = 0; i < n; i++) {
		if (cmd_feat_is_tls(v[i]))
			continue;
		if (v[i] == cmd_table[CMD_HASH].feat)
			cmd_feat_hash(out, DIGEST_SHA256);
		else
			buf_printf(out, " %s\r\n", v[i]);
	}
}

/*
 * The HASH line: every algorithm, '*' on the selected one.  Then our own
 * HASH-RETR: a RETR of a whole file, for a session that chose its
 * algorithm (OPTS HASH), is digested as it is sent, so a HASH right
 * after it on the same session is answered at once; a client need not
 * ask early on a second session (cmd-xfer.c, forkftp's ftp-verify.c).
 */
static void
cmd_feat_hash(struct buf *out, enum digest_algo sel)
{
	static const enum digest_algo all[] = {
		DIGEST_SHA256, DIGEST_SHA512, DIGEST_SHA1, DIGEST_MD5
	};
	size_t i;

	buf_adds(out, " HASH ");
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		buf_printf(out, "%s%s%s", i > 0 ? ";" : "", digest_name(all[i]),
		    all[i] == sel ? "*" : "");
	buf_adds(out, "\r\n HASH-RETR\r\n");
}

void
cmd_feat_session(struct buf *out, enum digest_algo hash, unsigned facts,
    unsigned flags)
{
	const char *v[CMD__COUNT] = { NULL };
	size_t i, n;

	n = cmd_sorted(v, 1);
	for (i = 0; i < n; i++) {
		if (cmd_feat_is_tls(v[i]) && !(flags & CMD_FEAT_TLS))
			continue;
		if (v[i] == cmd_table[CMD_HASH].feat)
			cmd_feat_hash(out, hash);
		else if (v[i] == cmd_table[CMD_MLST].feat) {
			buf_adds(out, " MLST ");
			listing_facts_feat_sel(out, facts);
			buf_adds(out, "\r\n");
		} else
			buf_printf(out, " %s\r\n", v[i]);
	}
}
