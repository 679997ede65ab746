/* gz_ahead: the read-ahead thread of gzip input (see gz.h, gzr_readahead). */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "gz.h"
#include "gz_engine.h"
#include "gz_private.h"
#include "util.h"

/*
 * Waiting for the other side blocks on a condition. GZR_SPIN polls of a
 * flag before that (default none) are kept for bench/run, which builds the
 * old 2 ms poll (GZR_SPIN=100000) beside it to show what a poll costs: on
 * two cores shared with the run's other filters, polling took CPU and
 * bought no speed; blocks of 2 MiB (not 512 KiB) made the hand-overs, and
 * so the wake-ups, four times fewer (bench/README.md).
 */
#ifndef GZR_SPIN
#define GZR_SPIN 0
#endif
static void
wait_for(struct ahead *a, const int *flag, int want)
{
	long spin;

	for (spin = 0; spin < GZR_SPIN; spin++) {
		if (__atomic_load_n(flag, __ATOMIC_ACQUIRE) == want ||
		    __atomic_load_n(&a->stop, __ATOMIC_RELAXED))
			return;
		if (spin % 64 == 63)
			sched_yield();
#if defined(__x86_64__) || defined(__i386__)
		__builtin_ia32_pause();
#endif
	}
}

/* The calling thread's CPU time in ns. */
static long long
cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The read-ahead thread: fill free blocks; a block of length 0 marks the end. */
static void *
ahead_main(void *arg)
{
	gzr *r = arg;
	struct ahead *a = r->ra;
	int i, end = 0, failed = 0, stop;
	size_t len;
	long got;
	long long t0;

	for (;;) {
		wait_for(a, &a->busy[a->head], 0);
		pthread_mutex_lock(&a->mu);
		while (a->busy[a->head] && !a->stop)
			pthread_cond_wait(&a->freed, &a->mu);
		i = a->head;
		stop = a->stop;
		pthread_mutex_unlock(&a->mu);
		if (stop)
			return NULL;
		len = 0;
		t0 = cpu_ns();
		while (!end && len < BLOCK) {
			got = gz_decode(r, a->mem[i] + HEADROOM + len, BLOCK - len);
			if (got <= 0) {
				end = 1;
				failed = got < 0;
			} else
				len += (size_t)got;
		}
		a->spent[i] = cpu_ns() - t0;
		pthread_mutex_lock(&a->mu);
		a->len[i] = len;
		a->trailer = r->dec;
		__atomic_store_n(&a->busy[i], 1, __ATOMIC_RELEASE);
		a->head = (i + 1) % NBLOCK;
		a->failed = failed;
		pthread_cond_signal(&a->filled);
		pthread_mutex_unlock(&a->mu);
		if (len == 0)
			return NULL;
	}
}

int
gzr_readahead(gzr *r)
{
	struct ahead *a;
	int i;

	if (!r->gzip)
		return 0;
	a = ecalloc(1, sizeof *a);
	/*
	 * The ring aligned to its strides, so that each block can be a huge
	 * page: it is one where glibc's malloc is asked for them
	 * (glibc.malloc.hugetlb=1, as keyfigures does where they pay), else
	 * small pages (bench/README.md, 2026-12-05, late).
	 */
	if (posix_memalign((void **)&a->ring, STRIDE, NBLOCK * STRIDE) != 0)
		die("out of memory (%d bytes)", NBLOCK * STRIDE);
	for (i = 0; i < NBLOCK; i++)
		a->mem[i] = a->ring + (size_t)i * STRIDE;
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->filled, NULL);
	pthread_cond_init(&a->freed, NULL);
	a->flush = 1;
	r->ra = a;
	r->taken = r->out;	/* the blocks begin where gzr_read stopped */
	if (pthread_create(&a->thread, NULL, ahead_main, r) != 0)
		die("%s: cannot start the read-ahead thread", r->name);
	return 1;
}

/*
 * The reader's part of the deferred check: the CRC of the member's bytes
 * in each block, compared with its trailer once its end is reached.
 */
