/* util: messages, checked allocation, checked number parsing, common options. */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define STR(x) STR_(x)	/* a macro's value as a string literal */
#define STR_(x) #x

extern const char *argv0;	/* program name for messages */
extern int stdout_closed;	/* standard output was closed at the start (prog_init) */

/* argv0, umask 077; --version prints "PROG (noegletal) VERSION, gzip engine E". */
void prog_init(int argc, char **argv);
/* -h, --version: exit 0 once standard output has the text; else say so, exit 1. */
void text_end(void) __attribute__((noreturn));

extern void (*before_die)(void);	/* die() calls it first, once (import: its -e decoder) */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void usage_die(const char *synopsis) __attribute__((noreturn));	/* exit 2 */
/* A usage error with a message (exit 2): options that contradict each other. */
void usage_fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* What is wrong, then the usage line; exit 2. */
void usage_why(const char *synopsis, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

/*
 * A path made as snprintf makes it, into buf of cap bytes; one that does
 * not fit is an error (exit 1), never a shortened name.
 */
void epathf(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Wait until the file path is there (nonempty: and holds something):
 * another program of the run makes it. The wait blocks on its folder's
 * events (inotify: a file made, moved in or closed after writing), looking
 * again at least every 50 ms in case they do not come; without inotify it
 * looks every millisecond. The watch is removed at once but its inotify
 * instance is kept for the process: closing one waits for the kernel's
 * grace period (10-17 ms asleep, bench/README.md). An error other than
 * its absence dies, and so do a path there that is no regular file and a
 * folder for it that is not there; a file that never comes waits on (the
 * run that named it ends this program).
 */
void await_file(const char *path, int nonempty);

void *emalloc(size_t n);
void *ecalloc(size_t n, size_t size);
void *erealloc(void *p, size_t n);
char *estrdup(const char *s);

/* Strict parsing: the whole string must be the number, no sign unless allowed. */
int parse_uint(const char *s, long *v);		/* digits only, 1..18 of them */
int parse_double(const char *s, double *v);	/* [sign] digits [(.|,) digits] [e[sign]digits] */
int parse_plain(const char *s, double *v);	/* digits [(.|,) digits]: an option's */
int parse_point(const char *s, double *v);	/* parse_double, '.' only: a stream's */
/*
 * An amount in the style of its file, exact, in millionths of a krone (a
 * 7th decimal of 5 or more rounds up, away from 0): AMOUNT_TSV [sign]
 * digits [(.|,) digits], no exponent; AMOUNT_DK (';' CSV) '.' groups
 * thousands and ',' is the decimal mark ("1.500.000,50"); AMOUNT_EN (','
 * CSV) the other way round ("1,500,000.50"). A thousands group has exactly
 * three digits. Times 10^shift (0-12) before any rounding: "1,2345678" in
 * 1,000 kr. is exactly 1234.5678 kr. 0 when malformed or beyond about
 * 9.2e12 kr.
 */
enum { AMOUNT_TSV, AMOUNT_DK, AMOUNT_EN };
int parse_amount(const char *s, int style, int shift, long long *micro);
int utf8_ok(const unsigned char *s, size_t n);	/* the n bytes at s are UTF-8 */
int amount_style(int delim);	/* a file's style by its delimiter: ';' DK, ',' EN, else TSV */

/*
 * An array p of *cap elements of size bytes made to hold need of them:
 * the capacity doubles (from 64), so n appends cost O(n).
 */
void *grow_to(void *p, size_t *cap, size_t need, size_t size);

static inline void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	return need <= *cap ? p : grow_to(p, cap, need, size);
}

int cmp_int(const void *a, const void *b);
/* -1, 0 or 1 as a is below, equal to or above b: a comparator's step. */
static inline int
cmp_num(long long a, long long b)
{
	return (a > b) - (a < b);
}

int find_int(const int *a, int n, int v);	/* index of v in ascending a, or -1 */

/*
 * The n elements of size bytes at array (malloc'ed: freed) in a new array,
 * by person (person(e): 0 to npersons - 1), then as cmp orders them (cmp
 * orders by person first): a counting sort on the person, then each
 * person's few elements by insertion, kept in order where cmp finds them
 * equal (a qsort where there are more than 32: a person with 100,000 is
 * not 10^10 moves). Where each person has a few, as a person has a few
 * contacts, measurements or records, O(n), where qsort() made n log n
 * calls of cmp (a quarter of readmissions' time on dense: bench/README.md).
 * Inline, so that each caller's size, person and cmp are compiled in:
 * called through pointers, quality's 290,000 records on dense took 3 ms
 * longer than its own sort.
 */
static inline void *
sort_by_person(void *array, size_t n, size_t size, int npersons,
    int (*person)(const void *), int (*cmp)(const void *, const void *))
{
	char *src = array, *out = emalloc(n * size + size), *tmp = out + n * size, *e;
	size_t *at = ecalloc((size_t)npersons + 1, sizeof *at), i, j, from;
	int p;

	for (i = 0; i < n; i++)
		at[person(src + i * size) + 1]++;
	for (p = 0; p < npersons; p++)
		at[p + 1] += at[p];
	for (i = 0; i < n; i++)	/* at[p]: the end of person p's elements, after it */
		memcpy(out + at[person(src + i * size)]++ * size, src + i * size, size);
	for (p = 0, from = 0; p < npersons; from = at[p++]) {
		if (at[p] - from > 32) {
			qsort(out + from * size, at[p] - from, size, cmp);
			continue;
		}
		for (i = from + 1; i < at[p]; i++) {
			memcpy(tmp, out + i * size, size);
			for (j = i; j > from && cmp(e = out + (j - 1) * size, tmp) > 0; j--)
				memcpy(e + size, e, size);
			memcpy(out + j * size, tmp, size);
		}
	}
	free(at);
	free(array);
	return out;
}

/* A person key: 1-32 characters from [0-9A-Za-z_-]. */
int pnr_ok(const char *s);
size_t pnr_span(const char *s);	/* how many of s's first characters may be in one */
/*
 * The form of a value without its characters: runs of digits, letters and
 * single other characters, e.g. "10 digits", "6 digits, '-', 4 digits".
 * Returns out.
 */
char *key_form(const char *s, size_t n, char *out, size_t cap);
/*
 * Whether a value may be a person number and must not be printed: it
 * holds 8 or more digits and is not an ISO date (YYYY-MM-DD).
 */
int pnr_shaped(const char *s);
/*
 * A value as a message shows it: quoted, shortened, bytes outside
 * printable ASCII escaped; a value pnr_shaped only by its form
 * ("a value of the form 10 digits"). Returns out.
 */
char *show_value(const char *v, char *out, size_t cap);
/*
 * A service code (MODT_YDELSE_KODE) as it is printed and published: as it
 * is when it has a code's form (digits and dots, a dot, under 8 digits;
 * commas for dots too, 1,13,1 as a spreadsheet writes it: review AD, AD6),
 * else by its form, since a person key is opaque (SPEC 1.1) and a shifted
 * column puts one there: "a value of the form 4 letters, 4 digits, 1
 * letter". Returns code or out.
 */
const char *show_code(const char *code, char *out, size_t cap);
/*
 * An option's list of items separated by single commas, in a new array
 * (*n items); an empty item ("", ",", "a,") is a usage error naming the
 * option (what: "-g: an empty code"): it would keep nothing, or all.
 */
char **comma_list(const char *arg, const char *what, int *n);
/* -e: an encoding iconv knows (else a usage error, checked before any input
 * is read: ReadStat's or a decoding child's message would blame the file). */
void check_encoding(const char *name);

/*
 * The hash of every PNR set: eight bytes at a time (a person key is
 * mostly 10 characters: two steps), each step a multiply, mixed at the end.
 */
static inline uint64_t
hash_str(const char *s, size_t n)
{
	const uint64_t k = 0x9E3779B97F4A7C15ULL;
	uint64_t h = n * k, w;
	size_t i;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * k;
		h ^= h >> 32;
	}
	for (w = 0, i = 0; i < n; i++)
		w |= (uint64_t)(unsigned char)s[i] << (8 * i);
	h = (h ^ w) * k;
	return h ^ h >> 29;
}

#endif
