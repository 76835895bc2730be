/*
 * cmd-info: commands about the server and the session: NOOP, SYST,
 * FEAT, OPTS (UTF8, MLST, HASH), HELP and STAT.  FEAT and HELP are
 * generated from the command table (proto/cmd.c).
 */
#ifndef CMD_INFO_H
#define CMD_INFO_H

struct session;

void	cmd_noop(struct session *, const char *);
void	cmd_syst(struct session *, const char *);
void	cmd_feat_reply(struct session *, const char *);
void	cmd_opts(struct session *, const char *);
void	cmd_help_reply(struct session *, const char *);
void	cmd_stat(struct session *, const char *);

#endif
