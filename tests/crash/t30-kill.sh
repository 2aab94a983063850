# Killing `newsfs index` (SIGKILL) at random moments loses nothing that
# was indexed before, never damages the index, and a re-run finishes with
# the same index as one clean run.
. "$NEWSFS_TOP/tests/lib.sh"

SRC=$T/corpus DB=$T/index.db
KILLS=${CRASH_KILLS:-20}
make_generated "$SRC/generated" 6000
cp "$SAMPLE"/*.txt "$SRC/"
"$NEWSFS" index -q --db "$DB" "$SAMPLE" || fail_now "index the sample first"
"$NEWSFS" export --db "$DB" | tail -n +2 | sort >"$T/before"

# The same runs without kills. (Not one run of everything: a first run
# stores files in the order that fills pages, so it may meet an official
# under another of his names first, and show that one.)
"$NEWSFS" index -q --db "$T/clean.db" "$SAMPLE" &&
"$NEWSFS" index -q --db "$T/clean.db" "$SAMPLE" "$SRC" || fail_now "clean run"
# How long a full run takes, to spread the kills over it.
start=$EPOCHREALTIME
"$NEWSFS" index -q --db "$T/timing.db" "$SRC" || fail_now "timing run"
run_ms=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%d", (b - a) * 1000 }')

expect "$KILLS kills at random moments leave a sound index with every earlier article" '
	RANDOM=42
	for k in $(seq 1 "$KILLS"); do
		"$NEWSFS" index -q --db "$DB" "$SAMPLE" "$SRC" &
		pid=$!
		ms=$((RANDOM % (run_ms + 1)))
		sleep "$(awk -v m="$ms" "BEGIN { print m / 1000 }")"
		kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
		"$NEWSFS" check --db "$DB" >"$T/check" ||
			{ echo "kill $k after $ms ms:"; cat "$T/check"; exit 1; }
		"$NEWSFS" export --db "$DB" | tail -n +2 | sort >"$T/now"
		missing=$(comm -23 "$T/before" "$T/now")
		[ -z "$missing" ] ||
			{ echo "kill $k after $ms ms lost:"; echo "$missing"; exit 1; }
	done
	echo "$KILLS kills over a run of $run_ms ms"'

expect 'a run after the kills finishes with the same index as one clean run' '
	"$NEWSFS" index -q --db "$DB" "$SAMPLE" "$SRC" &&
	"$NEWSFS" check --db "$DB" >/dev/null &&
	"$NEWSFS" export --db "$DB" >"$T/after-kills" &&
	"$NEWSFS" export --db "$T/clean.db" >"$T/clean" &&
	cmp "$T/after-kills" "$T/clean"'
