/*
 * conf: defaults, the config file and the command line, from one table.
 * Each row is an option: its flag, its config key (the flag with '_' for
 * '-'), its type, where it lives in struct server_conf, its bounds and its
 * help line.  --help, getopt_long and the file parser all read the table,
 * so a setting cannot exist in one and be missing from another.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libutil.h>
#include <unistd.h>

#include "buf.h"
#include "path.h"
#include "xio.h"

#include "conf.h"
#include "fs.h"
#include "tls.h"

enum conf_kind {
	K_UINT,		/* unsigned, bounded */
	K_SIZE,		/* size_t, bounded */
	K_U64,		/* uint64_t, bounded */
	K_STR,		/* char *, owned */
	K_BOOL,		/* int: a flag takes no argument; the file says yes/no */
	K_OFF,		/* K_BOOL on by default: flag --no-NAME, key NAME = yes/no */
	K_LISTEN,	/* ADDR:PORT, appended */
	K_PORTS,	/* LO-HI */
	K_CIDRS,	/* CIDR[,CIDR...], appended */
	K_TLS,		/* off|optional|required */
	K_CONFIG,	/* -c: flags only */
	K_ACTION,	/* --help, --version, --hash-password: flags only */
};

/* What a number counts, and so which units it takes (conf_unit). */
enum conf_unit {
	U_NONE,		/* a plain count */
	U_BYTES,	/* k, M, G, ... (1024-based, libbsd expand_number) */
	U_SECS,		/* s, m, h, d */
	U_MS,		/* ms, s */
};

struct conf_opt {
	const char	*name;
	int		 shortopt;
	enum conf_kind	 kind;
	size_t		 off;		/* field, or the conf_action of K_ACTION */
	unsigned long long min, max;
	const char	*metavar;
	const char	*help;
};

#define F(field)	offsetof(struct server_conf, field)
#define SECS		1, 86400

