/*
 * cmd-xfer: transfer parameters, transfers and ABOR (see cmd-xfer.h).
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "addr.h"
#include "buf.h"
#include "digest.h"
#include "path.h"
#include "xio.h"

#include "cmd-xfer.h"
#include "conf.h"
#include "data.h"
#include "fs.h"
#include "hcache.h"
#include "log.h"
#include "ls.h"
#include "session.h"

void
cmd_type(struct session *s, const char *arg)
{
	if (strcasecmp(arg, "I") == 0 || strcasecmp(arg, "L8") == 0 ||
	    strcasecmp(arg, "L 8") == 0) {
		s->ascii = 0;
		session_reply(s, 200, "Switching to Binary mode.");
	} else if (strcasecmp(arg, "A") == 0 || strcasecmp(arg, "A N") == 0) {
		s->ascii = 1;
		session_reply(s, 200, "Switching to ASCII mode.");
	} else
		session_reply(s, 504, "Unrecognised TYPE command.");
}

void
cmd_mode(struct session *s, const char *arg)
{
	if (strcasecmp(arg, "S") == 0)
		session_reply(s, 200, "Mode set to S.");
	else
		session_reply(s, 504, "Bad MODE command.");
}

void
cmd_stru(struct session *s, const char *arg)
{
	if (strcasecmp(arg, "F") == 0)
		session_reply(s, 200, "Structure set to F.");
	else
		session_reply(s, 504, "Bad STRU command.");
}

#define CMD_REST_DIGITS	20

void
cmd_rest(struct session *s, const char *arg)
{
	const char *errstr = NULL;
	long long n;
	size_t i;

	for (i = 0; arg[i] != '\0'; i++)
		if (!isdigit((unsigned char)arg[i]))
			break;
	n = strtonum(arg, 0, LLONG_MAX, &errstr);
	/* Decimal digits only, and no more than 20 of them, zeros or not. */
	if (i == 0 || i > CMD_REST_DIGITS || arg[i] != '\0' || errstr != NULL) {
		session_reply(s, 501, "Bad REST parameter.");
		return;
	}
	s->rest = (off_t)n;
	session_reply(s, 350, "Restart position accepted (%lld).", n);
}

void
cmd_allo(struct session *s, const char *arg)
{
	(void)arg;
	session_reply(s, 202, "ALLO command ignored.");
}

/* Is the control connection IPv4 (or v4-mapped IPv6)? */
static int
cmd_ctl_is_v4(const struct session *s, struct in_addr *out)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&s->self;

	if (s->self.ss_family == AF_INET) {
		*out = ((const struct sockaddr_in *)&s->self)->sin_addr;
		return 1;
	}
	if (s->self.ss_family == AF_INET6 &&
	    IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
		memcpy(out, &s6->sin6_addr.s6_addr[12], 4);
		return 1;
	}
	return 0;
}

void
cmd_pasv(struct session *s, const char *arg)
{
	struct sockaddr_in sin;
	char tuple[64];
	uint16_t port;

	(void)arg;
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	if (s->epsv_all) {
		session_reply(s, 501, "PASV not allowed after EPSV ALL.");
		return;
	}
	if (!cmd_ctl_is_v4(s, &sin.sin_addr)) {
		session_reply(s, 425, "You cannot use PASV on IPv6 connections. "
		    "Use EPSV instead.");
		return;
	}
	if ((port = data_listen(s)) == 0) {
		session_reply(s, 425, "Could not open passive connection.");
		return;
	}
	/* NAT: advertise the public address, still listen locally. */
	if (s->conf->pasv_address != NULL)
		(void)inet_pton(AF_INET, s->conf->pasv_address, &sin.sin_addr);
	sin.sin_port = htons(port);
	if (addr_format_tuple(tuple, sizeof tuple, &sin) == -1)
		bug("addr_format_tuple");
	session_reply(s, 227, "Entering Passive Mode (%s).", tuple);
}

