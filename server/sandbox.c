/*
 * sandbox: the seccomp-bpf filter of a session child, written with the
 * kernel's <linux/filter.h> macros from one table (no libseccomp).
 *
 * A deny-list, not an allow-list: the calls a session makes depend on the
 * libc, the kernel and the sanitizers (ASan reads /proc/self/maps, LSan
 * clones, glibc's choice of openat2/statx/clone3 changes with versions),
 * and a missing entry in an allow-list kills a legitimate session on
 * another system.  What is denied here is what an FTP session never
 * does, so the list cannot break one; denied calls return an errno (EPERM
 * unless the row says otherwise) rather than killing, so a caller's error
 * path and a sanitizer's report still run.
 *
 * The threat model has two parts.  The kernel: no execve, no new
 * namespaces (they open up kernel attack surface to an unprivileged
 * process), no BPF, perf, io_uring (its requests bypass seccomp), keyrings,
 * userfaultfd, modules, mounts.  The other sessions: they run as the same
 * account, so uid checks do not separate them; ptrace and the calls that
 * reach another process by pid (kill, prlimit, sched_set*, setpriority,
 * process_vm_*, pidfd_getfd, kcmp) are denied or limited to the caller's
 * own pid, which is written into the filter when it is installed.
 *
 * FTPS adds nothing to allow: the listener loads OpenSSL, its providers
 * and the certificate before it forks (and shakes hands with itself
 * once, so what OpenSSL builds lazily is built too), and at run time
 * the record layer only reads and writes the sockets and asks
 * getrandom(2) for nonces and padding, which no row denies
 * (tests/unit/test_sandbox.c shakes hands under the filter).
 *
 * Program layout: the architecture must be the one compiled for (else the
 * process is killed: an i386 int 0x80 or an x32 call on x86_64 uses
 * another numbering and would slip past every row); then a binary search
 * on the syscall number down to runs of a few rows, a JEQ each, jumping
 * to the shared returns at the end (ALLOW, KILL, one per errno) or to an
 * argument test placed before them, itself shared by the rows that test
 * the same thing (kill, tgkill, ... all compare argument 0 with the own
 * pid).  A syscall appears in one row only.  Allowed calls return without
 * looking at their arguments, which lets the kernel (5.11+) cache them
 * as always-allowed and skip the filter.  Installing is paid by every
 * session: the kernel checks, converts and JITs the program (per
 * instruction: hence everything shared) and runs it once per syscall
 * number to fill that cache (per step taken: hence the search).  Measured
 * on Linux 6.18/x86_64: about 0.2 ms with a block per row in one chain,
 * about 0.06 ms as it is.
 */
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include <errno.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sandbox.h"
#include "xio.h"

#if defined(__x86_64__) && !defined(__ILP32__)
#define SB_ARCH		AUDIT_ARCH_X86_64
#define SB_X32_BIT	0x40000000u	/* __X32_SYSCALL_BIT */
#elif defined(__aarch64__)
#define SB_ARCH		AUDIT_ARCH_AARCH64
#elif defined(__riscv) && __riscv_xlen == 64
#define SB_ARCH		AUDIT_ARCH_RISCV64
#endif

#if defined(SB_ARCH)
#define SB_MAXVAL	3
#define SB_LEAF		12	/* rows tested one by one at the end of a search */

/*
 * Argument tests read the low 32 bits of the argument only: every
 * argument tested is an int, an unsigned int or (clone's flags) a value
 * whose high half the kernel ignores, so the kernel sees exactly what
 * the filter sees.
 */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SB_ARG_LO(i)	(offsetof(struct seccomp_data, args) + 8 * (i))
#else
#define SB_ARG_LO(i)	(offsetof(struct seccomp_data, args) + 8 * (i) + 4)
#endif

enum sb_test {
	SB_ANY,		/* every call */
	SB_IN,		/* argument is one of v[] */
	SB_NOT_IN,	/* argument is none of v[] (nor the own pid, if self) */
	SB_MASK_NE,	/* (argument & v[0]) != v[1] */
};

struct sb_rule {
	int		 nr;
	enum sb_test	 test;
	unsigned	 arg;		/* argument the test reads */
	uint32_t	 v[SB_MAXVAL];
	unsigned	 nv;
	int		 self;		/* the caller's pid counts as one more v[] */
	int		 err;		/* errno of a denied call */
};