static const struct conf_opt conf_opts[] = {
	{ "listen", 'l', K_LISTEN, F(listen), 0, 0, "ADDR:PORT",
	    "listen on ADDR:PORT, repeatable; [::1]:2121 for IPv6; port 0 picks one; "
	    "ftps://ADDR:PORT for implicit TLS (127.0.0.1:2121)" },
	{ "users", 'u', K_STR, F(users_file), 0, 0, "FILE",
	    "users file, name:crypt-hash:home:perm per line (none: anonymous read-only)" },
	{ "anonymous", 0, K_BOOL, F(anonymous), 0, 0, NULL,
	    "allow anonymous/ftp logins, read-only" },
	{ "anonymous-write", 0, K_BOOL, F(anonymous_write), 0, 0, NULL,
	    "let anonymous logins write (implies --anonymous)" },
	{ "anonymous-root", 0, K_STR, F(anonymous_root), 0, 0, "DIR",
	    "directory under ROOT anonymous logins are confined to (ROOT)" },
	{ "user", 0, K_STR, F(run_user), 0, 0, "NAME",
	    "account sessions run as when started as root (ftp, else nobody)" },
	{ "max-clients", 0, K_UINT, F(max_clients), 0, 100000, "N",
	    "sessions at once, 0 = unlimited (200)" },
	{ "max-per-ip", 0, K_UINT, F(max_per_ip), 0, 100000, "N",
	    "sessions at once from one address, 0 = unlimited (20)" },
	{ "login-timeout", 0, K_UINT, F(login_timeout), SECS, "SECS",
	    "time to log in (60)" },
	{ "idle-timeout", 0, K_UINT, F(idle_timeout), SECS, "SECS",
	    "time allowed for each command line (300)" },
	{ "accept-timeout", 0, K_UINT, F(accept_timeout), SECS, "SECS",
	    "time for a data connection to be made (30)" },
	{ "data-timeout", 0, K_UINT, F(data_timeout), SECS, "SECS",
	    "data connection stall (300)" },
	{ "max-line", 0, K_SIZE, F(max_line), 64, 65536, "BYTES",
	    "longest control line (4096)" },
	{ "max-login-fails", 0, K_UINT, F(max_login_fails), 1, 1000, "N",
	    "failed logins, each answered 530, before the close (3)" },
	{ "fail-delay-ms", 0, K_UINT, F(fail_delay_ms), 0, 60000, "MS",
	    "delay after a failed login (1000)" },
	{ "max-rate", 0, K_U64, F(max_rate), 0, UINT64_MAX, "BYTES",
	    "per-session transfer rate in bytes/s, 0 = unlimited (0)" },
	{ "pasv-ports", 0, K_PORTS, 0, 0, 0, "LO-HI",
	    "ports for passive data connections (any)" },
	{ "pasv-address", 0, K_STR, F(pasv_address), 0, 0, "ADDR",
	    "IPv4 address announced in 227 replies, behind NAT (the control address)" },
	{ "proxy-from", 0, K_CIDRS, 0, 0, 0, "CIDR[,CIDR...]",
	    "connections from these balancers start with a PROXY header (v1 or v2); repeatable (none)" },
	{ "syslog", 0, K_BOOL, F(use_syslog), 0, 0, NULL,
	    "log to syslog (facility ftp) instead of stderr" },
	{ "xferlog", 0, K_STR, F(xferlog), 0, 0, "FILE",
	    "write an xferlog(5) transfer log (off)" },
	{ "pidfile", 0, K_STR, F(pidfile), 0, 0, "FILE",
	    "write the pid; refuse to start if another forkftpd holds it (off)" },
	{ "grace", 0, K_UINT, F(grace), 0, 86400, "SECS",
	    "on SIGTERM, time running sessions get to finish (30)" },
	{ "inetd", 0, K_BOOL, F(no_fork), 0, 0, NULL,
	    "serve one session on the socket at stdin, no listener (inetd, tests)" },
	{ "no-sandbox", 0, K_OFF, F(sandbox), 0, 0, NULL,
	    "run sessions without their seccomp filter (kernels without seccomp)" },
	{ "tls", 0, K_TLS, F(tls), 0, 0, "MODE",
	    "off, optional (AUTH TLS offered) or required (no login before AUTH TLS, "
	    "no data without PROT P) (optional)" },
	{ "tls-cert", 0, K_STR, F(tls_cert), 0, 0, "FILE",
	    "PEM certificate, chain after it (a self-signed one made in --state-dir)" },
	{ "tls-key", 0, K_STR, F(tls_key), 0, 0, "FILE",
	    "PEM private key of --tls-cert, read before privileges drop (in --tls-cert)" },
	{ "tls-ciphers", 0, K_STR, F(tls_ciphers), 0, 0, "LIST",
	    "OpenSSL cipher list for TLS 1.2 (OpenSSL's default)" },
	{ "no-tls-reuse-check", 0, K_OFF, F(tls_reuse_check), 0, 0, NULL,
	    "accept data connections that do not resume the control connection's TLS session" },
	{ "state-dir", 0, K_STR, F(state_dir), 0, 0, "DIR",
	    "where the self-made certificate is kept (/var/lib/forkftpd as root, "
	    "else $XDG_STATE_HOME/forkftpd)" },
	{ "config", 'c', K_CONFIG, F(config_file), 0, 0, "FILE",
	    "read key = value settings; flags override them" },
	{ "hash-password", 0, K_ACTION, CONF_HASH_PASSWORD, 0, 0, NULL,
	    "read a password and print its crypt(3) hash for the users file" },
	{ "version", 'V', K_ACTION, CONF_VERSION, 0, 0, NULL,
	    "print the version" },
	{ "help", 'h', K_ACTION, CONF_HELP, 0, 0, NULL,
	    "print this help" },
};
#define NOPTS	(sizeof(conf_opts) / sizeof(conf_opts[0]))

