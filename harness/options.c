/* options.c — the option table, getopt_long, defaults and validation. */
#define _POSIX_C_SOURCE 200809L
#include "harness/options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/tlb.h"

#ifndef VMMU_VERSION
#define VMMU_VERSION "0.1.0"
#endif

enum {
    O_SETS = 256, O_WAYS, O_CONFIG, O_STATS, O_LATENCY, O_FORMAT, O_NO_ASID, O_NO_CHECK,
    O_INJECT, O_MAPS, O_WAVES, O_FROM, O_TO, O_MISSES, O_VERSION
};

typedef struct opt_spec {
    const char *lng;
    int key;          /* the short option letter, or an O_ code */
    const char *arg;  /* NULL: takes no argument */
    const char *def;  /* default, for --help */
    const char *help;
    int progs;
} opt_spec;

#define BOTH (PROG_VMREF | PROG_VMSIM)
static const opt_spec spec[] = {
    {"trace", 'f', "TRACE", "the project's default trace", "the trace to run (- for stdin)", BOTH},
    {"backing", 'b', "BACKING", "BACKING_STORE.bin beside TRACE, else the project's", "the backing store (read, never written)", BOTH},
    {"frames", 'n', "FRAMES", "256", "number of physical frames", BOTH},
    {"policy", 'p', "POLICY", "fifo", "frame policy: fifo, lru, lru-walk, clock, opt; fifo/lru/lru-walk also set the TLB's", BOTH},
    {"tlb-policy", 't', "POLICY", "from -p, else fifo", "TLB replacement: fifo or lru", BOTH},
    {"tlb-sets", O_SETS, "SETS", "1", "TLB sets, a power of two 1..1024", BOTH},
    {"tlb-ways", O_WAYS, "WAYS", "16", "TLB ways, 1..64", BOTH},
    {"config", O_CONFIG, "PRESET", "osc", "address geometry: osc, sv32, sv39, sv48", BOTH},
    {"mem-latency", O_LATENCY, "CYCLES", "1", "cycles the walker waits for each memory access, 1..1000", BOTH},
    {"format", O_FORMAT, "FORMAT", "auto", "trace format: auto, text, ext, lackey", BOTH},
    {"no-asid", O_NO_ASID, NULL, NULL, "flush the TLB on every process switch instead of tagging entries by ASID", BOTH},
    {"maps", O_MAPS, "PID=FILE", NULL, "process PID's memory map, /proc/PID/maps format (repeatable); an address outside it is a segmentation fault", BOTH},
    {"quiet", 'q', NULL, NULL, "no per-access lines, only the statistics", BOTH},
    {"stats", O_STATS, "FILE", NULL, "write the statistics as JSON to FILE", BOTH},
    {"no-check", O_NO_CHECK, NULL, NULL, "run the RTL system alone, without the model", PROG_VMSIM},
    {"inject-fault", O_INJECT, "KIND", NULL, "corrupt one thing so the checker must object: paddr, hit, latency, fill", PROG_VMSIM},
    {"waves", O_WAVES, "FILE", NULL, "write an FST waveform of the RTL to FILE", PROG_VMSIM},
    {"waves-from", O_FROM, "K", "1", "start the waveform at access K", PROG_VMSIM},
    {"waves-to", O_TO, "M", "the last", "stop the waveform after access M", PROG_VMSIM},
    {"misses", O_MISSES, "FILE", "FILE.fst.misses.csv with --waves", "write the TLB-miss index (CSV) to FILE", PROG_VMSIM},
    {"help", 'h', NULL, NULL, "show this help", BOTH},
    {"version", O_VERSION, NULL, NULL, "show the version", BOTH},
};
#define NSPEC (sizeof spec / sizeof spec[0])

static void help(const options *o)
{
    printf("Usage: %s [-f TRACE] [-b BACKING] [-n FRAMES] [-p POLICY] [options]\n", o->name);
    if (o->prog == PROG_VMREF)
        printf("Runs a trace through the OS and the C reference MMU (TLB + page walker) and\n"
               "prints one line per access and the textbook's statistics.\n\n");
    else
        printf("Runs a trace through the OS and the Verilated RTL MMU, checked access by access\n"
               "against a second system that runs the C reference model.\n\n");
    for (size_t i = 0; i < NSPEC; i++) {
        const opt_spec *s = &spec[i];
        if (!(s->progs & o->prog))
            continue;
        char head[64];
        if (s->key < 256)
            snprintf(head, sizeof head, "-%c, --%s%s%s", s->key, s->lng, s->arg ? " " : "", s->arg ? s->arg : "");
        else
            snprintf(head, sizeof head, "    --%s%s%s", s->lng, s->arg ? " " : "", s->arg ? s->arg : "");
        printf("  %-28s %s", head, s->help);
        if (s->def)
            printf(" [%s]", s->def);
        printf("\n");
    }
    printf("\nStatistics go to stdout in the textbook's format; walks, cycles and more to stderr\n"
           "and to --stats FILE.  Errors: one line on stderr, exit status 2 for a bad command\n"
           "line, 1 for a bad input file.\n");
}