#define DENY(n)			{ SYS_##n, SB_ANY, 0, { 0 }, 0, 0, EPERM }
/* Aimed at a pid (argument 0): the caller itself only. */
#define SELF_ONLY(n)		{ SYS_##n, SB_NOT_IN, 0, { 0 }, 0, 1, EPERM }
/* The same, where 0 also means the caller. */
#define SELF_OR_0(n)		{ SYS_##n, SB_NOT_IN, 0, { 0 }, 1, 1, EPERM }

/*
 * Linux 6.13's *xattrat calls: numbered alike on every architecture
 * here, and missing from older headers, while the kernel running the
 * filter may well have them.
 */
#if !defined(SYS_setxattrat)
#define SYS_setxattrat		463
#define SYS_getxattrat		464
#define SYS_listxattrat		465
#define SYS_removexattrat	466
#endif

/* Namespaces a clone(2) could create. */
#define SB_CLONE_NEW	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | \
	CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME)

static const struct sb_rule sb_rules[] = {
	/* Running programs: a session lists and hashes in-process. */
	DENY(execve), DENY(execveat),
	/*
	 * New processes: a session never forks (RLIMIT_NPROC 0 already
	 * refuses it; this holds even where that limit does not apply).
	 * Threads pass when they ask for no namespace.  clone3 passes its
	 * flags in memory, out of the filter's reach: ENOSYS makes glibc
	 * fall back to clone, whose flags can be checked.
	 */
	{ SYS_clone, SB_MASK_NE, 0, { SB_CLONE_NEW | CLONE_THREAD, CLONE_THREAD },
	    2, 0, EPERM },
	{ SYS_clone3, SB_ANY, 0, { 0 }, 0, 0, ENOSYS },
#if defined(SYS_fork)
	DENY(fork), DENY(vfork),
#endif
	/* Credentials are final after priv_drop. */
	DENY(setuid), DENY(setgid), DENY(setreuid), DENY(setregid),
	DENY(setresuid), DENY(setresgid), DENY(setfsuid), DENY(setfsgid),
	DENY(setgroups), DENY(capset),
	/* Other processes, which run as the same account. */
	DENY(ptrace), DENY(process_vm_readv), DENY(process_vm_writev),
	DENY(pidfd_getfd), DENY(pidfd_send_signal), DENY(process_madvise),
	DENY(kcmp), DENY(get_robust_list), DENY(migrate_pages), DENY(move_pages),
	DENY(setpriority), DENY(ioprio_set),	/* PRIO_USER: every session */
	SELF_ONLY(kill), SELF_ONLY(tkill), SELF_ONLY(tgkill),
	SELF_ONLY(rt_sigqueueinfo), SELF_ONLY(rt_tgsigqueueinfo),
	SELF_OR_0(prlimit64), SELF_OR_0(sched_setaffinity),
	SELF_OR_0(sched_setparam), SELF_OR_0(sched_setscheduler),
	SELF_OR_0(sched_setattr),
	/* Namespaces, mounts, the file system's privileged doors. */
	DENY(unshare), DENY(setns), DENY(mount), DENY(umount2),
	DENY(pivot_root), DENY(chroot), DENY(fsopen), DENY(fsconfig),
	DENY(fsmount), DENY(fspick), DENY(move_mount), DENY(open_tree),
	DENY(mount_setattr), DENY(open_by_handle_at), DENY(name_to_handle_at),
	DENY(quotactl), DENY(quotactl_fd), DENY(fanotify_init),
	DENY(mknodat),	/* a FIFO in the tree would hang whoever opens it */
	/*
	 * Extended attributes: HASH's cache (hcache.c) reads and writes its
	 * own through fgetxattr/fsetxattr on files the jail opened.  No
	 * session names one by path, lists or removes any.
	 */
	DENY(setxattr), DENY(lsetxattr), DENY(getxattr), DENY(lgetxattr),
	DENY(listxattr), DENY(llistxattr), DENY(flistxattr),
	DENY(removexattr), DENY(lremovexattr), DENY(fremovexattr),
	DENY(setxattrat), DENY(getxattrat), DENY(listxattrat),
	DENY(removexattrat),
	/* Kernel attack surface no session needs. */
	DENY(bpf), DENY(perf_event_open), DENY(userfaultfd),
	DENY(io_uring_setup), DENY(io_uring_enter), DENY(io_uring_register),
	DENY(keyctl), DENY(add_key), DENY(request_key),
	DENY(init_module), DENY(finit_module), DENY(delete_module),
	DENY(kexec_load), DENY(kexec_file_load), DENY(reboot),
	DENY(swapon), DENY(swapoff), DENY(acct), DENY(syslog), DENY(vhangup),
	DENY(personality), DENY(sethostname), DENY(setdomainname),
	DENY(settimeofday), DENY(clock_settime), DENY(clock_adjtime),
	DENY(adjtimex),
#if defined(__x86_64__)
	DENY(mknod), DENY(iopl), DENY(ioperm), DENY(modify_ldt), DENY(uselib),
#endif
	/* Data connections are TCP; syslog(3) reconnects over AF_UNIX. */
	{ SYS_socket, SB_NOT_IN, 0, { AF_INET, AF_INET6, AF_UNIX }, 3, 0, EPERM },
	{ SYS_socketpair, SB_NOT_IN, 0, { AF_UNIX }, 1, 0, EPERM },
	/* Typing into, or reprogramming, a terminal the process still holds. */
	{ SYS_ioctl, SB_IN, 1, { TIOCSTI, TIOCLINUX }, 2, 0, EPERM },
};
#define SB_NRULES	(sizeof(sb_rules) / sizeof(sb_rules[0]))

