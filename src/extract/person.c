/*
 * One entry per person of an article, from all the mentions of people
 * that official.c and people.c found.
 *
 * Mentions with equal keys (key.c) are one person: "Lloyd J. Austin" and
 * "Lloyd Austin", "Kihara Minoru" and "Minoru Kihara". A surname alone
 * ("President Bush", "Mr Blair") is the person of the one full name in
 * the article that has that word; with two ("George Bush", "Kate Bush")
 * it stays apart. Each person is named by the fullest form the article
 * writes ("George W Bush"), and is an official when any of their mentions
 * established an office.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* At most this many mentions per article are merged: merging compares
 * each with the people before it. */
#define MENTIONS_MAX 512

int ext_cands_push(struct ext_cands *c, const struct ext_cand *x)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		void *p = realloc(c->v, cap * sizeof(*c->v));
		if (!p)
			return -ENOMEM;
		c->v = p;
		c->cap = cap;
	}
	c->v[c->n++] = *x;
	return 0;
}

/* Does the two-word key have word as one of its words? */
static bool key_has(const char *key, const char *word)
{
	size_t n = strlen(word);
	const char *sp = strchr(key, ' ');
	return sp && (((size_t)(sp - key) == n && !memcmp(key, word, n)) ||
		      !strcmp(sp + 1, word));
}

/* Letters and words of a display name: a fuller form has more letters
 * in as many words at least ("George W Bush" over "George Bush", not
 * "Kim Jong Un" over "Kim Jong-un"). */
static void measure(const char *s, uint32_t *words, uint32_t *letters)
{
	*words = *s != '\0';
	*letters = 0;
	for (; *s; s++) {
		*words += *s == ' ';
		*letters += *s != ' ' && *s != '-' && *s != '.' && *s != '\'';
	}
}

static int push(struct ext_people *p, const struct ext_who *w)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 32;
		void *v = realloc(p->v, cap * sizeof(*p->v));
		if (!v)
			return -ENOMEM;
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n++] = *w;
	return 0;
}

/* The person with key (its hash: ext_fold_hash()), or NULL. */
static struct ext_who *find(struct ext_people *p, const char *key,
			    uint32_t hash)
{
	const char *str = p->strings->buf;
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].key_hash == hash && !strcmp(str + p->v[i].key, key))
			return &p->v[i];
	return NULL;
}

/* Add mention c: a new person, or more of one already seen. */
static int add(const struct ext_view *v, struct ext_people *p,
	       const struct ext_cand *c)
{
	struct sbuf *sb = p->strings;
	size_t name = sb->len;
	char key[256];
	if (ext_name_display(sb, v->text + c->name_off, c->name_len) ||
	    sbuf_addch(sb, '\0'))
		return -ENOMEM;
	/* Most mentions repeat a form already seen ("Mr Blair"): the same
	 * display is the same person, with no key to compute. */
	uint32_t hash = ext_fold_hash(sb->buf + name, sb->len - 1 - name);
	for (size_t i = 0; i < p->n; i++) {
		struct ext_who *w = &p->v[i];
		if (w->name_hash == hash &&
		    !strcmp(sb->buf + w->name, sb->buf + name)) {
			if (c->how && !w->office)
				w->office = c;
			w->cue |= c->cue;
			sb->len = name;
			return 0;
		}
	}
	size_t klen = ext_official_key(key, sizeof(key), sb->buf + name,
				       sb->len - 1 - name);
	uint32_t words, letters;
	measure(sb->buf + name, &words, &letters);
	uint32_t khash = ext_fold_hash(key, klen);
	struct ext_who *w = klen ? find(p, key, khash) : NULL;
	if (!klen || w) {
		if (w && c->how && !w->office)
			w->office = c;
		if (w)
			w->cue |= c->cue;
		if (w && words >= w->words && letters > w->letters) {
			w->name = (uint32_t)name;	/* a fuller form */
			w->name_hash = hash;
			w->words = words;
			w->letters = letters;
		} else {
			sb->len = name;
		}
		return 0;
	}
	struct ext_who x = {
		.name = (uint32_t)name, .key = (uint32_t)sb->len,
		.words = words, .letters = letters, .first = c->name_off,
		.first_len = c->name_len,
		.office = c->how ? c : NULL, .cue = c->cue, .name_hash = hash,
		.key_hash = khash,
		.surname = !memchr(key, ' ', klen),
	};
	if (sbuf_add(sb, key, klen + 1))
		return -ENOMEM;
	return push(p, &x);
}

