# SPDX-License-Identifier: MIT
# mk/tests.mk -- the tests' own C programs, built with the project's flags into
# build/tests/.  Included from the top Makefile, after CORE_OBJS and mk/rtl.mk.
#
#   build/tests/NAME, build/tests/NAME-asan   tests/unit/NAME.c against the model and
#       harness objects (CORE_OBJS, CORE_SAN_OBJS): plain, and with ASan + UBSan
#   build/tests/CFG/NAME   tests/rtl/NAME.c against CFG's librtl.a alone (the C API,
#       no harness; rtl_rude also with model/'s TLB and walk, its reference),
#       CFG = CONFIG-TLB_SETSxTLB_WAYS: make CONFIG=sv39 TLB_SETS=4 ...
#   build/tests/mapchurn[-static]   tests/cli/mapchurn.c, a program make trace traces
#   test-programs   all of these for the current configuration, and the fuzz targets'
#                   standalone replayers (make test builds it first)
#   rtl-smoke       tests/rtl/rtl_smoke.c on osc 1x16, osc 1x2 and sv39 4x4
#
# The tests/*/t_*.sh scripts run `make -s` on the program they need, then run it;
# tests/repo/t_tests.sh checks that every tests/**/*.c is built by test-programs.

# ---- unit tests: the model and the harness, linked with the objects vmref links -------
TEST_UNIT_BINS := $(patsubst tests/unit/%.c,build/tests/%,$(wildcard tests/unit/*.c))

$(TEST_UNIT_BINS): build/tests/%: build/obj/tests/unit/%.o $(CORE_OBJS)
	@mkdir -p $(@D)
	$(call say,ld $@)
	$(AT)$(CC) $(CFLAGS) $(OPT) -o $@ $^ $(TRACE_LDLIBS)

$(TEST_UNIT_BINS:%=%-asan): build/tests/%-asan: build/obj-san/tests/unit/%.o $(CORE_SAN_OBJS)
	@mkdir -p $(@D)
	$(call say,ld $@)
	$(AT)$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $(TRACE_LDLIBS)

# ---- RTL tests: the C API of one configuration's Verilated MMU, nothing else ----------
# One directory per configuration, as the archive they link.
RTL_TEST_DIR := build/tests/$(notdir $(RTL_DIR))
RTL_TEST_BINS := $(patsubst tests/rtl/%.c,$(RTL_TEST_DIR)/%,$(wildcard tests/rtl/*.c))

# Compiled and linked in one step (small files); -MF and -MT make the header
# dependencies those of the binary, in a file beside it.  A test that checks the RTL
# against the model compiles the model's sources it uses in with it (listed below as
# its prerequisites): the RTL library itself holds no model.
$(RTL_TEST_BINS): $(RTL_TEST_DIR)/%: tests/rtl/%.c $(RTL_LIB) mk/tests.mk | deps-c
	@mkdir -p $(@D)
	$(call say,cc $< ($(CONFIG) $(TLB_SETS)x$(TLB_WAYS)))
	$(AT)$(CC) $(CPPFLAGS) -I rtl/sim $(CFLAGS) $(DEPFLAGS) -MF $@.d -MT $@ -O2 -o $@ $< \
		$(filter model/%.c,$^) $(RTL_LIB) $(RTL_LDLIBS)
# tests/rtl/rtl_rude.c: the model's TLB and walk are its reference (tests/rtl/rude_ref.h).
$(RTL_TEST_DIR)/rtl_rude: model/preset.c model/tlb.c model/walk.c model/pwc.c
-include $(wildcard build/tests/*/*.d)

# The directed test on the default build, a 1x2 TLB (the FIFO/LRU victim case is
# sharpest there) and a 3-level 64-bit-PTE build.
RTL_SMOKE_CONFIGS := osc-1x16 osc-1x2 sv39-4x4
.PHONY: rtl-smoke
rtl-smoke:
	@$(foreach c,$(RTL_SMOKE_CONFIGS),$(MAKE) --no-print-directory \
		CONFIG=$(word 1,$(subst -, ,$(c))) \
		TLB_SETS=$(word 1,$(subst x, ,$(word 2,$(subst -, ,$(c))))) \
		TLB_WAYS=$(word 2,$(subst x, ,$(word 2,$(subst -, ,$(c))))) build/tests/$(c)/rtl_smoke &&) :
	@$(foreach c,$(RTL_SMOKE_CONFIGS),echo '==== rtl: smoke $(c)' && build/tests/$(c)/rtl_smoke &&) :

# ---- a program to trace: it maps, writes and unmaps memory (tests/cli/t_trace_real.sh) --
build/tests/mapchurn: tests/cli/mapchurn.c mk/tests.mk | deps-c
	@mkdir -p $(@D)
	$(call say,cc $<)
	$(AT)$(CC) $(CFLAGS) -O2 -o $@ $<
# Static (no preload, so no map): not every machine has a static libc; the test says so.
build/tests/mapchurn-static: tests/cli/mapchurn.c mk/tests.mk | deps-c
	@mkdir -p $(@D)
	$(call say,cc $< (static))
	$(AT)$(CC) $(CFLAGS) -O2 -static -o $@ $<

.PHONY: test-programs
test-programs: $(TEST_UNIT_BINS) $(TEST_UNIT_BINS:%=%-asan) $(RTL_TEST_BINS) build/tests/mapchurn \
	fuzz-standalone
