# Saved pages and dump records take part in the officials of the whole
# index as text files do: the people they name are stored, so a person
# titled in another article counts in them (in either order of the runs),
# and the user's corrections apply to them.
. "$NEWSFS_TOP/tests/lib.sh"

export HOME=$T XDG_CONFIG_HOME=$T/config XDG_DATA_HOME=$T/data
SRC=$T/corpus FIX=$T/corrections
mkdir -p "$SRC" "$T/later"

cat >"$T/fed.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Rates hold after a long hearing | The Harbour Gazette</title>
<meta property="article:published_time" content="1987-06-02T09:00:00Z">
</head><body><article><h1>Rates hold after a long hearing</h1>
<p>Alan Greenspan told the Senate banking committee on Tuesday that rates
would hold through the summer, and that the dollar had found a floor after
months of decline.</p>
<p>Mr Greenspan spoke for an hour and took questions from both parties.
John Smith, who farms near the capital, said he had come to hear the
testimony in person.</p>
</article></body></html>
HTML
printf '{"url": "https://gazette.example.org/1987/06/fed", "title": "Markets wait for the Fed", "date": "1987-06-03", "maintext": "Traders said on Wednesday that they expected Alan Greenspan to keep rates where they are. Mr Greenspan has said little since the hearing."}\n' \
	>"$T/wire.jsonl"
printf 'Fed chief speaks\n\nFederal Reserve Board chairman Alan Greenspan said rates would stay where they are.\n' \
	>"$T/chair.txt"

rows() { # rows DB: path, date and officials, paths made relative
	"$NEWSFS" export --db "$1" | cut -f1,3,5 | sed "s|^$T/[^/]*/||" | sort
}

expect 'a page and a dump record name an official titled elsewhere' '
	cp "$T/fed.html" "$T/wire.jsonl" "$T/chair.txt" "$SRC/" &&
	"$NEWSFS" index -q --db "$T/all.db" "$SRC" &&
	rows "$T/all.db" >"$T/want" &&
	grep -qx "fed.html	1987-06-02	Alan Greenspan" "$T/want" &&
	grep -qx "wire.jsonl#line 1	1987-06-03	Alan Greenspan" "$T/want"'

expect 'the title indexed in a later run makes them count too' '
	cp "$T/fed.html" "$T/wire.jsonl" "$T/later/" &&
	"$NEWSFS" index -q --db "$T/later.db" "$T/later" &&
	rows "$T/later.db" | grep -qx "fed.html	1987-06-02	" &&
	cp "$T/chair.txt" "$T/later/" &&
	"$NEWSFS" index -q --db "$T/later.db" "$T/later" &&
	rows "$T/later.db" | grep -qx "fed.html	1987-06-02	Alan Greenspan" &&
	rows "$T/later.db" | cmp - "$T/want"'

expect 'corrections apply to a page and to a dump record' '
	printf "ignore Alan Greenspan in %s\nofficial John Smith\ndate %s 2004-11-02\n" \
		"$SRC/wire.jsonl" "$SRC/fed.html" >"$FIX" &&
	"$NEWSFS" index -q --corrections "$FIX" --db "$T/fixed.db" "$SRC" &&
	rows "$T/fixed.db" >"$T/got" &&
	grep -qx "fed.html	2004-11-02	Alan Greenspan|John Smith" "$T/got" &&
	grep -qx "wire.jsonl#line 1	1987-06-03	" "$T/got" &&
	grep -qx "chair.txt		Alan Greenspan" "$T/got"'

expect 'a correction added or removed later reaches an unchanged dump' '
	"$NEWSFS" index -q --db "$T/later.db" "$T/later" &&
	printf "ignore Alan Greenspan in %s\n" "$T/later/wire.jsonl" >"$FIX" &&
	"$NEWSFS" index --corrections "$FIX" --db "$T/later.db" "$T/later" \
		>"$T/out" &&
	grep -q " 1 concerned by changed corrections, 1 extracted again," "$T/out" &&
	rows "$T/later.db" | grep -qx "wire.jsonl#line 1	1987-06-03	" &&
	rm "$FIX" && "$NEWSFS" index -q --db "$T/later.db" "$T/later" &&
	rows "$T/later.db" | cmp - "$T/want"'
