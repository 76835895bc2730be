/*
 * auth: the users file and password checks (see auth.h).
 */
#include <sys/types.h>
#include <crypt.h>
#include <ctype.h>
#include <errno.h>
#include <readpassphrase.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "xio.h"

#include "auth.h"

struct user {
	char	*name;
	char	*hash;
	char	*home;
	int	 writable;
};

struct userdb {
	struct user	*users;
	size_t		 n;
	char		*dummy;	/* hash checked for unknown names */
};

static int
auth_name_ok(const char *s)
{
	if (*s == '\0' || strlen(s) >= sizeof(((struct login *)0)->name))
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("._-@", *s) == NULL)
			return 0;
	return 1;
}

/* Split "name:hash:home:perm" in place.  NULL, or an error text. */
static const char *
auth_parse_line(char *line, struct user *u)
{
	char *f[4], *p = line;
	int i;

	for (i = 0; i < 4; i++) {
		f[i] = strsep(&p, ":");
		if (f[i] == NULL)
			return "expected name:hash:home:perm";
	}
	if (p != NULL)
		return "too many fields";
	if (!auth_name_ok(f[0]))
		return "bad user name";
	if (f[1][0] != '$')
		return "password is not a crypt(3) hash";
	if (strcmp(f[3], "r") != 0 && strcmp(f[3], "rw") != 0)
		return "perm must be r or rw";
	if (strlen(f[2]) + 2 > AUTH_HOME_MAX)
		return "home too long";
	u->name = xstrdup(f[0]);
	u->hash = xstrdup(f[1]);
	u->home = f[2][0] == '/' ? xstrdup(f[2]) : xasprintf("/%s", f[2]);
	u->writable = strcmp(f[3], "rw") == 0;
	return NULL;
}

static void
auth_add(struct userdb *db, const struct user *u)
{
	db->users = xreallocarray(db->users, db->n + 1, sizeof *db->users);
	db->users[db->n++] = *u;
}

/* A hash of the same kind as the real ones, for unknown names. */
static void
auth_make_dummy(struct userdb *db)
{
	struct crypt_data cd;
	const char *h;
	char *salt;

	salt = db->n > 0 ? xstrdup(db->users[0].hash) :
	    crypt_gensalt_ra("$y$", 0, NULL, 0);
	memset(&cd, 0, sizeof cd);
	h = salt != NULL ? crypt_r("forkftpd-dummy", salt, &cd) : NULL;
	db->dummy = xstrdup(h != NULL && h[0] == '$' ? h : "$y$j9T$x$x");
	free(salt);
}

struct userdb *
auth_load(const char *path, char **err)
{
	struct userdb *db;
	struct user u;
	const char *why;
	char *line = NULL, *p;
	size_t cap = 0, lineno = 0;
	FILE *f;

	if ((f = fopen(path, "re")) == NULL) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	db = xcalloc(1, sizeof *db);
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		for (p = line; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '\0' || *p == '#')
			continue;
		if ((why = auth_parse_line(p, &u)) != NULL) {
			*err = xasprintf("%s:%zu: %s\n%s", path, lineno, why,
			    "each line is name:crypt-hash:home:perm (perm r or "
			    "rw); forkftpd --hash-password makes the hash");
			free(line);
			fclose(f);
			auth_free(db);
			return NULL;
		}
		auth_add(db, &u);
	}
	free(line);
	fclose(f);
	auth_make_dummy(db);
	return db;
}

void
auth_free(struct userdb *db)
{
	size_t i;

	if (db == NULL)
		return;
	for (i = 0; i < db->n; i++) {
		free(db->users[i].name);
		freezero(db->users[i].hash, strlen(db->users[i].hash));
		free(db->users[i].home);
	}
	free(db->users);
	free(db->dummy);
	free(db);
}

