/*
 * cmd-fs: file-system commands that need no data connection: SIZE, MDTM,
 * MFMT, MLST, HASH, DELE, MKD, RMD, RNFR/RNTO, SITE (CHMOD, HELP).
 * Everything resolves through fs.c beneath the session root; writes are
 * refused with 550 for read-only users.
 */
#ifndef CMD_FS_H
#define CMD_FS_H

struct session;

void	cmd_size(struct session *, const char *);
void	cmd_mdtm(struct session *, const char *);
void	cmd_mfmt(struct session *, const char *);
void	cmd_mlst(struct session *, const char *);
void	cmd_hash(struct session *, const char *);
void	cmd_dele(struct session *, const char *);
void	cmd_mkd(struct session *, const char *);
void	cmd_rmd(struct session *, const char *);
void	cmd_rnfr(struct session *, const char *);
void	cmd_rnto(struct session *, const char *);
void	cmd_site(struct session *, const char *);

#endif
