/*
 * progress: see progress.h.
 */
#include <inttypes.h>
#include <libutil.h>
#include <stdio.h>
#include <string.h>

#include "progress.h"
#include "size.h"

uint64_t
progress_total(uint64_t size, const char *text150, uint64_t rest)
{
	uint64_t	 n;

	if (size != UINT64_MAX)
		return size;
	if (text150 == NULL || size_parse_150(text150, &n) == -1)
		return UINT64_MAX;
	n = size_remaining(n, UINT64_MAX, rest);
	if (n > UINT64_MAX - 1 - rest)
		return UINT64_MAX;
	return rest + n;
}

static void
human(char *out, size_t len, uint64_t n)
{
	/* Width 5 forces scaling: "999B", "1.5K", "29M". */
	if (humanize_number(out, len < 5 ? len : 5,
	    (int64_t)(n > INT64_MAX ? INT64_MAX : n), "", HN_AUTOSCALE,
	    HN_DECIMAL | HN_NOSPACE | HN_B) == -1)
		snprintf(out, len, "%" PRIu64, n);
}

void
progress_format(char *out, size_t outlen, const char *name, uint64_t done,
    uint64_t total, uint64_t offset, double elapsed)
{
	char		 d[16], t[16], r[16], eta[32] = "";
	double		 rate = 0;
	uint64_t	 left;
	unsigned	 pct;

	if (elapsed > 0 && done > offset)
		rate = (double)(done - offset) / elapsed;
	human(d, sizeof(d), done);
	human(r, sizeof(r), (uint64_t)rate);
	if (total == UINT64_MAX) {
		snprintf(out, outlen, "%s  %s  %s/s", name, d, r);
		return;
	}
	human(t, sizeof(t), total);
	pct = total == 0 ? 100 : (unsigned)((done > total ? total : done) *
	    100.0 / (double)total);
	if (rate > 0 && done < total) {
		left = (uint64_t)((double)(total - done) / rate);
		snprintf(eta, sizeof(eta), "  ETA %" PRIu64 ":%02" PRIu64,
		    left / 60, left % 60);
	}
	snprintf(out, outlen, "%s  %s / %s  %u%%  %s/s%s", name, d, t, pct, r,
	    eta);
}
