# SPDX-License-Identifier: MIT
# mk/coverage.mk -- make coverage: the RTL's line, toggle and cover-point coverage of the
# co-simulation tests, an HTML report, and a gate (docs/coverage.md).
#
# Included from the top Makefile after mk/rtl.mk and mk/tests.mk.  Each configuration
# of COV_CONFIGS gets a coverage build of its own under build/cov/<config>/ (the
# archive of mk/rtl.mk, built by a sub-make with RTL_DIR there and Verilator's coverage
# flags), and with it a vmsim and the RTL's C-API tests; the normal builds
# (build/<config>/) are not touched.  tools/coverage.sh runs the tests on them,
# tools/coverage.py counts and checks, genhtml draws.
#
#   COV_CONFIGS   configurations measured (default: the co-simulation tests' own)
#   COV_SUITES    what runs on them: textbook (vmsim on ../shared/osc, osc-1x16 only),
#                 random (tests/cosim/cosim_random.py), rtl (tests/rtl/*.c)
#   COV_CASES     random cases per configuration (default 60, as make test)
#   COV_BASELINE  lines and cover points allowed to stay unreached
#   WRITE=1       write today's unreached ones to COV_BASELINE instead of checking

COV_CONFIGS  ?= $(COSIM_CONFIGS)
COV_SUITES   ?= textbook random rtl
COV_CASES    ?= 60
COV_BASELINE ?= tools/coverage_baseline.txt
COV_DIR      := build/cov

