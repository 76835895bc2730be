/*
 * cmd-nav: the current directory.  The cwd is a virtual path (what PWD
 * shows); CWD checks it opens as a directory beneath the session root.
 */
#ifndef CMD_NAV_H
#define CMD_NAV_H

struct session;

void	cmd_pwd(struct session *, const char *);
void	cmd_cwd(struct session *, const char *);
void	cmd_cdup(struct session *, const char *);

#endif
