# SPDX-License-Identifier: MIT
# mk/fuzz.mk -- libFuzzer targets for the input parsers, and their standalone
# replays.  Included by the top Makefile.
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="maps options"]
#       builds each target with clang (-fsanitize=fuzzer,address,undefined;
#       clang and libclang-rt are installed when missing) and runs it for
#       FUZZ_SECONDS seconds, seeded from tests/fuzz/corpus/<target>/ and
#       tests/fuzz/regress/<target>/; ends with a table (runs, coverage, new
#       inputs) and fails if any target found a crash, a hang, a leak or UB.
#       New inputs collect in build/fuzz/work/<target>/, findings in
#       build/fuzz/artifacts/<target>/ (see tests/fuzz/README.md).
#   make fuzz-build          the libFuzzer binaries, build/fuzz/<target>
#   make fuzz-standalone     the same targets without libFuzzer, built by gcc with
#                            ASan+UBSan: build/fuzz-sa/<target> FILE... replays files
#                            (tests/fuzz/t_fuzz_corpus.sh, part of make test)
#
# Targets (tests/fuzz/fuzz_<target>.c): trace_text, trace_ext, trace_lackey (a
# line parser each), trace_reader (trace_open/trace_next over a file and a pipe),
# maps (maps_load, maps_find), options (options_parse for vmref and vmsim).

FUZZ_TARGETS ?= trace_text trace_ext trace_lackey trace_reader maps options
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -std=c11 -Wall -Wextra -Wshadow -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_HEADERS := $(HEADERS) $(wildcard tests/fuzz/*.h)

# The project's C, once with clang's coverage instrumentation for libFuzzer, and
# (for the standalone replays) gcc's sanitizer objects the top Makefile builds.
FUZZ_LIB_OBJS := $(CORE_SRCS:%.c=build/fuzz/obj/%.o)
FUZZ_SA_OBJS := $(CORE_SRCS:%.c=build/obj-san/%.o)

build/fuzz/obj/%.o: %.c $(FUZZ_HEADERS) mk/fuzz.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/%: build/fuzz/obj/tests/fuzz/fuzz_%.o $(FUZZ_LIB_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -pthread -o $@ $^ $(TRACE_LDLIBS)

build/fuzz-sa/%: tests/fuzz/fuzz_%.c tests/fuzz/standalone.c $(FUZZ_SA_OBJS) $(FUZZ_HEADERS) mk/fuzz.mk
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -O1 $(SAN_FLAGS) -pthread -o $@ \
		tests/fuzz/fuzz_$*.c tests/fuzz/standalone.c $(FUZZ_SA_OBJS) $(TRACE_LDLIBS)

.PHONY: fuzz fuzz-build fuzz-standalone
fuzz-build: $(FUZZ_TARGETS:%=build/fuzz/%)
fuzz-standalone: $(FUZZ_TARGETS:%=build/fuzz-sa/%)

fuzz:
	@bash tools/deps.sh c fuzz
	@$(MAKE) --no-print-directory fuzz-build
	@bash tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)
