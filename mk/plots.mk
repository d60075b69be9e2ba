# SPDX-License-Identifier: MIT
# mk/plots.mk -- make plots: the six PNGs of docs/plots.md, drawn by gnuplot from
# make sweep's and make sweep-miss's CSVs, the trace itself, and vmsim's miss list.
# Included by the top Makefile (CONFIG, TLB_SETS, TLB_WAYS, CFG, VMSIM, TRACE, MAPS,
# DEFAULT_TRACE, DEFAULT_BACKING), before mk/sweep.mk, whose sweep and sweep-miss targets it runs.
#
#   make plots [TRACE=...] [MAPS=PID=FILE] [WALK_TRACE=...] [WALK_FRAMES=N]
#              [WALK_LATENCIES="1 4 10"] [PLOTS_NAME=...] [PLOTS_DIR=build/plots] [PROGRESS=1]
#              [PLOTS_SMALL=yes]   (palette PNGs, a fifth of the bytes: docs/img's copies)
#              [MISS_CONFIGS="sv39 sv48"] [MISS_PWC=...] [MISS_THP=...] [MISS_L2=...]
#                                  plot (f), the miss cost (make sweep-miss; MISS_CONFIGS=
#                                  skips it; docs/miss-cost.md)
#
# Every file is named after the trace and the configuration, PLOTS_DIR/PLOTS_NAME-*:
# build/plots/ls-sv48-1x16-faults.png for TRACE=build/traces/ls.lackey CONFIG=sv48,
# so the plots of one trace never overwrite another's.  Plot (f) spans presets:
# PLOTS_DIR/MISS_NAME-misscost.png, MISS_NAME the trace's name and the TLB
# (build/plots/ls-1x16-misscost.png).

PLOTS_DIR ?= build/plots
# The trace of plots (a)-(c): the sweep's first.  (mk/sweep.mk is read after this
# file, so its SWEEP_TRACES default is repeated here for the prerequisites.)
PLOTS_TRACES = $(or $(SWEEP_TRACES),$(TRACE),$(DEFAULT_TRACE))
PLOT_TRACE = $(firstword $(PLOTS_TRACES))
# The trace's name: its file name without .gz/.xz/.zst and without its extension;
# "default" for the project's own trace (as make sim names its waves), which is
# called addresses.txt like the textbook's.
PLOT_STEM = $(if $(filter $(DEFAULT_TRACE),$(PLOT_TRACE)),default,$(basename $(patsubst %.zst,%,$(patsubst %.xz,%,$(patsubst %.gz,%,$(notdir $(PLOT_TRACE)))))))
PLOTS_NAME ?= $(PLOT_STEM)-$(CFG)
PLOTS_PREFIX = $(PLOTS_DIR)/$(PLOTS_NAME)

# Plot (d) wants misses of every kind (plain walks, A/D write-backs, page faults),
# so a trace whose working set is larger than the TLB and than WALK_FRAMES frames.
# The 1000-access default trace has too few misses for a histogram: without TRACE,
# (d) uses this generated one (48-page working set, 30 % writes) with 36 frames.
WALK_DEFAULT_TRACE := $(PLOTS_DIR)/walks-trace.txt
WALK_TRACE ?= $(if $(TRACE),$(TRACE),$(WALK_DEFAULT_TRACE))
WALK_FRAMES ?= $(if $(TRACE),auto,36)
WALK_LATENCIES ?= 1 4 10
PLOTS_SMALL ?= no

$(WALK_DEFAULT_TRACE): $(TRACEGEN) mk/plots.mk
	@mkdir -p $(@D)
	$(TRACEGEN) --mode locality --ws 48 --drift 0.005 --count 20000 --writes 0.3 --seed 7 -o $@

# The sweep is run again only when its CSV would change: PLOTS_DIR/NAME-sweep.csv is
# the sweep's CSV for these arguments, kept; it is made again when a trace, a maps
# file, vmref or the sweep's scripts are newer, or when the arguments differ from
# those in NAME-sweep.args (every SWEEP_* variable but the job count, the preset, the
# TLB and MAPS), which is rewritten only when they change.
PLOTS_CSV = $(PLOTS_PREFIX)-sweep.csv
PLOTS_ARGS = $(PLOTS_PREFIX)-sweep.args
PLOTS_SWEEP_VARS = $(sort $(filter-out SWEEP_J SWEEP_DIR,$(filter SWEEP_%,$(.VARIABLES))))
PLOTS_SWEEP_STATE = $(foreach v,$(PLOTS_SWEEP_VARS) CONFIG TLB_SETS TLB_WAYS MAPS,$(v)=$($(v));)
PLOTS_MAPS_FILES = $(foreach m,$(MAPS),$(lastword $(subst =, ,$(m))))

