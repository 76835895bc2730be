/*
 * forkftpd: the listening parent.  It reads the configuration, binds,
 * and forks one child per accepted connection; the child drops its
 * privileges and becomes a session (session.c).  The parent never reads
 * a byte from a client and never blocks: limits are checked before
 * forking, an over-limit client gets a non-blocking 421, children are
 * reaped from the main loop (the SIGCHLD handler only sets a flag).
 */
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#ifndef __unused	/* BSD's sys/tree.h marks its static functions with it */
#define __unused	__attribute__((__unused__))
#endif
#include <sys/tree.h>
#include <sys/wait.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <libutil.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "digest.h"
#include "listen.h"
#include "log.h"
#include "pending.h"
#include "priv.h"
#include "proxy.h"
#include "sandbox.h"
#include "session.h"
#include "tls.h"
#include "xio.h"

#define FORKFTPD_VERSION	"0.1"
#define ACCEPT_BURST		64	/* accepts per wake-up, so reaping keeps up */
#define KILL_WAIT_MS		2000	/* after the grace period, SIGTERM to SIGKILL */

/* One running session, for max-clients and max-per-ip. */
struct child {
	RB_ENTRY(child)	 entry;
	pid_t		 pid;
	struct sockaddr_storage peer;
	char		 host[64];	/* for the log */
};

static int
child_cmp(const struct child *a, const struct child *b)
{
	return a->pid < b->pid ? -1 : a->pid > b->pid;
}

RB_HEAD(child_tree, child);
RB_GENERATE_STATIC(child_tree, child, entry, child_cmp);

static struct server_conf conf;
static int	 lfds[CONF_MAX_LISTEN];
static size_t	 nlfds;
static struct child_tree children = RB_INITIALIZER(&children);
static unsigned	 nchildren;
static struct pidfh *pfh;
static pid_t	 parent_pid;
static int	 saved_argc;
static char	**saved_argv;
static sigset_t	 unblocked;	/* the mask before main blocked its signals */
static int	 child_ctl = -1;	/* in a child: the control socket */

/*
 * libbsd's setproctitle marks a title shorter than the original argv[0]
 * with a '.' where argv[0] ended (ps: "forkftpd: listener      ."): pad
 * the parent's titles with spaces to that length.
 */
static void
set_title(const char *title)
{
	int pad = (int)strlen(saved_argv[0]) - (int)strlen(getprogname()) -
	    (int)strlen(": ");

	setproctitle("%-*s", pad > 0 ? pad : 0, title);
}

static volatile sig_atomic_t got_chld, got_term, got_hup;

static void
on_signal(int sig)
{
	if (sig == SIGCHLD)
		got_chld = 1;
	else if (sig == SIGHUP)
		got_hup = 1;
	else
		got_term = 1;
}

static const int handled[] = { SIGCHLD, SIGHUP, SIGTERM, SIGINT };

/*
 * The handled signals stay blocked except inside ppoll, so a flag can
 * never be set between the check and the wait.
 */
