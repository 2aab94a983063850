# Saved pages, JSON Lines and CSV dumps, a .warc.gz and a .tar.gz become
# articles of clean text, seen through the mount with the usual tools.
. "$NEWSFS_TOP/tests/lib.sh"

DATA=$NEWSFS_TOP/data
SRC=$T/src DB=$T/index.db M=$T/mnt
mkdir -p "$SRC"
cp -r "$DATA/pages" "$DATA/dumps" "$DATA/sample" "$SRC/"
"$NEWSFS" index --db "$DB" "$SRC" >"$T/index.out" 2>"$T/index.err"
echo $? >"$T/index.rc"
nfs_mount "$DB" "$M" || fail_now "mount the pages, dumps and archives"

FERRY="2024-03-14 Norway and Denmark agree winter ferry link across the Skagerrak.txt"
LIGHT="2024-04-18 Lighthouse keepers return to Gull Point after forty years.txt"
BRIDGE="2024-04-20 River bridge tolls to rise in June.txt"
FROST="2024-04-22 Late frost hits valley orchards.txt"
METRO="2024-06-03 Kestrel Bay opens its first metro extension in thirty years.txt"
WALL="2024-06-07 Kestrel Bay council approves new harbour wall.txt"

sources() {
	getfattr --only-values -n user.newsfs.sources "$M/articles/$1" 2>/dev/null
	echo
}

expect 'bad records are reported with their line or row, the rest indexed (exit 1)' '
	test "$(cat "$T/index.rc")" = 1 &&
	grep -q "tidewater.jsonl: line 4: no text: field \"maintext\" is empty" "$T/index.err" &&
	grep -q "valley.csv: row 3: no text: field \"content\" is empty" "$T/index.err" &&
	grep -q "kestrel.tar.gz: skipped: 2 members or responses that are no article" "$T/index.err" &&
	grep -q "crawl.warc.gz: skipped: 1 member or response that is no article" "$T/index.err"'

expect 'every input kind gives articles named by their headline' '
	cd "$M/articles" &&
	sources "$FERRY" | grep -qx "$SRC/pages/harbour-ferry.html" &&
	sources "$BRIDGE" | grep -qx "$SRC/dumps/tidewater.jsonl#line 2" &&
	sources "$FROST" | grep -qx "$SRC/dumps/valley.csv#row 1" &&
	sources "$FROST" | grep -q "^$SRC/dumps/crawl.warc.gz#record 5 (https://valley-courier.example.net/news/orchard-frost)$" &&
	sources "$METRO" | grep -qx "$SRC/dumps/kestrel.tar.gz#member kestrel/metro-extension.html" &&
	sources "$WALL" | grep -qx "$SRC/dumps/kestrel.tar.gz#member kestrel/council-brief.txt" &&
	test "$(ls | grep -c "^2024-0[3-6]-")" = 8 &&
	! ls | grep -E "[<>{}\"]|^ |^(html|wpcom|\{)"'

expect 'grep -r finds body words and never markup, menus, banners or comments' '
	cd "$M" &&
	grep -rlF "smoked fish" articles/ | grep -qF "Skagerrak" &&
	grep -rlF "Quarry Hill station" articles/ | grep -qF "metro extension" &&
	grep -rlF "dark at the windows" articles/ | grep -qF "Gull Point" &&
	test -z "$(grep -rl "class=" articles/)" &&
	test -z "$(grep -rlE "<[a-z/]|&[a-z]+;|&#[0-9]+;" articles/)" &&
	test -z "$(grep -rlE "We use cookies|Read next|Most read|Share on social|document\.cookie|Posted 2018|Sign up" articles/)" &&
	grep -qF "£1.8m" "articles/$FERRY"'

expect 'an article is its headline, a blank line and its paragraphs' '
	cd "$M/articles" &&
	test "$(head -1 "$METRO")" = "Kestrel Bay opens its first metro extension in thirty years" &&
	test -z "$(sed -n 2p "$METRO")" &&
	sed -n 3p "$METRO" | grep -q "^The first trains ran on Monday morning" &&
	test "$(grep -c . "$METRO")" = 5'

