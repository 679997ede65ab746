/*
 * pnrset: person keys interned to dense ids 0..n-1 (open addressing,
 * hash_str of util.h: a multiply-xorshift over 8-byte words). Keys are
 * copied into an arena owned by the set.
 */
#ifndef PNRSET_H
#define PNRSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct pnrset pnrset;

pnrset *ps_new(void);
void ps_reserve(pnrset *s, size_t n, size_t keybytes);	/* room, in an empty set */
int ps_add(pnrset *s, const char *key, size_t n);	/* id, new or existing */
int ps_load(pnrset *s, const char *keys, int n, size_t keybytes);	/* n distinct keys, else -1 */
int ps_find(const pnrset *s, const char *key, size_t n);	/* id or -1 */
/* For a ps_find soon: returns the key's hash, which ps_find_hashed takes. */
uint64_t ps_prefetch(const pnrset *s, const char *key, size_t n);
int ps_find_hashed(const pnrset *s, const char *key, size_t n, uint64_t h);
const char *ps_key(const pnrset *s, int id);
int ps_count(const pnrset *s);
/* Each key's place among the set's keys in byte order (strcmp), by id; free it. One thread. */
int *ps_ranks(const pnrset *s);
void ps_free(pnrset *s);

#endif
