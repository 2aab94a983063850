/*
 * Dates: the formats news uses, and which of an article's dates is its
 * own.
 *
 * The parser reads one date at a position: "2 September 2022",
 * "September 10, 2024", "Sept. 2nd", "Sept. 9-10, 2024" (the first day),
 * "Sun, 28 Jul 2024 12:07:32 +0900" (RFC 2822), "2024-07-28T12:07:32Z"
 * (ISO 8601), "26-FEB-1987", "07/28/2024" when the order is unambiguous,
 * two-digit years ("26-FEB-87", "'87"). It also recognises month-year
 * mentions ("December 2018") so that they are skipped rather than taken
 * for a day.
 *
 * Choosing the article's date (ext_find_date) prefers, in this order, the
 * date the source states (HTML metadata, a dump's field: the caller's),
 * a full date in the header lines (a timestamp or byline), the dateline,
 * the lead paragraph, a header line holding only a year-less date. A
 * date without its year takes the year the article names nearest to it
 * ("May 2025", "in 2004"), never the clock's or the file's: a downloaded
 * corpus has the download day as its files' time. When the article names
 * no year, it is undated.
 */
#include "internal.h"

#include <string.h>

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};

static const char *const weekday_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday",
};

/* Length of the run of ASCII letters at s. */
static size_t letters(const char *s, size_t len)
{
	size_t n = 0;
	while (n < len && (ext_ascii_upper((unsigned char)s[n]) ||
			   ext_ascii_lower((unsigned char)s[n])))
		n++;
	return n;
}

/* Is s[0, n) the full name or an abbreviation (at least three letters,
 * as written in news: "Sept", "Thurs") of name? */
static bool names_word(const char *s, size_t n, const char *name)
{
	if (n < 3 || ext_ascii_tolower((unsigned char)s[0]) != name[0])
		return false;
	size_t full = strlen(name);
	if (n > full)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ext_ascii_tolower((unsigned char)s[i]) != name[i])
			return false;
	/* "Sept", "Tues", "Thur", "Thurs"; other prefixes are words. */
	return n == 3 || n == full || (n == 4 && (name[0] == 's' ||
						  name[0] == 't')) ||
	       (n == 5 && !strcmp(name, "thursday"));
}

/* A month name at s: capitalised ("May", "MAY"; "may" is a verb),
 * optionally abbreviated with a full stop. Returns its length, sets *m. */
static size_t month_at(const char *s, size_t len, int *m)
{
	size_t n = letters(s, len);
	if (!n || !ext_ascii_upper((unsigned char)s[0]))
		return 0;
	for (int k = 0; k < 12; k++) {
		if (!names_word(s, n, month_names[k]))
			continue;
		*m = k + 1;
		return n + (n < len && s[n] == '.' && n < strlen(month_names[k]));
	}
	return 0;
}

/* A weekday with its trailing comma and spaces ("Sun, "); *wday is 1
 * for Monday to 7 for Sunday. */
static size_t weekday_at(const char *s, size_t len, int *wday)
{
	size_t n = letters(s, len);
	if (!n || !ext_ascii_upper((unsigned char)s[0]))
		return 0;
	for (int k = 0; k < 7; k++) {
		if (!names_word(s, n, weekday_names[k]))
			continue;
		*wday = k + 1;
		if (n < len && s[n] == '.')
			n++;
		if (n < len && s[n] == ',')
			n++;
		while (n < len && s[n] == ' ')
			n++;
		return n;
	}
	return 0;
}

/* Up to max digits at s (not followed by another digit); 0 if none. */
static size_t number(const char *s, size_t len, size_t max, int *v)
{
	size_t n = 0;
	*v = 0;
	while (n < len && ext_ascii_digit((unsigned char)s[n])) {
		if (++n > max)
			return 0;
		*v = *v * 10 + (s[n - 1] - '0');
	}
	return n;
}

/* "st", "nd", "rd", "th" after a day number. */
static size_t ordinal(const char *s, size_t len)
{
	static const char *const ends[] = {"st", "nd", "rd", "th"};
	if (len < 2 || (len > 2 && ext_ascii_lower((unsigned char)s[2])))
		return 0;
	for (int k = 0; k < 4; k++)
		if (ext_ascii_tolower((unsigned char)s[0]) == ends[k][0] &&
		    ext_ascii_tolower((unsigned char)s[1]) == ends[k][1])
			return 2;
	return 0;
}