expect 'dates are the pages published dates, never scripts, cookies or comments' '
	cd "$M/by-date" &&
	test -e "2024/03/14/$FERRY" && test -e "2024/06/03/$METRO" &&
	test -e "2024/04/20/$BRIDGE" && test -e "2024/06/07/$WALL" &&
	! ls | grep -qE "^(1970|1999|2018|2019|2020)$" &&
	test "$(getfattr --only-values -n user.newsfs.date "$M/articles/$FERRY")" = 2024-03-14'

expect 'countries come from the text, never from menus, sidebars or scripts' '
	c=$(getfattr --only-values -n user.newsfs.countries "$M/articles/$FERRY") &&
	test "$c" = "Denmark|Norway" &&
	c=$(getfattr --only-values -n user.newsfs.countries "$M/articles/$METRO") &&
	test -z "$c"'

expect 'an article saved from two sites is one file, with both sources' '
	cd "$M" &&
	test "$(ls articles | grep -c Skagerrak)" = 1 &&
	sources "$FERRY" | grep -qx "$SRC/dumps/kestrel.tar.gz#member kestrel/ferry-link.html" &&
	test "$(sources "$LIGHT" | wc -l)" = 2 &&
	sources "$LIGHT" | grep -qx "$SRC/dumps/tidewater.jsonl#line 1" &&
	"$NEWSFS" export --db "$DB" | grep -c "kestrel.tar.gz#member kestrel/ferry-link.html" | grep -qx 1'

expect 'by-source/ holds each publication, with the same inodes as articles/' '
	cd "$M/by-source" &&
	for s in "The Coastal Ledger" "North Sea Observer" "The Kestrel Bay Chronicle" \
		 "Tidewater Post" "Valley Courier" "Diario del Pacífico Sur" unknown; do
		test -d "$s" || { echo "no $s"; exit 1; }
	done &&
	test -e "The Coastal Ledger/$FERRY" && test -e "North Sea Observer/$FERRY" &&
	test "$(stat -c %i "North Sea Observer/$FERRY")" = "$(stat -c %i "../articles/$FERRY")" &&
	test "$(ls "The Kestrel Bay Chronicle")" = "${METRO}" &&
	test -e "unknown/$WALL" &&
	ls unknown | grep -q "^2022-09-02 National Security heads" &&
	test "$(getfattr --only-values -n user.newsfs.publications "$M/articles/$FERRY")" = "North Sea Observer|The Coastal Ledger" &&
	n=$(stat -c %h "$M/articles/$FERRY") && test "$n" -ge 5'

