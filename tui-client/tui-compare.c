/* = : compare the panes and mark the difference (compare.c decides). */
#include "compare.h"
#include "tui-int.h"

/* MLSD times are exact seconds, as are local ones; LIST times are not. */
#define COMPARE_TOL	1

void
act_compare(struct tui *t)
{
	struct compare_sum s;
	char sum[UI_STATUS_MAX];
	int times;

	if (!act_usable(t, 1))
		return;
	times = (ftp_features(t->ftp) & FTP_FEAT_MLST) != 0;
	compare_panes(&t->pane[0], &t->pane[1], times, COMPARE_TOL, &s);
	compare_summary(&s, t->m.active, sum, sizeof sum);
	tui_status(t, 0, "%s%s", sum, times ? "" :
	    " (sizes only: the server gives no exact times)");
}
