/*
 * forkftp: options, URL, ~/.netrc, then the browser (tui_run) or batch
 * mode (-e / -b).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <libutil.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "buf.h"
#include "digest.h"
#include "ftp.h"
#include "login.h"
#include "safe.h"
#include "shell.h"
#include "tui.h"
#include "xio.h"

#define FORKFTP_VERSION	"0.1"
#define SCRIPT_MAX	(16 * 1024 * 1024)
#define OPT_NO_VERIFY	256	/* long options without a letter */
#define OPT_LIST_ENTRIES 257
#define OPT_LIST_BYTES	258
#define OPT_RETRIES	259
#define OPT_NO_MOUSE	260
#define OPT_TLS		261
#define OPT_CA_FILE	262
#define OPT_TRUST_FP	263
#define OPT_INSECURE	264

struct main_opts {
	const char	*url;
	const char	*cmds;		/* -e */
	const char	*script;	/* -b, "-" for stdin */
	int		 keep_going;
	int		 shell;		/* -s */
	int		 active;
	int		 verbose;
	int		 timeout;
	unsigned	 parallel;
	int		 parallel_set;	/* batch default is 1, the browser's 2 */
	int		 no_verify;
	int		 no_mouse;	/* the browser leaves the mouse alone */
	uint64_t	 list_entries;	/* ftp_set_list_limits */
	uint64_t	 list_bytes;
	unsigned	 retries;
	int		 tls;		/* enum tls_mode, -1: from the URL */
	int		 insecure;
};

static void
usage(FILE *out)
{
	fprintf(out,
"usage: forkftp [options] [URL]\n"
"  URL                ftp://[user[:password]@]host[:port][/path]: TLS\n"
"                     when offered; ftpes:// TLS required; ftps://\n"
"                     implicit TLS (port 990)\n"
"  -e 'CMD; CMD ...'  run commands without the browser\n"
"  -b SCRIPT          run the commands of SCRIPT (- for stdin)\n"
"  -s, --shell        a command prompt (the commands below, one a line)\n"
"  -k, --keep-going   do not stop at the first failing command\n"
"  -A, --active       active data connections (EPRT/PORT)\n"
"  -j, --parallel N   connections for transfers (browser default 2,\n"
"                     batch get -r/put -r/mget/mput/mirror default 1)\n"
"  -t, --timeout SEC  timeout of every network wait (default 30)\n"
"      --retries N    resume a transfer cut by a dropped connection up\n"
"                     to N times, after 0, 1, 2, 4... s (default 3)\n"
"  -v, --verbose      protocol log on stderr (passwords masked)\n"
"      --no-verify    do not check transfers with HASH (faster on big\n"
"                     files; by default, when the server offers HASH,\n"
"                     every file is verified and a mismatch is an error)\n"
"      --no-mouse     the browser leaves the mouse to the terminal (its\n"
"                     own selection); by default clicks and the wheel\n"
"                     work in it\n"
"      --max-list-entries N  stop a listing after N entries (10000000;\n"
"                     0: no limit)\n"
"      --max-list-bytes SIZE stop a listing after SIZE bytes (1G; 0: no\n"
"                     limit): a server streaming an endless listing\n"
"                     cannot fill memory\n"
"      --tls MODE     auto (TLS when offered), required, implicit or off\n"
"                     (plain FTP); overrides the URL's scheme\n"
"      --ca-file FILE trust the CAs of FILE (PEM) too\n"
"      --trust-fingerprint SHA256  accept the certificate with this\n"
"                     SHA-256 fingerprint (hex, colons optional)\n"
"      --insecure     accept any certificate (says so): not for real use\n"
"  -h, --help         this help\n"
"  -V, --version      version\n"
"commands: ls [-l] [PATH], cd PATH, pwd, lcd PATH,\n"
"  get [-c|-f] [-r] REMOTE [LOCAL], put [-c] [-r] LOCAL [REMOTE],\n"
"  put - REMOTE (stdin), mget [-c|-f] [-O DIR] [-P N] PATTERN...,\n"
"  mput [-c] [-O DIR] [-P N] PATTERN...,\n"
"  mirror [-R] [-c] [-e|--delete] [-n] [--dry-run] [-P N] [SRC [DST]],\n"
"  mkdir PATH, rmdir PATH, rm PATH, mv FROM TO, size PATH, hash PATH,\n"
"  quote CMD, help [CMD]  (-c resumes, -f overwrites, -r recurses;\n"
"  separate commands with ';')\n");
}

