/*
 * priv: the privilege drop of a session child.  The kernel clears the
 * parent-death signal on a credential change, so the caller must set
 * PR_SET_PDEATHSIG after priv_drop, not before.
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <linux/capability.h>

#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "priv.h"
#include "xio.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

static int	priv_root;		/* started as root */
static uid_t	priv_uid;
static gid_t	priv_gid;
static char	priv_name[64];

int
priv_is_root(void)
{
	return priv_root;
}

const char *
priv_account(void)
{
	return priv_name;
}

int
priv_prepare(const char *name, char **err)
{
	struct passwd *pw;

	priv_root = geteuid() == 0;
	if (!priv_root)
		return 0;
	errno = 0;
	pw = getpwnam(name);
	if (pw == NULL && strcmp(name, "ftp") == 0)
		pw = getpwnam("nobody");
	if (pw == NULL) {
		*err = xasprintf("user %s: no such account", name);
		return -1;
	}
	if (pw->pw_uid == 0 || pw->pw_gid == 0) {
		*err = xasprintf("user %s: refusing to run sessions with uid "
		    "or gid 0", pw->pw_name);
		return -1;
	}
	priv_uid = pw->pw_uid;
	priv_gid = pw->pw_gid;
	strlcpy(priv_name, pw->pw_name, sizeof(priv_name));
	return 0;
}

static void
priv_verify(void)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;

	if (getresuid(&ru, &eu, &su) == -1 || getresgid(&rg, &eg, &sg) == -1)
		fatal("getresuid");
	if (ru != priv_uid || eu != priv_uid || su != priv_uid ||
	    rg != priv_gid || eg != priv_gid || sg != priv_gid)
		fatalx("privilege drop: ids not changed");
	if (setuid(0) != -1 || setgid(0) != -1)
		fatalx("privilege drop: root could be regained");
}

/*
 * Sanitizer builds: a report file named by log_path= cannot be opened
 * inside the chroot, and the report would be lost; send it to stderr,
 * which the parent handed down already open.
 */
static void
priv_sanitizer_reports(void)
{
#if defined(__SANITIZE_ADDRESS__)
	__sanitizer_set_report_path("stderr");
#endif
}

/*
 * What the listening parent keeps of root once it has bound: enough to
 * chroot and switch ids in its children, signal them, and read a users
 * or config file on SIGHUP whoever owns it.  Nothing else, ever.
 */
static const int priv_parent_caps[] = {
	CAP_SYS_CHROOT, CAP_SETUID, CAP_SETGID, CAP_KILL, CAP_DAC_READ_SEARCH,
};

static int
priv_capget(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	return (int)syscall(SYS_capget, &h, d);
}

static int
priv_capset(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	return (int)syscall(SYS_capset, &h, d);
}

static int
priv_wanted(int cap)
{
	size_t i;

	for (i = 0; i < sizeof(priv_parent_caps) / sizeof(priv_parent_caps[0]); i++)
		if (priv_parent_caps[i] == cap)
			return 1;
	return 0;
}

void
priv_limit_parent(void)
{
	struct __user_cap_data_struct have[2], keep[2];
	int cap;

	if (!priv_root)
		return;
	if (priv_capget(have) == -1)
		fatal("capget");
	memset(keep, 0, sizeof(keep));
	for (cap = 0; cap <= CAP_LAST_CAP; cap++) {
		uint32_t bit = 1u << (cap % 32);

		if (!priv_wanted(cap)) {
			/* EINVAL: a capability this kernel does not know. */
			if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == -1 &&
			    errno != EINVAL && errno != EPERM)
				fatal("PR_CAPBSET_DROP %d", cap);
			continue;
		}
		if (have[cap / 32].permitted & bit) {
			keep[cap / 32].permitted |= bit;
			keep[cap / 32].effective |= bit;
		}
	}
	if (priv_capset(keep) == -1)
		fatal("capset");
}

void
priv_drop(const char *root)
{
	struct rlimit nocore = { 0, 0 }, nofork = { 0, 0 };

	/* A core of a session could hold the password hashes of the users
	 * file, which every child inherits. */
	(void)setrlimit(RLIMIT_CORE, &nocore);
	if (priv_root) {
		priv_sanitizer_reports();
		if (chroot(root) == -1)
			fatal("chroot %s", root);
		if (chdir("/") == -1)
			fatal("chdir /");
		if (setgroups(1, &priv_gid) == -1)
			fatal("setgroups");
		if (setresgid(priv_gid, priv_gid, priv_gid) == -1)
			fatal("setresgid");
		if (setresuid(priv_uid, priv_uid, priv_uid) == -1)
			fatal("setresuid");
		priv_verify();
	}
	/* A session never forks: a hijacked one cannot either (vsftpd). */
	if (setrlimit(RLIMIT_NPROC, &nofork) == -1)
		fatal("RLIMIT_NPROC");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		fatal("PR_SET_NO_NEW_PRIVS");
	/* After the uid change, which resets the flag to suid_dumpable. */
	priv_no_dump();
}

void
priv_no_dump(void)
{
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == -1)
		fatal("PR_SET_DUMPABLE");
}
