/*
 * cmd-auth: login and logout.  USER always answers 331 (RFC 2577 §7)
 * and, at any time, starts a new login (RFC 959 §4.1.1); PASS checks
 * through auth.c, waits conf->fail_delay_ms after a failure, answers 530
 * and closes after conf->max_login_fails failures (RFC 2577 §5).  After
 * login the user's home is opened beneath the root and becomes the
 * session root.  REIN ends the login and resets the transfer
 * parameters.  AUTH TLS, PBSZ, PROT and CCC as RFC 4217 says, the TLS
 * itself in tls.c; with --tls off AUTH is refused so clients carry on in
 * clear.
 */
#ifndef CMD_AUTH_H
#define CMD_AUTH_H

struct session;

void	cmd_user(struct session *, const char *);
void	cmd_pass(struct session *, const char *);
void	cmd_acct(struct session *, const char *);
void	cmd_rein(struct session *, const char *);
void	cmd_quit(struct session *, const char *);
void	cmd_auth(struct session *, const char *);
void	cmd_pbsz(struct session *, const char *);
void	cmd_prot(struct session *, const char *);
void	cmd_ccc(struct session *, const char *);

#endif
