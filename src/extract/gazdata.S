/*
 * The gazetteer files of data/gazetteer/, built into the binary so that
 * newsfs runs without an installed data directory. The Makefile assembles
 * this file from the repository root (so the paths below resolve) and
 * rebuilds it whenever a data file changes.
 *
 * Each file is a symbol ext_gazdata_<name> and an end marker
 * ext_gazdata_<name>_end; gazetteer.c declares them.
 */
	.section .rodata
	.balign 8

	.macro gazfile name, path
	.global ext_gazdata_\name
	.global ext_gazdata_\name\()_end
	.hidden ext_gazdata_\name
	.hidden ext_gazdata_\name\()_end
ext_gazdata_\name:
	.incbin "\path"
ext_gazdata_\name\()_end:
	.byte 0
	.balign 8
	.endm

	gazfile countries, "data/gazetteer/countries.tsv"
	gazfile aliases, "data/gazetteer/aliases.tsv"
	gazfile former, "data/gazetteer/former.tsv"
	gazfile blocklist, "data/gazetteer/blocklist.tsv"
	gazfile titles, "data/gazetteer/titles.txt"
	gazfile regions, "data/gazetteer/regions.tsv"
	gazfile cities, "data/gazetteer/cities.tsv"

	.section .note.GNU-stack,"",@progbits