# Plot (f)'s sweep (make sweep-miss, mk/sweep.mk), kept the same way: MISS_NAME-miss.csv,
# made again when an input is newer or the MISS_* arguments changed (MISS_NAME-miss.args).
# (MISS_CONFIGS's default is mk/sweep.mk's, repeated for the prerequisites.)
MISS_CONFIGS ?= sv39 sv48
MISS_NAME ?= $(PLOT_STEM)-$(TLB_SETS)x$(TLB_WAYS)
MISS_CSV = $(PLOTS_DIR)/$(MISS_NAME)-miss.csv
MISS_ARGS = $(PLOTS_DIR)/$(MISS_NAME)-miss.args
MISS_STATE = $(foreach v,$(sort $(filter-out MISS_STATE MISS_CSV MISS_ARGS MISS_NAME,$(filter MISS_%,$(.VARIABLES)))) SWEEP_TRACES TLB_SETS TLB_WAYS MAPS,$(v)=$($(v));)

.PHONY: plots plots-miss plots-force
plots-force:
# ($(file) writes when the recipe is expanded, before its first line runs: so the
# directory is made by $(shell) just before.)
$(PLOTS_ARGS): plots-force
	$(shell mkdir -p $(@D))$(file >$@.new,$(PLOTS_SWEEP_STATE))
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi
$(PLOTS_CSV): $(PLOTS_ARGS) $(PLOTS_TRACES) $(PLOTS_MAPS_FILES) build/vmref tools/sweep.sh mk/sweep.mk
	@echo "plots: running make sweep (no CSV for these arguments, or an input is newer)" >&2
	@$(MAKE) --no-print-directory sweep
	@cp $(SWEEP_DIR)/sweep.csv $@.tmp && mv $@.tmp $@

$(MISS_ARGS): plots-force
	$(shell mkdir -p $(@D))$(file >$@.new,$(MISS_STATE))
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi
$(MISS_CSV): $(MISS_ARGS) $(PLOTS_TRACES) $(PLOTS_MAPS_FILES) build/vmref tools/sweep.sh mk/sweep.mk
	@echo "plots: running make sweep-miss (no CSV for these arguments, or an input is newer)" >&2
	@$(MAKE) --no-print-directory sweep-miss
	@cp $(SWEEP_DIR)/miss.csv $@.tmp && mv $@.tmp $@

plots: $(PLOTS_CSV) $(if $(strip $(MISS_CONFIGS)),$(MISS_CSV)) $(if $(strip $(WALK_LATENCIES)),$(VMSIM)) \
		$(if $(filter $(WALK_DEFAULT_TRACE),$(WALK_TRACE)),$(WALK_DEFAULT_TRACE))
	@bash tools/deps.sh plots python
	@echo "plots: the sweep of $(PLOT_TRACE) for these arguments: $(PLOTS_CSV)" >&2
	@bash tools/plots.sh --csv $(PLOTS_CSV) --trace $(PLOT_TRACE) --name $(PLOTS_NAME) \
		--anomaly $(ANOMALY_TRACE) --config $(CONFIG) --tlb $(TLB_SETS)x$(TLB_WAYS) \
		--vmsim $(VMSIM) --walk-trace $(WALK_TRACE) --walk-frames $(WALK_FRAMES) \
		--latencies "$(WALK_LATENCIES)" --backing $(DEFAULT_BACKING) --small $(PLOTS_SMALL) \
		$(if $(strip $(MISS_CONFIGS)),--miss-csv $(MISS_CSV) --miss-name $(MISS_NAME)) \
		$(foreach m,$(MAPS),--maps $(m)) -o $(PLOTS_DIR)
	@ls $(PLOTS_PREFIX)-*.png $(if $(strip $(MISS_CONFIGS)),$(PLOTS_DIR)/$(MISS_NAME)-misscost.png)

# make plots-miss: plot (f) alone, for a trace whose full sweep (plots a, b, e: hundreds
# of runs) would take hours: a real program's (docs/miss-cost.md).
plots-miss: $(MISS_CSV)
	@bash tools/deps.sh plots python
	@bash tools/plots.sh --only misscost --trace $(PLOT_TRACE) --config $(CONFIG) \
		--tlb $(TLB_SETS)x$(TLB_WAYS) --small $(PLOTS_SMALL) --miss-csv $(MISS_CSV) \
		--miss-name $(MISS_NAME) -o $(PLOTS_DIR)
	@ls $(PLOTS_DIR)/$(MISS_NAME)-misscost.png
