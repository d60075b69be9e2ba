# SPDX-License-Identifier: MIT
# vmmu — a cycle-level model of a paging MMU.  `make help` lists every target and
# knob: it prints the `##@` (target) and `##=` (knob) lines of the makefiles, so a
# target documents itself where it is defined.
#
# Binaries land in build/: build/vmref (the model), build/vmsim (the RTL of the
# default configuration; others under build/<preset>-<sets>x<ways>/).

.DEFAULT_GOAL := all
SHELL := /bin/bash
# A step that fails leaves no target behind, so the next make does it again instead of
# taking a half-written file (Verilator's makefile of a rejected RTL, say) as built.
.DELETE_ON_ERROR:

CC := gcc
# C11, every warning an error; the model and the harness are plain C.
CFLAGS := -std=c11 -Wall -Wextra -Wshadow -Werror -g
# Speed for the shipped binaries: the MMU interface's indirect calls and the TLB
# lookup inline across files only with link-time optimization.
OPT := -O3 -flto=auto
# The project root, so includes read "model/tlb.h", "harness/os/os.h".
CPPFLAGS := -I.
# The sanitizer build that `make test` also runs.
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Build output: one short line a step on stderr ("cc model/tlb.c"), the full
# commands with V=1, nothing with make -s.
V ?=
MAKE_SILENT := $(findstring s,$(firstword -$(MAKEFLAGS)))
ifeq ($(V),1)
AT :=
say :=
else
AT := @
say = @$(if $(MAKE_SILENT),:,echo '$(1)' >&2)
endif

MODEL_SRCS := $(wildcard model/*.c)
# Everything an OS-driven system needs, whichever MMU it drives.
# The harness in its layers (docs/architecture.md): every C file of harness/ but the
# two programs and the RTL adapter, which only vmsim links.
HARNESS_SRCS := $(filter-out harness/cli/vmref.c harness/cli/vmsim.c harness/mmu/mmu_rtl.c,\
	$(wildcard harness/*/*.c))
# The trace reader's decompressors (gzip, xz, zstd), linked by every program of CORE_SRCS.
TRACE_LDLIBS := -lz -llzma -lzstd
CORE_SRCS := $(MODEL_SRCS) $(HARNESS_SRCS)
HEADERS := $(wildcard model/*.h harness/*/*.h)
# Each object's header dependencies, as the compiler found them (-MMD), with an empty
# rule per header (-MP) so a deleted header does not stop the build.
DEPFLAGS = -MMD -MP

# The RTL configuration: hardware structure, one Verilated build each.
##= CONFIG=osc          address geometry, a hardware preset: osc, sv32, sv39, sv48
CONFIG ?= osc
##= TLB_SETS=1          TLB sets, a power of two 1..1024 (hardware: one build each)
TLB_SETS ?= 1
##= TLB_WAYS=16         TLB ways, 1..64 (hardware: one build each)
TLB_WAYS ?= 16
##= ITLB_WAYS=0         an instruction TLB's ways, 0..64: 0 none (the TLB serves fetches too), else the TLB is the DTLB
ITLB_WAYS ?= 0
##= ITLB_SETS=1         the instruction TLB's sets, a power of two 1..1024 (with ITLB_WAYS)
ITLB_SETS ?= 1
##= PWC_ENTRIES=0       a page-walk cache's entries, 0 (none) or a power of two up to 64 (hardware: one build each)
PWC_ENTRIES ?= 0
##= L2_WAYS=0           a second-level TLB's ways, 0..64: 0 none, else shared by the TLB and ITLB (hardware: one build each)
L2_WAYS ?= 0
##= L2_SETS=1           the second-level TLB's sets, a power of two 1..1024 (with L2_WAYS)
L2_SETS ?= 1
# The configuration's name: the build's folder, and the waves' and plots' names.
CFG := $(CONFIG)-$(TLB_SETS)x$(TLB_WAYS)$(if $(filter-out 0,$(ITLB_WAYS)),-i$(ITLB_SETS)x$(ITLB_WAYS))$(if $(filter-out 0,$(L2_WAYS)),-L$(L2_SETS)x$(L2_WAYS))$(if $(filter-out 0,$(PWC_ENTRIES)),-p$(PWC_ENTRIES))
VMSIM := build/$(CFG)/vmsim

