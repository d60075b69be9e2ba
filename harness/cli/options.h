// SPDX-License-Identifier: MIT
/* options.h — the command line of vmref and vmsim.  One table (options.c) drives the
 * parsing, --help, every command line a run prints (its own, the re-runs of a
 * mismatch, the `make sim` line) and the configuration recorded in --stats, so no
 * option can be forgotten in one of them. */
#ifndef VMMU_OPTIONS_H
#define VMMU_OPTIONS_H

#include <stdint.h>
#include <stdio.h>

#include "harness/mmu/mmu_if.h"
#include "harness/os/policy.h"
#include "harness/trace/trace.h"
#include "model/preset.h"

/* The version --version prints and --stats records. */
#ifndef VMMU_VERSION
#define VMMU_VERSION "0.1.0"
#endif

enum { PROG_VMREF = 1, PROG_VMSIM = 2 };

/* --check-thread: whether vmsim's model runs in a thread of its own (refrun.h). */
typedef enum check_thread_when { CHECK_THREAD_NO = 0, CHECK_THREAD_YES = 1 } check_thread_when;

typedef struct options {
    int prog;                         /* PROG_VMREF or PROG_VMSIM */
    const char *name;                 /* program name for messages */
    const char *argv0;                /* how it was started, for the commands it prints */
    const char *trace;                /* -f */
    const char *backing;              /* -b */
    uint64_t frames;                  /* -n */
    const frame_policy_ops *policy;   /* -p */
    tlb_policy tlb_policy;            /* -t, or what -p implies */
    unsigned tlb_sets, tlb_ways;      /* with an instruction TLB: the DTLB's */
    unsigned itlb_sets, itlb_ways;    /* --itlb-sets, --itlb-ways: 0 ways, no instruction TLB */
    tlb_policy itlb_policy;           /* --itlb-policy, or the TLB's */
    unsigned pwc_entries;             /* --pwc-entries: 0, no page-walk cache */
    unsigned l2_sets, l2_ways;        /* --l2-sets, --l2-ways: 0 ways, no second-level TLB */
    tlb_policy l2_policy;             /* --l2-policy, or the TLB's */
    const preset *preset;             /* --config */
    int quiet;                        /* -q */
    const char *stats;                /* --stats FILE */
    unsigned mem_latency;
    trace_format format;
    int no_asid;
    uint16_t asid_base, asid_step;    /* --asid-base, --asid-step: os_config's */
    uint64_t pa_base;                 /* --pa-base: where physical memory starts */
    int pte_noise;                    /* --pte-noise: os_config's */
    int ad_fault;                     /* --ad fault (Svade); 0: hardware (Svadu) */
    uint64_t pmem;                    /* --pmem BYTES: where physical memory ends (0: nowhere) */
    int sum, mxr;                     /* --sum, --mxr: mstatus.SUM and .MXR for the OS's run */
    int thp;                          /* --thp: huge pages from the OS (os_config.thp) */
    const char *vectors;              /* --vectors FILE: the MMU alone, no OS (vmref) */
    uint64_t skip;                    /* --skip N: accesses run before counting starts */
    uint64_t max;                     /* --max M: counted accesses at most (UINT64_MAX: all) */
    int progress;                     /* --progress, or stderr is a terminal */
    size_t nmaps;                     /* --maps PID=FILE, repeatable */
    uint32_t maps_pid[64];
    const char *maps_file[64];
    /* vmsim only */
    int no_check;
    int check_thread;                 /* --check-thread: a check_thread_when (refrun.h) */
    const char *inject;               /* --inject-fault KIND */
    const char *waves;                /* --waves FILE.fst */
    uint64_t waves_from, waves_to;    /* access numbers, 1-based, inclusive */
    const char *misses;               /* --misses FILE.csv, or FILE.fst.misses.csv with --waves */
    uint64_t given;                   /* bit i: the table's option i was on the command line */
    /* owned storage behind defaults */
    char default_trace[4096], default_backing[4096], default_misses[4096];
} options;

/* Parses argv.  Returns 0 to run, 1 when --help or --version was printed (exit 0),
 * or -1 after printing one line that says which option is wrong and why (exit 2).
 * An output (--stats, --waves, --misses) that names an input (the trace, the backing
 * store, a maps file) or another output is refused here, before anything runs. */
int options_parse(options *o, int prog, int argc, char **argv);

/* The configuration, one line, for stderr. */
void options_echo(const options *o, FILE *f);

/* How a printed command is written. */
typedef enum cmd_style {
    CMD_SELF,    /* this program with every option of this run */
    CMD_RECHECK, /* the same, without its outputs, quiet: re-runs a mismatch */
    CMD_MAKE     /* `make sim VAR=...` without outputs (the caller appends WAVES=...) */
} cmd_style;

/* Writes the command line into buf (always NUL-terminated; cut if it does not fit).
 * Values that a shell would split or expand are single-quoted. */
void options_command(const options *o, cmd_style style, char *buf, size_t n);

/* Writes the options of this run as the members of a JSON object ("trace": "...",
 * "frames": 256, ...), each named after its long option, one per line. */
void options_json(const options *o, FILE *f, const char *indent);

/* The MMU these options build, of preset p. */
mmu_config options_mmu_config(const options *o, const preset *p);

/* The most frames the preset's physical address space and this simulator hold. */
uint64_t options_max_frames(const preset *p);

#endif
