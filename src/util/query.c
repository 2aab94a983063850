/*
 * The parser of query/ and search/ path components (include/query.h).
 *
 * Text terms become FTS5 expressions in which every word the user typed
 * is a quoted string, its quotes doubled: whatever the bytes, the user
 * chooses words, phrases and prefixes, never FTS5 operators or columns.
 */
#include "query.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int fail(char *err, size_t errsz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Lower-case base letters of U+00C0..U+017F; '\0': keep the character. */
static const char latin[] =
	"aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
	"aaaaaaaceeeeiiiidnooooo\0ouuuuyty"
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkk"
	"llllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuu"
	"wwyyyzzzzzzs";
_Static_assert(sizeof(latin) - 1 == 0x180 - 0xc0, "one letter per code point");

void nq_fold(const char *s, char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	if (outsz == 0)
		return;
	while (*p && o + 1 < outsz) {
		uint32_t cp = 0;
		size_t n = 1;
		if (p[0] >= 0xc2 && p[0] < 0xe0 && (p[1] & 0xc0) == 0x80) {
			cp = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
			n = 2;
		}
		char a = 0;
		if (n == 1 && p[0] >= 'A' && p[0] <= 'Z')
			a = (char)(p[0] - 'A' + 'a');
		else if (n == 1)
			a = (char)p[0];
		else if (cp >= 0xc0 && cp < 0x180)
			a = latin[cp - 0xc0];
		else if (cp >= 0x218 && cp <= 0x21b)	/* S, T with comma */
			a = cp < 0x21a ? 's' : 't';
		if (a) {
			out[o++] = a;
		} else {
			if (o + n + 1 > outsz)
				break;
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
	}
	out[o] = '\0';
}

void nq_term_free(struct nq_term *t)
{
	for (size_t i = 0; i < t->nvalues; i++)
		free(t->values[i]);
	free(t->values);
	free(t->ranges);
	free(t->fts);
	memset(t, 0, sizeof(*t));
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Split s at '|' into trimmed alternatives, none empty. */
static int split_values(const char *s, struct nq_term *t, char *err,
			size_t errsz)
{
	size_t n = 1;
	for (const char *p = s; *p; p++)
		n += *p == '|';
	t->values = calloc(n, sizeof(*t->values));
	if (!t->values)
		return -ENOMEM;
	for (const char *p = s;; p++) {
		const char *end = strchr(p, '|');
		if (!end)
			end = p + strlen(p);
		while (p < end && is_space(*p))
			p++;
		const char *e = end;
		while (e > p && is_space(e[-1]))
			e--;
		if (e == p)
			return fail(err, errsz, "an empty value");
		if (!(t->values[t->nvalues] = strndup(p, (size_t)(e - p))))
			return -ENOMEM;
		t->nvalues++;
		if (!*end)
			return 0;
		p = end;
	}
}

/* Exactly n digits at *p, advancing it. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return true;
}

/* A date at year, month or day precision, [s, e): its first and last
 * day. */
static int parse_day(const char *s, const char *e, int32_t *lo, int32_t *hi,
		     char *err, size_t errsz)
{
	const char *p = s;
	int y, m = 0, d = 0;
	if (!digits(&p, 4, &y) || y < 1)
		goto bad;
	if (p < e && (*p != '-' || (++p, !digits(&p, 2, &m)) || m < 1 ||
		      m > 12))
		goto bad;
	if (p < e && (!m || *p != '-' || (++p, !digits(&p, 2, &d)) ||
		      d < 1 || !nfs_date_valid(y * 10000 + m * 100 + d)))
		goto bad;
	if (p != e)
		goto bad;
	*lo = y * 10000 + (m ? m : 1) * 100 + (d ? d : 1);
	*hi = y * 10000 + (m ? m : 12) * 100 + (d ? d : 31);
	return 0;
bad:
	return fail(err, errsz, "'%.*s' is not a date (YYYY, YYYY-MM or "
		    "YYYY-MM-DD)", (int)(e - s), s);
}

static int parse_range(const char *v, struct nq_range *r, char *err,
		       size_t errsz)
{
	if (strcmp(v, "undated") == 0) {
		r->lo = r->hi = 0;
		return 0;
	}
	const char *dots = strstr(v, "..");
	const char *end = v + strlen(v);
	int32_t lo, hi, l2, h2;
	int rc;
	if (!dots)
		return parse_day(v, end, &r->lo, &r->hi, err, errsz);
	if (dots == v && dots + 2 == end)
		return fail(err, errsz, "'..' needs a date on at least one side");
	lo = 10101;
	hi = 99991231;
	if (dots > v && (rc = parse_day(v, dots, &lo, &h2, err, errsz)))
		return rc;
	if (dots + 2 < end &&
	    (rc = parse_day(dots + 2, end, &l2, &hi, err, errsz)))
		return rc;
	if (lo > hi)
		return fail(err, errsz, "'%s' ends before it starts", v);
	r->lo = lo;
	r->hi = hi;
	return 0;
}

static int parse_dates(struct nq_term *t, char *err, size_t errsz)
{
	t->ranges = calloc(t->nvalues, sizeof(*t->ranges));
	if (!t->ranges)
		return -ENOMEM;
	for (size_t i = 0; i < t->nvalues; i++) {
		int rc = parse_range(t->values[i], &t->ranges[i], err, errsz);
		if (rc)
			return rc;
		t->nranges++;
	}
	return 0;
}

static bool word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* One item, [s, e), as an FTS5 string; prefix: followed by '*'. */
static int add_item(struct sbuf *out, const char *s, const char *e,
		    bool prefix, bool *first, char *err, size_t errsz)
{
	bool word = false;
	for (const char *p = s; p < e; p++)
		word |= word_byte((unsigned char)*p);
	if (!word)
		return fail(err, errsz, "'%.*s' has no word in it",
			    (int)(e - s), s);
	int rc = *first ? 0 : sbuf_addstr(out, " AND ");
	*first = false;
	if (!rc)
		rc = sbuf_addch(out, '"');
	for (const char *p = s; !rc && p < e; p++)
		rc = *p == '"' ? sbuf_addstr(out, "\"\"") : sbuf_addch(out, *p);
	if (!rc)
		rc = sbuf_addstr(out, prefix ? "\" *" : "\"");
	return rc;
}

/* One alternative of a text value, [s, e): words, "phrases" and
 * prefix* items, all of which must occur. */
static int add_words(struct sbuf *out, const char *s, const char *e,
		     char *err, size_t errsz)
{
	bool first = true;
	int rc = sbuf_addch(out, '(');
	const char *p = s;
	while (!rc) {
		while (p < e && is_space(*p))
			p++;
		if (p == e)
			break;
		const char *b = p, *ie;
		bool prefix = false;
		if (*p == '"') {
			b = ++p;
			while (p < e && *p != '"')
				p++;
			if (p == e)
				return fail(err, errsz, "a '\"' without its "
					    "closing '\"'");
			ie = p++;
		} else {
			while (p < e && !is_space(*p) && *p != '"')
				p++;
			ie = p;
		}
		if (p < e && *p == '*') {
			prefix = true;
			p++;
		} else if (ie > b && ie[-1] == '*') {
			prefix = true;
			ie--;
		}
		if (prefix && (ie == b || !word_byte((unsigned char)ie[-1])))
			return fail(err, errsz, "'*' must follow a word");
		if (p < e && !is_space(*p))
			return fail(err, errsz, "put a space between "
				    "'%.*s' and what follows", (int)(p - s), s);
		rc = add_item(out, b, ie, prefix, &first, err, errsz);
	}
	if (!rc && first)
		return fail(err, errsz, "no words to search for");
	return rc ? rc : sbuf_addch(out, ')');
}

/* Words with '|' between alternatives (outside quotes), as one FTS5
 * expression, under column filter col when not NULL. */
static int text_expr(const char *s, const char *col, struct sbuf *out,
		     char *err, size_t errsz)
{
	int rc = col ? sbuf_addf(out, "{%s} : (", col) : sbuf_addch(out, '(');
	const char *p = s, *alt = s;
	bool quoted = false;
	for (; !rc; p++) {
		if (*p == '"')
			quoted = !quoted;
		if (*p && (*p != '|' || quoted))
			continue;
		if (alt != s)
			rc = sbuf_addstr(out, " OR ");
		if (!rc)
			rc = add_words(out, alt, p, err, errsz);
		if (!*p)
			break;
		alt = p + 1;
	}
	return rc ? rc : sbuf_addch(out, ')');
}

int nq_search_expr(const char *s, struct sbuf *out, char *err, size_t errsz)
{
	sbuf_reset(out);
	return text_expr(s, NULL, out, err, errsz);
}

static const struct {
	const char *name;
	enum nq_facet facet;
} facets[] = {
	{"country", NQ_COUNTRY}, {"official", NQ_OFFICIAL},
	{"source", NQ_SOURCE}, {"date", NQ_DATE}, {"text", NQ_TEXT},
};

int nq_parse_term(const char *s, struct nq_term *t, char *err, size_t errsz)
{
	memset(t, 0, sizeof(*t));
	const char *p = s;
	if (*p == '!') {
		t->negate = true;
		p++;
	}
	const char *eq = strchr(p, '=');
	size_t flen = eq ? (size_t)(eq - p) : 0;
	size_t i;
	for (i = 0; eq && i < NFS_ARRAY_SIZE(facets); i++)
		if (strlen(facets[i].name) == flen &&
		    strncasecmp(facets[i].name, p, flen) == 0)
			break;
	if (!eq || i == NFS_ARRAY_SIZE(facets))
		return fail(err, errsz, "'%.60s' is not a term: use country=, "
			    "official=, source=, date= or text=, with an "
			    "optional leading '!'", s);
	t->facet = facets[i].facet;
	const char *v = eq + 1;
	int rc;
	if (t->facet == NQ_TEXT) {
		struct sbuf e = {0};
		rc = text_expr(v, "body", &e, err, errsz);
		if (rc)
			sbuf_release(&e);
		else
			t->fts = e.buf;
	} else {
		rc = split_values(v, t, err, errsz);
		if (!rc && t->facet == NQ_DATE)
			rc = parse_dates(t, err, errsz);
	}
	if (rc)
		nq_term_free(t);
	return rc;
}