/* Two-digit years belong to the century that puts them at most a year
 * ahead of now. */
static int full_year(int yy, time_t now)
{
	struct tm tm;
	gmtime_r(&now, &tm);
	int cur = tm.tm_year + 1900;
	int y = cur / 100 * 100 + yy;
	return y > cur + 1 ? y - 100 : y;
}

/* A time "HH:MM" at s: the sign that a two-digit number before it was a
 * year ("28 Jul 24 12:07"). */
static bool time_at(const char *s, size_t len)
{
	return len >= 5 && ext_ascii_digit((unsigned char)s[0]) &&
	       ext_ascii_digit((unsigned char)s[1]) && s[2] == ':' &&
	       ext_ascii_digit((unsigned char)s[3]);
}

/*
 * The year after a day and month: ", 2024", " 2024", " '24", or a
 * two-digit year followed by a time. Returns its length (0: no year).
 */
static size_t year_after(const char *s, size_t len, time_t now, int *y)
{
	size_t i = 0;
	if (i < len && s[i] == ',')
		i++;
	while (i < len && s[i] == ' ')
		i++;
	bool apos = i < len && (s[i] == '\'' ||
				(len - i >= 3 && !memcmp(s + i, "\xe2\x80\x99", 3)));
	if (apos)
		i += s[i] == '\'' ? 1 : 3;
	int v;
	size_t n = number(s + i, len - i, 4, &v);
	if (n == 4 && !apos) {
		*y = v;
		return i + n;
	}
	if (n == 2 && (apos || (i + n < len && s[i + n] == ' ' &&
				time_at(s + i + n + 1, len - i - n - 1)))) {
		*y = full_year(v, now);
		return i + n;
	}
	return 0;
}

/* A second day after a first one: "9-10", "9–10" (a range). */
static size_t range_end(const char *s, size_t len)
{
	size_t i = 0;
	if (i < len && s[i] == '-')
		i++;
	else if (len >= 3 && !memcmp(s, "\xe2\x80\x93", 3))
		i += 3;
	else
		return 0;
	int v;
	size_t n = number(s + i, len - i, 2, &v);
	return n ? i + n : 0;
}

static void set(struct ext_date *d, int y, int m, int day, int kind)
{
	d->y = y;
	d->m = m;
	d->d = day;
	d->kind = (uint8_t)kind;
}

/* "September 10, 2024", "Sept. 2nd", "Sept. 9-10, 2024", "May 2025". */
static size_t month_first(const char *s, size_t len, time_t now,
			  struct ext_date *d)
{
	int m, day, y;
	size_t i = month_at(s, len, &m);
	if (!i || i >= len || s[i] != ' ')
		return 0;
	i++;
	size_t n = number(s + i, len - i, 4, &day);
	if (n == 4) {
		set(d, day, m, 0, EXT_DATE_MONTHYEAR);
		return i + n;
	}
	if (n == 0 || n > 2)
		return 0;
	i += n;
	i += ordinal(s + i, len - i);
	i += range_end(s + i, len - i);
	size_t yl = year_after(s + i, len - i, now, &y);
	set(d, yl ? y : 0, m, day, yl ? EXT_DATE_FULL : EXT_DATE_YEARLESS);
	return i + yl;
}

/* "2 September 2022", "2nd of September", "9-10 Sept 2024", "26-FEB-1987". */
static size_t day_first(const char *s, size_t len, time_t now,
			struct ext_date *d)
{
	int m, day, y;
	size_t i = number(s, len, 2, &day);
	if (!i)
		return 0;
	if (i < len && s[i] == '-') {	/* 26-FEB-1987, 26-Feb-87 */
		size_t ml = month_at(s + i + 1, len - i - 1, &m);
		size_t j = i + 1 + ml;
		int v;
		size_t yl = ml && j < len && s[j] == '-' ?
			    number(s + j + 1, len - j - 1, 4, &v) : 0;
		if (yl == 4 || yl == 2) {
			set(d, yl == 4 ? v : full_year(v, now), m, day,
			    EXT_DATE_FULL);
			return j + 1 + yl;
		}
	}
	i += ordinal(s + i, len - i);
	i += range_end(s + i, len - i);
	if (i >= len || s[i] != ' ')
		return 0;
	i++;
	if (len - i > 3 && !memcmp(s + i, "of ", 3))
		i += 3;
	size_t ml = month_at(s + i, len - i, &m);
	if (!ml)
		return 0;
	i += ml;
	size_t yl = year_after(s + i, len - i, now, &y);
	set(d, yl ? y : 0, m, day, yl ? EXT_DATE_FULL : EXT_DATE_YEARLESS);
	return i + yl;
}