/* State of one conf_load pass. */
struct conf_pass {
	struct server_conf *conf;
	int		 from_file;	/* 1 while reading the config file */
	int		 flag_listen;	/* a -l was seen: it replaces the file's */
	int		 flag_proxy;	/* the same for --proxy-from */
	enum conf_action act;
	char		*err;
	const char	*hint;		/* the line after err, or NULL */
};

__attribute__((format(printf, 2, 3)))
static int
conf_fail(struct conf_pass *p, const char *fmt, ...)
{
	va_list ap;

	if (p->err != NULL)
		return -1;
	va_start(ap, fmt);
	if (vasprintf(&p->err, fmt, ap) == -1)
		fatal("vasprintf");
	va_end(ap);
	return -1;
}

/* The option as it was written: its key in the file, its flag otherwise. */
static const char *
conf_optname(const struct conf_pass *p, const struct conf_opt *o,
    char *buf, size_t len)
{
	const char *n = o->name;
	size_t i;

	if (!p->from_file) {
		snprintf(buf, len, "--%s", n);
		return buf;
	}
	if (o->kind == K_OFF)
		n += strlen("no-");	/* the key names what is on */
	strlcpy(buf, n, len);
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == '-')
			buf[i] = '_';
	return buf;
}

static void
conf_defaults(struct server_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->root_fd = -1;
	c->max_clients = 200;
	c->max_per_ip = 20;
	c->login_timeout = 60;
	c->idle_timeout = 300;
	c->accept_timeout = 30;
	c->data_timeout = 300;
	c->max_line = 4096;
	c->max_login_fails = 3;
	c->fail_delay_ms = 1000;
	c->grace = 30;
	c->sandbox = 1;
	c->tls = TLS_OPTIONAL;
	c->tls_reuse_check = 1;
}

void
conf_free(struct server_conf *c)
{
	free(c->root);
	free(c->users_file);
	free(c->anonymous_root);
	free(c->run_user);
	free(c->pasv_address);
	free(c->xferlog);
	free(c->pidfile);
	free(c->config_file);
	free(c->tls_cert);
	free(c->tls_key);
	free(c->tls_ciphers);
	free(c->state_dir);
	c->root = c->users_file = c->run_user = c->pasv_address = NULL;
	c->anonymous_root = NULL;
	c->xferlog = c->pidfile = c->config_file = NULL;
	c->tls_cert = c->tls_key = c->tls_ciphers = c->state_dir = NULL;
}

/* The metavar says what a number counts: it is the unit's documentation. */
static enum conf_unit
conf_unit(const struct conf_opt *o)
{
	if (o->metavar == NULL)
		return U_NONE;
	if (strcmp(o->metavar, "BYTES") == 0)
		return U_BYTES;
	if (strcmp(o->metavar, "SECS") == 0)
		return U_SECS;
	if (strcmp(o->metavar, "MS") == 0)
		return U_MS;
	return U_NONE;
}

static const struct {
	const char	*what;		/* in "not a ..." */
	const char	*suffix;	/* after a range */
	const char	*hint;
} conf_units[] = {
	[U_NONE] = { "number", "", "a whole number, as 50" },
	[U_BYTES] = { "size", " bytes", "a size in bytes, with an optional "
	    "unit k, M, G (1024-based), as 1M" },
	[U_SECS] = { "time", " s", "a time in seconds, with an optional unit "
	    "s, m, h, d, as 5m" },
	[U_MS] = { "time", " ms", "a time in milliseconds, or with the unit "
	    "s, as 1500 or 2s" },
};

/* A size: digits, then nothing, B, or k/M/G/T/P/E with an optional B or iB. */
static int
conf_size(const char *v, unsigned long long *out)
{
	const char *u = v + strspn(v, "0123456789");
	uint64_t n;
	int scaled;

	/* expand_number takes signs, hex, junk and overflow: refused here. */
	errno = 0;
	if (strtoull(v, NULL, 10) == ULLONG_MAX && errno == ERANGE)
		return -1;
	scaled = *u != '\0' && strchr("kmgtpe", tolower((unsigned char)*u));
	if (scaled)
		u++;
	if (*u != '\0' && strcasecmp(u, "b") != 0 &&
	    !(scaled && strcasecmp(u, "ib") == 0))
		return -1;
	if (expand_number(v, &n) == -1)
		return -1;
	*out = n;
	return 0;
}

