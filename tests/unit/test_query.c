/* Unit tests for the query/ and search/ term parser (src/util/query.c). */
#include "check.h"
#include "query.h"

#include <errno.h>

static char err[256];

static struct nq_term parse_ok(const char *s)
{
	struct nq_term t;
	int rc = nq_parse_term(s, &t, err, sizeof(err));
	CHECK_INT(rc, 0, "'%s' parses (%s)", s, rc ? err : "");
	return t;
}

static void parse_bad(const char *s, const char *why)
{
	struct nq_term t;
	err[0] = '\0';
	int rc = nq_parse_term(s, &t, err, sizeof(err));
	CHECK(rc == -EINVAL && strstr(err, why), "'%s' is refused: %s", s,
	      err);
}

static void test_facets(void)
{
	struct nq_term t = parse_ok("country=Japan|South Korea");
	CHECK(t.facet == NQ_COUNTRY && !t.negate && t.nvalues == 2,
	      "two alternatives");
	CHECK_STR(t.values[1], "South Korea", "values keep inner spaces");
	nq_term_free(&t);
	t = parse_ok("!Country= China ");
	CHECK(t.negate && t.nvalues == 1, "a leading ! negates");
	CHECK_STR(t.values[0], "China", "values are trimmed");
	nq_term_free(&t);
	t = parse_ok("official=Reagan");
	CHECK(t.facet == NQ_OFFICIAL, "official=");
	nq_term_free(&t);
	t = parse_ok("source=www.bbc.co.uk");
	CHECK(t.facet == NQ_SOURCE, "source=");
	nq_term_free(&t);
	parse_bad("country=", "empty value");
	parse_bad("country=Japan||China", "empty value");
	parse_bad("colour=red", "not a term");
	parse_bad("Japan", "not a term");
	parse_bad("!", "not a term");
	parse_bad("", "not a term");
}

static void test_dates(void)
{
	struct nq_term t = parse_ok("date=2024");
	CHECK(t.nranges == 1 && t.ranges[0].lo == 20240101 &&
	      t.ranges[0].hi == 20241231, "a year is its days");
	nq_term_free(&t);
	t = parse_ok("date=2024-07..2024-09");
	CHECK(t.ranges[0].lo == 20240701 && t.ranges[0].hi == 20240931,
	      "a range of months");
	nq_term_free(&t);
	t = parse_ok("date=1987-04-01..1987-04-09|undated");
	CHECK(t.nranges == 2 && t.ranges[0].lo == 19870401 &&
	      t.ranges[0].hi == 19870409 && t.ranges[1].lo == 0 &&
	      t.ranges[1].hi == 0, "a range of days or undated");
	nq_term_free(&t);
	t = parse_ok("date=2024-07-28");
	CHECK(t.ranges[0].lo == 20240728 && t.ranges[0].hi == 20240728,
	      "one day");
	nq_term_free(&t);
	t = parse_ok("date=..1987-04");
	CHECK(t.ranges[0].lo == 10101 && t.ranges[0].hi == 19870431,
	      "open start");
	nq_term_free(&t);
	t = parse_ok("date=2020..");
	CHECK(t.ranges[0].lo == 20200101 && t.ranges[0].hi == 99991231,
	      "open end");
	nq_term_free(&t);
	parse_bad("date=2024-13", "not a date");
	parse_bad("date=2023-02-29", "not a date");
	parse_bad("date=24", "not a date");
	parse_bad("date=2024-7", "not a date");
	parse_bad("date=2024-07-28x", "not a date");
	parse_bad("date=..", "at least one side");
	parse_bad("date=2024..2023", "ends before");
	parse_bad("date=2024...2025", "not a date");
}

static void check_text(const char *in, const char *fts)
{
	struct nq_term t = parse_ok(in);
	CHECK_STR(t.fts, fts, "%s as FTS5", in);
	nq_term_free(&t);
}

static void test_text(void)
{
	check_text("text=missile launch",
		   "{body} : ((\"missile\" AND \"launch\"))");
	check_text("text=\"Freedom Edge\"", "{body} : ((\"Freedom Edge\"))");
	check_text("text=semiconduct*", "{body} : ((\"semiconduct\" *))");
	check_text("text=a|\"b | c\" d",
		   "{body} : ((\"a\") OR (\"b | c\" AND \"d\"))");
	check_text("text=say \"NEAR\" OR (x)",
		   "{body} : ((\"say\" AND \"NEAR\" AND \"OR\" AND \"(x)\"))");
	check_text("text=U.S.", "{body} : ((\"U.S.\"))");
	check_text("text=Erdoğan", "{body} : ((\"Erdoğan\"))");
	parse_bad("text=", "no words");
	parse_bad("text=   ", "no words");
	parse_bad("text=\"open", "closing");
	parse_bad("text=*", "must follow a word");
	parse_bad("text=...", "no word in it");
	parse_bad("text=a||b", "no words");
	parse_bad("text=\"a\"b", "put a space");

	struct sbuf e = {0};
	CHECK(nq_search_expr("north korea|\"kim jong\"", &e, err,
			     sizeof(err)) == 0, "search words parse");
	CHECK_STR(e.buf, "((\"north\" AND \"korea\") OR (\"kim jong\"))",
		  "search words are over every column");
	CHECK(nq_search_expr("", &e, err, sizeof(err)) == -EINVAL,
	      "no search words is refused");
	sbuf_release(&e);
}

static void test_fold(void)
{
	char out[64];
	nq_fold("Côte d'Ivoire", out, sizeof(out));
	CHECK_STR(out, "cote d'ivoire", "accents and case folded");
	nq_fold("SÃO TOMÉ Ș Ł", out, sizeof(out));
	CHECK_STR(out, "sao tome s l", "capitals with accents fold");
	nq_fold("Россия", out, sizeof(out));
	CHECK_STR(out, "Россия", "other scripts are kept");
	nq_fold("abcdef", out, 4);
	CHECK_STR(out, "abc", "cut at the buffer");
	nq_fold("\xc3", out, sizeof(out));
	CHECK_STR(out, "\xc3", "a broken sequence is kept as bytes");
}

int main(void)
{
	test_facets();
	test_dates();
	test_text();
	test_fold();
	return check_failed ? 1 : 0;
}
