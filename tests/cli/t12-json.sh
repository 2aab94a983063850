# Output for scripts: stats --json (one JSON object) and export
# --format=jsonl (one object per source path), valid JSON whatever the
# file names hold.
. "$NEWSFS_TOP/tests/lib.sh"

DB=$T/index.db S=$T/src
mkdir -p "$S"
cp "$SAMPLE"/*.txt "$S/"
cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$S/$(printf 'new\nline "q" \\ \001 \xff.txt')"
nfs_index "$DB" -q "$S" || fail_now "index"

expect 'stats --json is one JSON object with the figures stats prints' '
	"$NEWSFS" stats --db "$DB" --json >"$T/json" && cat "$T/json" &&
	test "$(wc -l <"$T/json")" = 1 &&
	"$NEWSFS" stats --db "$DB" >"$T/text" &&
	python3 - "$T/json" "$T/text" <<-"PY"
	import json, sys
	j = json.load(open(sys.argv[1]))
	t = dict(l.split() for l in open(sys.argv[2]))
	assert {k: str(v) for k, v in j.items()} == t, (j, t)
	assert j["articles"] == 5 and j["sources"] == 6
	PY'

expect 'export --format=jsonl: one valid object per source, as the TSV says' '
	"$NEWSFS" export --db "$DB" --format=jsonl >"$T/jsonl" &&
	"$NEWSFS" export --db "$DB" >"$T/tsv" &&
	python3 - "$T/jsonl" "$T/tsv" <<-"PY"
	import json, sys
	rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
	tsv = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8", errors="surrogateescape")][1:]
	assert len(rows) == len(tsv) == 6, (len(rows), len(tsv))
	for r, t in zip(rows, tsv):
	    assert r["hash"] == t[1], (r, t)
	    assert (r["date"] or "") == t[2], (r, t)
	    assert "|".join(r["countries"]) == t[3] and "|".join(r["officials"]) == t[4], (r, t)
	odd = [r for r in rows if "new\nline" in r["path"]]
	assert len(odd) == 1 and odd[0]["path"].endswith("new\nline \"q\" \\ \x01 \\xFF.txt"), odd
	PY'

expect 'a --format other than tsv or jsonl is a usage error' '
	{ "$NEWSFS" export --db "$DB" --format=xml 2>"$T/err"; test $? = 2; } &&
	grep -q "tsv or jsonl" "$T/err"'
