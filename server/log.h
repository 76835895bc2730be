/*
 * log: forkftpd's logging, to stderr in the foreground or to syslog.
 * Every line of one session carries its pid and client address.  No
 * password is ever passed to these functions.
 */
#ifndef LOG_H
#define LOG_H

#include <stdint.h>

struct server_conf;

void	log_open(const struct server_conf *);	/* before chroot */
/*
 * src escaped as strnvis(3) does with VIS_CSTYLE | VIS_OCTAL | VIS_TAB |
 * VIS_NL, into dst of size bytes, without strnvis's allocations.  Stops
 * when fewer than 5 bytes are left, so no escape is cut.
 */
void	log_vis(char *dst, size_t size, const char *src);
void	log_set_client(const char *addr);	/* in the child */
__attribute__((format(printf, 1, 2)))
void	log_info(const char *, ...);
__attribute__((format(printf, 1, 2)))
void	log_warn(const char *, ...);
/*
 * One xferlog line (wu-ftpd format) and an info line.  direction 'o'
 * (outgoing, download) or 'i'; complete 'c' or 'i' (incomplete);
 * ascii is the transfer type; anonymous chooses access mode 'a' / 'r'.
 */
void	log_xfer(const char *user, int anonymous, const char *path,
	    uint64_t bytes, double seconds, char direction, int ascii,
	    char complete);

#endif
