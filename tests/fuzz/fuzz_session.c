/*
 * libFuzzer harness for a whole forkftpd session, in-process: the input is
 * what a client sends on the control connection.  It goes through the
 * line reader, the dispatcher and every command handler (session_serve
 * with SESSION_INPROC), against a real served tree in a temporary
 * directory, logged in or not as the input decides (USER anonymous and
 * any PASS log in; anonymous may write).
 *
 * Kept deterministic and local: replies go to /dev/null; passive data
 * connections time out at once (accept_timeout 0, 425); log lines go to
 * syslog (nowhere, usually) instead of stderr; connect(2) is
 * replaced below so PORT/EPRT never reach a real service on this host.
 * The tree is rebuilt every RESET_EVERY inputs so it cannot grow without
 * bound.  Any sanitizer report, fatal() or exit is a finding.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
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

static struct server_conf conf;
static char rootdir[64];
static unsigned runs;
static int devnull = -1;
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
	conf.login_timeout = 5;
	conf.idle_timeout = 5;
	conf.accept_timeout = 0;
	conf.data_timeout = 1;
	conf.max_line = 512;		/* small, so long-line paths are reached */
	conf.max_login_fails = 3;
	conf.fail_delay_ms = 0;
	/* Log lines (strnvis'd client text) still get formatted, but go to
	 * syslog, not over libFuzzer's output. */
	conf.use_syslog = 1;
	log_open(&conf);
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull == -1)
		abort();
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
	int sv[2], big = INPUT_MAX * 2;
	ssize_t w;

	if (devnull == -1)
		setup();
	if (size > INPUT_MAX)
		return 0;
	if (++runs % RESET_EVERY == 0)
		tree_build();
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
		abort();
	(void)setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
	/* The whole input is buffered before the session reads it. */
	w = size > 0 ? write(sv[1], data, size) : 0;
	if (w != (ssize_t)size)
		abort();
	close(sv[1]);
	(void)session_serve(sv[0], devnull, &peer, &self, &conf, SESSION_INPROC);
	close(sv[0]);
	return 0;
}
