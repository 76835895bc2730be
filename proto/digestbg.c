/*
 * digestbg: a digest on a thread of its own, fed through a ring of
 * copies (see digestbg.h).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "digestbg.h"
#include "xio.h"

#define BG_SLOTS	8
#define BG_SLOT		(256 * 1024)	/* stays in cache from copy to digest */

/*
 * Slots [head, head + count) are queued for the thread; the one after
 * them is the producer's, filled up to fill bytes before it is queued,
 * so that the small pieces a TLS stream arrives in (a record, 16 KiB)
 * cost a wake-up per slot, not per piece.  Each side signals the other
 * only when it said it waits: futex calls are expensive in some VMs.
 */
struct digestbg {
	struct digest_ctx ctx;
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 filled;	/* a slot was queued, or done */
	pthread_cond_t	 drained;	/* a slot was digested */
	char		*slot[BG_SLOTS];
	size_t		 len[BG_SLOTS];
	unsigned	 head, count;	/* oldest queued slot, slots queued */
	unsigned	 tail;		/* the producer's slot: head + count */
	size_t		 fill;		/* bytes in it */
	int		 done;
	int		 idle;		/* the thread waits for filled */
	int		 full;		/* the producer waits for drained */
};

static void *
digestbg_main(void *arg)
{
	struct digestbg *bg = arg;
	unsigned i;

	pthread_mutex_lock(&bg->mu);
	for (;;) {
		while (bg->count == 0 && !bg->done) {
			bg->idle = 1;
			pthread_cond_wait(&bg->filled, &bg->mu);
			bg->idle = 0;
		}
		if (bg->count == 0)
			break;
		i = bg->head;
		/* The producer never touches a queued slot: digest unlocked. */
		pthread_mutex_unlock(&bg->mu);
		digest_update(&bg->ctx, bg->slot[i], bg->len[i]);
		pthread_mutex_lock(&bg->mu);
		bg->head = (bg->head + 1) % BG_SLOTS;
		bg->count--;
		if (bg->full)
			pthread_cond_signal(&bg->drained);
	}
	pthread_mutex_unlock(&bg->mu);
	return NULL;
}

static void
digestbg_free(struct digestbg *bg)
{
	unsigned i;

	for (i = 0; i < BG_SLOTS; i++)
		free(bg->slot[i]);
	pthread_cond_destroy(&bg->filled);
	pthread_cond_destroy(&bg->drained);
	pthread_mutex_destroy(&bg->mu);
	free(bg);
}

struct digestbg *
digestbg_start(struct digest_ctx *c)
{
	struct digestbg *bg = xcalloc(1, sizeof(*bg));
	sigset_t all, old;
	unsigned i;
	int r;

	for (i = 0; i < BG_SLOTS; i++)
		bg->slot[i] = xmalloc(BG_SLOT);
	pthread_mutex_init(&bg->mu, NULL);
	pthread_cond_init(&bg->filled, NULL);
	pthread_cond_init(&bg->drained, NULL);
	bg->ctx = *c;
	/* Signals stay with the thread that handles them. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(&bg->thread, NULL, digestbg_main, bg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r != 0) {
		digestbg_free(bg);
		return NULL;
	}
	c->md = NULL;		/* the thread's now */
	return bg;
}

/* Hand the producer's slot to the thread; wait for the next to be free. */
static void
digestbg_queue(struct digestbg *bg)
{
	bg->len[bg->tail] = bg->fill;
	bg->tail = (bg->tail + 1) % BG_SLOTS;
	pthread_mutex_lock(&bg->mu);
	bg->count++;
	if (bg->idle)
		pthread_cond_signal(&bg->filled);
	while (bg->count == BG_SLOTS) {
		bg->full = 1;
		pthread_cond_wait(&bg->drained, &bg->mu);
		bg->full = 0;
	}
	pthread_mutex_unlock(&bg->mu);
	bg->fill = 0;
}

void
digestbg_update(struct digestbg *bg, const void *p, size_t n)
{
	const char *b = p;
	size_t k;

	while (n > 0) {
		k = BG_SLOT - bg->fill < n ? BG_SLOT - bg->fill : n;
		/* Not queued, so the thread does not read it: no lock. */
		memcpy(bg->slot[bg->tail] + bg->fill, b, k);
		bg->fill += k;
		if (bg->fill == BG_SLOT)
			digestbg_queue(bg);
		b += k;
		n -= k;
	}
}

void
digestbg_finish(struct digestbg *bg, struct digest_ctx *c)
{
	if (bg->fill > 0)
		digestbg_queue(bg);
	pthread_mutex_lock(&bg->mu);
	bg->done = 1;
	pthread_cond_signal(&bg->filled);
	pthread_mutex_unlock(&bg->mu);
	if (pthread_join(bg->thread, NULL) != 0)
		bug("digestbg_finish: pthread_join");
	digest_free(c);
	*c = bg->ctx;
	digestbg_free(bg);
}
