/*
 * libFuzzer harness for a whole forkftpd session, in-process: the input is
 * what a client sends on the control connection.  It goes through the
 * line reader, the dispatcher and every command handler (session_serve
 * with SESSION_INPROC), against a real served tree in a temporary
 * directory, logged in or not as the input decides (USER anonymous and
 * any PASS log in; anonymous may write).
 *
 * A helper thread plays the client's data side: it reads the replies,
 * and on every 227/229 it connects to the passive port, sends a few
 * bytes (an upload, for STOR/APPE/STOU), half-closes and reads whatever
 * comes (a download or a listing), so the transfer paths (sendfile, TYPE
 * A conversion, REST, listings, the STOR temporary and rename) are
 * fuzzed too.  Kept local: connect(2) is replaced below for the session,
 * so PORT/EPRT never reach a real service on this host; log lines go to
 * syslog (nowhere, usually) instead of over libFuzzer's output.
 * The tree is rebuilt every RESET_EVERY inputs so it cannot grow without
 * bound.  Any sanitizer report, fatal() or exit is a finding.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"
#include "session.h"
#include "fuzz.h"

#define RESET_EVERY	256
#define INPUT_MAX	65536
#define QUIT_TAIL	"\xff\xf0\r\nQUIT\r\n"

static struct server_conf conf;
static char rootdir[64];
static unsigned runs;
static int ready = -1;	/* setup() done */
static int debug;		/* FUZZ_SESSION_DEBUG=1: print the replies */
static struct sockaddr_storage peer, self;

/* Active data connections go nowhere: no fuzz input talks to a real port. */
int	connect(int, const struct sockaddr *, socklen_t);
int
connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	(void)fd;
	(void)sa;
	(void)len;
	errno = ECONNREFUSED;
	return -1;
}