# The project's own makefiles: plain include, so a missing one stops make.
include mk/traces.mk
include mk/rtl.mk
include mk/plots.mk mk/sweep.mk mk/bench.mk mk/memcheck.mk
include mk/synth.mk mk/fuzz.mk mk/waves.mk mk/mutants.mk
include mk/formal.mk

.PHONY: all ref sim test clean help sim-build ref-build

##@ make                 build/vmref, build/vmsim (installs Verilator when missing), the default inputs
all: build/vmref build/vmsim default-inputs

# Missing system packages are installed (saying so); nothing happens when all are there.
deps-%:
	@bash tools/deps.sh $*

# Each C file compiles once into build/obj (plain) and build/obj-san (ASan+UBSan).
CORE_OBJS := $(CORE_SRCS:%.c=build/obj/%.o)
CORE_SAN_OBJS := $(CORE_SRCS:%.c=build/obj-san/%.o)
build/obj/%.o: %.c Makefile | deps-c
	@mkdir -p $(@D)
	$(call say,cc $<)
	$(AT)$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) $(OPT) -c -o $@ $<
build/obj-san/%.o: %.c Makefile | deps-c
	@mkdir -p $(@D)
	$(call say,cc $< (asan))
	$(AT)$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -O1 $(SAN_FLAGS) -c -o $@ $<
-include $(wildcard build/obj/*/*.d build/obj/*/*/*.d build/obj-san/*/*.d build/obj-san/*/*/*.d)

# Their headers come with the -dev packages group c installs (make all, ref, sim, test).
build/obj/harness/trace/trace_source.o build/obj-san/harness/trace/trace_source.o: | deps-c

# The commit the binaries are built from, recorded in --stats; the file is rewritten
# only when the commit changes, so only report.o is rebuilt then.
VMMU_COMMIT := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
.PHONY: FORCE
build/commit.txt: FORCE
	@mkdir -p $(@D)
	@[ "$$(cat $@ 2>/dev/null)" = '$(VMMU_COMMIT)' ] || echo '$(VMMU_COMMIT)' >$@
build/obj/harness/cli/report.o build/obj-san/harness/cli/report.o: build/commit.txt
build/obj/harness/cli/report.o build/obj-san/harness/cli/report.o: CPPFLAGS += -DVMMU_COMMIT='"$(VMMU_COMMIT)"'

build/vmref: $(CORE_OBJS) build/obj/harness/cli/vmref.o
	$(call say,ld $@)
	$(AT)$(CC) $(CFLAGS) $(OPT) -o $@ $^ $(TRACE_LDLIBS)

build/asan/vmref: $(CORE_SAN_OBJS) build/obj-san/harness/cli/vmref.o
	@mkdir -p $(@D)
	$(call say,ld $@)
	$(AT)$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $(TRACE_LDLIBS)

# vmsim: the same OS and harness, plus the RTL behind the C API (g++ links, for libstdc++).
$(VMSIM): $(CORE_OBJS) build/obj/harness/mmu/mmu_rtl.o build/obj/harness/cli/vmsim.o $(RTL_LIB)
	@mkdir -p $(@D)
	$(call say,ld $@)
	$(AT)$(CXX) $(OPT) -o $@ $(CORE_OBJS) build/obj/harness/mmu/mmu_rtl.o build/obj/harness/cli/vmsim.o \
		$(RTL_LIB) $(RTL_LDLIBS) $(TRACE_LDLIBS)

# build/vmsim is the default configuration's.
build/vmsim: build/osc-1x16/vmsim
	$(AT)ln -sf osc-1x16/vmsim $@
ifneq ($(CFG),osc-1x16)
build/osc-1x16/vmsim:
	@$(MAKE) --no-print-directory CONFIG=osc TLB_SETS=1 TLB_WAYS=16 $@
endif