/* "2024-07-28" (ISO 8601, also with '/' or '.'), and "07/28/2024" or
 * "28.07.2024" when only one reading is a valid date. */
static size_t numeric(const char *s, size_t len, struct ext_date *d)
{
	int a, b, c;
	size_t n1 = number(s, len, 4, &a);
	if (!n1 || n1 == 3 || n1 >= len)
		return 0;
	char sep = s[n1];
	if (sep != '-' && sep != '/' && sep != '.')
		return 0;
	size_t n2 = number(s + n1 + 1, len - n1 - 1, 2, &b);
	size_t j = n1 + 1 + n2;
	if (!n2 || j >= len || s[j] != sep)
		return 0;
	size_t n3 = number(s + j + 1, len - j - 1, 4, &c);
	if (n1 == 4 && n3 && n3 <= 2) {
		set(d, a, b, c, EXT_DATE_FULL);
		return j + 1 + n3;
	}
	if (n1 > 2 || n3 != 4 || sep == '-')
		return 0;
	/* Day and month in either order: take it only when one order is
	 * impossible (a "month" above 12) or both agree. */
	bool dm = b >= 1 && b <= 12, md = a >= 1 && a <= 12;
	if (dm && (!md || a == b))
		set(d, c, b, a, EXT_DATE_FULL);
	else if (md && !dm)
		set(d, c, a, b, EXT_DATE_FULL);
	else
		return 0;
	return j + 1 + n3;
}

/* U+5E74, U+6708, U+65E5: year, month and day of a CJK date. */
#define CJK_YEAR "\xe5\xb9\xb4"
#define CJK_MONTH "\xe6\x9c\x88"
#define CJK_DAY "\xe6\x97\xa5"

/* "2016年10月14日", and "10月14日" without a year. */
static size_t cjk(const char *s, size_t len, struct ext_date *d)
{
	int y = 0, m, day;
	size_t i = number(s, len, 4, &y);
	if (i == 4 && len - i >= 3 && !memcmp(s + i, CJK_YEAR, 3))
		i += 3;
	else
		i = 0, y = 0;
	size_t n = number(s + i, len - i, 2, &m);
	if (!n || len - i - n < 3 || memcmp(s + i + n, CJK_MONTH, 3))
		return 0;
	i += n + 3;
	n = number(s + i, len - i, 2, &day);
	if (!n || len - i - n < 3 || memcmp(s + i + n, CJK_DAY, 3))
		return 0;
	set(d, y, m, day, y ? EXT_DATE_FULL : EXT_DATE_YEARLESS);
	return i + n + 3;
}

size_t ext_date_parse(const char *s, size_t len, time_t now,
		      struct ext_date *d)
{
	int wday = 0;
	size_t w = weekday_at(s, len, &wday);
	size_t n = 0;
	if (w < len && ext_ascii_digit((unsigned char)s[w])) {
		n = numeric(s + w, len - w, d);
		if (!n)
			n = cjk(s + w, len - w, d);
		if (!n)
			n = day_first(s + w, len - w, now, d);
	} else if (w < len) {
		n = month_first(s + w, len - w, now, d);
	}
	if (!n)
		return 0;
	/* A number glued to the end ("May 20255") is not a date; after a
	 * CJK day sign it is the time ("14日07:17"). */
	if (w + n < len && ext_ascii_digit((unsigned char)s[w + n]) &&
	    w + n >= 3 &&
	    memcmp(s + w + n - 3, CJK_DAY, 3))
		return 0;
	if (d->m < 1 || d->m > 12 || (d->kind != EXT_DATE_MONTHYEAR &&
				      (d->d < 1 || d->d > 31)))
		return 0;
	d->wday = (uint8_t)wday;
	return w + n;
}

