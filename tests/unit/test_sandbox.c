/*
 * Unit tests for server/sandbox.c, the seccomp filter of session
 * children, and its option in server/conf.c.
 *
 * The filter cannot be removed once installed, so every check runs in a
 * forked child, which reports each mismatch as a line on a pipe and
 * leaves with _exit (an exit() would run LeakSanitizer, whose helper
 * process the filter refuses).  Each denied call is also made without
 * the filter where that is harmless and deterministic ("baseline"), with
 * arguments chosen so the kernel answers something other than EPERM: the
 * EPERM under the filter is then the filter's doing, not the kernel's.
 * New processes are refused by the filter as well as by RLIMIT_NPROC
 * (which priv_drop sets and this test does not), so fork is checked here.
 */
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <linux/openat2.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "unit_fork.h"

#include <openssl/ssl.h>

#include "../../server/conf.h"
#include "../../server/sandbox.h"
#include "../../server/tls.h"

#define KCMP_FILE_	0	/* <linux/kcmp.h> KCMP_FILE */

extern char **environ;

#define END	"(all calls made)\n"

static char dir[] = "/tmp/test_sandbox.XXXXXX";

/* What a call must answer: 0 (success) or an errno; alt is also fine. */
enum base {
	BASE_SKIP,	/* no harmless baseline */
	BASE_ANY,	/* without the filter the answer is not EPERM */
	BASE_ROOT,	/* the same, only checked as root (a capability check
			 * comes first for anyone else) */
};

struct call {
	const char	*name;
	int		(*fn)(void);	/* -1 with errno, or >= 0 */
	int		 want;		/* under the filter */
	int		 alt;		/* also accepted under the filter, or 0 */
	enum base	 base;
};

/* --- calls the filter denies ------------------------------------------ */

static int
c_execve(void)
{
	char *argv[] = { "true", NULL };

	return execve("/bin/true", argv, environ);
}

static int
c_execveat(void)
{
	char *argv[] = { "true", NULL };

	return (int)syscall(SYS_execveat, AT_FDCWD, "/bin/true", argv, environ, 0);
}

/* A process that could start would exit at once. */
static int
c_fork(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		(void)waitpid(pid, NULL, 0);
	return pid == -1 ? -1 : 0;
}

/* A size below CLONE_ARGS_SIZE_VER0 is EINVAL to the kernel: no child. */
static int
c_clone3(void)
{
	uint64_t args[11];

	memset(args, 0, sizeof(args));
	return (int)syscall(SYS_clone3, args, (size_t)8);
}

/* Only ever made under the filter: without it this would be a child. */
static int
c_clone_newuser(void)
{
	long r = syscall(SYS_clone, (unsigned long)(CLONE_NEWUSER | SIGCHLD),
	    NULL, NULL, NULL, NULL);

	if (r == 0)
		_exit(0);
	return r == -1 ? -1 : 0;
}

/* Not a tracee of ours: ESRCH without the filter. */
static int
c_ptrace(void)
{
	return (int)ptrace(PTRACE_PEEKUSER, getppid(), NULL, NULL);
}

static int
c_process_vm_readv(void)
{
	char a[8] = "abcdefg", b[8];
	struct iovec l = { b, sizeof(b) }, r = { a, sizeof(a) };

	return (int)process_vm_readv(getpid(), &l, 1, &r, 1, 0);
}

static int
c_unshare(void)
{
	return unshare(CLONE_NEWUSER | CLONE_NEWNS);
}

static int
c_setns(void)
{
	return setns(-1, 0);
}

static int
c_mount(void)
{
	return mount(NULL, "/nonexistent-sandbox-test", NULL, MS_REMOUNT, NULL);
}

static int
c_umount2(void)
{
	return umount2("/nonexistent-sandbox-test", 0);
}

static int
c_chroot(void)
{
	return chroot("/nonexistent-sandbox-test");
}

static int
c_pivot_root(void)
{
	return (int)syscall(SYS_pivot_root, "/nonexistent-a", "/nonexistent-b");
}

/* Asks for what the process has: a no-op that anyone may do. */
static int
c_setuid(void)
{
	return setuid(getuid());
}