# The configurations the co-simulation tests build (each its own Verilated model).
COSIM_CONFIGS ?= osc-1x16 osc-16x1 osc-4x4 osc-1x64 sv32-4x4 sv39-1x16 sv48-1x16 osc-1x8-i1x4 sv39-4x4-i1x8 sv48-1x8-i2x4-p4 sv39-1x16-p8 sv39-1x4-L16x4-p4 sv32-1x2-i1x2-L2x2
# Phony, so each run asks the configuration's own make whether its sources changed.
COSIM_BUILDS := $(COSIM_CONFIGS:%=cosim-build-%)
.PHONY: cosim-builds $(COSIM_BUILDS)
# cfg_vars NAME: a build's name (CFG: CONFIG-SETSxWAYS, then -iSETSxWAYS with an ITLB,
# then -pN with a page-walk cache: osc-1x8-i1x4, sv39-1x16-p8) as the make variables
# that build it.
cfg_geo = $(subst x, ,$(patsubst i%,%,$(filter i%,$(wordlist 3,9,$(subst -, ,$(1))))))
cfg_l2 = $(subst x, ,$(patsubst L%,%,$(filter L%,$(wordlist 3,9,$(subst -, ,$(1))))))
cfg_vars = CONFIG=$(word 1,$(subst -, ,$(1))) \
	TLB_SETS=$(word 1,$(subst x, ,$(word 2,$(subst -, ,$(1))))) TLB_WAYS=$(word 2,$(subst x, ,$(word 2,$(subst -, ,$(1))))) \
	ITLB_SETS=$(or $(word 1,$(cfg_geo)),1) ITLB_WAYS=$(or $(word 2,$(cfg_geo)),0) \
	L2_SETS=$(or $(word 1,$(cfg_l2)),1) L2_WAYS=$(or $(word 2,$(cfg_l2)),0) \
	PWC_ENTRIES=$(or $(patsubst p%,%,$(filter p%,$(wordlist 3,9,$(subst -, ,$(1))))),0)
# Any name, not only COSIM_CONFIGS' (make mutants builds the rude driver's extra ones);
# the listed ones are phony, which a pattern rule does not reach, hence both rules.
# (+: make sees $(MAKE) only when it is written in the recipe, not through a variable;
# without it the sub-make gets no jobserver and warns that it builds with -j1.)
cosim_build = @$(MAKE) --no-print-directory $(call cfg_vars,$*) build/$*/vmsim
$(COSIM_BUILDS): cosim-build-%:
	+$(cosim_build)
cosim-build-%:
	+$(cosim_build)
cosim-builds: $(COSIM_BUILDS)

# ---- make sim and make ref: one list of knobs ------------------------------------
# Each knob is one make variable and the options it becomes (opt_NAME); make sim and
# make ref build their command lines, and mk/knobs.sh its checks, from the one list,
# so the two stay twins.  A knob without a default is passed only when set.
##= TRACE=FILE          the trace, - for stdin (default: the project's own, build/traces/addresses.txt)
TRACE ?=
##= BACKING=FILE        the backing store (default: BACKING_STORE.bin beside TRACE, else the project's)
BACKING ?=
##= FRAMES=256          physical frames
FRAMES ?= 256
##= POLICY=fifo         frame policy: fifo, lru, lru-walk, clock; opt with make ref only
POLICY ?= fifo
##= TLB_POLICY=fifo|lru|plru|random  TLB replacement (default: what POLICY implies)
TLB_POLICY ?=
##= ITLB_POLICY=fifo|lru|plru|random  the instruction TLB's replacement (default: TLB_POLICY's)
ITLB_POLICY ?=
##= L2_POLICY=fifo|lru|plru|random  the second-level TLB's replacement (default: TLB_POLICY's)
L2_POLICY ?=
##= MEM_LATENCY=1       cycles the walker waits for each memory access, 1..1000
MEM_LATENCY ?= 1
##= MAPS="0=a.maps ..."  memory maps, PID=FILE each (/proc/PID/maps format)
MAPS ?=
##= NO_ASID=1           flush the TLB on every process switch instead of tagging by ASID
NO_ASID ?=
##= ASID_BASE=0         the first process's ASID (0..65535)
ASID_BASE ?=
##= ASID_STEP=1         the step from one process's ASID to the next one's (1..65535)
ASID_STEP ?=
##= PA_BASE=0           where physical memory starts (page aligned, decimal or 0x hex)
PA_BASE ?=
##= PTE_NOISE=1         set the PTE bits a walker must ignore to a pattern
PTE_NOISE ?=
##= AD=hardware        who sets a PTE's A and D bits: hardware (the walker, Svadu) or fault (the OS, Svade)
AD ?=
##= PMEM=BYTES          physical memory's size, decimal or 0x hex (default 0: unbounded)
PMEM ?=
##= SUM=1               mstatus.SUM: the trace's S-mode loads and stores may touch user pages
SUM ?=
##= MXR=1               mstatus.MXR: loads may read executable pages that are not readable
MXR ?=
##= THP=1               huge pages from the OS: megapages for anonymous aligned ranges (not osc)
THP ?=
##= FORMAT=auto         trace format: auto, text, ext, lackey
FORMAT ?=
##= Q=1                 no per-access lines, only the statistics
Q ?=
##= STATS=FILE          also write the statistics as JSON to FILE
STATS ?=
##= SKIP=N              run N accesses first without counting them (warm-up)
SKIP ?=
##= MAX=M               stop after M counted accesses
MAX ?=
##= PROGRESS=1          progress on stderr even when it is not a terminal
PROGRESS ?=
##= INJECT=KIND         make sim only: corrupt paddr, hit, latency, fill, pte-addr, pte-value or cycle (the checker must object)
INJECT ?=
##= NO_CHECK=1          make sim only: the RTL alone, not checked against the model
NO_CHECK ?=
##= CHECK_THREAD=no     make sim only: yes runs the model's system in a thread of its own, beside the RTL's
CHECK_THREAD ?=
##= WAVES=1             make sim only: an FST waveform, waves/<trace>-<config>.fst, and its miss index
WAVES ?=
##= WAVES_FROM=K        make sim only: the waveform starts at access K
WAVES_FROM ?=
##= WAVES_TO=M          make sim only: the waveform stops after access M
WAVES_TO ?=
# (V is defined at the top, with the build's output.)
##= V=1                 any target: the full build commands instead of one short line a step

