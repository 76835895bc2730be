/*
 * Unit tests for server/conf.c: defaults, flags, the config file, which
 * wins, and the errors a mistyped setting gets.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../server/conf.h"

static char tmpdir[] = "/tmp/test_conf.XXXXXX";

/* conf_load over a NULL-terminated list of arguments after argv[0]. */
static int
load(struct server_conf *c, enum conf_action *act, char **err, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;

	argv[argc++] = "forkftpd";
	va_start(ap, err);
	while (argc < 31 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	*err = NULL;
	return conf_load(c, argc, argv, act, err);
}

static char *
write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static uint16_t
port_of(const struct server_conf *c, size_t i)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)&c->listen[i];

	return ntohs(sin->sin_port);
}

static void
test_defaults(void **state)
{
	struct server_conf c;
	enum conf_action act;
	char *err, cwd[4096];

	(void)state;
	assert_int_equal(load(&c, &act, &err, NULL), 0);
	assert_int_equal(act, CONF_SERVE);
	assert_int_equal(c.max_clients, 200);
	assert_int_equal(c.max_per_ip, 20);
	assert_int_equal(c.login_timeout, 60);
	assert_int_equal(c.idle_timeout, 300);
	assert_int_equal(c.accept_timeout, 30);
	assert_int_equal(c.data_timeout, 300);
	assert_int_equal(c.max_line, 4096);
	assert_int_equal(c.max_login_fails, 3);
	assert_int_equal(c.fail_delay_ms, 1000);
	assert_int_equal(c.max_rate, 0);
	assert_int_equal(c.anonymous, 1);	/* no users file */
	assert_int_equal(c.anonymous_write, 0);
	assert_string_equal(c.run_user, "ftp");
	assert_int_equal(c.nlisten, 1);
	assert_int_equal(c.listen[0].ss_family, AF_INET);
	assert_int_equal(port_of(&c, 0), 2121);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_string_equal(c.root, cwd);
	conf_free(&c);
}

static void
test_flags(void **state)
{
	struct server_conf c;
	enum conf_action act;
	char *err;

	(void)state;
	assert_int_equal(load(&c, &act, &err, "--max-clients", "7", "--max-per-ip=2",
	    "-l", "127.0.0.1:0", "-l", "[::1]:2122", "--pasv-ports", "50000-50010",
	    "--anonymous-write", "-u", "/etc/users", "--max-rate", "1048576",
	    tmpdir, NULL), 0);
	assert_int_equal(c.max_clients, 7);
	assert_int_equal(c.max_per_ip, 2);
	assert_int_equal(c.nlisten, 2);
	assert_int_equal(c.listen[1].ss_family, AF_INET6);
	assert_int_equal(ntohs(((struct sockaddr_in6 *)&c.listen[1])->sin6_port), 2122);
	assert_int_equal(c.pasv_min, 50000);
	assert_int_equal(c.pasv_max, 50010);
	assert_int_equal(c.anonymous, 1);	/* implied by --anonymous-write */
	assert_int_equal(c.anonymous_write, 1);
	assert_string_equal(c.users_file, "/etc/users");
	assert_int_equal(c.max_rate, 1048576);
	assert_string_equal(c.root, tmpdir);
	conf_free(&c);

	/* A users file turns the anonymous default off. */
	assert_int_equal(load(&c, &act, &err, "-u", "/etc/users", NULL), 0);
	assert_int_equal(c.anonymous, 0);
	conf_free(&c);
}

static void
test_actions(void **state)
{
	struct server_conf c;
	enum conf_action act;
	char *err;

	(void)state;
	assert_int_equal(load(&c, &act, &err, "--help", NULL), 0);
	assert_int_equal(act, CONF_HELP);
	conf_free(&c);
	assert_int_equal(load(&c, &act, &err, "-V", NULL), 0);
	assert_int_equal(act, CONF_VERSION);
	conf_free(&c);
	assert_int_equal(load(&c, &act, &err, "--hash-password", NULL), 0);
	assert_int_equal(act, CONF_HASH_PASSWORD);
	conf_free(&c);
}

static void
expect_error(const char *want, ...)
{
	struct server_conf c;
	enum conf_action act;
	char *argv[16], *err = NULL;
	int argc = 0;
	va_list ap;

	argv[argc++] = "forkftpd";
	va_start(ap, want);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	assert_int_equal(conf_load(&c, argc, argv, &act, &err), -1);
	assert_non_null(err);
	if (strstr(err, want) == NULL)
		fail_msg("error [%s] lacks [%s]", err, want);
	free(err);
	conf_free(&c);
}

static void
test_bad_flags(void **state)
{
	(void)state;
	expect_error("unknown option '--nope'", "--nope", NULL);
	expect_error("unknown option -Z", "-Z", NULL);
	expect_error("missing argument", "--max-clients", NULL);
	expect_error("not a number", "--max-clients", "12x", NULL);
	expect_error("not a number", "--max-clients", "-1", NULL);
	expect_error("out of range", "--max-line", "10", NULL);
	expect_error("out of range", "--login-timeout", "0", NULL);
	expect_error("listen", "-l", "127.0.0.1", NULL);
	expect_error("listen", "-l", "127.0.0.1:65536", NULL);
	expect_error("listen", "-l", "::1:21", NULL);
	expect_error("listen", "-l", "[127.0.0.1]:21", NULL);
	expect_error("listen", "-l", "localhost:21", NULL);
	expect_error("pasv-ports", "--pasv-ports", "6000-5000", NULL);
	expect_error("pasv-ports", "--pasv-ports", "80-90", NULL);
	expect_error("pasv-ports", "--pasv-ports", "5000-6000x", NULL);
	expect_error("pasv-address", "--pasv-address", "example.com", NULL);
	expect_error("more than one ROOT", "/", "/tmp", NULL);
	expect_error("/no/such/dir", "/no/such/dir", NULL);
}

