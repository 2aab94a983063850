# query/ and search/ folders through the tools people use: every form of
# the syntax gives exactly the articles the other views (or a scan) say,
# as the same files; query/ keeps whole-mount find and grep -r bounded;
# malformed questions are refused with a reason in the daemon's log; and
# the folders follow an index run.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/corpus DB=$T/index.db M=$T/mnt
"$NEWSFS_TOP/scripts/gen-corpus" "$SRC" 1500 11 >/dev/null ||
	fail_now "generate a corpus of 1,500 articles"
"$NEWSFS" index -q --db "$DB" "$SRC" || fail_now "index the corpus"
nfs_mount "$DB" "$M" || fail_now "mount"
LOG=$NFS_LOG

# Names of a folder's files, sorted (ls -1 does not list dot files).
names() { ls -1 "$1" | LC_ALL=C sort; }
# The two largest country folders.
ls -1 "$M/by-country" >"$T/countries"
while read -r c; do
	echo "$(ls -1 "$M/by-country/$c" | wc -l) $c"
done <"$T/countries" | sort -rn >"$T/sizes"
A=$(sed -n 1p "$T/sizes" | cut -d" " -f2-)
B=$(sed -n 2p "$T/sizes" | cut -d" " -f2-)
Q=$M/query

expect 'query/ and search/ list nothing but a README with examples' '
	test "$(ls -A "$Q")" = README && test "$(ls -A "$M/search")" = README &&
	grep -q "country=Japan/country=South Korea/date=2024" "$Q/README" &&
	grep -q "date=2024-07..2024-09" "$Q/README" &&
	grep -q "search/north korea missile" "$M/search/README" &&
	test "$(stat -c %s "$Q/README")" = "$(cat "$Q/README" | wc -c)"'

expect 'country=A/country=B is the articles both country folders hold' '
	test -n "$A" && test -n "$B" &&
	LC_ALL=C comm -12 <(names "$M/by-country/$A") <(names "$M/by-country/$B") >"$T/want" &&
	test -s "$T/want" &&
	names "$Q/country=$A/country=$B" | cmp - "$T/want"'

expect 'cd narrows step by step, and the files are the articles themselves' '
	cd "$Q" && cd "country=$A" && cd "country=$B" &&
	ls -1 | LC_ALL=C sort | cmp - "$T/want" &&
	f=$(head -1 "$T/want") &&
	test "$(stat -c %i "$f")" = "$(stat -c %i "$M/articles/$f")" &&
	cmp "$f" "$M/articles/$f" &&
	test "$(stat -c %h "$f")" = "$(stat -c %h "$M/articles/$f")"'

expect 'a query folder lists only articles, no folders' '
	test -z "$(find "$Q/country=$A/" -mindepth 1 ! -type f)" &&
	test "$(find "$Q/country=$A/" -mindepth 1 -type f | wc -l)" = \
	     "$(ls -1 "$M/by-country/$A" | wc -l)"'

expect "| is OR inside a term, ! is NOT, names ignore case" '
	LC_ALL=C sort -u <(names "$M/by-country/$A") <(names "$M/by-country/$B") >"$T/or" &&
	names "$Q/country=$A|$B" | cmp - "$T/or" &&
	lower=$(echo "$A|$B" | tr "[:upper:]" "[:lower:]") &&
	names "$Q/country=$lower" | cmp - "$T/or" &&
	LC_ALL=C comm -23 <(names "$M/articles") <(names "$M/by-country/$A") >"$T/not" &&
	names "$Q/!country=$A" | cmp - "$T/not" &&
	LC_ALL=C comm -23 <(names "$M/by-country/$B") <(names "$M/by-country/$A") >"$T/bnota" &&
	names "$Q/country=$B/!country=$A" | cmp - "$T/bnota"'

