#!/usr/bin/python3
"""seccomp_wrap.py MODE PROGRAM ARGS...: exec PROGRAM under a seccomp
filter that makes chosen system calls fail, to drive forkftpd down paths a
healthy kernel never takes (x86_64 only: exits 77 elsewhere).  The filter
is inherited by everything PROGRAM starts.

MODEs:
  link      linkat(..., AT_EMPTY_PATH) fails with ENOENT (Linux < 6.10
            without CAP_DAC_READ_SEARCH): no nameless upload temporaries
  tmpfile   openat2 fails with ENOSYS and openat(O_TMPFILE) with
            EOPNOTSUPP (an old kernel or a filesystem without O_TMPFILE)
  noxattr   every *xattr call fails with EOPNOTSUPP (a filesystem
            without user xattrs)
  off       prctl(PR_SET_SECCOMP) fails with EINVAL (no seccomp filters)
  refuse    prctl(PR_SET_SECCOMP) fails with EACCES
  child     prctl(PR_SET_SECCOMP) with a program fails with EACCES; the
            probe with NULL still passes
"""
import ctypes
import os
import platform
import struct
import sys

LD, JEQ, JSET, RET = 0x20, 0x15, 0x45, 0x06
JGT, JGE = 0x25, 0x35
ALLOW, ERRNO = 0x7fff0000, 0x00050000
AUDIT_ARCH_X86_64 = 0xC000003E
NR_PRCTL, NR_OPENAT, NR_LINKAT, NR_OPENAT2 = 157, 257, 265, 437
NR_SETXATTR, NR_FREMOVEXATTR = 188, 199     # the twelve *xattr calls
PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2


def ins(code, k, jt=0, jf=0):
    return struct.pack('HBBI', code, jt, jf, k)


def arg(n):
    """Offset of the low word of syscall argument n in seccomp_data."""
    return 16 + 8 * n


def rules(mode):
    if mode == 'link':
        return [ins(JEQ, NR_LINKAT, 0, 3), ins(LD, arg(4)),
                ins(JSET, 0x1000, 0, 1), ins(RET, ERRNO | 2), ins(RET, ALLOW)]
    if mode == 'tmpfile':
        return [ins(JEQ, NR_OPENAT2, 0, 1), ins(RET, ERRNO | 38),
                ins(JEQ, NR_OPENAT, 0, 3), ins(LD, arg(2)),
                ins(JSET, 0o20000000, 0, 1), ins(RET, ERRNO | 95),
                ins(RET, ALLOW)]
    if mode == 'noxattr':
        return [ins(JGE, NR_SETXATTR, 0, 2), ins(JGT, NR_FREMOVEXATTR, 1, 0),
                ins(RET, ERRNO | 95), ins(RET, ALLOW)]
    err = 22 if mode == 'off' else 13
    if mode == 'child':
        return [ins(JEQ, NR_PRCTL, 0, 5), ins(LD, arg(0)),
                ins(JEQ, PR_SET_SECCOMP, 0, 3), ins(LD, arg(2)),
                ins(JEQ, 0, 1, 0), ins(RET, ERRNO | err), ins(RET, ALLOW)]
    if mode in ('off', 'refuse'):
        return [ins(JEQ, NR_PRCTL, 0, 3), ins(LD, arg(0)),
                ins(JEQ, PR_SET_SECCOMP, 0, 1), ins(RET, ERRNO | err),
                ins(RET, ALLOW)]
    sys.exit('seccomp_wrap: unknown mode %s' % mode)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    if platform.machine() != 'x86_64':
        sys.exit(77)
    mode, argv = sys.argv[1], sys.argv[2:]
    prog = [ins(LD, 4), ins(JEQ, AUDIT_ARCH_X86_64, 1, 0), ins(RET, ALLOW),
            ins(LD, 0)] + rules(mode)
    code = b''.join(prog)
    buf = ctypes.create_string_buffer(code)

    class Fprog(ctypes.Structure):
        _fields_ = [('len', ctypes.c_ushort), ('filter', ctypes.c_void_p)]

    fp = Fprog(len(code) // 8, ctypes.addressof(buf))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or \
            libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER,
                       ctypes.byref(fp), 0, 0) != 0:
        sys.exit('seccomp: errno %d' % ctypes.get_errno())
    os.execv(argv[0], argv)


main()