static int bad(const options *o, const char *opt, const char *arg, const char *why)
{
    fprintf(stderr, "%s: %s%s%s: %s (see %s --help)\n", o->name, opt, arg ? " " : "", arg ? arg : "",
            why, o->name);
    return -1;
}

/* A whole unsigned decimal number in [lo, hi]. */
static int number(const char *s, uint64_t lo, uint64_t hi, uint64_t *v)
{
    if (!*s || *s == '-' || *s == '+')
        return -1;
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || *end || x < lo || x > hi)
        return -1;
    *v = x;
    return 0;
}

uint64_t options_max_frames(const preset *p)
{
    /* User memory is allocated for real: at most 2 GiB of it, and the page tables keep
     * 16 MiB of the physical address space above the frames. */
    uint64_t space = (uint64_t)1 << (p->pa_bits < 31 ? p->pa_bits : 31);
    return (space - ((uint64_t)16 << 20)) >> p->page_bits;
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Where the project's generated inputs are: build/traces beside the binary
 * (build/vmref), or one level up (build/<configuration>/vmsim); found from anywhere. */
static void inputs_dir(char *dir, size_t n)
{
    ssize_t k = readlink("/proc/self/exe", dir, n - 1);
    dir[k > 0 ? k : 0] = 0;
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(dir, '/');
        if (!slash) {
            snprintf(dir, n, ".");
            return;
        }
        *slash = 0;
        char probe[2100];
        snprintf(probe, sizeof probe, "%.2048s/traces", dir);
        struct stat st;
        if (stat(probe, &st) == 0 && S_ISDIR(st.st_mode))
            return;
    }
}

