/*
 * sandbox: a seccomp-bpf filter for session children, installed after
 * the privilege drop (priv.c), the way vsftpd has seccomp_sandbox and
 * OpenBSD's ftpd pledges.  A child taken over through a bug keeps what an
 * FTP session does (files under its root, TCP data connections, logging)
 * and loses what it never does: executing programs, tracing or signalling
 * other processes (every session runs as the same account), namespaces,
 * mounts, kernel modules, BPF, io_uring, keyrings, and any change of its
 * credentials.  Denied calls fail with EPERM rather than killing the
 * process, so a sanitizer report still gets written.  The listening
 * parent is never filtered.  Linux only; x86_64, aarch64 and riscv64.
 */
#ifndef SANDBOX_H
#define SANDBOX_H

/*
 * Can a filter be installed here?  Installs nothing.  Returns 0, or -1
 * with errno EINVAL (the kernel has no seccomp filters) or ENOTSUP (no
 * filter for this architecture was compiled in).
 */
int	sandbox_probe(void);
/*
 * Confine the calling process for the rest of its life; its children
 * would inherit the filter (it may create none).  The process must be
 * single-threaded and must not fork afterwards: the filter names its own
 * pid as the only target of kill(2) and its relatives.  Needs
 * PR_SET_NO_NEW_PRIVS (priv_drop sets it).  Returns 0, or -1 with errno:
 * EINVAL or ENOTSUP as for sandbox_probe, anything else is a failure.
 */
int	sandbox_apply(void);

#endif
