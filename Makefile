# newsfs: index a news corpus into SQLite and mount it as views.
#
#   make            build build/newsfs (installs missing Debian packages first)
#   make run        index the sample corpus in data/ and mount it at ./mnt (MNT=...)
#   make stop       unmount it
#   make test       build and run every test; ends with "N passed, N failed"
#   make asan       the same tests against an ASan+UBSan build
#   make tsan       the same under ThreadSanitizer; make valgrind: the
#                   mounting tests with the daemon under memcheck
#   make eval       extraction quality against the Reuters, BBC and
#                   saved-page labels (docs/eval.md)
#   make fuzz       each libFuzzer target for FUZZ_S seconds (default 60;
#                   FUZZ_ONLY="index_walk ..." picks targets)
#   make bench      scripts/bench at BENCH_N articles (default 10000)
#   make install    PREFIX=/usr/local DESTDIR=... binary, man page,
#                   bash completion, systemd user unit
#   make deb        build/newsfs_<version>_<arch>.deb (dpkg-deb)

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
MNT     ?= $(CURDIR)/mnt
RUN_DB  ?= $(BUILD)/sample.db

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Werror -Wstrict-prototypes \
           -Wmissing-declarations -Wwrite-strings -Wshadow
CPPFLAGS += -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 -Iinclude

VERSION := 0.1.0
DATADIR := $(PREFIX)/share/newsfs

# Goals that never compile must not trigger a package install.
NOBUILD_GOALS := clean stop help
ifneq ($(filter-out $(NOBUILD_GOALS),$(or $(MAKECMDGOALS),all)),)
DEPS_RC := $(shell scripts/deps $(if $(filter test asan tsan valgrind fuzz eval bench,$(MAKECMDGOALS)),test,$(if $(filter run,$(MAKECMDGOALS)),run)) 1>&2; echo $$?)
ifneq ($(DEPS_RC),0)
$(error required packages are missing; see the message above)
endif
PKGS      := fuse3 sqlite3 libxxhash libxml-2.0 json-c libarchive zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
# libcsv (libcsv-dev) ships no pkg-config file: its header and library
# are in the default paths, and scripts/deps checks for the header.
PKG_LIBS   := $(shell pkg-config --libs $(PKGS)) -lcsv -lpthread -lm
endif

# Quiet by default; make V=1 shows the commands.
ifeq ($(V),1)
Q :=
msg = @true
else
Q := @
msg = @printf '  %-6s %s\n' $(1) $(2)
endif

ALL_CFLAGS = $(WARN) $(CFLAGS) $(PKG_CFLAGS) -DNEWSFS_VERSION='"$(VERSION)"'