/* The helper's own connections bypass the override. */
static int
data_connect(int port)
{
	struct sockaddr_in a;
	int fd;

	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (syscall(SYS_connect, fd, (struct sockaddr *)&a, sizeof a) == -1) {
		close(fd);
		return -1;
	}
	/* An upload, in case the next command is STOR/APPE/STOU. */
	(void)!write(fd, "upload one\r\ntwo\n\xff\0bytes\r", 25);
	(void)shutdown(fd, SHUT_WR);
	(void)fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

/* The port of a 227 or 229 reply line, or -1. */
static int
reply_port(const char *ln)
{
	int h1, h2, h3, h4, p1, p2, port;
	const char *p;

	if (strncmp(ln, "227 ", 4) == 0 && (p = strchr(ln, '(')) != NULL &&
	    sscanf(p, "(%d,%d,%d,%d,%d,%d)", &h1, &h2, &h3, &h4, &p1, &p2) == 6)
		return p1 * 256 + p2;
	if (strncmp(ln, "229 ", 4) == 0 && (p = strstr(ln, "(|||")) != NULL &&
	    sscanf(p, "(|||%d|)", &port) == 1)
		return port;
	return -1;
}

/* Reads replies until EOF; serves passive data connections meanwhile. */
static void *
helper_main(void *arg)
{
	char buf[4096], sink[65536], *nl, *start;
	struct pollfd pf[2];
	size_t have = 0;
	ssize_t n;
	int out = *(int *)arg, data = -1, port;

	for (;;) {
		pf[0].fd = out;
		pf[0].events = POLLIN;
		pf[1].fd = data;
		pf[1].events = POLLIN;
		if (poll(pf, 2, -1) == -1)
			continue;
		if (data != -1 && pf[1].revents != 0) {
			n = read(data, sink, sizeof sink);
			if (n == 0 || (n == -1 && errno != EAGAIN)) {
				close(data);
				data = -1;
			}
		}
		if (pf[0].revents == 0)
			continue;
		if ((n = read(out, buf + have, sizeof buf - 1 - have)) <= 0)
			break;
		have += (size_t)n;
		buf[have] = '\0';
		start = buf;
		while ((nl = strchr(start, '\n')) != NULL) {
			*nl = '\0';
			if (debug)
				fprintf(stderr, "< %s\n", start);
			if ((port = reply_port(start)) > 0) {
				if (data != -1)
					close(data);
				data = data_connect(port);
			}
			start = nl + 1;
		}
		have = strlen(start);
		memmove(buf, start, have);
		if (have == sizeof buf - 1)
			have = 0;	/* a reply line this long is not a 227 */
	}
	if (data != -1)
		close(data);
	return NULL;
}

static int
rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	if (ftw->level > 0)
		(void)remove(path);
	return 0;
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

/* The served tree: files, a subdirectory, links inside and outside. */
static void
tree_build(void)
{
	char path[256];

	(void)chmod(rootdir, 0755);
	(void)nftw(rootdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	write_file(rootdir, "hello.txt", "hello, world\n");
	write_file(rootdir, "text lines.txt", "one\ntwo\r\nthree\n");
	snprintf(path, sizeof path, "%s/sub", rootdir);
	(void)mkdir(path, 0755);
	write_file(path, "inner.txt", "inner\n");
	snprintf(path, sizeof path, "%s/empty", rootdir);
	(void)mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/to_etc", rootdir);
	(void)symlink("/etc", path);
	snprintf(path, sizeof path, "%s/inside_link", rootdir);
	(void)symlink("sub", path);
	snprintf(path, sizeof path, "%s/fifo", rootdir);
	(void)mkfifo(path, 0644);
}

static void
cleanup(void)
{
	if (rootdir[0] != '\0') {
		(void)chmod(rootdir, 0755);
		(void)nftw(rootdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
		(void)rmdir(rootdir);
	}
}

static void
setup(void)
{
	struct sockaddr_in *a;

	strlcpy(rootdir, "/tmp/fuzz_session.XXXXXX", sizeof rootdir);
	if (mkdtemp(rootdir) == NULL)
		abort();
	atexit(cleanup);
	tree_build();
	conf.root = rootdir;
	conf.root_fd = open(rootdir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (conf.root_fd == -1)
		abort();
	conf.anonymous = 1;
	conf.anonymous_write = 1;
	conf.max_clients = 1;
	conf.max_per_ip = 1;
	conf.login_timeout = 2;	/* only reached if the QUIT is swallowed */
	conf.idle_timeout = 2;
	conf.accept_timeout = 1;	/* the helper connects at once */
	conf.data_timeout = 1;
	conf.max_line = 512;		/* small, so long-line paths are reached */
	conf.max_login_fails = 3;
	conf.fail_delay_ms = 0;
	/* Log lines (strnvis'd client text) still get formatted, but go to
	 * syslog, not over libFuzzer's output. */
	conf.use_syslog = 1;
	log_open(&conf);
	debug = getenv("FUZZ_SESSION_DEBUG") != NULL;
	ready = 0;
	a = (struct sockaddr_in *)&peer;
	a->sin_family = AF_INET;
	a->sin_port = htons(40000);
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a = (struct sockaddr_in *)&self;
	a->sin_family = AF_INET;
	a->sin_port = htons(21);
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int sv[2], ov[2], big = INPUT_MAX * 2;
	pthread_t helper;
	ssize_t w;

	if (ready == -1)
		setup();
	if (size > INPUT_MAX)
		return 0;
	if (++runs % RESET_EVERY == 0)
		tree_build();
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
		abort();
	(void)setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
	/*
	 * The whole input is buffered before the session reads it, then a
	 * QUIT (after IAC SE, which ends any Telnet subnegotiation).  The
	 * write end stays open until the session returns: at EOF a session
	 * rightly aborts a transfer as "client vanished", which would hide
	 * every transfer path from the fuzzer.
	 */
	w = size > 0 ? write(sv[1], data, size) : 0;
	if (w != (ssize_t)size ||
	    write(sv[1], QUIT_TAIL, sizeof QUIT_TAIL - 1) != sizeof QUIT_TAIL - 1)
		abort();
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ov) == -1)
		abort();
	if (pthread_create(&helper, NULL, helper_main, &ov[1]) != 0)
		abort();
	(void)session_serve(sv[0], ov[0], &peer, &self, &conf, SESSION_INPROC);
	close(sv[0]);
	close(sv[1]);
	close(ov[0]);
	pthread_join(helper, NULL);
	close(ov[1]);
	return 0;
}
