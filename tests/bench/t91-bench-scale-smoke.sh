# scripts/bench-scale runs end to end at a small N, prints every figure
# and cleans up after itself. A report, not a timed assertion: the numbers
# land in the log; only completion, the rows and the cleanup are checked.
. "$NEWSFS_TOP/tests/lib.sh"

if [ ! -e /dev/fuse ]; then
	skip 'the scale benchmark runs' 'no /dev/fuse'
	exit 0
fi

W=$T/work
expect 'bench-scale completes at N=1000' '
	BENCH_WORK="$W" BENCH_OUT="$T/out" BENCH_RUNS=1 BENCH_GREP_RUNS=1 \
		BENCH_QUERIES=20 NEWSFS="$NEWSFS" \
		"$NEWSFS_TOP/scripts/bench-scale" 1000 >"$T/log" 2>&1 ||
		{ tail -30 "$T/log"; false; }'
sed 's/^/# /' "$T/out/table.txt" 2>/dev/null

expect 'the table has every case, with figures' '
	for r in "^index from cold, s .*[0-9]" "^index from memory, s .*[0-9]" \
		"^no-change re-index, s .*[0-9]" "^database / corpus bytes .* [0-9]" \
		"^search index / corpus bytes .* [0-9]" \
		"^search index alone .* [0-9]" "^first ls query/.* [0-9]" \
		"repeated ls -l, µs/entry: query vs by-country/.* [0-9.]+ +[0-9.]+ +[0-9.]+" \
		"^text=[a-z]+ \\([0-9]+ articles" "warm ls search/, ms.* [0-9.]+x" \
		"^by-source/.* [0-9.]+ +[0-9.]+ +[0-9.]+" \
		"^daemon RSS MB: .* [0-9]+ [0-9]+ [0-9]+"; do
		grep -Eq "$r" "$T/out/table.txt" || { echo "no row: $r"; exit 1; }
	done'

expect 'the corpus and the index are kept for the next run' '
	test -f "$W/corpus-1000/.planted.tsv" && test -f "$W/run-1000/index.db"'

expect 'no mount and no daemon is left behind' '
	! grep -q " $W/" /proc/mounts &&
	test -z "$(pgrep -f "mount --db $W/run-1000")"'

expect 'BENCH_INDEX=0 reuses the index and runs the mount cases only' '
	BENCH_WORK="$W" BENCH_OUT="$T/out2" BENCH_RUNS=1 BENCH_GREP_RUNS=1 \
		BENCH_QUERIES=4 BENCH_INDEX=0 NEWSFS="$NEWSFS" \
		"$NEWSFS_TOP/scripts/bench-scale" 1000 >"$T/log2" 2>&1 &&
	! grep -q "^index from" "$T/out2/table.txt" &&
	grep -q "^first ls query/" "$T/out2/table.txt" &&
	! grep -q " $W/" /proc/mounts'
