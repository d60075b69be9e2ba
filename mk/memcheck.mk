# SPDX-License-Identifier: MIT
# mk/memcheck.mk -- `make memcheck`: build/vmref and build/vmsim under valgrind's
# memcheck on short runs (the default trace; a multi-process extended trace with
# writes and maps files; a lackey trace; a waveform dump; bad input).  Every run must
# end with zero errors and zero leaked bytes of any kind -- definitely, indirectly,
# possibly lost and still reachable alike -- and with the exit status the run itself
# should have.  Logs in build/memcheck/.  Included by the top Makefile.
#
#   make memcheck [MEMCHECK_BINS="build/vmref"]   (vmsim needs Verilator)

MEMCHECK_BINS ?= build/vmref build/vmsim

.PHONY: memcheck
memcheck:
	@bash tools/deps.sh c trace $(if $(findstring vmsim,$(MEMCHECK_BINS)),sim)
	@$(MAKE) -s $(MEMCHECK_BINS) default-inputs tracegen
	@bash tools/memcheck.sh $(MEMCHECK_BINS)
