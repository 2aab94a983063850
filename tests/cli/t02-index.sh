# newsfs index: incremental runs, duplicates, vanished and rejected files.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/corpus DB=$T/index.db
make_corpus "$SRC"
idx() { "$NEWSFS" index --db "$DB" "$@"; }
count() { "$NEWSFS" stats --db "$DB" | awk -v k="$1" '$1 == k { print $2 }'; }

expect 'the first run indexes 5 articles from 6 files and says so' '
	idx "$SRC" >"$T/out" 2>"$T/err" &&
	grep -qE "^6 files seen, 5 new articles, 1 duplicates, 0 unchanged, 0 rejected, 0 vanished, [0-9.]+ s$" "$T/out" &&
	test ! -s "$T/err"'

expect 'the index file is private to the user (0600)' '
	test "$(stat -c %a "$DB")" = 600'

expect 'stats counts articles, sources and duplicates' '
	test "$(count articles)" = 5 && test "$(count sources)" = 6 &&
	test "$(count duplicates)" = 1 && test "$(count index_runs)" = 1'

expect 'export prints a header and one row per source path' '
	"$NEWSFS" export --db "$DB" >"$T/export" &&
	head -1 "$T/export" | grep -qx "path.hash.date.countries.officials" &&
	test "$(tail -n +2 "$T/export" | wc -l)" = 6 &&
	test -z "$(tail -n +2 "$T/export" | awk -F"\t" "NF != 5")" &&
	test -z "$(tail -n +2 "$T/export" | cut -f2 | grep -vxE "[0-9a-f]{32}")"'

# The folder of the first run is stored once (schema 12), not in every
# source row and again in the path index.
expect 'source paths below the first run'"'"'s folder are stored short and given back whole' '
	test "$(db_sql "$DB" "SELECT path FROM source_base")" = "$(realpath "$SRC")" &&
	test "$(db_sql "$DB" "SELECT count(*) FROM source WHERE substr(path, 1, 2) <> \"./\"")" = 0 &&
	test "$(tail -n +2 "$T/export" | cut -f1 | grep -c "^$(realpath "$SRC")/")" = 6'

expect 'duplicate files share one hash in the export' '
	test "$(grep -E "/(003_0def9fb4c96538bf|copy-of-003)\.txt	" "$T/export" |
		cut -f2 | sort -u | wc -l)" = 1'

expect 'a re-run skips unchanged files without reading them' '
	idx --max-size 1 "$SRC" >"$T/out" 2>"$T/err" &&
	grep -q "^6 files seen, 0 new articles, 0 duplicates, 6 unchanged, 0 rejected, 0 vanished" "$T/out" &&
	test ! -s "$T/err"'

expect 'a changed file is re-indexed and its old content forgotten' '
	old=$(grep "/000_d4e11ae205ea5e0b.txt	" "$T/export" | cut -f2) &&
	echo "Updated paragraph about Japan." >>"$SRC/000_d4e11ae205ea5e0b.txt" &&
	idx "$SRC" >"$T/out" &&
	grep -q " 1 new articles, 0 duplicates, 5 unchanged" "$T/out" &&
	"$NEWSFS" export --db "$DB" >"$T/export2" &&
	new=$(grep "/000_d4e11ae205ea5e0b.txt	" "$T/export2" | cut -f2) &&
	test "$old" != "$new" && ! grep -q "$old" "$T/export2" &&
	test "$(count articles)" = 5'

expect 'removing one of two duplicates keeps the article' '
	rm "$SRC/sub/copy-of-003.txt" &&
	idx "$SRC" >"$T/out" && grep -q " 1 vanished" "$T/out" &&
	test "$(count articles)" = 5 && test "$(count sources)" = 5'

expect 'a vanished file takes its article with it' '
	rm "$SRC/001_c522d80f6b614471.txt" &&
	idx "$SRC" >"$T/out" && grep -q " 1 vanished" "$T/out" &&
	test "$(count articles)" = 4 &&
	! "$NEWSFS" export --db "$DB" | grep -q 001_c522d80f6b614471'

expect 'a file that turns bad keeps what the index had for it' '
	printf "now\0binary" >"$SRC/002_c5ceba19f725f479.txt" &&
	idx "$SRC" -v >"$T/out" 2>"$T/err" &&
	grep -q "002_c5ceba19f725f479.txt: not an article: binary data (NUL bytes)" "$T/err" &&
	grep -q " 0 rejected, 1 not articles, " "$T/out" &&
	test "$(count articles)" = 4 &&
	"$NEWSFS" export --db "$DB" | grep -q 002_c5ceba19f725f479'

