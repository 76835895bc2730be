/*
 * cmd-nav: PWD, CWD, CDUP.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "path.h"
#include "reply.h"

#include "cmd-nav.h"
#include "fs.h"
#include "session.h"

void
cmd_pwd(struct session *s, const char *arg)
{
	struct buf q;

	(void)arg;
	buf_init(&q);
	reply_quote_path(&q, buf_cstr(&s->cwd));
	session_reply(s, 257, "%s is the current directory", buf_cstr(&q));
	buf_free(&q);
}

void
cmd_cwd(struct session *s, const char *arg)
{
	struct buf p;
	int fd;

	buf_init(&p);
	if (session_path(s, arg, &p) == -1 ||
	    (fd = fs_open(s->root, path_rel(buf_cstr(&p)),
	    O_PATH | O_DIRECTORY, 0)) == -1) {
		session_fail(s, 550, "Failed to change directory", errno);
		buf_free(&p);
		return;
	}
	close(fd);
	buf_reset(&s->cwd);
	buf_adds(&s->cwd, buf_cstr(&p));
	buf_free(&p);
	session_reply(s, 250, "Directory successfully changed.");
}

void
cmd_cdup(struct session *s, const char *arg)
{
	(void)arg;
	/* The root's parent is the root, as in vsftpd and ProFTPD. */
	if (strcmp(buf_cstr(&s->cwd), "/") == 0)
		session_reply(s, 250, "Directory successfully changed.");
	else
		cmd_cwd(s, "..");
}
