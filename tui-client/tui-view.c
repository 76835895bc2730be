/*
 * F3 and F4, as in mc: view the current file with $PAGER, or edit it with
 * $VISUAL or $EDITOR.  A remote file is fetched into a private directory
 * first (verified like any download).  An edited remote file goes back
 * only when its bytes changed, and only if the server's copy did not
 * change meanwhile; whenever it cannot go back it stays on disk and the
 * status line says where, so an edit is never lost.
 */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "digest.h"
#include "tui-int.h"

/*
 * The browser's own connection fetches the file and the screen waits
 * meanwhile, so bigger files are for F5, which runs in the background.
 */
#define VIEW_MAX	((uint64_t)64 * 1024 * 1024)

/* A fetched remote file: dir/name, and what the server said of it. */
struct view_tmp {
	char		 dir[PATH_MAX];
	char		 file[PATH_MAX];
	char		 remote[PANE_PATH_MAX];
	uint64_t	 size;
	time_t		 mtime;
	int		 has_size, has_mtime;
};

static const char *
view_command(int edit)
{
	const char *c;

	if (edit) {
		if ((c = getenv("VISUAL")) != NULL && *c != '\0')
			return c;
		if ((c = getenv("EDITOR")) != NULL && *c != '\0')
			return c;
		return "vi";
	}
	if ((c = getenv("PAGER")) != NULL && *c != '\0')
		return c;
	return "less";
}

/*
 * Wait for the child while the transfer queue keeps running: the workers
 * block once their pipes fill, and a stalled transfer would hit the
 * server's data timeout during a long edit.  A pidfd wakes the poll when
 * the child ends; without one (before Linux 5.3) it is checked 5 times a
 * second.
 */
static int
view_wait(struct tui *t, pid_t pid, int *status)
{
	struct pollfd pfd[1 + 64];
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	size_t n;
	pid_t r;

	for (;;) {
		if ((r = waitpid(pid, status, WNOHANG)) == pid ||
		    (r == -1 && errno != EINTR))
			break;
		n = 0;
		if (pidfd != -1) {
			pfd[n].fd = pidfd;
			pfd[n++].events = POLLIN;
		}
		if (t->xq_ready)
			n += xfer_pollfds(&t->xq, pfd + n, 64);
		(void)poll(pfd, (nfds_t)n, pidfd != -1 ? -1 : 200);
		if (t->xq_ready && xfer_poll(&t->xq))
			t->xdirty = 1;
	}
	if (pidfd != -1)
		close(pidfd);
	return r == pid ? 0 : -1;
}

/*
 * Run "cmd path" on the terminal, the way git runs $PAGER: the shell
 * splits cmd into words ("less -R" works) and path stays one word.
 * Like system(3), the browser ignores SIGINT and SIGQUIT meanwhile:
 * the terminal is in cooked mode and Ctrl-C is the child's.  Returns
 * the child's exit status, or -1.
 */
static int
view_run(struct tui *t, const char *cmd, const char *path)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, oint, oquit;
	char script[1024];
	pid_t pid;
	int status = 0, r = -1;

	if ((size_t)snprintf(script, sizeof script, "%s \"$@\"", cmd) >=
	    sizeof script) {
		errno = ENAMETOOLONG;
		return -1;
	}
	sigemptyset(&ign.sa_mask);
	ui_suspend();
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	if ((pid = fork()) == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		execl("/bin/sh", "sh", "-c", script, cmd, path, (char *)NULL);
		_exit(127);
	}
	if (pid != -1)
		r = view_wait(t, pid, &status);
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	ui_resume();
	if (r == -1)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Report a program that failed; 0 when it ran and exited 0. */
static int
view_ran(struct tui *t, const char *cmd, const char *path)
{
	int rc = view_run(t, cmd, path);

	if (rc == -1)
		tui_status(t, 1, "cannot run %s: %s", cmd, strerror(errno));
	else if (rc != 0)
		tui_status(t, 1, "%s exited with status %d", cmd, rc);
	return rc == 0 ? 0 : -1;
}

/* SHA-1 of a local file: enough to tell whether an editor changed it. */
static int
view_digest(const char *path, char hex[DIGEST_HEX_MAX])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), rc;

	if (fd == -1)
		return -1;
	rc = digest_fd(fd, DIGEST_SHA1, 0, -1, hex);
	close(fd);
	return rc;
}

/* What the server says of remote now: size and time, where it can. */
static void
view_remote_facts(struct tui *t, struct view_tmp *v)
{
	v->has_size = ftp_size(t->ftp, v->remote, &v->size) == 0;
	v->has_mtime = ftp_mdtm(t->ftp, v->remote, &v->mtime) == 0;
}

/*
 * Fetch the current remote entry into a fresh private directory, under
 * its own name (so the editor sees the extension) unless that name
 * cannot be a local file name.  0, or -1 with the status set and
 * nothing left behind.
 */