expect 'a missing PATH is a usage error (exit 2): nothing is done' '
	idx "$T/no-such-folder" "$SRC" >"$T/out" 2>"$T/err"; test $? = 2 &&
	test ! -s "$T/out" &&
	grep -q "newsfs: $T/no-such-folder: No such file or directory" "$T/err" &&
	test "$(count articles)" = 4'

expect 'files named one by one are indexed, and re-runs are incremental' '
	db2=$T/files.db &&
	"$NEWSFS" index --db "$db2" "$SAMPLE/000_d4e11ae205ea5e0b.txt" \
		"$SAMPLE/004_ca8a347960b21a6c.txt" >"$T/out" &&
	grep -q "^2 files seen, 2 new articles" "$T/out" &&
	"$NEWSFS" index --db "$db2" "$SAMPLE/004_ca8a347960b21a6c.txt" >"$T/out" &&
	grep -q "^1 files seen, 0 new articles, 0 duplicates, 1 unchanged" "$T/out"'

expect 'hidden files inside folders are skipped' '
	mkdir -p "$T/h/.git" && cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$T/h/.hidden.txt" &&
	cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$T/h/.git/x.txt" &&
	"$NEWSFS" index --db "$T/h.db" "$T/h" >"$T/out" &&
	grep -q "^0 files seen" "$T/out"'

expect 'the default index is $NEWSFS_DB, else under $XDG_DATA_HOME, else ~/.local/share' '
	NEWSFS_DB=$T/env.db "$NEWSFS" index -q "$SAMPLE" && test -f "$T/env.db" &&
	XDG_DATA_HOME=$T/xdg "$NEWSFS" index -q "$SAMPLE" &&
	test -f "$T/xdg/newsfs/index.db" &&
	HOME=$T/home "$NEWSFS" index -q "$SAMPLE" &&
	test -f "$T/home/.local/share/newsfs/index.db" &&
	HOME=$T/home "$NEWSFS" stats | grep -q "^articles *5$"'

expect 'file names with tabs and newlines are escaped in the export' '
	mkdir "$T/odd" && cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$T/odd/$(printf "a\tb\nc.txt")" &&
	"$NEWSFS" index -q --db "$T/odd.db" "$T/odd" &&
	"$NEWSFS" export --db "$T/odd.db" | grep -qF "/odd/a\\tb\\nc.txt	"'

expect 'check passes on a sound index' '
	"$NEWSFS" check --db "$DB" >"$T/out" &&
	grep -q "^4 articles checked, 0 problems$" "$T/out"'

expect 'check finds an article whose bytes no longer match its hash' '
	cp "$DB" "$T/bad.db" &&
	db_sql "$T/bad.db" "UPDATE content SET body = CAST(upper(CAST(body AS TEXT)) AS BLOB) WHERE id = (SELECT min(id) FROM article)" &&
	"$NEWSFS" check --db "$T/bad.db" >"$T/out"; test $? = 1 &&
	grep -q "bytes do not match the hash" "$T/out"'

expect 'check runs FTS5'"'"'s own check and reports a damaged search index' '
	cp "$DB" "$T/fts.db" &&
	db_sql "$T/fts.db" "DELETE FROM article_fts_data WHERE id = (SELECT max(id) FROM article_fts_data)" &&
	"$NEWSFS" check --db "$T/fts.db" >"$T/out"; test $? = 1 &&
	grep -q "^problem: the search index is damaged (FTS5 integrity-check: " "$T/out"'

expect 'check leaves FTS5'"'"'s own check out, saying so, while a run holds the index' '
	python3 -c "