/* Is the character before text[i] (i > 0) of a CJK script, which
 * writes numbers without a space: "TNW中文站2016年10月14日"? */
static bool cjk_before(const char *text, size_t i)
{
	uint32_t cp;
	size_t j = ext_utf8_prev(text, i);
	ext_utf8_next(text + j, i - j, &cp);
	return cp >= 0x2e80 && cp < 0xa000;
}

bool ext_date_find(const char *text, size_t from, size_t to, time_t now,
		   struct ext_date *d)
{
	for (size_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)text[i];
		if (!ext_ascii_digit(c) && !ext_ascii_upper(c))
			continue;
		if (ext_word_before(text, i) && !cjk_before(text, i))
			continue;
		size_t n = ext_date_parse(text + i, to - i, now, d);
		if (n) {
			d->off = (uint32_t)i;
			d->len = (uint32_t)n;
			return true;
		}
	}
	return false;
}

int32_t ext_date_ymd(int y, int m, int d, time_t now)
{
	if (y < 1800 || y > 9999)
		return 0;
	int32_t ymd = y * 10000 + m * 100 + d;
	if (!nfs_date_valid(ymd) || nfs_date_to_time(ymd) > now + 86400)
		return 0;
	return ymd;
}

/* Words a date line may carry besides the date. */
static bool date_label(const char *s, size_t n)
{
	static const char *const labels[] = {
		"published", "updated", "posted", "date", "dated", "last",
		"modified", "time", "created", "issued",
	};
	for (size_t k = 0; k < NFS_ARRAY_SIZE(labels); k++) {
		if (strlen(labels[k]) != n)
			continue;
		size_t i = 0;
		while (i < n && ext_ascii_tolower((unsigned char)s[i]) ==
				labels[k][i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* Are the words of s[0, n) labels ("Updated:") at most? */
static bool labels_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k = letters(s + i, n - i);
		if (k && !date_label(s + i, k))
			return false;
		i += k ? k : 1;
	}
	return true;
}

bool ext_date_line(const char *s, size_t len, time_t now, struct ext_date *d)
{
	if (len > 80 || !ext_date_find(s, 0, len < 40 ? len : 40, now, d))
		return false;
	/* Allow labels, weekdays, zones ("GMT9", "KST": short) and at most
	 * one other word: "By Staff" is fine, a headline is not. */
	size_t other = 0;
	for (size_t i = 0; i < len;) {
		size_t n = letters(s + i, len - i);
		if (!n) {
			i++;
			continue;
		}
		bool in_date = i >= d->off && i < d->off + d->len;
		int wday;
		if (!in_date && n >= 4 && !date_label(s + i, n) &&
		    !weekday_at(s + i, len - i, &wday))
			other++;
		i += n;
	}
	return other <= 1;
}

static bool isalnum_ascii(char c)
{
	unsigned char u = (unsigned char)c;
	return ext_ascii_digit(u) || ext_ascii_lower(u) || ext_ascii_upper(u);
}

/* Bytes of a paragraph that may hold a header or lead date. */
#define HEADER_SCAN 200
#define LEAD_SCAN 400
/* Header paragraphs looked at: a page may have a long menu. */
#define HEADER_PARAS 20

/* The first FULL or YEARLESS date in text[from, to) (month-year
 * mentions are skipped: never an article's date). */
static bool first_date(const struct ext_view *v, size_t from, size_t to,
		       time_t now, struct ext_date *d)
{
	while (ext_date_find(v->text, from, to, now, d)) {
		if (d->kind != EXT_DATE_MONTHYEAR)
			return true;
		from = d->off + d->len;
	}
	return false;
}

static size_t para_end(const struct ext_view *v, size_t p, size_t max)
{
	return v->paras[p].off + (v->paras[p].len < max ? v->paras[p].len : max);
}

/* Words before a year that make a number a year: "in 2004", "since
 * 1987", "by 2010", "the 2004 election" is not needed. */
static bool year_word(const char *s, size_t n)
{
	static const char *const words[] = {
		"in", "since", "of", "by", "until", "till", "from", "during",
		"for", "year", "early", "late", "mid", "end", "spring",
		"summer", "autumn", "fall", "winter", "before", "after",
	};
	for (size_t k = 0; k < NFS_ARRAY_SIZE(words); k++) {
		size_t i = 0, m = strlen(words[k]);
		while (i < n && i < m &&
		       ext_ascii_tolower((unsigned char)s[i]) == words[k][i])
			i++;
		if (i == n && n == m)
			return true;
	}
	return false;
}

/* Is the four-digit number at text[i] a year the text names: inside a
 * date ("May 2025", "17 October 2000"), or after a word that makes it
 * one ("in 2004", "mid-1987")? */
static bool named_year_at(const char *s, size_t i)
{
	size_t j = i;
	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == ',' || s[j - 1] == '-'))
		j--;
	size_t w = j;
	while (w > 0 && (ext_ascii_lower((unsigned char)s[w - 1]) ||
			 ext_ascii_upper((unsigned char)s[w - 1]) ||
			 s[w - 1] == '.'))
		w--;
	if (w < j) {
		int m;
		size_t n = j - w - (s[j - 1] == '.');
		if (year_word(s + w, n) || month_at(s + w, j - w, &m) == j - w)
			return true;
	}
	return false;
}