static void
signals_setup(void)
{
	struct sigaction sa;
	sigset_t block;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);	/* a vanished client is an EPIPE */
	sa.sa_handler = on_signal;
	sigemptyset(&block);
	for (i = 0; i < sizeof(handled) / sizeof(handled[0]); i++) {
		sigaction(handled[i], &sa, NULL);
		sigaddset(&block, handled[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &unblocked);
}

/*
 * ppoll delivers a pending signal only when it returns EINTR: with a
 * listener always readable (a busy server) SIGCHLD would stay pending
 * forever and ended sessions would count against the limits.  So open
 * the mask once per pass, at a point where the flags are expected.
 */
static void
signals_deliver(void)
{
	sigset_t old;

	sigprocmask(SIG_SETMASK, &unblocked, &old);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void
signals_child(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	for (i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
		sigaction(handled[i], &sa, NULL);
	sigprocmask(SIG_SETMASK, &unblocked, NULL);
}

static double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A fatal error in a child: tell the client why before dying. */
static void
child_fatal_hook(const char *msg)
{
	static const char r[] = "421 Service not available, closing control connection.\r\n";

	if (child_ctl != -1)	/* never blocks: the client may not read */
		(void)send(child_ctl, r, sizeof(r) - 1,
		    MSG_DONTWAIT | MSG_NOSIGNAL);
	if (conf.use_syslog)	/* else xio prints it to stderr itself */
		log_warn("fatal: %s", msg);
}

/* In the parent: fatal errors must reach syslog too, and the pid file
 * of a server that failed to start must not stay behind. */
static void
parent_fatal_hook(const char *msg)
{
	if (conf.use_syslog)
		log_warn("fatal: %s", msg);
	if (pfh != NULL)
		pidfile_remove(pfh);
	pfh = NULL;
}

static void
ctl_sockopts(int fd)
{
	int on = 1;

	if (xset_nonblock(fd, 0) == -1)
		fatal("fcntl");
	/* ABOR arrives as urgent data (Telnet IP + Synch): read it inline. */
	if (setsockopt(fd, SOL_SOCKET, SO_OOBINLINE, &on, sizeof(on)) == -1)
		fatal("SO_OOBINLINE");
	/* A client that vanished without a FIN is found eventually. */
	if (setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on)) == -1)
		fatal("SO_KEEPALIVE");
}

/* Drop privileges and re-open the root as seen from inside the chroot. */
static void
child_confine(void)
{
	priv_drop(conf.root);
	if (priv_is_root()) {
		xclose(conf.root_fd);
		conf.root_fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (conf.root_fd == -1)
			fatal("open / in the chroot");
	}
}

/* Can sessions be filtered?  Asked once, at start; children inherit it. */
static int	sandbox_ok;

static void
sandbox_check(void)
{
	sandbox_ok = sandbox_probe() == 0;
	if (sandbox_ok || !conf.sandbox)
		return;
	if (errno != EINVAL && errno != ENOTSUP)
		fatal("seccomp (--no-sandbox runs sessions without it)");
	log_warn("no seccomp filters here: sessions run without the sandbox");
}

/* Last step of confinement, after every call it denies (sandbox.h). */
static void
child_sandbox(void)
{
	if (conf.sandbox && sandbox_ok && sandbox_apply() == -1)
		fatal("seccomp sandbox");
}

/* The session's process: everything the parent holds is let go first. */
__attribute__((noreturn))
static void
child_main(int ctl, const struct sockaddr_storage *peer, int forked)
{
	struct sockaddr_storage self;
	socklen_t len = sizeof(self);
	char host[64];
	size_t i;

	if (forked) {
		signals_child();
		for (i = 0; i < nlfds; i++)
			xclose(lfds[i]);
		nlfds = 0;
		pending_close_all();
		if (pfh != NULL)
			pidfile_close(pfh);	/* only the parent holds the lock */
		pfh = NULL;
	}
	child_ctl = ctl;
	xio_set_fatal_hook(child_fatal_hook);
	if (addr_ntop((const struct sockaddr *)peer, host, sizeof(host)) == -1)
		strlcpy(host, "?", sizeof(host));
	log_set_client(host);
	setproctitle("%s: connected", host);
	memset(&self, 0, sizeof(self));
	if (getsockname(ctl, (struct sockaddr *)&self, &len) == -1)
		fatal("getsockname");
	ctl_sockopts(ctl);
	child_confine();
	/* After the drop: a credential change clears the parent-death signal. */
	if (forked) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) == -1)
			fatal("PR_SET_PDEATHSIG");
		if (getppid() != parent_pid)
			_exit(1);
	}
	child_sandbox();
	/* Which listener it came through: its local address says. */
	session_run(ctl, peer, &self, &conf,
	    listen_is_tls(&conf, &self) ? SESSION_IMPLICIT_TLS : 0);
}