import fcntl, subprocess, sys
with open(sys.argv[1] + \"-lock\", \"a\") as f:
    fcntl.lockf(f, fcntl.LOCK_EX)
    sys.exit(subprocess.run(sys.argv[2:]).returncode)
" "$T/fts.db" "$NEWSFS" check --db "$T/fts.db" >"$T/out" &&
	grep -q "^search index.s own check left out: .*is writing this index$" "$T/out" &&
	grep -q "^4 articles checked, 0 problems$" "$T/out"'

expect 'check finds an article the search index lacks' '
	cp "$DB" "$T/fts2.db" &&
	db_sql "$T/fts2.db" "INSERT INTO article_fts(article_fts, rowid, title, body) VALUES('"'"'delete'"'"', (SELECT min(id) FROM article), '"'"'x'"'"', '"'"'y'"'"')" &&
	"$NEWSFS" check --db "$T/fts2.db" >"$T/out"; test $? = 1 &&
	grep -q "is missing from the search index$" "$T/out"'

expect 'check finds an official'"'"'s listing that disagrees with its article' '
	cp "$DB" "$T/stale.db" &&
	db_sql "$T/stale.db" "UPDATE article_official SET nlink = 99 WHERE article_id = (SELECT min(article_id) FROM article_official)" &&
	"$NEWSFS" check --db "$T/stale.db" >"$T/out"; test $? = 1 &&
	grep -q "is listed under [A-Z].* with nlink 99$" "$T/out" &&
	db_sql "$T/stale.db" "UPDATE article_official SET date = NULL, size = 7" &&
	"$NEWSFS" check --db "$T/stale.db" >"$T/out"; test $? = 1 &&
	grep -q " with size 7, date none, nlink 99$" "$T/out" &&
	! grep -q "with name" "$T/out" &&
	db_sql "$T/stale.db" "DELETE FROM official WHERE id = (SELECT official_id FROM article_official ORDER BY article_id LIMIT 1)" &&
	"$NEWSFS" check --db "$T/stale.db" >"$T/out"; test $? = 1 &&
	grep -q "is listed under official [0-9]* with size 7, date none, nlink 99$" "$T/out"'

expect 'one thread and many threads store the same index' '
	make_corpus "$T/jobs" &&
	"$NEWSFS" index -q -j 1 --db "$T/j1.db" "$T/jobs" &&
	"$NEWSFS" index -q -j 8 --db "$T/j8.db" "$T/jobs" &&
	"$NEWSFS" export --db "$T/j1.db" >"$T/j1" &&
	"$NEWSFS" export --db "$T/j8.db" >"$T/j8" && cmp "$T/j1" "$T/j8"'

# Articles of many sizes, so that the writer has choices to make.
ARTICLE_ROWS="SELECT id, name, hex(hash) FROM article ORDER BY id"
CONTENT_UNUSED="SELECT sum(unused) * 100.0 / sum(pgsize) FROM dbstat
	WHERE name = 'content'"
"$NEWSFS_TOP/scripts/gen-corpus" "$T/sizes" 2000 7 >/dev/null ||
	fail_now "cannot generate a corpus"

expect 'one thread and many threads give articles the same ids and names' '
	"$NEWSFS" index -q -j 1 --db "$T/s1.db" "$T/sizes" &&
	"$NEWSFS" index -q -j 8 --db "$T/s8.db" "$T/sizes" &&
	db_sql "$T/s1.db" "$ARTICLE_ROWS" >"$T/s1" &&
	db_sql "$T/s8.db" "$ARTICLE_ROWS" >"$T/s8" &&
	test "$(wc -l <"$T/s1")" -gt 1900 && cmp "$T/s1" "$T/s8"'

# Stored in the order the files come, 12% of these pages stay unused.
expect 'a first run fills the content pages' '
	unused=$(db_sql "$T/s1.db" "$CONTENT_UNUSED") &&
	echo "unused: $unused%" &&
	awk -v u="$unused" "BEGIN { exit !(u < 4) }"'

expect 'a changed gazetteer makes the next run extract stored articles again' '
	mkdir -p "$T/gaz" && cp "$NEWSFS_TOP"/data/gazetteer/*.tsv \
		"$NEWSFS_TOP"/data/gazetteer/*.txt "$T/gaz/" &&
	"$NEWSFS" index -q --gazetteer "$T/gaz" --db "$T/gaz.db" "$SAMPLE" &&
	"$NEWSFS" export --db "$T/gaz.db" | grep -q "Japan" &&
	for f in aliases cities; do
		awk -F"\t" "\$2 != \"JP\"" "$T/gaz/$f.tsv" >"$T/gaz/a" &&
		mv "$T/gaz/a" "$T/gaz/$f.tsv" || exit 1
	done &&
	"$NEWSFS" index --gazetteer "$T/gaz" --db "$T/gaz.db" "$SAMPLE" >"$T/out" &&
	grep -q " 5 extracted again," "$T/out" &&
	"$NEWSFS" check --db "$T/gaz.db" >/dev/null &&
	! "$NEWSFS" export --db "$T/gaz.db" | cut -f4 | grep -q "Japan" &&
	"$NEWSFS" index --gazetteer "$T/gaz" --db "$T/gaz.db" "$SAMPLE" >"$T/out" &&
	grep -q " 5 unchanged, 0 rejected, 0 vanished, [0-9.]* s$" "$T/out"'

ARTICLE_INDEXES="SELECT name FROM sqlite_schema WHERE type = 'index'
	AND tbl_name = 'article' ORDER BY name"
# As version 1 had it, to the letter: an index must hold exactly the schema
# its version has (src/index/verify.c).
expect 'an index of schema version 1 is upgraded by the next index run' '
	"$NEWSFS" index -q --db "$T/v1.db" "$SAMPLE" &&
	db_sql "$T/v1.db" "drop table article_fts" "drop index article_day" \
		"CREATE INDEX article_date ON article(date)" \
		"alter table article drop column ext_version" \
		"drop table change" "drop table tombstone" \
		"drop table root" \
		"drop table mention" "drop table person_name" \
		"drop table person_word" "drop table person" \
		"drop table correction" "drop table correction_hit" \
		"drop trigger article_official_copy" \
		"alter table article_official drop column name" \
		"alter table article_official drop column size" \
		"alter table article_official drop column mtime" \
		"alter table article_official drop column date" \
		"alter table article_official drop column nlink" \
		"drop table container" "drop table publication" \
		"alter table source drop column publications" \
		"drop trigger article_publication_copy" "drop table outlet" \
		"drop table article_publication" \
		"UPDATE source SET path = (SELECT path FROM source_base) || substr(path, 2) WHERE substr(path, 1, 1) = \".\"" \
		"drop table source_base" \
		"pragma user_version = 1" &&
	! "$NEWSFS" stats --db "$T/v1.db" 2>"$T/err" &&
	grep -q "schema version 1 is older than this newsfs ([0-9]*); run .newsfs index. to upgrade it" "$T/err" &&
	"$NEWSFS" index --db "$T/v1.db" "$SAMPLE" >"$T/out" &&
	grep -q " 5 extracted again," "$T/out" &&
	"$NEWSFS" stats --db "$T/v1.db" | grep -q "^articles *5$" &&
	db_sql "$T/v1.db" "$ARTICLE_INDEXES" | tr "\n" " " >"$T/idx" &&
	grep -q "^article_day sqlite_autoindex" "$T/idx" &&
	"$NEWSFS" check --db "$T/v1.db" >"$T/out" &&
	grep -q "^5 articles checked, 0 problems$" "$T/out"'

expect 'sources below the base folder and beside it: order, vanished files, check' '
	db3=$T/two.db && mkdir -p "$T/two/a" "$T/two/b" "$T/two/a-b" &&
	cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$SAMPLE/004_ca8a347960b21a6c.txt" "$T/two/a/" &&
	cp "$SAMPLE/001_c522d80f6b614471.txt" "$T/two/b/" &&
	cp "$SAMPLE/003_0def9fb4c96538bf.txt" "$T/two/a-b/" &&
	"$NEWSFS" index -q --db "$db3" "$T/two/a" &&
	"$NEWSFS" index -q --db "$db3" "$T/two/b" "$T/two/a-b" &&
	test "$(db_sql "$db3" "SELECT path FROM source_base")" = "$(realpath "$T/two/a")" &&
	test "$(db_sql "$db3" "SELECT count(*) FROM source WHERE path LIKE \"./%\"")" = 2 &&
	"$NEWSFS" export --db "$db3" | tail -n +2 | cut -f1 >"$T/two.paths" &&
	test "$(wc -l <"$T/two.paths")" = 4 && LC_ALL=C sort -c "$T/two.paths" &&
	rm "$T/two/a/000_d4e11ae205ea5e0b.txt" "$T/two/b/001_c522d80f6b614471.txt" &&
	"$NEWSFS" index --db "$db3" "$T/two/b" >"$T/out" && grep -q " 1 vanished" "$T/out" &&
	"$NEWSFS" index --db "$db3" "$T/two" >"$T/out" && grep -q " 1 vanished" "$T/out" &&
	"$NEWSFS" export --db "$db3" | tail -n +2 | cut -f1 >"$T/two.paths" &&
	printf "%s\n" "$(realpath "$T/two")/a-b/003_0def9fb4c96538bf.txt" \
		"$(realpath "$T/two")/a/004_ca8a347960b21a6c.txt" | cmp - "$T/two.paths" &&
	"$NEWSFS" check --db "$db3" | grep -q " 0 problems$"'

expect 'the base folder of a first run of several folders is the one that holds them' '
	mkdir -p "$T/three/ab" "$T/three/a" &&
	cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$T/three/ab/" &&
	cp "$SAMPLE/004_ca8a347960b21a6c.txt" "$T/three/a/" &&
	"$NEWSFS" index -q --db "$T/three.db" "$T/three/ab" "$T/three/a" &&
	test "$(db_sql "$T/three.db" "SELECT path FROM source_base")" = "$(realpath "$T/three")" &&
	"$NEWSFS" export --db "$T/three.db" | tail -n +2 | cut -f1 | grep -c "^$(realpath "$T/three")/ab\?/0" | grep -qx 2'