expect 'query/source= is the by-source/ folder, any case or accents; else a folder of the source path' '
	names() { ls "$1" | LC_ALL=C sort; } &&
	names "$M/by-source/Diario del Pacífico Sur" | cmp - <(names "$M/query/source=diario del pacifico sur") &&
	names "$M/by-source/North Sea Observer" | cmp - <(names "$M/query/source=North Sea Observer|north sea observer") &&
	test -n "$(ls "$M/query/source=dumps")" &&
	names "$M/query/source=dumps" | cmp - <(for f in "$M"/articles/*; do
		sources "$(basename "$f")" | grep -q "/dumps/" && basename "$f"; done | LC_ALL=C sort)'

expect 'an article that loses the source from one site leaves that site'"'"'s folder' '
	mkdir -p "$T/two" "$T/pm" &&
	cp "$DATA/pages/harbour-ferry.html" "$DATA/dumps/kestrel.tar.gz" "$T/two/" &&
	"$NEWSFS" index -q --db "$T/two.db" "$T/two" &&
	nfs_mount "$T/two.db" "$T/pm" &&
	test -e "$T/pm/by-source/The Coastal Ledger/$FERRY" &&
	test -e "$T/pm/by-source/North Sea Observer/$FERRY" &&
	n=$(stat -c %h "$T/pm/articles/$FERRY") &&
	rm "$T/two/harbour-ferry.html" &&
	"$NEWSFS" index -q --db "$T/two.db" "$T/two" && sleep 1.5 &&
	test -e "$T/pm/by-source/North Sea Observer/$FERRY" &&
	test ! -e "$T/pm/by-source/The Coastal Ledger/$FERRY" &&
	test "$(stat -c %h "$T/pm/articles/$FERRY")" = $((n - 1)) &&
	test "$(getfattr --only-values -n user.newsfs.publications "$T/pm/articles/$FERRY")" = "North Sea Observer" &&
	test "$(stat -c %h "$T/pm/by-source/North Sea Observer/$FERRY")" = $((n - 1)) &&
	"$NEWSFS" check --db "$T/two.db" | grep -q " 0 problems$"; rc=$?
	nfs_umount "$T/pm"; exit $rc'

# by-source/ lists from article_publication's own copy of each article's
# columns (schema 11); check compares the copies with the articles.
expect 'a by-source/ listing that disagrees with its article is found by check' '
	cp "$DB" "$T/pstale.db" &&
	"$NEWSFS" check --db "$T/pstale.db" | grep -q " 0 problems$" &&
	db_sql "$T/pstale.db" "UPDATE article_publication SET nlink = 99, date = NULL WHERE article_id = (SELECT min(article_id) FROM article_publication WHERE publication_id = (SELECT id FROM publication WHERE name = \"Tidewater Post\"))" &&
	"$NEWSFS" check --db "$T/pstale.db" >"$T/out"; test $? = 1 &&
	grep -q "is listed under Tidewater Post with date none, nlink 99$" "$T/out"'

expect 'an index of schema 10 gets by-source/ copies on its next run' '
	cp "$DB" "$T/v10.db" &&
	db_sql "$T/v10.db" "drop trigger article_publication_copy" "drop table outlet" \
		"UPDATE source SET path = (SELECT path FROM source_base) || substr(path, 2) WHERE substr(path, 1, 1) = \".\"" \
		"drop table source_base" \
		"alter table article_publication drop column name" \
		"alter table article_publication drop column size" \
		"alter table article_publication drop column mtime" \
		"alter table article_publication drop column date" \
		"alter table article_publication drop column nlink" \
		"pragma user_version = 10" &&
	! "$NEWSFS" stats --db "$T/v10.db" 2>/dev/null &&
	"$NEWSFS" index -q --db "$T/v10.db" "$SRC" 2>/dev/null;
	db_sql "$T/v10.db" "pragma user_version" | grep -qx 12 &&
	"$NEWSFS" check --db "$T/v10.db" | grep -q " 0 problems$" &&
	test "$(db_sql "$T/v10.db" "SELECT count(*) FROM article_publication p JOIN publication n ON n.id = p.publication_id WHERE (p.name = \"\") <> (n.name = \"unknown\")")" = 0 &&
	nfs_mount "$T/v10.db" "$T/v10m" &&
	ls -l "$T/v10m/by-source/Tidewater Post" | grep -qF "$LIGHT"; rc=$?
	nfs_umount "$T/v10m"; exit $rc'

# by-source/unknown holds most articles of a corpus without publishers'
# names: its rows carry no copy (schema 12) and it lists the articles'
# own columns.
unknown_rows() { # unknown_rows DB: its rows, and those with a copy
	db_sql "$1" "SELECT count(*), total(p.name <> \"\") FROM article_publication p JOIN publication n ON n.id = p.publication_id WHERE n.name = \"unknown\""
}
long_list() { # long_list FOLDER: names, inodes, sizes, links, times
	(cd "$1" && LC_ALL=C ls -lin --time-style=+%s . | tail -n +2 | LC_ALL=C sort)
}
expect 'by-source/unknown keeps no copy of its articles, and lists them as articles/ does' '
	unknown_rows "$DB" | grep -Eqx "[1-9][0-9]*	0(\.0)?" &&
	long_list "$M/by-source/unknown" >"$T/unk.ls" &&
	test "$(wc -l <"$T/unk.ls")" -ge 2 &&
	long_list "$M/articles" >"$T/all.ls" &&
	test -z "$(LC_ALL=C comm -23 "$T/unk.ls" "$T/all.ls")" &&
	test "$(stat -c %h "$M/by-source/unknown/$WALL")" = "$(stat -c %h "$M/articles/$WALL")"'

expect 'an index of schema 11 drops the copies of by-source/unknown and stores its sources short on its next run' '
	cp "$DB" "$T/v11.db" &&
	db_sql "$T/v11.db" "drop trigger article_publication_copy" \
		"UPDATE article_publication SET (name, size, mtime, date, nlink) = (SELECT name, size, mtime, date, nlink FROM article a WHERE a.id = article_publication.article_id)" \
		"CREATE TRIGGER article_publication_copy  AFTER UPDATE OF name, size, mtime, date, nlink ON article  BEGIN UPDATE article_publication SET name = new.name,    size = new.size, mtime = new.mtime, date = new.date,    nlink = new.nlink WHERE article_id = new.id; END" \
		"UPDATE source SET path = (SELECT path FROM source_base) || substr(path, 2) WHERE substr(path, 1, 1) = \".\"" \
		"drop table source_base" \
		"pragma user_version = 11" &&
	unknown_rows "$T/v11.db" | grep -Eqx "([1-9][0-9]*)	\1(\.0)?" &&
	! "$NEWSFS" stats --db "$T/v11.db" 2>/dev/null &&
	"$NEWSFS" index -q --db "$T/v11.db" "$SRC" 2>/dev/null;
	db_sql "$T/v11.db" "pragma user_version" | grep -qx 12 &&
	unknown_rows "$T/v11.db" | grep -Eqx "[1-9][0-9]*	0(\.0)?" &&
	test "$(db_sql "$T/v11.db" "SELECT path FROM source_base")" = "$(realpath "$SRC")" &&
	test "$(db_sql "$T/v11.db" "SELECT count(*) FROM source WHERE substr(path, 1, 2) <> \"./\"")" = 0 &&
	"$NEWSFS" export --db "$T/v11.db" | cmp - <("$NEWSFS" export --db "$DB") &&
	"$NEWSFS" check --db "$T/v11.db" | grep -q " 0 problems$" &&
	nfs_mount "$T/v11.db" "$T/v11m" &&
	long_list "$T/v11m/by-source/unknown" | cmp - "$T/unk.ls" &&
	long_list "$T/v11m/by-source/Tidewater Post" | cmp - <(long_list "$M/by-source/Tidewater Post"); rc=$?
	nfs_umount "$T/v11m"; exit $rc'

expect 'an article extracted again keeps the publications of all its sources' '
	mkdir -p "$T/re" &&
	cp "$DATA/pages/harbour-ferry.html" "$DATA/dumps/kestrel.tar.gz" "$T/re/" &&
	"$NEWSFS" index -q --db "$T/re.db" "$T/re" &&
	pubs() { db_sql "$T/re.db" "SELECT group_concat(p.name, \"|\") FROM (SELECT p.name FROM article_publication ap JOIN publication p ON p.id = ap.publication_id JOIN article a ON a.id = ap.article_id WHERE a.name = \"$FERRY\" ORDER BY p.name) p"; } &&
	test "$(pubs)" = "North Sea Observer|The Coastal Ledger" &&
	n=$(db_sql "$T/re.db" "SELECT nlink FROM article WHERE name = \"$FERRY\"") &&
	db_sql "$T/re.db" "UPDATE article SET ext_version = 0" &&
	"$NEWSFS" index --db "$T/re.db" "$T/re" >"$T/re.out" &&
	grep -q " 1 extracted again," "$T/re.out" &&
	test "$(pubs)" = "North Sea Observer|The Coastal Ledger" &&
	test "$(db_sql "$T/re.db" "SELECT nlink FROM article WHERE name = \"$FERRY\"")" = "$n" &&
	"$NEWSFS" check --db "$T/re.db" | grep -q " 0 problems$"'

# Records of one outlet, some naming it and some giving only its host.
outlet_rec() { # outlet_rec SITE-FIELD SITE PATH TITLE BODY
	printf '{"url": "https://www.fjord-herald.example.com/%s", "title": "%s", "maintext": "%s", "date_publish": "2024-02-04", "%s": "%s"}\n' \
		"$3" "$4" "$5" "$1" "$2"
}
HOSTLY="2024-02-04 Ferry pier gets new gangway.txt"
expect 'one outlet is one by-source/ folder, whichever of its records comes first' '
	mkdir -p "$T/oa" "$T/ob" "$T/om" &&
	{ outlet_rec source_domain fjord-herald.example.com pier "Ferry pier gets new gangway" "The harbour board fitted a new gangway at the ferry pier on Tuesday, ending three weeks of queues for foot passengers." &&
	  outlet_rec source_domain fjord-herald.example.com rink "Ice rink opens early" "The town ice rink opened two weeks early after a cold snap, and the skating club booked every evening slot."; } >"$T/hosts.jsonl" &&
	{ outlet_rec publication "Fjord Herald" pier-copy "Ferry pier gets new gangway" "The harbour board fitted a new gangway at the ferry pier on Tuesday, ending three weeks of queues for foot passengers." &&
	  outlet_rec publication "Fjord Herald" choir "Choir wins regional prize" "The harbour choir won the regional prize on Sunday with a programme of old sea songs and two new pieces."; } >"$T/named.jsonl" &&
	cp "$T/hosts.jsonl" "$T/oa/" && "$NEWSFS" index -q --db "$T/oa.db" "$T/oa" &&
	nfs_mount "$T/oa.db" "$T/om" &&
	test -e "$T/om/by-source/fjord-herald.example.com/$HOSTLY" &&
	cp "$T/named.jsonl" "$T/oa/" && "$NEWSFS" index -q --db "$T/oa.db" "$T/oa" && sleep 1.5 &&
	test ! -e "$T/om/by-source/fjord-herald.example.com" &&
	test "$(ls "$T/om/by-source/Fjord Herald" | wc -l)" = 3 &&
	test -e "$T/om/by-source/Fjord Herald/$HOSTLY" &&
	cp "$T/named.jsonl" "$T/ob/" && "$NEWSFS" index -q --db "$T/ob.db" "$T/ob" &&
	cp "$T/hosts.jsonl" "$T/ob/" && "$NEWSFS" index -q --db "$T/ob.db" "$T/ob" &&
	db_sql "$T/ob.db" "SELECT name FROM publication ORDER BY name" | tr "\n" "|" | grep -qx "Fjord Herald|" &&
	db_sql "$T/oa.db" "SELECT name FROM publication ORDER BY name" | tr "\n" "|" | grep -qx "Fjord Herald|" &&
	test "$(db_sql "$T/oa.db" "SELECT nlink FROM article WHERE name = \"$HOSTLY\"")" = \
	     "$(db_sql "$T/ob.db" "SELECT nlink FROM article WHERE name = \"$HOSTLY\"")" &&
	test "$(stat -c %h "$T/om/articles/$HOSTLY")" = "$(db_sql "$T/ob.db" "SELECT nlink FROM article WHERE name = \"$HOSTLY\"")" &&
	db_sql "$T/oa.db" "SELECT publications FROM source ORDER BY path" | sort -u | grep -qx "Fjord Herald" &&
	test "$(db_sql "$T/oa.db" "SELECT count(DISTINCT publications) FROM source")" = 1 &&
	"$NEWSFS" check --db "$T/oa.db" | grep -q " 0 problems$"; rc=$?
	nfs_umount "$T/om"; exit $rc'

expect 'export --why takes a PATH#WHERE source as user.newsfs.sources prints it' '
	s=$(sources "$FERRY" | grep "kestrel.tar.gz#") &&
	"$NEWSFS" export --why --db "$DB" "$s" >"$T/why.out" &&
	grep -qxF "$s	country	Norway	0	6	Norway	named in this article" "$T/why.out" &&
	(cd "$SRC" && "$NEWSFS" export --why --db "$DB" "dumps/${s#*/dumps/}") >"$T/why2.out" &&
	grep -q "^dumps/kestrel.tar.gz#member kestrel/ferry-link.html	country	Denmark	" "$T/why2.out" &&
	! "$NEWSFS" export --why --db "$DB" "$SRC/dumps/tidewater.jsonl#line 99" >/dev/null 2>"$T/why.err" &&
	grep -qF "tidewater.jsonl#line 99: no such record in the index" "$T/why.err"'