static int
c_setgid(void)
{
	return setgid(getgid());
}

static int
c_setresuid(void)
{
	return setresuid((uid_t)-1, (uid_t)-1, (uid_t)-1);
}

static int
c_setgroups(void)
{
	gid_t g = getgid();

	return setgroups(1, &g);
}

static int
c_socket_family(int family, int type)
{
	int fd = socket(family, type | SOCK_CLOEXEC, 0);

	if (fd >= 0)
		close(fd);
	return fd;
}

static int
c_netlink(void)
{
	return c_socket_family(AF_NETLINK, SOCK_RAW);
}

static int
c_packet(void)
{
	return c_socket_family(AF_PACKET, SOCK_RAW);
}

static int
c_socketpair_inet(void)
{
	int sv[2];

	return socketpair(AF_INET, SOCK_STREAM, 0, sv);
}

/* The parent stands for any other session: same account. */
static int
c_kill_parent(void)
{
	return kill(getppid(), 0);
}

static int
c_kill_group(void)
{
	return kill(0, 0);
}

static int
c_kill_all(void)
{
	return kill(-1, 0);
}

static int
c_tgkill_parent(void)
{
	return (int)syscall(SYS_tgkill, getppid(), getppid(), 0);
}

static int
c_prlimit_parent(void)
{
	struct rlimit r;

	return prlimit(getppid(), RLIMIT_NOFILE, NULL, &r);
}

static int
c_setaffinity_parent(void)
{
	cpu_set_t set;

	if (sched_getaffinity(getppid(), sizeof(set), &set) == -1)
		return -2;
	return sched_setaffinity(getppid(), sizeof(set), &set);
}

static int
c_setpriority(void)
{
	int prio;

	errno = 0;
	prio = getpriority(PRIO_PROCESS, 0);

	if (prio == -1 && errno != 0)
		return -2;
	return setpriority(PRIO_PROCESS, 0, prio);
}

static int
c_kcmp(void)
{
	return (int)syscall(SYS_kcmp, getpid(), getpid(), KCMP_FILE_, 0, 0);
}

static int
c_pidfd_getfd(void)
{
	return (int)syscall(SYS_pidfd_getfd, -1, 0, 0);
}

static int
c_bpf(void)
{
	return (int)syscall(SYS_bpf, -1, NULL, 0);
}

static int
c_perf_event_open(void)
{
	return (int)syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0);
}

static int
c_userfaultfd(void)
{
	return (int)syscall(SYS_userfaultfd, -1);
}

static int
c_io_uring_setup(void)
{
	return (int)syscall(SYS_io_uring_setup, 0, NULL);
}

static int
c_keyctl(void)
{
	return (int)syscall(SYS_keyctl, -1, 0, 0, 0, 0);
}

static int
c_add_key(void)
{
	return (int)syscall(SYS_add_key, NULL, NULL, NULL, 0, 0);
}

static int
c_finit_module(void)
{
	return (int)syscall(SYS_finit_module, -1, "", 0);
}

/* Invalid magic: EINVAL even as root. */
static int
c_reboot(void)
{
	return (int)syscall(SYS_reboot, 0, 0, 0, NULL);
}

static int
c_swapoff(void)
{
	return (int)syscall(SYS_swapoff, "/nonexistent-sandbox-test");
}

/* 0xffffffff only reads the persona. */
static int
c_personality(void)
{
	return personality(0xffffffff);
}

static int
c_open_by_handle_at(void)
{
	return (int)syscall(SYS_open_by_handle_at, -1, NULL, 0);
}

static int
c_tiocsti(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC), r;
	char ch = 'x';

	if (fd == -1)
		return -2;
	r = ioctl(fd, TIOCSTI, &ch);
	close(fd);
	return r;
}

static int
c_mkfifo(void)
{
	char p[64];
	int r;

	snprintf(p, sizeof(p), "%s/fifo", dir);
	r = mknodat(AT_FDCWD, p, S_IFIFO | 0600, 0);
	if (r == 0)
		unlink(p);
	return r;
}

/*
 * Extended attributes by path, listing and removal: a session only
 * reads and writes its HASH cache through fds.  Without the filter these
 * answer ENOENT, EBADF, ENODATA or (an older kernel) ENOSYS.
 */