# Every file under a by-date/ folder, sorted.
dated() { find "$@" -type f -printf "%f\n" | LC_ALL=C sort; }
# The year with the most months.
Y=$(for y in $(ls "$M/by-date" | grep -v undated); do
	echo "$(ls "$M/by-date/$y" | wc -l) $y"; done | sort -rn | sed -n "1s/.* //p")
MO=$(ls "$M/by-date/$Y" | head -1)
MO2=$(ls "$M/by-date/$Y" | sed -n 3p)
D=$(ls "$M/by-date/$Y/$MO" | head -1)
D2=$(ls "$M/by-date/$Y/$MO" | sed -n 4p)

expect 'date= at year, month and day precision, ranges and undated' '
	dated "$M/by-date/$Y" | cmp - <(names "$Q/date=$Y") &&
	dated "$M/by-date/$Y/$MO" | cmp - <(names "$Q/date=$Y-$MO") &&
	dated "$M/by-date/$Y/$MO/$D" | cmp - <(names "$Q/date=$Y-$MO-$D") &&
	names "$M/by-date/undated" | cmp - <(names "$Q/date=undated") &&
	test -n "$MO2" && test -n "$D2" &&
	dirs=$(for m in $(ls "$M/by-date/$Y"); do
		[ "$m" \< "$MO" ] || [ "$m" \> "$MO2" ] || echo "$M/by-date/$Y/$m"; done) &&
	dated $dirs | cmp - <(names "$Q/date=$Y-$MO..$Y-$MO2") &&
	days=$(for d in $(ls "$M/by-date/$Y/$MO"); do
		[ "$d" \< "$D" ] || [ "$d" \> "$D2" ] || echo "$M/by-date/$Y/$MO/$d"; done) &&
	dated $days | cmp - <(names "$Q/date=$Y-$MO-$D..$Y-$MO-$D2") &&
	dated "$M/by-date/$Y" | LC_ALL=C comm -12 - <(names "$M/by-country/$A") |
		cmp - <(names "$Q/country=$A/date=$Y")'

# name inode size mtime links of the files of folder $1 named in file $2
attrs() { (cd "$1" && xargs -d "\n" stat -c "%n %i %s %Y %h" <"$2"); }

# A date term below another keeps its answer's rows from the date index
# and lists from them: the same files as articles/, every attribute, and
# overlapping ranges give each article once.
expect 'a date term below another lists the articles with their own attributes' '
	names "$Q/country=$A/date=$Y" >"$T/cy" && test -s "$T/cy" &&
	attrs "$Q/country=$A/date=$Y" "$T/cy" >"$T/cy.q" &&
	attrs "$M/articles" "$T/cy" | cmp - "$T/cy.q" &&
	names "$Q/country=$A/date=$Y|$Y-$MO|$Y-$MO-$D" | cmp - "$T/cy" &&
	attrs "$Q/country=$A/date=$Y|$Y-$MO|$Y-$MO-$D" "$T/cy" | cmp - "$T/cy.q" &&
	names "$Q/country=$A/date=$Y-$MO..$Y-$MO2" | cmp - \
		<(names "$Q/date=$Y-$MO..$Y-$MO2/country=$A")'

OFF=$(ls "$M/by-official" | awk "NF >= 2" | while read -r o; do
	echo "$(ls "$M/by-official/$o" | wc -l) $o"; done | sort -rn | sed -n 1p | cut -d" " -f2-)

