# Structure: files depend downward only (docs/architecture.md). A call
# cycle between two files of src/ fails here, naming the files.
. "$NEWSFS_TOP/tests/lib.sh"

if ! command -v python3 >/dev/null || ! command -v nm >/dev/null; then
	skip 'no call cycle between the files of src/' 'python3 or nm is missing'
	skip 'no call cycle between the modules' 'python3 or nm is missing'
elif [ ! -d "$NEWSFS_BUILD/obj/src" ]; then
	skip 'no call cycle between the files of src/' "no objects in $NEWSFS_BUILD"
	skip 'no call cycle between the modules' "no objects in $NEWSFS_BUILD"
else
	expect 'no call cycle between the files of src/' '
		"$NEWSFS_TOP/scripts/depgraph" "$NEWSFS_BUILD" >"$T/files" ||
		{ grep "^cycle:" "$T/files"; false; }'
	expect 'no call cycle between the modules' '
		"$NEWSFS_TOP/scripts/depgraph" --modules "$NEWSFS_BUILD" >"$T/mods" ||
		{ grep "^cycle:" "$T/mods"; false; }'
fi