/* A time: digits, then the unit's suffixes ("" is the base unit). */
static int
conf_time(const char *v, enum conf_unit unit, unsigned long long *out)
{
	static const struct { const char *s; unsigned mul; } secs[] = {
		{ "", 1 }, { "s", 1 }, { "m", 60 }, { "h", 3600 },
		{ "d", 86400 },
	}, ms[] = {
		{ "", 1 }, { "ms", 1 }, { "s", 1000 },
	};
	size_t i, n = unit == U_SECS ? sizeof secs / sizeof secs[0] :
	    sizeof ms / sizeof ms[0];
	unsigned long long x;
	char *end;

	errno = 0;
	x = strtoull(v, &end, 10);
	if (errno != 0)
		return -1;
	for (i = 0; i < n; i++) {
		const char *s = unit == U_SECS ? secs[i].s : ms[i].s;
		unsigned mul = unit == U_SECS ? secs[i].mul : ms[i].mul;

		if (strcasecmp(end, s) == 0) {
			if (x > ULLONG_MAX / mul)
				return -1;
			*out = x * mul;
			return 0;
		}
	}
	return -1;
}

static int
conf_number(struct conf_pass *p, const struct conf_opt *o, const char *v,
    unsigned long long *out)
{
	enum conf_unit unit = conf_unit(o);
	char name[64], *end;
	int r = -1;

	conf_optname(p, o, name, sizeof(name));
	if (isdigit((unsigned char)v[0])) {
		errno = 0;
		if (unit == U_BYTES)
			r = conf_size(v, out);
		else if (unit == U_SECS || unit == U_MS)
			r = conf_time(v, unit, out);
		else if ((*out = strtoull(v, &end, 10)), errno == 0 &&
		    *end == '\0')
			r = 0;
	}
	if (r == -1) {
		p->hint = conf_units[unit].hint;
		return conf_fail(p, "%s: not a %s: '%s'", name,
		    conf_units[unit].what, v);
	}
	if (*out < o->min || *out > o->max)
		return conf_fail(p, "%s: %s is out of range %llu-%llu%s",
		    name, v, o->min, o->max, conf_units[unit].suffix);
	return 0;
}

static int
conf_bool(struct conf_pass *p, const struct conf_opt *o, const char *v, int *out)
{
	static const char *yes[] = { "yes", "true", "on", "1" };
	static const char *no[] = { "no", "false", "off", "0" };
	char name[64];
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 0;
	}
	return conf_fail(p, "%s: expected yes or no, not '%s'",
	    conf_optname(p, o, name, sizeof(name)), v);
}

/* "1.2.3.4:21" or "[::1]:21" into a sockaddr. */
static int
conf_parse_listen(const char *v, struct sockaddr_storage *ss)
{
	char host[INET6_ADDRSTRLEN + 2], *end;
	const char *colon, *h = v;
	size_t hlen;
	unsigned long port;

	colon = strrchr(v, ':');
	if (colon == NULL || colon == v)
		return -1;
	hlen = (size_t)(colon - v);
	if (v[0] == '[') {
		if (hlen < 3 || v[hlen - 1] != ']')
			return -1;
		h = v + 1;
		hlen -= 2;
	}
	if (hlen >= sizeof(host) || !isdigit((unsigned char)colon[1]))
		return -1;
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	if (errno != 0 || *end != '\0' || port > 65535)
		return -1;
	memset(ss, 0, sizeof(*ss));
	if (v[0] != '[') {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		return inet_pton(AF_INET, host, &sin->sin_addr) == 1 ? 0 : -1;
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		return inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1 ? 0 : -1;
	}
}

