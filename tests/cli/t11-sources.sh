# Remembered folders: a run remembers the folders it was given, `newsfs
# index` with no PATH re-indexes them, `newsfs sources` lists them and
# `newsfs forget PATH` drops one with its articles.
. "$NEWSFS_TOP/tests/lib.sh"

DB=$T/index.db A=$T/a B=$T/b
mkdir -p "$A" "$B/sub"
cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$SAMPLE/001_c522d80f6b614471.txt" "$A/"
cp "$SAMPLE/002_c5ceba19f725f479.txt" "$B/sub/"
count() { "$NEWSFS" stats --db "$DB" | awk -v k="$1" '$1 == k { print $2 }'; }

expect 'with no PATH and nothing remembered: a usage error that creates nothing' '
	{ "$NEWSFS" index --db "$DB" 2>"$T/err"; test $? = 2; } &&
	grep -q "remembers no folders" "$T/err" && test ! -e "$DB"'

expect 'a run remembers its folders (not its files); sources lists them' '
	"$NEWSFS" index -q --db "$DB" "$A" "$B/sub/../sub" "$SAMPLE/003_0def9fb4c96538bf.txt" &&
	"$NEWSFS" sources --db "$DB" >"$T/out" && cat "$T/out" &&
	printf "%s\n%s\n" "$A" "$B/sub" | diff - "$T/out"'

expect 'index with no PATH re-indexes the remembered folders' '
	cp "$SAMPLE/004_ca8a347960b21a6c.txt" "$A/" && rm "$B/sub/002_c5ceba19f725f479.txt" &&
	"$NEWSFS" index --db "$DB" >"$T/out" && cat "$T/out" &&
	grep -q "^3 files seen, 1 new articles, 0 duplicates, 2 unchanged, 0 rejected, 1 vanished" "$T/out" &&
	test "$(count articles)" = 4'

expect 'a remembered folder that is gone is reported, kept, and the run exits 1' '
	mv "$B" "$T/b-away" &&
	{ "$NEWSFS" index --db "$DB" >"$T/out" 2>"$T/err"; test $? = 1; } && cat "$T/err" &&
	grep -q "^newsfs: $B/sub: a remembered folder is gone" "$T/err" &&
	grep -q "newsfs forget $B/sub" "$T/err" &&
	"$NEWSFS" sources --db "$DB" | grep -qx "$B/sub" && mv "$T/b-away" "$B"'

expect 'forget drops a folder and the articles found only there' '
	"$NEWSFS" forget --db "$DB" "$A" >"$T/out" && cat "$T/out" &&
	grep -qx "forgot $A (3 sources dropped)" "$T/out" &&
	! "$NEWSFS" sources --db "$DB" | grep -qx "$A" &&
	test "$(count articles)" = 1 && test -e "$A/000_d4e11ae205ea5e0b.txt" &&
	"$NEWSFS" index --db "$DB" >"$T/out" && grep -q "^0 files seen" "$T/out"'

expect 'forget of a folder not remembered exits 1 and says so' '
	{ "$NEWSFS" forget --db "$DB" "$T/nothing" 2>"$T/err"; test $? = 1; } &&
	grep -q "not a folder this index remembers" "$T/err" &&
	{ "$NEWSFS" forget --db "$DB" 2>/dev/null; test $? = 2; }'

expect 'the default index remembers too (config index = as well)' '
	"$NEWSFS" index -q "$A" && "$NEWSFS" sources | grep -qx "$A" &&
	"$NEWSFS" index | grep -q "^3 files seen, 0 new articles"'