/*
 * A small assembler.  Jumps name labels, resolved once the program is
 * complete.  Classic BPF only jumps forward, a conditional jump at most
 * 255 instructions: every row jumps to a body or a return placed after
 * the search, so the whole program must stay under 256 instructions
 * (146 now; the unit test builds it, and a jump that does not fit
 * is a bug()).
 */
#define SB_MAXPROG	256
#define SB_MAXLABEL	64
#define SB_NEXT		(-1)	/* no jump: the next instruction */
#define SB_ALLOW	0	/* labels of the shared returns */
#define SB_KILL		1
#define SB_UNPLACED	((size_t)-1)

struct sb_fix {
	size_t		 at;		/* a jump */
	int		 jt, jf;	/* its labels, or SB_NEXT */
};

struct sb_prog {
	struct sock_filter ins[SB_MAXPROG];
	size_t		 n;
	size_t		 label[SB_MAXLABEL];	/* positions */
	int		 nlabel;
	struct sb_fix	 fix[SB_MAXPROG];
	size_t		 nfix;
	int		 err[4], errlabel[4];	/* one return per errno */
	size_t		 nerr;
};

static int
sb_label(struct sb_prog *p)
{
	if (p->nlabel == SB_MAXLABEL)
		bug("seccomp program: over %d labels", SB_MAXLABEL);
	p->label[p->nlabel] = SB_UNPLACED;
	return p->nlabel++;
}

static void
sb_place(struct sb_prog *p, int l)
{
	p->label[l] = p->n;
}

static void
sb_emit(struct sb_prog *p, struct sock_filter f)
{
	if (p->n == SB_MAXPROG)
		bug("seccomp program over %d instructions", SB_MAXPROG);
	p->ins[p->n++] = f;
}

static void
sb_stmt(struct sb_prog *p, uint16_t code, uint32_t k)
{
	sb_emit(p, (struct sock_filter)BPF_STMT(code, k));
}

/* A conditional jump on k to label jt if true, jf if false. */
static void
sb_jmp(struct sb_prog *p, uint16_t code, uint32_t k, int jt, int jf)
{
	sb_emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | code | BPF_K, k, 0, 0));
	p->fix[p->nfix].at = p->n - 1;	/* one per instruction at most */
	p->fix[p->nfix].jt = jt;
	p->fix[p->nfix].jf = jf;
	p->nfix++;
}

static uint8_t
sb_offset(const struct sb_prog *p, size_t at, int l)
{
	size_t to;

	if (l == SB_NEXT)
		return 0;
	to = p->label[l];
	if (to == SB_UNPLACED || to <= at || to - at - 1 > 255)
		bug("seccomp program: label %d out of reach of %zu", l, at);
	return (uint8_t)(to - at - 1);
}

