/* pnrset: person keys to dense ids (see pnrset.h). */
#include <stdlib.h>
#include <string.h>

#include "pnrset.h"
#include "util.h"

/* A slot holds what a probe compares, so that a probe reads one cache line. */
struct slot {
	unsigned id;		/* id + 1, 0 = empty */
	unsigned tag;		/* high bits of the key's hash */
	unsigned off;		/* the key's offset in arena */
};

struct pnrset {
	struct slot *slot;
	size_t nslot;		/* a power of two, kept under half full */
	uint64_t *bits;	/* 4 * nslot bits, two set per key: most absent keys stop here */
	struct key {		/* by id: */
		size_t off;	/* the key's offset in arena */
		uint64_t hash;	/* its hash, for growing */
	} *key;
	int n;
	size_t cap;
	char *arena;
	size_t alen, acap;
	int last;		/* the id ps_add gave last, and its key's length */
	size_t lastlen;
};

pnrset *
ps_new(void)
{
	pnrset *s = ecalloc(1, sizeof *s);

	s->nslot = 1024;
	s->slot = ecalloc(s->nslot, sizeof *s->slot);
	s->bits = ecalloc(s->nslot / 16, sizeof *s->bits);
	return s;
}

/*
 * Room for n keys of keybytes bytes in all (their NULs counted) in an
 * empty set, so that loading a known number of keys neither rehashes nor
 * moves them: every page touched anew costs (bench/README.md).
 */
void
ps_reserve(pnrset *s, size_t n, size_t keybytes)
{
	if (s->n != 0)
		return;
	while (s->nslot <= 2 * n)
		s->nslot *= 2;
	free(s->slot);
	free(s->bits);
	s->slot = ecalloc(s->nslot, sizeof *s->slot);
	s->bits = ecalloc(s->nslot / 16, sizeof *s->bits);
	s->key = grow(s->key, &s->cap, n, sizeof *s->key);
	if (keybytes > s->acap) {
		s->acap = keybytes;
		s->arena = erealloc(s->arena, s->acap);
	}
}

/* The key's two bits, in one word: other hash bits than the slot's. */
static void
bit(const pnrset *s, uint64_t h, size_t *word, uint64_t *mask)
{
	size_t b = (h >> 32) & (s->nslot * 4 - 1);

	*word = b / 64;
	*mask = (uint64_t)1 << (b % 64) | (uint64_t)1 << (h >> 58);
}

static size_t
probe(const pnrset *s, const char *key, size_t n, uint64_t h)
{
	size_t i = h & (s->nslot - 1);
	const struct slot *e;
	const char *k;

	while ((e = &s->slot[i])->id != 0) {
		k = s->arena + e->off;
		if (e->tag == (unsigned)(h >> 32) && memcmp(k, key, n) == 0 && k[n] == '\0')
			break;
		i = (i + 1) & (s->nslot - 1);
	}
	return i;
}

/* Key id into slot and bits; its slot is free (the key is not there). */
static void
place(pnrset *s, int id)
{
	uint64_t h = s->key[id].hash, m;
	size_t j = h & (s->nslot - 1), w;

	while (s->slot[j].id)
		j = (j + 1) & (s->nslot - 1);
	s->slot[j].id = (unsigned)id + 1;
	s->slot[j].tag = (unsigned)(h >> 32);
	s->slot[j].off = (unsigned)s->key[id].off;
	bit(s, h, &w, &m);
	s->bits[w] |= m;
}

/* Twice the slots, every key placed again. */
static void
rehash(pnrset *s)
{
	int i;

	s->nslot *= 2;
	free(s->slot);
	free(s->bits);
	s->slot = ecalloc(s->nslot, sizeof *s->slot);
	s->bits = ecalloc(s->nslot / 16, sizeof *s->bits);
	for (i = 0; i < s->n; i++)
		place(s, i);
}

uint64_t
ps_prefetch(const pnrset *s, const char *key, size_t n)
{
	uint64_t h = hash_str(key, n), m;
	size_t w;

	bit(s, h, &w, &m);
	__builtin_prefetch(&s->bits[w]);
	return h;
}

int
ps_find(const pnrset *s, const char *key, size_t n)
{
	return ps_find_hashed(s, key, n, hash_str(key, n));
}

