# SPDX-License-Identifier: MIT
# mk/synth.mk -- `make synth`: Yosys synth_ice40 of rtl/ (top mmu, not sim_top),
# a latch check, and nextpnr-ice40 Fmax on an iCE40-HX8K (ct256), for each TLB
# configuration of SYNTH_CONFIGS; prints a table (synth/run.sh, docs/synth.md).
#
#   make synth [SYNTH_CONFIGS="osc:1:16 sv39:1:4"] [SYNTH_SEED=1]
#
# A configuration is PRESET:SETS:WAYS or PRESET-SETSxWAYS; they are checked before
# anything is installed.  Results: build/synth/<preset>-<sets>x<ways>/result.txt
# and the logs beside it.

SYNTH_DIR := build/synth
SYNTH_CONFIGS ?= osc:1:16 sv39:1:4
SYNTH_SEED ?= 1

.PHONY: synth

synth:
	@bash synth/run.sh --check $(SYNTH_CONFIGS)
	@bash tools/deps.sh synth
	@SYNTH_SEED=$(SYNTH_SEED) bash synth/run.sh -o $(SYNTH_DIR) $(SYNTH_CONFIGS)