RUN_KNOBS := TRACE BACKING FRAMES POLICY TLB_POLICY TLB_SETS TLB_WAYS ITLB_POLICY ITLB_SETS ITLB_WAYS L2_POLICY L2_SETS L2_WAYS PWC_ENTRIES CONFIG MEM_LATENCY \
	NO_ASID ASID_BASE ASID_STEP PA_BASE PTE_NOISE AD PMEM SUM MXR THP MAPS FORMAT SKIP MAX Q STATS PROGRESS
SIM_KNOBS := $(RUN_KNOBS) INJECT NO_CHECK CHECK_THREAD WAVES WAVES_FROM WAVES_TO

opt_TRACE = $(if $(TRACE),-f $(TRACE))
opt_BACKING = $(if $(BACKING),-b $(BACKING))
opt_FRAMES = -n $(FRAMES)
opt_POLICY = -p $(POLICY)
opt_TLB_POLICY = $(if $(TLB_POLICY),-t $(TLB_POLICY))
opt_TLB_SETS = --tlb-sets $(TLB_SETS)
opt_TLB_WAYS = --tlb-ways $(TLB_WAYS)
opt_ITLB_POLICY = $(if $(ITLB_POLICY),--itlb-policy $(ITLB_POLICY))
# (ITLB_SETS without ITLB_WAYS is passed on: the program refuses it, saying why)
opt_ITLB_SETS = $(if $(filter-out 0,$(ITLB_WAYS))$(filter-out 1,$(ITLB_SETS)),--itlb-sets $(ITLB_SETS))
opt_ITLB_WAYS = $(if $(filter-out 0,$(ITLB_WAYS)),--itlb-ways $(ITLB_WAYS))
opt_L2_POLICY = $(if $(L2_POLICY),--l2-policy $(L2_POLICY))
opt_L2_SETS = $(if $(filter-out 0,$(L2_WAYS))$(filter-out 1,$(L2_SETS)),--l2-sets $(L2_SETS))
opt_L2_WAYS = $(if $(filter-out 0,$(L2_WAYS)),--l2-ways $(L2_WAYS))
opt_PWC_ENTRIES = $(if $(filter-out 0,$(PWC_ENTRIES)),--pwc-entries $(PWC_ENTRIES))
opt_CONFIG = --config $(CONFIG)
opt_MEM_LATENCY = --mem-latency $(MEM_LATENCY)
opt_NO_ASID = $(if $(NO_ASID),--no-asid)
opt_ASID_BASE = $(if $(ASID_BASE),--asid-base $(ASID_BASE))
opt_ASID_STEP = $(if $(ASID_STEP),--asid-step $(ASID_STEP))
opt_PA_BASE = $(if $(PA_BASE),--pa-base $(PA_BASE))
opt_PTE_NOISE = $(if $(PTE_NOISE),--pte-noise)
opt_AD = $(if $(AD),--ad $(AD))
opt_PMEM = $(if $(PMEM),--pmem $(PMEM))
opt_SUM = $(if $(SUM),--sum)
opt_MXR = $(if $(MXR),--mxr)
opt_THP = $(if $(THP),--thp)
opt_MAPS = $(foreach m,$(MAPS),--maps $(m))
opt_FORMAT = $(if $(FORMAT),--format $(FORMAT))
opt_SKIP = $(if $(SKIP),--skip $(SKIP))
opt_MAX = $(if $(MAX),--max $(MAX))
opt_Q = $(if $(Q),-q)
opt_STATS = $(if $(STATS),--stats $(STATS))
opt_PROGRESS = $(if $(PROGRESS),--progress)
opt_INJECT = $(if $(INJECT),--inject-fault $(INJECT))
opt_NO_CHECK = $(if $(NO_CHECK),--no-check)
opt_CHECK_THREAD = $(if $(CHECK_THREAD),--check-thread $(CHECK_THREAD))
opt_WAVES = $(if $(WAVES),--waves $(WAVES_FILE))
opt_WAVES_FROM = $(if $(WAVES),$(if $(WAVES_FROM),--waves-from $(WAVES_FROM)))
opt_WAVES_TO = $(if $(WAVES),$(if $(WAVES_TO),--waves-to $(WAVES_TO)))