static int
conf_set_listen(struct conf_pass *p, const char *v)
{
	struct server_conf *c = p->conf;

	/* The first -l replaces the file's addresses; more -l add to it. */
	if (!p->from_file && !p->flag_listen) {
		p->flag_listen = 1;
		c->nlisten = 0;
	}
	if (c->nlisten == CONF_MAX_LISTEN)
		return conf_fail(p, "listen: more than %d addresses", CONF_MAX_LISTEN);
	c->listen_tls[c->nlisten] = strncasecmp(v, "ftps://", 7) == 0;
	if (c->listen_tls[c->nlisten])
		v += 7;
	else if (strncasecmp(v, "ftp://", 6) == 0)
		v += 6;
	if (conf_parse_listen(v, &c->listen[c->nlisten]) == -1)
		return conf_fail(p, "listen: expected [ftps://]ADDR:PORT or [ADDR]:PORT, not '%s'", v);
	c->nlisten++;
	return 0;
}

static int
conf_set_cidrs(struct conf_pass *p, const struct conf_opt *o, const char *v)
{
	struct server_conf *c = p->conf;
	char *list, *item, *save = NULL;
	int rc = 0;

	if (!p->from_file && !p->flag_proxy) {
		p->flag_proxy = 1;
		c->nproxy_from = 0;
	}
	list = xstrdup(v);
	for (item = strtok_r(list, ",", &save); item != NULL && rc == 0;
	    item = strtok_r(NULL, ",", &save)) {
		if (c->nproxy_from == CONF_MAX_PROXY)
			rc = conf_fail(p, "%s: more than %d blocks", o->name,
			    CONF_MAX_PROXY);
		else if (proxy_cidr_parse(item, &c->proxy_from[c->nproxy_from]) == -1)
			rc = conf_fail(p, "%s: expected ADDR or ADDR/BITS with no host "
			    "bits set, not '%s'", o->name, item);
		else
			c->nproxy_from++;
	}
	free(list);
	return rc;
}

static int
conf_set_ports(struct conf_pass *p, const struct conf_opt *o, const char *v)
{
	unsigned lo, hi;
	char name[64];
	int n = -1;

	if (sscanf(v, "%5u-%5u%n", &lo, &hi, &n) != 2 || n < 0 ||
	    v[n] != '\0' || lo < 1024 || hi > 65535 || lo > hi)
		return conf_fail(p, "%s: expected LO-HI within 1024-65535, not '%s'",
		    conf_optname(p, o, name, sizeof(name)), v);
	p->conf->pasv_min = lo;
	p->conf->pasv_max = hi;
	return 0;
}

static int
conf_set_tls(struct conf_pass *p, const struct conf_opt *o, const char *v)
{
	static const char *const modes[] = {
		[TLS_OFF] = "off", [TLS_OPTIONAL] = "optional",
		[TLS_REQUIRED] = "required",
	};
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcasecmp(v, modes[i]) == 0) {
			*(int *)((char *)p->conf + o->off) = (int)i;
			return 0;
		}
	return conf_fail(p, "%s: expected off, optional or required, not '%s'",
	    o->name, v);
}

/* The state directory when none is set: root's, or the user's. */
static char *
conf_state_dir(void)
{
	const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");

	if (geteuid() == 0)
		return xstrdup("/var/lib/forkftpd");
	if (x != NULL && x[0] == '/')
		return xasprintf("%s/forkftpd", x);
	return xasprintf("%s/.local/state/forkftpd", h != NULL && h[0] == '/' ?
	    h : "/tmp");
}

