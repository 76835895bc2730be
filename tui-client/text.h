/*
 * text: how a name is shown on a terminal.  Every remote (and local) name
 * is hostile: it may hold control characters, escape sequences, invalid
 * UTF-8 or wide characters.  These functions measure by display columns
 * (wcwidth) in the current locale and produce bytes that are safe to hand
 * to curses: anything unprintable becomes '?'.  Nothing here calls curses.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>

/* Display width of s once made safe (what text_fit would print uncut). */
int	text_width(const char *s);

/*
 * Write into out (size outsz, always NUL-terminated) the safe rendering of
 * s cut to at most cols columns.  A cut name ends in '~' so the user sees
 * it was cut.  When pad is set the result is filled with spaces to exactly
 * cols columns.  Returns the columns used.  Truncation never splits a
 * character: the cut is made by columns, never by bytes.
 */
int	text_fit(const char *s, int cols, int pad, char *out, size_t outsz);

/*
 * Like text_fit but keeps the end of s (the useful part of a long path):
 * a cut string starts with '<'.
 */
int	text_fit_left(const char *s, int cols, char *out, size_t outsz);

/*
 * Like text_fit but cuts in the middle and keeps a short extension:
 * "a-very-long-na~.tar.gz" becomes "a-very-lo~.gz".
 */
int	text_fit_middle(const char *s, int cols, char *out, size_t outsz);

/* Human-readable size into out (at least 8 bytes): "0", "12K", "3.4M". */
void	text_size(char *out, size_t outsz, unsigned long long n);

#endif
