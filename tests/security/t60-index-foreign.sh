# The index file as an attacker or another program left it: schema
# versions newsfs never wrote, other applications' databases, and
# newsfs-marked files with objects of their own. Each is refused with a
# clear message before anything is written to it, by every command.
. "$NEWSFS_TOP/tests/lib.sh"

export HOME=$T/home XDG_DATA_HOME=$T/home/.local/share
mkdir -p "$HOME"
DB=$T/index.db M=$T/mnt
nfs_index "$DB" -q "$SAMPLE" || fail_now "index the sample"

# The state of a database and the files beside it: any write shows.
state() { # state DB
	local f
	for f in "$1" "$1-wal" "$1-shm" "$1-journal"; do
		if [ -e "$f" ]; then md5sum <"$f"; else echo "no $f"; fi
	done
}

# Every command that opens an index, on DB: each must fail (status 1, no
# signal), print the message matching ERE, and leave DB as it was.
refused_by_all() { # refused_by_all DB ERE [NOT-ERE]
	local db=$1 ere=$2 not=${3:-} before cmd rc
	before=$(state "$db")
	for cmd in index mount check stats export; do
		case $cmd in
		index) timeout 60 "$NEWSFS" index --db "$db" "$SAMPLE" ;;
		mount) mkdir -p "$M" &&
			timeout 20 "$NEWSFS" mount -f --db "$db" "$M" ;;
		*) timeout 60 "$NEWSFS" "$cmd" --db "$db" ;;
		esac >"$T/out" 2>"$T/err"
		rc=$?
		is_mounted "$M" && { fusermount3 -u "$M"; echo "$cmd mounted"; return 1; }
		[ "$rc" = 1 ] || { echo "$cmd: exit $rc"; cat "$T/err"; return 1; }
		grep -qE "$ere" "$T/err" || { echo "$cmd said:"; cat "$T/err"; return 1; }
		if [ -n "$not" ] && grep -qE "$not" "$T/err"; then
			echo "$cmd must not say: $not"; cat "$T/err"; return 1
		fi
		[ "$(state "$db")" = "$before" ] || { echo "$cmd changed $db"; return 1; }
	done
}

for v in -1 -5 -100 -2147483648 0; do
	cp "$DB" "$T/v.db" && db_sql "$T/v.db" "pragma user_version = $v" >/dev/null
	expect "schema version $v (newsfs-marked) is refused before any write, by every command" '
		refused_by_all "$T/v.db" \
			"v.db: damaged or not a newsfs index: schema version $v is not one newsfs writes \(1 to [0-9]+\)" \
			"run .newsfs index"'
	rm -f "$T/v.db"*
done

cp "$DB" "$T/new.db" && db_sql "$T/new.db" "pragma user_version = 99" >/dev/null
expect 'a newer schema version is refused and the advice is a newer newsfs, not an index run' '
	refused_by_all "$T/new.db" \
		"new.db: index schema version 99 is newer than this newsfs understands \([0-9]+\); use a newer newsfs" \
		"run .newsfs index"'

# Other programs' databases, as they make them: a browser history in WAL
# mode with a user version of its own, a GeoPackage (application id
# GPKG), a notes app's plain database, and one of each left by an app that
# is still running, with changes in its WAL.
python3 - "$T" <<'PY' || fail_now "make other programs' databases"
import sqlite3, sys
t = sys.argv[1]
d = sqlite3.connect(t + "/places.sqlite")
d.executescript("""
PRAGMA journal_mode = WAL; PRAGMA user_version = 74;
CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR,
  title LONGVARCHAR, visit_count INTEGER DEFAULT 0, frecency INTEGER);
CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, from_visit INTEGER,
  place_id INTEGER, visit_date INTEGER, visit_type INTEGER);
CREATE INDEX moz_places_url ON moz_places (url);
INSERT INTO moz_places (url, title) VALUES ('https://example.org/', 'Example');
""")
d.close()
d = sqlite3.connect(t + "/map.gpkg")
d.executescript("""
PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL,
  srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL);
INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, 'x');
""")
d.close()
d = sqlite3.connect(t + "/notes.db")
d.executescript("""
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
INSERT INTO notes (body) VALUES ('hello');
""")
d.close()
open(t + "/text.db", "w").write("just some text, not a database\n")
PY

expect 'a browser history (WAL, user version, no application id) is refused, not one byte changed' '
	refused_by_all "$T/places.sqlite" \
		"places.sqlite: not a newsfs index \(an SQLite database of another program: it has a user version" &&
	test ! -e "$T/places.sqlite-wal" && test ! -e "$T/places.sqlite-shm"'

expect 'a GeoPackage (another application id) is refused, not one byte changed' '
	refused_by_all "$T/map.gpkg" \
		"map.gpkg: not a newsfs index \(an SQLite database of another application, id 0x47504b47\); nothing was changed"'

