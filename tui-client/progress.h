/*
 * progress: transfer totals from what the protocol tells, and the
 * one-line progress display of batch mode.  No I/O here.
 */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The final size of a download resumed at rest (0 for a fresh one), or
 * FTP_SIZE_UNKNOWN (UINT64_MAX).  size is the SIZE reply (or UINT64_MAX)
 * and wins when known; else the "(N bytes)" of the 150 text counts as
 * the bytes still to come, as ProFTPD and forkftpd send it (vsftpd sends
 * the whole size even after REST, but vsftpd always answers SIZE).
 * Pure-FTPd's "150 4.3 kbytes to download" is not exact: unknown.
 */
uint64_t progress_total(uint64_t size, const char *text150, uint64_t rest);

/*
 * Format the progress line: "NAME  DONE / TOTAL  PCT%  RATE/s  ETA m:ss".
 * offset is where the transfer started (resumed bytes do not count for
 * the rate); elapsed is in seconds.  Unknown totals show only DONE and
 * the rate.
 */
void	progress_format(char *out, size_t outlen, const char *name,
	    uint64_t done, uint64_t total, uint64_t offset, double elapsed);

#endif
