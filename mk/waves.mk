# mk/waves.mk -- make waves: GTKWave on the K-th TLB miss of a dump (docs/waves.md).
# Included by the top Makefile (WAVES_FILE, VMSIM and make sim's variables).
#
#   make waves MISS=K [TRACE=...] [CONFIG=... TLB_SETS=... TLB_WAYS=...]
#                     [WAVES_FROM=A WAVES_TO=B] [HEADLESS=1]
#
# The dump is make sim's: waves/<trace>-<config>[-A-B].fst (WAVES_FILE) with its miss
# index beside it; when it is missing, or older than vmsim, `make sim ... WAVES=1`
# writes it first (same TRACE, CONFIG, window, ...). K is the index's `miss` number,
# so in a windowed dump it must be a miss of the window.
#
# With a display GTKWave opens, zoomed on the miss with the marker on its first
# cycle. With HEADLESS=1, or no DISPLAY, the view is rendered under Xvfb to
# waves/<dump>-miss<K>.png instead. GTKWave, Xvfb and ImageMagick are installed
# when missing (mk/deps.sh waves).

MISS ?=
HEADLESS ?=
WAVES_PNG = $(basename $(WAVES_FILE))-miss$(MISS).png

.PHONY: waves
waves:
	@if [ -z "$(MISS)" ]; then \
	    echo "make waves: which TLB miss? e.g. make waves MISS=3 [TRACE=...] (see $(WAVES_FILE).misses.csv)" >&2; \
	    exit 2; fi
	@bash mk/deps.sh waves
	@if [ ! -s "$(WAVES_FILE)" ] || [ ! -s "$(WAVES_FILE).misses.csv" ] || \
	    { [ -e "$(VMSIM)" ] && [ "$(VMSIM)" -nt "$(WAVES_FILE)" ]; }; then \
	    echo "==== waves: writing $(WAVES_FILE) (make sim WAVES=1)" >&2; \
	    $(MAKE) --no-print-directory sim WAVES=1 >/dev/null; fi
	@bash tools/waves.sh $(if $(HEADLESS),--headless --png $(WAVES_PNG)) $(MISS) $(WAVES_FILE)