/* Join each surname to the one full name that has it, unless the two
 * are written side by side as two people. */
static void join_surnames(struct ext_people *p)
{
	const char *str = p->strings->buf;
	for (size_t i = 0; i < p->n; i++) {
		struct ext_who *s = &p->v[i], *full = NULL;
		size_t n = 0;
		if (!s->surname)
			continue;
		for (size_t j = 0; j < p->n; j++) {
			struct ext_who *f = &p->v[j];
			if (!f->surname && key_has(str + f->key, str + s->key)) {
				full = f;
				n++;
			}
		}
		if (n != 1 || s->apart)
			continue;
		if (s->office && (!full->office ||
				  s->office->name_off < full->office->name_off))
			full->office = s->office;
		s->merged = true;
	}
}

/* The separators of a list of people: "A and B", "A, B", "A or B". */
static const char *const list_gaps[] = {" and ", ", ", " or ", " & "};

/* Is text[off, off + n) a whole word? */
static bool whole(const struct ext_view *v, size_t off, size_t n)
{
	return (off == 0 || !ext_word_at(v->text, v->len, off - 1)) &&
	       !ext_word_at(v->text, v->len, off + n);
}

/* Is the surname w (n bytes) listed right before or after the mention
 * at [off, end)? */
static bool listed_beside(const struct ext_view *v, size_t off, size_t end,
			  const char *w, size_t n)
{
	for (size_t k = 0; k < NFS_ARRAY_SIZE(list_gaps); k++) {
		size_t g = strlen(list_gaps[k]);
		if (off >= g + n && !memcmp(v->text + off - g, list_gaps[k], g) &&
		    !memcmp(v->text + off - g - n, w, n) &&
		    whole(v, off - g - n, n))
			return true;
		if (v->len - end >= g + n &&
		    !memcmp(v->text + end, list_gaps[k], g) &&
		    !memcmp(v->text + end + g, w, n) && whole(v, end + g, n))
			return true;
	}
	return false;
}

/*
 * "Reagan and Nancy Reagan would be in Venice": a surname listed beside
 * a full name that ends with it names someone else, so that surname
 * never joins that name.
 */
static void mark_apart(const struct ext_view *v, const struct ext_cands *c,
		       size_t max, struct ext_people *p)
{
	for (size_t i = 0; i < max; i++) {
		const struct ext_cand *f = &c->v[i];
		const char *name = v->text + f->name_off;
		const char *sp = NULL;
		for (size_t j = f->name_len; j-- > 0;)
			if (name[j] == ' ') {
				sp = name + j;
				break;
			}
		if (!sp)
			continue;
		const char *w = sp + 1;
		size_t n = (size_t)(name + f->name_len - w);
		if (!listed_beside(v, f->name_off, f->name_off + f->name_len,
				   w, n))
			continue;
		char key[256];
		size_t klen = ext_official_key(key, sizeof(key), w, n);
		struct ext_who *who =
			klen ? find(p, key, ext_fold_hash(key, klen)) : NULL;
		if (who && who->surname)
			who->apart = true;
	}
}

int ext_merge_people(const struct ext_view *v, const struct ext_cands *c,
		     struct ext_people *p)
{
	p->n = 0;
	size_t max = c->n < MENTIONS_MAX ? c->n : MENTIONS_MAX;
	for (size_t i = 0; i < max; i++) {
		int rc = add(v, p, &c->v[i]);
		if (rc)
			return rc;
	}
	mark_apart(v, c, max, p);
	join_surnames(p);
	return 0;
}
