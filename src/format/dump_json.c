/*
 * Scraper dumps in JSON, with json-c: JSON Lines (one object per line,
 * read line by line), and JSON files holding one object, an array of
 * objects, objects one after another, or one object wrapping an array of
 * them ({"articles": [...]}). json-c's tokener is fed chunk by chunk and
 * holds one element at a time, so an array of any length is read with
 * memory bounded by its largest element.
 */
#include "reader.h"
#include "ctx.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

struct jstate {
	struct json_tokener *tok;
	enum { J_START, J_ARRAY, J_VALUES, J_WRAPPED, J_DONE } mode;
	struct json_object *root;	/* a wrapper, held while its list is read */
	struct json_object *list;
	size_t idx;
	uint64_t elem_n;
};

void jstate_free(struct jstate *j)
{
	if (!j)
		return;
	if (j->tok)
		json_tokener_free(j->tok);
	if (j->root)
		json_object_put(j->root);
	free(j);
}

static struct jstate *jstate(struct fmt_reader *r)
{
	if (!r->js) {
		r->js = calloc(1, sizeof(*r->js));
		if (r->js && !(r->js->tok = json_tokener_new())) {
			free(r->js);
			r->js = NULL;
		}
	}
	if (r->js && r->fresh) {
		/* A new leaf. */
		r->fresh = false;
		if (r->js->root)
			json_object_put(r->js->root);
		r->js->root = r->js->list = NULL;
		r->js->mode = J_START;
		r->js->idx = 0;
	}
	return r->js;
}

/* One value for a role: strings as they are, numbers as written (epoch
 * dates), lists of strings or of objects with a "name" (authors), an
 * object's "name" (NewsAPI's source); the body may be a list of
 * paragraphs. */
static int offer(struct drec *d, enum fmt_role role, int rank, const char *key,
		 struct json_object *v)
{
	int rc = 0;
	switch (json_object_get_type(v)) {
	case json_type_string:
		return drec_offer(d, role, rank, key, json_object_get_string(v),
				  (size_t)json_object_get_string_len(v));
	case json_type_int:
	case json_type_double:
		if (role != FMT_ROLE_DATE)
			return 0;
		return drec_offer(d, role, rank, key, json_object_get_string(v),
				  strlen(json_object_get_string(v)));
	case json_type_object: {
		struct json_object *n;
		if ((role == FMT_ROLE_SITE || role == FMT_ROLE_BYLINE) &&
		    json_object_object_get_ex(v, "name", &n) &&
		    json_object_is_type(n, json_type_string))
			return drec_offer(d, role, rank, key,
					  json_object_get_string(n),
					  (size_t)json_object_get_string_len(n));
		return 0;
	}
	case json_type_array: {
		size_t len = json_object_array_length(v);
		bool list = role == FMT_ROLE_BYLINE || role == FMT_ROLE_TEXT;
		for (size_t i = 0; i < len && !rc; i++) {
			struct json_object *e = json_object_array_get_idx(v, i);
			const char *s = NULL;
			size_t n = 0;
			struct json_object *nm;
			if (json_object_is_type(e, json_type_string)) {
				s = json_object_get_string(e);
				n = (size_t)json_object_get_string_len(e);
			} else if (json_object_is_type(e, json_type_object) &&
				   json_object_object_get_ex(e, "name", &nm) &&
				   json_object_is_type(nm, json_type_string)) {
				s = json_object_get_string(nm);
				n = (size_t)json_object_get_string_len(nm);
			}
			if (!s)
				continue;
			if (!list)
				return drec_offer(d, role, rank, key, s, n);
			rc = drec_append(d, role, rank, key, s, n,
					 role == FMT_ROLE_TEXT ? "\n" : ", ");
		}
		return rc;
	}
	default:
		return 0;
	}
}

/* A user's dotted path ("source.name"), case-insensitively. */
static struct json_object *path_get(struct json_object *o, const char *path)
{
	while (o && *path) {
		size_t n = strcspn(path, ".");
		struct json_object *next = NULL;
		if (!json_object_is_type(o, json_type_object))
			return NULL;
		json_object_object_foreach(o, k, v) {
			if (strlen(k) == n && strncasecmp(k, path, n) == 0) {
				next = v;
				break;
			}
		}
		o = next;
		path += n;
		if (*path == '.')
			path++;
	}
	return o;
}

static int object_fields(struct fmt_reader *r, struct json_object *o)
{
	struct drec *d = &r->d;
	int rc = 0;
	drec_reset(d);
	for (size_t i = 0; i < r->fields.nuser && !rc; i++) {
		const struct fmt_field *u = &r->fields.user[i];
		struct json_object *v;
		if (strchr(u->name, '.') && (v = path_get(o, u->name)))
			rc = offer(d, u->role, (int)i, u->name, v);
	}
	json_object_object_foreach(o, k, v) {
		enum fmt_role role;
		int rank = fields_lookup(&r->fields, k, strlen(k), &role);
		if (rank >= 0 && !v && role == FMT_ROLE_TEXT)
			rc = drec_offer(d, role, rank, k, "", 0);
		else if (rank >= 0 && v)
			rc = offer(d, role, rank, k, v);
		if (rc)
			return rc;
	}
	return rc;
}

