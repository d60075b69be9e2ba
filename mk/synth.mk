# mk/synth.mk -- `make synth`: Yosys synth_ice40 of rtl/ (top mmu, not sim_top) for
# the default configuration (osc, 1x16) and a larger one (sv39, 4x4), a latch
# check, and nextpnr-ice40 Fmax on an iCE40-HX8K (ct256). Prints a table.
#
# Included from the top Makefile after mk/rtl.mk, whose preset table
# (RTL_PRESET_<name>) it reuses. Results: build/synth/<cfg>/result.txt and logs.

SYNTH_DIR := build/synth
# name  preset  sets ways
SYNTH_CONFIGS := osc:1:16 sv39:4:4

.PHONY: synth

synth:
	@echo "==== synth: yosys synth_ice40 + nextpnr-ice40 --hx8k (ct256)"
	@for c in $(SYNTH_CONFIGS); do \
	  p=$${c%%:*}; r=$${c#*:}; s=$${r%%:*}; w=$${r#*:}; \
	  case $$p in \
	    osc)  pre="$(RTL_PRESET_osc)";; \
	    sv32) pre="$(RTL_PRESET_sv32)";; \
	    sv39) pre="$(RTL_PRESET_sv39)";; \
	    sv48) pre="$(RTL_PRESET_sv48)";; \
	  esac; \
	  echo "==== synth: $$p $${s}x$${w}"; \
	  sh synth/ice40.sh $$p-$${s}x$${w} $$pre $$s $$w $(SYNTH_DIR)/$$p-$${s}x$${w} \
	    >/dev/null || { echo "synth: $$p $${s}x$${w} failed (latch or Yosys error):" \
	      "see $(SYNTH_DIR)/$$p-$${s}x$${w}/mmu.log" >&2; exit 1; }; \
	done
	@echo "==== synth: results (no latches in any configuration)"
	@printf '%-12s %7s %7s %7s %6s %10s\n' config LUT4 FF CARRY BRAM 'Fmax MHz'
	@for c in $(SYNTH_CONFIGS); do \
	  p=$${c%%:*}; r=$${c#*:}; s=$${r%%:*}; w=$${r#*:}; \
	  read n l f ca b fm < $(SYNTH_DIR)/$$p-$${s}x$${w}/result.txt; \
	  printf '%-12s %7s %7s %7s %6s %10s\n' $$n $$l $$f $$ca $$b $$fm; \
	done
