# Eight clients walk the mount at random; the daemon stays up, its memory
# and descriptors stay flat, every failure has the right errno.
. "$NEWSFS_TOP/tests/lib.sh"

SECONDS_=${STRESS_S:-60}
DB=$T/index.db M=$T/mnt
make_corpus "$T/corpus"
"$NEWSFS" index -q --db "$DB" "$T/corpus" || fail_now "index the sample"
nfs_mount "$DB" "$M" || fail_now "mount the sample"
PID=$(cat "$NFS_LOG.pid")
# ASan's quarantine and memcheck's free queue hold freed memory: under
# them only fds can be checked.
STRESS_RSS=1
nm -D "$NEWSFS" 2>/dev/null | grep -q __asan_init && STRESS_RSS=0
[ "${NEWSFS_VALGRIND:-0}" = 1 ] && STRESS_RSS=0
export STRESS_RSS

expect "8 random walkers for ${SECONDS_} s see only the right errors" '
	python3 "$NEWSFS_TOP/tests/stress/stress.py" "$M" "$SECONDS_" 8 "$PID" \
		>"$T/stress.out" 2>&1; rc=$?
	tail -12 "$T/stress.out"; test $rc = 0'

expect 'the daemon is still up and exits cleanly at unmount' '
	kill -0 "$PID" && nfs_umount "$M"'
