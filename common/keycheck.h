/*
 * keycheck: do a join's person keys match the snapshot's? Every join
 * (join-dream, readmissions, who5-bands -s) reports the share of the
 * snapshot's persons it found in its input, and the forms of the input's
 * keys that are not found (runs of digits, letters, other characters:
 * "9 digits", never the keys) that no snapshot key has: lost leading
 * zeros, a dash, another kind of key. Either is a warning; with strict,
 * a failure (exit 1).
 */
#ifndef KEYCHECK_H
#define KEYCHECK_H

#include <stddef.h>

#include "pnrset.h"

#define KC_FORMS	16	/* forms kept: snapshot's, and input's odd ones */
#define KC_SIG		64	/* bytes of a form signature (32 runs) */

struct kform {
	unsigned char sig[KC_SIG];	/* (class, run length) pairs */
	size_t len;
	char example[33];	/* one key of the form, never printed */
	long n;			/* keys of the form examined */
};

struct keycheck {
	struct kform snap[KC_FORMS];	/* the snapshot's key forms */
	int nsnap;
	int free_form;		/* more forms than KC_FORMS: no form check */
	struct kform odd[KC_FORMS];	/* input forms no snapshot key has */
	int nodd;
	long odd_other;		/* odd keys beyond KC_FORMS forms */
	long examined, odd_total;	/* keys not found that were examined */
	long countdown;		/* misses until the next one examined */
	const pnrset *set;	/* the snapshot's keys */
	long zeros[2];		/* keys found but for leading zeros: [0] the
				 * snapshot's lost them, [1] the input's */
};

/*
 * The forms of one register's own keys (target-filter: handic defines the
 * persons): a key of a form that nearly all others do not have (9 digits
 * among 10, letters at its end) makes a person of its own, where it was
 * one cut or mistyped (review W, W1). Keys of one length, all digits,
 * are counted without their form.
 */
struct kcensus {
	struct kform f[KC_FORMS];
	int n;
	long other;		/* keys beyond KC_FORMS forms */
	size_t fast_len;	/* the first key's length, when all digits; else 0 */
	long fast_n;		/* keys of that length, all digits */
	struct kform ok[KC_FORMS];	/* forms accepted beside the commonest */
	int nok;
};

/* Accept the forms of a comma-separated list written with 9 for a digit, A
 * for a letter and any other character as itself (replacement numbers,
 * 9999999A99): never odd (a bad form is a usage error naming option). */
void kcs_accept(struct kcensus *c, const char *forms, const char *option);
void kcs_add(struct kcensus *c, const char *key, size_t n);
/* A warning (a failure with strict) when at most 1 % of the keys have
 * forms the most common form is not, nor an accepted one: their forms and
 * counts, never a key. */
void kcs_end(struct kcensus *c, const char *input, int strict);

/* The options of a join's key check. */
struct kc_opts {
	double min_pct;		/* -p percent: the least share found without a warning */
	int strict;		/* -x: a warning is a failure */
	int few_fail;		/* too few of the snapshot's persons found to be
				 * chance: an error (DREAM, where one absent is
				 * employed all year; see kc_end()) */
};

/* Option c when it is -p or -x: into ko (1; a bad percent is a usage error); else 0. */
int kc_option(struct kc_opts *ko, int c, const char *arg);

void kc_init(struct keycheck *k, const pnrset *snapshot);
void kc_examine(struct keycheck *k, const char *key, size_t n);

/*
 * An input key not in the snapshot. Cheap on a hot path: every miss is
 * examined up to 10,000, then every 256th.
 */
static inline void
kc_miss(struct keycheck *k, const char *key, size_t n)
{
	if (--k->countdown <= 0)
		kc_examine(k, key, n);
}

/*
 * Prints the share of the snapshot's npersons found in input, and the
 * warnings: a share below min_pct, keys of an odd form. With strict a
 * warning ends the run (exit 1), before any output.
 */
void kc_end(struct keycheck *k, const char *input, long found, long npersons,
    const struct kc_opts *ko);

#endif
