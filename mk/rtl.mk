# SPDX-License-Identifier: MIT
# mk/rtl.mk -- builds the Verilated MMU of one configuration as a C-linkable archive.
#
# Included from the top Makefile. Inputs (make variables):
#   CONFIG    preset: osc | sv32 | sv39 | sv48        (default osc)
#   TLB_SETS  TLB sets, a power of two, 1..1024      (default 1)
#   TLB_WAYS  TLB ways, 1..64                        (default 16)
#   ITLB_SETS, ITLB_WAYS  an instruction TLB: ITLB_WAYS 0 (default) has none, the
#             TLB above serving fetches too; else the ITLB takes fetches and the
#             TLB above, then the DTLB, loads and stores (ITLB_SETS default 1)
# Outputs:
#   RTL_DIR     build/$(CFG): CONFIG-SETSxWAYS, then -iSETSxWAYS with an ITLB (Makefile)
#   RTL_LIB     $(RTL_DIR)/librtl.a: Verilated model + Verilator runtime (with FST)
#               + rtl/sim/rtl_capi.o
#   RTL_LDLIBS  what a C program linking RTL_LIB needs after it:
#                 gcc prog.o $(RTL_LIB) $(RTL_LDLIBS)
#               = -lstdc++ -lz -lpthread -lm  (C++ runtime, FST's zlib, the
#               runtime's threads, libm for verilated.o)
#   RTL_CAPI_H  the C header of the API (rtl/sim/rtl_capi.h)
# Targets:
#   rtl-lib     build $(RTL_LIB)
#   rtl-lint    verilator --lint-only -Wall, with sim_top and with mmu as top
# The RTL's own tests (tests/rtl/*.c over the C API) link RTL_LIB: mk/tests.mk.
#
# Everything lands under $(RTL_DIR), so configurations coexist and each is built
# once; the archive is rebuilt when any rtl/*.sv, rtl/*.svh, the shim or this file
# changes.

CONFIG   ?= osc
TLB_SETS ?= 1
TLB_WAYS ?= 16
ITLB_SETS ?= 1
ITLB_WAYS ?= 0
PWC_ENTRIES ?= 0
L2_SETS ?= 1
L2_WAYS ?= 0

# ---- presets: model/presets.def, the one table ------------------------------
# Each row PRESET(name, VA, page, levels, bits/level, PTE bytes, PPN, PA, trace bits,
# ASID bits, satp MODE) becomes the word name:VA:page:levels:bits:pte:ppn:pa:trace:asid:mode.
RTL_PRESET_DEF  := model/presets.def
rtl_lp := (
rtl_rp := )
RTL_PRESET_ROWS := $(shell sed -n 's/^PRESET$(rtl_lp)\([^$(rtl_rp)]*\)$(rtl_rp).*/\1/p' $(RTL_PRESET_DEF) | tr -d ' ' | tr ',' ':')
RTL_PRESETS := $(foreach r,$(RTL_PRESET_ROWS),$(firstword $(subst :, ,$(r))))
# An unknown CONFIG (or a bad geometry) is refused by mk/knobs.sh, one line, before
# Verilator runs; other targets (make help, make clean) do not care.
RTL_PRESET := $(subst :, ,$(filter $(CONFIG):%,$(RTL_PRESET_ROWS)))
RTL_VA_BITS    := $(word 2,$(RTL_PRESET))
RTL_PAGE_BITS  := $(word 3,$(RTL_PRESET))
RTL_LEVELS     := $(word 4,$(RTL_PRESET))
RTL_LEVEL_BITS := $(word 5,$(RTL_PRESET))
RTL_PTE_BYTES  := $(word 6,$(RTL_PRESET))
RTL_PA_BITS    := $(word 8,$(RTL_PRESET))
RTL_ASID_BITS  := $(word 10,$(RTL_PRESET))
RTL_SATP_MODE  := $(word 11,$(RTL_PRESET))

# CFG: the configuration's name, from the top Makefile (one source for it).
RTL_DIR    := build/$(CFG)
RTL_OBJDIR := $(RTL_DIR)/verilated
RTL_LIB    := $(RTL_DIR)/librtl.a
RTL_LDLIBS := -lstdc++ -lz -lpthread -lm
RTL_CAPI_H := rtl/sim/rtl_capi.h

# ---- sources: one list ------------------------------------------------------
# The include comes first only for readability; rtl/*.sv order does not matter
# (no packages, see rtl/mmu_defs.svh).
RTL_INCS := rtl/mmu_widths.svh rtl/mmu_defs.svh
RTL_SRCS := rtl/tlb.sv rtl/pwc.sv rtl/ptw.sv rtl/mmu.sv rtl/sim/sim_top.sv
RTL_SHIM := rtl/sim/rtl_capi.cpp

VERILATOR ?= verilator