static unsigned
children_from(const struct sockaddr_storage *peer)
{
	struct child *c;
	unsigned n = 0;

	for (c = RB_MIN(child_tree, &children); c != NULL;
	    c = RB_NEXT(child_tree, &children, c))
		if (addr_same_host((const struct sockaddr *)&c->peer,
		    (const struct sockaddr *)peer))
			n++;
	return n;
}

/* Which limit, if any, refuses this client?  NULL: none. */
static const char *
over_limit(const struct sockaddr_storage *peer)
{
	if (conf.max_clients != 0 && nchildren >= conf.max_clients)
		return "421 Too many users, try again later.\r\n";
	if (conf.max_per_ip != 0 && children_from(peer) >= conf.max_per_ip)
		return "421 Too many connections from your address.\r\n";
	return NULL;
}

/* The socket is non-blocking: a client that does not read loses the text. */
static void
refuse(int fd, const char *reply)
{
	(void)!write(fd, reply, strlen(reply));
	xclose(fd);
}

static void
spawn(int fd, const struct sockaddr_storage *peer, const char *host,
    const char *via)
{
	struct child *c;
	pid_t pid;

	pid = fork();
	if (pid == -1) {
		log_warn("fork: %s", strerror(errno));
		refuse(fd, "421 Service not available, try again later.\r\n");
		return;
	}
	if (pid == 0)
		child_main(fd, peer, 1);
	xclose(fd);
	c = xcalloc(1, sizeof(*c));
	c->pid = pid;
	c->peer = *peer;
	strlcpy(c->host, host, sizeof(c->host));
	RB_INSERT(child_tree, &children, c);
	nchildren++;
	log_info("connection from %s port %u%s%s, pid %ld", host,
	    (unsigned)addr_port((const struct sockaddr *)peer),
	    via != NULL ? " via " : "", via != NULL ? via : "", (long)pid);
}

static void	reap(void);

/*
 * A client whose address is known: limits, then a session.  via is the
 * balancer it came through (its PROXY header named peer), or NULL.
 */
static void
admit(int fd, const struct sockaddr_storage *peer,
    const struct sockaddr_storage *via)
{
	const char *reply;
	char host[64], vhost[64];

	if (addr_ntop((const struct sockaddr *)peer, host, sizeof(host)) == -1)
		strlcpy(host, "?", sizeof(host));
	if (via != NULL &&
	    addr_ntop((const struct sockaddr *)via, vhost, sizeof(vhost)) == -1)
		strlcpy(vhost, "?", sizeof(vhost));
	/* Sessions may have ended since the last pass: count only live ones. */
	if (over_limit(peer) != NULL)
		reap();
	if ((reply = over_limit(peer)) != NULL) {
		log_info("refused %s%s%s: %.*s", host, via != NULL ? " via " : "",
		    via != NULL ? vhost : "", (int)strlen(reply) - 6, reply + 4);
		refuse(fd, reply);
		return;
	}
	spawn(fd, peer, host, via != NULL ? vhost : NULL);
}

/* A connection from a balancer: its PROXY header comes first (pending.h). */
static void
await_header(int fd, const struct sockaddr_storage *via)
{
	char host[64];

	if (pending_add(fd, via) == 0)
		return;
	if (addr_ntop((const struct sockaddr *)via, host, sizeof(host)) == -1)
		strlcpy(host, "?", sizeof(host));
	log_warn("refused a connection from balancer %s: %d PROXY headers "
	    "already awaited", host, PENDING_MAX);
}

/* 0: go on accepting; -1: nothing more for now; -2: out of descriptors
 * or memory, leave the listeners alone for a moment. */
static int
accept_one(int lfd)
{
	struct sockaddr_storage peer;
	socklen_t len = sizeof(peer);
	int fd;

	fd = accept4(lfd, (struct sockaddr *)&peer, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd == -1) {
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
		    errno == ENOMEM) {
			log_warn("accept: %s", strerror(errno));
			return -2;
		}
		return errno == EAGAIN || errno == EWOULDBLOCK ? -1 : 0;
	}
	if (proxy_cidr_match(conf.proxy_from, conf.nproxy_from,
	    (struct sockaddr *)&peer))
		await_header(fd, &peer);
	else
		admit(fd, &peer, NULL);
	return 0;
}