LIB_SRCS  := $(sort $(filter-out src/cli/main.c,$(wildcard src/*/*.c)))
LIB_ASMS  := $(sort $(wildcard src/*/*.S))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o) $(LIB_ASMS:%.S=$(BUILD)/obj/%.o)
MAIN_OBJ  := $(BUILD)/obj/src/cli/main.o
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
DATA_DEPS := $(wildcard data/gazetteer/*.tsv data/gazetteer/*.txt)

.PHONY: all run stop test check asan tsan valgrind install uninstall deb clean \
	help eval fuzz fuzz-build bench
all: $(BUILD)/newsfs

$(BUILD)/newsfs: $(MAIN_OBJ) $(BUILD)/libnewsfs.a
	$(call msg,LINK,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libnewsfs.a: $(LIB_OBJS)
	$(call msg,AR,$@)
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $^

$(BUILD)/obj/%.o: %.c
	$(call msg,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The gazetteer is built into the binary (.incbin), so it must be rebuilt
# whenever the shipped data changes.
$(BUILD)/obj/%.o: %.S $(DATA_DEPS)
	$(call msg,AS,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/check*.h) $(BUILD)/libnewsfs.a
	$(call msg,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) -Isrc $(ALL_CFLAGS) -o $@ $< $(BUILD)/libnewsfs.a $(PKG_LIBS)

tests: $(BUILD)/newsfs $(BUILD)/fmt-read $(UNIT_BINS) $(if $(NO_FUZZ),,fuzz-build)

test check: tests
	@tests/run $(BUILD)

# A separate build tree, so switching between the two never mixes objects.
asan:
	$(MAKE) --no-print-directory BUILD=build/asan \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	  LDFLAGS="-fsanitize=address,undefined" test

# Extraction quality (docs/eval.md): the Reuters-21578 dev labels, the
# hand-labelled BBC and saved-page development sets, each through an index
# run and its export, so officials are counted as the index resolves them
# across articles (docs/officials.md). Research corpora are read from
# ../shared, never copied here.
SHARED  ?= $(CURDIR)/../shared/corpora
REUTERS ?= $(SHARED)/reuters21578/dev
eval: $(BUILD)/newsfs $(BUILD)/extract-tsv
	@if [ ! -f "$(REUTERS)/gold.tsv" ]; then \
	  echo "skip: no Reuters corpus at $(REUTERS)"; else \
	d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && \
	HOME="$$d" XDG_CONFIG_HOME="$$d" XDG_DATA_HOME="$$d" \
	XDG_CACHE_HOME="$$d" $(BUILD)/newsfs index -q --db "$$d/r.db" \
	  "$(REUTERS)/articles" && \
	HOME="$$d" XDG_CONFIG_HOME="$$d" \
	$(BUILD)/newsfs export --db "$$d/r.db" >"$$d/export.tsv" && \
	scripts/eval "$(REUTERS)/gold.tsv" "$$d/export.tsv"; fi
	@for c in bbc-news html-pages; do \
	  if [ ! -f "$(SHARED)/$$c/silver-dev.tsv" ]; then \
	    echo "skip: no $$c corpus at $(SHARED)/$$c"; continue; fi; \
	  echo; scripts/eval-silver --newsfs $(BUILD)/newsfs \
	    "$(SHARED)/$$c" || exit 1; \
	done
	@# Plain texts carry no publication date; the pages' own (as an index
	@# run of the HTML states it) through the extraction driver:
	@if [ -f "$(SHARED)/html-pages/silver-dev.tsv" ]; then \
	  echo; echo "html-pages with the date each page states:"; \
	  scripts/eval-silver --quiet --driver $(BUILD)/extract-tsv \
	    "$(SHARED)/html-pages" | sed -n '2,4p;$$p'; fi

# The daemon under valgrind's memcheck (errors and leaks at unmount fail
# the test), and everything under ThreadSanitizer (no races).
valgrind: tests
	NEWSFS_VALGRIND=1 tests/run $(BUILD) fs/ stress/

tsan:
	$(MAKE) --no-print-directory BUILD=build/tsan \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=thread" \
	  LDFLAGS="-fsanitize=thread" test

# libFuzzer targets (clang): tests/fuzz/fuzz_<name>.c, each linked with
# the extraction and util code only; fuzz_index_<name>.c (a crafted index
# file) also with the index and the FUSE layer. `make fuzz` runs every
# target for FUZZ_S seconds on a copy of its seed corpus
# (tests/fuzz/corpus/<name>/); new inputs it finds stay in
# build/fuzz/corpus/<name>/. An input that takes FUZZ_TIMEOUT seconds is
# a finding (a hang).
FUZZ_S    ?= 60
FUZZ_TIMEOUT ?= 30
FUZZ_CC   ?= clang
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
	      -fno-sanitize-recover=undefined
FUZZ_SRCS := $(sort $(wildcard src/util/*.c src/extract/*.c src/format/*.c))
FUZZ_OBJS := $(FUZZ_SRCS:%.c=build/fuzz/obj/%.o) \
	     $(LIB_ASMS:%.S=build/fuzz/obj/%.o)
FUZZ_INDEX_SRCS := $(sort $(wildcard src/index/*.c src/fs/*.c))
FUZZ_INDEX_OBJS := $(FUZZ_INDEX_SRCS:%.c=build/fuzz/obj/%.o)
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

build/fuzz/obj/%.o: %.c
	$(call msg,FUZZCC,$<)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -Isrc $(WARN) $(FUZZ_FLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/obj/%.o: %.S $(DATA_DEPS)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h tests/fuzz/fuzz_reader.h $(FUZZ_OBJS)
	$(call msg,FUZZLD,$@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -Isrc $(WARN) $(FUZZ_FLAGS) $(PKG_CFLAGS) \
	  -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) $(PKG_LIBS)

# The longer stem wins: index targets get this rule, not the one above.
build/fuzz/fuzz_index_%: tests/fuzz/fuzz_index_%.c tests/fuzz/fuzz_index.h \
		$(FUZZ_OBJS) $(FUZZ_INDEX_OBJS)
	$(call msg,FUZZLD,$@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -Isrc $(WARN) $(FUZZ_FLAGS) $(PKG_CFLAGS) \
	  -fsanitize=fuzzer -o $@ $< $(FUZZ_INDEX_OBJS) $(FUZZ_OBJS) $(PKG_LIBS)

fuzz-build: $(FUZZ_BINS)

# Objects of the fuzz build are reused by every target: keep them.
.SECONDARY: $(FUZZ_OBJS) $(FUZZ_INDEX_OBJS)

# FUZZ_ONLY="index_walk date" runs those targets alone.
FUZZ_RUN = $(if $(FUZZ_ONLY),$(filter $(FUZZ_ONLY:%=build/fuzz/fuzz_%),$(FUZZ_BINS)),$(FUZZ_BINS))
fuzz: fuzz-build
	@for b in $(FUZZ_RUN); do t=$${b##*/fuzz_}; \
	  mkdir -p build/fuzz/corpus/$$t && \
	  cp -n tests/fuzz/corpus/$$t/* build/fuzz/corpus/$$t/ 2>/dev/null; \
	  echo "fuzz $$t for $(FUZZ_S) s"; \
	  $$b -max_total_time=$(FUZZ_S) -max_len=65536 -print_final_stats=1 \
	    -timeout=$(FUZZ_TIMEOUT) \
	    -artifact_prefix=build/fuzz/crash-$$t- build/fuzz/corpus/$$t \
	    2>build/fuzz/$$t.log || { tail -40 build/fuzz/$$t.log; exit 1; }; \
	  grep -E "stat::number_of_executed_units|cov:" build/fuzz/$$t.log | tail -2; \
	done

# scripts/eval-silver's driver: the facets of each file, as TSV.
$(BUILD)/extract-tsv: tests/eval/extract_tsv.c $(BUILD)/libnewsfs.a
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libnewsfs.a $(PKG_LIBS)

# scripts/bench-extract's driver: extraction alone, on one thread.
$(BUILD)/bench-extract: tests/bench/bench_extract.c $(BUILD)/libnewsfs.a
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libnewsfs.a $(PKG_LIBS)

# scripts/eval-html's driver: one page in, its record and facets out.
$(BUILD)/html-extract: tests/bench/html_extract.c $(BUILD)/libnewsfs.a
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) -Isrc $(ALL_CFLAGS) -o $@ $< $(BUILD)/libnewsfs.a $(PKG_LIBS)

# Every record of a file through fmt_open()/fmt_next(): a look at what a
# dump, an archive or a WARC yields, and the format speed figures.
$(BUILD)/fmt-read: tests/bench/fmt_read.c $(BUILD)/libnewsfs.a
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libnewsfs.a $(PKG_LIBS)

# The HTML parsers side by side (docs/formats.md); gumbo is needed only
# here: scripts/bench-parsers installs it.
$(BUILD)/bench-parsers: tests/bench/bench_parsers.c $(BUILD)/libnewsfs.a
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) -Isrc $(ALL_CFLAGS) $(shell pkg-config --cflags gumbo) \
	  -o $@ $< $(BUILD)/libnewsfs.a $(PKG_LIBS) $(shell pkg-config --libs gumbo)

# The benchmark of issue 5 (scripts/bench): newsfs against the same tree on
# the local disk.
BENCH_N ?= 10000
bench: $(BUILD)/newsfs
	@BENCH_N=$(BENCH_N) NEWSFS=$(CURDIR)/$(BUILD)/newsfs scripts/bench

run: $(BUILD)/newsfs
	@scripts/run-sample "$(BUILD)/newsfs" "$(RUN_DB)" "$(MNT)"

# MNT may be relative to where make runs; only a newsfs mount is touched.
stop:
	@m='$(MNT)'; case "$$m" in /*) ;; *) m='$(CURDIR)'/"$$m";; esac; \
	m=$$(realpath -m -- "$$m"); \
	t=$$(findmnt -n -o FSTYPE --mountpoint "$$m" 2>/dev/null | tail -n 1); \
	if [ "$$t" = fuse.newsfs ]; then \
	  fusermount3 -u -- "$$m" && echo "unmounted $$m"; \
	elif [ -n "$$t" ]; then \
	  echo "$$m: a $$t mount, not newsfs: left alone" >&2; exit 1; \
	else echo "nothing mounted at $$m"; fi

# What the installed binary uses: itself (the gazetteer is built in), its
# man page, bash completion, the systemd user unit (fstab needs no helper
# of its own: mount.fuse3 runs `newsfs INDEX MOUNTPOINT -o ...`).
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
USERUNITDIR ?= $(PREFIX)/lib/systemd/user
install: $(BUILD)/newsfs
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(USERUNITDIR)
	install -m 755 $(BUILD)/newsfs $(DESTDIR)$(PREFIX)/bin/newsfs
	install -m 644 docs/newsfs.1 $(DESTDIR)$(PREFIX)/share/man/man1/newsfs.1
	install -m 644 data/completion/newsfs $(DESTDIR)$(BASHCOMPDIR)/newsfs
	sed 's|/usr/bin/newsfs|$(PREFIX)/bin/newsfs|' data/systemd/newsfs@.service \
	  >$(DESTDIR)$(USERUNITDIR)/newsfs@.service
	chmod 644 $(DESTDIR)$(USERUNITDIR)/newsfs@.service

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/newsfs $(DESTDIR)$(PREFIX)/share/man/man1/newsfs.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/newsfs $(DESTDIR)$(USERUNITDIR)/newsfs@.service

# build/newsfs_<version>_<arch>.deb (scripts/mkdeb): apt install ./it
deb: $(BUILD)/newsfs
	@scripts/mkdeb $(BUILD) $(VERSION)

clean:
	rm -rf build

help:
	@sed -n '2,14s/^# \{0,1\}//p' Makefile

-include $(shell find $(BUILD)/obj build/fuzz/obj -name '*.d' 2>/dev/null)
