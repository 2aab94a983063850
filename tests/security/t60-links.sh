# The indexed folders, links: by default `index` never follows a symbolic
# link out of the folder it was given, says what it skipped (one line
# each, exit status 0), and follows such links only with --follow-links.
# /proc, /sys and /dev are never entered, whatever the option. The same
# holds with openat2 (RESOLVE_BENEATH) and without it (NEWSFS_OPENAT2=0:
# the checked realpath).
. "$NEWSFS_TOP/tests/lib.sh"

D=$T/news OUT=$T/outside
mkdir -p "$D/sub" "$OUT/dir"
cp "$SAMPLE/000_d4e11ae205ea5e0b.txt" "$D/a.txt"
cp "$SAMPLE/001_c522d80f6b614471.txt" "$D/sub/b.txt"
printf 'Secret memo\n\nTOKYO, July 28, 2024 - the secret plan for Japan.\n' >"$OUT/secret.txt"
printf 'Second secret\n\nSEOUL, July 29, 2024 - the other plan for Korea.\n' >"$OUT/dir/secret2.txt"
ln -s "$OUT/secret.txt" "$D/abs-out.txt"		# absolute, outside
ln -s ../../outside/secret.txt "$D/sub/rel-out.txt"	# relative, outside
ln -s ../sub/../../outside/dir "$D/sub/dir-out"	# a folder outside
ln -s /proc "$D/proc"
ln -s /etc "$D/etc"
ln -s sub/b.txt "$D/rel-in.txt"			# relative, inside: followed
ln -s "$D/sub/b.txt" "$D/abs-in.txt"		# absolute, inside: followed
ln -s .. "$D/sub/up"				# back up to the folder itself

SKIPPED="abs-out.txt sub/rel-out.txt sub/dir-out proc etc"

# run NAME [ENV=...] [index options]: index D into $T/NAME.db, keeping
# stdout, stderr and the exit status.
run() {
	local name=$1 envs=(); shift
	while [[ ${1-} == *=* ]]; do envs+=("$1"); shift; done
	env ${envs[@]+"${envs[@]}"} "$NEWSFS" index "$@" --db "$T/$name.db" "$D" \
		>"$T/$name.out" 2>"$T/$name.err"
	echo $? >"$T/$name.rc"
}
paths() { "$NEWSFS" export --db "$T/$1.db" | tail -n +2 | cut -f1 | sort; }

run beneath
run realpath NEWSFS_OPENAT2=0

for mode in beneath realpath; do
	expect "$mode: links inside the folder are followed, none outside it" '
		test "$(cat "$T/'$mode'.rc")" = 0 &&
		paths '$mode' >"$T/paths" &&
		printf "%s\n" "$D/a.txt" "$D/abs-in.txt" "$D/rel-in.txt" "$D/sub/b.txt" |
			sort | diff - "$T/paths" &&
		"$NEWSFS" stats --db "$T/'$mode'.db" | grep -qx "articles *2"'

	expect "$mode: one line per link skipped, naming it and the option" '
		cat "$T/'$mode'.err" &&
		for l in $SKIPPED; do
			grep -qx "newsfs: $D/$l: skipped: symbolic link out of the folder being indexed (see --follow-links)" \
				"$T/'$mode'.err" || { echo "no line for $l"; exit 1; }
		done &&
		test "$(grep -c "skipped: symbolic link out" "$T/'$mode'.err")" = 5 &&
		grep -qx "newsfs: $D/sub/up: skipped: a folder already indexed through another path" "$T/'$mode'.err" &&
		test "$(wc -l <"$T/'$mode'.err")" = 6 &&
		grep -qE "^4 files seen, 2 new articles, 2 duplicates, 0 unchanged, 0 rejected, 6 skipped, 0 vanished" "$T/'$mode'.out"'
done

expect 'openat2 and the checked realpath give the same index' '
	"$NEWSFS" export --db "$T/beneath.db" >"$T/e1" &&
	"$NEWSFS" export --db "$T/realpath.db" >"$T/e2" && cmp "$T/e1" "$T/e2"'

expect 'a second run skips the same links and changes nothing' '
	"$NEWSFS" index --db "$T/beneath.db" "$D" >"$T/out" 2>"$T/err" &&
	grep -q "^4 files seen, 0 new articles, 0 duplicates, 4 unchanged, 0 rejected, 6 skipped, 0 vanished" "$T/out" &&
	test "$(grep -c "skipped: symbolic link out" "$T/err")" = 5'

