/*
 * cmd-fs: file-system commands without a data connection (see cmd-fs.h).
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "digest.h"
#include "listing.h"
#include "path.h"
#include "reply.h"
#include "xio.h"

#include "cmd-fs.h"
#include "data.h"
#include "fs.h"
#include "hcache.h"
#include "log.h"
#include "ls.h"
#include "session.h"

#define HASH_CHUNK	((off_t)8 << 20)	/* digested between control checks */

/*
 * stat of a client path that must be a regular file; -1 with errno if it
 * does not resolve beneath the root or is something else (EISDIR, EINVAL).
 */
static int
cmd_fs_stat(struct session *s, const char *arg, struct stat *st)
{
	struct buf abs;
	int r;

	memset(st, 0, sizeof *st);
	buf_init(&abs);
	r = session_path(s, arg, &abs);
	if (r == 0)
		r = fs_stat(s->root, path_rel(buf_cstr(&abs)), st);
	buf_free(&abs);
	if (r == 0 && !S_ISREG(st->st_mode)) {
		errno = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
		r = -1;
	}
	return r;
}

void
cmd_size(struct session *s, const char *arg)
{
	struct stat st;

	/* The size in TYPE A would be a lie (RFC 3659 §4). */
	if (s->ascii) {
		session_reply(s, 550, "SIZE not allowed in ASCII mode.");
		return;
	}
	if (cmd_fs_stat(s, arg, &st) == -1) {
		session_fail(s, 550, "Could not get file size", errno);
		return;
	}
	session_reply(s, 213, "%lld", (long long)st.st_size);
}

void
cmd_mdtm(struct session *s, const char *arg)
{
	struct stat st;
	char t[15];

	if (cmd_fs_stat(s, arg, &st) == -1) {
		session_fail(s, 550, "Could not get file modification time",
		    errno);
		return;
	}
	listing_format_time(t, st.st_mtime);
	session_reply(s, 213, "%s", t);
}

/* Run fn on the parent dir fd and last component of a client path. */
static int
cmd_fs_parent(struct session *s, const char *arg, struct buf *abs,
    const char **base)
{
	if (session_path(s, arg, abs) == -1)
		return -1;
	return fs_parent(s->root, buf_cstr(abs), base);
}

void
cmd_mfmt(struct session *s, const char *arg)
{
	const char *sp = strchr(arg, ' '), *base;
	struct timespec ts[2];
	struct buf abs;
	char t[15];
	time_t when;
	int dfd;

	if (!session_may_write(s))
		return;
	if (sp == NULL || listing_parse_time(arg, (size_t)(sp - arg),
	    &when) == -1) {
		session_reply(s, 501, "Bad MFMT syntax.");
		return;
	}
	buf_init(&abs);
	ts[0].tv_sec = ts[1].tv_sec = when;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	if ((dfd = cmd_fs_parent(s, sp + 1, &abs, &base)) == -1 ||
	    utimensat(dfd, base, ts, AT_SYMLINK_NOFOLLOW) == -1)
		session_fail(s, 550, "Could not set modification time", errno);
	else {
		listing_format_time(t, when);
		session_reply(s, 213, "Modify=%s; %s", t, sp + 1);
	}
	if (dfd != -1)
		close(dfd);
	buf_free(&abs);
}

void
cmd_mlst(struct session *s, const char *arg)
{
	struct buf abs, line;

	buf_init(&abs);
	buf_init(&line);
	buf_adds(&line, "250-Listing\r\n");
	if (session_path(s, arg, &abs) == -1 ||
	    ls_mlst(s->root, buf_cstr(&abs), s->facts, s->login.writable,
	    &line) == -1)
		session_fail(s, 550, "MLST failed", errno);
	else {
		buf_adds(&line, "250 End\r\n");
		session_send_raw(s, line.data, line.len);
	}
	buf_free(&abs);
	buf_free(&line);
}

/*
 * Digest [0, size) of fd a chunk at a time, watching the control
 * connection in between: hashing a file of GiBs takes seconds, during
 * which ABOR must work and a vanished client must not keep the process.
 */
