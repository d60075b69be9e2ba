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
CFLAGS := -std=c11 -Wall -Wextra -Werror -g
# Speed for the shipped binaries: the MMU interface's indirect calls and the TLB
# lookup inline across files only with link-time optimization.
OPT := -O3 -flto=auto
# The project root, so includes read "model/tlb.h", "harness/os.h".
CPPFLAGS := -I.
# The sanitizer build that `make test` also runs.
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

MODEL_SRCS := $(wildcard model/*.c)
# Everything an OS-driven system needs, whichever MMU it drives.
HARNESS_SRCS := harness/future.c harness/interrupt.c harness/maps.c harness/mmu_model.c harness/options.c harness/os.c \
	harness/out.c harness/pmem.c harness/policy.c harness/policy_clock.c \
	harness/policy_list.c harness/policy_opt.c harness/report.c harness/run.c \
	harness/store.c harness/system.c harness/trace.c harness/trace_ext.c \
	harness/trace_lackey.c harness/trace_text.c
CORE_SRCS := $(MODEL_SRCS) $(HARNESS_SRCS)
HEADERS := $(wildcard model/*.h harness/*.h)

# The RTL configuration: hardware structure, one Verilated build each.
CONFIG ?= osc
TLB_SETS ?= 1
TLB_WAYS ?= 16
CFG := $(CONFIG)-$(TLB_SETS)x$(TLB_WAYS)
VMSIM := build/$(CFG)/vmsim

include mk/traces.mk
include mk/rtl.mk
-include mk/plots.mk mk/sweep.mk mk/bench.mk
-include mk/synth.mk mk/fuzz.mk mk/waves.mk mk/mutants.mk

.PHONY: all ref sim test clean
all: build/vmref default-inputs

# Missing system packages are installed (saying so); nothing happens when all are there.
deps-%:
	@bash mk/deps.sh $*

# Each C file compiles once into build/obj (plain) and build/obj-san (ASan+UBSan).
CORE_OBJS := $(CORE_SRCS:%.c=build/obj/%.o)
CORE_SAN_OBJS := $(CORE_SRCS:%.c=build/obj-san/%.o)
build/obj/%.o: %.c $(HEADERS) Makefile
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(OPT) -c -o $@ $<
build/obj-san/%.o: %.c $(HEADERS) Makefile
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -O1 $(SAN_FLAGS) -c -o $@ $<

build/vmref: $(CORE_OBJS) build/obj/harness/vmref.o
	$(CC) $(CFLAGS) $(OPT) -o $@ $^

build/asan/vmref: $(CORE_SAN_OBJS) build/obj-san/harness/vmref.o
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^

# vmsim: the same OS and harness, plus the RTL behind the C API (g++ links, for libstdc++).
$(VMSIM): $(CORE_OBJS) build/obj/harness/mmu_rtl.o build/obj/harness/vmsim.o $(RTL_LIB)
	@mkdir -p $(@D)
	$(CXX) $(OPT) -o $@ $(CORE_OBJS) build/obj/harness/mmu_rtl.o build/obj/harness/vmsim.o \
		$(RTL_LIB) $(RTL_LDLIBS)

# build/vmsim is the default configuration's.
build/vmsim: build/osc-1x16/vmsim
	ln -sf osc-1x16/vmsim $@
ifneq ($(CFG),osc-1x16)
build/osc-1x16/vmsim:
	$(MAKE) --no-print-directory CONFIG=osc TLB_SETS=1 TLB_WAYS=16 $@
endif

# The configurations the co-simulation tests build (each its own Verilated model).
COSIM_CONFIGS ?= osc-1x16 osc-16x1 osc-4x4 osc-1x64 sv32-4x4 sv39-1x16 sv48-1x16
# Phony, so each run asks the configuration's own make whether its sources changed.
COSIM_BUILDS := $(COSIM_CONFIGS:%=cosim-build-%)
.PHONY: cosim-builds $(COSIM_BUILDS)
$(COSIM_BUILDS): cosim-build-%:
	@$(MAKE) --no-print-directory CONFIG=$(word 1,$(subst -, ,$*)) \
		TLB_SETS=$(word 1,$(subst x, ,$(word 2,$(subst -, ,$*)))) \
		TLB_WAYS=$(word 2,$(subst x, ,$(word 2,$(subst -, ,$*)))) build/$*/vmsim
cosim-builds: $(COSIM_BUILDS)

# make sim: vmsim on TRACE (default: the project's own trace), every access checked.
MEM_LATENCY ?= 1
TLB_POLICY ?=
WAVES ?=
WAVES_FROM ?=
WAVES_TO ?=
INJECT ?=
MAPS ?=
NO_ASID ?=
Q ?=
TRACE_NAME = $(basename $(notdir $(if $(TRACE),$(TRACE),default)))
WAVES_FILE ?= waves/$(TRACE_NAME)-$(CFG)$(if $(WAVES_FROM),-$(WAVES_FROM))$(if $(WAVES_TO),-$(WAVES_TO)).fst
SIM_ARGS = $(if $(TRACE),-f $(TRACE)) $(if $(BACKING),-b $(BACKING)) -n $(FRAMES) -p $(POLICY) \
	$(if $(TLB_POLICY),-t $(TLB_POLICY)) --tlb-sets $(TLB_SETS) --tlb-ways $(TLB_WAYS) \
	--config $(CONFIG) --mem-latency $(MEM_LATENCY) $(if $(NO_ASID),--no-asid) \
	$(foreach m,$(MAPS),--maps $(m)) \
	$(if $(INJECT),--inject-fault $(INJECT)) $(if $(Q),-q) \
	$(if $(WAVES),--waves $(WAVES_FILE) $(if $(WAVES_FROM),--waves-from $(WAVES_FROM)) \
	$(if $(WAVES_TO),--waves-to $(WAVES_TO)))
# Building talks on stderr, so stdout is exactly what vmsim prints (diff-able).
sim:
	@bash mk/deps.sh c sim
	@$(MAKE) --no-print-directory $(VMSIM) default-inputs >&2
	@echo "$(VMSIM) $(strip $(SIM_ARGS))" >&2
	@$(VMSIM) $(SIM_ARGS)

# make test: every test, the C ones also under ASan and UBSan.
test:
	@bash mk/deps.sh c sim time
	@$(MAKE) -s all build/asan/vmref build/vmsim tracegen
	@$(MAKE) -s cosim-builds
	@COSIM_CONFIGS="$(COSIM_CONFIGS)" bash tests/run.sh

# make trace PROG="ls -l /": a lackey trace of a real program (.zst) and its memory map
# (the union over its life).  PROGRESS=1: progress even when stderr is not a terminal;
# TEXT=1: keep the plain text trace too.
PROG ?= ls -l /
TRACE_NAME_REAL ?= $(notdir $(firstword $(PROG)))
build/mapsnap.so: traces/mapsnap.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -shared -fPIC -O2 -Wall -Wextra -Werror -o $@ $<
build/mapunion: traces/mapunion.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<
.PHONY: trace
trace:
	@bash mk/deps.sh c trace zstd
	@$(MAKE) -s build/mapsnap.so build/mapunion all
	@PROGRESS=$(PROGRESS) TEXT=$(TEXT) bash tools/trace.sh $(TRACE_NAME_REAL) $(PROG)

# make soak N=10000: N random co-simulations over every built configuration (presets,
# geometries) with random policies, frames from 1, latencies, processes, writes and
# maps; a failure prints its seed and the command that replays it.
N ?= 1000
SEED ?= 1
.PHONY: soak
soak:
	@bash mk/deps.sh c sim
	@$(MAKE) -s all tracegen cosim-builds
	@echo "soak: $(N) random co-simulations over $(COSIM_CONFIGS), seed $(SEED)" >&2
	@time python3 tests/cosim_random.py $(COSIM_CONFIGS:%=--config %) --total $(N) --seed $(SEED)

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
