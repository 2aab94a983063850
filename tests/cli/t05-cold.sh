# A corpus that is on the disk but not in memory: files found so turn on
# the pipeline's read-ahead, and files found cached turn it off again;
# neither may change what is indexed, whatever the number of workers and
# however much was cached. The read-ahead probes each file once, one
# preadv2(RWF_NOWAIT) per file, so that the kernel reads it ahead.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/corpus
make_generated "$SRC" 3000
cp "$SAMPLE"/*.txt "$SRC/"
for i in 1 2 3 4 5 6 7 8; do cat "$SAMPLE"/*.txt; done >"$SRC/long.txt"
export_of() { "$NEWSFS" export --db "$1" | tail -n +2 | sort; }

# evict [STEP]: drop every STEP-th file's cached pages, in name order.
evict() { "$NEWSFS_TOP/scripts/bench-tool" evict "$SRC" "${1:-1}" >/dev/null; }
warm_all() { cat "$SRC"/*/* "$SRC"/*.txt >/dev/null; }
cached_bytes() {
	find "$SRC" -type f -print0 | xargs -0 fincore -rnb -o RES |
		awk '{ s += $1 } END { print s + 0 }'
}

"$NEWSFS" index -q --db "$T/warm.db" "$SRC" || fail_now "indexing in memory"
export_of "$T/warm.db" >"$T/warm"
evict
if [ "$(cached_bytes)" != 0 ]; then
	skip 'indexes from the disk' "this file system keeps evicted pages ($(df -T "$SRC" | awk 'NR == 2 { print $2 }'))"
	exit 0
fi

for jobs in 1 3; do
	expect "evicted files index as they do from memory (-j $jobs)" '
		evict && test "$(cached_bytes)" = 0 &&
		"$NEWSFS" index -q -j '"$jobs"' --db "$T/cold$jobs.db" "$SRC" &&
		export_of "$T/cold'"$jobs"'.db" >"$T/cold" &&
		test -s "$T/cold" && cmp "$T/warm" "$T/cold"'
done

# traced RUN DB: index into DB under strace, RWF_NOWAIT reads to
# RUN.trace. LeakSanitizer cannot run under ptrace; other builds ignore
# the option.
traced() {
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	strace -f -qq -e trace=preadv2 -o "$T/$1.trace" \
		"$NEWSFS" index -q --db "$T/$2" "$SRC"
}
# probes RUN: how many read-ahead probes the run made (at offset 0,
# 64 KiB; the workers read at the file position).
probes() { grep -c 'iov_len=65536}], 1, 0, RWF_NOWAIT' "$T/$1.trace"; }
if ! command -v strace >/dev/null; then
	skip 'the read-ahead probes an evicted corpus' 'strace is not installed'
else
	# At least 100 of the 3,006 files.
	expect 'an evicted corpus is read ahead, one probe per file' '
		evict && traced cold trace1.db &&
		n=$(probes cold) && echo "$n probes" && test "$n" -ge 100 &&
		export_of "$T/trace1.db" >"$T/traced" && cmp "$T/warm" "$T/traced"'
	expect 'a run with everything in memory makes no probe' '
		warm_all && traced warm trace2.db && test -e "$T/warm.trace" &&
		test "$(probes warm)" = 0'
fi

expect 'so does a corpus with every third file evicted' '
	warm_all && evict 3 &&
	test "$(cached_bytes)" -gt 0 &&
	"$NEWSFS" index -q --db "$T/mixed.db" "$SRC" &&
	export_of "$T/mixed.db" >"$T/mixed" && cmp "$T/warm" "$T/mixed"'

expect 'so does a corpus with its first folders evicted and the rest not' '
	warm_all &&
	for d in "$SRC"/d0* "$SRC"/d1*; do (SRC=$d && evict); done &&
	test "$(cached_bytes)" -gt 0 &&
	"$NEWSFS" index -q --db "$T/half.db" "$SRC" &&
	export_of "$T/half.db" >"$T/half" && cmp "$T/warm" "$T/half"'

expect 'a re-index of an evicted corpus reads nothing and changes nothing' '
	evict && "$NEWSFS" index --db "$T/mixed.db" "$SRC" >"$T/out" &&
	grep -q " 0 new articles, 0 duplicates, 3006 unchanged," "$T/out" &&
	test "$(cached_bytes)" = 0'