static enum xfer_result
cmd_hash_fd(struct session *s, int fd, off_t size, char hex[DIGEST_HEX_MAX])
{
	struct digest_ctx ctx = { .md = NULL };
	enum xfer_result res = XFER_OK;
	off_t off = 0, end;

	digest_init(&ctx, s->hash);
	s->xfer_bytes = 0;	/* what a STAT meanwhile reports */
	while (off < size && res == XFER_OK) {
		end = size - off > HASH_CHUNK ? off + HASH_CHUNK : size;
		if (digest_update_fd(&ctx, fd, off, end) == -1)
			res = XFER_FILE;
		s->xfer_bytes += (uint64_t)(end - off);
		off = end;
		if (res == XFER_OK)
			res = data_ctl_check(s);
	}
	if (res == XFER_OK)
		digest_final(&ctx, hex);
	digest_free(&ctx);
	return res;
}

void
cmd_hash(struct session *s, const char *arg)
{
	char hex[DIGEST_HEX_MAX];
	enum xfer_result res;
	struct buf abs;
	struct stat st;
	int fd;

	s->hash_used = 1;
	buf_init(&abs);
	if (session_path(s, arg, &abs) == -1 ||
	    (fd = fs_open_regular(s->root, path_rel(buf_cstr(&abs)), &st)) == -1) {
		session_fail(s, 550, "Could not open file", errno);
		buf_free(&abs);
		return;
	}
	if (hcache_get(fd, &st, s->hash, hex) == 0)
		res = XFER_OK;
	else if ((res = cmd_hash_fd(s, fd, st.st_size, hex)) == XFER_OK)
		hcache_put(fd, &st, s->hash, hex);
	if (res == XFER_ABORT)
		data_aborted(s);
	else if (res != XFER_OK)
		session_fail(s, 451, "Could not read file", errno);
	else
		session_reply(s, 213, "%s 0-%lld %s %s", digest_name(s->hash),
		    (long long)st.st_size, hex, arg);
	close(fd);
	buf_free(&abs);
}

/* Remove what is not a directory (that is RMD's); 0 or an errno. */
static int
cmd_dele_at(int dfd, const char *base)
{
	struct stat st;

	if (fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	return unlinkat(dfd, base, 0) == -1 ? errno : 0;
}

void
cmd_dele(struct session *s, const char *arg)
{
	const char *base;
	struct buf abs;
	int dfd, err;

	if (!session_may_write(s))
		return;
	buf_init(&abs);
	if ((dfd = cmd_fs_parent(s, arg, &abs, &base)) == -1)
		err = errno;
	else
		err = cmd_dele_at(dfd, base);
	if (err != 0)
		session_fail(s, 550, "Delete operation failed", err);
	else {
		log_info("deleted %s", buf_cstr(&abs));
		session_reply(s, 250, "Delete operation successful.");
	}
	if (dfd != -1)
		close(dfd);
	buf_free(&abs);
}

void
cmd_mkd(struct session *s, const char *arg)
{
	struct buf abs, q;
	const char *base;
	int dfd;

	if (!session_may_write(s))
		return;
	buf_init(&abs);
	buf_init(&q);
	dfd = cmd_fs_parent(s, arg, &abs, &base);
	if (dfd == -1)
		session_fail(s, 550, "Create directory operation failed",
		    errno);
	else if (!session_new_name_ok(s, buf_cstr(&abs)))
		;	/* replied */
	else if (mkdirat(dfd, base, 0755) == -1)
		session_fail(s, 550, "Create directory operation failed",
		    errno);
	else {
		reply_quote_path(&q, buf_cstr(&abs));
		session_reply(s, 257, "%s created", buf_cstr(&q));
	}
	if (dfd != -1)
		close(dfd);
	buf_free(&abs);
	buf_free(&q);
}

void
cmd_rmd(struct session *s, const char *arg)
{
	const char *base;
	struct buf abs;
	int dfd;

	if (!session_may_write(s))
		return;
	buf_init(&abs);
	if ((dfd = cmd_fs_parent(s, arg, &abs, &base)) == -1 ||
	    unlinkat(dfd, base, AT_REMOVEDIR) == -1)
		session_fail(s, 550, "Remove directory operation failed",
		    errno);
	else
		session_reply(s, 250, "Remove directory operation successful.");
	if (dfd != -1)
		close(dfd);
	buf_free(&abs);
}

void
cmd_rnfr(struct session *s, const char *arg)
{
	const char *base;
	struct buf abs;
	struct stat st;
	int dfd;

	if (!session_may_write(s))
		return;
	free(s->rnfr);
	s->rnfr = NULL;
	buf_init(&abs);
	if ((dfd = cmd_fs_parent(s, arg, &abs, &base)) == -1 ||
	    fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) == -1)
		session_fail(s, 550, "RNFR command failed", errno);
	else {
		s->rnfr = xstrdup(buf_cstr(&abs));
		session_reply(s, 350, "Ready for RNTO.");
	}
	if (dfd != -1)
		close(dfd);
	buf_free(&abs);
}

