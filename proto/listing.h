/*
 * listing: directory listing lines.
 *
 * Server side: LIST lines in the vsftpd column layout (English months,
 * UTC, "%b %d %H:%M" within six months else "%b %d  %Y") and MLSD/MLST
 * fact lines (RFC 3659 §7).  Names with CR or LF must be skipped by the
 * caller (listing_name_ok) and are never formatted.
 *
 * Client side: a tolerant LIST parser for the dialects of vsftpd,
 * pure-ftpd, ProFTPD, pyftpdlib and Windows/IIS (DOS style), and an MLSD
 * line parser.
 */
#ifndef LISTING_H
#define LISTING_H

#include <sys/stat.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "buf.h"

enum lst_type { LST_FILE, LST_DIR, LST_LINK, LST_OTHER, LST_CDIR, LST_PDIR };

struct lst_entry {
	char		*name;		/* malloc'd; raw bytes, may be hostile */
	char		*target;	/* symlink target or NULL; malloc'd */
	enum lst_type	 type;
	int		 has_size;
	uint64_t	 size;
	int		 has_mtime;
	time_t		 mtime;		/* UTC */
	int		 has_mode;
	mode_t		 mode;		/* permission bits */
	char		 perm[16];	/* MLSD perm fact, "" if none */
};

/* 1 when a name can appear in a listing (no CR, LF or NUL). */
int	listing_name_ok(const char *name);

/*
 * Append one LIST line with CRLF.  now decides between time and year;
 * target is the symlink target or NULL.  owner/group are printed as
 * given (vsftpd prints numeric ids, "ftp ftp" when hiding them).
 */
void	listing_format_list(struct buf *, const char *name, const struct stat *,
	    const char *target, const char *owner, const char *group, time_t now);

/* Which facts to emit; OPTS MLST selects a subset. */
#define LST_F_TYPE	0x01
#define LST_F_SIZE	0x02
#define LST_F_MODIFY	0x04
#define LST_F_PERM	0x08
#define LST_F_UNIQUE	0x10
#define LST_F_MODE	0x20
#define LST_F_ALL	0x3f
/* "type*;size*;modify*;perm*;unique*;UNIX.mode*;" (for FEAT). */
#define LISTING_FACTS_FEAT "type*;size*;modify*;perm*;unique*;UNIX.mode*;"
const char *listing_facts_feat(void);
/* Append every fact with '*' on those in facts: "type*;size;...;". */
void	listing_facts_feat_sel(struct buf *, unsigned facts);
/*
 * Parse an OPTS MLST argument ("type;size;") into a mask; unknown facts
 * are ignored.  Appends the accepted list ("type;size;") to out.
 */
unsigned listing_facts_parse(const char *arg, struct buf *out);
/*
 * Append "facts name" (no leading space, CRLF ended).  type_override is
 * "cdir" / "pdir" or NULL; perm is the RFC 3659 perm letters.
 */
void	listing_format_mlsx(struct buf *, const char *name, const struct stat *,
	    const char *type_override, const char *perm, unsigned facts);

/*
 * Parse one LIST line.  Returns 0 with *e filled (caller frees with
 * lst_entry_free), 1 for a line to skip ("total N", "." and ".."), -1 when
 * the line is not understood.  now resolves the year of "Mon dd HH:MM".
 */
int	listing_parse_list(const char *line, size_t len, struct lst_entry *e,
	    time_t now);
/*
 * Parse one MLSD line (or an MLST line with its leading space).  Same
 * returns; type=cdir and type=pdir lines return 1 (skip).  Fact names are
 * case-insensitive, unknown facts and bad values are ignored; the name is
 * everything after the first space, spaces and semicolons included.
 */
int	listing_parse_mlsd(const char *line, size_t len, struct lst_entry *e);
void	lst_entry_free(struct lst_entry *);

/* YYYYMMDDHHMMSS[.sss] <-> time_t, UTC.  Parse returns 0 or -1. */
void	listing_format_time(char out[15], time_t);
int	listing_parse_time(const char *, size_t len, time_t *);

#endif