static void
reap(void)
{
	struct child key, *c;
	pid_t pid;
	int status;

	got_chld = 0;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		key.pid = pid;
		if ((c = RB_FIND(child_tree, &children, &key)) == NULL)
			continue;
		RB_REMOVE(child_tree, &children, c);
		nchildren--;
		if (WIFSIGNALED(status))
			log_warn("session %ld from %s killed by signal %d",
			    (long)pid, c->host, WTERMSIG(status));
		else
			log_info("session %ld from %s ended, status %d", (long)pid,
			    c->host, WEXITSTATUS(status));
		free(c);
	}
}

/* Users whose home is (or holds) the anonymous root, for the log. */
static char	*anon_shared;

/*
 * Anonymous beside users: no user's home may lie inside the anonymous
 * root (issue 20); a home equal to it or holding it is a share.
 */
static int
check_anonymous_root(const struct server_conf *c, const struct userdb *db)
{
	char *err = NULL, *shared = NULL;

	if (db == NULL || !c->anonymous)
		return 0;
	if (auth_check_anonymous_root(db, c->root, c->anonymous_root, &shared,
	    &err) == -1) {
		log_warn("%s", err);
		free(err);
		return -1;
	}
	free(anon_shared);
	anon_shared = shared;
	return 0;
}

static void
log_anonymous_root(void)
{
	if (conf.users == NULL || !conf.anonymous)
		return;
	if (anon_shared != NULL)
		log_info("anonymous root %s is shared with: %s",
		    conf.anonymous_root, anon_shared);
	else
		log_info("anonymous root %s holds no user's home",
		    conf.anonymous_root);
}

/* A warning per line of msg (an error and its hint). */
static void
log_lines(const char *msg)
{
	size_t n;

	for (;;) {
		n = strcspn(msg, "\n");
		log_warn("%.*s", (int)n, msg);
		if (msg[n] == '\0')
			break;
		msg += n + 1;
	}
}

static int
load_users(const struct server_conf *c, struct userdb **db)
{
	char *err = NULL;

	*db = NULL;
	if (c->users_file == NULL)
		return 0;
	if ((*db = auth_load(c->users_file, &err)) == NULL) {
		log_lines(err != NULL ? err : c->users_file);
		free(err);
		return -1;
	}
	if (check_anonymous_root(c, *db) == -1) {
		auth_free(*db);
		*db = NULL;
		return -1;
	}
	return 0;
}

/* What only a restart changes (listeners, ROOT, pidfile) moves to n. */
static void
reload_keep(struct server_conf *n)
{
	if (strcmp(n->root, conf.root) != 0)
		log_warn("reload: ROOT changes need a restart");
	free(n->root);
	n->root = conf.root;
	conf.root = NULL;
	free(n->pidfile);
	n->pidfile = conf.pidfile;
	conf.pidfile = NULL;
	n->root_fd = conf.root_fd;
	n->nlisten = conf.nlisten;
	memcpy(n->listen, conf.listen, sizeof(n->listen));
	memcpy(n->listen_tls, conf.listen_tls, sizeof(n->listen_tls));
	/* An ftps:// listener keeps its TLS while it runs. */
	if (n->tls == TLS_OFF && listen_any_tls(&conf)) {
		log_warn("reload: ftps:// listeners need TLS; keeping tls = optional");
		n->tls = TLS_OPTIONAL;
	}
	n->no_fork = conf.no_fork;
}

/*
 * SIGHUP: a new configuration from the same argv, the file re-read, the
 * users re-loaded.  Running sessions keep what they forked with; on any
 * error the running configuration stays as it was.
 */
