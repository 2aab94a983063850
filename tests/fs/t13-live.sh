# A mounted tree follows index runs: new articles appear in every view
# within 2 s, removed ones go, readers never see an error or a torn file,
# and afterwards the tree equals a fresh mount of the same index.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/corpus DB=$T/index.db M=$T/mnt M2=$T/fresh
REUTERS=$NEWSFS_SHARED/corpora/reuters21578/dev/articles
mkdir -p "$SRC"
cp "$SAMPLE"/*.txt "$SRC/"
if [ -d "$REUTERS" ]; then
	ls "$REUTERS" | head -600 | sed "s|^|$REUTERS/|" | xargs cp -t "$SRC/"
fi
"$NEWSFS" index -q --db "$DB" "$SRC" || fail_now "index the corpus"
nfs_mount "$DB" "$M" || fail_now "mount"

expect 'a new article shows in every view within 2 s of the run' '
	ls -R "$M" >/dev/null &&
	printf "Talks in Paris\n\nPARIS, March 3, 2025 - French President Emmanuel Macron met Germany'"'"'s chancellor.\n" >"$SRC/paris.txt" &&
	"$NEWSFS" index -q --db "$DB" "$SRC" &&
	f="2025-03-03 Talks in Paris.txt" &&
	within_2s "$M/articles/$f" && within_2s "$M/by-country/France/$f" &&
	within_2s "$M/by-date/2025/03/03/$f" &&
	within_2s "$M/by-official/Emmanuel Macron/$f"'

expect 'a removed article leaves every view within 2 s' '
	rm "$SRC/paris.txt" && "$NEWSFS" index -q --db "$DB" "$SRC" &&
	f="2025-03-03 Talks in Paris.txt" &&
	within_2s ! "$M/articles/$f" && within_2s ! "$M/by-country/France/$f" &&
	within_2s ! "$M/by-date/2025/03/03" &&
	within_2s ! "$M/by-official/Emmanuel Macron"'

expect 'an open file reads to the end after its article is removed' '
	f=$(ls "$M/articles" | head -1) &&
	src=$(getfattr --only-values -n user.newsfs.sources "$M/articles/$f" | head -1) &&
	exec 7<"$M/articles/$f" && head -c 10 <&7 >"$T/part1" &&
	mv "$src" "$T/held-back.txt" && "$NEWSFS" index -q --db "$DB" "$SRC" &&
	within_2s ! "$M/articles/$f" &&
	cat <&7 >"$T/part2" && exec 7<&- &&
	cat "$T/part1" "$T/part2" | cmp - "$T/held-back.txt" &&
	mv "$T/held-back.txt" "$src"'

# Five index runs that add, change and remove articles while a reader
# walks the tree for 30 s.
churn() {
	local run i
	for run in 1 2 3 4 5; do
		sleep 4
		for i in $(seq 1 20); do
			printf "Churn %d-%d in Tokyo\n\nTOKYO, May %d, 2024 - Japan and the United States held talks.\n" \
				"$run" "$i" "$((run + 1))" >"$SRC/churn-$run-$i.txt"
		done
		ls "$SRC" | grep -v churn | shuf -n 15 --random-source=<(yes $run) |
			while read -r f; do echo "changed in run $run" >>"$SRC/$f"; done
		ls "$SRC" | grep -v churn | shuf -n 10 --random-source=<(yes x$run) |
			while read -r f; do rm -f "$SRC/$f"; done
		[ "$run" -gt 1 ] && rm -f "$SRC"/churn-$((run - 1))-1*.txt
		"$NEWSFS" index -q --db "$DB" "$SRC" || return 1
	done
}

expect 'readers see no error during 5 index runs that add, change and remove' '
	python3 "$NEWSFS_TOP/tests/fs/live_reader.py" "$M" 30 >"$T/reader.out" 2>&1 &
	reader=$! &&
	churn && wait $reader; rc=$?; tail -5 "$T/reader.out"; test $rc = 0'

# Every file of a tree: path, size, inode, content hash.
snapshot() {
	(cd "$1" && find . -type f -printf "%p %s %i\n" | sort >"$2.list" &&
	 find . -type f -print0 | sort -z | xargs -0 md5sum >"$2.md5")
}

expect 'after the runs the live tree equals a fresh mount of the index' '
	sleep 2 && snapshot "$M" "$T/live" &&
	nfs_mount "$DB" "$M2" && snapshot "$M2" "$T/fresh" &&
	diff "$T/live.list" "$T/fresh.list" && diff "$T/live.md5" "$T/fresh.md5" &&
	test "$(cd "$M" && find . | sort | md5sum)" = \
	     "$(cd "$M2" && find . | sort | md5sum)" &&
	nfs_umount "$M2"'

expect 'read ahead across files gives every file its exact bytes' '
	M3=$T/noprefetch && nfs_mount "$DB" "$M3" --no-prefetch &&
	(cd "$M" && find . -type f | sort | head -300 >"$T/some") &&
	while read -r f; do
		cmp "$M/$f" "$M3/$f" || exit 1
	done <"$T/some" && nfs_umount "$M3"'

expect 'the daemon exits cleanly at unmount' 'nfs_umount "$M"'