# Line coverage (every block and branch arm), toggle coverage (every signal bit) and
# user coverage (every cover property/cover point the RTL names).
COV_VFLAGS := --coverage-line --coverage-toggle --coverage-user
# What the RTL computes only for its cover points (rtl/vmmu_assert.svh, VMMU_COVERS).
COV_VFLAGS += +define+VMMU_COVERAGE
# Toggle coverage skips a signal wider than this (Verilator's default, 256, leaves out
# the TLB's key and PPN arrays: 16 entries x 52 bits in sv48-1x16, 64 x 24 in osc-1x64).
COV_VFLAGS += --coverage-max-width 4096
# Verilator 5.006's always-block splitting moves a block's coverage counters ahead of
# the statements that compute a function call's result in that block: the walker's
# step 6-8 arms (after allowed(), rtl/ptw.sv) then count as "access fault" on every
# walk and "A/D write" and "fill" never, while the FILL state is reached (seen in the
# generated code: the counters read the result variable before it is assigned).
# Without the splitting the counts add up (A/D writes + direct fills = FILLs).
# Unsplit, a block that both drives the TLB and reads its verdict is a combinational
# loop (UNOPTFLAT), and Verilator 5.006 evaluated such a loop in one order only: a
# superpage hit was answered with the level of the evaluation before (rtl/ptw.sv,
# to_tlb). The warning stays fatal here, so that a new loop fails the coverage build
# instead of its tests.
COV_VFLAGS += -fno-split
# Saves each model's counters (tools/coverage_hook.cpp says how): compiled by
# Verilator's makefile with the model, and put in front of rtl_new/rtl_free at link.
COV_HOOK   := tools/coverage_hook.cpp
COV_WRAP   := -Wl,--wrap=rtl_new,--wrap=rtl_free
COV_RTL_TESTS := $(patsubst tests/rtl/%.c,%,$(wildcard tests/rtl/*.c))


.PHONY: coverage cov-programs

# The archive: mk/rtl.mk's own rules, in a sub-make whose RTL_DIR is under build/cov.
# FORCE: the sub-make decides whether the RTL changed; what links it is redone only
# when the archive is newer.
$(COV_DIR)/%/librtl.a: FORCE | deps-sim
	@$(MAKE) --no-print-directory $(call cfg_vars,$*) RTL_DIR=$(COV_DIR)/$* \
		RTL_EXTRA_VFLAGS='$(COV_VFLAGS) $(abspath $(COV_HOOK))' \
		RTL_EXTRA_OBJS='verilated_cov.o $(basename $(notdir $(COV_HOOK))).o' $@

# In that sub-make: other flags Verilate again (the file holding them is rewritten only
# when they change); a changed hook is recompiled (Verilator's makefile knows the .cpp),
# so the archive is remade.
ifneq ($(filter $(COV_DIR)/%,$(RTL_DIR)),)
$(RTL_DIR)/coverage-flags.txt: FORCE
	@mkdir -p $(@D)
	@[ "$$(cat $@ 2>/dev/null)" = '$(RTL_EXTRA_VFLAGS)' ] || echo '$(RTL_EXTRA_VFLAGS)' >$@
$(RTL_OBJDIR)/Vsim_top.mk: $(RTL_DIR)/coverage-flags.txt
$(RTL_LIB): $(COV_HOOK)
endif

# vmsim over the coverage archive: the same objects as build/<config>/vmsim.
$(COV_DIR)/%/vmsim: $(CORE_OBJS) build/obj/harness/mmu/mmu_rtl.o build/obj/harness/cli/vmsim.o \
		$(COV_DIR)/%/librtl.a
	$(call say,ld $@ (coverage))
	$(AT)$(CXX) $(OPT) $(COV_WRAP) -o $@ $(filter %.o,$^) $(COV_DIR)/$*/librtl.a \
		$(RTL_LDLIBS) $(TRACE_LDLIBS)

# The RTL's C-API tests over the coverage archive, flags as mk/tests.mk's.
define cov_rtl_test
$(COV_DIR)/%/tests/$(1): tests/rtl/$(1).c $(wildcard tests/rtl/*.h) $(RTL_CAPI_H) $(COV_DIR)/%/librtl.a \
		$(if $(filter rtl_rude,$(1)),model/preset.c model/tlb.c model/walk.c model/pwc.c) | deps-c
	@mkdir -p $$(@D)
	$$(call say,cc $$< ($$* coverage))
	$$(AT)$$(CC) $$(CPPFLAGS) -I rtl/sim $$(CFLAGS) -O2 $$(COV_WRAP) -o $$@ $$< $$(filter model/%.c,$$^) $(COV_DIR)/$$*/librtl.a \
		$$(RTL_LDLIBS)
endef
$(foreach t,$(COV_RTL_TESTS),$(eval $(call cov_rtl_test,$(t))))

cov_wants = $(filter $(1),$(COV_SUITES))
COV_PROGRAMS := $(if $(call cov_wants,textbook random),$(COV_CONFIGS:%=$(COV_DIR)/%/vmsim)) \
	$(if $(call cov_wants,rtl),$(foreach c,$(COV_CONFIGS),$(COV_RTL_TESTS:%=$(COV_DIR)/$(c)/tests/%)))
cov-programs: $(COV_PROGRAMS)

##@ make coverage [COV_CONFIGS="osc-1x16 ..."] [COV_SUITES="textbook random rtl"] [COV_CASES=60] [WRITE=1]  RTL line, toggle and cover-point coverage of the co-simulation tests: HTML report, fails below 100 % lines and cover points or the baseline (docs/coverage.md)
coverage:
	@bash tools/deps.sh c sim python coverage
	@$(MAKE) -s --no-print-directory $(if $(call cov_wants,textbook random),build/vmref tracegen default-inputs)
	@# the coverage builds one per core at a time (the line above made what they share)
	@$(MAKE) -s --no-print-directory -j$$(nproc) cov-programs
	@COV_CONFIGS='$(COV_CONFIGS)' COV_SUITES='$(COV_SUITES)' COV_CASES='$(COV_CASES)' \
		COV_BASELINE='$(COV_BASELINE)' COV_DIR='$(COV_DIR)' COV_WRITE='$(WRITE)' bash tools/coverage.sh