/* The year that starts at text[i], if the text names one there (in a
 * date, after a word that makes a number a year, or before a CJK year
 * sign), from 1800 to last; else 0. */
static int year_at(const struct ext_view *v, size_t i, int last)
{
	const char *s = v->text;
	int y;
	if (!ext_ascii_digit((unsigned char)s[i]) ||
	    (i > 0 && isalnum_ascii(s[i - 1])) ||
	    number(s + i, v->len - i, 4, &y) != 4 || y < 1800 || y > last)
		return 0;
	if (v->len - i >= 7 && !memcmp(s + i + 4, CJK_YEAR, 3))
		return y;
	return named_year_at(s, i) ? y : 0;
}

static int last_year(time_t now)
{
	struct tm tm;
	gmtime_r(&now, &tm);
	return tm.tm_year + 1900 + 1;
}

/* Is m-d of year y a wday (1 = Monday; 0 = any day)? */
static bool weekday_fits(int y, int m, int d, int wday)
{
	int32_t ymd = y * 10000 + m * 100 + d;
	if (!wday)
		return true;
	if (!nfs_date_valid(ymd))
		return false;
	time_t t = (time_t)nfs_date_to_time(ymd);
	struct tm tm;
	gmtime_r(&t, &tm);
	return (tm.tm_wday + 6) % 7 + 1 == wday;
}

/* The year the text names nearest to text[at] that gives m-d the
 * weekday written with it ("Tuesday, 1 March" is not of any year); 0 if
 * there is none. *off and *len locate it. */
static int nearest_year(const struct ext_view *v, size_t at,
			const struct ext_date *d, time_t now, uint32_t *off,
			uint32_t *len)
{
	int last = last_year(now), best = 0;
	size_t dist = SIZE_MAX;
	for (size_t i = 0; i + 4 <= v->len; i++) {
		int y = year_at(v, i, last);
		if (!y || !weekday_fits(y, d->m, d->d, d->wday))
			continue;
		size_t dd = i > at ? i - at : at - i;
		if (dd < dist) {
			dist = dd;
			best = y;
			*off = (uint32_t)i;
			*len = 4;
		}
		i += 3;
	}
	return best;
}

/* Does the sentence before text[at] (back to from) look back at the
 * date ("vanished 10 years ago, on 1 February 1995")? Such a date is
 * an anniversary, not the day of the news. */
static bool looks_back(const struct ext_view *v, size_t from, size_t at)
{
	const char *s = v->text;
	for (size_t i = at; i > from + 3; i--) {
		if (s[i - 1] == '.' && i < at && s[i] == ' ')
			return false;	/* the sentence starts after it */
		if (!memcmp(s + i - 3, "ago", 3) &&
		    (i - 3 == from || !ext_word_at(s, v->len, i - 4)) &&
		    !ext_word_at(s, v->len, i))
			return true;
	}
	return false;
}

/* Does the text name a year after y (in a date or as "in 2005")? An
 * article is not older than the years it writes about, so a date of y
 * in its running text is an event it looks back to. */
