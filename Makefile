# ccrepo build. `make` builds ./ccrepo, `make run` installs what is missing, builds and
# serves, `make test` runs the whole suite, `make test SANITIZE=1` the same under
# AddressSanitizer and UndefinedBehaviorSanitizer, `make soak` the crash test longer.

PKGS    := libmicrohttpd jansson sqlite3 zlib libxml-2.0 libcmark libsodium poppler-glib
CC      ?= cc
OPT     ?= -O2
CFLAGS  ?= -g
CFLAGS  += $(OPT) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
           -Wstrict-prototypes -Wmissing-prototypes -Isrc -I$(B)/gen \
           $(shell pkg-config --cflags $(PKGS))
LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lstemmer -lm -lpthread

ifeq ($(SANITIZE),1)
B       := build/san
CFLAGS  += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
else
B       := build/rel
endif

SRC      := $(sort $(wildcard src/*.c src/*/*.c src/*/*/*.c))
LIBSRC   := $(filter-out src/main.c,$(SRC))
LIBOBJ   := $(LIBSRC:%.c=$(B)/obj/%.o) $(B)/obj/gen/assets.o
ASSETS   := $(sort $(wildcard static/* data/*.tsv data/*.json))

UNIT     := $(patsubst tests/unit/%.c,$(B)/tests/unit/%,$(wildcard tests/unit/test_*.c))
INTEG    := $(patsubst tests/integration/%.c,$(B)/tests/integration/%,$(wildcard tests/integration/test_*.c))
FUZZ     := $(patsubst tests/fuzz/%.c,$(B)/tests/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
TESTLIBS := $(shell pkg-config --libs cmocka)

.PHONY: all run test test-deps test-build deps clean fuzz bench soak
all: $(B)/ccrepo
ifneq ($(SANITIZE),1)
all: ccrepo
ccrepo: $(B)/ccrepo
	$(Q)rm -f $@ && cp $< $@
endif

deps:
	@scripts/install-deps.sh build

# what the suite needs beyond the build: cmocka, chromium, node and playwright-core,
# and the references some tests compare with (Xapian, pdftotext)
test-deps:
	@scripts/install-deps.sh test
	@if [ ! -d node_modules/playwright-core ] && command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error || \
		echo "npm ci failed: browser tests will be skipped"; fi

run: deps
	@$(MAKE) --no-print-directory all
	./ccrepo serve

$(B)/ccrepo: $(B)/obj/src/main.o $(LIBOBJ)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# V=1 shows the whole commands
ifneq ($(V),1)
Q := @
endif

$(B)/obj/%.o: %.c | $(B)/gen/assets.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/obj/gen/assets.o: $(B)/gen/assets.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

# static files and reference data are embedded into the binary (one run makes both
# files: a grouped target, GNU make 4.3)
$(B)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

$(B)/gen/assets.c $(B)/gen/assets.h &: $(B)/tools/embed $(ASSETS) $(B)/gen/world.tsv
	@mkdir -p $(B)/gen
	@$(if $(Q),echo "  EMBED   $(words $(ASSETS) map) files")
	$(Q)$(B)/tools/embed $(B)/gen/assets $(ASSETS) map/world.tsv=$(B)/gen/world.tsv

# the world map: Natural Earth country shapes from npm world-atlas (package-lock.json),
# installed by `npm ci` when missing (without the test tools, which `make test-deps`
# adds), turned into SVG path data by tools/topo2svg.c (docs/architecture.md, "Map and
# charts") and embedded as map/world.tsv
WORLD_JSON := node_modules/world-atlas/countries-110m.json
WORLD_SMALL := node_modules/world-atlas/countries-50m.json
$(WORLD_JSON):
	@command -v npm >/dev/null || { echo "npm is missing: run make deps"; exit 1; }
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
$(WORLD_SMALL): | $(WORLD_JSON)
	@test -f $@ || { echo "$@ is missing after npm ci"; exit 1; }

$(B)/tools/topo2svg: tools/topo2svg.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -O1 -Wall -Wextra -Werror $(shell pkg-config --cflags jansson) -o $@ $< \
		$(shell pkg-config --libs jansson) -lm

$(B)/gen/world.tsv: $(B)/tools/topo2svg $(WORLD_JSON) $(WORLD_SMALL)
	@mkdir -p $(B)/gen
	@$(if $(Q),echo "  MAP     $@")
	$(Q)$(B)/tools/topo2svg -s $(WORLD_SMALL) $(WORLD_JSON) $@

# every unit test links the shared fixture (tests/unit/fixture.h: temporary databases,
# organisations, accounts, groups)
$(B)/tests/unit/%: tests/unit/%.c $(B)/obj/tests/unit/fixture.o $(LIBOBJ)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(CFLAGS) -Itests -o $@ $^ $(LDFLAGS) $(LDLIBS) $(TESTLIBS)

$(B)/tests/integration/%: tests/integration/%.c tests/integration/harness.c tests/integration/harness.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(CFLAGS) -Itests -o $@ $< tests/integration/harness.c $(LDFLAGS) $(LDLIBS) $(TESTLIBS)

# fuzz targets: in `make test` each runs its seed corpus and random mutations through a
# plain driver; `make fuzz` builds them for libFuzzer with clang.
$(B)/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/driver.c $(LIBOBJ)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

test: test-deps
	@$(MAKE) --no-print-directory test-build
	@scripts/run-tests.sh $(B)

test-build: $(B)/ccrepo $(UNIT) $(INTEG) $(FUZZ) $(B)/tests/relevance/xapian_ref

# the Xapian reference ranker of test_relevance (C++, libxapian-dev)
CXX     ?= g++
$(B)/tests/relevance/xapian_ref: tests/relevance/xapian_ref.cc
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CXX     $@")
	$(Q)$(CXX) -O2 -Wall -Wextra -Werror -o $@ $< $(shell pkg-config --libs xapian-core 2>/dev/null || echo -lxapian)

fuzz:
	@scripts/fuzz.sh

# the crash test of the suite, longer: SOAK_KILLS kills (SIGKILL under concurrent
# writers, restart, nothing acknowledged lost; docs/testing.md)
SOAK_KILLS ?= 500
soak: $(B)/ccrepo $(B)/tests/integration/test_crash
	CCREPO_BIN="$(CURDIR)/$(B)/ccrepo" CCREPO_SRC="$(CURDIR)" \
		CCREPO_CRASH_KILLS=$(SOAK_KILLS) $(B)/tests/integration/test_crash

bench: all
	@bench/run.sh

clean:
	rm -rf build ccrepo

# for scripts that link against the program's objects (bench/search.sh)
print-%:
	@echo $($*)

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)
