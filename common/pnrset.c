/* pnrset: person keys to dense ids (see pnrset.h). */
#include <stdlib.h>
#include <string.h>

#include "pnrset.h"
#include "util.h"

struct pnrset {
	int *slot;		/* id + 1, 0 = empty */
	size_t nslot;		/* a power of two, kept under half full */
	size_t *off;		/* id -> key offset in arena */
	int n, cap;
	char *arena;
	size_t alen, acap;
};

pnrset *
ps_new(void)
{
	pnrset *s = ecalloc(1, sizeof *s);

	s->nslot = 1024;
	s->slot = ecalloc(s->nslot, sizeof *s->slot);
	return s;
}

static size_t
probe(const pnrset *s, const char *key, size_t n)
{
	size_t i = hash_str(key, n) & (s->nslot - 1);
	const char *k;

	while (s->slot[i]) {
		k = s->arena + s->off[s->slot[i] - 1];
		if (strncmp(k, key, n) == 0 && k[n] == '\0')
			break;
		i = (i + 1) & (s->nslot - 1);
	}
	return i;
}

static void
grow(pnrset *s)
{
	size_t i, j, old = s->nslot;
	int *slot = s->slot;

	s->nslot *= 2;
	s->slot = ecalloc(s->nslot, sizeof *s->slot);
	for (i = 0; i < old; i++)
		if (slot[i]) {
			const char *k = s->arena + s->off[slot[i] - 1];

			j = hash_str(k, strlen(k)) & (s->nslot - 1);
			while (s->slot[j])
				j = (j + 1) & (s->nslot - 1);
			s->slot[j] = slot[i];
		}
	free(slot);
}

int
ps_find(const pnrset *s, const char *key, size_t n)
{
	size_t i = probe(s, key, n);

	return s->slot[i] - 1;
}

int
ps_add(pnrset *s, const char *key, size_t n)
{
	size_t i;

	if ((size_t)s->n * 2 >= s->nslot)
		grow(s);
	i = probe(s, key, n);
	if (s->slot[i])
		return s->slot[i] - 1;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->off = erealloc(s->off, (size_t)s->cap * sizeof *s->off);
	}
	if (s->alen + n + 1 > s->acap) {
		s->acap = (s->alen + n + 1) * 2;
		s->arena = erealloc(s->arena, s->acap);
	}
	memcpy(s->arena + s->alen, key, n);
	s->arena[s->alen + n] = '\0';
	s->off[s->n] = s->alen;
	s->alen += n + 1;
	s->slot[i] = ++s->n;
	return s->n - 1;
}

const char *
ps_key(const pnrset *s, int id)
{
	return s->arena + s->off[id];
}

int
ps_count(const pnrset *s)
{
	return s->n;
}

void
ps_free(pnrset *s)
{
	free(s->slot);
	free(s->off);
	free(s->arena);
	free(s);
}