static void
cmd_rnto_do(struct session *s, const char *arg, struct buf *to)
{
	const char *fbase, *tbase;
	int fd, td;

	if ((td = cmd_fs_parent(s, arg, to, &tbase)) == -1) {
		session_fail(s, 550, "Rename failed", errno);
		return;
	}
	if (!session_new_name_ok(s, buf_cstr(to))) {
		close(td);
		return;
	}
	if ((fd = fs_parent(s->root, s->rnfr, &fbase)) == -1 ||
	    renameat(fd, fbase, td, tbase) == -1)
		session_fail(s, 550, "Rename failed", errno);
	else {
		log_info("renamed %s to %s", s->rnfr, buf_cstr(to));
		session_reply(s, 250, "Rename successful.");
	}
	if (fd != -1)
		close(fd);
	close(td);
}

void
cmd_rnto(struct session *s, const char *arg)
{
	struct buf to;

	if (!session_may_write(s))
		return;
	if (s->rnfr == NULL) {
		session_reply(s, 503, "RNFR required first.");
		return;
	}
	buf_init(&to);
	cmd_rnto_do(s, arg, &to);
	free(s->rnfr);
	s->rnfr = NULL;
	buf_free(&to);
}

/* SITE CHMOD mode path: mode in octal, at most 0777 plus sticky. */
static void
cmd_site_chmod(struct session *s, const char *arg)
{
	const char *sp = arg != NULL ? strchr(arg, ' ') : NULL;
	struct buf abs;
	unsigned long mode;
	char *end;

	if (!session_may_write(s))
		return;
	if (sp == NULL || sp == arg || sp[1] == '\0') {
		session_reply(s, 501, "SITE CHMOD needs 2 arguments.");
		return;
	}
	mode = strtoul(arg, &end, 8);
	if (end != sp || !isdigit((unsigned char)arg[0]) || mode > 01777) {
		session_reply(s, 501, "Bad mode.");
		return;
	}
	buf_init(&abs);
	if (session_path(s, sp + 1, &abs) == -1 ||
	    fs_chmod(s->root, buf_cstr(&abs), (mode_t)mode) == -1)
		session_fail(s, 550, "SITE CHMOD command failed", errno);
	else
		session_reply(s, 200, "SITE CHMOD command ok.");
	buf_free(&abs);
}

static void	cmd_site_help(struct session *, const char *);

/* SITE subcommands (a table, as the commands are). */
static const struct site_cmd {
	const char	*name;
	int		 needs_login;
	const char	*help;
	void		(*fn)(struct session *, const char *);
} site_cmds[] = {
	{ "CHMOD", 1, "<sp> mode <sp> pathname", cmd_site_chmod },
	{ "HELP", 0, "[<sp> site-command]", cmd_site_help },
};

static const struct site_cmd *
cmd_site_lookup(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof site_cmds / sizeof site_cmds[0]; i++)
		if (strlen(site_cmds[i].name) == len &&
		    strncasecmp(site_cmds[i].name, name, len) == 0)
			return &site_cmds[i];
	return NULL;
}

static void
cmd_site_help(struct session *s, const char *arg)
{
	const struct site_cmd *c;
	struct buf b;
	size_t i;

	if (arg != NULL) {
		if ((c = cmd_site_lookup(arg, strlen(arg))) == NULL)
			session_reply(s, 501, "Unknown SITE command.");
		else
			session_reply(s, 214, "Syntax: SITE %s %s", c->name,
			    c->help);
		return;
	}
	buf_init(&b);
	buf_adds(&b, "214-The following SITE commands are recognized.\r\n");
	for (i = 0; i < sizeof site_cmds / sizeof site_cmds[0]; i++)
		buf_printf(&b, " %s\r\n", site_cmds[i].name);
	buf_adds(&b, "214 Help OK.\r\n");
	session_send_raw(s, b.data, b.len);
	buf_free(&b);
}

void
cmd_site(struct session *s, const char *arg)
{
	size_t n = strcspn(arg, " ");
	const struct site_cmd *c = cmd_site_lookup(arg, n);

	if (c == NULL)
		session_reply(s, 500, "Unknown SITE command.");
	else if (c->needs_login && !s->logged_in)
		session_reply(s, 530, "Please login with USER and PASS.");
	else
		c->fn(s, arg[n] == ' ' && arg[n + 1] != '\0' ? arg + n + 1 :
		    NULL);
}