int options_parse(options *o, int prog, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->prog = prog;
    o->name = prog == PROG_VMREF ? "vmref" : "vmsim";
    o->frames = 256;
    o->policy = &policy_fifo;
    o->tlb_sets = 1;
    o->tlb_ways = 16;
    o->preset = preset_find("osc");
    o->mem_latency = 1;
    o->waves_from = 1;
    o->waves_to = UINT64_MAX;

    struct option lo[NSPEC + 1];
    char so[2 * NSPEC + 2];
    size_t k = 0, nl = 0;
    so[k++] = ':';
    for (size_t i = 0; i < NSPEC; i++) {
        if (!(spec[i].progs & prog))
            continue;
        lo[nl++] = (struct option){spec[i].lng, spec[i].arg ? required_argument : no_argument, NULL, spec[i].key};
        if (spec[i].key < 256) {
            so[k++] = (char)spec[i].key;
            if (spec[i].arg)
                so[k++] = ':';
        }
    }
    so[k] = 0;
    lo[nl] = (struct option){0, 0, 0, 0};

    const char *tlb_policy = NULL, *frames_arg = NULL;
    uint64_t v;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, so, lo, NULL)) != -1) {
        switch (c) {
        case 'f': o->trace = optarg; break;
        case 'b': o->backing = optarg; break;
        case 'n': frames_arg = optarg; break;
        case 'p':
            o->policy = frame_policy_find(optarg);
            if (!o->policy)
                return bad(o, "-p", optarg, "unknown frame policy; choose fifo, lru, lru-walk, clock or opt");
            if (o->policy->model_only && prog == PROG_VMSIM)
                return bad(o, "-p", optarg, "needs the whole trace in advance, so only vmref runs it");
            break;
        case 't':
            if (strcmp(optarg, "fifo") && strcmp(optarg, "lru"))
                return bad(o, "-t", optarg, "unknown TLB policy; choose fifo or lru");
            tlb_policy = optarg;
            break;
        case O_SETS:
            if (number(optarg, 1, 1024, &v) || (v & (v - 1)))
                return bad(o, "--tlb-sets", optarg, "must be a power of two from 1 to 1024");
            o->tlb_sets = (unsigned)v;
            break;
        case O_WAYS:
            if (number(optarg, 1, 64, &v))
                return bad(o, "--tlb-ways", optarg, "must be a whole number from 1 to 64");
            o->tlb_ways = (unsigned)v;
            break;
        case O_CONFIG:
            o->preset = preset_find(optarg);
            if (!o->preset)
                return bad(o, "--config", optarg, "unknown preset; choose osc, sv32, sv39 or sv48");
            break;
        case O_LATENCY:
            if (number(optarg, 1, 1000, &v))
                return bad(o, "--mem-latency", optarg, "must be a whole number of cycles from 1 to 1000");
            o->mem_latency = (unsigned)v;
            break;
        case O_FORMAT: {
            int f = trace_format_parse(optarg);
            if (f < 0)
                return bad(o, "--format", optarg, "unknown trace format; choose auto, text, ext or lackey");
            o->format = (trace_format)f;
            break;
        }
        case O_NO_ASID: o->no_asid = 1; break;
        case O_MAPS: {
            char *eq = strchr(optarg, '=');
            char pid[16];
            if (!eq || eq == optarg || eq - optarg >= (long)sizeof pid || !eq[1])
                return bad(o, "--maps", optarg, "expected PID=FILE, e.g. --maps 0=prog.maps");
            memcpy(pid, optarg, (size_t)(eq - optarg));
            pid[eq - optarg] = 0;
            if (number(pid, 0, UINT32_MAX, &v))
                return bad(o, "--maps", optarg, "the PID before '=' must be a whole number");
            if (o->nmaps == sizeof o->maps_pid / sizeof o->maps_pid[0])
                return bad(o, "--maps", optarg, "at most 64 maps files");
            for (size_t i = 0; i < o->nmaps; i++)
                if (o->maps_pid[i] == v)
                    return bad(o, "--maps", optarg, "this PID already has a maps file");
            o->maps_pid[o->nmaps] = (uint32_t)v;
            o->maps_file[o->nmaps++] = eq + 1;
            break;
        }
        case 'q': o->quiet = 1; break;
        case O_STATS: o->stats = optarg; break;
        case O_NO_CHECK: o->no_check = 1; break;
        case O_INJECT:
            if (strcmp(optarg, "paddr") && strcmp(optarg, "hit") && strcmp(optarg, "latency") &&
                strcmp(optarg, "fill"))
                return bad(o, "--inject-fault", optarg, "unknown kind; choose paddr, hit, latency or fill");
            o->inject = optarg;
            break;
        case O_WAVES: o->waves = optarg; break;
        case O_FROM:
            if (number(optarg, 1, UINT64_MAX, &o->waves_from))
                return bad(o, "--waves-from", optarg, "must be an access number, 1 or more");
            break;
        case O_TO:
            if (number(optarg, 1, UINT64_MAX, &o->waves_to))
                return bad(o, "--waves-to", optarg, "must be an access number, 1 or more");
            break;
        case O_MISSES: o->misses = optarg; break;
        case 'h': help(o); return 1;
        case O_VERSION: printf("%s (vmmu) %s\n", o->name, VMMU_VERSION); return 1;
        case ':': {
            char opt[64];
            snprintf(opt, sizeof opt, "%s", argv[optind - 1]);
            return bad(o, opt, NULL, "needs an argument");
        }
        default: {
            char opt[64];
            snprintf(opt, sizeof opt, "%s", argv[optind - 1]);
            return bad(o, opt, NULL, "unknown option");
        }
        }
    }
    if (optind < argc)
        return bad(o, argv[optind], NULL, "unexpected argument; the trace is given with -f");
    if (frames_arg) {
        uint64_t max = options_max_frames(o->preset);
        if (number(frames_arg, 0, UINT64_MAX, &o->frames))
            return bad(o, "-n", frames_arg, "must be a whole number of frames");
        if (o->frames == 0)
            return bad(o, "-n", frames_arg, "at least one frame is needed");
        if (o->frames > max) {
            char why[160];
            snprintf(why, sizeof why, "at most %llu frames fit the %s preset here (2 GiB of user memory"
                     " at most, 16 MiB of physical addresses kept for page tables)",
                     (unsigned long long)max, o->preset->name);
            return bad(o, "-n", frames_arg, why);
        }
    }
    if (o->waves_from > o->waves_to)
        return bad(o, "--waves-from", NULL, "must not be after --waves-to");
    o->tlb_lru = tlb_policy ? strcmp(tlb_policy, "lru") == 0 : o->policy->tlb_lru;

    char dir[2048];
    inputs_dir(dir, sizeof dir);
    if (!o->trace) {
        snprintf(o->default_trace, sizeof o->default_trace, "%s/traces/addresses.txt", dir);
        o->trace = o->default_trace;
    }
    if (!o->backing) {
        const char *slash = strrchr(o->trace, '/');
        int len = slash ? (int)(slash - o->trace) : 1;
        snprintf(o->default_backing, sizeof o->default_backing, "%.*s/BACKING_STORE.bin", len,
                 slash ? o->trace : ".");
        if (o->trace == o->default_trace || strcmp(o->trace, "-") == 0 || !is_file(o->default_backing))
            snprintf(o->default_backing, sizeof o->default_backing, "%s/traces/backing.bin", dir);
        o->backing = o->default_backing;
    }
    return 0;
}

void options_echo(const options *o, FILE *f)
{
    fprintf(f, "%s: trace %s, backing %s, %s, %llu frames, frame policy %s, TLB %ux%u %s, "
            "memory latency %u%s\n",
            o->name, o->trace, o->backing, o->preset->name, (unsigned long long)o->frames,
            o->policy->name, o->tlb_sets, o->tlb_ways, o->tlb_lru ? "lru" : "fifo",
            o->mem_latency, o->no_asid ? ", no ASIDs" : "");
}
