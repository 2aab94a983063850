# A first index run builds its index aside (PATH-build, no journal) and
# renames it into place when complete: the result is the same index a
# journaled run makes, and a first run that is killed, raced or fails
# leaves no index, never a half one.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/corpus DB=$T/index.db
make_generated "$SRC" 6000
cp "$SAMPLE"/*.txt "$SRC/"
export_of() { "$NEWSFS" export --db "$1" | tail -n +2 | sort; }
journal_kind() { od -A n -t u1 -j 18 -N 2 "$1" | tr -s ' '; }

# A first run held still once it has claimed its build file. `flock -n`
# fails while the run holds the lock.
start_held() { # start_held DB: sets $held
	"$NEWSFS" index -q -j 1 --db "$1" "$SRC" 2>"$1.err" &
	held=$!
	echo "$held" >>"$T/.pids"
	local i
	for i in $(seq 1 400); do
		[ -e "$1-build" ] && ! flock -n "$1-build" true && break
		sleep 0.01
	done
	kill -STOP "$held"
}
trap '[ -n "${held:-}" ] && kill -CONT "$held" 2>/dev/null; _nfs_cleanup' EXIT

expect 'a first run leaves a WAL index in place, 0600, and no build file' '
	"$NEWSFS" index -q --db "$DB" "$SRC" &&
	test "$(journal_kind "$DB")" = " 2 2" &&
	test "$(stat -c %a "$DB")" = 600 &&
	test -e "$DB-wal" && test -e "$DB-shm" && test ! -e "$DB-build" &&
	"$NEWSFS" check --db "$DB"'

expect 'it holds the same index as a journaled run into an empty file' '
	: >"$T/journaled.db" &&
	"$NEWSFS" index -q --db "$T/journaled.db" "$SRC" &&
	export_of "$DB" >"$T/aside" && export_of "$T/journaled.db" >"$T/wal" &&
	test -s "$T/aside" && cmp "$T/aside" "$T/wal" &&
	"$NEWSFS" stats --db "$DB" | grep -v ^database_bytes >"$T/s1" &&
	"$NEWSFS" stats --db "$T/journaled.db" | grep -v ^database_bytes >"$T/s2" &&
	cmp "$T/s1" "$T/s2"'

expect 'a killed first run leaves no index; the next run starts over' '
	db=$T/killed.db && start_held "$db" || exit 1
	kill -KILL "$held"; wait "$held"; held=
	test ! -e "$db" && test -e "$db-build" &&
	! "$NEWSFS" check --db "$db" 2>"$T/err" &&
	grep -q "no index here" "$T/err" &&
	"$NEWSFS" index -q --db "$db" "$SRC" && test ! -e "$db-build" &&
	export_of "$db" >"$T/again" && cmp "$T/aside" "$T/again"'

# Runs take turns (src/index/lock.c): the second waits for the first and
# then adds to the index it made.
expect 'a second first run on the same path waits for the one that builds' '
	db=$T/twice.db && start_held "$db" || exit 1
	"$NEWSFS" index -q --db "$db" "$SAMPLE" 2>"$T/err" & second=$!
	sleep 1; kill -0 "$second"; waited=$?
	kill -CONT "$held"; wait "$held"; first=$?; held=
	wait "$second"; rc=$?
	cat "$T/err"; test "$waited" = 0 && test "$rc" = 0 && test "$first" = 0 &&
	test ! -e "$db-build" &&
	export_of "$db" | grep -v "^$SAMPLE/" >"$T/once" && cmp "$T/aside" "$T/once"'

# Another program (cp here) may still put a file there meanwhile.
expect 'an index that appears during a first run is kept, and the run says so' '
	db=$T/raced.db && start_held "$db" || exit 1
	cp "$T/journaled.db" "$db" && export_of "$db" >"$T/theirs" || exit 1
	kill -CONT "$held"; wait "$held"; rc=$?; held=
	cat "$db.err"; test "$rc" = 1 && test ! -e "$db-build" &&
	grep -q "an index appeared here during the run; it was kept" "$db.err" &&
	export_of "$db" >"$T/kept" && cmp "$T/theirs" "$T/kept"'