static int
view_fetch(struct tui *t, const struct pane_entry *e, struct view_tmp *v)
{
	const char *tmp = getenv("TMPDIR"), *name = e->name;

	if (e->has_size && e->size > VIEW_MAX) {
		tui_status(t, 1, "%s is larger than %llu MiB: copy it with F5",
		    e->name, (unsigned long long)(VIEW_MAX >> 20));
		return -1;
	}
	if (pane_join(t->pane[1].path, e->name, v->remote,
	    sizeof v->remote) == -1) {
		tui_status(t, 1, "path too long");
		return -1;
	}
	if (tmp == NULL || *tmp != '/')
		tmp = "/tmp";
	if (strchr(name, '/') != NULL || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0 || *name == '\0' ||
	    strlen(name) > NAME_MAX)
		name = "file";
	if ((size_t)snprintf(v->dir, sizeof v->dir, "%s/forkftp.XXXXXX", tmp) >=
	    sizeof v->dir || mkdtemp(v->dir) == NULL) {
		tui_status(t, 1, "temporary directory in %s: %s", tmp,
		    strerror(errno));
		return -1;
	}
	if ((size_t)snprintf(v->file, sizeof v->file, "%s/%s", v->dir, name) >=
	    sizeof v->file) {
		tui_status(t, 1, "%s: path too long", v->dir);
		(void)rmdir(v->dir);
		return -1;
	}
	view_remote_facts(t, v);
	if (ftp_get(t->ftp, v->remote, v->file, 0, NULL, NULL) == -1) {
		tui_status(t, 1, "%s", ftp_error(t->ftp));
		(void)unlink(v->file);
		(void)rmdir(v->dir);
		return -1;
	}
	return 0;
}

static void
view_cleanup(struct view_tmp *v)
{
	(void)unlink(v->file);
	(void)rmdir(v->dir);
}

/* The current entry, if it is a file F3/F4 can open. */
static struct pane_entry *
view_entry(struct tui *t)
{
	struct pane_entry *e = pane_current(act_pane(t));

	if (e == NULL || !act_usable(t, t->m.active))
		return NULL;
	if (e->kind == PE_DIR || e->kind == PE_PARENT || e->linkdir) {
		tui_status(t, 1, "%s is a directory", e->name);
		return NULL;
	}
	return e;
}

void
act_view(struct tui *t)
{
	struct pane_entry *e = view_entry(t);
	const char *cmd = view_command(0);
	char path[PANE_PATH_MAX];
	struct view_tmp v;

	if (e == NULL)
		return;
	if (t->m.active == 0) {
		if (pane_join(t->pane[0].path, e->name, path, sizeof path) == 0)
			(void)view_ran(t, cmd, path);
		return;
	}
	if (view_fetch(t, e, &v) == -1)
		return;
	(void)view_ran(t, cmd, v.file);
	view_cleanup(&v);
}

/*
 * Put an edited file back: only if the server's copy is still the one
 * that was fetched (as far as SIZE and MDTM tell), else keep the edit.
 */
static void
edit_upload(struct tui *t, struct view_tmp *v, const char *name)
{
	struct view_tmp now = *v;

	view_remote_facts(t, &now);
	if (now.has_size != v->has_size || now.size != v->size ||
	    now.has_mtime != v->has_mtime || now.mtime != v->mtime) {
		tui_status(t, 1, "%s changed on the server meanwhile; "
		    "your version is kept in %s", name, v->file);
		return;
	}
	if (ftp_put(t->ftp, v->file, v->remote, 0, NULL, NULL) == -1) {
		tui_status(t, 1, "upload failed: %s; your version is kept in %s",
		    ftp_error(t->ftp), v->file);
		return;
	}
	tui_status(t, 0, "saved %s to the server", name);
	view_cleanup(v);
	tui_side_reread(t, 1, name);
}

void
act_edit(struct tui *t)
{
	struct pane_entry *e = view_entry(t);
	const char *cmd = view_command(1);
	char path[PANE_PATH_MAX], name[NAME_MAX + 1];
	char before[DIGEST_HEX_MAX], after[DIGEST_HEX_MAX];
	struct view_tmp v;

	if (e == NULL)
		return;
	strlcpy(name, e->name, sizeof name);	/* a re-read frees e */
	if (t->m.active == 0) {
		if (pane_join(t->pane[0].path, e->name, path, sizeof path) == 0 &&
		    view_ran(t, cmd, path) == 0)
			tui_side_reread(t, 0, name);
		return;
	}
	if (view_fetch(t, e, &v) == -1)
		return;
	if (view_digest(v.file, before) == -1) {
		tui_status(t, 1, "%s: %s", v.file, strerror(errno));
		view_cleanup(&v);
		return;
	}
	if (view_ran(t, cmd, v.file) == -1) {
		/* The editor failed: what it wrote may still be wanted. */
		if (view_digest(v.file, after) == 0 && strcmp(before, after) == 0)
			view_cleanup(&v);
		else
			tui_status(t, 1, "%s failed; the file is kept in %s",
			    cmd, v.file);
		return;
	}
	if (view_digest(v.file, after) == -1) {
		tui_status(t, 1, "%s: %s; the edit is in %s", v.file,
		    strerror(errno), v.dir);
		return;
	}
	if (strcmp(before, after) == 0) {
		tui_status(t, 0, "%s unchanged", name);
		view_cleanup(&v);
		return;
	}
	edit_upload(t, &v, name);
}