static void
sb_resolve(struct sb_prog *p)
{
	size_t i;

	for (i = 0; i < p->nfix; i++) {
		p->ins[p->fix[i].at].jt = sb_offset(p, p->fix[i].at, p->fix[i].jt);
		p->ins[p->fix[i].at].jf = sb_offset(p, p->fix[i].at, p->fix[i].jf);
	}
}

/* The label of the return of an errno. */
static int
sb_errno(struct sb_prog *p, int err)
{
	size_t i;

	for (i = 0; i < p->nerr; i++)
		if (p->err[i] == err)
			return p->errlabel[i];
	if (p->nerr == sizeof(p->err) / sizeof(p->err[0]))
		bug("seccomp program: too many errnos");
	p->err[p->nerr] = err;
	p->errlabel[p->nerr] = sb_label(p);
	return p->errlabel[p->nerr++];
}

/* The values a set test compares with; returns how many. */
static size_t
sb_values(const struct sb_rule *r, uint32_t self, uint32_t *v)
{
	size_t i, n = 0;

	for (i = 0; i < r->nv && i < SB_MAXVAL; i++)
		v[n++] = r->v[i];
	if (r->self)
		v[n++] = self;
	return n;
}

/*
 * The argument test of a row, ending in jumps to the shared returns.
 * SB_IN / SB_NOT_IN: one JEQ per value; a match means deny (IN) or
 * allow (NOT_IN), falling off the last JEQ the opposite.
 */
static void
sb_body(struct sb_prog *p, const struct sb_rule *r, uint32_t self)
{
	uint32_t v[SB_MAXVAL + 1];
	size_t i, n;
	int deny = sb_errno(p, r->err), last;

	sb_stmt(p, BPF_LD | BPF_W | BPF_ABS, (uint32_t)SB_ARG_LO(r->arg));
	switch (r->test) {
	case SB_MASK_NE:
		sb_stmt(p, BPF_ALU | BPF_AND | BPF_K, r->v[0]);
		sb_jmp(p, BPF_JEQ, r->v[1], SB_ALLOW, deny);
		return;
	case SB_IN:
	case SB_NOT_IN:
		n = sb_values(r, self, v);
		for (i = 0; i < n; i++) {
			last = i + 1 == n;
			if (r->test == SB_IN)
				sb_jmp(p, BPF_JEQ, v[i], deny, last ? SB_ALLOW : SB_NEXT);
			else
				sb_jmp(p, BPF_JEQ, v[i], SB_ALLOW, last ? deny : SB_NEXT);
		}
		return;
	case SB_ANY:
		break;
	}
	bug("sandbox test %d has no body", (int)r->test);
}

static int
sb_same_test(const struct sb_rule *a, const struct sb_rule *b)
{
	return a->test == b->test && a->arg == b->arg && a->nv == b->nv &&
	    memcmp(a->v, b->v, sizeof(a->v)) == 0 && a->self == b->self &&
	    a->err == b->err;
}

/* Where row i jumps: its errno's return, or a body it may share with
 * an earlier row testing the same thing. */
static int
sb_target(struct sb_prog *p, const struct sb_rule **r, const int *target,
    size_t i)
{
	size_t j;

	if (r[i]->test == SB_ANY)
		return sb_errno(p, r[i]->err);
	for (j = 0; j < i; j++)
		if (r[j]->test != SB_ANY && sb_same_test(r[i], r[j]))
			return target[j];
	return sb_label(p);
}

static int
sb_cmp(const void *a, const void *b)
{
	const struct sb_rule *x = *(const struct sb_rule *const *)a;
	const struct sb_rule *y = *(const struct sb_rule *const *)b;

	return (x->nr > y->nr) - (x->nr < y->nr);
}

/* The rows by syscall number; a syscall in two rows is a bug (the
 * second would never be reached). */
static void
sb_sort(const struct sb_rule **r)
{
	size_t i;

	for (i = 0; i < SB_NRULES; i++)
		r[i] = &sb_rules[i];
	qsort(r, SB_NRULES, sizeof(*r), sb_cmp);
	for (i = 1; i < SB_NRULES; i++)
		if (r[i - 1]->nr == r[i]->nr)
			bug("sandbox: syscall %d in two rows", r[i]->nr);
}

