/*
 * cmd-info: NOOP, SYST, FEAT, OPTS, HELP, STAT (see cmd-info.h).
 */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cmd.h"
#include "digest.h"
#include "listing.h"

#include "cmd-info.h"
#include "conf.h"
#include "ls.h"
#include "session.h"
#include "tls.h"

void
cmd_noop(struct session *s, const char *arg)
{
	(void)arg;
	session_reply(s, 200, "NOOP ok.");
}

void
cmd_syst(struct session *s, const char *arg)
{
	(void)arg;
	/* Exactly this: wget then sends LIST -a, tnftp defaults to binary. */
	session_reply(s, 215, "UNIX Type: L8");
}

void
cmd_feat_reply(struct session *s, const char *arg)
{
	struct buf b;

	(void)arg;
	buf_init(&b);
	/* RFC 2389: feature lines start with exactly one space, no code. */
	buf_adds(&b, "211-Features:\r\n");
	cmd_feat_session(&b, s->hash, s->facts,
	    s->conf->tls != TLS_OFF && tls_enabled() ? CMD_FEAT_TLS : 0);
	buf_adds(&b, "211 End\r\n");
	session_send_raw(s, b.data, b.len);
	buf_free(&b);
}

static void
cmd_opts_hash(struct session *s, const char *arg)
{
	enum digest_algo a;

	s->hash_used = 1;
	while (*arg == ' ')
		arg++;
	if (*arg == '\0') {
		session_reply(s, 200, "%s", digest_name(s->hash));
		return;
	}
	if (digest_from_name(arg, &a) == -1) {
		session_reply(s, 501, "Unknown algorithm.");
		return;
	}
	s->hash = a;
	session_reply(s, 200, "%s", digest_name(a));
}

void
cmd_opts(struct session *s, const char *arg)
{
	struct buf b;

	if (strcasecmp(arg, "UTF8 ON") == 0 || strcasecmp(arg, "UTF8") == 0 ||
	    strcasecmp(arg, "UTF-8 ON") == 0)
		session_reply(s, 200, "Always in UTF8 mode.");
	else if (strncasecmp(arg, "HASH", 4) == 0 &&
	    (arg[4] == '\0' || arg[4] == ' '))
		cmd_opts_hash(s, arg + 4);
	else if (strncasecmp(arg, "MLST", 4) == 0 &&
	    (arg[4] == '\0' || arg[4] == ' ')) {
		buf_init(&b);
		s->facts = listing_facts_parse(arg[4] == ' ' ? arg + 5 : "", &b);
		session_reply(s, 200, "MLST OPTS %s", buf_cstr(&b));
		buf_free(&b);
	} else
		session_reply(s, 501, "Option not understood.");
}

void
cmd_help_reply(struct session *s, const char *arg)
{
	const struct cmd_def *d;
	struct buf b;

	if (arg != NULL) {
		if ((d = cmd_lookup(arg)) == NULL)
			session_reply(s, 502, "Unknown command.");
		else
			session_reply(s, 214, "Syntax: %s %s", d->name,
			    d->help != NULL ? d->help : "");
		return;
	}
	buf_init(&b);
	buf_adds(&b, "214-The following commands are recognized.\r\n");
	cmd_help(&b);
	buf_adds(&b, "214 Help OK.\r\n");
	session_send_raw(s, b.data, b.len);
	buf_free(&b);
}

static void
cmd_stat_server(struct session *s)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "211-FTP server status:\r\n");
	buf_printf(&b, "     Connected to %s\r\n", s->peer_str);
	if (s->logged_in)
		buf_printf(&b, "     Logged in as %s\r\n",
		    s->login.anonymous ? "anonymous" : s->login.name);
	buf_printf(&b, "     TYPE: %s\r\n", s->ascii ? "ASCII" : "BINARY");
	buf_printf(&b, "     Session bandwidth limit: %llu bytes/s\r\n",
	    (unsigned long long)s->conf->max_rate);
	buf_printf(&b, "     Idle timeout: %u s\r\n", s->conf->idle_timeout);
	buf_adds(&b, "211 End of status\r\n");
	/* Only the login name is from the client: no CR/LF can be in it. */
	session_send_raw(s, b.data, b.len);
	buf_free(&b);
}

static int
cmd_stat_emit(void *ctx, const char *p, size_t n)
{
	session_send_raw(ctx, p, n);
	return 0;
}

void
cmd_stat(struct session *s, const char *arg)
{
	struct ls_job job;

	if (arg == NULL) {
		cmd_stat_server(s);
		return;
	}
	if (!s->logged_in) {
		session_reply(s, 530, "Please login with USER and PASS.");
		return;
	}
	if (ls_open(&job, LS_STAT, s->root, buf_cstr(&s->cwd), arg, s->facts,
	    s->login.writable) == -1)
		session_fail(s, 550, "STAT failed", errno);
	else {
		session_send_raw(s, "213-Status follows:\r\n", 21);
		(void)ls_run(&job, cmd_stat_emit, s);
		session_send_raw(s, "213 End of status\r\n", 19);
	}
	ls_close(&job);
}
