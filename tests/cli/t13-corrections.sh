# The corrections file's paths and countries: a path after "in" (or a
# date's) may be relative to the corrections file or to the current
# folder, and a folder stands for every article below it; a country is
# checked against the gazetteer and may be written by any name it knows.
. "$NEWSFS_TOP/tests/lib.sh"

export HOME=$T XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data
SRC=$T/corpus DB=$T/index.db FIX=$T/fixes/corrections
mkdir -p "$SRC/politics" "$SRC/sport" "$T/fixes" "$T/elsewhere"

story() { # story FILE TEXT
	printf "Headline of %s\n\n%s\n" "${1##*/}" "$2" >"$1"
}
story "$SRC/politics/a.txt" \
	"Finance Minister Kiichi Miyazawa said Japan and France would talk."
story "$SRC/politics/b.txt" \
	"Finance Minister Kiichi Miyazawa flew to France on Monday."
story "$SRC/sport/c.txt" \
	"Finance Minister Kiichi Miyazawa watched the match in France."
ln -s "$SRC" "$T/fixes/corpus"

row() { # row FILE: the export's countries and officials of that file
	"$NEWSFS" export --db "$DB" | awk -F'\t' -v f="$1" \
		'substr($1, length($1) - length(f) + 1) == f {print $4 "\t" $5}'
}

expect 'a path beside the corrections file, and a folder for its articles' '
	printf "ignore Kiichi Miyazawa in corpus/politics/\nignore country France in corpus/politics/b.txt\n" >"$FIX" &&
	(cd "$T/elsewhere" && "$NEWSFS" index -q --corrections "$FIX" \
		--db "$DB" "$SRC") &&
	test "$(row politics/a.txt)" = "France|Japan	" &&
	test "$(row politics/b.txt)" = "	" &&
	test "$(row sport/c.txt)" = "France	Kiichi Miyazawa"'

expect 'a path relative to the current folder; a country by another name' '
	printf "ignore country japon in politics/a.txt\ndate sport/c.txt 1987-03-02\n" >"$FIX" &&
	(cd "$SRC" && "$NEWSFS" index -q --corrections "$FIX" --db "$DB" .) &&
	test "$(row politics/a.txt)" = "France	Kiichi Miyazawa" &&
	"$NEWSFS" export --db "$DB" | grep -q "sport/c.txt	[0-9a-f]*	1987-03-02	"'

expect 'an unknown country or path is FILE:LINE and the rest applies' '
	printf "ignore country Narnia\nignore Kiichi Miyazawa in no/such/folder\nignore country United Kingdom\nignore country France in sport\n" >"$FIX" &&
	! "$NEWSFS" index -q --corrections "$FIX" --db "$DB" "$SRC" 2>"$T/err" &&
	grep -q "corrections:1: no such country in the gazetteer" "$T/err" &&
	grep -q "corrections:2: no such file or folder" "$T/err" &&
	! grep -q "corrections:3" "$T/err" &&
	test "$(row sport/c.txt)" = "France	Kiichi Miyazawa" &&
	(cd "$SRC" && ! "$NEWSFS" index -q --corrections "$FIX" --db "$DB" .) 2>/dev/null &&
	test "$(row sport/c.txt)" = "	Kiichi Miyazawa"'
