# scripts/bench runs end to end at a small N and cleans up after itself.
# A report, not a timed assertion: the numbers land in the log, and only
# completion, the CSV and the cleanup are checked.
. "$NEWSFS_TOP/tests/lib.sh"

OUT=$T/out
CASES="ls_articles ls_country find_all grep_articles_first grep_articles
grep_country rg_articles du_all tar_devnull tar_pipe stat_random
stat_random_first cat_one cat_one_first"

if [ ! -e /dev/fuse ]; then
	skip 'the benchmark runs' 'no /dev/fuse'
	exit 0
fi

expect 'the benchmark completes at N=2000, 3 runs' '
	BENCH_N=2000 BENCH_RUNS=3 BENCH_OUT="$OUT" BENCH_TMP="$T" \
		NEWSFS="$NEWSFS" "$NEWSFS_TOP/scripts/bench" >"$T/bench.log" 2>&1 ||
		{ tail -30 "$T/bench.log"; false; }'
# The table goes to the test log for whoever reads it.
sed 's/^/# /' "$OUT/results.txt" 2>/dev/null

expect 'the CSV has every case, each with a ratio, runs and refaults' '
	python3 - "$OUT/results.csv" $CASES <<-"PY"
	import csv, sys
	rows = {r["case"]: r for r in csv.DictReader(open(sys.argv[1]))}
	bad = [c for c in sys.argv[2:] if c not in rows or
	       int(rows[c]["runs"]) < 3 or not float(rows[c]["ratio"] or 0) > 0
	       or not rows[c]["newsfs_refaults"].isdigit()
	       or not rows[c]["native_refaults"].isdigit()]
	print("missing or without a ratio:", *bad) if bad else None
	sys.exit(1 if bad else 0)
	PY'

expect 'both trees gave the same output wherever it is compared' '
	! grep -q DIFFERENT "$OUT/results.csv"'

expect 'the metrics name index speed, mount time and the daemon' '
	for m in index_cold_articles_per_s index_cold_mb_per_s \
		index_cold_peak_rss_kb index_warm_articles_per_s \
		index_warm_mb_per_s index_warm_peak_rss_kb \
		reindex_s db_to_corpus_ratio mount_ready_median_ms \
		daemon_rss_kb daemon_cpu_s reclaim_idle_s; do
		grep -q "^$m,[0-9]" "$OUT/metrics.csv" ||
			{ echo "metric $m missing"; exit 1; }
	done'

expect 'no mount and no daemon is left behind, nor the work folder' '
	! grep -q " $T/newsfs-bench" /proc/mounts &&
	test -z "$(pgrep -f "mount --db $T/newsfs-bench")" &&
	! ls -d "$T"/newsfs-bench.* 2>/dev/null'

# Cut short in its first case: the table keeps the runs timed, and the
# cleanup still runs. Many runs per case leave seconds between the first
# few and the end; the bench is ours, so we stop it by its PID.
expect 'a run cut short keeps the runs it timed, and cleans up' '
	mkdir -p "$T/cut" || exit 1
	BENCH_N=300 BENCH_RUNS=30 BENCH_CASES="ls_articles find_all" \
		BENCH_OUT="$T/cut/out" BENCH_TMP="$T/cut" NEWSFS="$NEWSFS" \
		"$NEWSFS_TOP/scripts/bench" >"$T/cut/log" 2>&1 &
	pid=$!
	for i in $(seq 1 1200); do
		test "$(cat "$T"/cut/newsfs-bench.*/raw.txt 2>/dev/null |
			wc -l)" -ge 4 && break
		sleep 0.1
	done
	kill -TERM "$pid"; wait "$pid"
	grep -q "cut short" "$T/cut/log" &&
	grep -q "^ls_articles,\"(cut short)\",[1-9]" "$T/cut/out/results.csv" &&
	! grep -q " $T/cut/newsfs-bench" /proc/mounts &&
	test -z "$(pgrep -f "mount --db $T/cut/newsfs-bench")" &&
	! ls -d "$T"/cut/newsfs-bench.* 2>/dev/null'