void
cmd_epsv(struct session *s, const char *arg)
{
	struct in_addr dummy;
	int v4 = cmd_ctl_is_v4(s, &dummy);
	uint16_t port;

	if (arg != NULL && strcasecmp(arg, "ALL") == 0) {
		s->epsv_all = 1;
		session_reply(s, 200, "EPSV ALL ok.");
		return;
	}
	if (arg != NULL && strcmp(arg, "1") != 0 && strcmp(arg, "2") != 0) {
		session_reply(s, 501, "Bad EPSV argument.");
		return;
	}
	if (arg != NULL && (arg[0] == '1') != v4) {
		session_reply(s, 522, "Network protocol not supported, use (%d)",
		    v4 ? 1 : 2);
		return;
	}
	if ((port = data_listen(s)) == 0) {
		session_reply(s, 425, "Could not open passive connection.");
		return;
	}
	session_reply(s, 229, "Entering Extended Passive Mode (|||%u|)",
	    (unsigned)port);
}

static void
cmd_port_common(struct session *s, const struct sockaddr_storage *ss,
    const char *verb)
{
	int code;

	if ((code = data_set_port(s, ss)) == 500)
		session_reply(s, 500, "Illegal %s command.", verb);
	else if (code != 0)
		session_reply(s, code, "Illegal %s command: privileged port.",
		    verb);
	else
		session_reply(s, 200, "%s command successful. Consider using %s.",
		    verb, strcmp(verb, "PORT") == 0 ? "PASV" : "EPSV");
}

void
cmd_port(struct session *s, const char *arg)
{
	struct sockaddr_storage ss;

	memset(&ss, 0, sizeof ss);
	if (s->epsv_all) {
		session_reply(s, 501, "PORT not allowed after EPSV ALL.");
		return;
	}
	if (addr_parse_port(arg, (struct sockaddr_in *)&ss) == -1) {
		session_reply(s, 500, "Illegal PORT command.");
		return;
	}
	cmd_port_common(s, &ss, "PORT");
}

void
cmd_eprt(struct session *s, const char *arg)
{
	struct sockaddr_storage ss;

	memset(&ss, 0, sizeof ss);
	if (s->epsv_all) {
		session_reply(s, 501, "EPRT not allowed after EPSV ALL.");
		return;
	}
	if (addr_parse_eprt(arg, &ss) == -1) {
		session_reply(s, 500, "Bad EPRT command.");
		return;
	}
	cmd_port_common(s, &ss, "EPRT");
}

static double
cmd_secs_since(int64_t t0)
{
	return (double)(session_now_ms() - t0) / 1000.0;
}

/*
 * Digest this RETR as it is sent?  For a client that verifies (it chose
 * an algorithm with OPTS HASH, or used HASH), whose HASH is bound to
 * follow, when the whole of a file worth caching goes out in binary and
 * no digest of it is known: reading the file once to both digest and
 * send it costs less than sendfile and a second pass for the HASH, and
 * the HASH after the transfer is then answered at once (hcache.h),
 * also for a file this session may not write (FEAT "HASH-RETR" tells
 * clients so).
 */
static int
retr_digests(struct session *s, int fd, const struct stat *st, off_t rest)
{
	char hex[DIGEST_HEX_MAX];

	return s->hash_used && rest == 0 && !s->ascii &&
	    hcache_worth(st->st_size) && hcache_get(fd, st, s->hash, hex) == -1;
}

static void
retr_cache(struct digest_ctx *dg, int fd, const struct stat *st)
{
	char hex[DIGEST_HEX_MAX];

	digest_final(dg, hex);
	hcache_put(fd, st, dg->algo, hex);
}