/* An object to a record (FMT_RECORD or FMT_REJECT), or -ENOMEM. */
static int from_object(struct fmt_reader *r, struct json_object *o,
		       struct fmt_record *rec, const char **reason)
{
	int rc = object_fields(r, o);
	return rc ? rc : drec_finish(r, &r->d, rec, reason);
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

int jsonl_next(struct fmt_reader *r, struct fmt_record *rec,
	       const char **reason)
{
	struct jstate *j = jstate(r);
	if (!j)
		return -ENOMEM;
	for (;;) {
		const char *line;
		size_t len;
		bool nl;
		uint64_t off = r->in->pos;
		int rc = fin_line(r->in, (size_t)r->o.max_record, &line, &len, &nl);
		if (rc == 0)
			return FMT_END;
		if (rc == -E2BIG) {
			r->n++;
			reader_loc(r, rec, FMT_LOC_LINE, r->n, off);
			if (r->plain_jsonl && !r->in->eof) {
				r->good_offset = r->in->pos;
				r->good_lines = r->n;
			}
			*reason = reader_msg(r, "line of %zu bytes, longer than the "
					     "cap of %llu per record", len,
					     (unsigned long long)r->o.max_record);
			return FMT_REJECT;
		}
		if (rc < 0) {
			reader_loc(r, rec, FMT_LOC_LINE, r->n + 1, off);
			*reason = reader_msg(r, "%s", r->in->why ? r->in->why :
					     "read error");
			return rc;
		}
		r->n++;
		if (r->plain_jsonl && nl) {
			r->good_offset = r->in->pos;
			r->good_lines = r->n;
		}
		if (r->n == 1 && len >= 3 && !memcmp(line, "\xef\xbb\xbf", 3)) {
			line += 3;
			len -= 3;
		}
		if (blank(line, len)) {
			r->st.blank++;
			continue;
		}
		reader_loc(r, rec, FMT_LOC_LINE, r->n, off);
		rec->raw = line;
		rec->raw_len = len;
		json_tokener_reset(j->tok);
		struct json_object *o = json_tokener_parse_ex(j->tok, line,
							      (int)len);
		enum json_tokener_error err = json_tokener_get_error(j->tok);
		if (!o || err != json_tokener_success) {
			if (o)
				json_object_put(o);
			*reason = err == json_tokener_continue ?
				reader_msg(r, "broken JSON: the line ends inside "
					   "a value%s", nl ? "" :
					   " (the file ends without a newline: "
					   "cut short?)") :
				reader_msg(r, "broken JSON: %s at byte %zu of the "
					   "line", json_tokener_error_desc(err),
					   json_tokener_get_parse_end(j->tok) + 1);
			return FMT_REJECT;
		}
		size_t end = json_tokener_get_parse_end(j->tok);
		if (!blank(line + end, len - end)) {
			json_object_put(o);
			*reason = reader_msg(r, "broken JSON: text after the object "
					     "at byte %zu of the line", end + 1);
			return FMT_REJECT;
		}
		if (!json_object_is_type(o, json_type_object)) {
			json_object_put(o);
			*reason = reader_msg(r, "not a JSON object");
			return FMT_REJECT;
		}
		rc = from_object(r, o, rec, reason);
		json_object_put(o);
		return rc;
	}
}

static void skip_space(struct fin *in)
{
	for (;;) {
		if (fin_fill(in, 1) || !fin_avail(in))
			return;
		const char *p = fin_data(in);
		size_t n = fin_avail(in), k = 0;
		while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\n' ||
				 p[k] == '\r'))
			k++;
		fin_consume(in, k);
		if (k < n)
			return;
	}
}

static int peek(struct fin *in)
{
	skip_space(in);
	if (in->err && !fin_avail(in))
		return -2;
	return fin_avail(in) ? (unsigned char)*fin_data(in) : -1;
}

/* Parse the next value from the stream, chunk by chunk: 1 with *out, or
 * FMT_REJECT-worthy errors as negatives with *reason. */
static int parse_value(struct fmt_reader *r, struct jstate *j,
		       struct json_object **out, const char **reason)
{
	struct fin *in = r->in;
	uint64_t fed = 0;
	json_tokener_reset(j->tok);
	for (;;) {
		int rc = fin_fill(in, 1);
		if (rc) {
			*reason = reader_msg(r, "%s", in->why ? in->why :
					     "read error");
			return rc;
		}
		size_t n = fin_avail(in);
		if (!n) {
			*reason = reader_msg(r, "the file ends inside a value "
					     "(cut short?)");
			return -EIO;
		}
		if (n > (1u << 20))
			n = 1u << 20;
		struct json_object *o = json_tokener_parse_ex(j->tok,
							      fin_data(in), (int)n);
		enum json_tokener_error err = json_tokener_get_error(j->tok);
		if (err == json_tokener_continue) {
			fin_consume(in, n);
			fed += n;
			if (fed > r->o.max_record) {
				*reason = reader_msg(r, "a value longer than the "
						     "cap of %llu bytes per "
						     "record; the rest of the "
						     "file is not read",
						     (unsigned long long)
						     r->o.max_record);
				return -EFBIG;
			}
			continue;
		}
		if (err != json_tokener_success || !o) {
			if (o)
				json_object_put(o);
			*reason = reader_msg(r, "broken JSON: %s at byte %llu; "
					     "the rest of the file is not read",
					     json_tokener_error_desc(err),
					     (unsigned long long)(in->pos +
					     json_tokener_get_parse_end(j->tok)));
			return -EINVAL;
		}
		fin_consume(in, json_tokener_get_parse_end(j->tok));
		*out = o;
		return 1;
	}
}

