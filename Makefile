# newsfs: index a news corpus into SQLite and mount it as views.
#
#   make            build build/newsfs (installs missing Debian packages first)
#   make run        index the sample corpus in data/ and mount it at ./mnt (MNT=...)
#   make stop       unmount it
#   make test       build and run every test; ends with "N passed, N failed"
#   make asan       the same tests against an ASan+UBSan build
#   make bench      scripts/bench at BENCH_N articles (default 10000)
#   make install    PREFIX=/usr/local DESTDIR=... binary, man page, data

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
DEPS_RC := $(shell scripts/deps $(if $(filter test asan tsan valgrind fuzz eval bench,$(MAKECMDGOALS)),test) 1>&2; echo $$?)
ifneq ($(DEPS_RC),0)
$(error required packages are missing; see the message above)
endif
PKGS      := fuse3 sqlite3 libxxhash
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS)) -lpthread
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

.PHONY: all run stop test check asan bench install uninstall clean help
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

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h $(BUILD)/libnewsfs.a
	$(call msg,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) -Isrc $(ALL_CFLAGS) -o $@ $< $(BUILD)/libnewsfs.a $(PKG_LIBS)

tests: $(BUILD)/newsfs $(UNIT_BINS)

test check: tests
	@tests/run $(BUILD)

# A separate build tree, so switching between the two never mixes objects.
asan:
	$(MAKE) --no-print-directory BUILD=build/asan \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	  LDFLAGS="-fsanitize=address,undefined" test

BENCH_N ?= 10000
bench: $(BUILD)/newsfs
	@BENCH_N=$(BENCH_N) NEWSFS=$(CURDIR)/$(BUILD)/newsfs scripts/bench

run: $(BUILD)/newsfs
	@scripts/run-sample "$(BUILD)/newsfs" "$(RUN_DB)" "$(MNT)"

stop:
	@if grep -qs " $(MNT) fuse" /proc/mounts; then \
	  fusermount3 -u "$(MNT)" && echo "unmounted $(MNT)"; \
	else echo "nothing mounted at $(MNT)"; fi

install: $(BUILD)/newsfs
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(DATADIR)/gazetteer $(DESTDIR)$(DATADIR)/sample
	install -m 755 $(BUILD)/newsfs $(DESTDIR)$(PREFIX)/bin/newsfs
	install -m 644 docs/newsfs.1 $(DESTDIR)$(PREFIX)/share/man/man1/newsfs.1
	install -m 644 data/gazetteer/* $(DESTDIR)$(DATADIR)/gazetteer/
	install -m 644 data/sample/* $(DESTDIR)$(DATADIR)/sample/
	install -m 644 data/README.md $(DESTDIR)$(DATADIR)/README.md

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/newsfs $(DESTDIR)$(PREFIX)/share/man/man1/newsfs.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

help:
	@sed -n '2,10s/^# \{0,1\}//p' Makefile

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
