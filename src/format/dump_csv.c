/*
 * CSV and TSV datasets with a header row, with libcsv (Debian's
 * libcsv-dev): quoted fields may hold delimiters, doubled quotes and line
 * breaks. Input goes to libcsv a physical line at a time, so that a row
 * is known to start at a line's offset and a runaway quote is caught by
 * the record cap after at most max_record bytes, not at the end of the
 * file; a row ends only at '\n' outside quotes ('\r' before it is
 * dropped), so each line fed completes at most one row.
 */
#include "reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct cstate {
	struct csv_parser p;
	bool init, header_done, row_ready, failed;
	char delim;
	/* Header: column names and what each means. */
	char **names;
	int *role, *rank;
	size_t ncol, capcol;
	/* The row being read: its fields, one after another in buf. */
	struct sbuf buf;
	size_t *off;		/* field i is buf[off[i], off[i + 1]) */
	size_t nf, capf;
	uint64_t row_bytes;	/* fed since the row started */
	uint64_t row_offset, row_line, line;
	bool oom;
};

static void free_header(struct cstate *s)
{
	for (size_t i = 0; i < s->ncol; i++)
		free(s->names[i]);
	free(s->names);
	free(s->role);
	free(s->rank);
	s->names = NULL;
	s->role = s->rank = NULL;
	s->ncol = s->capcol = 0;
}

void cstate_free(struct cstate *s)
{
	if (!s)
		return;
	if (s->init)
		csv_free(&s->p);
	free_header(s);
	sbuf_release(&s->buf);
	free(s->off);
	free(s);
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\r';
}

