/*
 * loadgen: a small FTP load generator for the benchmarks (issue 7).
 *
 *   loadgen rate HOST PORT DIR CLIENTS SECONDS
 *	CLIENTS processes each loop over whole sessions (connect, USER,
 *	PASS, EPSV, LIST DIR, QUIT) for SECONDS; prints
 *	"sessions N failed F first-failure STEP seconds S rate R".
 *   loadgen hold HOST PORT N
 *	opens N anonymous sessions, logs each in, prints "ready N" and
 *	holds them until stdin reaches EOF, then QUITs them all.
 *   loadgen holdmax HOST PORT N [SECONDS]
 *	the same, but stops at the first session refused or failed, or
 *	after SECONDS, and holds those it has: prints "ready K" (K <= N).
 *	Towards 127.0.0.1 the sessions come from 127.0.0.10-249.
 *   loadgen probe HOST PORT REPS [SOURCE]
 *	REPS sessions one after another, each timed from connect to the
 *	230 of PASS, then QUIT; prints "p50 MS p99 MS max MS failed F".
 *	From SOURCE when given: with thousands of sessions held from the
 *	default address, the kernel's search for a free local port to the
 *	same server would be measured along with the server.
 *   loadgen list HOST PORT VERB DIR REPS
 *	one session; REPS times EPSV + "VERB DIR", each timed from sending
 *	VERB to the 226 (with the data drained); prints "bytes B seconds S".
 *
 * With LOADGEN_TLS=1 in the environment every session is explicit FTPS:
 * AUTH TLS, PBSZ 0, PROT P after the login, and each data connection
 * resumes the control connection's TLS session (what vsftpd's
 * require_ssl_reuse and forkftpd's reuse check demand).  Certificates
 * are not verified: a bench measures the servers, not the client's PKI.
 *
 * Blocking sockets with receive timeouts: a stuck server makes a run
 * fail, it never hangs the bench.  Logs in as anonymous, which both
 * forkftpd and vsftpd accept with any password.
 */
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/ssl.h>

#include "xio.h"

#define LG_TIMEOUT_S	10
#define LG_LINE		8192
#define LG_DATABUF	(256 * 1024)

struct lg_conn {
	int	 fd;
	SSL	*ssl;		/* under TLS (LOADGEN_TLS), else NULL */
	char	 buf[LG_LINE];
	size_t	 len;		/* bytes buffered */
	size_t	 off;		/* first unread byte */
};

static struct sockaddr_in lg_server;
static struct sockaddr_in lg_source;	/* sin_family 0: the kernel's choice */
static SSL_CTX *lg_tls;		/* LOADGEN_TLS set */

static ssize_t
lg_read(int fd, SSL *ssl, void *p, size_t n)
{
	size_t got;

	if (ssl == NULL)
		return xread(fd, p, n);
	if (SSL_read_ex(ssl, p, n, &got) == 1)
		return (ssize_t)got;
	return SSL_get_error(ssl, 0) == SSL_ERROR_ZERO_RETURN ? 0 : -1;
}

static int
lg_write(struct lg_conn *c, const void *p, size_t n)
{
	size_t done;

	if (c->ssl == NULL)
		return xwrite_full(c->fd, p, n) == -1 ? -1 : 0;
	return SSL_write_ex(c->ssl, p, n, &done) == 1 ? 0 : -1;
}

/* A TLS client on fd, resuming sess if given; NULL on failure. */
static SSL *
lg_tls_connect(int fd, SSL_SESSION *sess)
{
	SSL *ssl;

	if ((ssl = SSL_new(lg_tls)) == NULL || SSL_set_fd(ssl, fd) != 1 ||
	    (sess != NULL && SSL_set_session(ssl, sess) != 1) ||
	    SSL_connect(ssl) != 1) {
		SSL_free(ssl);
		return NULL;
	}
	return ssl;
}

static void
lg_tls_free(SSL *ssl)
{
	if (ssl == NULL)
		return;
	(void)SSL_shutdown(ssl);
	SSL_free(ssl);
}

static double
lg_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
lg_dial(uint16_t port)
{
	struct sockaddr_in sin = lg_server;
	struct timeval tv = { LG_TIMEOUT_S, 0 };
	int fd;

	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (lg_source.sin_family != 0 &&
	    bind(fd, (struct sockaddr *)&lg_source, sizeof(lg_source)) == -1) {
		xclose(fd);
		return -1;
	}
	sin.sin_port = htons(port);
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		xclose(fd);
		return -1;
	}
	return fd;
}