void
cmd_retr(struct session *s, const char *arg)
{
	struct digest_ctx dg = { .md = NULL };
	off_t rest = s->rest;
	enum xfer_result res;
	struct buf abs;
	struct stat st;
	uint64_t sent;
	int64_t t0;
	int fd, dfd, err, digesting;

	s->rest = 0;
	buf_init(&abs);
	if (s->ascii && rest != 0) {
		session_reply(s, 550, "No support for resume of ASCII transfer.");
		goto out;
	}
	if (session_path(s, arg, &abs) == -1 ||
	    (fd = fs_open_regular(s->root, path_rel(buf_cstr(&abs)), &st)) == -1) {
		session_fail(s, 550, "Failed to open file", errno);
		goto out;
	}
	if (rest > st.st_size) {
		session_reply(s, 554, "Restart position beyond end of file.");
		close(fd);
		goto out;
	}
	if ((dfd = data_open(s)) == -1) {
		close(fd);
		goto out;
	}
	session_reply(s, 150, "Opening %s mode data connection for %s "
	    "(%lld bytes).", s->ascii ? "ASCII" : "BINARY", arg,
	    (long long)(st.st_size - rest));
	if (data_start(s, dfd) == -1) {
		close(fd);
		goto out;
	}
	t0 = session_now_ms();
	s->xfer_bytes = 0;
	digesting = retr_digests(s, fd, &st, rest);
	if (digesting)
		digest_init(&dg, s->hash);
	res = data_send_file(s, dfd, fd, rest, s->ascii,
	    digesting ? &dg : NULL, &sent, &err);
	if (digesting && res == XFER_OK && sent == (uint64_t)st.st_size)
		retr_cache(&dg, fd, &st);
	digest_free(&dg);
	close(fd);
	data_finish(s, dfd, res, err, "Transfer complete.");
	log_xfer(s->login.name, s->login.anonymous, buf_cstr(&abs), sent,
	    cmd_secs_since(t0), 'o', s->ascii, res == XFER_OK ? 'c' : 'i');
out:
	data_reset(&s->data);
	buf_free(&abs);
}

enum store_how { STORE_NEW, STORE_APPEND, STORE_UNIQUE };

struct store {
	enum store_how	 how;
	struct buf	 abs;		/* target, virtual */
	int		 dirfd;
	const char	*base;
	char		 tmp[64];	/* STOU name, "" if none */
	struct fs_temp	 temp;		/* STOR: the upload until it is whole */
	int		 created;	/* in place, and the file is new */
	int		 fd;		/* in place (APPE, REST, STOU) */
	off_t		 rest;
	int		 whole;		/* written from byte 0: digested */
	struct digest_ctx dg;		/* ... of what was written */
};

/* The fd the data goes to. */
static int
store_fd(const struct store *st)
{
	return st->temp.fd != -1 ? st->temp.fd : st->fd;
}

/*
 * Open the target in place (APPE, REST+STOR): regular files only.  A
 * refused request changes nothing: the marker is checked before anything
 * is created, and the tail past the marker is cut only once the stream
 * arrived (store_commit).
 */
