# Each libFuzzer target runs for a while (FUZZ_TEST_S, default 10 s) from
# its seed corpus without a crash, leak or sanitizer report. Longer runs:
# make fuzz FUZZ_S=1200.
. "$NEWSFS_TOP/tests/lib.sh"

S=${FUZZ_TEST_S:-10}
export TMPDIR=$T	# the index targets write their file there
FUZZ=$NEWSFS_TOP/build/fuzz
ls "$FUZZ"/fuzz_* >/dev/null 2>&1 || {
	skip 'the fuzz targets run' "none built in $FUZZ (make fuzz-build needs clang)"
	exit 0
}
for bin in "$FUZZ"/fuzz_*; do
	[ -x "$bin" ] || continue
	t=${bin##*/fuzz_}
	mkdir -p "$T/corpus-$t"
	cp "$NEWSFS_TOP/tests/fuzz/corpus/$t"/* "$T/corpus-$t/" 2>/dev/null
	expect "fuzz target $t runs $S s without a finding" '
		"$bin" -max_total_time="$S" -max_len=65536 -print_final_stats=1 \
			-artifact_prefix="$T/crash-$t-" "$T/corpus-$t" >"$T/$t.log" 2>&1; rc=$?
		grep -E "stat::number_of_executed_units|^#[0-9]+.*DONE" "$T/$t.log" | tail -2
		[ $rc = 0 ] || { tail -40 "$T/$t.log"; ls "$T"/crash-$t-* 2>/dev/null; exit 1; }'
done