# Answers kept with their listing rows (an official's or a publication's
# own rows, a date range's, a lookup of each article of a small base) and
# the terms below them, filtered in memory: the same files as the scans
# of the other views say, with the attributes articles/ shows.
same() { # folder, wanted names (file): names and every attribute
	names "$1" | cmp - "$2" && attrs "$1" "$2" | cmp - <(attrs "$M/articles" "$2")
}
expect 'answers kept with their rows, and terms below them, list what the views hold' '
	test -n "$OFF" &&
	names "$M/by-official/$OFF" >"$T/off" && same "$Q/official=$OFF" "$T/off" &&
	dated "$M/by-date/$Y" >"$T/y" &&
	LC_ALL=C comm -12 "$T/off" "$T/y" >"$T/w1" && same "$Q/official=$OFF/date=$Y" "$T/w1" &&
	LC_ALL=C comm -23 "$T/off" "$T/y" >"$T/w2" && same "$Q/official=$OFF/!date=$Y" "$T/w2" &&
	LC_ALL=C comm -12 "$T/off" <(names "$M/by-country/$A") >"$T/w3" &&
	same "$Q/official=$OFF/country=$A" "$T/w3" &&
	LC_ALL=C comm -12 <(dated "$M/by-date/$Y/$MO") <(names "$M/by-country/$A") >"$T/w4" &&
	same "$Q/date=$Y-$MO/country=$A" "$T/w4" &&
	LC_ALL=C comm -23 <(names "$M/by-country/$A") "$T/y" >"$T/w5" &&
	same "$Q/country=$A/!date=$Y" "$T/w5" &&
	LC_ALL=C comm -12 <(names "$M/by-country/$A") <(names "$M/by-date/undated") >"$T/w6" &&
	same "$Q/country=$A/date=undated" "$T/w6" &&
	grep -lw Freedom "$M"/articles/* | sed "s|.*/||" | LC_ALL=C sort >"$T/fr" &&
	LC_ALL=C comm -12 "$T/fr" "$T/y" >"$T/w7" && test -s "$T/w7" &&
	same "$Q/text=freedom/date=$Y" "$T/w7" &&
	LC_ALL=C comm -23 "$T/fr" "$T/y" >"$T/w8" && same "$Q/text=freedom/!date=$Y" "$T/w8" &&
	P=$(ls "$M/by-source" | head -1) && test -n "$P" &&
	names "$M/by-source/$P" >"$T/pub" && same "$Q/source=$P" "$T/pub" &&
	LC_ALL=C comm -12 "$T/pub" "$T/y" >"$T/w9" && same "$Q/source=$P/date=$Y" "$T/w9" &&
	LC_ALL=C comm -12 "$T/pub" <(names "$M/by-country/$A") >"$T/w10" &&
	test -s "$T/w10" && same "$Q/source=$P/country=$A" "$T/w10" &&
	LC_ALL=C comm -12 "$T/w10" "$T/y" >"$T/w11" &&
	same "$Q/source=$P/country=$A/date=$Y" "$T/w11" &&
	LC_ALL=C comm -23 "$T/w10" <(names "$M/by-country/$B") >"$T/w12" &&
	same "$Q/source=$P/country=$A/!country=$B" "$T/w12" &&
	LC_ALL=C comm -12 "$T/w3" "$T/y" >"$T/w13" &&
	same "$Q/official=$OFF/country=$A/date=$Y" "$T/w13" &&
	same "$Q/official=$OFF/country=$A/date=$Y/country=$A" "$T/w13"'

expect 'text= words, "phrases" and prefix* match what grep finds' '
	grep -lw Freedom "$M"/articles/* | sed "s|.*/||" | LC_ALL=C sort >"$T/g1" &&
	test -s "$T/g1" && names "$Q/text=freedom" | cmp - "$T/g1" &&
	grep -l "Freedom Edge" "$M"/articles/* | sed "s|.*/||" | LC_ALL=C sort >"$T/g2" &&
	test -s "$T/g2" && names "$Q/text=\"freedom edge\"" | cmp - "$T/g2" &&
	grep -liwE "talisman[a-z0-9]*" "$M"/articles/* | sed "s|.*/||" | LC_ALL=C sort >"$T/g3" &&
	test -s "$T/g3" && names "$Q/text=talism*" | cmp - "$T/g3" &&
	LC_ALL=C comm -12 "$T/g2" <(names "$M/by-country/$A") |
		cmp - <(names "$Q/country=$A/text=\"FREEDOM EDGE\"") &&
	LC_ALL=C comm -12 "$T/g1" "$T/g3" | cmp - <(names "$Q/text=freedom talism*") &&
	LC_ALL=C sort -u "$T/g2" "$T/g3" | cmp - <(names "$Q/text=\"freedom edge\"|talism*")'

