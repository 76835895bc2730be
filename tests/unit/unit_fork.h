/*
 * unit_fork: fork from inside a cmocka test.
 *
 * cmocka catches SIGSEGV, SIGBUS, SIGILL and friends so that a crash fails
 * one test and the suite goes on.  A forked child inherits those handlers:
 * a crash there would be reported as a failed test by the child, which
 * would then run the rest of the suite (teardown included) on its own,
 * while the parent saw a plain exit status instead of the signal.  The
 * child therefore gets every disposition back to SIG_DFL and an empty
 * signal mask, so a crash is a death by that signal, and it must leave
 * with _exit, never by returning into cmocka.
 */
#ifndef UNIT_FORK_H
#define UNIT_FORK_H

#include <signal.h>
#include <string.h>
#include <unistd.h>

static inline pid_t
unit_fork(void)
{
	struct sigaction dfl;
	sigset_t none;
	pid_t pid;
	int sig;

	pid = fork();
	if (pid != 0)
		return pid;
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		(void)sigaction(sig, &dfl, NULL);	/* EINVAL for KILL/STOP */
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	return 0;
}

#endif
