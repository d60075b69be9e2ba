# SPDX-License-Identifier: MIT
# mk/sweep.mk -- make sweep: configurations x traces, run in parallel, one CSV row per
# run (tools/sweep.sh; docs/sweep.md).  Included by the top Makefile, which defines
# CONFIG, TLB_SETS, TLB_WAYS, TRACE, DEFAULT_TRACE.
#
#   make sweep [TRACE=...] [SWEEP_TRACES="a b"] [MAPS="PID=FILE..."] [SWEEP_SIM=vmsim]
#              [SWEEP_J=N] [SSHLOGIN=":,host2"] [PROGRESS=1|0]
#
# Writes build/sweep/jobs.txt (one configuration a line) and build/sweep/sweep.csv,
# then prints the summary tables (tools/sweep.sh summary).  MAPS goes to every run
# of SWEEP_TRACES (not Belady's string) as --maps.  Progress on stderr when it is a
# terminal or PROGRESS=1.
# Four grids, each over every trace of SWEEP_TRACES (default: TRACE, else the
# project's default trace):
#   policies   SWEEP_POLICIES x SWEEP_FRAMES, TLB $(TLB_SETS)x$(TLB_WAYS)  (plot a)
#   anomaly    the same policies on Belady's string, frames 1..7              (plot a)
#   tlb        SWEEP_ENTRIES x SWEEP_ASSOC, an lru TLB, every page resident  (plot b)
#   tlbpol     SWEEP_ENTRIES x SWEEP_POLICY_ASSOC x SWEEP_TLB_POLICIES (all: every
#              TLB policy vmref lists), every page resident                 (plot e)
# A configuration two grids share (the lru rows of tlb and tlbpol) runs once.

SWEEP_DIR := build/sweep
SWEEP_TRACES ?= $(if $(TRACE),$(TRACE),$(DEFAULT_TRACE))
SWEEP_SIM ?= vmref
SWEEP_POLICIES ?= fifo lru lru-walk clock opt
SWEEP_FRAMES ?= auto
SWEEP_ENTRIES ?= 1 2 4 8 16 32 64 128 256
SWEEP_ASSOC ?= 1 2 4 8 fa
# Plot (e): fully associative (an L1 TLB: CVA6's, Rocket's) and 4-way (a larger TLB's
# sets), every TLB policy; "all" is vmref --list tlb-policy, the one list.
SWEEP_POLICY_ASSOC ?= fa 4
SWEEP_TLB_POLICIES ?= all
SWEEP_LATENCY ?= 1
SWEEP_J ?= $(shell nproc 2>/dev/null || echo 1)
SSHLOGIN ?=
# Belady's string, in pages; as addresses: page x the preset's page size.
ANOMALY_PAGES := 1 2 3 4 1 2 5 1 2 3 4 5
ANOMALY_TRACE := $(SWEEP_DIR)/anomaly-$(CONFIG).txt
SWEEP_PAGE_BYTES = $(if $(filter osc,$(CONFIG)),256,4096)

$(ANOMALY_TRACE): mk/sweep.mk
	@mkdir -p $(@D)
	@printf '# Belady'"'"'s anomaly string %s, page x %s\n' "$(ANOMALY_PAGES)" $(SWEEP_PAGE_BYTES) >$@.tmp
	@for p in $(ANOMALY_PAGES); do echo $$((p * $(SWEEP_PAGE_BYTES))); done >>$@.tmp
	@mv $@.tmp $@

SWEEP_GRID = bash tools/sweep.sh grid --sim $(SWEEP_SIM) --config $(CONFIG) --latency "$(SWEEP_LATENCY)"
SWEEP_MAPS = $(if $(strip $(MAPS)),--maps "$(strip $(MAPS))")