TRACE_NAME = $(basename $(notdir $(if $(TRACE),$(TRACE),default)))
WAVES_FILE ?= waves/$(TRACE_NAME)-$(CFG)$(if $(WAVES_FROM),-$(WAVES_FROM))$(if $(WAVES_TO),-$(WAVES_TO)).fst
REF_ARGS = $(strip $(foreach k,$(RUN_KNOBS),$(opt_$(k))))
SIM_ARGS = $(strip $(foreach k,$(SIM_KNOBS),$(opt_$(k))))

# shq: a make value as one shell word.
shq = '$(subst ','"'"',$(1))'
# check_knobs PROG,KNOBS: mk/knobs.sh on the knobs' values, before anything is built.
check_knobs = bash mk/knobs.sh $(1) PRESETS=$(call shq,$(RTL_PRESETS)) VMREF=build/vmref \
	$(foreach k,$(2),$(k)=$(call shq,$($(k))))

# What make sim and make ref build, in a sub-make whose output goes to stderr.
sim-build: $(VMSIM) build/vmref $(if $(filter osc-1x16,$(CFG)),build/vmsim) default-inputs
	@:
ref-build: build/vmref default-inputs
	@:

# Building talks on stderr, so stdout is exactly what the program prints (diff-able).
##@ make sim [KNOB=...]  the RTL MMU (build/vmsim) on TRACE, every access checked against the C model
sim:
	@bash tools/deps.sh c sim
	@$(MAKE) --no-print-directory -s build/vmref >&2
	@$(call check_knobs,sim,$(SIM_KNOBS))
	@$(MAKE) --no-print-directory sim-build >&2
	@echo "$(VMSIM) $(SIM_ARGS)" >&2
	@$(if $(WAVES),printf '%s\n' '$(WAVES_FILE)' '$(VMSIM) $(strip $(SIM_ARGS))' >$(dir $(WAVES_FILE))last; echo "make sim: waves to $(WAVES_FILE) and its miss index to $(WAVES_FILE).misses.csv; make waves MISS=K shows miss K" >&2,:)
	@$(VMSIM) $(SIM_ARGS)

##@ make ref [KNOB=...]  the C model alone (build/vmref) with the same knobs; no Verilator
ref:
	@bash tools/deps.sh c
	@$(MAKE) --no-print-directory -s build/vmref >&2
	@$(call check_knobs,ref,$(RUN_KNOBS))
	@$(MAKE) --no-print-directory ref-build >&2
	@echo "build/vmref $(REF_ARGS)" >&2
	@build/vmref $(REF_ARGS)

# The tests' own C programs (build/tests/), with the flags above.
include mk/tests.mk
# make coverage (after rtl.mk and tests.mk: it builds their programs over coverage builds).
include mk/coverage.mk

##@ make test            every test (the C also under ASan+UBSan); ends with "N passed, M failed"
# Every package a test needs, installed first: on a fresh machine a test must run,
# not skip for a tool its own target would have installed.
test:
	@bash tools/deps.sh c sim python time zip plots sweep trace waves sshd synth
	@$(MAKE) -s all build/asan/vmref build/vmsim build/traceread tracegen test-programs
	@# one Verilated build per core at a time: the builds share nothing but the objects
	@# the line above made (and the packages the first line installed)
	@$(MAKE) -s -j$$(nproc) cosim-builds
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
	@bash tools/deps.sh c trace zstd
	@$(MAKE) -s build/mapsnap.so build/mapunion all
	@PROGRESS=$(PROGRESS) TEXT=$(TEXT) bash tools/trace.sh $(TRACE_NAME_REAL) $(PROG)