int
ps_find_hashed(const pnrset *s, const char *key, size_t n, uint64_t h)
{
	uint64_t m;
	size_t w;

	bit(s, h, &w, &m);
	if ((s->bits[w] & m) != m)
		return -1;
	return (int)s->slot[probe(s, key, n, h)].id - 1;
}

/* The key copied into the arena under the next id. */
static int
store(pnrset *s, const char *key, size_t n, uint64_t h)
{
	s->key = grow(s->key, &s->cap, (size_t)s->n + 1, sizeof *s->key);
	if (s->alen + n + 1 > 0xffffffffUL)
		die("more than 4 GiB of person keys");
	if (s->alen + n + 1 > s->acap) {
		s->acap = (s->alen + n + 1) * 2;
		s->arena = erealloc(s->arena, s->acap);
	}
	memcpy(s->arena + s->alen, key, n);
	s->arena[s->alen + n] = '\0';
	s->key[s->n].off = s->alen;
	s->key[s->n].hash = h;
	s->alen += n + 1;
	return s->n++;
}

/*
 * The n keys, NUL-terminated one after another in keys (keybytes bytes),
 * into an empty set under ids 0 to n - 1; returns -1 where one repeats an
 * earlier (the set is then only to be freed). Stored and hashed first,
 * then placed, each key's slot and bits asked of memory eight keys ahead:
 * a slot is a miss of the cache (national's snapshot image of 67,000
 * persons loaded in 5.2 ms, not 6.3, with snap_image.c's check_table()
 * looking up a municipality once a run of cells: bench/README.md).
 */
int
ps_load(pnrset *s, const char *keys, int n, size_t keybytes)
{
	size_t len = 0, w;
	uint64_t m, h;
	int i;

	ps_reserve(s, (size_t)n, keybytes);
	for (i = 0; i < n; i++, keys += len + 1) {
		len = strlen(keys);
		store(s, keys, len, hash_str(keys, len));
	}
	for (i = 0; i < n; i++) {
		if (i + 8 < n) {
			h = s->key[i + 8].hash;
			bit(s, h, &w, &m);
			__builtin_prefetch(&s->slot[h & (s->nslot - 1)]);
			__builtin_prefetch(&s->bits[w]);
		}
		keys = s->arena + s->key[i].off;
		len = strlen(keys);
		if (s->slot[probe(s, keys, len, s->key[i].hash)].id != 0)
			return -1;
		place(s, i);
	}
	s->last = n - 1, s->lastlen = len;	/* as ps_add leaves them */
	return n;
}

/*
 * A person's rows mostly come together (an extract sorted by person): the
 * key given last is compared first, and a repeat costs no hash and probe.
 */
int
ps_add(pnrset *s, const char *key, size_t n)
{
	uint64_t h;
	size_t i;

	if (s->n > 0 && n == s->lastlen &&
	    memcmp(s->arena + s->key[s->last].off, key, n) == 0)
		return s->last;
	s->lastlen = n;
	h = hash_str(key, n);
	if ((size_t)s->n * 2 >= s->nslot)
		rehash(s);
	i = probe(s, key, n, h);
	if (s->slot[i].id)
		return s->last = (int)s->slot[i].id - 1;
	s->last = store(s, key, n, h);
	place(s, s->last);
	return s->last;
}

const char *
ps_key(const pnrset *s, int id)
{
	return s->arena + s->key[id].off;
}

int
ps_count(const pnrset *s)
{
	return s->n;
}

static const pnrset *ranked;	/* ps_ranks()' set, for by_key() */

static int
by_key(const void *x, const void *y)
{
	return strcmp(ps_key(ranked, *(const int *)x), ps_key(ranked, *(const int *)y));
}

int *
ps_ranks(const pnrset *s)
{
	int *id = emalloc(sizeof *id * ((size_t)s->n + 1)), *rank, i;

	rank = emalloc(sizeof *rank * ((size_t)s->n + 1));
	for (i = 0; i < s->n; i++)
		id[i] = i;
	ranked = s;
	qsort(id, (size_t)s->n, sizeof *id, by_key);
	for (i = 0; i < s->n; i++)
		rank[id[i]] = i;
	free(id);
	return rank;
}

void
ps_free(pnrset *s)
{
	free(s->slot);
	free(s->bits);
	free(s->key);
	free(s->arena);
	free(s);
}
