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

.PHONY: bench
bench: build/vmref $(VMSIM) $(TRACEGEN) build/traceread default-inputs
	@bash tools/deps.sh time sweep zip trace
	@bash tools/bench.sh --vmref build/vmref --vmsim $(VMSIM) --tracegen $(TRACEGEN) \
		--traceread build/traceread --dir $(BENCH_DIR) $(if $(WRITE),--write docs/bench.md)
