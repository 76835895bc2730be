# forkftp: forkftpd (server/), forkftp (tui-client/), proto/ shared by both.
#
#   make            build server/forkftpd and tui-client/forkftp
#   make test       install what tests need, build normal + sanitizer builds, run everything
#   make demo       build, start a demo server, open the TUI on it
#   make asan       ASan+UBSan build in build-asan/
#   make fuzz       run each libFuzzer harness for FUZZ_SECONDS
#   make bench      benchmarks against vsftpd, curl, lftp (not part of test)
#   make bench-scale 10,000 idle sessions on one forkftpd, and vsftpd
#   make lint       clang-tidy and cppcheck
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX     ?= /usr/local
DESTDIR    ?=
BUILD      ?= build
SAN        ?=
WERROR     ?= $(if $(CI),-Werror,)
FUZZ_SECONDS ?= 60

# Digests (HASH) and FTPS come from OpenSSL 3: libcrypto and libssl
# ("openssl" names both).
PKGS       := openssl libbsd-overlay ncursesw libcrypt libedit
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes \
           -Wmissing-prototypes -Wpointer-arith -Wvla -Wno-format-nonliteral $(WERROR)
HARDEN  := -fstack-protector-strong -fPIE
ifeq ($(SAN),)
OPT     := -O2 -g -D_FORTIFY_SOURCE=3
else
OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
           -fno-sanitize-recover=undefined
endif
CFLAGS  ?=
CFLAGS  += -std=c17 -D_GNU_SOURCE $(OPT) $(WARN) $(HARDEN) $(PKG_CFLAGS) -Iproto -MMD -MP
LDFLAGS += -pie -Wl,-z,relro,-z,now $(if $(SAN),-fsanitize=address$(,)undefined)
, := ,