/* Compare without an early exit (no timing hint about the prefix). */
static int
auth_equal(const char *a, const char *b, size_t n)
{
	unsigned char d = 0;
	size_t i;

	for (i = 0; i < n; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

static int
auth_crypt_ok(const char *password, const char *hash)
{
	struct crypt_data *cd;
	const char *h;
	int ok;

	cd = xcalloc(1, sizeof *cd);
	h = crypt_r(password, hash, cd);
	ok = h != NULL && h[0] == '$' && strlen(h) == strlen(hash) &&
	    auth_equal(h, hash, strlen(hash));
	freezero(cd, sizeof *cd);
	return ok;
}

int
auth_check(const struct userdb *db, int anonymous, int anonymous_write,
    const char *name, const char *password, struct login *out)
{
	const struct user *u = NULL;
	size_t i;

	memset(out, 0, sizeof *out);
	if (anonymous && (strcasecmp(name, "anonymous") == 0 ||
	    strcasecmp(name, "ftp") == 0)) {
		strlcpy(out->name, "anonymous", sizeof out->name);
		out->home = "/";
		out->writable = anonymous_write;
		out->anonymous = 1;
		return 0;
	}
	if (db == NULL)
		return -1;
	for (i = 0; i < db->n && u == NULL; i++)
		if (strcmp(db->users[i].name, name) == 0)
			u = &db->users[i];
	if (u == NULL) {
		/* Same work as a real check: names do not leak by timing. */
		(void)auth_crypt_ok(password, db->dummy);
		return -1;
	}
	if (!auth_crypt_ok(password, u->hash))
		return -1;
	strlcpy(out->name, u->name, sizeof out->name);
	out->home = u->home;
	out->writable = u->writable;
	return 0;
}

/* root + the virtual path vpath, its symbolic links resolved when it exists. */
static char *
auth_real(const char *root, const char *vpath)
{
	char *joined, *real;

	joined = xasprintf("%s%s", root, strcmp(vpath, "/") == 0 ? "" : vpath);
	if ((real = realpath(joined, NULL)) == NULL)
		return joined;
	free(joined);
	return real;
}

/* Is path a strictly below dir (both absolute, normalised)? */
static int
auth_below(const char *a, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return strcmp(a, "/") != 0;
	return strncmp(a, dir, n) == 0 && a[n] == '/';
}

static void
auth_list_add(char **list, const char *name)
{
	char *l;

	l = *list == NULL ? xstrdup(name) : xasprintf("%s, %s", *list, name);
	free(*list);
	*list = l;
}

int
auth_check_anonymous_root(const struct userdb *db, const char *root,
    const char *anonymous_root, char **shared, char **err)
{
	char *anon, *home;
	size_t i;
	int rc = 0;

	*shared = *err = NULL;
	anon = auth_real(root, anonymous_root);
	for (i = 0; db != NULL && i < db->n && rc == 0; i++) {
		home = auth_real(root, db->users[i].home);
		if (auth_below(home, anon)) {
			*err = xasprintf("user \"%s\": home %s lies inside the "
			    "anonymous root %s, where anonymous logins would "
			    "reach it; give them a directory of their own with "
			    "--anonymous-root (anonymous_root)",
			    db->users[i].name, db->users[i].home, anonymous_root);
			rc = -1;
		} else if (strcmp(home, anon) == 0 || auth_below(anon, home))
			auth_list_add(shared, db->users[i].name);
		free(home);
	}
	free(anon);
	if (rc == -1) {
		free(*shared);
		*shared = NULL;
	}
	return rc;
}

/*
 * On a terminal, twice: a typo there would lock the user out.  0, -1
 * when nothing was read, -2 when the two differ.
 */
static int
auth_read_tty(char *buf, size_t size)
{
	char again[1024];
	int r = 0;

	if (readpassphrase("Password: ", buf, size, RPP_REQUIRE_TTY) == NULL ||
	    readpassphrase("Again: ", again, sizeof again,
	    RPP_REQUIRE_TTY) == NULL)
		r = -1;
	else if (strcmp(buf, again) != 0)
		r = -2;
	explicit_bzero(again, sizeof again);
	return r;
}

static int
auth_read_password(char *buf, size_t size)
{
	size_t n;

	if (isatty(STDIN_FILENO))
		return auth_read_tty(buf, size);
	if (fgets(buf, (int)size, stdin) == NULL)
		return -1;
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return 0;
}

int
auth_hash_password(void)
{
	struct crypt_data *cd;
	char pw[1024], *salt;
	const char *h;
	int r, rc = 1;

	if ((r = auth_read_password(pw, sizeof pw)) != 0 || pw[0] == '\0') {
		explicit_bzero(pw, sizeof pw);
		fprintf(stderr, "forkftpd: %s\n", r == -2 ?
		    "the passwords differ" : "no password read");
		return 1;
	}
	cd = xcalloc(1, sizeof *cd);
	salt = crypt_gensalt_ra("$y$", 0, NULL, 0);
	h = salt != NULL ? crypt_r(pw, salt, cd) : NULL;
	if (h != NULL && h[0] == '$') {
		printf("%s\n", h);
		rc = 0;
	} else
		fprintf(stderr, "forkftpd: crypt failed\n");
	explicit_bzero(pw, sizeof pw);
	free(salt);
	freezero(cd, sizeof *cd);
	return rc;
}

int
auth_user_at(const struct userdb *db, size_t i, const char **name,
    const char **home, int *writable)
{
	if (db == NULL || i >= db->n)
		return -1;
	*name = db->users[i].name;
	*home = db->users[i].home;
	*writable = db->users[i].writable;
	return 0;
}
