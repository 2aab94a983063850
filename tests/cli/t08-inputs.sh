# What `newsfs index` takes as input, and its exit status: a missing PATH,
# the index and a newsfs mount are refused before anything is created; a
# photo among the articles is not a failure; --exclude leaves files out.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/news DB=$T/index.db
DEFAULT=$HOME/.local/share/newsfs/index.db
mkdir -p "$SRC/raw" "$SRC/2019/raw"
cp "$SAMPLE"/*.txt "$SRC/"
head -c 4096 /dev/urandom >"$SRC/photo.jpg"
printf '\0\1\2PK binary' >"$SRC/archive.zip"
cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$SRC/raw/keep-out.txt"
cp "$SAMPLE/001_c522d80f6b614471.txt" "$SRC/2019/raw/also-out.txt"
printf 'Tokyo, Japan. A draft that mentions Japan.\n' >"$SRC/draft.tmp"
articles() { "$NEWSFS" stats --db "$1" | awk '$1 == "articles" { print $2 }'; }

expect 'a missing PATH is an error (exit 2) that creates nothing' '
	{ "$NEWSFS" index /typo/path 2>"$T/err"; test $? = 2; } &&
	grep -qx "newsfs: /typo/path: No such file or directory" "$T/err" &&
	test ! -e "$DEFAULT" && test ! -e "$HOME/.local/share/newsfs" &&
	{ "$NEWSFS" index --db "$T/new/x.db" "$SRC" /typo/path 2>"$T/err"; test $? = 2; } &&
	test ! -e "$T/new"'

expect 'images and binaries are counted as not articles: exit 0, listed with -v' '
	"$NEWSFS" index --db "$DB" "$SRC" >"$T/out" 2>"$T/err" && cat "$T/out" "$T/err" &&
	grep -q " 0 rejected, 2 not articles, " "$T/out" && test ! -s "$T/err" &&
	"$NEWSFS" index -v --db "$T/v.db" "$SRC" >"$T/out" 2>"$T/err" &&
	grep -qx "newsfs: $SRC/photo.jpg: not an article: binary data (.*)" "$T/err" &&
	grep -qx "newsfs: $SRC/archive.zip: not an article: binary data (NUL bytes)" "$T/err"'

expect 'an article-like file that fails still exits 1' '
	head -c 2000000 "$SAMPLE/000_d4e11ae205ea5e0b.txt" >/dev/null &&
	yes "Tokyo, Japan. Words words words." | head -c 300000 >"$SRC/big.txt" &&
	{ "$NEWSFS" index --db "$T/big.db" --max-size 100k "$SRC" >"$T/out" 2>"$T/err"; test $? = 1; } &&
	grep -qx "newsfs: $SRC/big.txt: larger than the size limit (see --max-size)" "$T/err" &&
	rm "$SRC/big.txt"'

expect '--exclude (repeatable) leaves out names, folders and paths' '
	"$NEWSFS" index --db "$T/ex.db" "$SRC" --exclude "*.jpg" --exclude "*.zip" \
		--exclude "raw/" --exclude "*.tmp" >"$T/out" 2>"$T/err" && cat "$T/out" &&
	grep -q " 0 rejected, 5 excluded, " "$T/out" &&
	"$NEWSFS" export --db "$T/ex.db" >"$T/export" &&
	! grep -q "keep-out\|also-out\|draft.tmp" "$T/export" &&
	"$NEWSFS" index --db "$T/ex2.db" "$SRC" --exclude "2019/raw" --exclude "*.tm?" >"$T/out" &&
	"$NEWSFS" export --db "$T/ex2.db" >"$T/export" &&
	grep -q "keep-out" "$T/export" && ! grep -q "also-out" "$T/export" &&
	! grep -q "draft.tmp" "$T/export"'

expect 'an excluded folder indexed before goes as vanished' '
	"$NEWSFS" index --db "$DB" "$SRC" --exclude raw >"$T/out" &&
	grep -q " 2 vanished," "$T/out" &&
	! "$NEWSFS" export --db "$DB" | grep -q keep-out'

expect 'exclude = lines of the config file join --exclude' '
	mkdir -p "$HOME/.config/newsfs" &&
	printf "exclude = *.jpg\nexclude = raw/\n" >"$HOME/.config/newsfs/config" &&
	"$NEWSFS" index --db "$T/cf.db" "$SRC" --exclude "*.zip" >"$T/out" &&
	grep -q " 0 rejected, 4 excluded, " "$T/out" &&
	rm "$HOME/.config/newsfs/config"'

expect 'the index and its files are refused as PATHs (exit 2)' '
	for p in "$DB" "$DB-wal" "$DB-lock"; do
		touch "$p" 2>/dev/null
		{ "$NEWSFS" index --db "$DB" "$p" 2>"$T/err"; test $? = 2; } &&
		grep -q "is the index $DB or one of its files, not an input" "$T/err" || exit 1
	done'

expect 'an index inside the folder indexed is left out of it' '
	"$NEWSFS" index -v --db "$SRC/in.db" "$SRC" >"$T/out" 2>"$T/err" &&
	"$NEWSFS" index -v --db "$SRC/in.db" "$SRC" >"$T/out" 2>"$T/err" && cat "$T/out" &&
	! grep -q "in.db" "$T/err" && ! "$NEWSFS" export --db "$SRC/in.db" | grep -q "in.db" &&
	rm -f "$SRC"/in.db*'
