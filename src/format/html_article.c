/*
 * A page's article text, as Readability reads it: choose the main content
 * (html_score.c), clean it (html_clean.c), write it (html_out.c). When
 * the result is short the page is read again with fewer removals.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CHAR_THRESHOLD 500	/* shorter content: read again, keeping more */

static int save(struct htext *t)
{
	struct hdom *d = t->d;
	if (t->savedcap < d->nn) {
		struct hnode *s = realloc(t->saved, d->nn * sizeof(*s));
		if (!s)
			return -ENOMEM;
		t->saved = s;
		t->savedcap = d->nn;
	}
	memcpy(t->saved, d->n, d->nn * sizeof(*d->n));
	t->nsaved = d->nn;
	return 0;
}

static void restore(struct htext *t)
{
	memcpy(t->d->n, t->saved, t->nsaved * sizeof(*t->d->n));
	t->d->nn = t->nsaved;
}

/* One attempt with t->flags; the text in out (empty if none). */
static int attempt(struct htext *t, struct sbuf *out)
{
	uint32_t art;
	sbuf_reset(out);
	int rc = htext_choose(t, &art);
	if (rc || !art)
		return rc;
	if ((rc = htext_agg(t, art)) || (rc = htext_prep(t, art)))
		return rc;
	return hout_text(t->d, art, out);
}

int htext_extract(struct hdom *d, struct htext *t, struct sbuf *out)
{
	static const unsigned drop[] = {HT_STRIP_UNLIKELY, HT_WEIGHT_CLASSES,
					HT_CLEAN_COND};
	int rc;
	t->d = d;
	t->flags = HT_ALL;
	sbuf_reset(out);
	sbuf_reset(&t->attempt);
	if ((rc = htext_fit(t)) || (rc = save(t)))
		return rc;
	/* Text nodes never change: count them once for every attempt. */
	for (uint32_t i = 1; i < d->nn; i++) {
		const struct hnode *n = &d->n[i];
		if (n->type != HN_TEXT)
			continue;
		bool space = true;
		const char *s = hdom_str(d, n->str);
		t->tchars[i] = (uint32_t)text_chars(s, n->len, &space);
		t->tcommas[i] = (uint32_t)text_commas(s, n->len);
	}
	for (size_t k = 0; ; k++) {
		if ((rc = attempt(t, &t->attempt)))
			return rc;
		bool sp = true;
		size_t n = text_chars(t->attempt.buf ? t->attempt.buf : "",
				      t->attempt.len, &sp);
		bool sp2 = true;
		size_t best = text_chars(out->buf ? out->buf : "", out->len, &sp2);
		if (n > best || !out->len) {
			sbuf_reset(out);
			if (t->attempt.len &&
			    sbuf_add(out, t->attempt.buf, t->attempt.len))
				return -ENOMEM;
		}
		if (n >= CHAR_THRESHOLD || k == NFS_ARRAY_SIZE(drop))
			break;
		t->flags &= ~drop[k];
		restore(t);
	}
	return 0;
}
