/*
 * cmd-auth: USER, PASS, ACCT, REIN, QUIT and the TLS commands of RFC 4217
 * (AUTH, PBSZ, PROT, CCC).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "path.h"
#include "xio.h"

#include "auth.h"
#include "cmd-auth.h"
#include "conf.h"
#include "fs.h"
#include "log.h"
#include "session.h"
#include "tls.h"

void
cmd_user(struct session *s, const char *arg)
{
	/* --tls required: anonymous too, or a password could go in clear. */
	if (s->conf->tls == TLS_REQUIRED && s->tls == NULL) {
		session_reply(s, 530, "TLS required: use AUTH TLS first.");
		return;
	}
	/*
	 * RFC 959 §4.1.1: USER at any time starts a new login.  Every
	 * virtual user runs under this child's uid and chroot, so only the
	 * home and permissions change, and those come with the next PASS.
	 */
	session_logout(s);
	if (strlcpy(s->user, arg, sizeof s->user) >= sizeof s->user)
		s->user[0] = '\0';	/* never a prefix of a real name */
	s->have_user = 1;
	session_reply(s, 331, "Please specify the password.");
}

/* Sleep without a signal handler, so it works the same in-process. */
static void
cmd_auth_delay(const struct session *s)
{
	int64_t end = session_now_ms() + s->conf->fail_delay_ms;
	int64_t left;

	while ((left = end - session_now_ms()) > 0)
		(void)poll(NULL, 0, (int)left);
}

static void
cmd_pass_failed(struct session *s, const char *why)
{
	s->fails++;
	log_warn("login failed for \"%s\": %s", s->user, why);
	cmd_auth_delay(s);
	s->have_user = 0;
	/* 530 even the last time: clients read a 421 as "try again later". */
	session_reply(s, 530, "Login incorrect.");
	if (s->fails >= s->conf->max_login_fails) {
		log_warn("too many login failures, closing");
		s->quit = 1;
		s->status = 1;
	}
}

static int
cmd_pass_home(struct session *s)
{
	struct buf home;
	int fd;

	/* Anonymous is confined to its own root (--anonymous-root). */
	if (s->login.anonymous)
		s->login.home = s->conf->anonymous_root != NULL ?
		    s->conf->anonymous_root : "/";
	buf_init(&home);
	if (path_join("/", s->login.home, strlen(s->login.home), &home) == -1) {
		buf_free(&home);
		return -1;
	}
	fd = fs_open(s->conf->root_fd, path_rel(buf_cstr(&home)),
	    O_PATH | O_DIRECTORY, 0);
	buf_free(&home);
	if (fd == -1)
		return -1;
	s->root = fd;
	return 0;
}

void
cmd_pass(struct session *s, const char *arg)
{
	char how[96];

	if (s->logged_in) {
		session_reply(s, 503, "Already logged in.");
		return;
	}
	if (!s->have_user) {
		session_reply(s, 503, "Login with USER first.");
		return;
	}
	if (auth_check(s->conf->users, s->conf->anonymous,
	    s->conf->anonymous_write, s->user, arg != NULL ? arg : "",
	    &s->login) == -1) {
		cmd_pass_failed(s, "bad name or password");
		return;
	}
	if (cmd_pass_home(s) == -1) {
		cmd_pass_failed(s, "home directory unusable");
		return;
	}
	s->logged_in = 1;
	if (s->tls != NULL)
		tls_describe(s->tls, how, sizeof how);
	log_info("login \"%s\"%s%s, %s", s->login.name,
	    s->login.anonymous ? " (anonymous)" : "",
	    s->login.writable ? " rw" : " ro",
	    s->tls != NULL ? how : "plain");
	session_reply(s, 230, "Login successful.");
}

void
cmd_acct(struct session *s, const char *arg)
{
	(void)arg;
	session_reply(s, 202, "ACCT command superfluous.");
}

void
cmd_rein(struct session *s, const char *arg)
{
	(void)arg;
	/* A transfer in progress got here first: commands queue behind it. */
	session_reinit(s);
	session_reply(s, 220, "Service ready for new user.");
	/*
	 * The security state goes with the login (RFC 4217 §4): the 220
	 * still protected, then close_notify and plaintext until the next
	 * AUTH TLS.  An ftps:// connection has no plaintext state.
	 */
	if (!s->tls_implicit)
		session_tls_end(s);
}

void
cmd_quit(struct session *s, const char *arg)
{
	(void)arg;
	session_reply(s, 221, "Goodbye.");
	s->quit = 1;
}

/* TLS is on offer in this session (not --tls off, a context loaded). */
static int
cmd_tls_offered(const struct session *s)
{
	return s->conf->tls != TLS_OFF && tls_enabled() && !s->inproc;
}

void
cmd_auth(struct session *s, const char *arg)
{
	if (!cmd_tls_offered(s)) {
		session_reply(s, 502, "TLS not offered.");
		return;
	}
	if (s->tls != NULL) {
		session_reply(s, 503, "Already under TLS.");
		return;
	}
	/* TLS-C and SSL: older names of the same (RFC 4217 §4, draft-murray). */
	if (strcasecmp(arg, "TLS") != 0 && strcasecmp(arg, "TLS-C") != 0 &&
	    strcasecmp(arg, "SSL") != 0) {
		session_reply(s, 504, "AUTH TLS, SSL or TLS-C only.");
		return;
	}
	session_reply(s, 234, "Proceed with negotiation.");
	(void)session_tls_start(s);
}

void
cmd_pbsz(struct session *s, const char *arg)
{
	size_t i;

	if (s->tls == NULL) {
		session_reply(s, 503, "PBSZ needs AUTH TLS first.");
		return;
	}
	for (i = 0; arg[i] >= '0' && arg[i] <= '9'; i++)
		;
	if (i == 0 || arg[i] != '\0') {
		session_reply(s, 501, "Bad PBSZ argument.");
		return;
	}
	/* RFC 4217 §8: a stream protocol buffers nothing; always 0. */
	s->pbsz = 1;
	session_reply(s, 200, "PBSZ=0");
}

void
cmd_prot(struct session *s, const char *arg)
{
	if (s->tls == NULL || !s->pbsz) {
		session_reply(s, 503, "PROT needs AUTH TLS and PBSZ first.");
		return;
	}
	if (strcasecmp(arg, "C") == 0 || strcasecmp(arg, "P") == 0) {
		s->prot_p = strcasecmp(arg, "P") == 0;
		session_reply(s, 200, "PROT now %s.", s->prot_p ? "Private" :
		    "Clear");
	} else if (strcasecmp(arg, "S") == 0 || strcasecmp(arg, "E") == 0)
		session_reply(s, 536, "PROT %s not supported.", arg);
	else
		session_reply(s, 504, "Unknown PROT level.");
}

void
cmd_ccc(struct session *s, const char *arg)
{
	(void)arg;
	/* No way back to plaintext: a firewall's wish is no reason. */
	session_reply(s, 534, "CCC refused: the control connection stays "
	    "encrypted.");
}
