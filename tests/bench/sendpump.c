/*
 * sendpump: the loopback throughput ceiling for the download benchmark
 * (issue 7).  What an FTP server's RETR does at best, with no protocol
 * around it: sendfile(2) of the whole file into an accepted TCP socket on
 * 127.0.0.1, while a forked receiver reads it into a buffer and throws it
 * away (as curl -o /dev/null does).
 *
 *   sendpump FILE REPS [RECVBUF]
 *
 * RECVBUF is the receiver's read size (default 256 KiB), to check that
 * the ceiling does not hinge on it.
 * Prints one line per repetition: "bytes B seconds S".  The time runs
 * from accept to the receiver's exit, so it covers the last byte read.
 */
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xio.h"

#define SP_RECVBUF	(256 * 1024)

static double
sp_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
sp_listen(struct sockaddr_in *sin)
{
	socklen_t len = sizeof(*sin);
	int fd;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		fatal("socket");
	if (bind(fd, (struct sockaddr *)sin, sizeof(*sin)) == -1 ||
	    listen(fd, 1) == -1 ||
	    getsockname(fd, (struct sockaddr *)sin, &len) == -1)
		fatal("listen on loopback");
	return fd;
}

static size_t sp_recvbuf = SP_RECVBUF;

static void __attribute__((noreturn))
sp_receive(const struct sockaddr_in *sin)
{
	char *buf = xmalloc(sp_recvbuf);
	ssize_t r;
	int fd;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    connect(fd, (const struct sockaddr *)sin, sizeof(*sin)) == -1)
		fatal("connect");
	while ((r = xread(fd, buf, sp_recvbuf)) > 0)
		;
	_exit(r == 0 ? 0 : 1);
}

/* Send the whole file; sendfile may stop short of the count it was given. */
static void
sp_send(int sock, int file, off_t size)
{
	off_t off = 0;
	ssize_t n;

	while (off < size) {
		n = sendfile(sock, file, &off, (size_t)(size - off));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			fatal("sendfile");
	}
}

static void
sp_once(int lfd, const struct sockaddr_in *sin, int file, off_t size)
{
	double t0;
	pid_t pid;
	int sock, status;

	if ((pid = fork()) == -1)
		fatal("fork");
	if (pid == 0)
		sp_receive(sin);
	if ((sock = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) == -1)
		fatal("accept");
	t0 = sp_now();
	sp_send(sock, file, size);
	xclose(sock);
	if (waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		fatalx("receiver failed");
	printf("bytes %lld seconds %.6f\n", (long long)size, sp_now() - t0);
	fflush(stdout);
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in sin;
	struct stat st;
	int lfd, file, reps, i;

	xio_set_progname("sendpump");
	if (argc < 3 || argc > 4 || (reps = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: sendpump FILE REPS [RECVBUF]\n");
		return 2;
	}
	if (argc == 4 && (sp_recvbuf = strtoul(argv[3], NULL, 10)) == 0)
		fatalx("bad buffer size: %s", argv[3]);
	if ((file = open(argv[1], O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(file, &st) == -1)
		fatal("%s", argv[1]);
	lfd = sp_listen(&sin);
	for (i = 0; i < reps; i++)
		sp_once(lfd, &sin, file, st.st_size);
	return 0;
}