static int
c_setxattr(void)
{
	return setxattr("/nonexistent-sandbox-test", "user.x", "1", 1, 0);
}

static int
c_lgetxattr(void)
{
	char v[8];

	return (int)lgetxattr("/nonexistent-sandbox-test", "user.x", v, sizeof(v));
}

static int
c_listxattr(void)
{
	char v[64];

	return (int)listxattr("/nonexistent-sandbox-test", v, sizeof(v));
}

static int
c_flistxattr(void)
{
	char v[64];

	return (int)flistxattr(-1, v, sizeof(v));
}

static int
c_fremovexattr(void)
{
	return fremovexattr(-1, "user.x");
}

#define SYS_getxattrat_	464	/* Linux 6.13; not in older headers */

static int
c_getxattrat(void)
{
	return (int)syscall(SYS_getxattrat_, -1, "x", 0, "user.x", NULL, 0);
}

static const struct call denied[] = {
	{ "fork", c_fork, EPERM, 0, BASE_ANY },
	{ "clone3", c_clone3, ENOSYS, 0, BASE_ANY },
	{ "clone CLONE_NEWUSER", c_clone_newuser, EPERM, 0, BASE_SKIP },
	{ "ptrace", c_ptrace, EPERM, 0, BASE_ANY },
	{ "process_vm_readv", c_process_vm_readv, EPERM, 0, BASE_ANY },
	{ "unshare", c_unshare, EPERM, 0, BASE_SKIP },
	{ "setns", c_setns, EPERM, 0, BASE_ANY },
	{ "mount", c_mount, EPERM, 0, BASE_ANY },
	{ "umount2", c_umount2, EPERM, 0, BASE_ANY },
	{ "chroot", c_chroot, EPERM, 0, BASE_ANY },
	{ "pivot_root", c_pivot_root, EPERM, 0, BASE_ROOT },
	{ "setuid", c_setuid, EPERM, 0, BASE_ANY },
	{ "setgid", c_setgid, EPERM, 0, BASE_ANY },
	{ "setresuid", c_setresuid, EPERM, 0, BASE_ANY },
	{ "setgroups", c_setgroups, EPERM, 0, BASE_ROOT },
	{ "socket AF_NETLINK", c_netlink, EPERM, 0, BASE_ANY },
	{ "socket AF_PACKET", c_packet, EPERM, 0, BASE_ROOT },
	{ "socketpair AF_INET", c_socketpair_inet, EPERM, 0, BASE_ANY },
	{ "kill another session", c_kill_parent, EPERM, 0, BASE_ANY },
	{ "kill the process group", c_kill_group, EPERM, 0, BASE_ANY },
	{ "kill -1", c_kill_all, EPERM, 0, BASE_ANY },
	{ "tgkill another session", c_tgkill_parent, EPERM, 0, BASE_ANY },
	{ "prlimit another session", c_prlimit_parent, EPERM, 0, BASE_ANY },
	{ "sched_setaffinity another session", c_setaffinity_parent, EPERM, 0,
	    BASE_ANY },
	{ "setpriority", c_setpriority, EPERM, 0, BASE_ANY },
	{ "kcmp", c_kcmp, EPERM, 0, BASE_ANY },
	{ "pidfd_getfd", c_pidfd_getfd, EPERM, 0, BASE_ANY },
	{ "bpf", c_bpf, EPERM, 0, BASE_ROOT },
	{ "perf_event_open", c_perf_event_open, EPERM, 0, BASE_ANY },
	{ "userfaultfd", c_userfaultfd, EPERM, 0, BASE_ROOT },
	{ "io_uring_setup", c_io_uring_setup, EPERM, 0, BASE_SKIP },
	{ "keyctl", c_keyctl, EPERM, 0, BASE_ANY },
	{ "add_key", c_add_key, EPERM, 0, BASE_ANY },
	{ "finit_module", c_finit_module, EPERM, 0, BASE_ROOT },
	{ "reboot", c_reboot, EPERM, 0, BASE_ROOT },
	{ "swapoff", c_swapoff, EPERM, 0, BASE_ROOT },
	{ "personality", c_personality, EPERM, 0, BASE_ANY },
	{ "open_by_handle_at", c_open_by_handle_at, EPERM, 0, BASE_ROOT },
	{ "ioctl TIOCSTI", c_tiocsti, EPERM, 0, BASE_ANY },
	{ "mknodat FIFO", c_mkfifo, EPERM, 0, BASE_ANY },
	{ "setxattr", c_setxattr, EPERM, 0, BASE_ANY },
	{ "lgetxattr", c_lgetxattr, EPERM, 0, BASE_ANY },
	{ "listxattr", c_listxattr, EPERM, 0, BASE_ANY },
	{ "flistxattr", c_flistxattr, EPERM, 0, BASE_ANY },
	{ "fremovexattr", c_fremovexattr, EPERM, 0, BASE_ANY },
	{ "getxattrat", c_getxattrat, EPERM, 0, BASE_ANY },
	/* Last: if one goes through, the child is gone. */
	{ "execve /bin/true", c_execve, EPERM, 0, BASE_SKIP },
	{ "execveat /bin/true", c_execveat, EPERM, 0, BASE_SKIP },
};

