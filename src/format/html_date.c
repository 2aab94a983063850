/*
 * The calendar date at the start of a metadata value, as written (a time
 * zone after it is not applied: "2019-01-03T23:30:00-05:00" is the 3rd,
 * the day the publisher meant). Metadata writes dates in a handful of
 * machine forms; prose dates are ext_extract()'s business.
 */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *const months[12] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec",
};

static int month_of(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (!isalpha((unsigned char)s[i]))
			return 0;
	for (int m = 0; m < 12; m++)
		if (strncasecmp(s, months[m], 3) == 0)
			return m + 1;
	return 0;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

static int32_t ymd_ok(int y, int m, int d)
{
	int32_t ymd = y * 10000 + m * 100 + d;
	return y >= 1900 && y <= 2200 && nfs_date_valid(ymd) ? ymd : 0;
}

/* An epoch in seconds (10 digits) or milliseconds (13), as UTC. */
static int32_t from_epoch(const char *s)
{
	size_t n = strspn(s, "0123456789");
	if ((n != 10 && n != 13) || s[n] != '\0')
		return 0;
	long long v = atoll(s);
	if (n == 13)
		v /= 1000;
	time_t t = (time_t)v;
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return 0;
	return ymd_ok(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int32_t hdate_parse(const char *s)
{
	int y, m, d;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	/* 2015-07-24..., 2015/07/24, 2015.07.24 */
	if (digits(s, 4, &y) && (s[4] == '-' || s[4] == '/' || s[4] == '.')) {
		char sep = s[4];
		const char *p = s + 5;
		if (digits(p, 2, &m))
			p += 2;
		else if (digits(p, 1, &m))
			p += 1;
		else
			return 0;
		if (*p != sep)
			return 0;
		p++;
		if (!digits(p, 2, &d) && !digits(p, 1, &d))
			return 0;
		if (isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]))
			return 0;
		return ymd_ok(y, m, d);
	}
	/* 20150724 alone or before a time */
	if (digits(s, 8, &y) && !isdigit((unsigned char)s[8]) &&
	    y / 10000 >= 1900) {
		int32_t ymd = y;
		return ymd_ok(ymd / 10000, ymd / 100 % 100, ymd % 100);
	}
	int32_t e = from_epoch(s);
	if (e)
		return e;
	/* RFC 2822 and textual: "Fri, 24 Jul 2015", "24 July 2015",
	 * "July 24, 2015", "Jul 24 2015". */
	const char *p = s;
	if (isalpha((unsigned char)*p) && month_of(p) == 0) {
		while (isalpha((unsigned char)*p))
			p++;
		while (*p == ',' || *p == ' ' || *p == '.')
			p++;
	}
	if (isdigit((unsigned char)*p)) {
		d = atoi(p);
		while (isdigit((unsigned char)*p))
			p++;
		while (*p == ' ' || *p == '-' || *p == '.' || *p == ',')
			p++;
		if (!(m = month_of(p)))
			return 0;
		while (isalpha((unsigned char)*p))
			p++;
		while (*p == ' ' || *p == '-' || *p == '.' || *p == ',')
			p++;
		if (!digits(p, 4, &y))
			return 0;
		return ymd_ok(y, m, d);
	}
	if ((m = month_of(p)) != 0) {
		while (isalpha((unsigned char)*p))
			p++;
		while (*p == ' ' || *p == '.')
			p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		d = atoi(p);
		while (isdigit((unsigned char)*p))
			p++;
		while (isalpha((unsigned char)*p))	/* 1st, 24th */
			p++;
		while (*p == ' ' || *p == ',')
			p++;
		if (!digits(p, 4, &y))
			return 0;
		return ymd_ok(y, m, d);
	}
	return 0;
}

/* An ISO 8601 value's instant in seconds (date, time, offset), and
 * whether it was written in UTC (or without an offset). false when the
 * value has no time of day. */
bool hdate_instant(const char *s, int64_t *t, bool *utc)
{
	int32_t ymd = hdate_parse(s);
	int y, mo, d, h, mi, sec = 0, oh, om;
	if (!ymd)
		return false;
	y = ymd / 10000;
	mo = ymd / 100 % 100;
	d = ymd % 100;
	while (*s == ' ')
		s++;
	const char *p = s + 10;
	if (strlen(s) < 16 || (*p != 'T' && *p != ' ') ||
	    !digits(p + 1, 2, &h) || p[3] != ':' || !digits(p + 4, 2, &mi))
		return false;
	p += 6;
	if (*p == ':' && digits(p + 1, 2, &sec))
		p += 3;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	int64_t off = 0;
	*utc = true;
	if ((*p == '+' || *p == '-') && digits(p + 1, 2, &oh)) {
		const char *q = p + 3;
		if (*q == ':')
			q++;
		if (!digits(q, 2, &om))
			om = 0;
		off = (int64_t)(oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
		*utc = off == 0;
	}
	*t = nfs_date_to_time(y * 10000 + mo * 100 + d) + h * 3600 + mi * 60 +
		sec - off;
	return true;
}
