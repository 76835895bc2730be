/*
 * = : compare the panes and mark the difference (compare.c decides).
 * Times count only when they are exact on both sides: local ones are,
 * MLSD's are (RFC 3659 section 7), LIST's are not (minutes at best, only
 * the day for older files).  Without MLSD, a server with MDTM is asked
 * for the files present on both sides, up to MDTM_MAX of them.
 */
#include "compare.h"
#include "tui-int.h"

#define COMPARE_TOL	1	/* seconds */
#define MDTM_MAX	500

struct mdtm_walk {
	struct tui	*t;
	size_t		 n;
	int		 failed;
};

/* One pair: the remote entry's time from MDTM, or give up on times. */
static int
mdtm_pair(void *arg, struct pane_entry *local, struct pane_entry *remote)
{
	struct mdtm_walk *w = arg;
	char path[PANE_PATH_MAX];
	time_t mt;

	(void)local;
	if (w->n++ >= MDTM_MAX || w->t->esc ||
	    pane_join(w->t->pane[1].path, remote->name, path,
	    sizeof path) == -1 || ftp_mdtm(w->t->ftp, path, &mt) == -1) {
		w->failed = 1;
		return 1;
	}
	remote->has_mtime = 1;
	remote->mtime = mt;
	return 0;
}

/* Exact remote times: 1 from MLSD or fetched by MDTM, else 0. */
static int
compare_times(struct tui *t)
{
	struct mdtm_walk w = { t, 0, 0 };
	unsigned feat = ftp_features(t->ftp);

	if (feat & FTP_FEAT_MLST)
		return 1;
	if (!(feat & FTP_FEAT_MDTM))
		return 0;
	compare_pairs(&t->pane[0], &t->pane[1], mdtm_pair, &w);
	return !w.failed;
}

void
act_compare(struct tui *t)
{
	struct compare_sum s;
	char sum[UI_STATUS_MAX];
	int times;

	if (!act_usable(t, 1))
		return;
	times = compare_times(t);
	compare_panes(&t->pane[0], &t->pane[1], times, COMPARE_TOL, &s);
	compare_summary(&s, t->m.active, sum, sizeof sum);
	tui_status(t, 0, "%s%s", sum, times ? "" :
	    " (sizes only: the server gives no exact times)");
}