expect 'official= by its folder name, in any case' '
	test -n "$OFF" &&
	names "$M/by-official/$OFF" | cmp - <(names "$Q/official=$OFF") &&
	up=$(echo "$OFF" | tr "[:lower:]" "[:upper:]") &&
	names "$M/by-official/$OFF" | cmp - <(names "$Q/official=$up")'

# A surname that several officials' keys share.
AMB=$(db_sql "$DB" "SELECT w.word FROM person_word w
	JOIN person p ON p.key = w.key JOIN official o ON o.key = p.folder
	GROUP BY w.word HAVING count(DISTINCT o.id) > 1
	ORDER BY count(DISTINCT o.id) DESC, w.word LIMIT 1")
expect 'an official name several people share: empty folder, getfattr and the log say whom' '
	test -n "$AMB" &&
	test -z "$(ls -A "$Q/official=$AMB")" &&
	getfattr --only-values -n user.newsfs.why "$Q/official=$AMB" >"$T/why" &&
	grep -q "official=$AMB is ambiguous: it may be " "$T/why" &&
	grep -q "query/official=$AMB: official=$AMB is ambiguous" "$LOG" &&
	getfattr -d "$Q/official=$AMB" | grep -q "user.newsfs.why" &&
	full=$(sed "s/.*may be //" "$T/why" | cut -d"$(printf "\047")" -f2) &&
	test -n "$full" &&
	names "$M/by-official/$full" | cmp - <(names "$Q/official=$full")'

expect 'malformed questions are refused and the log says why; unknown names are not there' '
	! ls "$Q/date=2024-13" 2>"$T/e1" && grep -q "Invalid argument" "$T/e1" &&
	! ls "$Q/colour=red" 2>"$T/e2" && grep -q "Invalid argument" "$T/e2" &&
	! ls "$Q/text=\"open" 2>"$T/e3" && grep -q "Invalid argument" "$T/e3" &&
	! ls "$Q/country=Atlantis" 2>"$T/e4" && grep -q "No such file" "$T/e4" &&
	! ls "$Q/no-equals-sign" 2>"$T/e5" && grep -q "No such file" "$T/e5" &&
	sleep 0.2 &&
	grep -q "query/date=2024-13: .2024-13. is not a date" "$LOG" &&
	grep -q "query/colour=red: .* is not a term" "$LOG" &&
	grep -q "query/country=Atlantis: no country called .Atlantis. is indexed" "$LOG" &&
	ls "$Q" >/dev/null && ls "$M/articles" >/dev/null'

expect 'a path of 1,500 terms and a term of many alternatives answer' '
	python3 -c "import os, sys
os.chdir(sys.argv[1])
for i in range(1, 1501):
    os.chdir(\"!text=zzq%d\" % i)
print(\"\n\".join(sorted(os.listdir(\".\"))))" "$Q/country=$A" >"$T/deep" &&
	LC_ALL=C sort "$T/deep" | cmp - <(names "$M/by-country/$A") &&
	alts=$(cut -c1-3 "$T/countries" | head -40 | sort -u | sed "s/$/*/" | paste -sd"|") &&
	ls "$Q/text=$alts" | wc -l | grep -qv "^0$"'

expect 'search/ lists the best matches first, rank-prefixed, same inodes' '
	ls "$M/search/freedom edge" >"$T/s" &&
	test "$(wc -l <"$T/s")" = "$(ls "$Q/text=freedom edge" | wc -l)" &&
	head -1 "$T/s" | grep -q "^001 " &&
	sed "s/^[0-9]* //" "$T/s" | LC_ALL=C sort | cmp - <(names "$Q/text=freedom edge") &&
	cut -d" " -f1 "$T/s" | cmp - <(seq -f "%03g" 1 "$(wc -l <"$T/s")") &&
	f=$(head -1 "$T/s") &&
	test "$(stat -c %i "$M/search/freedom edge/$f")" = \
	     "$(stat -c %i "$M/articles/${f#* }")" &&
	! ls "$M/articles/$f" 2>/dev/null &&
	! stat "$M/search/freedom edge/999 ${f#* }" 2>/dev/null'

expect 'tab completion (compgen -f) completes names inside query folders' '
	f=$(head -1 "$T/want") &&
	cd "$Q/country=$A/country=$B" &&
	compgen -f -- "${f:0:12}" | grep -qxF "$f" &&
	cd "$Q" && compgen -f -- RE | grep -qx README'

expect 'find, grep -r and du over the whole mount never enter query/ or search/' '
	timeout 120 find "$M" >"$T/find" || { echo find failed; exit 1; }
	grep "^$Q/\|^$M/search/" "$T/find" >"$T/qfind"
	printf "%s\n" "$Q/README" "$M/search/README" | cmp - "$T/qfind" &&
	timeout 120 grep -rl "Freedom Edge" "$M" >"$T/grep" &&
	test -s "$T/grep" && ! grep "^$Q/\|^$M/search/" "$T/grep" | grep -v /README$ &&
	timeout 120 du -s "$M" >"$T/du" || { echo du; cat "$T/du"; exit 1; }'

# A new article that names both countries and has a word nothing else has,
# then its removal: the folders follow within a second.
NEW=$SRC/zz-new.txt
head -c 2000 "$M/query/country=$A/country=$B/$(head -1 "$T/want")" >"$NEW"
printf "\nQuokkaphrase appears here once.\n" >>"$NEW"
expect 'the daemon holds one node per query or search folder the kernel holds, and shares them' '
	python3 -c "
import os, sys
q, s = sys.argv[1], sys.argv[2]
def held():
    return int(os.getxattr(q, \"user.newsfs.folders\"))
base = held()
fds = [os.open(\"%s/text=w%dx|japan\" % (q, i), os.O_RDONLY | os.O_DIRECTORY) for i in range(200)]
fds += [os.open(\"%s/w%dx japan\" % (s, i), os.O_RDONLY | os.O_DIRECTORY) for i in range(100)]
opened = held()
again = [os.open(\"%s/text=w%dx|japan\" % (q, i), os.O_RDONLY | os.O_DIRECTORY) for i in range(200)]
twice = held()
for fd in fds + again:
    os.close(fd)
sys.exit(not (opened == base + 300 and twice == opened))
" "$Q" "$M/search" &&
	test "$(getfattr --only-values -n user.newsfs.folders "$M/search")" -ge 300 &&
	! getfattr -n user.newsfs.folders "$M/by-country" 2>/dev/null'

expect 'query and search folders follow an index run, and readers see articles go' '
	ls "$Q/text=quokkaphrase" 2>/dev/null | wc -l | grep -qx 0 &&
	cd "$Q/country=$A/country=$B" && n=$(ls | wc -l) &&
	"$NEWSFS" index -q --db "$DB" "$SRC" && sleep 1.5 &&
	test "$(ls | wc -l)" = $((n + 1)) &&
	test "$(ls "$Q/text=quokkaphrase" | wc -l)" = 1 &&
	ls "$M/search/quokkaphrase" | grep -q "^001 " &&
	rm "$NEW" && "$NEWSFS" index -q --db "$DB" "$SRC" && sleep 1.5 &&
	test "$(ls | wc -l)" = "$n" &&
	test "$(ls "$Q/text=quokkaphrase" | wc -l)" = 0 &&
	"$NEWSFS" check --db "$DB" | grep -q " 0 problems$"'

expect 'the daemon unmounts cleanly' 'cd / && nfs_umount "$M" "$LOG"'