/* Apply one option with its value (NULL for a flag without argument). */
static int
conf_apply(struct conf_pass *p, const struct conf_opt *o, const char *v)
{
	char *base = (char *)p->conf, name[64];
	unsigned long long n = 0;

	switch (o->kind) {
	case K_UINT:
	case K_SIZE:
	case K_U64:
		if (conf_number(p, o, v, &n) == -1)
			return -1;
		if (o->kind == K_UINT)
			*(unsigned *)(base + o->off) = (unsigned)n;
		else if (o->kind == K_SIZE)
			*(size_t *)(base + o->off) = (size_t)n;
		else
			*(uint64_t *)(base + o->off) = (uint64_t)n;
		return 0;
	case K_STR:
	case K_CONFIG:
		if (*v == '\0')
			return conf_fail(p, "%s: empty value",
			    conf_optname(p, o, name, sizeof(name)));
		free(*(char **)(base + o->off));
		*(char **)(base + o->off) = xstrdup(v);
		return 0;
	case K_BOOL:
	case K_OFF:
		if (v == NULL)
			return *(int *)(base + o->off) = o->kind == K_BOOL, 0;
		return conf_bool(p, o, v, (int *)(base + o->off));
	case K_LISTEN:
		return conf_set_listen(p, v);
	case K_PORTS:
		return conf_set_ports(p, o, v);
	case K_CIDRS:
		return conf_set_cidrs(p, o, v);
	case K_TLS:
		return conf_set_tls(p, o, v);
	case K_ACTION:
		p->act = (enum conf_action)o->off;
		return 0;
	}
	bug("option kind %d", (int)o->kind);
}

static const struct conf_opt *
conf_find_key(const char *key)
{
	char name[64];
	size_t i;

	if (strlcpy(name, key, sizeof(name)) >= sizeof(name))
		return NULL;
	for (i = 0; name[i] != '\0'; i++)
		if (name[i] == '_')
			name[i] = '-';
		else if (name[i] == '-')	/* keys are spelled with '_' only */
			return NULL;
	for (i = 0; i < NOPTS; i++) {
		const char *n = conf_opts[i].name;

		if (conf_opts[i].kind == K_OFF)
			n += strlen("no-");	/* the key names what is on */
		if (strcmp(n, name) == 0)
			return &conf_opts[i];
	}
	return NULL;
}

static char *
conf_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* One "key = value" line; blank lines and '#' comments are skipped. */
static int
conf_file_line(struct conf_pass *p, char *line)
{
	const struct conf_opt *o;
	char *eq, *key, *val;

	line[strcspn(line, "#")] = '\0';
	key = conf_trim(line);
	if (*key == '\0')
		return 0;
	if ((eq = strchr(key, '=')) == NULL) {
		p->hint = "each line is key = value, as max_clients = 50";
		return conf_fail(p, "expected key = value");
	}
	*eq = '\0';
	key = conf_trim(key);
	val = conf_trim(eq + 1);
	if (strcmp(key, "root") == 0) {
		free(p->conf->root);
		p->conf->root = xstrdup(val);
		return 0;
	}
	o = conf_find_key(key);
	if (o == NULL || o->kind == K_ACTION || o->kind == K_CONFIG) {
		p->hint = "keys are the long options of forkftpd --help with _ "
		    "for -, as max_clients";
		return conf_fail(p, "unknown key '%s'", key);
	}
	if (*val == '\0')
		return conf_fail(p, "%s: empty value", key);
	return conf_apply(p, o, val);
}

static int
conf_read_file(struct conf_pass *p, const char *path)
{
	FILE *f;
	char *line = NULL, *msg;
	size_t cap = 0;
	unsigned lineno = 0;
	int rc = 0;

	if ((f = fopen(path, "re")) == NULL)
		return conf_fail(p, "%s: %s", path, strerror(errno));
	p->from_file = 1;
	while (rc == 0 && getline(&line, &cap, f) != -1) {
		lineno++;
		rc = conf_file_line(p, line);
	}
	p->from_file = 0;
	if (rc == 0 && ferror(f))
		rc = conf_fail(p, "%s: %s", path, strerror(errno));
	fclose(f);
	free(line);
	if (rc == -1 && lineno > 0 && p->err != NULL &&
	    strncmp(p->err, path, strlen(path)) != 0) {
		msg = p->err;
		p->err = xasprintf("%s:%u: %s", path, lineno, msg);
		free(msg);
	}
	return rc;
}