/* One reply line into line[], without CRLF; -1 on EOF, error or overlong. */
static int
lg_getline(struct lg_conn *c, char *line, size_t size)
{
	size_t n = 0;
	ssize_t r;

	for (;;) {
		while (c->off < c->len) {
			char ch = c->buf[c->off++];

			if (ch == '\n') {
				if (n > 0 && line[n - 1] == '\r')
					n--;
				line[n] = '\0';
				return 0;
			}
			if (n + 1 >= size)
				return -1;
			line[n++] = ch;
		}
		if ((r = lg_read(c->fd, c->ssl, c->buf, sizeof(c->buf))) <= 0)
			return -1;
		c->len = (size_t)r;
		c->off = 0;
	}
}

/*
 * A whole reply, multi-line ones included (RFC 959 4.2: "ddd-" opens,
 * "ddd " closes).  Returns the code, or -1.  The last line is left in
 * text[] for callers that parse it (229).
 */
static int
lg_reply(struct lg_conn *c, char *text, size_t size)
{
	char first[4];

	if (lg_getline(c, text, size) == -1 || strlen(text) < 3)
		return -1;
	memcpy(first, text, 3);
	first[3] = '\0';
	if (text[3] == '-') {
		do {
			if (lg_getline(c, text, size) == -1)
				return -1;
		} while (strncmp(text, first, 3) != 0 || text[3] != ' ');
	}
	return atoi(first);
}

static int
lg_cmd(struct lg_conn *c, const char *cmd, char *text, size_t size)
{
	char line[LG_LINE];
	int n;

	n = snprintf(line, sizeof(line), "%s\r\n", cmd);
	if (n < 0 || (size_t)n >= sizeof(line))
		return -1;
	if (lg_write(c, line, (size_t)n) == -1)
		return -1;
	return lg_reply(c, text, size);
}

static int
lg_login(struct lg_conn *c)
{
	char text[LG_LINE];
	int code;

	c->len = c->off = 0;
	if ((c->fd = lg_dial(ntohs(lg_server.sin_port))) == -1)
		return -1;
	if (lg_reply(c, text, sizeof(text)) != 220)
		return -1;
	if (lg_tls != NULL) {
		if (lg_cmd(c, "AUTH TLS", text, sizeof(text)) != 234 ||
		    (c->ssl = lg_tls_connect(c->fd, NULL)) == NULL)
			return -1;
		c->len = c->off = 0;
	}
	code = lg_cmd(c, "USER anonymous", text, sizeof(text));
	if (code == 331)
		code = lg_cmd(c, "PASS bench@example.org", text, sizeof(text));
	if (code == 230 && lg_tls != NULL &&
	    (lg_cmd(c, "PBSZ 0", text, sizeof(text)) != 200 ||
	    lg_cmd(c, "PROT P", text, sizeof(text)) != 200))
		return -1;
	return code == 230 ? 0 : -1;
}

/* EPSV, then connect to the port of "(|||port|)"; the data fd or -1. */
static int
lg_epsv(struct lg_conn *c)
{
	char text[LG_LINE];
	const char *p;
	long port;

	if (lg_cmd(c, "EPSV", text, sizeof(text)) != 229)
		return -1;
	if ((p = strstr(text, "(|||")) == NULL)
		return -1;
	port = strtol(p + 4, NULL, 10);
	if (port <= 0 || port > 65535)
		return -1;
	return lg_dial((uint16_t)port);
}

/* "VERB DIR" over a fresh passive connection; bytes received or -1. */
static long long
lg_listing(struct lg_conn *c, const char *verb, const char *dir)
{
	static char data[LG_DATABUF];
	char cmd[LG_LINE], text[LG_LINE];
	long long total = 0;
	SSL_SESSION *sess;
	SSL *dssl = NULL;
	ssize_t r;
	int dfd, code;

	if ((dfd = lg_epsv(c)) == -1)
		return -1;
	snprintf(cmd, sizeof(cmd), "%s %s", verb, dir);
	code = lg_cmd(c, cmd, text, sizeof(text));
	if (code != 150 && code != 125) {
		xclose(dfd);
		return -1;
	}
	if (c->ssl != NULL) {
		sess = SSL_get1_session(c->ssl);
		dssl = lg_tls_connect(dfd, sess);
		SSL_SESSION_free(sess);
		if (dssl == NULL) {
			xclose(dfd);
			return -1;
		}
	}
	while ((r = lg_read(dfd, dssl, data, sizeof(data))) > 0)
		total += r;
	lg_tls_free(dssl);
	xclose(dfd);
	if (r == -1 || lg_reply(c, text, sizeof(text)) != 226)
		return -1;
	return total;
}

