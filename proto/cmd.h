/*
 * cmd: the FTP command table and command-line parsing.
 *
 * The table names every verb forkftpd knows, its argument shape, whether
 * it needs a login, its HELP text and the FEAT line it contributes.  The
 * server indexes its handlers by enum cmd_id; HELP and FEAT are generated
 * from the table, so they never disagree with what is implemented.
 */
#ifndef CMD_H
#define CMD_H

#include <stddef.h>
#include "buf.h"
#include "digest.h"

enum cmd_id {
	CMD_USER, CMD_PASS, CMD_ACCT, CMD_REIN, CMD_QUIT, CMD_NOOP, CMD_SYST,
	CMD_FEAT,
	CMD_OPTS, CMD_HELP, CMD_STAT, CMD_PWD, CMD_XPWD, CMD_CWD, CMD_XCWD,
	CMD_CDUP, CMD_XCUP, CMD_TYPE, CMD_MODE, CMD_STRU, CMD_PASV, CMD_EPSV,
	CMD_PORT, CMD_EPRT, CMD_LIST, CMD_NLST, CMD_MLSD, CMD_MLST, CMD_RETR,
	CMD_STOR, CMD_STOU, CMD_APPE, CMD_REST, CMD_SIZE, CMD_MDTM, CMD_MFMT,
	CMD_DELE, CMD_MKD, CMD_XMKD, CMD_RMD, CMD_XRMD, CMD_RNFR, CMD_RNTO,
	CMD_SITE, CMD_ALLO, CMD_ABOR, CMD_HASH, CMD_AUTH, CMD_PBSZ, CMD_PROT,
	CMD_CCC,
	CMD__COUNT
};

enum cmd_arg {
	CMD_ARG_NONE,		/* an argument is a 501 */
	CMD_ARG_OPTIONAL,
	CMD_ARG_REQUIRED	/* no argument is a 501 */
};

struct cmd_def {
	enum cmd_id	 id;
	const char	*name;		/* upper case */
	enum cmd_arg	 arg;
	int		 needs_login;
	const char	*help;		/* "<sp> pathname" style syntax */
	const char	*feat;		/* FEAT line it adds, or NULL */
};

#define CMD_VERB_MAX 8

/* A parsed command line: verb upper-cased, argument points into the line. */
struct cmd_line {
	char		 verb[CMD_VERB_MAX + 1];
	const char	*arg;		/* NULL when there is none */
	size_t		 arglen;	/* trailing spaces are kept (RFC 3659 §2.2) */
};

/*
 * Split a line at its first space.  Returns 0, or -1 for an empty line or
 * a verb that is too long or not made of letters.  An empty argument
 * ("NOOP" or "NOOP ") leaves arg NULL.
 */
int	cmd_parse(const char *line, size_t len, struct cmd_line *);
/* Case-insensitive lookup; NULL for an unknown verb. */
const struct cmd_def *cmd_lookup(const char *verb);
const struct cmd_def *cmd_get(enum cmd_id);
/*
 * Append the 214 HELP body: command names, several per line, each line
 * starting with a space and ending with CRLF (safe between "214-" and
 * "214 " lines).
 */
void	cmd_help(struct buf *);
/*
 * Append the FEAT body of a server without TLS: one " feature" line per
 * entry, "\r\n" ended.
 */
void	cmd_feat(struct buf *);
/*
 * The same body for one session: '*' marks its HASH algorithm and, in
 * the MLST line, only the facts it selected with OPTS MLST (RFC 3659 §7.8,
 * draft-bryan-ftpext-hash §3.1); flags add the lines of what the server
 * offers beyond the table's plain commands.
 */
#define CMD_FEAT_TLS	0x1	/* AUTH TLS, PBSZ and PROT (RFC 4217 §6) */
void	cmd_feat_session(struct buf *, enum digest_algo hash, unsigned facts,
	    unsigned flags);

#endif
