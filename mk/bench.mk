# mk/bench.mk -- make bench: vmmu's figures in one table, with the machine and the
# command behind each (tools/bench.sh).  make bench WRITE=1 also writes docs/bench.md.
# Included by the top Makefile (VMSIM, TRACEGEN).  A report, never a test: it does
# not fail when a figure misses its goal.

WRITE ?=
BENCH_DIR := build/bench

.PHONY: bench
bench: build/vmref $(VMSIM) $(TRACEGEN) default-inputs
	@bash mk/deps.sh time sweep
	@bash tools/bench.sh --vmref build/vmref --vmsim $(VMSIM) --tracegen $(TRACEGEN) \
		--dir $(BENCH_DIR) $(if $(WRITE),--write docs/bench.md)