static int is_space_csv(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int is_term(unsigned char c)
{
	return c == '\n';
}

static void on_field(void *data, size_t len, void *ud)
{
	struct cstate *s = ud;
	if (s->oom)
		return;
	if (s->nf + 2 > s->capf) {
		size_t cap = s->capf ? s->capf * 2 : 32;
		size_t *o = realloc(s->off, cap * sizeof(*o));
		if (!o) {
			s->oom = true;
			return;
		}
		s->off = o;
		s->capf = cap;
	}
	if (s->nf == 0)
		s->off[0] = 0;
	if (len && sbuf_add(&s->buf, data, len)) {
		s->oom = true;
		return;
	}
	s->nf++;
	s->off[s->nf] = s->buf.len;
}

static void on_row(int c, void *ud)
{
	struct cstate *s = ud;
	(void)c;
	s->row_ready = true;
}

/* The delimiter of a header line: the most frequent of , ; tab | outside
 * quotes (',' on a tie or none). */
static char guess_delim(const char *line, size_t len)
{
	static const char cand[] = {',', ';', '\t', '|'};
	size_t count[4] = {0};
	bool q = false;
	for (size_t i = 0; i < len; i++) {
		if (line[i] == '"')
			q = !q;
		for (int k = 0; k < 4 && !q; k++)
			count[k] += line[i] == cand[k];
	}
	int best = 0;
	for (int k = 1; k < 4; k++)
		if (count[k] > count[best])
			best = k;
	return cand[best];
}

static void reset_row(struct cstate *s)
{
	sbuf_reset(&s->buf);
	s->nf = 0;
	s->row_ready = false;
	s->row_bytes = 0;
}

static int take_header(struct fmt_reader *r, struct cstate *s)
{
	s->ncol = s->nf;
	s->names = calloc(s->ncol ? s->ncol : 1, sizeof(*s->names));
	s->role = calloc(s->ncol ? s->ncol : 1, sizeof(*s->role));
	s->rank = calloc(s->ncol ? s->ncol : 1, sizeof(*s->rank));
	if (!s->names || !s->role || !s->rank)
		return -ENOMEM;
	bool body = false;
	for (size_t i = 0; i < s->ncol; i++) {
		const char *f = s->buf.buf ? s->buf.buf + s->off[i] : "";
		size_t n = s->off[i + 1] - s->off[i];
		if (i == 0 && n >= 3 && !memcmp(f, "\xef\xbb\xbf", 3)) {
			f += 3;
			n -= 3;
		}
		s->names[i] = strndup(f, n);
		if (!s->names[i])
			return -ENOMEM;
		enum fmt_role role;
		s->rank[i] = fields_lookup(&r->fields, f, n, &role);
		s->role[i] = s->rank[i] >= 0 ? (int)role : -1;
		body |= s->rank[i] >= 0 && (role == FMT_ROLE_TEXT ||
					    role == FMT_ROLE_HTML);
	}
	return body ? 0 : -ENOENT;
}

static struct cstate *cstate(struct fmt_reader *r)
{
	struct cstate *s = r->cs;
	if (!s) {
		s = r->cs = calloc(1, sizeof(*s));
		if (!s)
			return NULL;
	}
	if (r->fresh) {
		/* A new leaf. */
		r->fresh = false;
		s->header_done = s->failed = s->oom = false;
		if (s->init)
			csv_free(&s->p);
		s->init = false;
		free_header(s);
		reset_row(s);
		s->line = 0;
		s->delim = 0;
		if (csv_init(&s->p, CSV_APPEND_NULL) != 0)
			return NULL;
		s->init = true;
		csv_set_term_func(&s->p, is_term);
		csv_set_blk_size(&s->p, 64u << 10);
	}
	return s;
}

int csv_next(struct fmt_reader *r, struct fmt_record *rec,
	     const char **reason)
{
	struct cstate *s = cstate(r);
	if (!s)
		return -ENOMEM;
	if (s->failed)
		return FMT_END;
	for (;;) {
		const char *line;
		size_t len;
		bool nl;
		uint64_t off = r->in->pos;
		if (s->nf == 0 && !s->row_bytes) {
			s->row_offset = off;
			s->row_line = s->line + 1;
		}
		int rc = fin_line(r->in, (size_t)r->o.max_record, &line, &len, &nl);
		if (rc == 0) {
			/* The end: a last row without a line break. */
			if (s->row_bytes) {
				csv_fini(&s->p, on_field, on_row, s);
				s->row_bytes = 0;
			}
			if (!s->row_ready)
				return FMT_END;
		} else if (rc == -E2BIG || (rc > 0 &&
			   s->row_bytes + len > r->o.max_record)) {
			s->line++;
			csv_fini(&s->p, NULL, NULL, NULL);
			reset_row(s);
			r->n += s->header_done;
			reader_loc(r, rec, FMT_LOC_ROW, r->n, s->row_offset);
			*reason = reader_msg(r, "row at line %llu longer than the "
					     "cap of %llu bytes per record (an "
					     "unclosed quote?); reading goes on "
					     "at line %llu",
					     (unsigned long long)s->row_line,
					     (unsigned long long)r->o.max_record,
					     (unsigned long long)s->line + 1);
			if (!s->header_done) {
				s->failed = true;
				return -EFBIG;
			}
			return FMT_REJECT;
		} else if (rc < 0) {
			reader_loc(r, rec, FMT_LOC_ROW, r->n + 1, s->row_offset);
			*reason = reader_msg(r, "%s", r->in->why ? r->in->why :
					     "read error");
			return rc;
		} else if (!s->row_bytes && (len == 0 ||
			   (len == 1 && line[0] == '\r'))) {
			s->line++;
			r->st.blank++;
			continue;
		} else {
			s->line++;
			if (!s->delim) {
				s->delim = r->leaf == FMT_TSV ? '\t' :
					guess_delim(line, len);
				csv_set_delim(&s->p, (unsigned char)s->delim);
				csv_set_space_func(&s->p, s->delim == '\t' ?
						   is_space : is_space_csv);
			}
			s->row_bytes += len + nl;
			if (csv_parse(&s->p, line, len, on_field, on_row, s) != len ||
			    (nl && csv_parse(&s->p, "\n", 1, on_field, on_row,
					     s) != 1))
				s->oom = true;
		}
		if (s->oom)
			return -ENOMEM;
		if (!s->row_ready)
			continue;
		if (!s->header_done) {
			s->header_done = true;
			rc = take_header(r, s);
			reset_row(s);
			if (rc == -ENOENT) {
				s->failed = true;
				reader_loc(r, rec, FMT_LOC_ROW, 0, 0);
				*reason = reader_msg(r, "no column for the body in "
						     "the header row (maintext, "
						     "text, content, article, "
						     "body, story; map one with "
						     "body=NAME)");
				return -EINVAL;
			}
			if (rc)
				return rc;
			continue;
		}
		r->n++;
		reader_loc(r, rec, FMT_LOC_ROW, r->n, s->row_offset);
		struct drec *d = &r->d;
		drec_reset(d);
		for (size_t i = 0; i < s->ncol && i < s->nf; i++) {
			if (s->role[i] < 0)
				continue;
			if ((rc = drec_offer(d, (enum fmt_role)s->role[i],
					     s->rank[i], s->names[i],
					     s->buf.buf ? s->buf.buf + s->off[i] : "",
					     s->off[i + 1] - s->off[i])))
				return rc;
		}
		reset_row(s);
		rc = drec_finish(r, d, rec, reason);
		if (rc == FMT_REJECT)
			*reason = reader_msg(r, "%s (line %llu)", *reason,
					     (unsigned long long)s->row_line);
		return rc;
	}
}
