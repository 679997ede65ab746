/* keycheck: the share of the snapshot's persons found, and key forms (see keycheck.h). */
#include <stdio.h>
#include <string.h>

#include "keycheck.h"
#include "util.h"

static int
char_class(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return 'd';
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
		return 'a';
	return 0;
}

/* The form of key: per run its class ('d', 'a', or the other byte itself) and length. */
static size_t
signature(const char *key, size_t n, unsigned char *sig)
{
	size_t i = 0, o = 0, len;
	int c;

	while (i < n && o + 2 <= KC_SIG) {
		c = char_class((unsigned char)key[i]);
		if (c == 0) {
			sig[o++] = (unsigned char)key[i++];
			sig[o++] = 1;
			continue;
		}
		for (len = 0; i < n && char_class((unsigned char)key[i]) == c; i++)
			len++;
		sig[o++] = (unsigned char)c;
		sig[o++] = (unsigned char)(len > 255 ? 255 : len);
	}
	return o;
}

/* The form's slot in set (added when there is room), or NULL. */
static struct kform *
form_in(struct kform *set, int *nset, const unsigned char *sig, size_t len,
    const char *key, size_t n, int add)
{
	int i;

	for (i = 0; i < *nset; i++)
		if (set[i].len == len && memcmp(set[i].sig, sig, len) == 0)
			return &set[i];
	if (!add || *nset == KC_FORMS)
		return NULL;
	set[i].len = len;
	memcpy(set[i].sig, sig, len);
	if (n > sizeof set[i].example - 1)
		n = sizeof set[i].example - 1;
	memcpy(set[i].example, key, n);
	set[i].example[n] = '\0';
	set[i].n = 0;
	++*nset;
	return &set[i];
}

int
kc_option(struct kc_opts *ko, int c, const char *arg)
{
	char shown[64];

	if (c == 'x') {
		ko->strict = 1;
		return 1;
	}
	if (c != 'p')
		return 0;
	if (!parse_plain(arg, &ko->min_pct) || ko->min_pct < 0 || ko->min_pct > 100)
		usage_fail("-p: not a percentage 0-100: %s", show_value(arg, shown, sizeof shown));
	return 1;
}

void
kc_init(struct keycheck *k, const pnrset *snapshot)
{
	unsigned char sig[KC_SIG];
	const char *key;
	size_t len;
	int p;

	memset(k, 0, sizeof *k);
	k->countdown = 1;
	k->set = snapshot;
	for (p = 0; p < ps_count(snapshot) && !k->free_form; p++) {
		key = ps_key(snapshot, p);
		len = signature(key, strlen(key), sig);
		if (form_in(k->snap, &k->nsnap, sig, len, key, strlen(key), 1) == NULL)
			k->free_form = 1;
	}
}

/*
 * A key of digits not found, found once its leading zeros are taken off
 * (the snapshot's keys lost theirs) or once put back to 10 digits (the
 * input's did): a CPR number read as a number, by Excel say, on one side
 * only; those persons counted as absent (review Y, Y3: in DREAM employed
 * all year, and figure 12 rose).
 */
static void
zeros(struct keycheck *k, const char *key, size_t n)
{
	char padded[10];
	size_t z;

	if (n == 0 || n > 10 || strspn(key, "0123456789") < n)
		return;
	for (z = 0; z < n && key[z] == '0'; z++)
		;
	if (z > 0 && z < n && ps_find(k->set, key + z, n - z) >= 0)
		k->zeros[0]++;
	else if (z == 0 && n < 10) {
		memset(padded, '0', 10 - n);
		memcpy(padded + 10 - n, key, n);
		k->zeros[1] += ps_find(k->set, padded, 10) >= 0;
	}
}

