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
 * Choosing the article's date (ext_find_date) prefers, in this order, a
 * full date in the header lines (a timestamp or byline), the dateline,
 * the lead paragraph, a year-less date in the header; a year-less date
 * takes its year from the file's time, never from a guess.
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

/* A weekday with its trailing comma and spaces ("Sun, "). */
static size_t weekday_at(const char *s, size_t len)
{
	size_t n = letters(s, len);
	if (!n || !ext_ascii_upper((unsigned char)s[0]))
		return 0;
	for (int k = 0; k < 7; k++) {
		if (!names_word(s, n, weekday_names[k]))
			continue;
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

size_t ext_date_parse(const char *s, size_t len, time_t now,
		      struct ext_date *d)
{
	size_t w = weekday_at(s, len);
	size_t n = 0;
	if (w < len && ext_ascii_digit((unsigned char)s[w])) {
		n = numeric(s + w, len - w, d);
		if (!n)
			n = day_first(s + w, len - w, now, d);
	} else if (w < len) {
		n = month_first(s + w, len - w, now, d);
	}
	if (!n)
		return 0;
	/* A number glued to the end ("May 20255") is not a date. */
	if (w + n < len && ext_ascii_digit((unsigned char)s[w + n]))
		return 0;
	if (d->m < 1 || d->m > 12 || (d->kind != EXT_DATE_MONTHYEAR &&
				      (d->d < 1 || d->d > 31)))
		return 0;
	return w + n;
}

bool ext_date_find(const char *text, size_t from, size_t to, time_t now,
		   struct ext_date *d)
{
	for (size_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)text[i];
		if (!ext_ascii_digit(c) && !ext_ascii_upper(c))
			continue;
		if (ext_word_before(text, i))
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

int32_t ext_date_before(int m, int d, time_t t)
{
	if (t <= 0)
		return 0;
	struct tm tm;
	gmtime_r(&t, &tm);
	int32_t today = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
			tm.tm_mday;
	/* Back a year when the day is still to come, and past non-leap
	 * years for 29 February. */
	for (int y = tm.tm_year + 1900; y > tm.tm_year + 1900 - 9; y--) {
		int32_t ymd = y * 10000 + m * 100 + d;
		if (ymd <= today && nfs_date_valid(ymd) && y >= 1800)
			return ymd;
	}
	return 0;
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
		if (!in_date && n >= 4 && !date_label(s + i, n) &&
		    !weekday_at(s + i, len - i))
			other++;
		i += n;
	}
	return other <= 1;
}

/* Bytes of a paragraph that may hold a header or lead date. */
#define HEADER_SCAN 200
#define LEAD_SCAN 400
/* Header paragraphs looked at: a page may have a long menu. */
#define HEADER_PARAS 20

/* The first FULL or YEARLESS date in the first max bytes of paragraph p
 * (month-year mentions are skipped: never an article's date). */
static bool para_date(const struct ext_view *v, size_t p, size_t max,
		      time_t now, struct ext_date *d)
{
	size_t from = v->paras[p].off;
	size_t to = from + (v->paras[p].len < max ? v->paras[p].len : max);
	while (ext_date_find(v->text, from, to, now, d)) {
		if (d->kind != EXT_DATE_MONTHYEAR)
			return true;
		from = d->off + d->len;
	}
	return false;
}

/* The date's YYYYMMDD if it is usable, inferring a missing year. */
static int32_t resolve(const struct ext_date *d, time_t file_time,
		       time_t now)
{
	if (d->kind == EXT_DATE_FULL)
		return ext_date_ymd(d->y, d->m, d->d, now);
	if (d->kind != EXT_DATE_YEARLESS)
		return 0;
	int32_t ymd = ext_date_before(d->m, d->d, file_time);
	return ymd ? ext_date_ymd(ymd / 10000, d->m, d->d, now) : 0;
}

static bool take(const struct ext_date *d, time_t file_time, time_t now,
		 int32_t *ymd, uint32_t *off, uint32_t *len)
{
	int32_t v = resolve(d, file_time, now);
	if (!v)
		return false;
	*ymd = v;
	*off = d->off;
	*len = d->len;
	return true;
}

void ext_find_date(const struct ext_view *v, const struct ext_dateline *dl,
		   time_t file_time, time_t now, int32_t *ymd, uint32_t *off,
		   uint32_t *len)
{
	*ymd = 0;
	*off = *len = 0;
	struct ext_date d, yearless = {.kind = EXT_DATE_MONTHYEAR};
	size_t header = v->body < HEADER_PARAS ? v->body : HEADER_PARAS;
	for (size_t p = 0; p < header; p++) {
		if (!para_date(v, p, HEADER_SCAN, now, &d))
			continue;
		if (d.kind == EXT_DATE_FULL && take(&d, 0, now, ymd, off, len))
			return;
		if (yearless.kind == EXT_DATE_MONTHYEAR)
			yearless = d;
	}
	if (dl->has_date && take(&dl->date, file_time, now, ymd, off, len))
		return;
	if (v->body < v->nparas && para_date(v, v->body, LEAD_SCAN, now, &d) &&
	    take(&d, file_time, now, ymd, off, len))
		return;
	take(&yearless, file_time, now, ymd, off, len);
}
