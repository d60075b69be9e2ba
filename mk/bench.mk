# SPDX-License-Identifier: MIT
# mk/bench.mk -- make bench: vmmu's figures in one table, with the machine and the
# command behind each (tools/bench.sh).  make bench WRITE=1 also writes docs/bench.md.
# Included by the top Makefile (VMSIM, TRACEGEN, TRACE_LDLIBS).  A report, never a
# test: it does not fail when a figure misses its goal.

WRITE ?=
BENCH_DIR := build/bench

# The trace reader alone (tools/traceread.c), for the read speed of each format.
TRACEREAD_OBJS := $(addprefix build/obj/harness/trace/,trace.o trace_text.o trace_ext.o \
	trace_lackey.o trace_source.o) $(addprefix build/obj/harness/base/,interrupt.o number.o quote.o)
build/traceread: build/obj/tools/traceread.o $(TRACEREAD_OBJS)
	$(CC) $(CFLAGS) $(OPT) -o $@ $^ $(TRACE_LDLIBS)

# Issue 18's price of the miss-cost structures: a build with them beside the same
# preset and TLB without (names as make sim's CONFIG-SETSxWAYS[-LSxW][-pN]).
BENCH_PLAIN ?= sv39-1x16
BENCH_CACHED ?= sv39-1x16-L16x4-p8
# build_opts NAME: the build's options for its vmsim (make build-opts CFG=NAME prints
# them): the make variables of cfg_vars, all bound at once (one foreach inside the
# other: opt_ITLB_SETS reads ITLB_WAYS too, which one binding at a time would leave at
# its default), then each turned into its opt_ form, in cfg_vars' order.
build_kv = $(subst =, ,$(1))
build_bind = $(if $(1),$(foreach $(word 1,$(call build_kv,$(firstword $(1)))),$(word 2,$(call build_kv,$(firstword $(1)))),$(call build_bind,$(wordlist 2,99,$(1)),$(2))),$(foreach k,$(2),$(opt_$(k))))
build_opts = $(strip $(call build_bind,$(call cfg_vars,$(1)),$(foreach kv,$(call cfg_vars,$(1)),$(word 1,$(call build_kv,$(kv))))))

# Without CFG, the build of CONFIG, TLB_SETS...; tests/lib.sh's cfg_opts and
# tests/cosim/cosim_random.py ask it.
##@ make build-opts [CFG=NAME]  a build's vmsim options from its name (sv39-1x4-L16x4-p4: --config sv39 --tlb-sets 1 ...)
##@ make build-vars [CFG=NAME]  the make variables of a build from its name (CONFIG=sv39 TLB_SETS=1 ...)
.PHONY: build-opts build-vars
build-opts:
	@echo '$(call build_opts,$(CFG))'
build-vars:
	@echo '$(strip $(call cfg_vars,$(CFG)))'

.PHONY: bench
bench: build/vmref $(VMSIM) $(TRACEGEN) build/traceread default-inputs \
		cosim-build-$(BENCH_PLAIN) cosim-build-$(BENCH_CACHED)
	@bash tools/deps.sh time sweep zip trace
	@bash tools/bench.sh --vmref build/vmref --vmsim $(VMSIM) --tracegen $(TRACEGEN) \
		--traceread build/traceread --vmsim-plain "build/$(BENCH_PLAIN)/vmsim $(call build_opts,$(BENCH_PLAIN))" \
		--vmsim-cached "build/$(BENCH_CACHED)/vmsim $(call build_opts,$(BENCH_CACHED))" --dir $(BENCH_DIR) $(if $(WRITE),--write docs/bench.md)

