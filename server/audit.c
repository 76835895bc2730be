/*
 * audit: start-up and SIGHUP warnings about homes and the users file
 * (see audit.h).
 */
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "path.h"

#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "fs.h"
#include "log.h"
#include "priv.h"

#define AUDIT_NGROUPS	64

/* The account sessions run as, with its groups. */
struct audit_who {
	int	 self;		/* not root: sessions run as this process */
	uid_t	 uid;
	gid_t	 groups[AUDIT_NGROUPS];
	int	 ngroups;
};

static void
audit_who_init(struct audit_who *w)
{
	struct passwd *pw;

	memset(w, 0, sizeof *w);
	if (!priv_is_root() || (pw = getpwnam(priv_account())) == NULL) {
		w->self = 1;
		return;
	}
	w->uid = pw->pw_uid;
	w->ngroups = AUDIT_NGROUPS;
	if (getgrouplist(pw->pw_name, pw->pw_gid, w->groups, &w->ngroups) == -1)
		w->ngroups = AUDIT_NGROUPS;
}

/*
 * May w have access `want' (R_OK, W_OK, X_OK bits) to fd?  Not root,
 * the kernel answers for this very process.  As root the parent cannot
 * ask the kernel on the account's behalf (and its own answer would be
 * root's), so the mode bits are read as the kernel would; ACLs are not.
 */
static int
audit_access(const struct audit_who *w, int fd, int want)
{
	struct statvfs vfs;
	struct stat st;
	unsigned bits;
	int i;

	if ((want & W_OK) && fstatvfs(fd, &vfs) == 0 &&
	    (vfs.f_flag & ST_RDONLY))
		return 0;
	if (w->self)
		return faccessat(fd, "", want, AT_EACCESS | AT_EMPTY_PATH) == 0;
	if (fstat(fd, &st) == -1)
		return 0;
	bits = st.st_mode & 07;
	if (st.st_uid == w->uid)
		bits = (st.st_mode >> 6) & 07;
	else
		for (i = 0; i < w->ngroups; i++)
			if (st.st_gid == w->groups[i]) {
				bits = (st.st_mode >> 3) & 07;
				break;
			}
	return ((unsigned)want & bits) == (unsigned)want;
}

/* Open a home (virtual path under ROOT) as a session would: -1 with errno. */
static int
audit_open_home(const struct server_conf *c, const char *home)
{
	struct buf abs;
	int fd;

	buf_init(&abs);
	if (path_join("/", home, strlen(home), &abs) == -1) {
		buf_free(&abs);
		errno = ENAMETOOLONG;
		return -1;
	}
	if (strcmp(buf_cstr(&abs), "/") == 0)
		fd = dup(c->root_fd);
	else
		fd = fs_open(c->root_fd, path_rel(buf_cstr(&abs)),
		    O_PATH | O_DIRECTORY, 0);
	buf_free(&abs);
	return fd;
}

static void
audit_home(const struct server_conf *c, const struct audit_who *w,
    const char *who, const char *home, int writable)
{
	const char *acct = w->self ? "this process" : priv_account();
	int fd;

	if ((fd = audit_open_home(c, home)) == -1) {
		log_warn("%s: home %s under %s: %s; logins will fail", who,
		    home, c->root, strerror(errno));
		return;
	}
	if (!audit_access(w, fd, X_OK))
		log_warn("%s: home %s under %s cannot be entered by %s; logins "
		    "will fail", who, home, c->root, acct);
	else if (writable && !audit_access(w, fd, W_OK))
		log_warn("%s may write, but %s cannot write the home %s "
		    "under %s", who, acct, home, c->root);
	close(fd);
}

static void
audit_users_file(const struct server_conf *c)
{
	struct stat st;

	if (c->users_file != NULL && stat(c->users_file, &st) == 0 &&
	    (st.st_mode & S_IROTH))
		log_warn("users file %s is readable by others (it holds "
		    "password hashes): chmod o-r %s", c->users_file,
		    c->users_file);
}

void
audit_run(const struct server_conf *c)
{
	struct audit_who w;
	const char *name, *home;
	char who[96];
	size_t i;
	int writable;

	audit_who_init(&w);
	audit_users_file(c);
	for (i = 0; auth_user_at(c->users, i, &name, &home, &writable) == 0;
	    i++) {
		snprintf(who, sizeof who, "user %s", name);
		audit_home(c, &w, who, home, writable);
	}
	if (c->anonymous)
		audit_home(c, &w, "anonymous", c->anonymous_root != NULL ?
		    c->anonymous_root : "/", c->anonymous_write);
}
