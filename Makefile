# noegletal: one Makefile, no recursion. See README.md.
#
#   make                 programs into bin/ (gzip engine ISA-L)
#   make GZIP=zlib       the portable engine, into build/zlib/bin/
#   make check           every golden case and end-to-end test
#   make asan            the same tests with zlib under ASan + UBSan
#   make tsan            the cases where a thread can start, under TSan
#   make valgrind        the same tests under valgrind
#   make demo            the main job on generated demo data
#   make install         programs, tables, manual pages (PREFIX, DESTDIR)
#   make uninstall       what install put there (the same PREFIX, DESTDIR)
#   make check-repro     two runs and two gzip engines give the same bytes
#   make check-deb       build, lint, install and run the Debian package
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
VERSION := $(shell cat VERSION)
ALL_CFLAGS = $(WARN) -DNOEGLETAL_VERSION='"$(VERSION)"' $(CFLAGS) $(if $(SAN),-fsanitize=$(SAN) -fno-omit-frame-pointer)
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

COMMON_SRC = common/util.c common/gz.c common/gz_ahead.c common/tsv.c common/header.c common/csv.c common/acct.c common/date.c \
             common/tables.c common/catalog.c common/fig.c common/field.c common/keycheck.c common/opts.c \
             common/quality.c common/pnrset.c common/snap.c common/snap_image.c common/extract.c $(ENGINE)
COMMON_OBJ = $(COMMON_SRC:%.c=$(O)/%.o)
PROGS = $(basename $(notdir $(wildcard filters/*.c)))
LDLIBS = -lcsv $(GZLIBS) -lm -pthread

# keyfigures' helpers (pipelines/*.c: stages runs a stage, merge makes the
# figure streams one, publish makes a run's results the output folder's), beside bin as PREFIX/libexec/noegletal
# is beside PREFIX/bin. stages is linked statically (but under a sanitizer):
# a run starts it a dozen times and it forks every filter, each fork
# cheaper without the shared libraries' mappings (bench/README.md); publish
# and merge, started once, are not (a static one is 0.8 MB more in the package).
LIBEXEC = $(dir $(B))libexec/noegletal
HELPERS = $(LIBEXEC)/stages $(LIBEXEC)/publish $(LIBEXEC)/merge
$(LIBEXEC)/stages: STATIC = $(if $(SAN),,-static)

all: $(PROGS:%=$(B)/%) $(HELPERS)

$(O)/%.o: %.c common/*.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Icommon -c -o $@ $<

$(O)/common/util.o: VERSION

$(O)/libcommon.a: $(COMMON_OBJ)
	rm -f $@
	ar rcs $@ $^

# A filter with a folder filters/NAME/ links from filters/NAME.c and the
# parts in it (each part depends on the folder's headers); every other
# filter is one file.
PARTS = $(patsubst filters/%/,%,$(wildcard filters/*/))
# The report's lxw_tmpfile (filters/report/memfile.c) comes before libxlsxwriter's.
LDLIBS_report = -lxlsxwriter -Wl,--export-dynamic-symbol=lxw_tmpfile
LDLIBS_sas2tsv = -lreadstat
define parts
$(1)_OBJ = $$(patsubst %.c,$$(O)/%.o,$$(wildcard filters/$(1)/*.c))
$$($(1)_OBJ) $$(O)/filters/$(1).o: $$(wildcard filters/$(1)/*.h)
$$(B)/$(1): $$(O)/filters/$(1).o $$($(1)_OBJ) $$(O)/libcommon.a
	@mkdir -p $$(B)
	$$(CC) $$(ALL_LDFLAGS) -o $$@ $$< $$($(1)_OBJ) $$(O)/libcommon.a $$(LDLIBS_$(1)) $$(LDLIBS)
endef
$(foreach p,$(PARTS),$(eval $(call parts,$(p))))

$(B)/%: $(O)/filters/%.o $(O)/libcommon.a
	@mkdir -p $(B)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(O)/libcommon.a $(LDLIBS)

$(LIBEXEC)/%: $(O)/pipelines/%.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) $(STATIC) -o $@ $<

# The library's sources, for tests/fuzz/run (one list, here).
common-src:
	@echo $(COMMON_SRC)

# A test helper, not installed: writes TSV as a SAS dataset (tests/sas2tsv, tests/import).
TSV2SAS = $(O)/tests/tsv2sas
$(TSV2SAS): tests/lib/tsv2sas.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< -lreadstat

# CASES: the golden cases to run (default: all of tests/).
# The manual pages against the programs (options, -h) in make check only:
# the sanitizer builds' cases take every path they would.
check: all $(TSV2SAS)
	TSV2SAS=$(CURDIR)/$(TSV2SAS) sh tests/run $(B) $(CASES)
	$(if $(SAN),,sh tests/man/run $(B))
	$(MAKE) -s check-install

# The cases of the sanitizer builds. The report's attacker cases (attack,
# lp-attack*) spend their time in Python and lp_solve, the same in every
# build: make check runs them, and of the sanitizer builds only asan, for
# the report's runs in them (the audit's paths); under valgrind they took
# 123 s of its 340, and CI (1,138-1,164 s on 5 December) came near 20 minutes.
ALL_CASES = $(patsubst %/cmd,%,$(wildcard $(CURDIR)/tests/*/*/cmd))
ATTACK_CASES = $(filter $(CURDIR)/tests/report/attack $(CURDIR)/tests/report/lp-attack%,$(ALL_CASES))
# ThreadSanitizer: the threads are gzip input's read-ahead (gz_ahead.c)
# and join-dream's figure writer. The cases where one can start: the
# filters' own cases with gzip input (in the case's folder, or made by its
# command or by synth), the bad-input corpus with every input
# gzip-compressed, its kinds that differ for the threads (read to the end,
# a line across blocks, death at the header or at a row, reject mode, each
# decoding fault; the other kinds and the bad values take the same paths:
# 114 s of make tsan's 364 s were the whole corpus), and of the whole runs
# (e2e) one of each schema and each way a stage ends early (killed,
# signalled, a broken pipe, a failing stage, its streams closed). The
# other whole runs test keyfigures' shell (options, folders, locks,
# publishing, -K) and data faults, and their filters take the threads'
# paths of the cases above: they took 640 s of tsan's 807 (two of them,
# published-before and published-per-municipality, 403 s), and CI 1,637 s,
# on 7 December.
TSAN_E2E = $(addprefix $(CURDIR)/tests/e2e/,synth-small synth-real kill-9 stage-killed \
	sigpipe streams-closed stderr-reader-gone failed-stage-keeps-results \
	failing-first-stage-of-a-pipe signal-said signal-said-others signal-during-stage-messages)
TSAN_BADINPUT = BADINPUT_GZIP=1 BADINPUT_KINDS="valid empty header-only missing-column \
	field-count very-long-line truncated-gzip bad-crc trailing-garbage"
THREAD_CASES = $(sort $(CURDIR)/tests/badinput/all $(patsubst %/,%,$(dir $(abspath \
	$(wildcard tests/*/*/*.gz) \
	$(shell grep -l -E 'gz|synth|keyfigures' tests/*/*/cmd tests/*/*/run tests/*/*/check.sh 2>/dev/null)))))

# ASan+UBSan with the zlib engine: the whole suite with the second gzip
# engine as well (make check-zlib alone runs it without the sanitizers).
# UBSan's report ends the program (halt_on_error), so that a case fails on
# it: printed and gone on, flows' NULL + 0 was in every run and no case
# failed (review AM, AM4). Not the two cases of whole runs into folders
# published before one after the other (36 keyfigures runs): 233 s
# of asan's 744 on 7 December; the report's paths of -K are in
# tests/report/earlier-*, e2e/corrected-rerun and e2e/look-back-run.
ASAN_SKIP = $(CURDIR)/tests/report/attack \
	$(addprefix $(CURDIR)/tests/e2e/,published-before published-per-municipality)
asan:
	ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    $(MAKE) SAN=address,undefined CC=clang GZIP=zlib \
	    CASES="$(filter-out $(ASAN_SKIP),$(ALL_CASES))" check

# The same tests under ThreadSanitizer (the read-ahead threads). A race report
# goes to build/tsan/race.* and fails the target. Thread leaks are not
# reported: a filter that dies exits with its read-ahead thread running.
tsan:
	rm -f build/tsan/race.*
	$(TSAN_BADINPUT) TSAN_OPTIONS="report_thread_leaks=0 log_path=$(CURDIR)/build/tsan/race" \
	    $(MAKE) SAN=thread CC=clang O=build/tsan B=build/tsan/bin \
	    CASES="$(filter-out $(ATTACK_CASES) $(CURDIR)/tests/e2e/%,$(THREAD_CASES)) $(TSAN_E2E)" check
	@if ls build/tsan/race.* >/dev/null 2>&1; then cat build/tsan/race.*; exit 1; fi

check-zlib:
	$(MAKE) GZIP=zlib check

# The SQL formulation of the benchmark's peer (bench/keyfigures.sql, run by
# DuckDB) against the filters: the small preset and the worked examples.
check-duckdb: all
	sh bench/test-duckdb

# The same tests with every program under valgrind (memcheck); a report
# makes the program exit 99, so the case fails. A program's start is most
# of a case's time under valgrind (0.6-1 s); without the debug information
# of inlined calls (their names in a report's stack) it is a sixth less.
# Under valgrind: every filter's golden cases. The cases that run keyfigures
# or generate data with synth (tests/e2e, tests/examples, the report's
# attacker, the synth cases, the quality chains (tests/quality/chain: 65 s
# under valgrind) and the others below) run every filter again on larger
# data, and the bad-input corpus (tests/badinput: several hundred runs, 270 s
# under valgrind); they are left to asan and tsan, to keep CI short. So are
# synth's cases (the test data's generator) and the cases of the options
# alone (usage, version, repeated options: a program started many times
# that stops before it reads a row; 51 s under valgrind on 5 December).
# And tests/report/tmpdir-full: valgrind keeps its own files in TMPDIR.
VALGRIND_SKIP = $(sort $(dir $(shell grep -l -E 'keyfigures|synth -[SL]|quality/chain' \
	tests/*/*/cmd tests/*/*/run tests/*/*/check.sh 2>/dev/null)))
# The report has no threads and runs in full under ASan + UBSan: under
# valgrind (a read of memory never written) seven cases that take its
# paths (the three formats, flows and their audit, forecast and backtest,
# quality, -K, the suppression across areas, -e); its 86 took 140 s of
# valgrind's 357 and CI 1,406 s on 7 December.
VALGRIND_REPORT = $(addprefix $(CURDIR)/tests/report/,formats-in-one flows-audit \
	forecast-backtest quality earlier-file suppress-cross own-and-vintage)
VALGRIND_CASES = $(filter-out $(CURDIR)/tests/e2e/% $(ATTACK_CASES) $(CURDIR)/tests/badinput/% \
	$(filter-out $(VALGRIND_REPORT),$(filter $(CURDIR)/tests/report/%,$(ALL_CASES))) \
	$(CURDIR)/tests/synth/% $(addprefix $(CURDIR)/tests/,report/usage tsv/version \
	target-filter/repeated-option sas2tsv/usage quality/usage) \
	$(CURDIR)/tests/report/tmpdir-full $(VALGRIND_SKIP:%/=$(CURDIR)/%), $(patsubst %/cmd,%,$(wildcard $(CURDIR)/tests/*/*/cmd)))
valgrind: all $(TSV2SAS)
	rm -rf build/valgrind && mkdir -p build/valgrind
	for p in $(PROGS); do \
		printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=no --read-inline-info=no %s "$$@"\n' \
		    "$(CURDIR)/bin/$$p" > build/valgrind/$$p; chmod +x build/valgrind/$$p; done
	TSV2SAS=$(CURDIR)/$(TSV2SAS) sh tests/run build/valgrind $(VALGRIND_CASES)

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

# Programs and keyfigures into PREFIX/bin, the run manifest's writer (with
# the version of VERSION written into it) and the two helpers into
# PREFIX/libexec/noegletal, the
# tables into PREFIX/share/noegletal, the manual pages of the programs built
# into PREFIX/share/man, the scheduling examples into PREFIX/share/doc.
# DESTDIR is put in front of every path (packaging).
MANPAGES = $(filter $(PROGS:%=man/%.1) man/keyfigures.1,$(wildcard man/*.1))
# PREFIX and DESTDIR go into install's shell lines and a sed command: plain
# paths only (review AL, AL5: a ',' stopped it half-way, a '&' ran a part)
comma := ,
unsafe = $(or $(filter-out 1,$(words x$(1))),$(strip $(foreach c,' " ` $$ ; & | < > ( ) \ * ? [ ] { } ! ~ \# $(comma),$(findstring $(c),$(1)))))

install: all	# folders 755 whatever the umask (review G, G5)
	$(if $(call unsafe,$(PREFIX)$(DESTDIR)),$(error PREFIX and DESTDIR must be plain paths: no blank$(comma) quote or shell character))
	install -d -m 755 $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/noegletal \
	    $(DESTDIR)$(PREFIX)/libexec/noegletal \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5 \
	    $(DESTDIR)$(PREFIX)/share/doc/noegletal/examples
	install -m 755 $(PROGS:%=$(B)/%) pipelines/keyfigures $(DESTDIR)$(PREFIX)/bin/
	sed "s/^version=\"\" # make install writes the version here$$/version=$$(cat VERSION)/" \
	    pipelines/manifest > $(DESTDIR)$(PREFIX)/libexec/noegletal/manifest
	chmod 755 $(DESTDIR)$(PREFIX)/libexec/noegletal/manifest
	install -m 755 $(HELPERS) $(DESTDIR)$(PREFIX)/libexec/noegletal/
	install -m 644 share/noegletal/*.tsv share/noegletal/who5.map $(DESTDIR)$(PREFIX)/share/noegletal/
	install -d -m 755 $(DESTDIR)$(PREFIX)/share/noegletal/layouts
	install -m 644 share/noegletal/layouts/*.tsv $(DESTDIR)$(PREFIX)/share/noegletal/layouts/
	for m in $(MANPAGES) man/*.5; do \
	    d=$(DESTDIR)$(PREFIX)/share/man/man$${m##*.}/$${m#man/}; \
	    sed 's,/usr/\(share/noegletal\|share/doc/noegletal\|libexec/noegletal\),$(PREFIX)/\1,g' \
	    $$m > $$d && chmod 644 $$d || exit 1; done	# the pages name PREFIX's files
	install -m 644 share/examples/* $(DESTDIR)$(PREFIX)/share/doc/noegletal/examples/

# What install put there, with the same PREFIX and DESTDIR; the folders
# that are noegletal's own go, the shared ones (bin, man1, ...) stay.
uninstall:
	rm -f $(PROGS:%=$(DESTDIR)$(PREFIX)/bin/%) $(DESTDIR)$(PREFIX)/bin/keyfigures \
	    $(MANPAGES:man/%=$(DESTDIR)$(PREFIX)/share/man/man1/%) \
	    $(patsubst man/%,$(DESTDIR)$(PREFIX)/share/man/man5/%,$(wildcard man/*.5))
	rm -rf $(DESTDIR)$(PREFIX)/libexec/noegletal $(DESTDIR)$(PREFIX)/share/noegletal \
	    $(DESTDIR)$(PREFIX)/share/doc/noegletal

# make install into build/install-test (PREFIX /usr), then the installed
# keyfigures run with nothing of the source tree (tests/install/run).
check-install: all
	rm -rf $(O)/install-test
	(umask 077 && $(MAKE) -s install DESTDIR=$(CURDIR)/$(O)/install-test PREFIX=/usr >/dev/null)
	sh tests/install/run $(CURDIR)/$(O)/install-test/usr
	$(MAKE) -s uninstall DESTDIR=$(CURDIR)/$(O)/install-test PREFIX=/usr
	@left=$$(find $(O)/install-test ! -type d); \
	    if [ -n "$$left" ]; then echo "FAIL uninstall left:"; echo "$$left"; exit 1; fi; \
	    echo "uninstall: nothing left"

# The same inputs give the same bytes: the demo-like run twice and with
# each gzip engine (tests/repro/run; builds the zlib programs).
check-repro: all
	$(MAKE) GZIP=zlib all
	sh tests/repro/run bin build/zlib/bin

# The Debian package: build it, lintian, install it with dpkg -i (as root)
# and run the worked example through the installed keyfigures.
check-deb:
	sh tests/deb/run

clean:
	rm -rf bin libexec build

.PHONY: all common-src check check-install uninstall check-repro check-deb asan tsan check-zlib check-duckdb valgrind demo bench fuzz screenshot render-check install clean
.SECONDARY:
