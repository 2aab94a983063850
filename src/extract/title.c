/*
 * The headline, which names the article's file in every view.
 *
 * Among the header paragraphs (those before the running text) it is the
 * line the page repeats (most sites print the headline twice: in the
 * breadcrumb or page title, and above the text), else the first line of
 * three words or more ("Since 1975" above a menu is a slogan), else the
 * first line with any word. A date line is never a headline. A text that
 * starts straight with its body gets its first sentence, cut at a word
 * boundary near EXT_SENTENCE_MAX bytes.
 */
#include "internal.h"

#include <string.h>

/* Paragraphs looked at for a headline. */
#define TITLE_PARAS 20

/* A token like "pj1a6zkcdaifo2i1vcis1uhq08w6": an image or tracking id
 * left over from scraping, never part of a headline. */
static bool has_id(const char *s, size_t len)
{
	size_t run = 0, digits = 0;
	for (size_t i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)s[i] : ' ';
		if (ext_ascii_lower(c) || ext_ascii_upper(c) ||
		    ext_ascii_digit(c)) {
			run++;
			digits += ext_ascii_digit(c);
			continue;
		}
		if (run >= 16 && digits >= 3)
			return true;
		run = digits = 0;
	}
	return false;
}

/* Has s a letter (or, if digits, a digit)? "199" is no headline, but
 * it is better than no title at all. */
static bool has_word(const char *s, size_t len, bool digits)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += ext_utf8_next(s + i, len - i, &cp);
		if (ext_cp_is_word(cp) &&
		    (digits || !(cp < 0x80 && ext_ascii_digit((int)cp))))
			return true;
	}
	return false;
}

/* Could paragraph p be a headline at all? */
static bool usable(const struct ext_view *v, size_t p, time_t now)
{
	const char *s = v->text + v->paras[p].off;
	size_t len = v->paras[p].len;
	struct ext_date d;
	return has_word(s, len, false) && !has_id(s, len) &&
	       !ext_date_line(s, len, now, &d);
}

/* Abbreviations whose full stop does not end a sentence. */
static bool abbreviation(const char *s, size_t n)
{
	static const char *const abbr[] = {
		"Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Col",
		"Lt", "Capt", "Adm", "Sgt", "Prof", "Inc", "Corp", "Co", "Ltd",
		"St", "Jr", "Sr", "No", "vs", "Jan", "Feb", "Mar", "Apr", "Jun",
		"Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft",
	};
	for (size_t k = 0; k < NFS_ARRAY_SIZE(abbr); k++)
		if (strlen(abbr[k]) == n && !memcmp(abbr[k], s, n))
			return true;
	return false;
}

/* Length of the first sentence of s. A full stop ends it only after a
 * word with a lower-case letter that is not an abbreviation, so "U.S.",
 * "Lloyd J. Austin" and "Mr. Kihara" do not. */
static size_t sentence(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if ((c != '.' && c != '!' && c != '?') ||
		    (i + 1 < len && s[i + 1] != ' '))
			continue;
		if (c != '.')
			return i + 1;
		size_t w = i;
		bool lower = false;
		while (w > 0 && (ext_ascii_lower((unsigned char)s[w - 1]) ||
				 ext_ascii_upper((unsigned char)s[w - 1]))) {
			lower |= ext_ascii_lower((unsigned char)s[w - 1]);
			w--;
		}
		if (lower && i - w >= 2 && !abbreviation(s + w, i - w))
			return i + 1;
	}
	return len;
}

/* Cut s to at most max bytes at a word boundary (or a character boundary
 * when one word is longer), without trailing punctuation. */
static size_t cut(const char *s, size_t len, size_t max)
{
	if (len > max) {
		size_t sp = max;
		while (sp > 0 && s[sp] != ' ')
			sp--;
		len = sp > max / 2 ? sp : utf8_trim(s, max);
		while (len > 0 && strchr(" ,;:-", s[len - 1]))
			len--;
	}
	return len;
}

/* The first header paragraph that passes the test, or SIZE_MAX. */
static size_t first_header(const struct ext_view *v, size_t header,
			   time_t now, uint32_t flags, uint32_t min_words)
{
	for (size_t p = 0; p < header; p++)
		if ((v->paras[p].flags & flags) == flags &&
		    v->paras[p].words >= min_words && usable(v, p, now))
			return p;
	return SIZE_MAX;
}

/* Title from the first sentence of paragraph p, if it has a word. */
static bool from_sentence(const struct ext_view *v, size_t p, size_t *off,
			  size_t *len)
{
	const char *s = v->text + v->paras[p].off;
	size_t n = v->paras[p].len;
	if (!has_word(s, n, true))
		return false;
	*off = v->paras[p].off;
	*len = cut(s, sentence(s, n), EXT_SENTENCE_MAX);
	return *len > 0;
}

void ext_find_title(const struct ext_view *v, time_t now, size_t *off,
		    size_t *len)
{
	*off = *len = 0;
	size_t header = v->body < TITLE_PARAS ? v->body : TITLE_PARAS;
	size_t p = first_header(v, header, now, PARA_REPEATED, 3);
	if (p == SIZE_MAX)
		p = first_header(v, header, now, 0, 3);
	if (p == SIZE_MAX)
		p = first_header(v, header, now, 0, 1);
	if (p != SIZE_MAX) {
		*off = v->paras[p].off;
		*len = cut(v->text + *off, v->paras[p].len, EXT_TITLE_MAX);
		return;
	}
	/* No headline: the first sentence of the body, else of anything
	 * with a word in it. */
	if (v->body < v->nparas && from_sentence(v, v->body, off, len))
		return;
	for (p = 0; p < v->nparas; p++)
		if (from_sentence(v, p, off, len))
			return;
}
