/*
 * The dateline: the place (and often the date) a story was filed from,
 * at the start of its first paragraph:
 *
 *   SALVADOR, Feb 26 - Showers continued ...          (Reuters, 1987)
 *   PEARL RIVER, N.Y., April 8 - ...                  (with a region)
 *   Honolulu, 2 September 2022 (TDI): White House ... (agency in brackets)
 *   WASHINGTON (Reuters) - ...
 *   TOKYO: The defense chiefs ...
 *   New York City – High-level officials ...
 *
 * Its date is the article's own date, and its place puts the article in a
 * country (country.c), which is what readers expect of "TOKYO, March 3".
 */
#include "internal.h"

#include <string.h>

/* Longest place and region taken: a dateline names a city. */
#define PLACE_MAX 48
#define REGION_MAX 24

/* A run of capitalised words ("PEARL RIVER", "New York City", "N.Y.")
 * from s[0], at most max bytes; lower-case "of"/"de"/"la" may join two
 * of them. Returns its length and whether every letter is upper case. */
static size_t cap_words(const char *s, size_t len, size_t max, bool *caps)
{
	size_t i = 0, end = 0;
	*caps = true;
	while (i < len && i < max) {
		size_t j = i;
		bool cap = ext_upper_at(s, len, j);
		if (!cap && end && len - j > 3 &&
		    (!memcmp(s + j, "of ", 3) || !memcmp(s + j, "de ", 3) ||
		     !memcmp(s + j, "la ", 3))) {
			i = j + 3;
			continue;
		}
		if (!cap)
			break;
		while (j < len) {
			size_t n = ext_word_at(s, len, j);
			if (n) {
				*caps &= !ext_ascii_lower((unsigned char)s[j]);
				j += n;
			} else if ((s[j] == '.' || s[j] == '-' || s[j] == '\'') &&
				   j + 1 < len && s[j + 1] != ' ') {
				j++;
			} else if (s[j] == '.') {
				j++;	/* "N.Y." ends with a stop */
				break;
			} else {
				break;
			}
		}
		end = j;
		if (j >= len || s[j] != ' ' || !ext_upper_at(s, len, j + 1))
			break;
		i = j + 1;
	}
	return end <= max ? end : 0;
}

/* A separator after the dateline: " - ", " – ", " — ", ": ". */
static size_t separator(const char *s, size_t len)
{
	static const char *const seps[] = {
		" - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", ": ", " -- ",
	};
	for (size_t k = 0; k < NFS_ARRAY_SIZE(seps); k++) {
		size_t n = strlen(seps[k]);
		if (len >= n && !memcmp(s, seps[k], n))
			return n;
	}
	return 0;
}

/* An agency in brackets, "(Reuters)", "(TDI)", with the space before. */
static size_t agency(const char *s, size_t len)
{
	size_t i = len && s[0] == ' ' ? 1 : 0;
	if (i >= len || s[i] != '(')
		return 0;
	const char *close = memchr(s + i, ')', len - i < 32 ? len - i : 32);
	return close ? (size_t)(close - s) + 1 : 0;
}

/* A comma after a place: ", ", or "," glued to what follows, a typo wire
 * copy has ("PARIS,March 16 -"). Returns its length, 0 if none. */
static size_t comma(const char *s, size_t len)
{
	if (len < 2 || s[0] != ',')
		return 0;
	return s[1] == ' ' ? 2 : ext_upper_at(s, len, 1) ? 1 : 0;
}

/* A dateline date. A wire dateline's month may be in lower case ("NEW
 * YORK, march 2 -"), which the parser refuses elsewhere because "may" and
 * "march" are also words: here, parse a copy with the first letter
 * raised. */
static size_t dateline_date(const char *s, size_t len, time_t now,
			    struct ext_date *d)
{
	size_t n = ext_date_parse(s, len, now, d);
	if (n || !len || !ext_ascii_lower((unsigned char)s[0]))
		return n;
	char buf[40];
	size_t m = len < sizeof(buf) ? len : sizeof(buf);
	memcpy(buf, s, m);
	buf[0] = (char)ext_ascii_toupper((unsigned char)buf[0]);
	return ext_date_parse(buf, m, now, d);
}

