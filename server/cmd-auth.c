/*
 * cmd-auth: USER, PASS, ACCT, REIN, QUIT and the TLS commands we refuse.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "xio.h"

#include "auth.h"
#include "cmd-auth.h"
#include "conf.h"
#include "fs.h"
#include "log.h"
#include "session.h"

void
cmd_user(struct session *s, const char *arg)
{
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
		strlcpy(s->login.home, s->conf->anonymous_root != NULL ?
		    s->conf->anonymous_root : "/", sizeof s->login.home);
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
	log_info("login \"%s\"%s%s", s->login.name,
	    s->login.anonymous ? " (anonymous)" : "",
	    s->login.writable ? " rw" : " ro");
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
}

void
cmd_quit(struct session *s, const char *arg)
{
	(void)arg;
	session_reply(s, 221, "Goodbye.");
	s->quit = 1;
}

void
cmd_auth(struct session *s, const char *arg)
{
	(void)arg;
	session_reply(s, 502, "TLS not supported.");
}