/* getopt_long's tables, built from conf_opts. */
static struct option *
conf_longopts(char *shortopts, size_t len)
{
	struct option *lo;
	size_t i, n = 0;

	lo = xcalloc(NOPTS + 1, sizeof(*lo));
	shortopts[n++] = ':';	/* report a missing argument as ':' */
	for (i = 0; i < NOPTS; i++) {
		const struct conf_opt *o = &conf_opts[i];
		int arg = o->kind == K_BOOL || o->kind == K_OFF ||
		    o->kind == K_ACTION ? no_argument : required_argument;

		lo[i].name = o->name;
		lo[i].has_arg = arg;
		lo[i].val = o->shortopt != 0 ? o->shortopt : 256 + (int)i;
		if (o->shortopt != 0 && n + 3 < len) {
			shortopts[n++] = (char)o->shortopt;
			if (arg == required_argument)
				shortopts[n++] = ':';
		}
	}
	shortopts[n] = '\0';
	return lo;
}

static const struct conf_opt *
conf_by_val(int val)
{
	size_t i;

	if (val >= 256 && (size_t)(val - 256) < NOPTS)
		return &conf_opts[val - 256];
	for (i = 0; i < NOPTS; i++)
		if (conf_opts[i].shortopt == val)
			return &conf_opts[i];
	return NULL;
}

/* Apply argv's flags; the operand ROOT goes to conf->root. */
static int
conf_read_args(struct conf_pass *p, int argc, char *const argv[])
{
	struct option *lo;
	const struct conf_opt *o;
	char shortopts[64];
	int ch, idx, rc = 0;

	lo = conf_longopts(shortopts, sizeof(shortopts));
	optind = 0;	/* glibc: a full re-initialisation, argv may be replayed */
	opterr = 0;
	while (rc == 0 &&
	    (ch = getopt_long(argc, argv, shortopts, lo, &idx)) != -1) {
		if (ch == '?' || ch == ':') {
			if (optopt != 0 && optopt < 256)
				rc = conf_fail(p, "%s -%c", ch == ':' ?
				    "missing argument for" : "unknown option",
				    optopt);
			else
				rc = conf_fail(p, "%s '%s'", ch == ':' ?
				    "missing argument for" : "unknown option",
				    argv[optind - 1]);
			break;
		}
		if ((o = conf_by_val(ch)) == NULL)
			bug("getopt value %d", ch);
		rc = conf_apply(p, o, optarg);
	}
	free(lo);
	if (rc == 0 && argc - optind > 1)
		rc = conf_fail(p, "more than one ROOT: '%s'", argv[optind + 1]);
	if (rc == 0 && argc - optind == 1) {
		free(p->conf->root);
		p->conf->root = xstrdup(argv[optind]);
	}
	return rc;
}

/* The anonymous root as a normalised virtual path ("/": ROOT itself). */
static int
conf_anonymous_root(struct conf_pass *p)
{
	struct server_conf *c = p->conf;
	const char *v = c->anonymous_root != NULL ? c->anonymous_root : "/";
	struct buf b;

	buf_init(&b);
	if (fs_climbs("/", v) || path_join("/", v, strlen(v), &b) == -1) {
		buf_free(&b);
		return conf_fail(p, "anonymous-root: not a path under ROOT: '%s'",
		    v);
	}
	free(c->anonymous_root);
	c->anonymous_root = xstrdup(buf_cstr(&b));
	buf_free(&b);
	return 0;
}

