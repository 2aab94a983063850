# export --why: the text behind each facet of an article, found by its
# source path or by an article file of a mount.
. "$NEWSFS_TOP/tests/lib.sh"

DB=$T/why.db
A=$SAMPLE/003_0def9fb4c96538bf.txt
"$NEWSFS" index -q --db "$DB" "$SAMPLE" || fail_now "indexing the sample"

expect 'each facet of the export has a row with its evidence' '
	"$NEWSFS" export --why --db "$DB" "$A" >"$T/why" &&
	head -1 "$T/why" | grep -qx "path	facet	value	offset	length	evidence	how" &&
	"$NEWSFS" export --db "$DB" | grep -F "$A" >"$T/row" &&
	test "$(cut -f3 "$T/row")" = "$(awk -F"\t" "\$2 == \"date\" { print \$3 }" "$T/why")" &&
	test "$(cut -f4 "$T/row")" = "$(awk -F"\t" "\$2 == \"country\" { print \$3 }" "$T/why" | paste -sd"|")" &&
	test "$(cut -f5 "$T/row")" = "$(awk -F"\t" "\$2 == \"official\" { print \$3 }" "$T/why" | paste -sd"|")"'

expect 'offset and length point at the evidence in the file' '
	"$NEWSFS" export --why --db "$DB" "$A" | tail -n +2 >"$T/why" &&
	python3 - "$A" "$T/why" <<-EOF
	import sys
	data = open(sys.argv[1], "rb").read()
	rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")]
	assert rows, "no rows"
	for path, facet, value, off, n, ev, how in rows:
	    got = b" ".join(data[int(off):int(off) + int(n)].split()).decode()
	    assert got == ev, (facet, value, got, ev)
	EOF'

expect 'a title-after official shows the name and the title' '
	"$NEWSFS" export --why --db "$DB" "$A" |
		grep -q "	official	Lloyd \(James \)\?Austin	[0-9]*	[0-9]*	[^	]*Austin	title [a-z]* the name in this article\$"'

expect 'an official titled in another article shows where it was established' '
	mkdir "$T/two" &&
	printf "%s\n\n%s\n" "Banks wait" \
		"Alan Greenspan told the Senate banking committee on Tuesday." \
		>"$T/two/a.txt" &&
	printf "%s\n\n%s\n" "Fed chief speaks" \
		"Federal Reserve Board chairman Alan Greenspan said rates would stay." \
		>"$T/two/b.txt" &&
	"$NEWSFS" index -q --db "$T/two.db" "$T/two" &&
	"$NEWSFS" export --why --db "$T/two.db" "$T/two/a.txt" >"$T/out" &&
	grep -q "	official	Alan Greenspan	[0-9]*	14	Alan Greenspan	established in $T/two/b.txt\$" "$T/out" &&
	"$NEWSFS" export --why --db "$T/two.db" "$T/two/b.txt" >"$T/out" &&
	grep -q "	official	Alan Greenspan	.*	title before the name in this article\$" "$T/out"'

expect 'a date without a year says where the year came from' '
	"$NEWSFS" export --why --db "$DB" "$SAMPLE"/002_*.txt >"$T/out" &&
	grep -q "	date	2025-09-22	.*September 22	" "$T/out" &&
	grep -q "	year	2025	[0-9]*	4	2025	the date has no year" "$T/out"'

expect 'a file that is not an indexed article fails with a reason' '
	echo "Some text that was never indexed." >"$T/new.txt" &&
	! "$NEWSFS" export --why --db "$DB" "$T/new.txt" >"$T/out" 2>"$T/err" &&
	grep -q "new.txt: not an indexed article" "$T/err"'

expect 'the other paths are still explained after a failure' '
	"$NEWSFS" export --why --db "$DB" /nonexistent "$A" >"$T/out" 2>"$T/err";
	test $? = 1 && grep -q "	official	" "$T/out" &&
	grep -q "/nonexistent" "$T/err"'

expect '--why needs a path, and paths need --why' '
	"$NEWSFS" export --why --db "$DB" 2>"$T/err"; test $? = 2 &&
	"$NEWSFS" export --db "$DB" "$A" 2>"$T/err"; test $? = 2'

expect 'a UTF-16 article is explained in its UTF-8 decoding' '
	mkdir "$T/u16" &&
	python3 -c "import sys; t = open(sys.argv[1], encoding=\"utf-8\").read(); open(sys.argv[2], \"wb\").write(t.encode(\"utf-16\"))" \
		"$A" "$T/u16/a.txt" &&
	"$NEWSFS" index -q --db "$T/u16.db" "$T/u16" &&
	"$NEWSFS" export --why --db "$T/u16.db" "$T/u16/a.txt" >"$T/out" &&
	grep -q "	country	Japan	" "$T/out"'

expect 'an index by another gazetteer is explained, with a warning' '
	mkdir -p "$T/gaz" && cp "$NEWSFS_TOP"/data/gazetteer/*.tsv \
		"$NEWSFS_TOP"/data/gazetteer/*.txt "$T/gaz/" &&
	echo "Talks Office	CN	metonym	0		test" >>"$T/gaz/aliases.tsv" &&
	"$NEWSFS" index -q --gazetteer "$T/gaz" --db "$T/g.db" "$SAMPLE" &&
	"$NEWSFS" export --why --db "$T/g.db" "$A" >"$T/out" 2>"$T/err" &&
	grep -q "indexed by another extractor or gazetteer" "$T/err" &&
	NEWSFS_GAZETTEER=$T/gaz "$NEWSFS" export --why --db "$T/g.db" "$A" \
		>"$T/out" 2>"$T/err" && test ! -s "$T/err"'

if [ -e /dev/fuse ] && command -v fusermount3 >/dev/null; then
	expect 'an article file of a mount is explained like its source, --db or not' '
		nfs_mount "$DB" "$T/mnt" &&
		f=$(grep -l "Shin Won-sik" "$T"/mnt/articles/* | head -1) &&
		"$NEWSFS" export --why --db "$DB" "$f" | cut -f2- >"$T/m" &&
		"$NEWSFS" export --why --db "$DB" "$A" | cut -f2- >"$T/s" &&
		cmp "$T/m" "$T/s" &&
		"$NEWSFS" export --why "$f" | cut -f2- >"$T/m2" &&
		cmp "$T/m2" "$T/s" && nfs_umount "$T/mnt"'
else
	skip 'an article file of a mount is explained' 'no FUSE here'
fi