static void
lg_quit(struct lg_conn *c)
{
	char text[LG_LINE];

	(void)lg_cmd(c, "QUIT", text, sizeof(text));
	lg_tls_free(c->ssl);
	c->ssl = NULL;
	xclose(c->fd);
	c->fd = -1;
}

/* One whole session: NULL on success, else the step that failed. */
static const char *
lg_session(const char *dir)
{
	static struct lg_conn c;
	const char *failed = NULL;

	if (lg_login(&c) == -1) {
		SSL_free(c.ssl);
		c.ssl = NULL;
		if (c.fd != -1)
			xclose(c.fd);
		c.fd = -1;
		return "login";
	}
	if (lg_listing(&c, "LIST", dir) < 0)
		failed = "list";
	lg_quit(&c);
	return failed;
}

/* One client's loop; writes "ok failed first-failed-step" to fd. */
static void
lg_rate_child(int fd, const char *dir, double until)
{
	unsigned long ok = 0, failed = 0;
	const char *step, *first = "-";
	char out[96];
	int n;

	while (lg_now() < until) {
		if ((step = lg_session(dir)) == NULL)
			ok++;
		else if (failed++ == 0)
			first = step;
	}
	n = snprintf(out, sizeof(out), "%lu %lu %s\n", ok, failed, first);
	(void)xwrite_full(fd, out, (size_t)n);
	_exit(0);
}

/*
 * More than 1% failed sessions fails the run: the rate of a server that
 * refuses work is no rate.  The first failing step (login, list) is
 * printed to tell a refused connection from a broken transfer.
 */
static int
lg_rate(const char *dir, int clients, double seconds)
{
	unsigned long ok = 0, failed = 0, a, b;
	double start, until, elapsed;
	char step[16], first[16] = "-";
	int pfd[2], i;
	FILE *fp;

	if (pipe(pfd) == -1)
		fatal("pipe");
	start = lg_now();
	until = start + seconds;
	for (i = 0; i < clients; i++) {
		switch (fork()) {
		case -1:
			fatal("fork");
		case 0:
			xclose(pfd[0]);
			lg_rate_child(pfd[1], dir, until);
		}
	}
	xclose(pfd[1]);
	if ((fp = fdopen(pfd[0], "r")) == NULL)
		fatal("fdopen");
	while (fscanf(fp, "%lu %lu %15s", &a, &b, step) == 3) {
		ok += a;
		failed += b;
		if (b > 0 && strcmp(first, "-") == 0)
			strlcpy(first, step, sizeof(first));
	}
	fclose(fp);
	while (wait(NULL) > 0)
		;
	elapsed = lg_now() - start;
	printf("sessions %lu failed %lu first-failure %s seconds %.3f rate %.1f\n",
	    ok, failed, first, elapsed, ok / elapsed);
	return failed > ok / 100 ? 1 : 0;
}

/*
 * holdmax spreads its sessions over 127.0.0.10-249: connect's search for
 * a free local port towards one server address slows down as the ports
 * of one source address fill, and that is the client's cost, not the
 * server's.
 */
#define LG_SPREAD_FIRST	10
#define LG_SPREAD_N	240

static void
lg_spread(int i)
{
	lg_source.sin_family = AF_INET;
	lg_source.sin_addr.s_addr = htonl(INADDR_LOOPBACK - 1 +
	    LG_SPREAD_FIRST + (uint32_t)(i % LG_SPREAD_N));
}

