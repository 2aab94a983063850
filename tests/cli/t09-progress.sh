# The progress bar: only on a terminal, never wider than it (so it never
# wraps), cleared before the summary line.
. "$NEWSFS_TOP/tests/lib.sh"

mkdir -p "$T/big"
for i in $(seq 1 300); do
	{ cat "$SAMPLE/000_d4e11ae205ea5e0b.txt"; echo "$i"; } >"$T/big/$i.txt"
done
# The longest progress line drawn on a terminal of $1 columns.
widest() {
	script -qec "stty cols $1; \"$NEWSFS\" index --db \"$T/p$1.db\" \"$T/big\" >\"$T/p$1.out\"" /dev/null >"$T/p$1.raw"
	tr '\r' '\n' <"$T/p$1.raw" | sed 's/\x1b\[K//g' >"$T/p$1.lines"
	awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$T/p$1.lines"
}

if command -v script >/dev/null && command -v stty >/dev/null; then
	expect 'on a terminal the bar fits its width, narrow or wide' '
		for c in 20 45 80 200; do
			w=$(widest $c) && echo "cols $c: widest $w" &&
			test "$w" -gt 0 && test "$w" -lt "$c" || exit 1
		done &&
		grep -q "^\[#*\] 300/300 files" "$T/p80.lines" &&
		! grep -q "^\[" "$T/p20.lines" && grep -q "^300 files seen" "$T/p20.out"'
	expect 'the bar is cleared before the summary' '
		test "$(tail -c 4 "$T/p80.raw" | od -An -c | tr -d " ")" = "\r033[K" &&
		grep -q "^300 files seen, 300 new articles" "$T/p80.out"'
	expect 'a dump of many articles counts its records on the bar' '
		python3 -c "import json
for i in range(2000):
    print(json.dumps({\"title\": \"Record %d of the dump\" % i,
                      \"maintext\": \"Ministers met in Tokyo on day %d. \" % i * 8}))" >"$T/dump.jsonl" &&
		script -qec "stty cols 120; \"$NEWSFS\" index --db \"$T/d.db\" \"$T/dump.jsonl\" >\"$T/d.out\"" /dev/null >"$T/d.raw" &&
		tr "\r" "\n" <"$T/d.raw" | grep -q "1/1 files  2000 records" &&
		grep -q "2000 new articles" "$T/d.out"'
else
	skip 'on a terminal the bar fits its width' "no script(1)"
	skip 'the bar is cleared before the summary' "no script(1)"
	skip 'a dump of many articles counts its records on the bar' "no script(1)"
fi

expect 'no progress output when stderr is not a terminal' '
	"$NEWSFS" index --db "$T/q.db" "$T/big" >"$T/out" 2>"$T/err" &&
	test ! -s "$T/err" && ! grep -q "$(printf "\r")" "$T/out"'