static void
verbose_log(void *arg, enum ftp_log_dir dir, const char *line)
{
	static const char *const tag[] = { "-> ", "<- ", "** " };
	struct buf	 out;

	(void)arg;
	buf_init(&out);
	buf_adds(&out, tag[dir]);
	safe_buf(&out, line, 0);
	buf_addc(&out, '\n');
	/* One write per line: parallel workers share stderr. */
	(void)!write(STDERR_FILENO, out.data, out.len);
	buf_free(&out);
}

static int
parse_args(int argc, char **argv, struct main_opts *o)
{
	static const struct option longopts[] = {
		{ "keep-going", no_argument, NULL, 'k' },
		{ "shell", no_argument, NULL, 's' },
		{ "active", no_argument, NULL, 'A' },
		{ "parallel", required_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "no-verify", no_argument, NULL, OPT_NO_VERIFY },
		{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
		{ "max-list-entries", required_argument, NULL, OPT_LIST_ENTRIES },
		{ "max-list-bytes", required_argument, NULL, OPT_LIST_BYTES },
		{ "retries", required_argument, NULL, OPT_RETRIES },
		{ "tls", required_argument, NULL, OPT_TLS },
		{ "ca-file", required_argument, NULL, OPT_CA_FILE },
		{ "trust-fingerprint", required_argument, NULL, OPT_TRUST_FP },
		{ "insecure", no_argument, NULL, OPT_INSECURE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*errstr;
	int		 ch;

	while ((ch = getopt_long(argc, argv, "e:b:skAj:t:vhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'e': o->cmds = optarg; break;
		case 'b': o->script = optarg; break;
		case 'k': o->keep_going = 1; break;
		case 's': o->shell = 1; break;
		case 'A': o->active = 1; break;
		case 'v': o->verbose = 1; break;
		case OPT_NO_VERIFY: o->no_verify = 1; break;
		case OPT_NO_MOUSE: o->no_mouse = 1; break;
		case OPT_TLS:
			if (tls_mode_parse(optarg, (enum tls_mode *)&o->tls) == -1)
				fatalx("--tls %s: auto, required, implicit or off",
				    optarg);
			break;
		case OPT_CA_FILE:
			if (access(optarg, R_OK) == -1)
				fatal("--ca-file %s", optarg);
			tls_set_ca_file(optarg);
			break;
		case OPT_TRUST_FP:
			if (tls_set_trust_fingerprint(optarg) == -1)
				fatalx("--trust-fingerprint %s: not a SHA-256 "
				    "fingerprint (64 hex digits, colons allowed)",
				    optarg);
			break;
		case OPT_INSECURE: o->insecure = 1; break;
		case OPT_LIST_ENTRIES:
			o->list_entries = (uint64_t)strtonum(optarg, 0,
			    LLONG_MAX, &errstr);
			if (errstr != NULL)
				fatalx("--max-list-entries %s: %s", optarg, errstr);
			break;
		case OPT_LIST_BYTES:
			if (expand_number(optarg, &o->list_bytes) == -1)
				fatalx("--max-list-bytes %s: not a size", optarg);
			break;
		case OPT_RETRIES:
			o->retries = (unsigned)strtonum(optarg, 0, 100,
			    &errstr);
			if (errstr != NULL)
				fatalx("--retries %s: %s", optarg, errstr);
			break;
		case 'j':
			o->parallel = (unsigned)strtonum(optarg, 1, FTP_PARALLEL_MAX,
			    &errstr);
			if (errstr != NULL)
				fatalx("--parallel %s: %s", optarg, errstr);
			o->parallel_set = 1;
			break;
		case 't':
			o->timeout = (int)strtonum(optarg, 1, 86400, &errstr);
			if (errstr != NULL)
				fatalx("--timeout %s: %s", optarg, errstr);
			break;
		case 'h': usage(stdout); exit(0);
		case 'V': printf("forkftp %s\n", FORKFTP_VERSION); exit(0);
		default: usage(stderr); exit(2);
		}
	}
	if (argc - optind > 1) {
		usage(stderr);
		exit(2);
	}
	o->url = optind < argc ? argv[optind] : NULL;
	return 0;
}

static char *
read_script(const char *path)
{
	struct buf	 b;
	char		 chunk[8192];
	ssize_t		 n;
	int		 fd = STDIN_FILENO;

	if (strcmp(path, "-") != 0 &&
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		fatal("%s", path);
	buf_init(&b);
	buf_adds(&b, "");
	while ((n = xread(fd, chunk, sizeof(chunk))) > 0) {
		if (b.len + (size_t)n > SCRIPT_MAX)
			fatalx("%s: script too long", path);
		buf_add(&b, chunk, (size_t)n);
	}
	if (n == -1)
		fatal("%s", path);
	if (fd != STDIN_FILENO)
		close(fd);
	return buf_detach(&b);
}

/* Ctrl-C aborts the transfer in flight (ABOR) rather than killing us. */
static void
sigint_abort(void)
{
	struct sigaction sa = { .sa_handler = batch_on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* --tls, when given, wins over every URL's scheme (login_url). */
static void
main_tls(const struct main_opts *o, struct ftp_opts *fo)
{
	if (o->tls < 0)
		return;
	fo->tls = (enum tls_mode)o->tls;
	fo->tls_set = 1;
}

static int
run_batch(const struct main_opts *o)
{
	struct batch_opts bo = { .keep_going = o->keep_going,
			    .parallel = o->parallel_set ? o->parallel : 1,
			    .script_stdin = o->script != NULL &&
			    strcmp(o->script, "-") == 0 };
	struct ftp_opts	 fo = { 0 };
	struct ftp	*f;
	char		*script = NULL;
	int		 status;

	if (o->url == NULL)
		fatalx("batch mode needs a URL");
	fo.active = o->active;
	fo.timeout = o->timeout;
	main_tls(o, &fo);
	if (o->verbose)
		fo.log = verbose_log;
	if (login_url(o->url, &fo, &f, NULL, 0) == -1)
		return 1;
	bo.progress = isatty(STDERR_FILENO);
	sigint_abort();
	if (o->script != NULL)
		script = read_script(o->script);
	status = 0;
	if (o->cmds != NULL)
		status = batch_run(f, o->cmds, &bo);
	if (script != NULL && (status == 0 || (o->keep_going && status != 130)))
		status |= batch_run(f, script, &bo);
	free(script);
	ftp_close(f);
	return status;
}

static int
run_shell(const struct main_opts *o)
{
	struct shell_opts so = { .url = o->url,
			    .parallel = o->parallel_set ? o->parallel : 1 };

	so.fo.active = o->active;
	so.fo.timeout = o->timeout;
	main_tls(o, &so.fo);
	if (o->verbose)
		so.fo.log = verbose_log;
	return shell_run(&so);
}

int
main(int argc, char **argv)
{
	struct main_opts o = { .parallel = 2, .retries = 3, .tls = -1,
	    .list_entries = FTP_LIST_MAX_ENTRIES, .list_bytes = FTP_LIST_MAX_BYTES };
	struct tui_opts	 t;

	setlocale(LC_ALL, "");
	xio_set_progname("forkftp");
	/* A server that closes first must not kill us with SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	parse_args(argc, argv, &o);
	if (o.insecure) {
		tls_set_insecure(1);
		batch_warn("--insecure: server certificates are NOT verified; "
		    "anyone on the path can read and change the session");
	}
	ftp_set_verify(!o.no_verify);
	ftp_set_list_limits(o.list_entries, o.list_bytes);
	digest_setup();		/* once, before transfer workers fork */
	ftp_set_retries(o.retries);
	if (o.cmds != NULL || o.script != NULL)
		return run_batch(&o);
	if (o.shell)
		return run_shell(&o);
	t.url = o.url;
	t.parallel = o.parallel;
	t.active = o.active;
	t.no_mouse = o.no_mouse;
	t.tls = o.tls;
	return tui_run(&t);
}
