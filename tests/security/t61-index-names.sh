# Names cannot be blocked by planted files: an adversary who knows an
# article's content (a wire story everyone gets) and so its hash titles
# files after every name newsfs would try for it. Indexing goes on, the
# article gets a name, and no article that had a name loses it.
. "$NEWSFS_TOP/tests/lib.sh"

export HOME=$T/home XDG_DATA_HOME=$T/home/.local/share
mkdir -p "$HOME" "$T/victim" "$T/planted" "$T/later"

body='The committee met on a quiet afternoon and talked about the harbour for a long while.'
printf 'Hello\n\n%s\n' "$body" >"$T/victim/wire.txt"
printf 'Another story\n\n%s And then some more.\n' "$body" >"$T/later/other.txt"

# The victim's hash, as anyone can learn it: index it alone.
"$NEWSFS" index -q --db "$T/scratch.db" "$T/victim" || fail_now "index the victim alone"
H=$("$NEWSFS" export --db "$T/scratch.db" | awk -F'\t' 'NR == 2 { print $2 }')
[ ${#H} = 32 ] || fail_now "the victim's hash ($H)"

# Every name tried for it: plain, 8, 16 and 32 hex digits, and counters.
# A file of one line is its own title, whatever it looks like.
plant() { # plant TITLE: a file of its own content titled TITLE
	local n
	n=$(ls "$T/planted" | wc -l)
	printf '%s\n' "$1" >"$T/planted/p$n.txt"
}
plant "Hello"
plant "Hello [${H:0:8}]"
plant "Hello [${H:0:16}]"
plant "Hello [$H]"
for i in $(seq 2 40); do plant "Hello [${H:0:16}-$i]"; done
names() { db_sql "$1" "SELECT name FROM article ORDER BY id"; }

expect 'the planted files are indexed under the names they ask for' '
	"$NEWSFS" index -q --db "$T/a.db" "$T/planted" &&
	names "$T/a.db" >"$T/before" &&
	grep -qx "Hello.txt" "$T/before" && grep -qxF "Hello [$H].txt" "$T/before" &&
	grep -qxF "Hello [${H:0:16}-40].txt" "$T/before"'

expect 'the article they aim at is still indexed, under a name of its own' '
	"$NEWSFS" index --db "$T/a.db" "$T/planted" "$T/victim" >"$T/out" 2>"$T/err" &&
	grep -q " 1 new articles," "$T/out" && test ! -s "$T/err" &&
	test "$(db_sql "$T/a.db" "SELECT name FROM article WHERE hex(hash) = upper(\"$H\")")" = \
		"Hello [${H:0:16}-41].txt"'

expect 'every planted article keeps the name it had' '
	names "$T/a.db" | head -n "$(wc -l <"$T/before")" | cmp - "$T/before"'

expect 'later runs go on indexing new articles' '
	"$NEWSFS" index --db "$T/a.db" "$T/planted" "$T/victim" "$T/later" >"$T/out" &&
	grep -q " 1 new articles," "$T/out" && "$NEWSFS" check --db "$T/a.db"'

expect 'the mount shows each of them once, under those names' '
	nfs_mount "$T/a.db" "$T/mnt" &&
	test "$(ls "$T/mnt/articles" | wc -l)" = 45 &&
	test "$(ls "$T/mnt/articles" | sort -u | wc -l)" = 45 &&
	cmp "$T/mnt/articles/Hello [${H:0:16}-41].txt" "$T/victim/wire.txt" &&
	nfs_umount "$T/mnt"'

# The other order: the article came first and keeps its plain name; the
# planted ones (each with its own hash) get theirs.
expect 'an article indexed first keeps its plain name whatever comes after' '
	"$NEWSFS" index -q --db "$T/b.db" "$T/victim" &&
	"$NEWSFS" index -q --db "$T/b.db" "$T/victim" "$T/planted" &&
	test "$(db_sql "$T/b.db" "SELECT name FROM article WHERE hex(hash) = upper(\"$H\")")" = "Hello.txt" &&
	test "$(db_sql "$T/b.db" "SELECT count(DISTINCT name) FROM article")" = 44'

# Re-extraction renames an article in place: it keeps its own name and
# does not take another's.
expect 'an article extracted again keeps its name among planted ones' '
	mkdir -p "$T/gaz" && cp "$NEWSFS_TOP"/data/gazetteer/* "$T/gaz/" &&
	sed -i "\$d" "$T/gaz/aliases.tsv" &&
	"$NEWSFS" index --gazetteer "$T/gaz" --db "$T/a.db" "$T/planted" "$T/victim" "$T/later" >"$T/out" &&
	grep -q " 45 extracted again," "$T/out" &&
	test "$(db_sql "$T/a.db" "SELECT name FROM article WHERE hex(hash) = upper(\"$H\")")" = \
		"Hello [${H:0:16}-41].txt" &&
	names "$T/a.db" | head -n "$(wc -l <"$T/before")" | cmp - "$T/before"'
