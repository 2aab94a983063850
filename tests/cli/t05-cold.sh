# A corpus that is on the disk but not in memory: files found so turn on
# the pipeline's read-ahead, and files found cached turn it off again;
# neither may change what is indexed, whatever the number of workers and
# however much was cached. The read-ahead reads files whole around the
# page cache (O_DIRECT) where it can; one file is too large for that.
# Both of its paths are tested: batched through io_uring (where the
# kernel gives one) and plain, one call per file (--no-io-uring, which is
# also what a kernel without io_uring gets).
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

expect 'so do they on the plain path (--no-io-uring)' '
	evict && test "$(cached_bytes)" = 0 &&
	"$NEWSFS" index -q --no-io-uring --db "$T/plain.db" "$SRC" &&
	export_of "$T/plain.db" >"$T/plain" && cmp "$T/warm" "$T/plain"'

# traced RUN DB [OPTION]: index into DB under strace, io_uring calls and
# RWF_NOWAIT reads to RUN.trace. LeakSanitizer cannot run under ptrace;
# other builds ignore the option.
traced() {
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	strace -f -qq -e trace=io_uring_setup,io_uring_enter,preadv2 \
		-o "$T/$1.trace" "$NEWSFS" index -q ${3:-} --db "$T/$2" "$SRC"
}
if ! command -v strace >/dev/null; then
	skip 'the read-ahead submits batches' 'strace is not installed'
elif ! { evict && traced cold trace1.db; }; then
	expect 'an evicted corpus indexes under strace' false
elif grep -q 'io_uring_setup.*= -1' "$T/cold.trace"; then
	skip 'the read-ahead submits batches' "the kernel refuses io_uring: $(grep -m1 -o '= -1.*' "$T/cold.trace")"
else
	expect 'the read-ahead of an evicted corpus submits files in batches' '
		grep -q "io_uring_enter([0-9]*, [1-9][0-9]*, .* = [1-9][0-9]" \
			"$T/cold.trace"'
	expect 'a run with everything in memory makes no io_uring' '
		warm_all && traced warm trace2.db && test -e "$T/warm.trace" &&
		! grep -q io_uring "$T/warm.trace"'
fi
# probed RUN: the read-ahead made probes (at offset 0, 64 KiB; the workers
# read at the file position): at least 100, for a corpus of 3,006 files.
probed() {
	local n
	n=$(grep -c 'iov_len=65536}], 1, 0, RWF_NOWAIT' "$T/$1.trace")
	echo "$n read-ahead probes"
	test "$n" -ge 100
}
if command -v strace >/dev/null; then
	expect 'on the plain path an evicted corpus is read ahead one call per file, with no io_uring' '
		evict && traced plain trace3.db --no-io-uring &&
		! grep -q io_uring "$T/plain.trace" &&
		probed plain'
	# strace makes io_uring_setup fail as on a kernel without it
	# (ENOSYS) or with it turned off (EPERM).
	for err in ENOSYS EPERM; do
		expect "a kernel that refuses io_uring ($err) gets the plain path and the same index" '
			evict && ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
			strace -f -qq -e trace=io_uring_setup,io_uring_enter,preadv2 \
				-e inject=io_uring_setup:error='"$err"' \
				-o "$T/refused.trace" "$NEWSFS" index -q \
				--db "$T/refused'"$err"'.db" "$SRC" &&
			grep -q "io_uring_setup.*= -1 '"$err"'" "$T/refused.trace" &&
			! grep -q io_uring_enter "$T/refused.trace" &&
			probed refused &&
			export_of "$T/refused'"$err"'.db" >"$T/refused" &&
			cmp "$T/warm" "$T/refused"'
	done
fi

# Reads around the page cache need statx()'s DIO alignment (Linux 6.1),
# io_uring and a file system that takes O_DIRECT.
total=$(du -sb "$SRC" | cut -f1)
kernel=$(uname -r | awk -F. '{ print $1 * 1000 + $2 }')
why=
if [ "$kernel" -lt 6001 ]; then
	why="Linux $(uname -r) has no STATX_DIOALIGN"
elif ! dd if="$SRC/long.txt" of=/dev/null bs=4096 count=1 iflag=direct 2>/dev/null; then
	why='this file system refuses O_DIRECT'
elif grep -q 'io_uring_setup.*= -1' "$T/cold.trace" 2>/dev/null; then
	why='the kernel refuses io_uring'
fi
if [ -n "$why" ]; then
	skip 'an evicted corpus is read around the page cache' "$why"
else
	expect 'an evicted corpus is read around the page cache: under a quarter of it is cached after the index' '
		evict && "$NEWSFS" index -q --db "$T/direct.db" "$SRC" &&
		export_of "$T/direct.db" >"$T/direct" && cmp "$T/warm" "$T/direct" &&
		test "$(cached_bytes)" -lt "$((total / 4))"'
	expect 'and through it on the plain path: most of it is cached after the index' '
		evict && "$NEWSFS" index -q --no-io-uring --db "$T/buffered.db" "$SRC" &&
		export_of "$T/buffered.db" >"$T/buffered" && cmp "$T/warm" "$T/buffered" &&
		test "$(cached_bytes)" -gt "$((total / 2))"'
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