/* Defaults that depend on other settings, and the absolute ROOT. */
static int
conf_finish(struct conf_pass *p)
{
	struct server_conf *c = p->conf;
	struct sockaddr_in *sin = (struct sockaddr_in *)&c->listen[0];
	char *abs;
	size_t i;

	if (c->nlisten == 0) {
		memset(&c->listen[0], 0, sizeof(c->listen[0]));
		sin->sin_family = AF_INET;
		sin->sin_port = htons(2121);
		sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		c->nlisten = 1;
	}
	if (c->anonymous_write)
		c->anonymous = 1;
	if (c->users_file == NULL)
		c->anonymous = 1;
	if (c->run_user == NULL)
		c->run_user = xstrdup("ftp");
	if (conf_anonymous_root(p) == -1)
		return -1;
	if (c->state_dir == NULL)
		c->state_dir = conf_state_dir();
	for (i = 0; i < c->nlisten; i++)
		if (c->listen_tls[i] && c->tls == TLS_OFF)
			return conf_fail(p, "listen: ftps:// needs TLS, not --tls off");
	if (c->tls_key != NULL && c->tls_cert == NULL)
		return conf_fail(p, "tls-key: needs tls-cert");
	if (c->pasv_address != NULL) {
		struct in_addr a;

		if (inet_pton(AF_INET, c->pasv_address, &a) != 1)
			return conf_fail(p, "pasv-address: not an IPv4 address: '%s'",
			    c->pasv_address);
	}
	abs = realpath(c->root != NULL ? c->root : ".", NULL);
	if (abs == NULL)
		return conf_fail(p, "%s: %s", c->root != NULL ? c->root : ".",
		    strerror(errno));
	free(c->root);
	c->root = abs;
	return 0;
}

/* The error's second line: what would be right, or where to look. */
static void
conf_add_hint(struct conf_pass *p)
{
	const char *hint = p->hint != NULL ? p->hint :
	    "forkftpd --help lists the options";
	char *msg = p->err;

	if (msg == NULL)
		return;
	p->err = xasprintf("%s\n%s", msg, hint);
	free(msg);
}

int
conf_load(struct server_conf *c, int argc, char *const argv[],
    enum conf_action *act, char **err)
{
	struct conf_pass p;
	char *file;

	/* First pass: find -c and any action, then start over so flags win. */
	memset(&p, 0, sizeof(p));
	p.conf = c;
	conf_defaults(c);
	if (conf_read_args(&p, argc, argv) == -1)
		goto fail;
	*act = p.act;
	if (p.act != CONF_SERVE)	/* --help and the like need no ROOT */
		return 0;
	if (c->config_file == NULL) {
		if (conf_finish(&p) == -1)
			goto fail;
		return 0;
	}
	file = c->config_file;
	c->config_file = NULL;
	conf_free(c);
	conf_defaults(c);
	c->config_file = file;
	p.flag_listen = p.flag_proxy = 0;
	if (conf_read_file(&p, file) == -1 || conf_read_args(&p, argc, argv) == -1 ||
	    conf_finish(&p) == -1)
		goto fail;
	return 0;
fail:
	conf_add_hint(&p);
	*err = p.err;
	return -1;
}

void
conf_usage(FILE *f)
{
	size_t i;
	char lhs[64];

	fprintf(f, "usage: forkftpd [options] [ROOT]\n"
	    "Serve the directory ROOT (default: the current directory) over FTP.\n\n");
	for (i = 0; i < NOPTS; i++) {
		const struct conf_opt *o = &conf_opts[i];

		if (o->shortopt != 0)
			snprintf(lhs, sizeof(lhs), "-%c, --%s%s%s", o->shortopt,
			    o->name, o->metavar ? " " : "", o->metavar ? o->metavar : "");
		else
			snprintf(lhs, sizeof(lhs), "    --%s%s%s", o->name,
			    o->metavar ? " " : "", o->metavar ? o->metavar : "");
		fprintf(f, "  %-28s %s\n", lhs, o->help);
	}
	fprintf(f, "\nEvery option is also a config file key: max_clients = 50.\n"
	    "SECS take a unit s, m, h, d (5m); BYTES k, M, G (1M = 1048576).\n"
	    "Signals: SIGTERM drains and exits, SIGHUP re-reads the config and users file.\n");
}
