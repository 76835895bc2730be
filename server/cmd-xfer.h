/*
 * cmd-xfer: transfer parameters (TYPE, MODE, STRU, REST, PASV, EPSV,
 * PORT, EPRT), transfers (RETR, STOR, STOU, APPE, LIST, NLST, MLSD) and
 * ABOR.
 *
 * Uploads: STOR and STOU write a hidden temporary ".forkftpd.XXXXXX" in
 * the target directory and rename it over the target only once the whole
 * stream arrived; an aborted, broken or failed upload removes it and
 * leaves the old file as it was.  REST+STOR and APPE write in place
 * (that is what resuming means), so those are not atomic.
 */
#ifndef CMD_XFER_H
#define CMD_XFER_H

struct session;

void	cmd_type(struct session *, const char *);
void	cmd_mode(struct session *, const char *);
void	cmd_stru(struct session *, const char *);
void	cmd_rest(struct session *, const char *);
void	cmd_allo(struct session *, const char *);
void	cmd_pasv(struct session *, const char *);
void	cmd_epsv(struct session *, const char *);
void	cmd_port(struct session *, const char *);
void	cmd_eprt(struct session *, const char *);
void	cmd_retr(struct session *, const char *);
void	cmd_stor(struct session *, const char *);
void	cmd_stou(struct session *, const char *);
void	cmd_appe(struct session *, const char *);
void	cmd_list(struct session *, const char *);
void	cmd_nlst(struct session *, const char *);
void	cmd_mlsd(struct session *, const char *);
void	cmd_abor(struct session *, const char *);

#endif
