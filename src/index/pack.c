/*
 * The index half of content packing (include/pack.h says why it exists
 * and which parts of SQLite's documented file format it relies on): the
 * bytes left in the content table's rightmost leaf page, and what a new
 * row would take there.
 *
 * The model must be exact or it is useless: one wrong byte can put a row
 * in a new leaf that the model thinks is in the old one, and every later
 * choice is then made for page ends that are not there. So it only runs
 * from an empty content table, whose one leaf is known to be empty, and
 * anything that may remove or roll back rows stops it.
 */
#include "internal.h"
#include "pack.h"

#include <stdbool.h>
#include <stdint.h>

#define LEAF_HEADER 8
#define CELL_POINTER 2

static size_t varint_len(uint64_t v)
{
	size_t n = 1;
	while (v >= 0x80 && n < 9) {
		v >>= 7;
		n++;
	}
	return n;
}

/* Bytes of the leaf a content row (rowid, len bytes of body) takes:
 * "B-tree Cell Format" and "Record Format" in fileformat2.html. */
static size_t cell_size(uint32_t usable, int64_t rowid, size_t len)
{
	/* The record: its header length, a NULL for the rowid alias "id",
	 * and the serial type of a blob of len bytes; then the blob. */
	size_t payload = 2 + varint_len(2 * (uint64_t)len + 12) + len;
	size_t max_local = usable - 35;
	size_t min_local = (usable - 12) * 32 / 255 - 23;
	size_t local = payload, overflow = 0;
	if (payload > max_local) {
		local = min_local + (payload - min_local) % (usable - 4);
		if (local > max_local)
			local = min_local;
		overflow = 4;
	}
	return CELL_POINTER + varint_len(payload) +
	       varint_len((uint64_t)rowid) + local + overflow;
}

/* Is the content table empty? OUT: the id the next article is likely to
 * get (AUTOINCREMENT gives one more than the most it ever gave out). */
static bool content_empty(struct idx *ix, int64_t *next_id, int *page)
{
	sqlite3_stmt *st = idx_stmt(ix, ST_PACK_STATE);
	if (!st)
		return false;
	bool empty = false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		empty = sqlite3_column_int(st, 0) != 0;
		int64_t seq = sqlite3_column_int64(st, 1);
		*next_id = seq < INT64_MAX ? seq + 1 : seq;	/* damaged */
		*page = sqlite3_column_int(st, 2);
	}
	idx_stmt_done(st);
	return empty;
}

void idx_pack_start(struct idx *ix)
{
	int reserve = -1, page = 0;
	ix->pack.on = false;
	if (sqlite3_file_control(ix->db, "main", SQLITE_FCNTL_RESERVE_BYTES,
				 &reserve) != SQLITE_OK || reserve < 0 ||
	    !content_empty(ix, &ix->pack.next_id, &page) || page < 512)
		return;
	ix->pack.usable = (uint32_t)(page - reserve);
	ix->pack.room = ix->pack.usable - LEAF_HEADER;
	ix->pack.on = true;
}

void idx_pack_stop(struct idx *ix)
{
	ix->pack.on = false;
}

size_t idx_pack_fit(const struct idx *ix, size_t len)
{
	if (!ix->pack.on)
		return 0;
	size_t cell = cell_size(ix->pack.usable, ix->pack.next_id, len);
	return cell <= ix->pack.room ? cell : 0;
}

void idx_pack_added(struct idx *ix, int64_t id, size_t len)
{
	if (!ix->pack.on)
		return;
	size_t cell = cell_size(ix->pack.usable, id, len);
	if (cell > ix->pack.room)
		ix->pack.room = ix->pack.usable - LEAF_HEADER;
	ix->pack.room -= cell;
	ix->pack.next_id = id + 1;
}