# A tree that changes while the run reads it: an entry flips between a
# file and a link to the secret outside, as fast as it can. Whichever it
# is when the walk lists it and when a reader opens it, the secret must
# never be indexed (the old code indexed it in most runs).
expect 'a file swapped for a link out during the run is never followed' '
	mkdir -p "$T/race" &&
	for i in $(seq 1 100); do
		{ cat "$SAMPLE/000_d4e11ae205ea5e0b.txt"; echo "$i"; } >"$T/race/f$i.txt"
	done &&
	python3 - "$T/race/racer.txt" "$OUT/secret.txt" "$T/race-stop" <<"PY" &
import os, sys, time
p, secret, stop = sys.argv[1:4]
end = time.time() + 60
while not os.path.exists(stop) and time.time() < end:
    with open(p + ".tmp", "w") as f:
        f.write("Harmless\n\nTOKYO, July 28, 2024 - the weather in Japan.\n")
    os.rename(p + ".tmp", p)
    os.symlink(secret, p + ".l")
    os.rename(p + ".l", p)
PY
	racer=$! && echo $racer >>"$T/.pids" &&
	"$NEWSFS" index -q --db "$T/secret.db" "$OUT/secret.txt" &&
	secret=$("$NEWSFS" export --db "$T/secret.db" | tail -1 | cut -f2) &&
	test -n "$secret" && leaks=0 &&
	for i in $(seq 1 200); do [ -e "$T/race/racer.txt" ] && break; sleep 0.05; done &&
	for n in 1 2 3 4 5; do
		for mode in 1 0; do
			rm -f "$T/race.db" &&
			NEWSFS_OPENAT2=$mode "$NEWSFS" index -q --db "$T/race.db" "$T/race" 2>/dev/null
			"$NEWSFS" export --db "$T/race.db" | cut -f2 | grep -qx "$secret" &&
				leaks=$((leaks + 1))
		done
	done
	touch "$T/race-stop"; wait $racer
	echo "runs that indexed the secret: $leaks of 10" && test $leaks = 0'

# With --follow-links the links out are followed; /proc, /sys and /dev
# are still never entered, and /etc is left out of this test's tree.
rm "$D/etc"
ln -s /sys "$D/sys"
ln -s /dev "$D/dev"
ln -s /dev/null "$D/null.txt"
run follow --follow-links
run follow-rp NEWSFS_OPENAT2=0 --follow-links

for mode in follow follow-rp; do
	expect "$mode: --follow-links follows links out of the folder" '
		cat "$T/'$mode'.err" &&
		paths '$mode' >"$T/paths" &&
		grep -qx "$D/abs-out.txt" "$T/paths" &&
		grep -qx "$D/sub/rel-out.txt" "$T/paths" &&
		grep -qx "$D/sub/dir-out/secret2.txt" "$T/paths" &&
		"$NEWSFS" stats --db "$T/'$mode'.db" | grep -qx "articles *4"'

	expect "$mode: but never into /proc, /sys or /dev" '
		! grep -qE "^$D/(proc|sys|dev|null)" "$T/paths" &&
		for l in proc sys dev null.txt; do
			grep -qx "newsfs: $D/$l: skipped: /proc, /sys and /dev are never indexed" \
				"$T/'$mode'.err" || { echo "no line for $l"; exit 1; }
		done &&
		test "$(cat "$T/'$mode'.rc")" = 0'
done

expect 'a run without --follow-links forgets what the links out brought' '
	"$NEWSFS" index --db "$T/follow.db" "$D" >"$T/out" 2>"$T/err" &&
	grep -q " 3 vanished" "$T/out" &&
	! paths follow | grep -q -e abs-out -e rel-out -e dir-out &&
	"$NEWSFS" stats --db "$T/follow.db" | grep -qx "articles *2"'

expect 'a folder named on the command line may itself be a link' '
	ln -s "$D/sub" "$T/named" &&
	"$NEWSFS" index --db "$T/named.db" "$T/named" >"$T/out" 2>"$T/err" &&
	paths named | grep -qx "$D/sub/b.txt"'

expect 'a link to /proc named on the command line is not walked' '
	ln -s /proc "$T/p" &&
	timeout 60 "$NEWSFS" index --db "$T/p.db" "$T/p" /sys /dev >"$T/out" 2>"$T/err"
	test $? = 0 && cat "$T/err" &&
	grep -q "^0 files seen" "$T/out" &&
	test "$(grep -c "skipped: /proc, /sys and /dev are never indexed" "$T/err")" = 3'

expect 'index --help and the man page describe --follow-links and its risk' '
	"$NEWSFS" index --help | grep -q -- "--follow-links" &&
	grep -q "follow\\\\-links" "$NEWSFS_TOP/docs/newsfs.1"'
