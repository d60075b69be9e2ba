# SPDX-License-Identifier: MIT
# mk/traces.mk -- the trace generator (build/tracegen) and the project's
# default inputs, which it generates.  Included by the top Makefile.
#
#   $(TRACEGEN)         build/tracegen
#   $(DEFAULT_TRACE)    build/traces/addresses.txt: 1000 accesses, locality
#                       (48 hot pages drifting, 2 % cold accesses),
#                       seed 1, 16-bit VA, 256-byte pages, text format
#   $(DEFAULT_BACKING)  build/traces/backing.bin: 65536 bytes, seed 1
#   make test-tracegen  runs tests/cli/t_tracegen.sh (make test runs it too)
#
# The defaults live under build/ (ignored by git) and are never named
# BACKING_STORE.bin: that name belongs to the textbook's files.

# Keep whatever default goal the including Makefile has (or will have):
# this fragment's first rule must not become it.
TRACEGEN_SAVED_GOAL := $(.DEFAULT_GOAL)

CC ?= cc
CFLAGS ?= -std=c11 -Wall -Wextra -Werror -O2 -D_POSIX_C_SOURCE=200809L

TRACEGEN := build/tracegen
TRACEGEN_SRCS := \
	traces/gen_main.c \
	traces/gen_opts.c \
	traces/gen_rng.c \
	traces/gen_out.c \
	traces/gen_modes.c \
	traces/gen_list.c
TRACEGEN_HDRS := traces/gen.h

DEFAULT_TRACE := build/traces/addresses.txt
DEFAULT_BACKING := build/traces/backing.bin

# One compile: six small files, and -lm only for isfinite()'s sake on
# libcs that need it.
$(TRACEGEN): $(TRACEGEN_SRCS) $(TRACEGEN_HDRS) mk/traces.mk | deps-c
	@mkdir -p $(@D)
	$(call say,cc $@)
	$(AT)$(CC) $(CFLAGS) -o $@ $(TRACEGEN_SRCS) $(LDFLAGS) -lm

# tracegen writes through a temporary file and renames, so an interrupted
# make never leaves a partial default behind.
$(DEFAULT_TRACE): $(TRACEGEN) mk/traces.mk
	@mkdir -p $(@D)
	$(call say,gen $@)
	$(AT)$(TRACEGEN) --mode locality --seed 1 --count 1000 --va-bits 16 --page-bits 8 \
		--ws 48 --drift 0.01 --cold 0.02 \
		--format text -o $@

$(DEFAULT_BACKING): $(TRACEGEN) mk/traces.mk
	@mkdir -p $(@D)
	$(call say,gen $@)
	$(AT)$(TRACEGEN) --backing $@ --size 65536 --seed 1

.PHONY: tracegen default-inputs test-tracegen
tracegen: $(TRACEGEN)
default-inputs: $(DEFAULT_TRACE) $(DEFAULT_BACKING)
test-tracegen: $(TRACEGEN)
	TRACEGEN=$(TRACEGEN) bash tests/cli/t_tracegen.sh

.DEFAULT_GOAL := $(TRACEGEN_SAVED_GOAL)