void
kc_examine(struct keycheck *k, const char *key, size_t n)
{
	unsigned char sig[KC_SIG];
	struct kform *f;
	size_t len;

	k->examined++;
	k->countdown = k->examined < 10000 ? 1 : 256;
	zeros(k, key, n);
	if (k->free_form)
		return;
	len = signature(key, n, sig);
	if (form_in(k->snap, &k->nsnap, sig, len, key, n, 0))
		return;
	k->odd_total++;
	if ((f = form_in(k->odd, &k->nodd, sig, len, key, n, 1)) != NULL)
		f->n++;
	else
		k->odd_other++;
}

/* "9 digits (120), 6 digits, '-', 4 digits (3)" into out. */
static void
list_forms(const struct kform *set, int n, int counts, char *out, size_t cap)
{
	size_t o = 0;
	char form[160];
	int i;

	out[0] = '\0';
	for (i = 0; i < n && o + 1 < cap; i++) {
		key_form(set[i].example, strlen(set[i].example), form, sizeof form);
		o += (size_t)snprintf(out + o, cap - o, counts ? "%s%s (%ld)" : "%s%s",
		    i ? "; " : "", form, set[i].n);
	}
}

/* Key's form in c's set (added when there is room), or NULL. */
static struct kform *
census_form(struct kcensus *c, const char *key, size_t n)
{
	unsigned char sig[KC_SIG];
	size_t len = signature(key, n, sig);

	return form_in(c->f, &c->n, sig, len, key, n, 1);
}

static int
all_digits(const char *key, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (key[i] < '0' || key[i] > '9')
			return 0;
	return 1;
}

void
kcs_accept(struct kcensus *c, const char *forms, const char *option)
{
	unsigned char sig[KC_SIG];
	const char *f, *end, *b;
	char shown[64];
	size_t n;

	for (f = forms; ; f = end + 1) {
		end = f + strcspn(f, ",");
		n = (size_t)(end - f);
		for (b = f; b < end && (*b == '9' || *b == 'A' || char_class((unsigned char)*b) == 0); b++)
			;
		if (n == 0 || n > 64 || b < end)
			usage_fail("%s: not a key form written with 9 for a digit and A for "
			    "a letter (9999999A99): %s", option, show_value(f, shown, sizeof shown));
		if (form_in(c->ok, &c->nok, sig, signature(f, n, sig), f, n, 1) == NULL)
			usage_fail("%s: more than %d forms", option, KC_FORMS);
		if (*end == '\0')
			break;
	}
}

void
kcs_add(struct kcensus *c, const char *key, size_t n)
{
	struct kform *f;

	if (c->fast_n == 0 && c->n == 0 && c->other == 0 && all_digits(key, n))
		c->fast_len = n;	/* the first key's: a CPR number's, 10 */
	if (n == c->fast_len && all_digits(key, n))
		c->fast_n++;
	else if ((f = census_form(c, key, n)) != NULL)
		f->n++;
	else
		c->other++;
}

void
kcs_end(struct kcensus *c, const char *input, int strict)
{
	char digits[40], odd[1024], form[160];
	struct kform *f, *top = NULL;
	long total, ntop, nodd;
	int i;

	if (c->fast_n > 0) {	/* the fast keys: a form of their own */
		memset(digits, '0', c->fast_len);
		if ((f = census_form(c, digits, c->fast_len)) != NULL)
			f->n += c->fast_n;
		else
			c->other += c->fast_n;
		c->fast_n = 0;
	}
	for (total = c->other, i = 0; i < c->n; i++) {
		total += c->f[i].n;
		if (top == NULL || c->f[i].n > top->n)
			top = &c->f[i];
	}
	if (top == NULL)
		return;
	key_form(top->example, strlen(top->example), form, sizeof form);
	/* the rest are the odd ones, but for the accepted forms */
	ntop = top->n;
	*top = c->f[--c->n];
	for (nodd = c->other, i = 0; i < c->n; )
		if (form_in(c->ok, &c->nok, c->f[i].sig, c->f[i].len, "", 0, 0) != NULL)
			c->f[i] = c->f[--c->n];
		else
			nodd += c->f[i++].n;
	/* one form, or forms of many kinds (pseudonyms); up to 1 % odd, or 2
	 * rows where the commonest form has 20 (a small extract, where one
	 * key typed by hand was over 1 %: review X, X5) */
	if (nodd == 0 || ((double)nodd > 0.01 * (double)total &&
	    (nodd > 2 || ntop < 20)))
		return;
	list_forms(c->f, c->n, 1, odd, sizeof odd);
	warn("warning: %s: %ld of %ld rows have a person key of a form the others have not: "
	    "%s%s; the others: %s (a key cut or mistyped makes a person of its own; "
	    "-A accepts a form that is right, as 9999999A99)", input,
	    nodd, total, odd, c->other ? "; other forms" : "", form);
	if (strict)
		die("the person keys are not of one form (-x): no output");
}