static void
reload(void)
{
	struct server_conf n;
	enum conf_action act;
	struct userdb *db = NULL;
	char *err = NULL;

	got_hup = 0;
	if (conf_load(&n, saved_argc, saved_argv, &act, &err) == -1 ||
	    priv_prepare(n.run_user, &err) == -1 || load_users(&n, &db) == -1) {
		if (err != NULL)
			log_warn("reload: %.*s", (int)strcspn(err, "\n"), err);
		log_warn("reload failed: keeping the running configuration");
		free(err);
		conf_free(&n);
		err = NULL;
		if (priv_prepare(conf.run_user, &err) == -1)
			fatalx("%s", err);
		return;
	}
	reload_keep(&n);
	if (tls_reload(&n, &err) == -1) {
		log_warn("reload: %s; keeping the running TLS certificate", err);
		free(err);
		err = NULL;
	}
	if (conf.users != NULL)
		auth_free(conf.users);
	conf_free(&conf);
	conf = n;
	conf.users = db;
	log_open(&conf);
	log_info("reloaded configuration%s%s", conf.users_file ?
	    " and users file " : "", conf.users_file ? conf.users_file : "");
	audit_run(&conf);
	log_anonymous_root();
}

static void
close_listeners(void)
{
	size_t i;

	for (i = 0; i < nlfds; i++)
		xclose(lfds[i]);
	nlfds = 0;
}

/* After the grace period: ask, wait a little, then insist. */
__attribute__((noreturn))
static void
shutdown_now(void)
{
	struct child *c;
	double end;

	for (c = RB_MIN(child_tree, &children); c != NULL;
	    c = RB_NEXT(child_tree, &children, c))
		kill(c->pid, SIGTERM);
	end = now_mono() + KILL_WAIT_MS / 1000.0;
	while (nchildren > 0 && now_mono() < end) {
		usleep(20000);
		reap();
	}
	for (c = RB_MIN(child_tree, &children); c != NULL;
	    c = RB_NEXT(child_tree, &children, c))
		kill(c->pid, SIGKILL);
	reap();
	log_info("exiting%s", nchildren > 0 ? " (killed the last sessions)" : "");
	if (pfh != NULL)
		pidfile_remove(pfh);
	exit(0);
}

/* Draining after SIGTERM, until this CLOCK_MONOTONIC time. */
static int	 draining;
static double	 drain_deadline;
/* Out of descriptors: leave the listeners alone until then. */
static double	 backoff_until;

static void
drain_start(void)
{
	got_term = 0;
	if (draining)	/* a second SIGTERM: do not wait */
		shutdown_now();
	draining = 1;
	close_listeners();
	pending_close_all();
	drain_deadline = now_mono() + conf.grace;
	log_info("stopping: no new connections; %u session%s %u s to finish",
	    nchildren, nchildren == 1 ? " gets" : "s get", conf.grace);
	set_title("stopping");
}

/* ppoll's timeout: none, unless draining, backing off or awaiting headers. */
static struct timespec *
loop_timeout(struct timespec *ts)
{
	double now = now_mono(), left = -1;
	int hdr_ms = pending_timeout_ms();

	if (draining)
		left = drain_deadline - now;
	else if (backoff_until > now)
		left = backoff_until - now;
	if (hdr_ms >= 0 && (left < 0 || hdr_ms / 1000.0 < left))
		left = hdr_ms / 1000.0;
	if (left < 0 && !draining)
		return NULL;
	if (left < 0)
		left = 0;
	ts->tv_sec = (time_t)left;
	ts->tv_nsec = (long)((left - (double)ts->tv_sec) * 1e9);
	return ts;
}

static void
accept_ready(const struct pollfd *pfd)
{
	size_t i;
	int k, rc;

	for (i = 0; i < nlfds; i++) {
		if (!(pfd[i].revents & POLLIN))
			continue;
		for (k = 0, rc = 0; k < ACCEPT_BURST && rc == 0; k++)
			rc = accept_one(lfds[i]);
		if (rc == -2)
			backoff_until = now_mono() + 0.1;
	}
}

