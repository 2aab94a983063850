# Hostile input: every entry of tests/data/make-bad gets its documented
# outcome, nothing hangs or crashes, the exit status says what happened,
# and the names the mount shows are always safe.
. "$NEWSFS_TOP/tests/lib.sh"

BAD=$T/bad DB=$T/index.db M=$T/mnt
"$NEWSFS_TOP/tests/data/make-bad" "$BAD" || fail_now "build the bad corpus"
timeout 120 "$NEWSFS" index -v --db "$DB" "$BAD" >"$T/out" 2>"$T/err"
echo $? >"$T/rc"

expect 'index finishes and exits 1: some article-like inputs failed' '
	test "$(cat "$T/rc")" = 1 && cat "$T/out" &&
	grep -q "^17 files seen, 14 new articles, 0 duplicates, 0 unchanged, 4 rejected, 2 not articles," "$T/out"'

expect 'each rejected input gets one line naming it and the reason' '
	test "$(wc -l <"$T/err")" = 6 &&
	grep -qx "newsfs: $BAD/nul.txt: not an article: binary data (NUL bytes)" "$T/err" &&
	grep -qx "newsfs: $BAD/empty.txt: not an article: empty file" "$T/err" &&
	grep -qx "newsfs: $BAD/huge-100mb.txt: larger than the size limit (see --max-size)" "$T/err" &&
	grep -qx "newsfs: $BAD/fifo.txt: not a regular file (FIFO)" "$T/err" &&
	grep -qx "newsfs: $BAD/loop-a.txt: symbolic link loop" "$T/err" &&
	grep -qx "newsfs: $BAD/loop-b: symbolic link loop" "$T/err"'

expect 'odd file names are indexed and escaped in the export' '
	"$NEWSFS" export --db "$DB" >"$T/export" &&
	grep -qF "/names/new\\nline.txt	" "$T/export" &&
	grep -qF "/names/tab\\there.txt	" "$T/export" &&
	grep -qF "/names/100%.txt	" "$T/export" &&
	grep -qF "/names/%s%n%d.txt	" "$T/export" &&
	grep -qF "/names/bad-" "$T/export" &&
	grep -q "/deep/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20/deep.txt	" "$T/export" &&
	test "$(tail -n +2 "$T/export" | wc -l)" = 14'

expect 'encodings and line ends still give the date and countries' '
	for f in latin1 utf16le utf16be crlf cr-only; do
		grep "/$f.txt	" "$T/export" | grep -q "	2024-07-28	.*Japan" ||
			{ echo "$f"; exit 1; }
	done'

nfs_mount "$DB" "$M" || fail_now "mount the bad corpus"

expect 'the mount shows every indexed file with its original bytes' '
	test "$(ls "$M/articles" | wc -l)" = 14 &&
	for f in "$M"/articles/*; do
		src=$(getfattr --only-values -n user.newsfs.sources "$f" | head -1)
		[ -e "$src" ] || continue	# names with a newline: checked below
		cmp "$f" "$src" || exit 1
	done &&
	cmp "$M/articles/$(ls "$M/articles" | grep -m1 "Windows line ends")" "$BAD/crlf.txt"'

expect 'every name in the mount is a safe path component' '
	find "$M" -mindepth 1 -printf "%f\n" >"$T/names" &&
	python3 - "$T/names" <<"PY"
import sys
for raw in open(sys.argv[1], "rb").read().split(b"\n")[:-1]:
    name = raw.decode("utf-8")          # raises on invalid UTF-8
    assert name not in (".", "..") and not name.startswith("."), name
    assert "/" not in name and all(ord(c) >= 32 and c != "\x7f" for c in name), name
    assert len(raw) <= 255, len(raw)
PY'

expect 'the daemon exits cleanly at unmount' 'nfs_umount "$M"'

# Races: a file that keeps appearing and vanishing, and one that grows
# while the run reads it. Either outcome is fine for the racing file; the
# run must finish, and say so truthfully.
expect 'files that vanish or grow during a run never hang or crash it' '
	mkdir -p "$T/race" && make_generated "$T/race/many" 1000 || exit 1
	# Only the two racers run in the background, and they stop on every
	# way out of this case.
	python3 -c "
import os, sys, time
p, i = sys.argv[1], 0
while True:
    i += 1
    with open(p, \"w\") as f:
        f.write(\"Vanishing text about Tokyo %d\\n\" % i)
    time.sleep(0.003)
    os.unlink(p)
    time.sleep(0.003)
" "$T/race/vanish.txt" &
	churn=$!
	( yes "Growing text about Japan and Seoul." | head -c 20000000 >"$T/race/grow.txt" ) &
	grow=$!
	trap "kill $churn $grow 2>/dev/null" EXIT
	for i in 1 2 3 4 5; do
		timeout 120 "$NEWSFS" index -q --db "$T/race.db" "$T/race" 2>"$T/race.err"
		rc=$?
		[ $rc = 0 ] || [ $rc = 1 ] || { echo "status $rc"; exit 1; }
		! grep -v -e "vanish.txt: No such file or directory" \
			-e "vanish.txt: empty file" \
			-e "larger than the size limit" "$T/race.err" | grep . || exit 1
	done
	kill $churn; wait $churn $grow
	"$NEWSFS" check --db "$T/race.db" >/dev/null'
