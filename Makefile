# vmmu — a cycle-level model of a paging MMU.
#
#   make sim [TRACE=path/addresses.txt] [...]   run the RTL MMU, checked against the model
#   make test                                   every test; ends with "N passed, M failed"
#   make ref [TRACE=...]                        run the C reference model alone (build/vmref)
#   make bench | synth | waves | plots | sweep  see README.md
#
# Binaries land in build/: build/vmref (the model), build/vmsim (the RTL of the
# default configuration; others under build/<preset>-<sets>x<ways>/).

.DEFAULT_GOAL := all
SHELL := /bin/bash

CC := gcc
# C11, every warning an error; the model and the harness are plain C.
CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g
# The project root, so includes read "model/tlb.h", "harness/os.h".
CPPFLAGS := -I.
# The sanitizer build that `make test` also runs.
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

MODEL_SRCS := $(wildcard model/*.c)
# Everything an OS-driven system needs, whichever MMU it drives.
HARNESS_SRCS := harness/future.c harness/mmu_model.c harness/options.c harness/os.c \
	harness/out.c harness/pmem.c harness/policy.c harness/policy_clock.c \
	harness/policy_list.c harness/policy_opt.c harness/report.c harness/run.c \
	harness/store.c harness/system.c harness/trace.c harness/trace_ext.c \
	harness/trace_lackey.c harness/trace_text.c
CORE_SRCS := $(MODEL_SRCS) $(HARNESS_SRCS)
HEADERS := $(wildcard model/*.h harness/*.h)

include mk/traces.mk

.PHONY: all ref deps clean
all: build/vmref default-inputs

# Missing system packages are installed (saying so); nothing happens when all are there.
deps-%:
	@bash mk/deps.sh $*

build/vmref: $(CORE_SRCS) harness/vmref.c $(HEADERS) Makefile
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $(CORE_SRCS) harness/vmref.c

build/asan/vmref: $(CORE_SRCS) harness/vmref.c $(HEADERS) Makefile
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -O1 $(SAN_FLAGS) -o $@ $(CORE_SRCS) harness/vmref.c

# make ref: the model alone on TRACE (default: the project's own trace).
TRACE ?=
BACKING ?=
FRAMES ?= 256
POLICY ?= fifo
REF_ARGS = $(if $(TRACE),-f $(TRACE)) $(if $(BACKING),-b $(BACKING)) -n $(FRAMES) -p $(POLICY)
ref: build/vmref default-inputs
	build/vmref $(REF_ARGS)

clean:
	rm -rf build
