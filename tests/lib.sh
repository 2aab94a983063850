# Shared helpers for tests/<area>/*.sh. Source it first:
#
#   . "$NEWSFS_TOP/tests/lib.sh"
#   expect 'by-country lists Japan' 'ls "$M/by-country" | grep -qx Japan'
#
# expect DESC SCRIPT runs SCRIPT in a subshell and prints "ok - DESC" or
# "not ok - DESC" with its output. As in git's test suite, chain commands
# with && so that any failing step fails the case.
#
# Mounts made with nfs_mount are unmounted and their daemons stopped (by
# the pid recorded at start) on every exit path (EXIT trap); nfs_umount
# requires the daemon to exit 0 with no sanitizer report in its log.

set -u
: "${NEWSFS_BIN:?run tests through tests/run}"
NEWSFS=$NEWSFS_BIN
T=$(pwd)			# tests/run gives each script a fresh directory
SAMPLE=$NEWSFS_TOP/data/sample
# Mounts and daemon pids are recorded in files, not variables, so that
# mounts made inside an expect subshell are cleaned up too.
: >"$T/.mounts"
: >"$T/.pids"

expect() { # expect DESC SCRIPT
	# Output goes to a file, not a pipe: a daemon started by the case
	# must not keep the test waiting for end-of-file.
	if (eval "$2") >"$T/.expect.out" 2>&1 </dev/null; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		tail -40 "$T/.expect.out" | sed 's/^/#   /'
	fi
}

skip() { # skip DESC REASON
	echo "skip - $1: $2"
}

fail_now() { # a setup step failed: report it and stop this script
	echo "not ok - $*"
	exit 1
}

is_mounted() { grep -qs " $1 fuse" /proc/mounts; }

nfs_mount() { # nfs_mount DB MOUNTPOINT [newsfs mount options...]
	local db=$1 mnt=$2; shift 2
	mkdir -p "$mnt"
	local log
	log=$(mktemp "$T/daemon.XXXXXX") || return 1
	echo "$mnt" >>"$T/.mounts"
	# The wrapper records the daemon's pid and, once it ends, its exit
	# status, so that nfs_umount can check it from any subshell.
	# NEWSFS_VALGRIND=1 (make valgrind) runs the daemon under memcheck;
	# -q keeps its log empty unless it finds something.
	local run=()
	[ "${NEWSFS_VALGRIND:-0}" = 1 ] && run=(valgrind -q --error-exitcode=99
		--leak-check=full --show-leak-kinds=definite,indirect
		--errors-for-leak-kinds=definite,indirect --track-fds=no)
	( "${run[@]}" "$NEWSFS" mount -f --db "$db" "$@" "$mnt" 2>"$log" &
	  echo $! >"$log.pid"; wait $!; echo $? >"$log.rc" ) >/dev/null 2>&1 &
	local i pid=
	local tries=200
	[ "${NEWSFS_VALGRIND:-0}" = 1 ] && tries=1200
	for i in $(seq 1 "$tries"); do
		if [ -z "$pid" ] && [ -s "$log.pid" ]; then
			pid=$(cat "$log.pid")
			echo "$pid" >>"$T/.pids"
		fi
		if is_mounted "$mnt" && stat "$mnt/" >/dev/null 2>&1; then
			NFS_LOG=$log
			return 0
		fi
		if [ -e "$log.rc" ]; then
			cat "$log" >&2
			return 1
		fi
		sleep 0.05
	done
	echo "mount at $mnt not ready after $((tries / 20)) s" >&2
	return 1
}

# Unmount and check that the daemon ended cleanly: exit status 0 and no
# sanitizer or valgrind report in its log. Uses the last nfs_mount's log
# unless given.
nfs_umount() { # nfs_umount MOUNTPOINT [LOG]
	local mnt=$1 log=${2:-$NFS_LOG} i
	fusermount3 -u "$mnt" || return 1
	for i in $(seq 1 1200); do
		[ -e "$log.rc" ] && break
		sleep 0.05
	done
	if [ ! -e "$log.rc" ]; then
		echo "daemon still running 60 s after unmount" >&2
		return 1
	fi
	if [ "$(cat "$log.rc")" != 0 ]; then
		echo "daemon exited with status $(cat "$log.rc")" >&2
		cat "$log" >&2
		return 1
	fi
	if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|WARNING: ThreadSanitizer|==[0-9]+==' "$log"; then
		cat "$log" >&2
		return 1
	fi
	return 0
}

_nfs_cleanup() {
	local m p i
	# A test that failed may leave mounts stacked on one another.
	while read -r m; do
		for i in 1 2 3 4; do
			is_mounted "$m" || break
			fusermount3 -u "$m" 2>/dev/null ||
				fusermount3 -u -z "$m" 2>/dev/null
		done
	done <"$T/.mounts"
	while read -r p; do
		if kill -0 "$p" 2>/dev/null; then
			kill "$p" 2>/dev/null
			sleep 0.2
			kill -9 "$p" 2>/dev/null
		fi
	done <"$T/.pids"
	return 0
}
trap _nfs_cleanup EXIT
trap 'exit 130' INT TERM