/* The array of objects a wrapper holds ({"articles": [...]}), if any. */
static struct json_object *wrapped_list(struct json_object *o)
{
	json_object_object_foreach(o, k, v) {
		(void)k;
		if (json_object_is_type(v, json_type_array) &&
		    json_object_array_length(v) > 0 &&
		    json_object_is_type(json_object_array_get_idx(v, 0),
					json_type_object))
			return v;
	}
	return NULL;
}

int json_next(struct fmt_reader *r, struct fmt_record *rec,
	      const char **reason)
{
	struct jstate *j = jstate(r);
	if (!j)
		return -ENOMEM;
	struct fin *in = r->in;
	int c, rc;
	if (j->mode == J_START) {
		if (fin_fill(in, 3) == 0 && fin_avail(in) >= 3 &&
		    !memcmp(fin_data(in), "\xef\xbb\xbf", 3))
			fin_consume(in, 3);
		c = peek(in);
		if (c == '[') {
			fin_consume(in, 1);
			j->mode = J_ARRAY;
			if (peek(in) == ']') {
				fin_consume(in, 1);
				j->mode = J_DONE;
			}
		} else if (c == '{') {
			j->mode = J_VALUES;
		} else {
			reader_loc(r, rec, FMT_LOC_FILE, 0, in->pos);
			*reason = reader_msg(r, c < 0 ? "empty JSON file" :
					     "not JSON: neither an object nor "
					     "an array");
			j->mode = J_DONE;
			return c == -2 ? -EIO : FMT_REJECT;
		}
	}
	for (;;) {
		if (j->mode == J_DONE)
			return FMT_END;
		if (j->mode == J_WRAPPED) {
			if (j->idx >= json_object_array_length(j->list)) {
				json_object_put(j->root);
				j->root = j->list = NULL;
				j->mode = J_VALUES;
				continue;
			}
			struct json_object *e =
				json_object_array_get_idx(j->list, j->idx++);
			r->n++;
			reader_loc(r, rec, FMT_LOC_ELEMENT, r->n, 0);
			if (!json_object_is_type(e, json_type_object)) {
				*reason = reader_msg(r, "not a JSON object");
				return FMT_REJECT;
			}
			return from_object(r, e, rec, reason);
		}
		uint64_t off = in->pos;
		if (j->mode == J_ARRAY && r->n > 0) {
			c = peek(in);
			if (c == ']') {
				j->mode = J_DONE;
				continue;
			}
			if (c != ',') {
				reader_loc(r, rec, FMT_LOC_ELEMENT, r->n + 1, in->pos);
				j->mode = J_DONE;
				*reason = reader_msg(r, c < 0 ?
						     "the file ends inside the "
						     "array (cut short?)" :
						     "broken JSON: no ',' or ']' "
						     "after an element");
				return -EIO;
			}
			fin_consume(in, 1);
		}
		if (j->mode == J_VALUES) {
			c = peek(in);
			if (c == -1) {
				j->mode = J_DONE;
				continue;
			}
		}
		skip_space(in);
		off = in->pos;
		struct json_object *o = NULL;
		r->n++;
		rc = parse_value(r, j, &o, reason);
		if (rc < 0) {
			reader_loc(r, rec, FMT_LOC_ELEMENT, r->n, off);
			j->mode = J_DONE;
			return rc;
		}
		/* One object alone in the file is the file's record. */
		bool alone = j->mode == J_VALUES && r->n == 1 && peek(in) == -1;
		reader_loc(r, rec, alone ? FMT_LOC_FILE : FMT_LOC_ELEMENT,
			   alone ? 0 : r->n, off);
		if (!json_object_is_type(o, json_type_object)) {
			json_object_put(o);
			*reason = reader_msg(r, "not a JSON object");
			return FMT_REJECT;
		}
		rc = object_fields(r, o);
		if (!rc && j->mode == J_VALUES && r->d.rank[FMT_ROLE_TEXT] < 0 &&
		    r->d.rank[FMT_ROLE_HTML] < 0 && (j->list = wrapped_list(o))) {
			j->root = o;
			j->idx = 0;
			j->mode = J_WRAPPED;
			r->n--;
			continue;
		}
		if (!rc)
			rc = drec_finish(r, &r->d, rec, reason);
		json_object_put(o);
		return rc;
	}
}