static void
test_file_and_precedence(void **state)
{
	struct server_conf c;
	enum conf_action act;
	char *err, *path;

	(void)state;
	path = write_file("a.conf",
	    "# comment\n"
	    "\n"
	    "  max_clients = 5   # trailing\n"
	    "idle_timeout=9\n"
	    "syslog = yes\n"
	    "anonymous = off\n"
	    "listen = 127.0.0.1:2000\n"
	    "listen = 127.0.0.1:2001\n"
	    "xferlog = /var/log/x\n");
	assert_int_equal(load(&c, &act, &err, "-c", path, NULL), 0);
	assert_int_equal(c.max_clients, 5);
	assert_int_equal(c.idle_timeout, 9);
	assert_int_equal(c.use_syslog, 1);
	assert_int_equal(c.nlisten, 2);
	assert_int_equal(port_of(&c, 1), 2001);
	assert_string_equal(c.xferlog, "/var/log/x");
	assert_string_equal(c.config_file, path);
	conf_free(&c);

	/* Flags win, wherever -c stands; one -l replaces the file's list. */
	assert_int_equal(load(&c, &act, &err, "--max-clients", "8", "-c", path,
	    "-l", "127.0.0.1:3000", NULL), 0);
	assert_int_equal(c.max_clients, 8);
	assert_int_equal(c.idle_timeout, 9);
	assert_int_equal(c.nlisten, 1);
	assert_int_equal(port_of(&c, 0), 3000);
	conf_free(&c);
}

static void
test_file_errors(void **state)
{
	char *path, want[300];

	(void)state;
	path = write_file("b.conf", "max_clients = 5\nmax-clients = 6\n");
	snprintf(want, sizeof(want), "%s:2: unknown key 'max-clients'", path);
	expect_error(want, "-c", path, NULL);
	path = write_file("c.conf", "\n\nmax_clients\n");
	snprintf(want, sizeof(want), "%s:3: expected key = value", path);
	expect_error(want, "-c", path, NULL);
	path = write_file("d.conf", "syslog = maybe\n");
	expect_error("syslog: expected yes or no", "-c", path, NULL);
	path = write_file("e.conf", "help = yes\n");
	expect_error("unknown key 'help'", "-c", path, NULL);
	path = write_file("f.conf", "config = /x\n");
	expect_error("unknown key 'config'", "-c", path, NULL);
	path = write_file("g.conf", "users =\n");
	expect_error("empty value", "-c", path, NULL);
	expect_error("no-such.conf", "-c", "/nonexistent/no-such.conf", NULL);
}

static void
test_proxy_from(void **state)
{
	struct server_conf c;
	enum conf_action act;
	char *err, *path;

	(void)state;
	path = write_file("p.conf",
	    "proxy_from = 10.0.0.0/8\n"
	    "proxy_from = 127.0.0.1,::1\n");
	assert_int_equal(load(&c, &act, &err, "-c", path, NULL), 0);
	assert_int_equal(c.nproxy_from, 3);
	assert_int_equal(c.proxy_from[0].bits, 8);
	assert_int_equal(c.proxy_from[2].family, AF_INET6);
	conf_free(&c);
	/* Flags replace the file's list, and add to each other. */
	assert_int_equal(load(&c, &act, &err, "-c", path, "--proxy-from",
	    "192.0.2.0/24", "--proxy-from", "198.51.100.1", NULL), 0);
	assert_int_equal(c.nproxy_from, 2);
	assert_int_equal(c.proxy_from[0].bits, 24);
	assert_int_equal(c.proxy_from[1].bits, 32);
	conf_free(&c);
	assert_int_equal(load(&c, &act, &err, NULL), 0);
	assert_int_equal(c.nproxy_from, 0);
	conf_free(&c);
	expect_error("proxy-from: expected ADDR or ADDR/BITS with no host bits "
	    "set, not '127.0.0.11/24'", "--proxy-from", "127.0.0.11/24", NULL);
	expect_error("not 'x'", "--proxy-from", "127.0.0.1,x", NULL);
}

static void
test_usage_lists_every_key(void **state)
{
	char buf[8192];
	FILE *f;
	size_t n;

	(void)state;
	f = fmemopen(buf, sizeof(buf) - 1, "w");
	assert_non_null(f);
	conf_usage(f);
	n = (size_t)ftell(f);
	fclose(f);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "usage: forkftpd [options] [ROOT]"));
	assert_non_null(strstr(buf, "--max-per-ip N"));
	assert_non_null(strstr(buf, "-l, --listen ADDR:PORT"));
	assert_non_null(strstr(buf, "--inetd"));
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_bad_flags),
		cmocka_unit_test(test_file_and_precedence),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_proxy_from),
		cmocka_unit_test(test_usage_lists_every_key),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