/*
 * The parent's life.  The handled signals are blocked except inside
 * ppoll, so their flags are only ever seen here, between two waits.
 */
__attribute__((noreturn))
static void
serve_loop(void)
{
	struct pollfd pfd[CONF_MAX_LISTEN + PENDING_MAX];
	struct timespec ts;
	size_t i, np;

	for (;;) {
		if (got_chld)
			reap();
		if (got_hup)
			reload();
		if (got_term)
			drain_start();
		if (draining && (nchildren == 0 || now_mono() >= drain_deadline))
			shutdown_now();
		for (i = 0; i < nlfds; i++) {
			pfd[i].fd = backoff_until > now_mono() ? -1 : lfds[i];
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		np = pending_pollfds(pfd + nlfds, PENDING_MAX);
		if (ppoll(pfd, nlfds + np, loop_timeout(&ts), &unblocked) == -1) {
			if (errno != EINTR)
				fatal("ppoll");
			continue;
		}
		signals_deliver();
		pending_events(pfd + nlfds, np, admit);
		accept_ready(pfd);
	}
}

static void
announce(void)
{
	char url[128];
	size_t i;

	/* Scripts read the first line: it is printed even with --syslog. */
	for (i = 0; i < conf.nlisten; i++) {
		listen_url(&conf, i, url, sizeof(url));
		fprintf(stderr, "forkftpd: listening on %s\n", url);
		if (conf.use_syslog)
			log_info("listening on %s", url);
	}
	if (conf.users_file == NULL)
		log_info("no users file: anonymous %s access to %s%s",
		    conf.anonymous_write ? "read-write" : "read-only", conf.root,
		    strcmp(conf.anonymous_root, "/") == 0 ? "" :
		    conf.anonymous_root);
	else
		log_info("serving %s to the users of users file %s%s",
		    conf.root, conf.users_file, !conf.anonymous ? "" :
		    conf.anonymous_write ? " and anonymous (read-write)" :
		    " and anonymous (read-only)");
	log_anonymous_root();
	if (priv_is_root())
		log_info("sessions run as %s, chrooted to %s", priv_account(),
		    conf.root);
	else
		log_info("not root: sessions confined by path resolution only");
	if (conf.anonymous_write && !listen_all_loopback(&conf))
		log_warn("anonymous users may write, and not only from this host");
}

static void
open_pidfile(void)
{
	pid_t other = -1;

	if (conf.pidfile == NULL)
		return;
	pfh = pidfile_open(conf.pidfile, 0644, &other);
	if (pfh == NULL) {
		if (errno == EEXIST)
			fatalx("already running as pid %ld (pidfile %s)", (long)other,
			    conf.pidfile);
		fatal("pidfile %s", conf.pidfile);
	}
}

/* --inetd behind a balancer: the header names the client, or we leave. */
static void
inetd_header(struct sockaddr_storage *peer)
{
	static const char greeting[] = "220 forkftpd ready.\r\n";
	struct proxy_hdr hdr;

	/* Closed without a word, as the listener does: no fatalx text. */
	if (pending_read_header(STDIN_FILENO, PENDING_MS, &hdr) == -1) {
		log_warn("--inetd: no valid PROXY header from a --proxy-from address");
		exit(1);
	}
	if (hdr.local) {
		(void)xwrite_full(STDIN_FILENO, greeting, sizeof(greeting) - 1);
		exit(0);
	}
	*peer = hdr.src;
}

/*
 * TLS comes up as root, before any chroot: the key may be root-only.
 * With tls = optional a missing certificate is not fatal (sessions stay
 * plain); with required or an ftps:// listener it is.
 */
static void
tls_start(void)
{
	char *err = NULL;

	if (tls_setup(&conf, &err) == 0)
		return;
	if (conf.tls == TLS_REQUIRED || listen_any_tls(&conf) ||
	    conf.tls_cert != NULL)
		fatalx("TLS: %s", err);
	log_warn("TLS: %s; serving without TLS", err);
	free(err);
}

/* --inetd: stdin is the client's socket; serve it in this process. */
__attribute__((noreturn))
static void
inetd_main(void)
{
	struct sockaddr_storage peer;
	socklen_t len = sizeof(peer);

	memset(&peer, 0, sizeof(peer));
	if (getpeername(STDIN_FILENO, (struct sockaddr *)&peer, &len) == -1)
		fatal("--inetd: stdin is not a connected socket");
	signal(SIGPIPE, SIG_IGN);
	if (proxy_cidr_match(conf.proxy_from, conf.nproxy_from,
	    (struct sockaddr *)&peer))
		inetd_header(&peer);
	child_main(STDIN_FILENO, &peer, 0);
}

static char **
copy_argv(int argc, char *argv[])
{
	char **v = xcalloc((size_t)argc + 1, sizeof(*v));
	int i;

	for (i = 0; i < argc; i++)
		v[i] = xstrdup(argv[i]);
	return v;
}

/* "forkftpd: " before each line of msg (an error and its hint). */
static void
print_lines(FILE *f, const char *msg)
{
	const char *nl;

	while ((nl = strchr(msg, '\n')) != NULL) {
		fprintf(f, "forkftpd: %.*s\n", (int)(nl - msg), msg);
		msg = nl + 1;
	}
	fprintf(f, "forkftpd: %s\n", msg);
}

static void
configure(int argc, char *argv[])
{
	enum conf_action act;
	char *err = NULL;

	if (conf_load(&conf, argc, argv, &act, &err) == -1) {
		print_lines(stderr, err);
		exit(2);
	}
	switch (act) {
	case CONF_HELP:
		conf_usage(stdout);
		exit(0);
	case CONF_VERSION:
		printf("forkftpd %s\n", FORKFTPD_VERSION);
		exit(0);
	case CONF_HASH_PASSWORD:
		exit(auth_hash_password());
	case CONF_SERVE:
		break;
	}
}

/* Under inetd, stderr is often the client's socket: log elsewhere. */
static void
inetd_logging(void)
{
	struct stat st;

	if (conf.no_fork && fstat(STDERR_FILENO, &st) == 0 && S_ISSOCK(st.st_mode))
		conf.use_syslog = 1;
}

int
main(int argc, char *argv[], char *envp[])
{
	char *err = NULL;

	xio_set_progname("forkftpd");
	/* setproctitle_init reuses argv's memory: keep a copy to replay on SIGHUP. */
	saved_argc = argc;
	saved_argv = copy_argv(argc, argv);
	setproctitle_init(argc, argv, envp);
	configure(saved_argc, saved_argv);
	priv_no_dump();	/* before any client, inherited by every fork */
	inetd_logging();
	parent_pid = getpid();
	xio_set_fatal_hook(parent_fatal_hook);
	log_open(&conf);	/* syslog connects and xferlog opens before any chroot */
	data_ports_init();	/* /proc is out of sight after the chroot */
	digest_setup();		/* openssl.cnf too; children inherit it */
	sandbox_check();
	if (priv_prepare(conf.run_user, &err) == -1)
		fatalx("%s", err);
	if (load_users(&conf, &conf.users) == -1)
		exit(1);
	tls_start();
	conf.root_fd = open(conf.root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (conf.root_fd == -1)
		fatal("%s", conf.root);
	if (conf.no_fork)
		inetd_main();
	open_pidfile();
	signals_setup();
	listen_open(&conf, lfds);
	nlfds = conf.nlisten;
	announce();
	audit_run(&conf);
	tls_announce();
	if (pfh != NULL && pidfile_write(pfh) == -1)
		fatal("pidfile %s", conf.pidfile);
	priv_limit_parent();
	set_title("listener");
	serve_loop();
}
