/*
 * reply: FTP replies in both directions.
 *
 * The server side builds replies that cannot be forged: text containing
 * CR or LF becomes continuation lines, so a file name can never end a
 * reply early or inject a new one; only the last line is "NNN text",
 * earlier ones "NNN-text" (RFC 959 §4.2).  Bytes 0xFF are doubled
 * (Telnet IAC).
 *
 * The client side parses replies line by line, multi-line for any code,
 * including 1xx (Pure-FTPd sends a multi-line 150).
 */
#ifndef REPLY_H
#define REPLY_H

#include <stdarg.h>
#include <stddef.h>
#include "buf.h"

/* Append a complete reply (one or more CRLF-ended lines) to out. */
void	reply_format(struct buf *out, int code, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	reply_vformat(struct buf *out, int code, const char *, va_list)
	    __attribute__((format(printf, 3, 0)));
/*
 * Append path quoted for a 257 reply: wrapped in double quotes with
 * each '"' doubled (RFC 959 Appendix II).
 */
void	reply_quote_path(struct buf *out, const char *path);
/* Undo reply_quote_path on a 257 text; -1 if no quoted path. Caller frees *out. */
int	reply_unquote_path(const char *text, char **out);

enum reply_status {
	REPLY_MORE = 0,		/* feed more lines */
	REPLY_DONE,		/* a whole reply is in the parser */
	REPLY_BAD		/* a line that is not a reply */
};

struct reply_parser {
	int		code;		/* valid when DONE */
	int		multi;		/* inside a multi-line reply */
	struct buf	text;		/* lines without codes, joined by "\n" */
};

void	reply_parser_init(struct reply_parser *);
void	reply_parser_free(struct reply_parser *);
/* Feed one line (without EOL).  After DONE, the next feed starts a new reply. */
int	reply_parse_line(struct reply_parser *, const char *line, size_t len);

#endif