static bool names_later_year(const struct ext_view *v, int y, time_t now)
{
	int last = last_year(now);
	for (size_t i = 0; i + 4 <= v->len; i++)
		if (year_at(v, i, last) > y)
			return true;
	return false;
}

/* The date d as YYYYMMDD, taking a missing year from the text; 0 when
 * it is not usable. */
static int32_t resolve(const struct ext_view *v, const struct ext_date *d,
		       time_t now, struct ext_adate *out)
{
	int y = d->y;
	out->year_off = out->year_len = 0;
	if (d->kind == EXT_DATE_YEARLESS) {
		y = nearest_year(v, d->off, d, now, &out->year_off,
				 &out->year_len);
		/* Not older than a year the text names: "Saturday, 26
		 * February" is not of 1994 in a text that names 2001. */
		if (y && names_later_year(v, y, now))
			y = 0;
	} else if (d->kind != EXT_DATE_FULL) {
		return 0;
	}
	return y ? ext_date_ymd(y, d->m, d->d, now) : 0;
}

static bool take(const struct ext_view *v, const struct ext_date *d,
		 uint8_t from, time_t now, struct ext_adate *out)
{
	int32_t ymd = resolve(v, d, now, out);
	if (!ymd)
		return false;
	out->ymd = ymd;
	out->from = from;
	out->off = d->off;
	out->len = d->len;
	return true;
}

/*
 * The first date of the lead paragraph p, if it is the article's. A full
 * date is, unless the sentence looks back to it ("ten years ago") or the
 * text names a later year: an article is not older than what it reports.
 * A date without its year is only at the start ("Sept. 22 -- ") or in a
 * lead that opens with a dateline ("New York City - ... met on September
 * 22"); elsewhere it is an event's ("a Budget giveaway on 16 March").
 */
static bool lead_date(const struct ext_view *v, const struct ext_dateline *dl,
		      size_t p, time_t now, struct ext_date *d)
{
	size_t from = v->paras[p].off;
	bool dated_lead = dl->found && dl->place_off == from;
	if (dated_lead)
		from = dl->place_off + dl->place_len;
	if (!first_date(v, from, para_end(v, p, LEAD_SCAN), now, d))
		return false;
	if (d->kind != EXT_DATE_FULL)
		return dated_lead || d->off == v->paras[p].off;
	return !looks_back(v, v->paras[p].off, d->off) &&
	       !names_later_year(v, d->y, now);
}

void ext_find_date(const struct ext_view *v, const struct ext_dateline *dl,
		   const struct ext_when *when, struct ext_adate *out)
{
	time_t now = when->now;
	memset(out, 0, sizeof(*out));
	if (when->stated && nfs_date_valid(when->stated)) {
		out->ymd = when->stated;
		out->from = EXT_DATE_FROM_STATED;
		return;
	}
	struct ext_date d;
	size_t header = v->body < HEADER_PARAS ? v->body : HEADER_PARAS;
	/* A full date in the header lines: a timestamp, a byline. */
	for (size_t p = 0; p < header; p++)
		if (first_date(v, v->paras[p].off, para_end(v, p, HEADER_SCAN),
			       now, &d) && d.kind == EXT_DATE_FULL &&
		    take(v, &d, EXT_DATE_FROM_HEADER, now, out))
			return;
	if (dl->has_date && take(v, &dl->date, EXT_DATE_FROM_DATELINE, now,
				 out))
		return;
	if (v->body < v->nparas && lead_date(v, dl, v->body, now, &d) &&
	    take(v, &d, EXT_DATE_FROM_LEAD, now, out))
		return;
	/* A header line that is only a date without its year ("Sept. 22",
	 * "Updated: Sept. 22, 10:04"). */
	for (size_t p = 0; p < header; p++) {
		const char *s = v->text + v->paras[p].off;
		if (ext_date_line(s, v->paras[p].len, now, &d) &&
		    d.kind == EXT_DATE_YEARLESS && labels_only(s, d.off)) {
			d.off += v->paras[p].off;
			if (take(v, &d, EXT_DATE_FROM_HEADER, now, out))
				return;
		}
	}
	memset(out, 0, sizeof(*out));
}
