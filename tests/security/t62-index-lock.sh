# Two index runs on one index: the second says that another run holds
# the index, and which (its pid), then waits for it, or with --no-wait
# gives up at once. The lock goes with its holder however that ends.
. "$NEWSFS_TOP/tests/lib.sh"

export HOME=$T/home XDG_DATA_HOME=$T/home/.local/share
mkdir -p "$HOME"
DB=$T/index.db
make_generated "$T/corpus" 3000

# The pid holding DB-lock, or nothing.
holder() {
	python3 - "$DB-lock" <<'PY'
import fcntl, os, struct, sys
try:
    fd = os.open(sys.argv[1], os.O_RDWR)
except OSError:
    sys.exit(0)
lk = struct.pack("hhqqi", fcntl.F_WRLCK, 0, 0, 0, 0)
r = fcntl.fcntl(fd, fcntl.F_GETLK, lk)
t, _, _, _, pid = struct.unpack("hhqqi", r)
if t != fcntl.F_UNLCK:
    print(pid)
PY
}

# Start a first run and stop it as soon as it holds DB-lock (SIGSTOP: it
# keeps its locks, as a slow run would). A run takes a fraction of a
# second, so the watcher is running before the run starts, and spins.
start_first() {
	rm -f "$T/a.pid" "$T/ready"
	python3 - "$DB-lock" "$T/a.pid" "$T/ready" <<'PY' &
import fcntl, os, signal, struct, sys, time
lock, pidfile, ready = sys.argv[1:]
open(ready, "w").close()
end = time.time() + 30
pid = None
while time.time() < end:
    if pid is None:
        try:
            pid = int(open(pidfile).read())
        except (OSError, ValueError):
            continue
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        continue
    lk = struct.pack("hhqqi", fcntl.F_WRLCK, 0, 0, 0, 0)
    t, _, _, _, who = struct.unpack("hhqqi", fcntl.fcntl(fd, fcntl.F_GETLK, lk))
    os.close(fd)
    if t != fcntl.F_UNLCK and who == pid:
        os.kill(pid, signal.SIGSTOP)
        sys.exit(0)
sys.exit("the first run never held the lock")
PY
	local w=$! i
	for i in $(seq 1 200); do [ -e "$T/ready" ] && break; sleep 0.05; done
	"$NEWSFS" index -q -j 1 --db "$DB" "$T/corpus" >"$T/a.out" 2>"$T/a.err" &
	A=$!
	echo "$A" >>"$T/.pids"
	echo "$A" >"$T/a.pid.tmp" && mv "$T/a.pid.tmp" "$T/a.pid"
	wait "$w"
}

count() { "$NEWSFS" stats --db "$DB" | awk -v k="$1" '$1 == k { print $2 }'; }
waiting() { # waiting FILE: until FILE says the run waits (10 s at most)
	local i
	for i in $(seq 1 200); do grep -q waiting "$1" 2>/dev/null && return 0; sleep 0.05; done
	return 1
}

start_first || fail_now "start a first run"

start=$(date +%s)
"$NEWSFS" index --no-wait --db "$DB" "$SAMPLE" >"$T/b.out" 2>"$T/b.err"
echo $? >"$T/b.rc"
echo $(($(date +%s) - start)) >"$T/b.secs"
expect 'with --no-wait a second run gives up at once and names the run that holds the index' '
	cat "$T/b.err" && test "$(cat "$T/b.rc")" = 1 && test "$(cat "$T/b.secs")" -lt 5 &&
	grep -qx "newsfs: $DB: another .newsfs index. (pid $A) is writing this index" "$T/b.err" &&
	! grep -q "database is locked" "$T/b.err"'

"$NEWSFS" index --db "$DB" "$SAMPLE" >"$T/c.out" 2>"$T/c.err" &
B=$!
echo "$B" >>"$T/.pids"
waiting "$T/c.err"
sleep 1
kill -0 "$B" 2>/dev/null && echo yes >"$T/c.alive"
kill -CONT "$A"
wait "$A"; echo $? >"$T/a.rc"
wait "$B"; echo $? >"$T/c.rc"
expect 'without it, the second run says who holds the index, waits, and then runs' '
	cat "$T/c.err" &&
	grep -qx "newsfs: $DB: another .newsfs index. (pid $A) is writing this index; waiting for it to finish (--no-wait gives up instead)" "$T/c.err" &&
	test "$(wc -l <"$T/c.err")" = 1 && test -e "$T/c.alive" &&
	test "$(cat "$T/a.rc")" = 0 && test "$(cat "$T/c.rc")" = 0 &&
	grep -q "^5 files seen, " "$T/c.out" && test "$(count articles)" -gt 3000'

rm -f "$DB" "$DB"-*
start_first || fail_now "start a first run again"
"$NEWSFS" index -q --db "$DB" "$SAMPLE" 2>"$T/d.err" &
B=$!
echo "$B" >>"$T/.pids"
waiting "$T/d.err"
kill -KILL "$A"
wait "$B"; echo $? >"$T/d.rc"
expect 'a run killed while it holds the index leaves no lock behind' '
	cat "$T/d.err" && grep -q "(pid $A) is writing this index; waiting" "$T/d.err" &&
	test "$(cat "$T/d.rc")" = 0 && test "$(count articles)" = 5 &&
	"$NEWSFS" index --no-wait -q --db "$DB" "$SAMPLE"'

expect 'a mount does not hold the index: a run goes on while it is mounted' '
	nfs_mount "$DB" "$T/mnt" &&
	"$NEWSFS" index --no-wait -q --db "$DB" "$T/corpus" &&
	nfs_umount "$T/mnt"'

expect 'one lock for every name of the index: a run through a symbolic link waits too' '
	ln -s "$DB" "$T/link.db" && start_first &&
	{ "$NEWSFS" index --no-wait --db "$T/link.db" "$SAMPLE" 2>"$T/e.err"; test $? = 1; } &&
	grep -q "link.db: another .newsfs index. (pid $A) is writing this index" "$T/e.err" &&
	kill -CONT "$A"'