/* A binary search on the syscall number over the sorted rows r[0..n),
 * down to runs of a few rows: a JEQ each, ALLOW after the last. */
static void
sb_tree(struct sb_prog *p, const struct sb_rule **r, const int *target,
    size_t n)
{
	size_t i, mid;
	int right;

	if (n <= SB_LEAF) {
		for (i = 0; i < n; i++)
			sb_jmp(p, BPF_JEQ, (uint32_t)r[i]->nr, target[i],
			    i + 1 < n ? SB_NEXT : SB_ALLOW);
		return;
	}
	mid = n / 2;
	right = sb_label(p);
	sb_jmp(p, BPF_JGE, (uint32_t)r[mid]->nr, right, SB_NEXT);
	sb_tree(p, r, target, mid);
	sb_place(p, right);
	sb_tree(p, r + mid, target + mid, n - mid);
}

static void
sb_build(struct sb_prog *p, uint32_t self)
{
	const struct sb_rule *r[SB_NRULES];
	int target[SB_NRULES];
	size_t i;

	sb_sort(r);
	p->n = p->nfix = p->nerr = 0;
	p->nlabel = 0;
	if (sb_label(p) != SB_ALLOW || sb_label(p) != SB_KILL)
		bug("seccomp program: labels");
	for (i = 0; i < SB_NRULES; i++)
		target[i] = sb_target(p, r, target, i);
	sb_stmt(p, BPF_LD | BPF_W | BPF_ABS,
	    (uint32_t)offsetof(struct seccomp_data, arch));
	sb_jmp(p, BPF_JEQ, SB_ARCH, SB_NEXT, SB_KILL);
	sb_stmt(p, BPF_LD | BPF_W | BPF_ABS,
	    (uint32_t)offsetof(struct seccomp_data, nr));
#if defined(SB_X32_BIT)
	sb_jmp(p, BPF_JGE, SB_X32_BIT, SB_KILL, SB_NEXT);
#endif
	sb_tree(p, r, target, SB_NRULES);
	for (i = 0; i < SB_NRULES; i++)
		if (r[i]->test != SB_ANY && p->label[target[i]] == SB_UNPLACED) {
			sb_place(p, target[i]);
			sb_body(p, r[i], self);
		}
	sb_place(p, SB_ALLOW);
	sb_stmt(p, BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	sb_place(p, SB_KILL);
	sb_stmt(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	for (i = 0; i < p->nerr; i++) {
		sb_place(p, p->errlabel[i]);
		sb_stmt(p, BPF_RET | BPF_K,
		    SECCOMP_RET_ERRNO | ((uint32_t)p->err[i] & SECCOMP_RET_DATA));
	}
	sb_resolve(p);
}
#endif	/* SB_ARCH */

int
sandbox_probe(void)
{
#if defined(SB_ARCH)
	/*
	 * A kernel with seccomp filters reads the program before anything
	 * else and fails with EFAULT on a NULL one; without them the mode
	 * itself is refused with EINVAL.  Nothing is installed either way.
	 */
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL, 0, 0) == 0)
		bug("seccomp accepted a NULL filter");
	return errno == EFAULT ? 0 : -1;
#else
	errno = ENOTSUP;
	return -1;
#endif
}

int
sandbox_apply(void)
{
#if defined(SB_ARCH)
	struct sock_fprog prog;
	struct sb_prog *p;
	int rc, saved;

	/*
	 * 6.5 KiB, built in pages of their own and given back once the
	 * kernel has its copy: on the stack or static they would stay
	 * private to every session for its whole life (bench row 4).
	 */
	p = mmap(NULL, sizeof(*p), PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	sb_build(p, (uint32_t)getpid());
	prog.len = (unsigned short)p->n;
	prog.filter = p->ins;
	/* Without it an unprivileged process may not install a filter;
	 * priv_drop has set it already. */
	rc = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (rc == 0)
		rc = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
	saved = errno;
	(void)munmap(p, sizeof(*p));
	errno = saved;
	return rc;
#else
	errno = ENOTSUP;
	return -1;
#endif
}
