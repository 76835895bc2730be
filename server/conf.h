/*
 * conf: forkftpd's settings.  main.c fills one struct from defaults, the
 * config file (-c) and flags (flags win); every child inherits it by fork.
 * Every field has a flag and a config key of the same name (with '-' in
 * flags and '_' in the file: --max-clients / max_clients).
 */
#ifndef CONF_H
#define CONF_H

#include <sys/socket.h>
#include <stddef.h>
#include <stdint.h>

#define CONF_MAX_LISTEN 16

struct user;			/* auth.h */

struct server_conf {
	char		*root;		/* served tree (absolute) */
	int		 root_fd;	/* O_PATH|O_DIRECTORY fd of root, opened by main */
	struct sockaddr_storage listen[CONF_MAX_LISTEN];
	size_t		 nlisten;

	char		*users_file;	/* NULL: anonymous only */
	struct userdb	*users;		/* loaded users_file, or NULL */
	int		 anonymous;	/* anonymous / ftp logins allowed */
	int		 anonymous_write;
	char		*run_user;	/* account children run as (--user) */

	unsigned	 max_clients;	/* 200 */
	unsigned	 max_per_ip;	/* 20 */
	unsigned	 login_timeout;	/* seconds, 60 */
	unsigned	 idle_timeout;	/* 300 */
	unsigned	 accept_timeout;	/* data connection accept, 30 */
	unsigned	 data_timeout;	/* data stall, 300 */
	size_t		 max_line;	/* 4096 */
	unsigned	 max_login_fails;	/* 3 */
	unsigned	 fail_delay_ms;	/* 1000 */
	uint64_t	 max_rate;	/* bytes/s per session, 0 = off */
	unsigned	 pasv_min, pasv_max;	/* 0,0 = any */
	char		*pasv_address;	/* advertised in 227, or NULL */

	int		 use_syslog;
	char		*xferlog;	/* path or NULL */
	char		*pidfile;
	unsigned	 grace;		/* SIGTERM grace period, seconds */
	int		 no_fork;	/* serve one session on stdin/stdout (tests, fuzzing) */
};

#endif
