/* options.h — the command line of vmref and vmsim: one table drives parsing, --help
 * and the configuration echoed on stderr at the start of a run. */
#ifndef VMMU_OPTIONS_H
#define VMMU_OPTIONS_H

#include <stdint.h>
#include <stdio.h>

#include "harness/policy.h"
#include "harness/trace.h"
#include "model/preset.h"

enum { PROG_VMREF = 1, PROG_VMSIM = 2 };

typedef struct options {
    int prog;                         /* PROG_VMREF or PROG_VMSIM */
    const char *name;                 /* program name for messages */
    const char *trace;                /* -f */
    const char *backing;              /* -b */
    uint64_t frames;                  /* -n */
    const frame_policy_ops *policy;   /* -p */
    int tlb_lru;                      /* -t, or what -p implies */
    unsigned tlb_sets, tlb_ways;
    const preset *preset;             /* --config */
    int quiet;                        /* -q */
    const char *stats;                /* --stats FILE */
    unsigned mem_latency;
    trace_format format;
    int no_asid;
    size_t nmaps;                     /* --maps PID=FILE, repeatable */
    uint32_t maps_pid[64];
    const char *maps_file[64];
    /* vmsim only */
    int no_check;
    const char *inject;               /* --inject-fault KIND */
    const char *waves;                /* --waves FILE.fst */
    uint64_t waves_from, waves_to;    /* access numbers, 1-based, inclusive */
    const char *misses;               /* --misses FILE.csv */
    /* owned storage behind defaults */
    char default_trace[4096], default_backing[4096];
} options;

/* Parses argv.  Returns 0 to run, 1 when --help or --version was printed (exit 0),
 * or -1 after printing one line that says which option is wrong and why. */
int options_parse(options *o, int prog, int argc, char **argv);

/* The configuration, one line, for stderr. */
void options_echo(const options *o, FILE *f);

/* The most frames the preset's physical address space and this simulator hold. */
uint64_t options_max_frames(const preset *p);

#endif