# make soak N=10000: N random co-simulations over every built configuration (presets,
# geometries) with random policies, frames from 1, latencies, processes, writes and
# maps; a failure prints its seed and the command that replays it.
##@ make soak [N=1000] [SEED=1] [COSIM_CONFIGS="osc-1x16 ..."]  N random co-simulations over those builds, and N random vector files on each sv* one
N ?= 1000
SEED ?= 1
.PHONY: soak
soak:
	@bash tools/deps.sh c sim python
	@$(MAKE) -s all tracegen cosim-builds
	@echo "soak: $(N) random co-simulations over $(COSIM_CONFIGS), seed $(SEED)" >&2
	@time python3 tests/cosim/cosim_random.py $(COSIM_CONFIGS:%=--config %) --total $(N) --seed $(SEED)
	@# and as many random page-table vector files, over the RISC-V builds (issue 16)
	@for c in $(filter sv%,$(COSIM_CONFIGS)); do \
		echo "soak: $(N) random vector files on $$c" >&2; \
		python3 tests/cosim/vectors_random.py --config $${c%%-*} --tlb $${c#*-} --vmsim build/$$c/vmsim \
			--cases $(N) --seed $(SEED) --no-reach || exit 1; \
	done

# The targets of the mk/*.mk files (their owners may move a line beside its rule:
# make help reads every makefile).
##@ make trace [PROG="ls -l /"] [PROGRESS=1] [TEXT=1]  a Valgrind lackey trace (.zst) of a real program, followed through wrappers, and the union of its memory maps, in build/traces/
##@ make plots [TRACE=...] [CONFIG=...] [MAPS=...]  the PNGs of docs/plots.md, build/plots/<trace>-<config>-<SxW>-*.png
##@ make plots-miss TRACE=... [MAPS=...]  plot (f) alone: the cost of a TLB miss against walk cache, --thp and L2 TLB (docs/miss-cost.md)
##@ make sweep [TRACE=...] [MAPS=...] [SWEEP_J=N] [SSHLOGIN=":,host"]  configurations x traces in parallel: build/sweep/sweep.csv and summary tables
##@ make sweep-miss [TRACE=...] [MAPS=...] [MISS_PWC=...] [MISS_THP=...] [MISS_L2=...]  the miss-cost remedies' grid: build/sweep/miss.csv and its table
##@ make bench [WRITE=1]         speed and memory figures in one table (WRITE=1: also docs/bench.md)
##@ make synth [SYNTH_CONFIGS="osc:1:16 sv39:1:4"]  Yosys synth_ice40 and nextpnr-ice40 Fmax of the RTL (docs/synth.md)
##@ make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="maps ..."]  libFuzzer on the parsers (tests/fuzz/README.md)
##@ make memcheck [MEMCHECK_BINS="build/vmref"]  vmref and vmsim under valgrind memcheck: 0 errors, 0 leaks
##@ make mutants [MUTANTS=a,b] [ALL=1] [WRITE=1]  deliberate RTL bugs: does make test catch each? (docs/mutants.md)
##@ make waves MISS=K [TRACE=...] [HEADLESS=1]  GTKWave on the K-th TLB miss of the last make sim WAVES=1 dump (HEADLESS=1: a PNG)
##@ make rtl-lint  Verilator --lint-only -Wall of the RTL, with sim_top and with mmu as top

##@ make clean           remove build/ (every binary, Verilated model and generated input)
clean:
	rm -rf build

##@ make help            this list
help:
	@awk 'function row(s, w,   i) { i = match(s, /  +/); \
	         if (!i) return "  " s; \
	         a = substr(s, 1, i - 1); b = substr(s, i + RLENGTH); \
	         return length(a) <= w ? sprintf("  %-*s %s", w, a, b) : sprintf("  %s\n  %-*s %s", a, w, "", b) } \
	     /^##@ / { t[++nt] = row(substr($$0, 5), 30) } \
	     /^##= / { k[++nk] = row(substr($$0, 5), 22) } \
	     END { print "Targets:"; for (i = 1; i <= nt; i++) print t[i]; \
	           print ""; print "Knobs (of make sim and make ref unless said):"; \
	           for (i = 1; i <= nk; i++) print k[i] }' $(MAKEFILE_LIST)