static void
check_block(gzr *r, const struct trailer *t, const char *p, size_t n)
{
	uint64_t at = r->taken, from = at, to = at + n;

	r->taken = to;
	if (r->checked || !t->deferred)
		return;
	if (from < t->start)
		from = t->start;
	if (t->known && to > t->end)
		to = t->end;
	if (from < to)
		r->crc = zin_crc(r->crc, p + (from - at), (size_t)(to - from));
	if (!t->known || to != t->end)
		return;
	if (r->crc != t->crc || (uint32_t)(t->end - t->start) != t->len)
		die("%s: corrupt gzip stream: CRC or length check failed", r->name);
	r->checked = 1;
}

size_t
gzr_block(gzr *r, char **p)
{
	struct ahead *a = r->ra;
	struct trailer t;
	size_t n;
	int i;

	wait_for(a, &a->busy[a->tail], 1);
	pthread_mutex_lock(&a->mu);
	while (!a->busy[a->tail])
		pthread_cond_wait(&a->filled, &a->mu);
	i = a->tail;
	n = a->len[i];
	t = a->trailer;
	if (n > 0)
		a->tail = (i + 1) % NBLOCK;
	pthread_mutex_unlock(&a->mu);
	*p = a->mem[i] + HEADROOM;
	if (n == 0 && a->failed)	/* the end: the marker stays for later calls */
		die("%s", r->err);
	check_block(r, &t, *p, n);
	return n;
}

/*
 * The reader's copies of a block's bytes, out of every cache, before the
 * decoding thread writes the block again. Where the two threads' cores
 * share no cache (a virtual machine's two cores on two chiplets), each
 * line the decoder wrote over while the reader's core still held it cost
 * a round trip between the cores: decoding DREAM took 1.1 s instead of
 * 0.6 s, and flushing cost the reader about 0.05 s. Where a flush is dear
 * (other machines: 2-4 ms a block, a decoding's time several times over)
 * it is no help, so the reader flushes only while its flushes have cost
 * at most a quarter of the decoding of the bytes flushed; the first block
 * flushes its first PROBE bytes alone, so that a dear flush costs 0.1 ms
 * once, not two blocks' 8 ms (bench/README.md).
 */
#define PROBE	(64 << 10)
static int
flush_bytes(struct ahead *a, int i, size_t from, size_t to)
{
#ifdef __SSE2__
	const char *p = a->mem[i] + HEADROOM;
	long long t0 = cpu_ns();
	size_t o;

	for (o = from; o < to; o += 64)
		_mm_clflush(p + o);
	a->flush_ns += cpu_ns() - t0;
	a->decode_ns += a->spent[i] * (long long)(to - from) / (long long)a->len[i];
	if (a->flush_ns > a->decode_ns / 4)
		a->flush = 0;
#else
	a->flush = 0;
	(void)i, (void)from, (void)to;
#endif
	return a->flush;
}

static void
evict(struct ahead *a, int i)
{
	size_t probe = a->decode_ns == 0 && a->len[i] > PROBE ? PROBE : 0;	/* none yet */

	if (probe == 0 || flush_bytes(a, i, 0, probe))
		flush_bytes(a, i, probe, a->len[i]);
}

void
gzr_release(gzr *r, const char *p)
{
	struct ahead *a = r->ra;
	int i;

	for (i = 0; i < NBLOCK && p != a->mem[i] + HEADROOM; i++)
		;
	if (i == NBLOCK || a->len[i] == 0)
		return;
	if (a->flush)
		evict(a, i);
	pthread_mutex_lock(&a->mu);
	__atomic_store_n(&a->busy[i], 0, __ATOMIC_RELEASE);
	pthread_cond_signal(&a->freed);
	pthread_mutex_unlock(&a->mu);
}

void
gz_ahead_stop(gzr *r)
{
	struct ahead *a = r->ra;

	pthread_mutex_lock(&a->mu);
	__atomic_store_n(&a->stop, 1, __ATOMIC_RELEASE);
	pthread_cond_signal(&a->freed);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->thread, NULL);
	free(a->ring);
	free(a);
	r->ra = NULL;
}