expect 'a plain database with tables and no marks is refused, not one byte changed' '
	refused_by_all "$T/notes.db" \
		"notes.db: not a newsfs index \(an SQLite database of another program: it has tables"'

expect 'a file that is not a database is refused' '
	refused_by_all "$T/text.db" "text.db: not a newsfs index \(not a database: no SQLite header\)"'

# The -shm file is the running application's shared memory (its readers'
# marks and locks), which any reader of the database, newsfs included,
# takes part in; the database and its WAL must not change.
expect 'an application still running, with changes in its WAL: its database and WAL stay as they were' '
	python3 - "$T" "$NEWSFS" "$SAMPLE" <<"PY"
import hashlib, os, sqlite3, subprocess, sys
t, newsfs, sample = sys.argv[1:]
p = t + "/live.sqlite"
d = sqlite3.connect(p, isolation_level=None)
d.execute("PRAGMA journal_mode = WAL")
d.execute("PRAGMA wal_autocheckpoint = 0")
d.execute("CREATE TABLE t (x)")
d.execute("INSERT INTO t VALUES (1)")
def state():
    return [hashlib.md5(open(p + s, "rb").read()).hexdigest() if os.path.exists(p + s) else None
            for s in ("", "-wal")]
before = state()
assert os.path.getsize(p + "-wal") > 0, "the WAL holds the changes"
for cmd in (["index", "--db", p, sample], ["stats", "--db", p], ["check", "--db", p]):
    r = subprocess.run([newsfs] + cmd, capture_output=True, text=True)
    assert r.returncode == 1 and "not a newsfs index" in r.stderr, (cmd, r.returncode, r.stderr)
    assert state() == before, (cmd, "changed the files")
assert d.execute("SELECT count(*) FROM t").fetchone() == (1,)
d.close()
PY'

# newsfs-marked files with objects newsfs never makes: each could run SQL
# of the attacker's (a trigger on a table newsfs writes, a view in place of
# a table that never ends, an expression in a table's definition that
# asks for a gigabyte). A marker table shows whether a trigger ran; the
# view and the expression would hang or fail the command.
craft() { # craft NAME SQL...: a copy of the index, altered
	cp "$DB" "$T/$1.db" && local n=$1 && shift &&
	db_sql "$T/$n.db" "$@" >/dev/null
}
craft trigger "CREATE TABLE marker (x)" \
	"CREATE TRIGGER spy AFTER INSERT ON source BEGIN INSERT INTO marker VALUES (1); END"
craft view "DROP TABLE day" \
	"CREATE VIEW day AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i AS ymd FROM n"
craft check "DROP TABLE tombstone" \
	"CREATE TABLE tombstone(id INTEGER PRIMARY KEY, at INTEGER NOT NULL CHECK (randomblob(1000000000) IS NOT NULL))"
craft extra "CREATE TABLE marker (x)"
craft trigger-only "CREATE TRIGGER spy AFTER INSERT ON source BEGIN DELETE FROM article; END"
craft missing "DROP TABLE person"

while read -r n ere; do
	expect "a newsfs-marked index with an object of its own ($n) is refused, and none of it runs" '
		refused_by_all "$T/$n.db" "$n.db: $ere" &&
		case $n in view|check) ;; *)
			test "$(db_sql "$T/$n.db" "SELECT count(*) FROM marker")" = 0 ;;
		esac'
done <<'EOF'
trigger not a newsfs index, or altered: it holds table marker, which newsfs does not create
view damaged or altered index: table day is missing
check altered index: table tombstone is not defined as newsfs defines it
extra not a newsfs index, or altered: it holds table marker, which newsfs does not create
EOF
expect 'a trigger of its own is named when it is the only extra object' '
	refused_by_all "$T/trigger-only.db" \
		"trigger-only.db: not a newsfs index, or altered: it holds trigger spy, which newsfs does not create" &&
	test "$(db_sql "$T/trigger-only.db" "SELECT count(*) FROM article")" = 5'
expect 'an index with a table missing is refused as damaged' '
	refused_by_all "$T/missing.db" \
		"missing.db: damaged or altered index: table person is missing"'

expect 'statistics SQLite itself adds (ANALYZE) are no reason to refuse an index' '
	cp "$DB" "$T/analyzed.db" && db_sql "$T/analyzed.db" "ANALYZE" >/dev/null &&
	"$NEWSFS" check --db "$T/analyzed.db" &&
	"$NEWSFS" index -q --db "$T/analyzed.db" "$SAMPLE"'

expect 'a real index still opens for every command' '
	"$NEWSFS" index -q --db "$DB" "$SAMPLE" && "$NEWSFS" check --db "$DB" &&
	"$NEWSFS" stats --db "$DB" >/dev/null && nfs_mount "$DB" "$M" &&
	ls "$M/articles" | grep -q . && nfs_umount "$M"'