/* --- what a session does: all of it must still work ------------------- */

static int
c_file_io(void)
{
	char p[64], q[64], b[6];
	int fd;

	snprintf(p, sizeof(p), "%s/a", dir);
	snprintf(q, sizeof(q), "%s/b", dir);
	if ((fd = open(p, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) == -1)
		return -1;
	if (write(fd, "hello", 5) != 5 || pread(fd, b, 5, 0) != 5 ||
	    memcmp(b, "hello", 5) != 0 || ftruncate(fd, 3) == -1 ||
	    fsync(fd) == -1) {
		close(fd);
		return -1;
	}
	close(fd);
	if (rename(p, q) == -1)
		return -1;
	return unlink(q);
}

static int
c_sendfile(void)
{
	char p[64], q[64];
	int in, out, r = -1;
	off_t off = 0;

	snprintf(p, sizeof(p), "%s/in", dir);
	snprintf(q, sizeof(q), "%s/out", dir);
	in = open(p, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	out = open(q, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (in != -1 && out != -1 && write(in, "0123456789", 10) == 10)
		r = sendfile(out, in, &off, 10) == 10 ? 0 : -1;
	if (in != -1)
		close(in);
	if (out != -1)
		close(out);
	unlink(p);
	unlink(q);
	return r;
}

static int
c_mmap(void)
{
	char *m = mmap(NULL, 65536, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return -1;
	m[0] = 1;
	(void)madvise(m, 65536, MADV_DONTNEED);
	return munmap(m, 65536);
}

/* STOR's nameless temporary, linked into place when complete. */
static int
c_linkat_empty(void)
{
	char p[64];
	int fd, r;

	snprintf(p, sizeof(p), "%s/linked", dir);
	if ((fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600)) == -1)
		return -1;
	r = linkat(fd, "", AT_FDCWD, p, AT_EMPTY_PATH);
	close(fd);
	if (r == 0)
		unlink(p);
	return r;
}

/* The jail's resolution (fs.c). */
static int
c_openat2(void)
{
	struct open_how how;
	int dfd, fd;

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	if ((dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	fd = (int)syscall(SYS_openat2, dfd, ".", &how, sizeof(how));
	close(dfd);
	if (fd >= 0)
		close(fd);
	return fd;
}

static int
c_dirs(void)
{
	char p[64];
	struct stat st;

	snprintf(p, sizeof(p), "%s/d", dir);
	if (mkdir(p, 0700) == -1 || fstatat(AT_FDCWD, p, &st, 0) == -1 ||
	    utimensat(AT_FDCWD, p, NULL, 0) == -1 || chmod(p, 0755) == -1)
		return -1;
	return rmdir(p);
}

static int
c_inet(void)
{
	return c_socket_family(AF_INET, SOCK_STREAM);
}

static int
c_inet6(void)
{
	return c_socket_family(AF_INET6, SOCK_STREAM);
}

static int
c_unix(void)
{
	return c_socket_family(AF_UNIX, SOCK_DGRAM);
}

static int
c_socketpair_unix(void)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
		return -1;
	close(sv[0]);
	close(sv[1]);
	return 0;
}

/* A passive data connection on loopback, a byte across it. */
static int
c_tcp(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int l, c = -1, s = -1, r = -1;
	char ch = 0;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(l, 1) == 0 &&
	    getsockname(l, (struct sockaddr *)&a, &len) == 0 &&
	    (c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) != -1 &&
	    connect(c, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    (s = accept4(l, NULL, NULL, SOCK_CLOEXEC)) != -1 &&
	    write(c, "x", 1) == 1 && read(s, &ch, 1) == 1 && ch == 'x')
		r = 0;
	if (s != -1)
		close(s);
	if (c != -1)
		close(c);
	close(l);
	return r;
}

static void *
c_thread_main(void *arg)
{
	return arg;
}

/* clone3 is ENOSYS: glibc must fall back to clone(CLONE_THREAD...). */
static int
c_thread(void)
{
	pthread_t t;
	void *ret = NULL;
	int e;

	if ((e = pthread_create(&t, NULL, c_thread_main, &e)) != 0)
		return errno = e, -1;
	if ((e = pthread_join(t, &ret)) != 0)
		return errno = e, -1;
	return ret == &e ? 0 : -2;
}

static int
c_kill_self(void)
{
	return kill(getpid(), 0);
}

static int
c_tgkill_self(void)
{
	return (int)syscall(SYS_tgkill, getpid(), getpid(), 0);
}

static int
c_prlimit_self(void)
{
	struct rlimit r;

	if (prlimit(0, RLIMIT_NOFILE, NULL, &r) == -1)
		return -1;
	return prlimit(getpid(), RLIMIT_NOFILE, &r, NULL);
}

static int
c_pipe_ioctl(void)
{
	int p[2], n = -1, r;

	if (pipe2(p, O_CLOEXEC) == -1)
		return -1;
	r = write(p[1], "ab", 2) == 2 && ioctl(p[0], FIONREAD, &n) == 0 &&
	    n == 2 ? 0 : -2;
	close(p[0]);
	close(p[1]);
	return r;
}

static int
c_misc(void)
{
	struct timespec ts = { 0, 1000 };
	char b[16];

	if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b) ||
	    clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		return -1;
	ts.tv_sec = 0;
	ts.tv_nsec = 1000;
	if (nanosleep(&ts, NULL) == -1 ||
	    prctl(PR_SET_NAME, "sandboxed", 0, 0, 0) == -1)
		return -1;
	return 0;
}

/* HASH's cache: fsetxattr then fgetxattr on an fd. */
static int
c_fxattr(void)
{
	char p[64], v[8];
	ssize_t n;
	int fd;

	snprintf(p, sizeof(p), "%s/x", dir);
	if ((fd = open(p, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) == -1)
		return -2;
	if (fsetxattr(fd, "user.forkftpd.sha256", "v1", 2, 0) == -1 ||
	    (n = fgetxattr(fd, "user.forkftpd.sha256", v, sizeof(v))) == -1) {
		n = errno;
		close(fd);
		unlink(p);
		errno = (int)n;
		return -1;
	}
	close(fd);
	unlink(p);
	return n == 2 && memcmp(v, "v1", 2) == 0 ? 0 : -2;
}

/*
 * FTPS in a filtered session: the listener loaded OpenSSL and the
 * certificate before the filter (tls_ready, as main does before fork);
 * a handshake and a record each way, with a client made after the
 * filter, need nothing the filter denies (getrandom, mostly).
 */
static int
c_tls(void)
{
	SSL_CTX *cctx = NULL;
	SSL *c = NULL;
	struct tls_conn *t = NULL;
	int sv[2], i, sdone = 0, cdone = 0, r = -2;
	char buf[8];
	size_t n;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
	    sv) == -1)
		return -1;
	if ((cctx = SSL_CTX_new(TLS_client_method())) == NULL ||
	    (c = SSL_new(cctx)) == NULL || SSL_set_fd(c, sv[1]) != 1)
		goto out;
	t = tls_new(sv[0], 1);
	for (i = 0; i < 100 && !(sdone && cdone); i++) {
		if (!sdone && (sdone = tls_handshake(t)) == -1)
			goto out;
		if (!cdone && SSL_connect(c) == 1)
			cdone = 1;
	}
	if (sdone && cdone && SSL_write_ex(c, "ping", 4, &n) == 1 &&
	    tls_read(t, buf, sizeof(buf)) == 4 && memcmp(buf, "ping", 4) == 0 &&
	    tls_write(t, "pong", 4) == 4 &&
	    SSL_read_ex(c, buf, sizeof(buf), &n) == 1 && n == 4)
		r = 0;
out:
	tls_free(t, 1);
	SSL_free(c);
	SSL_CTX_free(cctx);
	close(sv[0]);
	close(sv[1]);
	return r;
}

static const struct call allowed[] = {
	{ "open/read/write/rename/unlink", c_file_io, 0, 0, BASE_ANY },
	{ "sendfile", c_sendfile, 0, 0, BASE_ANY },
	{ "mmap", c_mmap, 0, 0, BASE_ANY },
	/* ENOENT: kernels before 6.10 want CAP_DAC_READ_SEARCH for it */
	{ "linkat AT_EMPTY_PATH", c_linkat_empty, 0, ENOENT, BASE_ANY },
	{ "openat2 RESOLVE_BENEATH", c_openat2, 0, 0, BASE_ANY },
	{ "mkdir/stat/utimens/chmod/rmdir", c_dirs, 0, 0, BASE_ANY },
	{ "socket AF_INET", c_inet, 0, 0, BASE_ANY },
	{ "socket AF_INET6", c_inet6, 0, EAFNOSUPPORT, BASE_ANY },
	{ "socket AF_UNIX", c_unix, 0, 0, BASE_ANY },
	{ "socketpair AF_UNIX", c_socketpair_unix, 0, 0, BASE_ANY },
	{ "TCP over loopback", c_tcp, 0, 0, BASE_ANY },
	{ "pthread_create", c_thread, 0, 0, BASE_ANY },
	{ "kill self", c_kill_self, 0, 0, BASE_ANY },
	{ "tgkill self", c_tgkill_self, 0, 0, BASE_ANY },
	{ "prlimit self", c_prlimit_self, 0, 0, BASE_ANY },
	{ "pipe, ioctl FIONREAD", c_pipe_ioctl, 0, 0, BASE_ANY },
	{ "getrandom/clock/nanosleep/prctl", c_misc, 0, 0, BASE_ANY },
	/* EOPNOTSUPP: a /tmp without user xattrs */
	{ "fsetxattr/fgetxattr", c_fxattr, 0, EOPNOTSUPP, BASE_ANY },
	{ "TLS handshake and records", c_tls, 0, 0, BASE_ANY },
};

/* The listener's part of TLS, once, before any check forks. */
static void
tls_ready(void)
{
	static int done;
	struct server_conf c;
	char *err = NULL, state[64];

	if (done++)
		return;
	snprintf(state, sizeof(state), "%s/tls", dir);
	memset(&c, 0, sizeof(c));
	c.tls = TLS_OPTIONAL;
	c.state_dir = state;
	if (tls_setup(&c, &err) == -1)
		fail_msg("tls_setup: %s", err);
}

/* --- running calls in a child ----------------------------------------- */

/* One call: 0 if its answer is acceptable, else a line on fd. */
static int
run_call(int fd, const struct call *c, int filtered)
{
	int r, got;

	errno = 0;
	r = c->fn();
	got = r == -1 ? errno : r < -1 ? -1 : 0;
	if (filtered && got != c->want && (c->alt == 0 || got != c->alt)) {
		dprintf(fd, "%s: got %s, want %s\n", c->name,
		    got == 0 ? "success" : got == -1 ? "a failed setup" :
		    strerror(got), c->want == 0 ? "success" : strerror(c->want));
		return 1;
	}
	if (!filtered && got == EPERM) {
		dprintf(fd, "%s: EPERM even without the filter\n", c->name);
		return 1;
	}
	return 0;
}

/* The child's side: the filter (or not), then every call. */
__attribute__((noreturn))
static void
child_calls(int fd, const struct call *calls, size_t n, int filtered)
{
	struct rlimit nocore = { 0, 0 };
	int bad = 0, root = geteuid() == 0;
	size_t i;

	(void)setrlimit(RLIMIT_CORE, &nocore);
	if (filtered && sandbox_apply() == -1) {
		dprintf(fd, "sandbox_apply: %s\n", strerror(errno));
		_exit(2);
	}
	for (i = 0; i < n; i++) {
		if (!filtered && (calls[i].base == BASE_SKIP ||
		    (calls[i].base == BASE_ROOT && !root)))
			continue;
		bad += run_call(fd, &calls[i], filtered);
	}
	dprintf(fd, "%s", END);
	_exit(bad != 0);
}

/* Fork, run the calls there, fail with every line the child wrote.  A
 * child that went away early (execve succeeded) does not write END. */
static void
check_calls(const struct call *calls, size_t n, int filtered)
{
	char out[8192];
	size_t len = 0;
	ssize_t r;
	int p[2], status;
	pid_t pid;

	assert_int_equal(0, pipe2(p, O_CLOEXEC));
	pid = unit_fork();
	assert_true(pid != -1);
	if (pid == 0) {
		close(p[0]);
		child_calls(p[1], calls, n, filtered);
	}
	close(p[1]);
	while (len < sizeof(out) - 1 &&
	    (r = read(p[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += (size_t)r;
	out[len] = '\0';
	close(p[0]);
	assert_int_equal(pid, waitpid(pid, &status, 0));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
	    len < strlen(END) || strcmp(out + len - strlen(END), END) != 0)
		fail_msg("%s child: status %#x%s\n%s", filtered ? "filtered" :
		    "unfiltered", (unsigned)status, strstr(out, END) == NULL ?
		    " and it did not finish (did an execve go through?)" : "", out);
}

static void
skip_without_seccomp(void)
{
	if (sandbox_probe() == -1) {
		print_message("no seccomp filters here: %s\n", strerror(errno));
		skip();
	}
}

static void
test_denied(void **state)
{
	(void)state;
	skip_without_seccomp();
	check_calls(denied, sizeof(denied) / sizeof(denied[0]), 1);
}

static void
test_denied_baseline(void **state)
{
	(void)state;
	check_calls(denied, sizeof(denied) / sizeof(denied[0]), 0);
}

static void
test_allowed(void **state)
{
	(void)state;
	skip_without_seccomp();
	tls_ready();
	check_calls(allowed, sizeof(allowed) / sizeof(allowed[0]), 1);
	check_calls(allowed, sizeof(allowed) / sizeof(allowed[0]), 0);
}

/* The child dies of SIGSYS (sig), or -1 if it lives. */
static int
death_of(void (*fn)(void), int filtered)
{
	struct rlimit nocore = { 0, 0 };
	int status;
	pid_t pid = unit_fork();

	assert_true(pid != -1);
	if (pid == 0) {
		(void)setrlimit(RLIMIT_CORE, &nocore);
		if (filtered && sandbox_apply() == -1)
			_exit(2);
		fn();
		_exit(0);
	}
	assert_int_equal(pid, waitpid(pid, &status, 0));
	return WIFSIGNALED(status) ? WTERMSIG(status) : -1 - WEXITSTATUS(status);
}

#if defined(__x86_64__) && !defined(__ILP32__)
/* getpid in the x32 numbering (the 0x40000000 bit set). */
static void
x32_getpid(void)
{
	(void)syscall(0x40000000L | SYS_getpid);
}

/* getpid (20) through the i386 entry point. */
static void
i386_getpid(void)
{
	long ret = 20;

	__asm__ volatile ("int $0x80" : "+a"(ret) : : "memory");
}
#endif

/* A crash in a test's child is a death by that signal, never a cmocka
 * report from inside the child (unit_fork.h): the i386 check below
 * depends on it, and a kernel where int $0x80 faults may not be at hand. */
static void
segfault(void)
{
	raise(SIGSEGV);
}

static void
test_child_crash(void **state)
{
	(void)state;
	assert_int_equal(SIGSEGV, death_of(segfault, 0));
}

/* Another ABI's numbering would slip past every row: it kills. */
static void
test_x32_abi(void **state)
{
	(void)state;
	skip_without_seccomp();
#if defined(__x86_64__) && !defined(__ILP32__)
	assert_int_equal(SIGSYS, death_of(x32_getpid, 1));
#else
	skip();
#endif
}

/*
 * The i386 entry exists only with IA32 emulation.  Where it exists, the
 * unfiltered child survives int $0x80 and the filtered one must die of
 * SIGSYS; where it does not, int $0x80 faults (SIGSEGV) with or without
 * the filter, and there is nothing to check.  Anything else is a failure.
 */
static void
test_i386_abi(void **state)
{
	int r;

	(void)state;
	skip_without_seccomp();
#if defined(__x86_64__) && !defined(__ILP32__)
	r = death_of(i386_getpid, 0);
	if (r == SIGSEGV) {
		print_message("no IA32 emulation (int $0x80 faults): "
		    "i386 entry not checked\n");
		skip();
		return;
	}
	assert_int_equal(-1, r);
	assert_int_equal(SIGSYS, death_of(i386_getpid, 1));
#else
	skip();
#endif
}

/* The filter stays in the child that installed it. */
static void
test_status(void **state)
{
	char line[256];
	FILE *f;
	int mode = -1, filters = -1, status;
	pid_t pid;

	(void)state;
	skip_without_seccomp();
	pid = unit_fork();
	assert_true(pid != -1);
	if (pid == 0) {
		if (sandbox_apply() == -1 || prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != 2)
			_exit(1);
		_exit(0);
	}
	assert_int_equal(pid, waitpid(pid, &status, 0));
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	f = fopen("/proc/self/status", "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		(void)sscanf(line, "Seccomp: %d", &mode);
		(void)sscanf(line, "Seccomp_filters: %d", &filters);
	}
	fclose(f);
	assert_int_equal(0, mode);
	assert_true(filters == 0 || filters == -1);
}

/* --- the option ------------------------------------------------------- */

static int
load(struct server_conf *c, char **err, char *a1, char *a2)
{
	char *argv[] = { "forkftpd", a1, a2, NULL };
	int argc = 1 + (a1 != NULL) + (a2 != NULL);
	enum conf_action act;

	*err = NULL;
	return conf_load(c, argc, argv, &act, err);
}

static char *
conf_file(const char *text)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/forkftpd.conf", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void
test_option(void **state)
{
	struct server_conf c;
	char *err, cflag[] = "-c", noflag[] = "--no-sandbox";

	(void)state;
	assert_int_equal(0, load(&c, &err, NULL, NULL));
	assert_int_equal(1, c.sandbox);
	conf_free(&c);
	assert_int_equal(0, load(&c, &err, noflag, NULL));
	assert_int_equal(0, c.sandbox);
	conf_free(&c);
	assert_int_equal(0, load(&c, &err, cflag, conf_file("sandbox = no\n")));
	assert_int_equal(0, c.sandbox);
	conf_free(&c);
	assert_int_equal(0, load(&c, &err, cflag, conf_file("sandbox = yes\n")));
	assert_int_equal(1, c.sandbox);
	conf_free(&c);
	/* The key is the positive name only. */
	assert_int_equal(-1, load(&c, &err, cflag, conf_file("no_sandbox = yes\n")));
	assert_non_null(strstr(err, "unknown key"));
	free(err);
	conf_free(&c);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char p[64];
	static const char *const tls_files[] = { "cert.pem", "key.pem", "tls.lock" };
	size_t i;

	(void)state;
	snprintf(p, sizeof(p), "%s/forkftpd.conf", dir);
	unlink(p);
	for (i = 0; i < sizeof(tls_files) / sizeof(tls_files[0]); i++) {
		snprintf(p, sizeof(p), "%s/tls/%s", dir, tls_files[i]);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/tls", dir);
	rmdir(p);
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_denied),
		cmocka_unit_test(test_denied_baseline),
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_child_crash),
		cmocka_unit_test(test_x32_abi),
		cmocka_unit_test(test_i386_abi),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_option),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
