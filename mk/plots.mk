# mk/plots.mk -- make plots: the four PNGs of docs/plots.md under build/plots/, drawn
# by gnuplot from make sweep's CSV, the trace itself, and vmsim's miss list.
# Included by the top Makefile (CONFIG, TLB_SETS, TLB_WAYS, VMSIM, TRACE,
# DEFAULT_TRACE, DEFAULT_BACKING); needs mk/sweep.mk.
#
#   make plots [TRACE=...] [WALK_TRACE=...] [WALK_FRAMES=N] [WALK_LATENCIES="1 4 10"]

PLOTS_DIR := build/plots
PLOT_TRACE = $(if $(TRACE),$(TRACE),$(DEFAULT_TRACE))
# Plot (d) wants misses of every kind (plain walks, A/D write-backs, page faults),
# so a trace whose working set is larger than the TLB and than WALK_FRAMES frames.
# The 1000-access default trace has too few misses for a histogram: without TRACE,
# (d) uses this generated one (48-page working set, 30 % writes) with 36 frames.
WALK_DEFAULT_TRACE := $(PLOTS_DIR)/walks-trace.txt
WALK_TRACE ?= $(if $(TRACE),$(TRACE),$(WALK_DEFAULT_TRACE))
WALK_FRAMES ?= $(if $(TRACE),auto,36)
WALK_LATENCIES ?= 1 4 10

$(WALK_DEFAULT_TRACE): $(TRACEGEN) mk/plots.mk
	@mkdir -p $(@D)
	$(TRACEGEN) --mode locality --ws 48 --drift 0.005 --count 20000 --writes 0.3 --seed 7 -o $@

.PHONY: plots
plots: sweep $(VMSIM) $(if $(filter $(WALK_DEFAULT_TRACE),$(WALK_TRACE)),$(WALK_DEFAULT_TRACE))
	@bash mk/deps.sh plots
	@bash tools/plots.sh --csv $(SWEEP_DIR)/sweep.csv --trace $(word 1,$(SWEEP_TRACES)) \
		--anomaly $(ANOMALY_TRACE) --config $(CONFIG) --tlb $(TLB_SETS)x$(TLB_WAYS) \
		--vmsim $(VMSIM) --walk-trace $(WALK_TRACE) --walk-frames $(WALK_FRAMES) \
		--latencies "$(WALK_LATENCIES)" --backing $(DEFAULT_BACKING) -o $(PLOTS_DIR)
	@ls $(PLOTS_DIR)/*.png