# Wait up to 2 s for a path to exist (or, with !, to be gone).
within_2s() {
	local i
	for i in $(seq 1 20); do
		if [ "$1" = "!" ]; then [ -e "$2" ] || return 0
		else [ -e "$1" ] && return 0; fi
		sleep 0.1
	done
	return 1
}

# Index the sample corpus (plus extra paths) into DB, quietly.
nfs_index() { # nfs_index DB PATH...
	local db=$1; shift
	"$NEWSFS" index --db "$db" "$@"
}

# A corpus folder: the five sample articles, an exact duplicate of one of
# them, and inputs that must be rejected with a message each.
make_corpus() { # make_corpus DIR
	local d=$1
	mkdir -p "$d/sub"
	cp "$SAMPLE"/*.txt "$d/"
	cp "$SAMPLE/003_0def9fb4c96538bf.txt" "$d/sub/copy-of-003.txt"
}

# Inputs newsfs must refuse, each with the reason it must give.
make_bad_inputs() { # make_bad_inputs DIR
	local d=$1
	mkdir -p "$d"
	printf 'binary\0data\n' >"$d/nul.txt"
	: >"$d/empty.txt"
	printf ' \n\t\n' >"$d/blank.txt"
	mkfifo "$d/fifo.txt"
	ln -s does-not-exist "$d/dangling.txt"
	ln -s loop-b "$d/loop-a.txt"
	ln -s loop-a.txt "$d/loop-b"
	head -c $((17 << 20)) /dev/zero | tr '\0' 'x' >"$d/huge.txt"
}

# Content hashes of the NUL-separated file names on stdin (as printed by
# grep -lZ or find -print0), sorted and unique: md5 is enough to compare
# two sets of files.
hashes0() {
	xargs -0 -r md5sum | cut -d' ' -f1 | sort -u
}

# Run SQL statements on an SQLite file, printing the rows of each with tabs
# between values: a test's own look at an index (the sqlite3 shell is not
# a dependency).
db_sql() { # db_sql DB SQL...
	python3 - "$@" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for sql in sys.argv[2:]:
    for row in db.execute(sql):
        print("\t".join(str(v) for v in row))
db.commit()
PY
}

# The errno name an operation fails with ("OK" if it succeeds):
#   errno_of open PATH [r|w|c]   errno_of stat PATH   errno_of listdir PATH
#   errno_of read PATH (open O_RDONLY then read)
errno_of() {
	python3 - "$@" <<'PY'
import errno, os, sys
op, path = sys.argv[1], sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else "r"
try:
    if op == "open":
        flags = {"r": os.O_RDONLY, "w": os.O_WRONLY,
                 "c": os.O_WRONLY | os.O_CREAT}[mode]
        os.close(os.open(path, flags, 0o644))
    elif op == "read":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.read(fd, 4096)
        finally:
            os.close(fd)
    elif op == "stat":
        os.stat(path)
    elif op == "listdir":
        os.listdir(path)
    print("OK")
except OSError as e:
    print(errno.errorcode.get(e.errno, str(e.errno)))
PY
}

# A corpus of n generated articles in DIR: variants of the sample articles
# with their own dates, countries and officials, so that runs take a while
# and every file is distinct.
make_generated() { # make_generated DIR N
	python3 - "$1" "$2" "$SAMPLE" <<'PY'
import os, random, sys
out, n, sample = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
seeds = [open(os.path.join(sample, f), encoding="utf-8").read()
         for f in sorted(os.listdir(sample))]
places = ["TOKYO", "SEOUL", "WASHINGTON", "PARIS", "BERLIN", "CANBERRA", "MANILA"]
people = ["Defense Minister Minoru Kihara", "Secretary of State Antony Blinken",
          "Foreign Minister Cho Tae-yul", "President Emmanuel Macron",
          "Chancellor Olaf Scholz", "Prime Minister Anthony Albanese"]
months = ["January", "February", "March", "April", "May", "June", "July"]
rng = random.Random(7)
for i in range(n):
    sub = os.path.join(out, "d%02d" % (i % 50))
    os.makedirs(sub, exist_ok=True)
    body = seeds[i % len(seeds)][: rng.randint(400, 4000)]
    text = (f"Report {i}: talks in {rng.choice(places).title()}\n\n"
            f"{rng.choice(places)}, {rng.choice(months)} {rng.randint(1, 28)}, "
            f"{rng.randint(2015, 2024)} - {rng.choice(people)} said on day {i}.\n\n"
            + body + "\n")
    with open(os.path.join(sub, "a%06d.txt" % i), "w", encoding="utf-8") as f:
        f.write(text)
PY
}