PROTO_SRC  := $(wildcard proto/*.c)
SERVER_SRC := $(wildcard server/*.c)
CLIENT_SRC := $(wildcard tui-client/*.c)
UNIT_SRC   := $(wildcard tests/unit/test_*.c)
BENCH_SRC  := $(wildcard tests/bench/*.c)

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))

PROTO_LIB  := $(BUILD)/libproto.a
SERVER_LIB := $(BUILD)/libserver.a
CLIENT_LIB := $(BUILD)/libclient.a
SERVER_BIN := $(BUILD)/forkftpd
CLIENT_BIN := $(BUILD)/forkftp
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRC))
BENCH_BINS := $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(BENCH_SRC))

BINS := $(if $(SERVER_SRC),$(SERVER_BIN)) $(if $(CLIENT_SRC),$(CLIENT_BIN))

.PHONY: all bins asan test unit deps deps-test demo fuzz bench bench-scale lint install \
        clean screenshots check-tree
.DEFAULT_GOAL := all
# Keep unit-test objects: they are intermediates, not temporaries.
.SECONDARY:

# The default build also leaves the programs where the design card puts them.
all: bins
ifeq ($(BUILD),build)
	@[ -z "$(SERVER_SRC)" ] || cp -f $(SERVER_BIN) server/forkftpd
	@[ -z "$(CLIENT_SRC)" ] || cp -f $(CLIENT_BIN) tui-client/forkftp
	@[ -n "$(SERVER_SRC)" ] || echo "note: server/ has no sources yet: forkftpd is still missing"
	@[ -n "$(CLIENT_SRC)" ] || echo "note: tui-client/ has no sources yet: forkftp is still missing"
endif

bins: $(BINS) $(UNIT_BINS) $(BENCH_BINS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(PROTO_LIB): $(call obj,$(PROTO_SRC))
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

$(SERVER_LIB): $(call obj,$(filter-out server/main.c,$(SERVER_SRC)))
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

$(CLIENT_LIB): $(call obj,$(filter-out tui-client/main.c,$(CLIENT_SRC)))
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

$(SERVER_BIN): $(BUILD)/server/main.o $(SERVER_LIB) $(PROTO_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(CLIENT_BIN): $(BUILD)/tui-client/main.o $(CLIENT_LIB) $(PROTO_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/unit/%: $(BUILD)/tests/unit/%.o $(if $(SERVER_SRC),$(SERVER_LIB)) \
                 $(if $(CLIENT_SRC),$(CLIENT_LIB)) $(PROTO_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

$(BUILD)/bench/%: $(BUILD)/tests/bench/%.o $(PROTO_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

asan:
	$(MAKE) BUILD=build-asan SAN=1 bins

deps:
	@tests/deps.sh build

deps-test:
	@tests/deps.sh test

# The suite runs the unit tests of both builds and every integration test
# against the sanitizer build, so a memory error anywhere fails it.
# The three builds use every core: on 2 cores they are a third of the run.
NPROC := $(shell nproc 2>/dev/null || echo 1)
test: deps-test
	$(MAKE) -j$(NPROC) CI=$(CI) all
	$(MAKE) -j$(NPROC) CI=$(CI) asan
	$(MAKE) -j$(NPROC) CI=$(CI) -s fuzz-build
	@tests/run

demo: deps
	$(MAKE) all
	@tests/demo.sh

FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build-fuzz/%,$(FUZZ_SRC))
FUZZ_CFLAGS := -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
               $(PKG_CFLAGS) -Iproto -Iserver -Itui-client
FUZZ_SERVER_SRC := $(filter-out server/main.c,$(SERVER_SRC))

.PHONY: fuzz-build
fuzz-build: $(FUZZ_BINS)

# Parser harnesses link proto/ only; fuzz_session* drive a whole server
# session in-process and link the server modules too.
SESSION_FUZZ_BINS := $(filter build-fuzz/fuzz_session%,$(FUZZ_BINS))
$(SESSION_FUZZ_BINS): build-fuzz/%: tests/fuzz/%.c $(PROTO_SRC) $(FUZZ_SERVER_SRC) \
                          $(wildcard proto/*.h server/*.h)
	@mkdir -p build-fuzz
	clang $(FUZZ_CFLAGS) -o $@ $< $(PROTO_SRC) $(FUZZ_SERVER_SRC) $(PKG_LIBS)

build-fuzz/%: tests/fuzz/%.c $(PROTO_SRC) $(wildcard proto/*.h)
	@mkdir -p build-fuzz
	clang $(FUZZ_CFLAGS) -o $@ $< $(PROTO_SRC) $(PKG_LIBS)

fuzz: fuzz-build
	@for f in $(FUZZ_BINS); do \
		n=$$(basename $$f); echo "fuzz $$n for $(FUZZ_SECONDS)s"; \
		mkdir -p build-fuzz/corpus-$$n; \
		dict=tests/fuzz/$$n.dict; [ -f $$dict ] && d=-dict=$$dict || d=; \
		$$f $$d -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			build-fuzz/corpus-$$n tests/fuzz/corpus/$$n 2>&1 | tail -3 || exit 1; \
	done

bench: deps-test
	$(MAKE) all
	@tests/bench/run.sh

bench-scale: deps-test
	$(MAKE) all
	@tests/bench/scale.sh

screenshots: deps-test
	$(MAKE) all
	@tests/tui/screenshots.sh

lint:
	@# insecureAPI flags every memcpy/snprintf (C11 Annex K advice) and
	@# valist.Uninitialized misreads va_copy: noise, not findings.
	clang-tidy --quiet --checks='-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling,-clang-analyzer-valist.Uninitialized' \
		$(PROTO_SRC) $(SERVER_SRC) $(CLIENT_SRC) -- $(filter-out -MMD -MP,$(CFLAGS))
	cppcheck --quiet --enable=warning,portability --error-exitcode=1 \
		--suppress=missingIncludeSystem -Iproto proto server tui-client

install: all
	install -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/bin \
		$(DESTDIR)$(PREFIX)/share/man/man8 $(DESTDIR)$(PREFIX)/share/man/man5 \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 server/forkftpd $(DESTDIR)$(PREFIX)/sbin/forkftpd
	install -m 755 tui-client/forkftp $(DESTDIR)$(PREFIX)/bin/forkftp
	for m in server/*.8 server/*.5 tui-client/*.1; do \
		[ -f "$$m" ] || continue; \
		s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man$$s/; \
	done
	[ ! -f server/forkftpd.service ] || { install -d $(DESTDIR)$(PREFIX)/lib/systemd/system; \
		install -m 644 server/forkftpd.service $(DESTDIR)$(PREFIX)/lib/systemd/system/; }
	[ ! -f server/forkftpd.conf.example ] || { install -d $(DESTDIR)$(PREFIX)/share/doc/forkftp; \
		install -m 644 server/forkftpd.conf.example $(DESTDIR)$(PREFIX)/share/doc/forkftp/; }

clean:
	rm -rf build build-asan build-fuzz server/forkftpd tui-client/forkftp

# Only our dependency files: build/peers holds extracted packages with *.d dirs.
-include $(shell find $(BUILD) -path $(BUILD)/peers -prune -o -name '*.d' -type f -print 2>/dev/null)