void
kc_end(struct keycheck *k, const char *input, long found, long npersons,
    const struct kc_opts *ko)
{
	double min_pct = ko->min_pct;
	double pct = npersons > 0 ? 100.0 * (double)found / (double)npersons : 100;
	char odd[1024], snap[1024];
	const char *side;
	long zl;
	int warned = 0;

	fprintf(stderr, "%s: %s: found %ld of the snapshot's %ld persons (%.1f %%)\n",
	    argv0, input, found, npersons, pct);
	if (npersons > 0 && found == 0 && k->examined > 0) {
		warn("warning: %s: none of the snapshot's persons found: do the person "
		    "keys match the snapshot's?", input);
		warned = 1;
	} else if (npersons > 0 && pct < min_pct) {
		warn("warning: %s: found %.1f %% of the snapshot's persons, below %g %% "
		    "(-p): do the person keys match the snapshot's?", input, pct, min_pct);
		warned = 1;
	}
	if (k->odd_total > 0) {
		list_forms(k->odd, k->nodd, 1, odd, sizeof odd);
		list_forms(k->snap, k->nsnap, 0, snap, sizeof snap);
		warn("warning: %s: %ld of %ld keys not found (examined) have a form no "
		    "snapshot key has: %s%s; the snapshot's keys: %s", input,
		    k->odd_total, k->examined, odd, k->odd_other ? "; other forms" : "",
		    snap);
		warned = 1;
	}
	/* three or more: no chance; fewer a warning, with the others */
	zl = k->zeros[0] + k->zeros[1];
	side = k->zeros[0] ? "the snapshot's (handic's) keys lost theirs" :
	    "this input's keys lost theirs";
	if (zl >= 3)
		die("%s: %ld of the keys not found (examined) are the snapshot's but for "
		    "leading zeros: %s, CPR numbers read as numbers (by Excel, say); export "
		    "the column as text: no output", input, zl, side);
	if (zl > 0) {
		warn("warning: %s: %ld of the keys not found (examined) are the snapshot's "
		    "but for leading zeros: %s?", input, zl, side);
		warned = 1;
	}
	/*
	 * Below 10 % (or -p) of 20 persons or more: the keys are another's
	 * (another pseudonymisation, the wrong column) or the input holds
	 * none (its header alone); in DREAM everyone not found would be
	 * employed all year, at 100.0 % (review W, W8; X, X3: none found
	 * among its keys was the only such error). There an error, with or
	 * without -x. With fewer persons, none found may be chance (SPEC 3.1
	 * has a person absent from DREAM; one alone failed: X2): a warning,
	 * unless none is found and every key looked at has a form no snapshot
	 * key has (010190-1234 against 0101901234).
	 */
	if (ko->few_fail && ((npersons >= 20 && pct < (min_pct < 10 ? min_pct : 10)) ||
	    (npersons > 0 && found == 0 && k->examined > 0 && k->odd_total == k->examined)))
		die("%s: found %ld of the snapshot's %ld persons (%.1f %%): the person keys do "
		    "not match the snapshot's (another pseudonymisation, or the wrong column?), "
		    "or the input holds (almost) no rows: no output", input, found, npersons,
		    pct);
	if (warned && ko->strict)
		die("the person keys do not match the snapshot's (-x): no output");
}