/* upto: stop at the first failure or after secs (0: none), keep the rest. */
static int
lg_hold(int n, int upto, double secs)
{
	struct lg_conn *c;
	char buf[256];
	double end = lg_now() + secs;
	int i;

	c = xcalloc((size_t)n, sizeof(*c));
	for (i = 0; i < n; i++) {
		if (upto && secs > 0 && lg_now() > end)
			break;
		if (upto && lg_server.sin_addr.s_addr == htonl(INADDR_LOOPBACK))
			lg_spread(i);
		if (lg_login(&c[i]) == 0)
			continue;
		if (!upto)
			fatalx("session %d: login failed", i + 1);
		if (c[i].fd != -1)
			xclose(c[i].fd);
		break;
	}
	n = i;
	printf("ready %d\n", n);
	fflush(stdout);
	while (xread(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	for (i = 0; i < n; i++)
		lg_quit(&c[i]);
	free(c);
	return 0;
}

static int
lg_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Greet-and-login latency, one session at a time. */
static int
lg_probe(int reps)
{
	struct lg_conn c;
	double *ms, t0;
	int i, n = 0, failed = 0;

	ms = xcalloc((size_t)reps, sizeof(*ms));
	for (i = 0; i < reps; i++) {
		t0 = lg_now();
		if (lg_login(&c) == -1) {
			failed++;
			if (c.fd != -1)
				xclose(c.fd);
			continue;
		}
		ms[n++] = (lg_now() - t0) * 1000;
		lg_quit(&c);
	}
	if (n == 0)
		fatalx("every probe failed");
	qsort(ms, (size_t)n, sizeof(*ms), lg_cmp_double);
	/* Nearest rank: the value below which p percent of the probes fall. */
	printf("p50 %.2f p99 %.2f max %.2f failed %d\n", ms[(n * 50 + 99) / 100 - 1],
	    ms[(n * 99 + 99) / 100 - 1], ms[n - 1], failed);
	free(ms);
	return failed > 0;
}

static int
lg_list(const char *verb, const char *dir, int reps)
{
	static struct lg_conn c;
	long long bytes;
	double t0;
	int i;

	if (lg_login(&c) == -1)
		fatalx("login failed");
	for (i = 0; i < reps; i++) {
		t0 = lg_now();
		if ((bytes = lg_listing(&c, verb, dir)) < 0)
			fatalx("%s %s failed", verb, dir);
		printf("bytes %lld seconds %.6f\n", bytes, lg_now() - t0);
		fflush(stdout);
	}
	lg_quit(&c);
	return 0;
}

static long
lg_num(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		fatalx("bad number: %s", s);
	return v;
}

static void __attribute__((noreturn))
lg_usage(void)
{
	fprintf(stderr, "usage: loadgen rate HOST PORT DIR CLIENTS SECONDS\n"
	    "       loadgen hold HOST PORT N\n"
	    "       loadgen holdmax HOST PORT N [SECONDS]\n"
	    "       loadgen probe HOST PORT REPS [SOURCE]\n"
	    "       loadgen list HOST PORT VERB DIR REPS\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	xio_set_progname("loadgen");
	signal(SIGPIPE, SIG_IGN);
	if (argc < 4)
		lg_usage();
	memset(&lg_server, 0, sizeof(lg_server));
	lg_server.sin_family = AF_INET;
	if (inet_pton(AF_INET, argv[2], &lg_server.sin_addr) != 1)
		fatalx("not an IPv4 address: %s", argv[2]);
	lg_server.sin_port = htons((uint16_t)lg_num(argv[3], 1, 65535));
	if (getenv("LOADGEN_TLS") != NULL && strcmp(getenv("LOADGEN_TLS"), "1") == 0) {
		if ((lg_tls = SSL_CTX_new(TLS_client_method())) == NULL)
			fatalx("SSL_CTX_new");
		SSL_CTX_set_verify(lg_tls, SSL_VERIFY_NONE, NULL);
		/* Resumption is client-side caching of the control session. */
		SSL_CTX_set_session_cache_mode(lg_tls, SSL_SESS_CACHE_CLIENT);
	}

	if (strcmp(argv[1], "rate") == 0 && argc == 7)
		return lg_rate(argv[4], (int)lg_num(argv[5], 1, 256),
		    (double)lg_num(argv[6], 1, 3600));
	if (strcmp(argv[1], "hold") == 0 && argc == 5)
		return lg_hold((int)lg_num(argv[4], 1, 100000), 0, 0);
	if (strcmp(argv[1], "holdmax") == 0 && (argc == 5 || argc == 6))
		return lg_hold((int)lg_num(argv[4], 1, 100000), 1,
		    argc == 6 ? (double)lg_num(argv[5], 1, 86400) : 0);
	if (strcmp(argv[1], "probe") == 0 && (argc == 5 || argc == 6)) {
		if (argc == 6) {
			lg_source.sin_family = AF_INET;
			if (inet_pton(AF_INET, argv[5], &lg_source.sin_addr) != 1)
				fatalx("not an IPv4 address: %s", argv[5]);
		}
		return lg_probe((int)lg_num(argv[4], 1, 100000));
	}
	if (strcmp(argv[1], "list") == 0 && argc == 7)
		return lg_list(argv[4], argv[5], (int)lg_num(argv[6], 1, 1000));
	lg_usage();
}
