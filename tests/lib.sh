# Shared helpers for tests/<area>/*.sh. Source it first:
#
#   . "$NEWSFS_TOP/tests/lib.sh"
#   expect 'by-country lists Japan' 'ls "$M/by-country" | grep -qx Japan'
#
# expect DESC SCRIPT runs SCRIPT in a subshell and prints "ok - DESC" or
# "not ok - DESC" with its output. As in git's test suite, chain commands
# with && so that any failing step fails the case.
#
# Mounts made with nfs_mount are unmounted and their daemons stopped on
# every exit path (EXIT trap), and nfs_umount requires the daemon to exit 0
# with no sanitizer report in its log.

set -u
: "${NEWSFS_BIN:?run tests through tests/run}"
NEWSFS=$NEWSFS_BIN
T=$(pwd)			# tests/run gives each script a fresh directory
SAMPLE=$NEWSFS_TOP/data/sample
_mounts=()
_pids=()

expect() { # expect DESC SCRIPT
	local out
	if out=$( (eval "$2") 2>&1 ); then
		echo "ok - $1"
	else
		echo "not ok - $1"
		printf '%s\n' "$out" | tail -40 | sed 's/^/#   /'
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
	local log=$T/daemon.$(( ${#_pids[@]} + 1 )).log
	"$NEWSFS" mount -f --db "$db" "$@" "$mnt" 2>"$log" &
	local pid=$!
	_pids+=("$pid")
	_mounts+=("$mnt")
	local i
	for i in $(seq 1 200); do
		if is_mounted "$mnt" && stat "$mnt/" >/dev/null 2>&1; then
			NFS_PID=$pid NFS_LOG=$log
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			cat "$log" >&2
			return 1
		fi
		sleep 0.05
	done
	echo "mount at $mnt not ready after 10 s" >&2
	return 1
}

# Unmount and check the daemon ended cleanly. Uses NFS_PID/NFS_LOG of the
# last nfs_mount unless given.
nfs_umount() { # nfs_umount MOUNTPOINT [PID LOG]
	local mnt=$1 pid=${2:-$NFS_PID} log=${3:-$NFS_LOG} rc
	fusermount3 -u "$mnt" || return 1
	wait "$pid"
	rc=$?
	if [ "$rc" != 0 ]; then
		echo "daemon exited with status $rc" >&2
		cat "$log" >&2
		return 1
	fi
	if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|==[0-9]+==' "$log"; then
		cat "$log" >&2
		return 1
	fi
	return 0
}

_nfs_cleanup() {
	local m p
	for m in "${_mounts[@]+"${_mounts[@]}"}"; do
		is_mounted "$m" && { fusermount3 -u "$m" 2>/dev/null ||
			fusermount3 -u -z "$m" 2>/dev/null; }
	done
	for p in "${_pids[@]+"${_pids[@]}"}"; do
		if kill -0 "$p" 2>/dev/null; then
			kill "$p" 2>/dev/null
			sleep 0.2
			kill -9 "$p" 2>/dev/null
		fi
	done
	return 0
}
trap _nfs_cleanup EXIT
trap 'exit 130' INT TERM

# Index the sample corpus (plus extra paths) into DB, quietly.
nfs_index() { # nfs_index DB PATH...
	local db=$1; shift
	"$NEWSFS" index --db "$db" "$@"
}