expect 'the original bytes of a page are where its source says' '
	page=$(sources "$FERRY" | grep "/pages/") &&
	grep -q "<article>" "$page" &&
	m=$(sources "$METRO") && arc=${m%%#*} && member=${m#*#member } &&
	tar -xOzf "$arc" "$member" | grep -q "application/ld+json"'

expect 'plain text files are indexed exactly as before' '
	for f in "$SAMPLE"/*.txt; do
		h=$(grep -lZF "$(head -c 60 "$f" | head -1)" -r "$M/articles" | xargs -0 -r md5sum | cut -d" " -f1) &&
		test "$h" = "$(md5sum <"$f" | cut -d" " -f1)" || { echo "$f"; exit 1; }
	done'

nfs_umount "$M" || fail_now "unmount"

expect 'an unchanged dump or archive is not read again' '
	"$NEWSFS" index --db "$DB" "$SRC" >"$T/again.out" 2>/dev/null;
	grep -q " 0 new articles, 0 duplicates, 12 unchanged," "$T/again.out"'

# Rewrite bytes of a file in place, keeping its size, mtime and inode.
rewrite() { # rewrite FILE FROM TO
	python3 -c "
import os, sys
p, a, b = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
st = os.stat(p)
data = open(p, \"rb\").read().replace(a, b, 1)
open(p, \"r+b\").write(data)
os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))" "$@"
}

expect 'check --deep reads each record again and finds one rewritten in place' '
	"$NEWSFS" check --deep --db "$DB" >"$T/deep.out" &&
	grep -q " 0 problems$" "$T/deep.out" &&
	rewrite "$SRC/dumps/tidewater.jsonl" "keepers moved" "keepers MOVED" &&
	! "$NEWSFS" check --deep --db "$DB" >"$T/deep.out" &&
	grep -q "tidewater.jsonl#line 1: changed without a change of size" "$T/deep.out" &&
	grep -q " 1 problems$" "$T/deep.out" &&
	rewrite "$SRC/dumps/tidewater.jsonl" "keepers MOVED" "keepers moved"'

expect 'a JSON Lines file that grew is read from where the last run stopped' '
	printf "%s\n" "{\"title\": \"Ferry crews end strike\", \"maintext\": \"Ferry crews in Ostrand ended a two-day strike on Thursday after the operator agreed to hire four more deckhands.\", \"date_publish\": \"2024-05-09 10:00:00\", \"date_download\": \"2024-06-01 00:00:00\", \"source_domain\": \"tidewater-post.example.org\"}" >>"$SRC/dumps/tidewater.jsonl" &&
	"$NEWSFS" index --db "$DB" "$SRC" >"$T/grow.out" 2>/dev/null;
	grep -q " 1 new articles, 0 duplicates, 11 unchanged," "$T/grow.out" &&
	db_sql "$DB" "SELECT name FROM article a JOIN source s ON s.article_id = a.id WHERE s.path LIKE \"%tidewater.jsonl#line 5\"" | grep -qx "2024-05-09 Ferry crews end strike.txt"'

expect 'a dump rewritten with fewer records forgets the ones that left' '
	head -1 "$SRC/dumps/tidewater.jsonl" >"$T/one.jsonl" &&
	cp "$T/one.jsonl" "$SRC/dumps/tidewater.jsonl" &&
	"$NEWSFS" index --db "$DB" "$SRC" >"$T/shrink.out" 2>/dev/null;
	grep -q " 0 new articles, 0 duplicates, 11 unchanged, .* 3 vanished," "$T/shrink.out" &&
	"$NEWSFS" export --db "$DB" | cut -f1 >"$T/shrink.paths" &&
	! grep -q "tidewater.jsonl#line [2-5]" "$T/shrink.paths" &&
	grep -qx "$SRC/dumps/tidewater.jsonl#line 1" "$T/shrink.paths" &&
	! db_sql "$DB" "SELECT name FROM article" | grep -q "River bridge tolls" &&
	"$NEWSFS" check --db "$DB" | grep -q " 0 problems$"'

expect 'a broken JSON Lines line is reported by number, the others indexed' '
	mkdir -p "$T/broken" &&
	{ sed -n 1p "$DATA/dumps/tidewater.jsonl"; echo "{\"title\": \"cut"; sed -n 2p "$DATA/dumps/tidewater.jsonl"; } >"$T/broken/b.jsonl" &&
	! "$NEWSFS" index --db "$T/broken.db" "$T/broken" >"$T/b.out" 2>"$T/b.err" &&
	grep -q "b.jsonl: line 2: broken JSON" "$T/b.err" &&
	grep -q " 2 new articles," "$T/b.out"'

expect 'a page without article text is rejected as such' '
	mkdir -p "$T/empty" &&
	printf "<html><head><title>Menu</title><script>var d = \"2019-01-01\";</script></head><body><nav><a href=/>Home</a></nav></body></html>" >"$T/empty/menu.html" &&
	! "$NEWSFS" index --db "$T/empty.db" "$T/empty" >/dev/null 2>"$T/e.err" &&
	grep -qx "newsfs: $T/empty/menu.html: no article text" "$T/e.err"'

expect 'a truncated .warc.gz keeps the pages before the damage' '
	mkdir -p "$T/cut" &&
	head -c 3000 "$DATA/dumps/crawl.warc.gz" >"$T/cut/c.warc.gz" &&
	! "$NEWSFS" index --db "$T/cut.db" "$T/cut" >"$T/c.out" 2>"$T/c.err" &&
	grep -q "c.warc.gz: record [0-9]*.*truncated" "$T/c.err" &&
	grep -q " [1-9] new articles," "$T/c.out"'

expect 'a dump whose body field has another name is read with --field' '
	mkdir -p "$T/map" &&
	printf "%s\n" "{\"headline\": \"Harbour fees rise in spring\", \"copy\": \"The port authority of Nordhavn raised its fees by four percent on Monday, citing the cost of dredging.\", \"when\": \"2021-03-04\", \"date_download\": \"2023-01-01\", \"paper\": \"Nordhavn Gazette\"}" >"$T/map/d.jsonl" &&
	! "$NEWSFS" index --db "$T/map1.db" "$T/map" 2>"$T/map.err" &&
	grep -q "d.jsonl: line 1: no text" "$T/map.err" &&
	"$NEWSFS" index --db "$T/map2.db" --field body=copy --field date=when \
		--field site=paper "$T/map" &&
	db_sql "$T/map2.db" "SELECT name FROM article" | grep -qx "2021-03-04 Harbour fees rise in spring.txt" &&
	db_sql "$T/map2.db" "SELECT name FROM publication" | grep -qx "Nordhavn Gazette" &&
	"$NEWSFS" index --db "$T/map2.db" --field body=copy --field date=when \
		--field site=paper "$T/map" | grep -q " 1 unchanged," &&
	! "$NEWSFS" index --db "$T/map2.db" "$T/map" 2>"$T/map.err" >/dev/null &&
	grep -q "d.jsonl: line 1: no text" "$T/map.err" &&
	db_sql "$T/map2.db" "SELECT name FROM article" | grep -qx "2021-03-04 Harbour fees rise in spring.txt" &&
	! "$NEWSFS" index --db "$T/map3.db" --field nope=x "$T/map" 2>/dev/null'

expect 'a zip bomb is refused by a cap the user can raise' '
	mkdir -p "$T/bomb" &&
	{ printf "{\"title\": \"t\", \"text\": \""; head -c 3000000 /dev/zero | tr "\0" a; printf "\"}\n"; } | gzip -9 >"$T/bomb/b.jsonl.gz" &&
	! "$NEWSFS" index --db "$T/bomb1.db" --max-member 1M "$T/bomb" 2>"$T/bomb.err" &&
	grep -q "a zip bomb? the cap can be raised" "$T/bomb.err" &&
	"$NEWSFS" index --db "$T/bomb2.db" --max-member 10M "$T/bomb" >/dev/null'

if [ -d "$NEWSFS_TOP/../shared/corpora/reuters21578/dev/articles" ]; then
	R=$NEWSFS_TOP/../shared/corpora/reuters21578/dev/articles
	expect 'wire copy signed REUTER is under by-source/Reuters' '
		mkdir -p "$T/wire" && cp "$R/reut-00001.txt" "$R/reut-00002.txt" "$T/wire/" &&
		"$NEWSFS" index --db "$T/wire.db" "$T/wire" >/dev/null &&
		db_sql "$T/wire.db" "SELECT count(*) FROM article_publication ap JOIN publication p ON p.id = ap.publication_id WHERE p.name = \"Reuters\"" | grep -qx 2'
else
	skip 'wire copy signed REUTER is under by-source/Reuters' 'no ../shared corpora'
fi
