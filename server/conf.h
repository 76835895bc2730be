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
#include <stdio.h>

#include "proxy.h"

#define CONF_MAX_LISTEN 16
#define CONF_MAX_PROXY	32

struct user;			/* auth.h */
struct userdb;			/* auth.h */

struct server_conf {
	char		*root;		/* served tree (absolute) */
	int		 root_fd;	/* O_PATH|O_DIRECTORY fd of root, opened by main */
	struct sockaddr_storage listen[CONF_MAX_LISTEN];
	int		 listen_tls[CONF_MAX_LISTEN];	/* ftps://: implicit TLS */
	size_t		 nlisten;

	char		*users_file;	/* NULL: anonymous only */
	struct userdb	*users;		/* loaded users_file, or NULL */
	int		 anonymous;	/* anonymous / ftp logins allowed */
	int		 anonymous_write;
	char		*anonymous_root;	/* anonymous home under root, normalised; NULL: "/" */
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
	/* Balancers whose connections start with a PROXY header (proxy.h). */
	struct proxy_cidr proxy_from[CONF_MAX_PROXY];
	size_t		 nproxy_from;

	int		 use_syslog;
	char		*xferlog;	/* path or NULL */
	char		*pidfile;
	unsigned	 grace;		/* SIGTERM grace period, seconds */
	int		 no_fork;	/* serve one session on stdin/stdout (tests, fuzzing) */
	int		 sandbox;	/* seccomp filter in session children (1) */

	int		 tls;		/* enum tls_mode (tls.h), optional */
	char		*tls_cert;	/* PEM chain, or NULL: the self-made one */
	char		*tls_key;	/* PEM key, or NULL: in tls_cert */
	char		*tls_ciphers;	/* TLS 1.2 cipher list, or NULL */
	int		 tls_reuse_check;	/* data connections resume (1) */
	char		*state_dir;	/* the self-made certificate's home */

	char		*config_file;	/* -c, re-read on SIGHUP, or NULL */
};

/* What conf_load asks main to do instead of serving. */
enum conf_action {
	CONF_SERVE,
	CONF_HELP,
	CONF_VERSION,
	CONF_HASH_PASSWORD,
};

/*
 * Build a configuration: defaults, then the config file named by -c (if
 * any), then every flag of argv (flags win).  ROOT is made absolute.
 * The users file is not loaded here.  Times and sizes take units (5m,
 * 1M).  Returns 0 and the action in *act, or -1 with two lines in *err,
 * the error (FILE:LINE: first when it is the config file's, naming the
 * key as written there) and a hint, joined by '\n' (caller frees); conf
 * is then undefined but safe to conf_free.  argv is not modified (so
 * SIGHUP can replay it).
 */
int	conf_load(struct server_conf *, int argc, char *const argv[],
	    enum conf_action *act, char **err);
/* Free what conf_load allocated (not root_fd, not users). */
void	conf_free(struct server_conf *);
/* The option summary of --help. */
void	conf_usage(FILE *);

#endif