/* After "PLACE, ": an optional region, a date, an agency, a separator. */
static bool after_comma(const char *s, size_t len, time_t now,
			struct ext_dateline *dl, size_t base)
{
	bool caps;
	for (int tries = 0; tries < 2; tries++) {
		size_t n = dateline_date(s, len, now, &dl->date);
		if (n && dl->date.kind != EXT_DATE_MONTHYEAR) {
			size_t a = agency(s + n, len - n);
			if (separator(s + n + a, len - n - a) ||
			    (!a && n + 1 < len && s[n] == '-' && s[n + 1] == ' ') ||
			    (a && n + a < len && s[n + a] == ':')) {
				dl->has_date = true;
				dl->date.off = (uint32_t)base;
				dl->date.len = (uint32_t)n;
				return true;
			}
			return false;
		}
		/* "PEARL RIVER, N.Y., April 8": the region, once. */
		size_t r = cap_words(s, len, REGION_MAX, &caps);
		if (!r || tries) {
			size_t a = r ? agency(s + r, len - r) : 0;
			return a && separator(s + r + a, len - r - a);
		}
		dl->region_off = (uint32_t)base;
		dl->region_len = (uint32_t)r;
		size_t c = comma(s + r, len - r);
		if (!c) {
			size_t a = agency(s + r, len - r);
			return a && separator(s + r + a, len - r - a);
		}
		s += r + c;
		len -= r + c;
		base += r + c;
	}
	return false;
}

/*
 * Is paragraph p a dateline? strict asks for the shape only a dateline
 * has, a place, a comma and a date ("FREMONT, Calif., March 3 - Shr loss
 * 1.60 dlrs"): a paragraph before the first one of running text (a
 * table's first line) must have it. The first paragraph of running text
 * may also be "WASHINGTON (Reuters) -" or "TOKYO:".
 */
static bool para_dateline(const struct ext_view *v, size_t p, bool strict,
			  bool caps_only, time_t now, struct ext_dateline *dl)
{
	const char *s = v->text + v->paras[p].off;
	size_t len = v->paras[p].len;
	bool caps;
	memset(dl, 0, sizeof(*dl));
	size_t n = cap_words(s, len, PLACE_MAX, &caps);
	if (!n || n >= len || (caps_only && !caps))
		return false;
	const char *rest = s + n;
	size_t rlen = len - n, a = agency(rest, rlen), c = comma(rest, rlen);
	bool ok;
	if (c)
		ok = after_comma(rest + c, rlen - c, now, dl,
				 v->paras[p].off + n + c) &&
		     (dl->has_date || !strict);
	else if (strict)
		ok = false;
	else if (a)
		ok = separator(rest + a, rlen - a) != 0;
	else if (rest[0] == ':')
		ok = caps;	/* "TOKYO:"; "Note:" is not a place */
	else
		ok = separator(rest, rlen) != 0;
	if (!ok)
		return false;
	dl->found = true;
	dl->place_off = v->paras[p].off;
	dl->place_len = (uint32_t)n;
	return true;
}

/* Paragraphs looked at for a dateline: a headline and a few header
 * lines come before it. */
#define DATELINE_PARAS 8
/* Paragraphs of running text after the first that may still open with
 * one: a saved page puts a photo's caption first ("Photo", "United
 * Nations peacekeepers at ... Credit ...", then "LONDON — After ..."). */
#define CAPTION_PARAS 2

void ext_find_dateline(const struct ext_view *v, time_t now,
		       struct ext_dateline *dl)
{
	/* Any of the first paragraphs may hold the strict form: the one
	 * taken for running text may be a headline in mixed case ("SUN
	 * ALLIANCE reports sharp profit rise") above it. After the first
	 * paragraph of running text, only a place in capitals opens one. */
	for (size_t p = 0; p < v->nparas &&
	     p < DATELINE_PARAS + CAPTION_PARAS; p++) {
		bool after = p > v->body && p <= v->body + CAPTION_PARAS;
		if (p >= DATELINE_PARAS && !after)
			break;
		if (para_dateline(v, p, p != v->body, false, now, dl) ||
		    (after && para_dateline(v, p, false, true, now, dl)))
			return;
	}
	memset(dl, 0, sizeof(*dl));
}
