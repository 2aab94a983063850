# The indexed folders, arguments: the same inputs give the same index and
# the same exit status whatever the order they are given in, including a
# folder and a folder inside it.
. "$NEWSFS_TOP/tests/lib.sh"

D=$T/d
make_corpus "$D"
mkdir -p "$D/sub/deeper"
cp "$SAMPLE/004_ca8a347960b21a6c.txt" "$D/sub/deeper/x.txt"
rows() { db_sql "$1" "SELECT a.id, a.name, hex(a.hash), s.path FROM article a JOIN source s ON s.article_id = a.id ORDER BY s.path"; }

expect 'index D/sub D and index D D/sub give the same status and index' '
	"$NEWSFS" index --db "$T/o1.db" "$D/sub" "$D" >"$T/o1" 2>&1; rc1=$?
	"$NEWSFS" index --db "$T/o2.db" "$D" "$D/sub" >"$T/o2" 2>&1; rc2=$?
	"$NEWSFS" index --db "$T/o3.db" "$D/sub/deeper" "$D/sub" "$D" >"$T/o3" 2>&1; rc3=$?
	cat "$T/o1" "$T/o2" && test $rc1 = 0 && test $rc2 = 0 && test $rc3 = 0 &&
	rows "$T/o1.db" >"$T/r1" && rows "$T/o2.db" >"$T/r2" &&
	rows "$T/o3.db" >"$T/r3" && test -s "$T/r1" &&
	cmp "$T/r1" "$T/r2" && cmp "$T/r1" "$T/r3"'

expect 'a re-run in the other order changes nothing' '
	"$NEWSFS" index --db "$T/o1.db" "$D" "$D/sub" >"$T/out" &&
	grep -q "^7 files seen, 0 new articles, 0 duplicates, 7 unchanged, 0 rejected, 0 vanished" "$T/out"'


expect 'files named in either order get the same ids and names' '
	mkdir -p "$T/f" && cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$T/f/a.txt" &&
	{ cat "$SAMPLE/000_d4e11ae205ea5e0b.txt"; echo "A later paragraph."; } >"$T/f/b.txt" &&
	"$NEWSFS" index --db "$T/f1.db" "$T/f/b.txt" "$T/f/a.txt" >/dev/null &&
	"$NEWSFS" index --db "$T/f2.db" "$T/f/a.txt" "$T/f/b.txt" >/dev/null &&
	rows "$T/f1.db" >"$T/r1" && rows "$T/f2.db" >"$T/r2" && cat "$T/r1" &&
	grep -q "\[" "$T/r1" && cmp "$T/r1" "$T/r2"'
