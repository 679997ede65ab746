# noegletal: one Makefile, no recursion. See README.md.
#
#   make                 programs into bin/ (gzip engine ISA-L)
#   make GZIP=zlib       the portable engine, into build/zlib/bin/
#   make check           every golden case and end-to-end test
#   make asan            the same tests under ASan + UBSan
#   make tsan            the same tests under ThreadSanitizer
#   make valgrind        the same tests under valgrind
#   make demo            the main job on generated demo data
#   make bench           the national benchmark
#   make render-check    the report as Chromium prints it and LibreOffice opens it

GZIP ?= isal
FUZZ_SECONDS ?= 60
SAN ?=
PREFIX ?= /usr/local
CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
       -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
ALL_CFLAGS = $(WARN) $(CFLAGS) $(if $(SAN),-fsanitize=$(SAN) -fno-omit-frame-pointer)
ALL_LDFLAGS = $(LDFLAGS) $(if $(SAN),-fsanitize=$(SAN))

ifeq ($(GZIP),zlib)
ENGINE = common/gz_zlib.c
GZLIBS = -lz
else ifeq ($(GZIP),isal)
ENGINE = common/gz_isal.c
GZLIBS = -lisal
else
$(error GZIP must be isal or zlib)
endif

VARIANT = $(GZIP)$(if $(SAN),-san)
O = build/$(VARIANT)
B = $(if $(filter isal,$(VARIANT)),bin,$(O)/bin)

COMMON_SRC = common/util.c common/gz.c common/tsv.c common/date.c \
             common/tables.c common/catalog.c common/fig.c common/pnrset.c common/snap.c $(ENGINE)
COMMON_OBJ = $(COMMON_SRC:%.c=$(O)/%.o)
PROGS = $(basename $(notdir $(wildcard filters/*.c)))
LDLIBS = -lcsv $(GZLIBS) -lm -pthread

all: $(PROGS:%=$(B)/%)

$(O)/%.o: %.c common/*.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Icommon -c -o $@ $<

$(O)/libcommon.a: $(COMMON_OBJ)
	rm -f $@
	ar rcs $@ $^

# report links from its parts in filters/report/; every other filter is one file.
REPORT_OBJ = $(patsubst %.c,$(O)/%.o,$(wildcard filters/report/*.c))
$(REPORT_OBJ) $(O)/filters/report.o: filters/report/report.h

$(B)/report: $(O)/filters/report.o $(REPORT_OBJ) $(O)/libcommon.a
	@mkdir -p $(B)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(REPORT_OBJ) $(O)/libcommon.a -lxlsxwriter $(LDLIBS)

$(B)/%: $(O)/filters/%.o $(O)/libcommon.a
	@mkdir -p $(B)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(O)/libcommon.a $(LDLIBS)

check: all
	sh tests/run $(B)

asan:
	ASAN_OPTIONS=detect_leaks=0 $(MAKE) SAN=address,undefined CC=clang check

# The same tests under ThreadSanitizer (the read-ahead threads). A race report
# goes to build/tsan/race.* and fails the target. Thread leaks are not
# reported: a filter that dies exits with its read-ahead thread running.
tsan:
	rm -f build/tsan/race.*
	TSAN_OPTIONS="report_thread_leaks=0 log_path=$(CURDIR)/build/tsan/race" \
	    $(MAKE) SAN=thread CC=clang O=build/tsan B=build/tsan/bin check
	@if ls build/tsan/race.* >/dev/null 2>&1; then cat build/tsan/race.*; exit 1; fi

check-zlib:
	$(MAKE) GZIP=zlib check

# The SQL formulation of the benchmark's peer (bench/keyfigures.sql, run by
# DuckDB) against the filters: the small preset and the worked examples.
check-duckdb: all
	sh bench/test-duckdb

# The same tests with every program under valgrind (memcheck); a report
# makes the program exit 99, so the case fails.
valgrind: all
	rm -rf build/valgrind && mkdir -p build/valgrind
	for p in $(PROGS); do \
		printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=no %s "$$@"\n' \
		    "$(CURDIR)/bin/$$p" > build/valgrind/$$p; chmod +x build/valgrind/$$p; done
	sh tests/run build/valgrind

demo: all
	sh pipelines/demo

fuzz:
	sh tests/fuzz/run $(FUZZ_SECONDS)

screenshot:
	sh pipelines/screenshot

# The report printed by headless Chromium and the workbook converted by
# LibreOffice, checked from the PDFs (skipped without chromium or soffice).
render-check: all
	sh tests/report/render.sh

bench: all
	sh bench/run

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/noegletal
	cp $(PROGS:%=$(B)/%) pipelines/keyfigures $(DESTDIR)$(PREFIX)/bin/
	cp share/noegletal/*.tsv $(DESTDIR)$(PREFIX)/share/noegletal/

clean:
	rm -rf bin build

.PHONY: all check asan tsan check-zlib check-duckdb valgrind demo bench fuzz screenshot render-check install clean
.SECONDARY:
