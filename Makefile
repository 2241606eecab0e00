# Makefile of the Baromètre usagers survey pipeline.
#   make            build everything into build/bin
#   make check      unit tests, then integration tests on a private PostgreSQL
#   make demo       build, start the embedded database, load the samples, write the reports
#   make asan       the same tests on an ASan + UBSan build (in build-asan/)
#   make lint       bans unsafe C functions
#   make fuzz       runs each libFuzzer target for FUZZ_SECONDS
#   make fuzz-long  the same for an hour per target, on every core (not in CI: >= 10 M runs each)
#   make bench      benchmarks against PostgreSQL's own COPY, and the reading of scanned forms
#   make install PREFIX=/usr/local

BUILD   ?= build
PREFIX  ?= /usr/local
CC      ?= cc
SAN     ?=
VERSION := 0.1.0
# The date of this version: the manual pages carry it (SOURCE_DATE_EPOCH, when set, wins).
RELEASE_DATE := 2026-12-02

PKGS    := libpq cairo pangocairo pango libzip expat libcrypto libfyaml poppler-glib zbar \
           libqrencode gdk-pixbuf-2.0
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm

CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror \
           -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter \
           -DBAROMETRE_VERSION='"$(VERSION)"' -Icore -Ischema $(PKG_CFLAGS)
ifeq ($(SAN),1)
CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

BIN     := $(BUILD)/bin
OBJ     := $(BUILD)/obj

CORE_SRC    := $(sort $(wildcard core/*.c))
ADMIN_SRC   := $(sort $(wildcard schema/*.c))
PAPER_SRC   := $(sort $(wildcard collectors/paper/*.c))
ONLINE_SRC  := $(sort $(wildcard collectors/online/*.c))
PHONE_SRC   := $(sort $(wildcard collectors/phone/*.c))
# every collector's adapters, linked into each collector (a file given to the wrong one is
# refused naming the right one) and into survey-admin (draft reads any export)
ADAPTER_SRC := $(filter-out %/main.c,$(sort $(wildcard collectors/*.c) $(PAPER_SRC) $(ONLINE_SRC) $(PHONE_SRC)))
REPORT_SRC  := $(sort $(wildcard reports/*.c))
UNIT_SRC    := $(sort $(wildcard tests/unit/test_*.c))
TOOL_SRC    := $(sort $(wildcard tests/tools/*.c))
SQL_FILES   := $(sort $(wildcard schema/migrations/*.sql)) $(sort $(wildcard schema/functions/*.sql))

obj = $(patsubst %.c,$(OBJ)/%.o,$(1))

# Quiet by default; make V=1 shows the commands.
ifneq ($(V),1)
Q := @
say = printf '  %-6s %s\n' $(1) $(2);
endif

PROGRAMS := $(if $(ADMIN_SRC),$(BIN)/survey-admin) $(if $(PAPER_SRC),$(BIN)/collect-paper) \
            $(if $(ONLINE_SRC),$(BIN)/collect-online) $(if $(PHONE_SRC),$(BIN)/collect-phone) \
            $(if $(REPORT_SRC),$(BIN)/survey-report)
UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
TOOLS      := $(patsubst tests/tools/%.c,$(BUILD)/tools/%,$(TOOL_SRC))

.PHONY: all check unit integration demo asan lint fuzz fuzz-long bench install clean deps

all: $(PROGRAMS) $(UNIT_TESTS) $(TOOLS)

$(OBJ)/%.o: %.c $(wildcard core/*.h) core/messages.def
	@mkdir -p $(dir $@)
	$(Q)$(call say,CC,$<)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libcore.a: $(call obj,$(CORE_SRC))
	@mkdir -p $(dir $@)
	$(Q)$(call say,AR,$@)rm -f $@ && $(AR) rcs $@ $^

# The SQL files are embedded in survey-admin, so that the program needs no data directory.
$(BUILD)/gen/schema_sql.c: $(SQL_FILES) tools/embed-sql.sh
	@mkdir -p $(dir $@)
	sh tools/embed-sql.sh $(SQL_FILES) > $@

$(OBJ)/gen/schema_sql.o: $(BUILD)/gen/schema_sql.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BIN)/survey-admin: $(call obj,$(ADMIN_SRC)) $(OBJ)/gen/schema_sql.o $(BUILD)/libadapters.a \
                     $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(Q)$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libadapters.a: $(call obj,$(ADAPTER_SRC))
	@mkdir -p $(dir $@)
	$(Q)$(call say,AR,$@)rm -f $@ && $(AR) rcs $@ $^

$(BIN)/collect-paper: $(OBJ)/collectors/paper/main.o $(BUILD)/libadapters.a $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(Q)$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BIN)/collect-online: $(OBJ)/collectors/online/main.o $(BUILD)/libadapters.a $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(Q)$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BIN)/collect-phone: $(OBJ)/collectors/phone/main.o $(BUILD)/libadapters.a $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(Q)$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BIN)/survey-report: $(call obj,$(REPORT_SRC)) $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(Q)$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# test_stats compiles the report statistics in (they are not part of libcore).
$(BUILD)/tests/test_stats: reports/stats.c reports/stats.h reports/wstats.c reports/wstats.h

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(Q)$(call say,LINK,$@)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libcore.a $(PKG_LIBS) -lcmocka

$(BUILD)/tools/%: tests/tools/%.c $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(Q)$(call say,LINK,$@)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libcore.a $(PKG_LIBS)

deps:
	sh tools/deps.sh

check: all
	@sh tests/run.sh $(BUILD)

unit: all
	@sh tests/run.sh $(BUILD) unit

integration: all
	@sh tests/run.sh $(BUILD) integration

demo: all
	@sh tools/demo.sh $(BUILD)

asan:
	$(MAKE) BUILD=build-asan SAN=1 check

lint:
	@sh tools/lint.sh

fuzz:
	@sh tests/fuzz/run.sh

fuzz-long:
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-3600} FUZZ_JOBS=$${FUZZ_JOBS:-$$(nproc)} sh tests/fuzz/run.sh

bench: all
	@sh tests/bench/run.sh $(BUILD)
	@sh tests/bench/scan.sh $(BUILD)

# Manual pages are made from each program's --help, the one description of its options.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/barometre/samples
	install -m 755 $(PROGRAMS) $(DESTDIR)$(PREFIX)/bin
	for p in $(PROGRAMS); do \
	    sh tools/man.sh $$p $(VERSION) $(RELEASE_DATE) > $(DESTDIR)$(PREFIX)/share/man/man1/$$(basename $$p).1; \
	done
	cp -r samples/. $(DESTDIR)$(PREFIX)/share/barometre/samples

clean:
	rm -rf build build-asan build-fuzz
