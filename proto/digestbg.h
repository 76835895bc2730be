/*
 * digestbg: a digest computed on a thread of its own, so that a transfer
 * and its verification use two cores instead of one.  The bytes are
 * copied into a small ring (a copy costs a tenth of what SHA-256 does),
 * so callers may reuse their buffers at once; the producer waits only
 * when the ring is full.
 */
#ifndef DIGESTBG_H
#define DIGESTBG_H

#include <stddef.h>

struct digest_ctx;
struct digestbg;

/*
 * Continue the digest in c on a new thread: c's context moves to it
 * until digestbg_finish.  NULL (and c untouched) when no thread can be
 * started: go on with digest_update.
 */
struct digestbg *digestbg_start(struct digest_ctx *c);
/* Queue n bytes (copied). */
void	digestbg_update(struct digestbg *, const void *, size_t n);
/*
 * Wait until everything queued is digested, end the thread and give the
 * context back to c, ready for digest_update or digest_final.  Frees bg.
 */
void	digestbg_finish(struct digestbg *bg, struct digest_ctx *c);

#endif