# ---- Verilator flags, one per line ------------------------------------------
# Generate C++ (no SystemC, no executable: the harness has main()).
RTL_VFLAGS := --cc
# FST waveform support compiled in; dumping is opt-in at run time.
RTL_VFLAGS += --trace-fst
# Keep the RTL's immediate and concurrent assertions.
RTL_VFLAGS += --assert
# Verilator's full optimisation.
RTL_VFLAGS += -O3
# X assignments and initial values: whatever is fastest (reset defines the state).
RTL_VFLAGS += --x-assign fast
RTL_VFLAGS += --x-initial fast
# Every lint warning; the RTL is kept clean, so any warning stops the build.
RTL_VFLAGS += -Wall
# The Verilated top (not the synthesis top mmu).
RTL_VFLAGS += --top-module sim_top
# The preset and the TLB geometry, as parameters of sim_top.
RTL_VFLAGS += -GVA_BITS=$(RTL_VA_BITS)
RTL_VFLAGS += -GPAGE_BITS=$(RTL_PAGE_BITS)
RTL_VFLAGS += -GLEVELS=$(RTL_LEVELS)
RTL_VFLAGS += -GLEVEL_BITS=$(RTL_LEVEL_BITS)
RTL_VFLAGS += -GPTE_BYTES=$(RTL_PTE_BYTES)
RTL_VFLAGS += -GPA_BITS=$(RTL_PA_BITS)
RTL_VFLAGS += -GASID_BITS=$(RTL_ASID_BITS)
RTL_VFLAGS += -GSATP_MODE=$(RTL_SATP_MODE)
RTL_VFLAGS += -GSETS=$(TLB_SETS)
RTL_VFLAGS += -GWAYS=$(TLB_WAYS)
RTL_VFLAGS += -GITLB_SETS=$(ITLB_SETS)
RTL_VFLAGS += -GITLB_WAYS=$(ITLB_WAYS)
RTL_VFLAGS += -GPWC_ENTRIES=$(PWC_ENTRIES)
RTL_VFLAGS += -GL2_SETS=$(L2_SETS) -GL2_WAYS=$(L2_WAYS)
# The same geometry for the shim, so rtl_geometry_get() reports this build.
RTL_VFLAGS += -CFLAGS "-DRTL_VA_BITS=$(RTL_VA_BITS) -DRTL_PAGE_BITS=$(RTL_PAGE_BITS)"
RTL_VFLAGS += -CFLAGS "-DRTL_LEVELS=$(RTL_LEVELS) -DRTL_LEVEL_BITS=$(RTL_LEVEL_BITS)"
RTL_VFLAGS += -CFLAGS "-DRTL_PTE_BYTES=$(RTL_PTE_BYTES) -DRTL_PA_BITS=$(RTL_PA_BITS)"
RTL_VFLAGS += -CFLAGS "-DRTL_ASID_BITS=$(RTL_ASID_BITS) -DRTL_SATP_MODE=$(RTL_SATP_MODE)"
RTL_VFLAGS += -CFLAGS "-DRTL_SETS=$(TLB_SETS) -DRTL_WAYS=$(TLB_WAYS)"
RTL_VFLAGS += -CFLAGS "-DRTL_ITLB_SETS=$(ITLB_SETS) -DRTL_ITLB_WAYS=$(ITLB_WAYS)"
RTL_VFLAGS += -CFLAGS "-DRTL_PWC_ENTRIES=$(PWC_ENTRIES)"
RTL_VFLAGS += -CFLAGS "-DRTL_L2_SETS=$(L2_SETS) -DRTL_L2_WAYS=$(L2_WAYS)"
# The shim's header sits beside it.
RTL_VFLAGS += -CFLAGS -I$(CURDIR)/rtl/sim
# Objects and generated sources of this configuration only.
RTL_VFLAGS += --Mdir $(RTL_OBJDIR)
# A variant build in its own RTL_DIR adds flags and runtime objects here (make coverage:
# mk/coverage.mk); both are empty for every other build.
RTL_VFLAGS += $(RTL_EXTRA_VFLAGS)

# C++ optimisation of the generated model and of the runtime (Verilator's
# defaults are -Os); the model is the inner loop of every co-simulation.
# VM_PARALLEL_BUILDS=0: the model in one translation unit even when Verilator splits
# its files (an L2 TLB's does), so eval() is inlined as in a small one (-7 % with one).
RTL_OPT := OPT_FAST=-O3 OPT_SLOW=-O1 OPT_GLOBAL=-O3 VM_PARALLEL_BUILDS=0

# What goes into the archive: the model (Verilator's own archive of it: one
# object for a small design, one per generated file for a large one), the runtime
# it uses (core, FST writer, the thread pool the context refers to) and the shim.
RTL_MODEL_A := Vsim_top__ALL.a
RTL_OBJS    := verilated.o verilated_fst_c.o verilated_threads.o rtl_capi.o $(RTL_EXTRA_OBJS)

.PHONY: rtl-lib rtl-lint

rtl-lib: $(RTL_LIB)

