# SPDX-License-Identifier: MIT
# mk/waves.mk -- make waves: GTKWave on the K-th TLB miss of a dump (docs/waves.md).
# Included by the top Makefile (WAVES_FILE, VMSIM and make sim's variables).
#
#   make waves MISS=K [HEADLESS=1] [WAVES_PNG=file.png]
#   make waves MISS=K TRACE=... [CONFIG=... TLB_SETS=... TLB_WAYS=...]
#                     [WAVES_FROM=A WAVES_TO=B] [WAVES_FILE=...] [HEADLESS=1]
#
# Which dump: with none of the variables that name one (TRACE, CONFIG, TLB_SETS,
# TLB_WAYS, WAVES_FROM, WAVES_TO, WAVES_FILE), the one `make sim ... WAVES=1` wrote
# last: make sim records it in `last` in the dump's folder (its path, then the vmsim
# command that wrote it), read here from $(WAVES_DIR)/last. With any of them, make
# sim's waves/<trace>-<config>[-A-B].fst for them (WAVES_FILE). Either is (re)written
# first when it is missing or older than its vmsim: the recorded command, or `make
# sim ... WAVES=1` with the same variables. K is the index's `miss` number, so in a
# windowed dump it must be a miss of the window.
#
# With a display GTKWave opens, zoomed on the miss with the marker on its first
# cycle. With HEADLESS=1, WAVES_PNG=file.png, or no DISPLAY, the view is rendered
# under Xvfb to a PNG (WAVES_PNG, by default the dump's name with -miss<K>.png) with
# the values it shows beside it (.values). GTKWave, Xvfb and ImageMagick are
# installed when missing (tools/deps.sh waves).

MISS ?=
HEADLESS ?=
WAVES_DIR ?= waves
WAVES_PNG ?=
# The naming variables given on the command line or in the environment.
WAVES_NAMED = $(strip $(foreach v,TRACE CONFIG TLB_SETS TLB_WAYS WAVES_FROM WAVES_TO WAVES_FILE,\
	$(if $(filter command% environment%,$(origin $(v))),$(v))))

.PHONY: waves
waves:
	@if [ -z "$(MISS)" ]; then \
	    echo "make waves: which TLB miss? e.g. make waves MISS=3 (after make sim ... WAVES=1; see its .misses.csv)" >&2; \
	    exit 2; fi
	@bash tools/deps.sh waves python
	@last="$(WAVES_DIR)/last"; \
	if [ -z "$(WAVES_NAMED)" ] && [ -s "$$last" ]; then \
	    dump=$$(sed -n 1p "$$last"); cmd=$$(sed -n 2p "$$last"); \
	    echo "==== waves: the dump make sim WAVES=1 wrote last ($$last): $$dump" >&2; \
	    if [ ! -s "$$dump" ] || [ ! -s "$$dump.misses.csv" ] || \
	        { [ -e "$${cmd%% *}" ] && [ "$${cmd%% *}" -nt "$$dump" ]; }; then \
	        echo "==== waves: re-writing it (missing, or older than its vmsim): $$cmd" >&2; \
	        $$cmd >/dev/null; fi; \
	else \
	    dump="$(WAVES_FILE)"; \
	    [ -n "$(WAVES_NAMED)" ] || echo "==== waves: no dump recorded in $$last (make sim ... WAVES=1 records one): the default trace's" >&2; \
	    if [ ! -s "$$dump" ] || [ ! -s "$$dump.misses.csv" ] || \
	        { [ -e "$(VMSIM)" ] && [ "$(VMSIM)" -nt "$$dump" ]; }; then \
	        echo "==== waves: writing $$dump (make sim WAVES=1)" >&2; \
	        $(MAKE) --no-print-directory sim WAVES=1 >/dev/null || exit 1; fi; \
	fi; \
	bash tools/waves.sh $(if $(HEADLESS),--headless) $(if $(WAVES_PNG),--png $(WAVES_PNG)) $(MISS) "$$dump"
