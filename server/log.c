/*
 * log: one line per event, to stderr in the foreground or to syslog, and
 * the xferlog transfer log.  Messages may carry client-chosen text (file
 * names, user names), so every line is passed through strnvis: a client
 * cannot forge log lines with CR/LF or smuggle terminal escapes.
 */
#define LIBBSD_OPENBSD_VIS	/* strnvis(dst, src, dstsize, flags) */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <vis.h>

#include "conf.h"
#include "log.h"
#include "xio.h"

#define LOG_PREFIX_MAX	96	/* "forkftpd[PID]: CLIENT: " */
/*
 * One block, client first: a line writes within its first 1.3 KiB, the
 * starts of raw and line, so an idle session dirties one or two pages of
 * it, not the five it spans.
 */
static struct {
	char	client[64];	/* "" in the parent */
	char	raw[1024];
	char	line[LOG_PREFIX_MAX + 4 * 1024 + 2];	/* 4 bytes a raw byte */
} log_buf;
#define log_client	log_buf.client
#define log_raw		log_buf.raw
#define log_line	log_buf.line

static void	log_vis_warm(void);

static int	log_syslog;
static int	log_xfer_fd = -1;

void
log_open(const struct server_conf *conf)
{
	int fd = -1;

	tzset();	/* localtime needs /etc/localtime: read it before chroot */
	log_vis_warm();
	if (conf->use_syslog && !log_syslog)
		openlog("forkftpd", LOG_PID | LOG_NDELAY, LOG_FTP);
	else if (!conf->use_syslog && log_syslog)
		closelog();
	log_syslog = conf->use_syslog;
	/* Opened by the parent (root) and inherited: children write to it
	 * after dropping privileges; SIGHUP reopens it for log rotation. */
	if (conf->xferlog != NULL) {
		fd = open(conf->xferlog, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		    0640);
		if (fd == -1)
			log_warn("xferlog %s: %s", conf->xferlog, strerror(errno));
	}
	if (log_xfer_fd != -1)
		xclose(log_xfer_fd);
	log_xfer_fd = fd;
}

void
log_set_client(const char *addr)
{
	strlcpy(log_client, addr, sizeof(log_client));
}

/*
 * The buffers of one line.  Static, not on the stack: the process is
 * single-threaded and no signal handler logs, and a session's first
 * line would otherwise take ~5 KiB of its stack (and with fprintf to
 * the unbuffered stderr, glibc's 8 KiB helper buffer below that), pages
 * that stay private to each idle session (bench row 4).
 */

/*
 * libbsd's vis(3), a byte at a time (with the next byte, which decides
 * some escapes): strnvis would write the same, but callocs wide-character
 * copies of 20 times the line's length for every call, and in a session
 * those are heap pages made private for its whole life (bench row 4).
 */
void
log_vis(char *dst, size_t size, const char *src)
{
	const unsigned char *p = (const unsigned char *)src;
	char one[5], *end;
	size_t n, used = 0;

	for (; *p != '\0' && size - used >= sizeof(one); p++) {
		/*
		 * What vis leaves alone with these flags, without asking it:
		 * each call allocates, and most of a line is plain text.
		 */
		if (*p >= ' ' && *p < 0x7f && *p != '\\') {
			dst[used++] = (char)*p;
			continue;
		}
		end = vis(one, *p, VIS_CSTYLE | VIS_OCTAL | VIS_TAB | VIS_NL,
		    p[1]);
		n = (size_t)(end - one);
		memcpy(dst + used, one, n);
		used += n;
	}
	if (size > 0)
		dst[used < size ? used : size - 1] = '\0';
}

/*
 * vis(3) converts to wide characters, and the C library sets up its
 * conversion state on first use, in memory it allocates: done in each
 * session child, that was pages made private in every idle session
 * (bench row 4).  Once here, before any fork, it is shared.
 */
static void
log_vis_warm(void)
{
	char out[8];

	log_vis(out, sizeof(out), "\001x");
}

__attribute__((format(printf, 2, 0)))
static void
log_vmsg(int prio, const char *fmt, va_list ap)
{
	int saved = errno, n = 0;
	size_t len;

	vsnprintf(log_raw, sizeof(log_raw), fmt, ap);
	/* On stderr, one write per line: sessions share the file. */
	if (!log_syslog && log_client[0] != '\0')
		n = snprintf(log_line, LOG_PREFIX_MAX, "forkftpd[%ld]: %s: ",
		    (long)getpid(), log_client);
	else if (!log_syslog)
		n = snprintf(log_line, LOG_PREFIX_MAX, "forkftpd: ");
	if (n < 0 || (size_t)n >= LOG_PREFIX_MAX)
		n = 0;
	log_vis(log_line + n, sizeof(log_line) - 1 - (size_t)n, log_raw);
	if (log_syslog && log_client[0] != '\0')
		syslog(prio, "%s: %s", log_client, log_line);
	else if (log_syslog)
		syslog(prio, "%s", log_line);
	else {
		len = strlen(log_line);
		log_line[len++] = '\n';
		(void)xwrite_full(STDERR_FILENO, log_line, len);
	}
	errno = saved;
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(LOG_INFO, fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(LOG_WARNING, fmt, ap);
	va_end(ap);
}

/* xferlog fields are separated by spaces: a name must not contain any. */
static void
log_xfer_name(char *dst, size_t len, const char *src)
{
	char *p;

	strnvis(dst, src, len, VIS_CSTYLE | VIS_OCTAL | VIS_TAB | VIS_NL);
	for (p = dst; *p != '\0'; p++)
		if (*p == ' ')
			*p = '_';
}

/*
 * xferlog(5): current-time transfer-time remote-host file-size filename
 * transfer-type special-action direction access-mode username
 * service-name authentication-method authenticated-user-id completion.
 */
void
log_xfer(const char *user, int anonymous, const char *path, uint64_t bytes,
    double seconds, char direction, int ascii, char complete)
{
	char when[64], name[4 * 1024 + 1], who[4 * 64 + 1], line[sizeof(name) + 512];
	time_t now = time(NULL);
	struct tm tm;
	long secs = seconds < 1.0 ? 1 : (long)(seconds + 0.5);
	int n;

	log_info("%s %s %s: %llu bytes in %.3f s%s",
	    user, direction == 'o' ? "download" : "upload", path,
	    (unsigned long long)bytes, seconds,
	    complete == 'c' ? "" : " (incomplete)");
	if (log_xfer_fd == -1)
		return;
	localtime_r(&now, &tm);
	strftime(when, sizeof(when), "%a %b %e %H:%M:%S %Y", &tm);
	log_xfer_name(name, sizeof(name), path);
	log_xfer_name(who, sizeof(who), user);
	n = snprintf(line, sizeof(line),
	    "%s %ld %s %llu %s %c _ %c %c %s ftp 0 * %c\n",
	    when, secs, log_client[0] != '\0' ? log_client : "-",
	    (unsigned long long)bytes, name, ascii ? 'a' : 'b', direction,
	    anonymous ? 'a' : 'r', who, complete);
	if (n > 0 && (size_t)n < sizeof(line))
		(void)xwrite_full(log_xfer_fd, line, (size_t)n);	/* one O_APPEND write */
}