.PHONY: sweep
# Always re-run: the grid depends on TRACE and the variables above, and a sweep
# of the default trace takes about a second.
sweep: build/vmref default-inputs $(ANOMALY_TRACE)
	@bash tools/deps.sh sweep python
	@mkdir -p $(SWEEP_DIR)
	@{ $(SWEEP_GRID) --traces "$(SWEEP_TRACES)" --policies "$(SWEEP_POLICIES)" \
		--frames "$(SWEEP_FRAMES)" --tlb $(TLB_SETS)x$(TLB_WAYS) $(SWEEP_MAPS) && \
	   $(SWEEP_GRID) --traces $(ANOMALY_TRACE) --policies "$(SWEEP_POLICIES)" \
		--frames "1 2 3 4 5 6 7" --tlb $(TLB_SETS)x$(TLB_WAYS) && \
	   $(SWEEP_GRID) --traces "$(SWEEP_TRACES)" --policies fifo --tlb-policy lru \
		--frames pages --entries "$(SWEEP_ENTRIES)" --assoc "$(SWEEP_ASSOC)" $(SWEEP_MAPS) && \
	   $(if $(strip $(SWEEP_POLICY_ASSOC)),$(SWEEP_GRID) --traces "$(SWEEP_TRACES)" --policies fifo \
		--tlb-policy "$(SWEEP_TLB_POLICIES)" --frames pages --entries "$(SWEEP_ENTRIES)" \
		--assoc "$(SWEEP_POLICY_ASSOC)" $(SWEEP_MAPS),true); \
	 } | awk '!seen[$$0]++' >$(SWEEP_DIR)/jobs.txt
	@echo "sweep: $$(wc -l <$(SWEEP_DIR)/jobs.txt) configurations ($(SWEEP_TRACES) $(ANOMALY_TRACE)), $(SWEEP_J) jobs at a time$(if $(SSHLOGIN), on $(SSHLOGIN))" >&2
	@bash tools/sweep.sh run -j $(SWEEP_J) $(if $(SSHLOGIN),--sshlogin "$(SSHLOGIN)") \
		-o $(SWEEP_DIR)/sweep.csv $(SWEEP_DIR)/jobs.txt
	@bash tools/sweep.sh summary $(SWEEP_DIR)/sweep.csv

# make sweep-miss: the miss-cost grid of plot (f) (docs/miss-cost.md): each trace of
# SWEEP_TRACES under each preset of MISS_CONFIGS, a TLB_SETS x TLB_WAYS L1 TLB
# (MISS_TLB_POLICY), memory latency MISS_LATENCY, "roomy" frames (nothing is ever
# evicted, with or without --thp), -p fifo, and every combination of the remedies:
#   MISS_PWC  page-walk-cache entries (0: none)           vmref --pwc-entries
#   MISS_THP  off, on (with MAPS: anonymous regions only, Linux's rule), all (the
#             run without MAPS: every range)               vmref --thp
#   MISS_L2   second-level TLB SETSxWAYS (0x0: none; empty: the axis absent)
#                                                          vmref --l2-sets --l2-ways
# Their one list is tools/sweep.sh variants' output: grid's --options.  Without MAPS,
# thp on and all are the same run, made once.
# Writes build/sweep/miss-jobs.txt and build/sweep/miss.csv, prints the summary.
MISS_CONFIGS ?= sv39 sv48
MISS_PWC ?= 0 2 4 8 16 32 64
MISS_THP ?= off on all
MISS_L2 ?= 0x0 16x4 64x4 256x4 1024x4
MISS_TLB_POLICY ?= plru
MISS_LATENCY ?= 10

.PHONY: sweep-miss
sweep-miss: build/vmref default-inputs
	@bash tools/deps.sh sweep python zstd
	@mkdir -p $(SWEEP_DIR)
	@v=$$(bash tools/sweep.sh variants --pwc "$(MISS_PWC)" --thp "$(MISS_THP)" --l2 "$(MISS_L2)") && \
	 for c in $(MISS_CONFIGS); do \
		bash tools/sweep.sh grid --sim vmref --config $$c --traces "$(SWEEP_TRACES)" --policies fifo \
			--tlb-policy $(MISS_TLB_POLICY) --frames roomy --tlb $(TLB_SETS)x$(TLB_WAYS) \
			--latency "$(MISS_LATENCY)" $(SWEEP_MAPS) --options "$$v" || exit 1; \
	 done | awk '!seen[$$0]++' >$(SWEEP_DIR)/miss-jobs.txt
	@echo "sweep-miss: $$(wc -l <$(SWEEP_DIR)/miss-jobs.txt) configurations ($(SWEEP_TRACES); $(MISS_CONFIGS)), $(SWEEP_J) jobs at a time$(if $(SSHLOGIN), on $(SSHLOGIN))" >&2
	@bash tools/sweep.sh run -j $(SWEEP_J) $(if $(SSHLOGIN),--sshlogin "$(SSHLOGIN)") \
		-o $(SWEEP_DIR)/miss.csv $(SWEEP_DIR)/miss-jobs.txt
	@bash tools/sweep.sh summary $(SWEEP_DIR)/miss.csv