static int
store_open_inplace(struct session *s, struct store *st, const struct stat *old)
{
	struct stat sb;
	off_t at;

	if (st->rest > (old != NULL ? old->st_size : 0)) {
		session_reply(s, 554, "Restart position beyond end of file.");
		return -1;
	}
	st->fd = openat(st->dirfd, st->base, O_WRONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC | O_NOCTTY | (old == NULL ? O_CREAT | O_EXCL : 0), 0644);
	st->created = old == NULL && st->fd != -1;
	if (st->fd == -1 || fstat(st->fd, &sb) == -1 ||
	    xset_nonblock(st->fd, 0) == -1) {
		session_fail(s, 553, "Could not create file", errno);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		session_fail(s, 553, "Could not create file", EINVAL);
		return -1;
	}
	at = st->rest > 0 ? st->rest : (st->how == STORE_APPEND ?
	    sb.st_size : 0);
	if (lseek(st->fd, at, SEEK_SET) == -1) {
		session_reply(s, 451, "Could not seek: %s.", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * STOR: the data goes to a temporary beside the target, nameless where
 * possible (fs_temp), so the old file stays whole until the new one is.
 * A named fallback is registered for the SIGTERM handler to remove.
 */
static int
store_open_temp(struct session *s, struct store *st, const struct stat *old)
{
	if (fs_temp_open(st->dirfd, 0644, &st->temp) == -1) {
		session_fail(s, 553, "Could not create file", errno);
		return -1;
	}
	if (old != NULL)
		(void)fchmod(st->temp.fd, old->st_mode & 0777);
	if (st->temp.name[0] != '\0')
		session_temp(st->dirfd, st->temp.name);
	return 0;
}

static int
store_open(struct session *s, struct store *st, const char *arg)
{
	struct stat old;
	int exists;

	if (st->how == STORE_UNIQUE) {
		buf_adds(&st->abs, buf_cstr(&s->cwd));
		st->dirfd = fs_open(s->root, path_rel(buf_cstr(&st->abs)),
		    O_PATH | O_DIRECTORY, 0);
		if (st->dirfd == -1 || (st->fd = fs_uniquefile(st->dirfd,
		    "stou.", 0644, st->tmp, sizeof st->tmp)) == -1) {
			st->tmp[0] = '\0';
			session_fail(s, 553, "Could not create file", errno);
			return -1;
		}
		session_temp(st->dirfd, st->tmp);
		if (strcmp(buf_cstr(&st->abs), "/") != 0)
			buf_addc(&st->abs, '/');
		buf_adds(&st->abs, st->tmp);
		return 0;
	}
	if (session_path(s, arg, &st->abs) == -1 ||
	    (st->dirfd = fs_parent(s->root, buf_cstr(&st->abs),
	    &st->base)) == -1) {
		session_fail(s, 553, "Could not create file", errno);
		return -1;
	}
	if (!session_new_name_ok(s, buf_cstr(&st->abs)))
		return -1;
	exists = fstatat(st->dirfd, st->base, &old, AT_SYMLINK_NOFOLLOW) == 0;
	if (exists && !S_ISREG(old.st_mode)) {
		session_fail(s, 553, "Could not create file",
		    S_ISDIR(old.st_mode) ? EISDIR : EINVAL);
		return -1;
	}
	if (st->how == STORE_APPEND || st->rest > 0)
		return store_open_inplace(s, st, exists ? &old : NULL);
	return store_open_temp(s, st, exists ? &old : NULL);
}

/* The stream arrived whole: put the temporary in place. */
static enum xfer_result
store_commit(struct store *st, int *err)
{
	sigset_t term, old;
	off_t end;
	int r;

	/* REST+STOR: what followed the marker is replaced, not kept. */
	if (st->how == STORE_NEW && st->rest > 0 &&
	    ((end = lseek(st->fd, 0, SEEK_CUR)) == -1 ||
	    ftruncate(st->fd, end) == -1)) {
		*err = errno;
		return XFER_FILE;
	}
	/*
	 * Over an old file the commit names the temporary (linkat) before
	 * renaming it, a name no SIGTERM handler knows: the signal waits
	 * until the file is in place.
	 */
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &old);
	if (st->temp.fd != -1)
		r = fs_temp_commit(&st->temp, st->base);
	else {
		r = close(st->fd);
		st->fd = -1;
	}
	session_temp(-1, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (r == -1) {
		*err = errno;
		return XFER_FILE;
	}
	st->created = 0;
	return XFER_OK;
}

/*
 * The upload is in place: its digest goes to the HASH cache, through a
 * duplicate of the fd taken before the commit closed it (the name may
 * already be another file's), so the HASH that follows costs nothing.
 */
static void
store_cache(struct session *s, struct store *st, int fd)
{
	char hex[DIGEST_HEX_MAX];
	struct stat sb;

	digest_final(&st->dg, hex);
	if (fd != -1 && fstat(fd, &sb) == 0)
		hcache_put(fd, &sb, s->hash, hex);
}

static void
store_cleanup(struct store *st)
{
	digest_free(&st->dg);
	session_temp(-1, NULL);
	fs_temp_discard(&st->temp);
	if (st->fd != -1)
		close(st->fd);
	if (st->tmp[0] != '\0' && st->dirfd != -1)
		(void)unlinkat(st->dirfd, st->tmp, 0);
	/* An APPE that created its file and failed leaves nothing behind. */
	if (st->created && st->dirfd != -1)
		(void)unlinkat(st->dirfd, st->base, 0);
	if (st->dirfd != -1)
		close(st->dirfd);
	buf_free(&st->abs);
}

static void
cmd_store(struct session *s, const char *arg, enum store_how how)
{
	enum xfer_result res;
	struct store st;
	uint64_t got;
	int64_t t0;
	int dfd, err, keep = -1;

	memset(&st, 0, sizeof st);
	st.how = how;
	st.dirfd = st.fd = st.temp.fd = -1;
	st.rest = how == STORE_UNIQUE ? 0 : s->rest;
	s->rest = 0;
	buf_init(&st.abs);
	if (!session_may_write(s) || store_open(s, &st, arg) == -1 ||
	    (dfd = data_open(s)) == -1)
		goto out;
	if (how == STORE_UNIQUE)
		session_reply(s, 150, "FILE: %s", st.tmp);
	else
		session_reply(s, 150, "Ok to send data.");
	if (data_start(s, dfd) == -1)
		goto out;
	t0 = session_now_ms();
	s->xfer_bytes = 0;
	/*
	 * Digesting costs as much CPU as receiving: only for a client that
	 * verifies (it used HASH or OPTS HASH), whose HASH is bound to come.
	 */
	st.whole = how != STORE_APPEND && st.rest == 0 && s->hash_used;
	if (st.whole)
		digest_init(&st.dg, s->hash);
	res = data_recv_file(s, dfd, store_fd(&st), s->ascii,
	    st.whole ? &st.dg : NULL, &got, &err);
	if (res == XFER_OK && st.whole &&
	    hcache_worth((off_t)(got < INT64_MAX ? got : INT64_MAX)))
		keep = fcntl(store_fd(&st), F_DUPFD_CLOEXEC, 0);
	if (res == XFER_OK)
		res = store_commit(&st, &err);
	if (res == XFER_OK && keep != -1)
		store_cache(s, &st, keep);
	if (keep != -1)
		close(keep);
	data_finish(s, dfd, res, err, "Transfer complete.");
	if (how == STORE_UNIQUE && res == XFER_OK)
		st.tmp[0] = '\0';
	log_xfer(s->login.name, s->login.anonymous, buf_cstr(&st.abs), got,
	    cmd_secs_since(t0), 'i', s->ascii, res == XFER_OK ? 'c' : 'i');
out:
	data_reset(&s->data);
	store_cleanup(&st);
}

void
cmd_stor(struct session *s, const char *arg)
{
	cmd_store(s, arg, STORE_NEW);
}

void
cmd_appe(struct session *s, const char *arg)
{
	cmd_store(s, arg, STORE_APPEND);
}

void
cmd_stou(struct session *s, const char *arg)
{
	(void)arg;
	cmd_store(s, NULL, STORE_UNIQUE);
}

struct list_ctx {
	struct session	*s;
	int		 dfd;
	enum xfer_result res;
};

static int
cmd_list_emit(void *ctx, const char *p, size_t n)
{
	struct list_ctx *c = ctx;

	c->res = data_write(c->s, c->dfd, p, n);
	return c->res == XFER_OK ? 0 : -1;
}

static void
cmd_listing(struct session *s, const char *arg, enum ls_kind kind)
{
	struct list_ctx c = { .s = s, .res = XFER_OK };
	struct ls_job job;

	s->rest = 0;
	if (ls_open(&job, kind, s->root, buf_cstr(&s->cwd), arg, s->facts,
	    s->login.writable) == -1) {
		if (errno == ENOTDIR)
			session_reply(s, 501, "Not a directory.");
		else if (errno == E2BIG)
			session_reply(s, 550, "Pattern too complex.");
		else
			session_fail(s, 550, "Failed to open directory", errno);
		goto out;
	}
	if ((c.dfd = data_open(s)) == -1)
		goto out;
	session_reply(s, 150, "Here comes the directory listing.");
	if (data_start(s, c.dfd) == -1)
		goto out;
	s->rate_start = session_now_ms();
	s->rate_bytes = 0;
	s->xfer_bytes = 0;
	(void)ls_run(&job, cmd_list_emit, &c);
	data_finish(s, c.dfd, c.res, 0, "Directory send OK.");
out:
	ls_close(&job);
	data_reset(&s->data);
}

void
cmd_list(struct session *s, const char *arg)
{
	cmd_listing(s, arg, LS_LIST);
}

void
cmd_nlst(struct session *s, const char *arg)
{
	cmd_listing(s, arg, LS_NLST);
}

void
cmd_mlsd(struct session *s, const char *arg)
{
	cmd_listing(s, arg, LS_MLSD);
}

void
cmd_abor(struct session *s, const char *arg)
{
	(void)arg;
	/* Nothing is running here: a transfer in progress sees ABOR itself. */
	data_reset(&s->data);
	s->abort_req = 0;
	session_reply(s, 225, "No transfer to ABOR.");
}