# The build says one line a stage (on stderr), even under make -s (make test's): the
# stages take seconds each, so the lines are its progress.  V=1 shows the commands.
rtl_say = @$(if $(filter 1,$(V)),:,echo '==== rtl: $(1)' >&2)
RTL_AT := $(if $(filter 1,$(V)),,@)
# Verilator's makefile echoes each g++ command and an "Archive ..." line on stdout;
# its errors go to stderr, which is kept.
RTL_SUBMAKE_QUIET := $(if $(filter 1,$(V)),,-s >/dev/null)

# ---- stage 1: Verilate ------------------------------------------------------
# Verilator writes Vsim_top.mk (this stage's target) and more before it stops on a
# lint warning or an elaboration $$error, so the target is removed first and again on
# failure: a rejected RTL is never taken as Verilated.  The configuration is checked
# first (one line, not Verilator's errors about a zero-width TLB).
$(RTL_OBJDIR)/Vsim_top.mk: $(wildcard rtl/*.sv rtl/*.svh rtl/sim/*.sv) $(RTL_SRCS) $(RTL_INCS) mk/rtl.mk $(RTL_PRESET_DEF) | deps-sim
	@bash mk/knobs.sh rtl PRESETS='$(RTL_PRESETS)' CONFIG='$(CONFIG)' TLB_SETS='$(TLB_SETS)' TLB_WAYS='$(TLB_WAYS)' ITLB_SETS='$(ITLB_SETS)' ITLB_WAYS='$(ITLB_WAYS)' PWC_ENTRIES='$(PWC_ENTRIES)' L2_SETS='$(L2_SETS)' L2_WAYS='$(L2_WAYS)'
	$(call rtl_say,verilate $(CFG) -> $(RTL_OBJDIR))
	@mkdir -p $(RTL_OBJDIR)
	@rm -f $@
	$(RTL_AT)$(VERILATOR) $(RTL_VFLAGS) $(RTL_SRCS) $(abspath $(RTL_SHIM)) || { rm -f $@; exit 1; }

# ---- stage 2: compile and archive ------------------------------------------------
# Verilator's own makefile compiles (it knows the runtime's flags); the shim is
# recompiled whenever this rule runs, so a header change reaches it.  The archive is
# made beside its name and renamed, so an interrupted build leaves none.
$(RTL_LIB): $(RTL_OBJDIR)/Vsim_top.mk $(RTL_SHIM) $(RTL_CAPI_H)
	$(call rtl_say,compile $(CFG))
	@rm -f $(RTL_OBJDIR)/rtl_capi.o $(RTL_OBJDIR)/rtl_capi.d
	$(RTL_AT)$(MAKE) --no-print-directory -C $(RTL_OBJDIR) -f Vsim_top.mk $(RTL_OPT) \
	  $(RTL_MODEL_A) $(RTL_OBJS) $(RTL_SUBMAKE_QUIET)
	$(call rtl_say,archive $@)
	@rm -f $@ $@.tmp
	$(RTL_AT)cp $(RTL_OBJDIR)/$(RTL_MODEL_A) $@.tmp
	$(RTL_AT)ar rs $@.tmp $(addprefix $(RTL_OBJDIR)/,$(RTL_OBJS))
	@mv $@.tmp $@

# ---- lint ------------------------------------------------------------------------
rtl-lint: | deps-sim
	$(call rtl_say,lint (top sim_top, then top mmu, one TLB and split))
	$(RTL_AT)$(VERILATOR) --lint-only -Wall --top-module sim_top $(RTL_SRCS)
	$(RTL_AT)$(VERILATOR) --lint-only -Wall --top-module mmu $(RTL_SRCS)
	$(RTL_AT)$(VERILATOR) --lint-only -Wall --top-module mmu -GITLB_SETS=2 -GITLB_WAYS=4 $(RTL_SRCS)
	$(RTL_AT)$(VERILATOR) --lint-only -Wall --top-module mmu -GLEVELS=3 -GVA_BITS=39 -GPAGE_BITS=12 -GLEVEL_BITS=9 -GPTE_BYTES=8 -GPA_BITS=56 -GSATP_MODE=8 -GPWC_ENTRIES=8 $(RTL_SRCS)
	$(RTL_AT)$(VERILATOR) --lint-only -Wall --top-module mmu -GLEVELS=3 -GVA_BITS=39 -GPAGE_BITS=12 -GLEVEL_BITS=9 -GPTE_BYTES=8 -GPA_BITS=56 -GSATP_MODE=8 -GSETS=1 -GWAYS=4 -GITLB_WAYS=2 -GL2_SETS=64 -GL2_WAYS=4 $(RTL_SRCS)
	$(RTL_AT)$(VERILATOR) --lint-only -Wall --top-module sim_top -GL2_SETS=2 -GL2_WAYS=2 $(RTL_SRCS)
	@echo "rtl-lint: $(RTL_SRCS): no warnings" >&2
