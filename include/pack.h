/*
 * Content packing: which new article the writer of a first run stores
 * next, so that the pages of the content table fill up instead of
 * keeping unused ends. It exists for the size of the index alone (the
 * figures, and the database target that holds only with it, are in
 * docs/performance.md); what is stored and shown is the same without it,
 * only the ids of a first run's articles come in another order.
 *
 * Two halves, and nothing else in newsfs depends on them:
 * - src/index/pack.c models the bytes a new row takes in the content
 *   table's rightmost leaf page (idx_pack_fit() below);
 * - src/ingest/order.c (order.h) picks, among the next few prepared
 *   files, one that still fits there.
 *
 * What the model relies on is SQLite's documented file format,
 * https://www.sqlite.org/fileformat2.html, and its C API:
 * - "B-tree Pages": a leaf page of a table b-tree has an 8-byte header
 *   and a 2-byte cell pointer per cell; the usable size U is the page
 *   size less the reserved space at the end of each page (the header's
 *   byte 20, asked through SQLITE_FCNTL_RESERVE_BYTES);
 * - "B-tree Cell Format", a table b-tree leaf cell: the payload's length
 *   and the rowid as varints, then the payload, or when it exceeds
 *   X = U-35, its first K bytes (M = ((U-12)*32/255)-23,
 *   K = M+((P-M)%(U-4)), M if K > X) and a 4-byte overflow page number;
 * - "Record Format": a header (its own length, then one serial type per
 *   column: 0 for NULL, which an INTEGER PRIMARY KEY is stored as, and
 *   N*2+12 for a blob of N bytes), then the values;
 * - "Variable-length integers": 1 to 9 bytes, 7 bits each but the last;
 * - AUTOINCREMENT (https://www.sqlite.org/autoinc.html): the next rowid
 *   is one more than sqlite_sequence's, on a table where rows were only
 *   ever added.
 * One thing is not in the file format: which leaf SQLite puts a row in.
 * The model assumes rows of ascending rowid go to the rightmost leaf, and
 * that a row that does not fit there starts a new one. Were that ever
 * not so, pages would be less full, nothing stored would differ, and
 * tests/unit/test_pack.c, which checks the model against SQLite's dbstat
 * after every insert, would fail.
 */
#ifndef NEWSFS_PACK_H
#define NEWSFS_PACK_H

#include <stddef.h>

struct idx;

/* What new content of len bytes would take in the content page being
 * filled, or 0: it would start a new page, or nobody knows (any run but
 * a first one into an empty content table, or after a rollback). */
size_t idx_pack_fit(const struct idx *ix, size_t len);

#endif
