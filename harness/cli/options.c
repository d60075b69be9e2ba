// SPDX-License-Identifier: MIT
/* options.c — the option table, getopt_long, defaults and validation, and everything
 * written from the table: --help, the commands a run prints, the --stats record. */
#define _POSIX_C_SOURCE 200809L
#include "harness/cli/options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/base/quote.h"
#include "harness/mmu/mmu_inject.h"
#include "model/pwc.h"
#include "model/tlb.h"

enum {
    O_SETS = 256, O_WAYS, O_ISETS, O_IWAYS, O_IPOLICY, O_CONFIG, O_STATS, O_LATENCY, O_FORMAT, O_NO_ASID, O_NO_CHECK,
    O_INJECT, O_MAPS, O_WAVES, O_FROM, O_TO, O_MISSES, O_VERSION, O_SKIP, O_MAX, O_PROGRESS, O_LIST,
    O_ASID_BASE, O_ASID_STEP, O_PA_BASE, O_PTE_NOISE, O_AD, O_PMEM, O_SUM, O_MXR, O_VECTORS, O_THP,
    O_CHECK_THREAD, O_PWC, O_L2SETS, O_L2WAYS, O_L2POLICY
};

/* The registries an option names one of, each read through one function: the name of
 * entry i, NULL past the last, "" for one this program does not run.  --help, the
 * errors and --list all take their lists from here. */
typedef const char *(*name_at_fn)(size_t i, int prog);

static const char *frame_policy_name(size_t i, int prog)
{
    const frame_policy_ops *p = frame_policy_at((int)i);
    return !p ? NULL : p->model_only && prog == PROG_VMSIM ? "" : p->name;
}

static const char *preset_name(size_t i, int prog)
{
    (void)prog;
    const preset *p = preset_at(i);
    return p ? p->name : NULL;
}

static const char *tlb_name(size_t i, int prog)
{
    (void)prog;
    return tlb_policy_name(i);
}

static const char *format_name(size_t i, int prog)
{
    (void)prog;
    return trace_format_name((trace_format)i);
}

/* The A/D schemes of --ad: the spec's two (Svadu, Svade). */
static const char *const ad_names[] = {"hardware", "fault"};

static const char *ad_name(size_t i, int prog)
{
    (void)prog;
    return i < sizeof ad_names / sizeof ad_names[0] ? ad_names[i] : NULL;
}

static const char *const thread_names[] = {[CHECK_THREAD_NO] = "no", [CHECK_THREAD_YES] = "yes"};
static const char *thread_name(size_t i, int prog)
{
    (void)prog;
    return i < sizeof thread_names / sizeof thread_names[0] ? thread_names[i] : NULL;
}

static const char *inject_name(size_t i, int prog)
{
    (void)prog;
    return mmu_inject_name(i);
}

/* The names a program takes, "a, b, c", into buf (cut if it does not fit). */
static const char *name_list(name_at_fn at, int prog, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = 0;
    const char *name;
    for (size_t i = 0; (name = at(i, prog)) != NULL; i++) {
        if (!*name)
            continue;
        int w = snprintf(buf + k, n - k, "%s%s", k ? ", " : "", name);
        if (w < 0 || (size_t)w >= n - k)
            break;
        k += (size_t)w;
    }
    return buf;
}

/* What an option is, for the commands and records written from the table. */
enum {
    F_ALWAYS = 1,  /* written into every command, given or not: it chooses the input or the build */
    F_OUT = 2,     /* names a file the run writes: left out of re-runs, never an input */
    F_META = 4     /* says how to run, not what: left out of commands and records */
};

typedef struct opt_spec {
    const char *lng;
    int key;          /* the short option letter, or an O_ code */
    const char *arg;  /* NULL: takes no argument */
    const char *def;  /* default, for --help */
    const char *help;
    int progs;
    const char *make; /* the `make sim` / `make ref` variable that passes it, or NULL */
    int flags;
    name_at_fn names; /* the registry its argument is one of (its help has a %s for them), or NULL */
} opt_spec;

static const char *listable_name(size_t i, int prog);

#define BOTH (PROG_VMREF | PROG_VMSIM)
static const opt_spec spec[] = {
    {"trace", 'f', "TRACE", "the project's default trace", "the trace to run (- for stdin); plain text, or compressed by gzip, xz or zstd", BOTH, "TRACE", F_ALWAYS, NULL},
    {"backing", 'b', "BACKING", "BACKING_STORE.bin beside TRACE, else the project's", "the backing store (read, never written)", BOTH, "BACKING", F_ALWAYS, NULL},
    {"frames", 'n', "FRAMES", "256", "number of physical frames", BOTH, "FRAMES", 0, NULL},
    {"policy", 'p', "POLICY", "fifo", "frame policy: %s; fifo/lru/lru-walk also set the TLB's", BOTH, "POLICY", 0, frame_policy_name},
    {"tlb-policy", 't', "POLICY", "from -p, else fifo", "TLB replacement: %s", BOTH, "TLB_POLICY", 0, tlb_name},
    {"tlb-sets", O_SETS, "SETS", "1", "TLB sets, a power of two 1..1024", BOTH, "TLB_SETS", F_ALWAYS, NULL},
    {"tlb-ways", O_WAYS, "WAYS", "16", "TLB ways, 1..64", BOTH, "TLB_WAYS", F_ALWAYS, NULL},
    {"itlb-ways", O_IWAYS, "WAYS", "0, none", "an instruction TLB of WAYS ways (1..64) for fetches, the TLB above then serving loads and stores only (the DTLB); 0: one TLB for all", BOTH, "ITLB_WAYS", F_ALWAYS, NULL},
    {"itlb-sets", O_ISETS, "SETS", "1", "the instruction TLB's sets, a power of two 1..1024", BOTH, "ITLB_SETS", F_ALWAYS, NULL},
    {"itlb-policy", O_IPOLICY, "POLICY", "the TLB's", "the instruction TLB's replacement: %s", BOTH, "ITLB_POLICY", 0, tlb_name},
    {"pwc-entries", O_PWC, "N", "0, none", "a page-walk cache of N pointer PTEs (a power of two up to 64, plru), which spares a walk the reads of upper levels it holds", BOTH, "PWC_ENTRIES", 0, NULL},
    {"l2-ways", O_L2WAYS, "WAYS", "0, none", "a second-level TLB of WAYS ways (1..64), shared by the TLB and the instruction TLB, looked up after their miss", BOTH, "L2_WAYS", 0, NULL},
    {"l2-sets", O_L2SETS, "SETS", "1", "the second-level TLB's sets, a power of two 1..1024", BOTH, "L2_SETS", 0, NULL},
    {"l2-policy", O_L2POLICY, "POLICY", "the TLB's", "the second-level TLB's replacement: %s", BOTH, "L2_POLICY", 0, tlb_name},
    {"config", O_CONFIG, "PRESET", "osc", "address geometry: %s", BOTH, "CONFIG", F_ALWAYS, preset_name},
    {"mem-latency", O_LATENCY, "CYCLES", "1", "cycles the walker waits for each memory access, 1..1000", BOTH, "MEM_LATENCY", 0, NULL},
    {"format", O_FORMAT, "FORMAT", "auto", "trace format: %s", BOTH, "FORMAT", 0, format_name},
    {"no-asid", O_NO_ASID, NULL, NULL, "flush the TLB on every process switch instead of tagging entries by ASID", BOTH, "NO_ASID", 0, NULL},
    {"asid-base", O_ASID_BASE, "N", "0", "the first process's ASID, 0..65535 (decimal or 0x hex); the next ones follow in order of first appearance, --asid-step apart (with --no-asid, every process runs under N)", BOTH, "ASID_BASE", 0, NULL},
    {"asid-step", O_ASID_STEP, "S", "1", "the step between consecutive processes' ASIDs, 1..65535, modulo 65536; a process whose ASID would repeat is refused", BOTH, "ASID_STEP", 0, NULL},
    {"pa-base", O_PA_BASE, "PA", "0", "where physical memory starts (decimal or 0x hex, page aligned): frame f at PA + f pages, the page tables above the frames, 16 MiB kept for them below the top", BOTH, "PA_BASE", 0, NULL},
    {"pte-noise", O_PTE_NOISE, NULL, NULL, "set the PTE bits a walker must ignore (RSW, bits 8-9) to a pattern, so a walker that reads them shows", BOTH, "PTE_NOISE", 0, NULL},
    {"ad", O_AD, "SCHEME", "hardware", "who sets a PTE's A and D bits: %s (hardware: the walker, Svadu; fault: a page fault, and the OS sets them, Svade)", BOTH, "AD", 0, ad_name},
    {"pmem", O_PMEM, "BYTES", "0, unbounded", "physical memory's size (decimal or 0x hex): a PTE or an address at or above it is an access fault; the frames and page tables are kept below it", BOTH, "PMEM", 0, NULL},
    {"sum", O_SUM, NULL, NULL, "mstatus.SUM: the trace's S-mode loads and stores may touch user pages, and the OS pages them in (as copy_from_user does); without it they are protection faults, as S-mode fetches always are", BOTH, "SUM", 0, NULL},
    {"mxr", O_MXR, NULL, NULL, "mstatus.MXR: loads may read pages that are executable but not readable (a map's --x regions)", BOTH, "MXR", 0, NULL},
    {"thp", O_THP, NULL, NULL, "huge pages from the OS: a fault in an aligned 2\x01MiB range (sv32: 4\x01MiB) anonymous in the map (any, without --maps) maps a megapage when an aligned run of free frames holds it, else 4\x01KiB, as Linux's THP", BOTH, "THP", 0, NULL},
    {"maps", O_MAPS, "PID=FILE", NULL, "process PID's memory map, /proc/PID/maps format (repeatable); an address outside it is a segmentation fault", BOTH, "MAPS", 0, NULL},
    {"skip", O_SKIP, "N", "0", "warm-up: run the first N accesses without printing or counting them", BOTH, "SKIP", 0, NULL},
    {"max", O_MAX, "M", "all", "stop after M counted accesses", BOTH, "MAX", 0, NULL},
    {"quiet", 'q', NULL, NULL, "no per-access lines, only the statistics", BOTH, "Q", 0, NULL},
    {"stats", O_STATS, "FILE", NULL, "write the statistics and this run's configuration as JSON to FILE", BOTH, "STATS", F_OUT, NULL},
    {"progress", O_PROGRESS, NULL, "when stderr is a terminal", "show progress on stderr (accesses, rate, percent and time left of a file)", BOTH, "PROGRESS", F_META, NULL},
    {"no-check", O_NO_CHECK, NULL, NULL, "run the RTL system alone, without the model", PROG_VMSIM, NULL, 0, NULL},
    {"check-thread", O_CHECK_THREAD, "WHEN", "no", "run the model's system in a thread of its own, beside the RTL's: %s; the same check, faster where the second CPU is a core of its own (docs/bench.md: not on this project's VM)", PROG_VMSIM, "CHECK_THREAD", 0, thread_name},
    {"inject-fault", O_INJECT, "KIND", NULL, "corrupt one thing so the checker must object: %s", PROG_VMSIM, "INJECT", 0, inject_name},
    {"waves", O_WAVES, "FILE", NULL, "write an FST waveform of the RTL to FILE", PROG_VMSIM, NULL, F_OUT, NULL},
    {"waves-from", O_FROM, "K", "1", "start the waveform at access K", PROG_VMSIM, NULL, F_OUT, NULL},
    {"waves-to", O_TO, "M", "the last", "stop the waveform after access M", PROG_VMSIM, NULL, F_OUT, NULL},
    {"misses", O_MISSES, "FILE", "FILE.misses.csv with --waves FILE", "write the TLB-miss index (CSV) to FILE", PROG_VMSIM, NULL, F_OUT, NULL},
    {"vectors", O_VECTORS, "FILE", NULL, "run the MMU test vectors of FILE (issue 16 fixes their format): the MMU alone, no OS, no trace; one line per request (vmsim: the RTL's, each request checked against the model's, its answer and its walker's every memory operation)", BOTH, NULL, 0, NULL},
    {"list", O_LIST, "OPTION", NULL, "print the names OPTION takes, one a line, and exit; OPTION is one of %s", BOTH, NULL, F_META, listable_name},
    {"help", 'h', NULL, NULL, "show this help", BOTH, NULL, F_META, NULL},
    {"version", O_VERSION, NULL, NULL, "show the version", BOTH, NULL, F_META, NULL},
};
#define NSPEC (sizeof spec / sizeof spec[0])
_Static_assert(NSPEC <= 64, "options.given has one bit per option");

/* The options --list takes: those whose argument is a registry's name, of either
 * program (so make's checks ask vmref about vmsim's options too). */
static const char *listable_name(size_t i, int prog)
{
    (void)prog;
    if (i >= NSPEC)
        return NULL;
    return spec[i].names && spec[i].names != listable_name ? spec[i].lng : "";
}

/* One option of --help: its head in a column of 28, its text wrapped at 80. */
static void wrapped(const char *head, const char *text)
{
    enum { COL = 31, WIDTH = 80 };
    printf("  %-28s ", head);
    if (strlen(head) > 28)
        printf("\n%*s", COL, "");
    size_t col = COL;
    for (const char *p = text; *p;) {
        size_t w = strcspn(p, " ");
        if (col > COL && col + 1 + w > WIDTH) {
            printf("\n%*s", COL, "");
            col = COL;
        } else if (col > COL) {
            putchar(' ');
            col++;
        }
        for (size_t i = 0; i < w; i++)
            putchar(p[i] == '\x01' ? ' ' : p[i]);
        col += w;
        p += w;
        while (*p == ' ')
            p++;
    }
    putchar('\n');
}

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
        char head[64], text[256];
        if (s->key < 256)
            snprintf(head, sizeof head, "-%c, --%s%s%s", s->key, s->lng, s->arg ? " " : "", s->arg ? s->arg : "");
        else
            snprintf(head, sizeof head, "    --%s%s%s", s->lng, s->arg ? " " : "", s->arg ? s->arg : "");
        if (s->names) {
            char names[128];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* the table's help strings, one %s each */
            snprintf(text, sizeof text, s->help, name_list(s->names, o->prog, names, sizeof names));
#pragma GCC diagnostic pop
        } else {
            snprintf(text, sizeof text, "%s", s->help);
        }
        if (s->key == 'p' && o->prog == PROG_VMSIM)
            snprintf(text + strlen(text), sizeof text - strlen(text), " (opt needs the whole trace ahead: vmref only)");
        size_t k = strlen(text);
        if (s->def)
            snprintf(text + k, sizeof text - k, " [default: %s]", s->def);
        k = strlen(text);
        if (s->make)
            snprintf(text + k, sizeof text - k, " (make:\x01%s=)", s->make); /* kept on one line */
        wrapped(head, text);
    }
    printf("\nStatistics go to stdout in the textbook's format; walks, cycles and more to\n"
           "stderr and to --stats FILE.  Errors: one line on stderr; exit status 2 for a bad\n"
           "command line, 1 for a bad input file%s.\n"
           "A (make: VAR=) passes the option through `make sim` and `make ref`.\n",
           o->prog == PROG_VMSIM ? ",\n3 for a mismatch between the RTL and the model" : "");
}

static int bad(const options *o, const char *opt, const char *arg, const char *why)
{
    fprintf(stderr, "%s: %s%s%s: %s (see %s --help)\n", o->name, opt, arg ? " " : "", arg ? arg : "",
            why, o->name);
    return -1;
}

/* An argument that is not one of its registry's names: "unknown WHAT; choose a, b, c". */
static int bad_name(const options *o, const char *opt, const char *arg, const char *what, int key)
{
    char why[200], names[128];
    for (size_t i = 0; i < NSPEC; i++)
        if (spec[i].key == key)
            name_list(spec[i].names, o->prog, names, sizeof names);
    snprintf(why, sizeof why, "unknown %s; choose %s", what, names);
    return bad(o, opt, arg, why);
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

/* A whole number written in decimal or, after 0x, in hex (an address). */
static int address(const char *s, uint64_t *v)
{
    int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    const char *digits = hex ? s + 2 : s;
    if (!*digits || strspn(digits, hex ? "0123456789abcdefABCDEF" : "0123456789") != strlen(digits))
        return -1;
    errno = 0;
    unsigned long long x = strtoull(digits, NULL, hex ? 16 : 10);
    if (errno)
        return -1;
    *v = x;
    return 0;
}

/* Option `opt`'s argument as a whole number in [lo, hi] into *v: 0, or -1 after saying
 * `why` it is not. */
static int whole(const options *o, const char *opt, const char *arg, uint64_t lo, uint64_t hi,
                 const char *why, uint64_t *v)
{
    return number(arg, lo, hi, v) ? bad(o, opt, arg, why) : 0;
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

static const opt_spec *spec_of(int key)
{
    for (size_t i = 0; i < NSPEC; i++)
        if (spec[i].key == key)
            return &spec[i];
    return NULL;
}

/* An output must not be an input, nor another output: compilers refuse `-o` naming
 * their source for the same reason.  Files are the same when their inode is; an
 * output that does not exist yet can only clash with another output's name. */
typedef struct named_file {
    const char *what;  /* "the trace (-f)" */
    const char *path;
    int fd;            /* >= 0: compare this open file (standard input) instead */
} named_file;

static int same_file(const named_file *a, const named_file *b)
{
    struct stat sa, sb;
    int ka = a->fd >= 0 ? fstat(a->fd, &sa) : stat(a->path, &sa);
    int kb = b->fd >= 0 ? fstat(b->fd, &sb) : stat(b->path, &sb);
    if (ka == 0 && kb == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino && S_ISREG(sa.st_mode);
    return a->fd < 0 && b->fd < 0 && strcmp(a->path, b->path) == 0;
}

static int check_outputs(options *o)
{
    named_file in[3 + 64], out[3];
    size_t nin = 0, nout = 0;
    in[nin++] = (named_file){"the trace (-f)", o->trace, strcmp(o->trace, "-") == 0 ? 0 : -1};
    in[nin++] = (named_file){"the backing store (-b)", o->backing, -1};
    for (size_t i = 0; i < o->nmaps; i++)
        in[nin++] = (named_file){"a maps file (--maps)", o->maps_file[i], -1};
    if (o->stats)
        out[nout++] = (named_file){"--stats", o->stats, -1};
    if (o->waves)
        out[nout++] = (named_file){"--waves", o->waves, -1};
    if (o->misses)
        out[nout++] = (named_file){"--misses", o->misses, -1};
    for (size_t i = 0; i < nout; i++) {
        char why[160];
        for (size_t j = 0; j < nin; j++)
            if (same_file(&out[i], &in[j])) {
                snprintf(why, sizeof why, "is %s; an output never overwrites an input", in[j].what);
                return bad(o, out[i].what, out[i].path, why);
            }
        for (size_t j = 0; j < i; j++)
            if (same_file(&out[i], &out[j])) {
                snprintf(why, sizeof why, "is also the file of %s; give each output its own file", out[j].what);
                return bad(o, out[i].what, out[i].path, why);
            }
    }
    return 0;
}

/* What options_parse keeps between options: those checked once all are in. */
typedef struct parse_state {
    const char *tlb_policy, *itlb_policy, *itlb_sets, *frames, *pa_base, *pmem, *l2_policy, *l2_sets;
} parse_state;

static void set_defaults(options *o, int prog, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->prog = prog;
    o->name = prog == PROG_VMREF ? "vmref" : "vmsim";
    o->argv0 = argc > 0 ? argv[0] : o->name;
    o->frames = 256;
    o->policy = &policy_fifo;
    o->tlb_sets = 1;
    o->tlb_ways = 16;
    o->itlb_sets = 1;
    o->l2_sets = 1;
    o->preset = preset_find("osc");
    o->mem_latency = 1;
    o->max = UINT64_MAX;
    o->asid_step = 1;
    o->waves_from = 1;
    o->waves_to = UINT64_MAX;
    o->progress = isatty(2);
}

/* getopt_long's two tables for a program, from the one table. */
static void getopt_tables(int prog, struct option lo[NSPEC + 1], char so[2 * NSPEC + 2])
{
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
}

/* Takes option `c` (its argument in optarg): 0 to go on, 1 when it printed what was
 * asked (--help, --version, --list), -1 after saying what is wrong. */
/* The sets (sets 1) or ways of a TLB beside the first (--itlb-*, --l2-*): the model's
 * rule for a geometry, one dimension at a time; 0 ways is none (`what`). */
static int side_tlb(options *o, const char *opt, const char *arg, int sets, const char *what, unsigned *out)
{
    uint64_t v;
    if (number(arg, sets, UINT32_MAX, &v) || (v && !tlb_geometry_ok(sets ? (unsigned)v : 1, sets ? 1 : (unsigned)v))) {
        char why[96];
        if (sets)
            snprintf(why, sizeof why, "must be a power of two from 1 to 1024");
        else
            snprintf(why, sizeof why, "must be a whole number from 0 (no %s) to 64", what);
        return bad(o, opt, arg, why);
    }
    *out = (unsigned)v;
    return 0;
}

/* A side TLB's policy: `name` if given (--PREFIX-policy), else the TLB's, for its
 * `ways`; a policy or sets given without ways are refused.  `a_what` names the TLB
 * with its article, `what` without. */
static int side_policy(options *o, const char *prefix, const char *knob, const char *a_what, const char *what,
                       const char *name, const char *sets, unsigned ways, tlb_policy *out)
{
    char why[128], opt[24];
    snprintf(opt, sizeof opt, "--%s-%s", prefix, name || !sets ? "policy" : "sets");
    if (!ways && (name || sets)) {
        snprintf(why, sizeof why, "has no meaning without %s: give --%s-ways too (make: %s_WAYS=)", a_what, prefix, knob);
        return bad(o, opt, NULL, why);
    }
    *out = name ? (tlb_policy)tlb_policy_parse(name) : o->tlb_policy;
    if (ways && !tlb_policy_ok(*out, ways)) {
        snprintf(why, sizeof why, "needs a power-of-two number of %s ways, not %u", what, ways);
        return bad(o, name ? opt : "-t", tlb_policy_name(*out), why);
    }
    return 0;
}

static int take(options *o, parse_state *ps, int c, char **argv)
{
    uint64_t v;
    switch (c) {
    case 'f': o->trace = optarg; break;
    case 'b': o->backing = optarg; break;
    case 'n': ps->frames = optarg; break;
    case 'p':
        o->policy = frame_policy_find(optarg);
        if (!o->policy)
            return bad_name(o, "-p", optarg, "frame policy", 'p');
        if (o->policy->model_only && o->prog == PROG_VMSIM) {
            char why[200], names[128];
            snprintf(why, sizeof why, "needs the whole trace in advance, so only vmref runs it; choose %s",
                     name_list(frame_policy_name, o->prog, names, sizeof names));
            return bad(o, "-p", optarg, why);
        }
        break;
    case 't':
    case O_IPOLICY:
    case O_L2POLICY:
        /* Checked once all are in (the ways they need may come later). */
        if (tlb_policy_parse(optarg) < 0)
            return bad_name(o, c == 't' ? "-t" : c == O_IPOLICY ? "--itlb-policy" : "--l2-policy", optarg,
                            "TLB policy", 't');
        *(c == 't' ? &ps->tlb_policy : c == O_IPOLICY ? &ps->itlb_policy : &ps->l2_policy) = optarg;
        break;
    case O_ISETS:
    case O_L2SETS:
        *(c == O_ISETS ? &ps->itlb_sets : &ps->l2_sets) = optarg;
        return side_tlb(o, c == O_ISETS ? "--itlb-sets" : "--l2-sets", optarg, 1, NULL,
                        c == O_ISETS ? &o->itlb_sets : &o->l2_sets);
    case O_IWAYS:
        return side_tlb(o, "--itlb-ways", optarg, 0, "instruction TLB", &o->itlb_ways);
    case O_L2WAYS:
        return side_tlb(o, "--l2-ways", optarg, 0, "second-level TLB", &o->l2_ways);
    case O_PWC:
        if (number(optarg, 0, UINT32_MAX, &v) || !pwc_entries_ok((unsigned)v))
            return bad(o, "--pwc-entries", optarg, "must be 0 (none) or a power of two from 1 to 64");
        o->pwc_entries = (unsigned)v;
        break;
    case O_SETS:
    case O_WAYS: {
        /* The model's own rule for a geometry, asked of one dimension at a time. */
        int sets = c == O_SETS;
        if (number(optarg, 1, UINT32_MAX, &v) || !tlb_geometry_ok(sets ? (unsigned)v : 1, sets ? 1 : (unsigned)v))
            return bad(o, sets ? "--tlb-sets" : "--tlb-ways", optarg,
                       sets ? "must be a power of two from 1 to 1024" : "must be a whole number from 1 to 64");
        *(sets ? &o->tlb_sets : &o->tlb_ways) = (unsigned)v;
        break;
    }
    case O_CONFIG:
        o->preset = preset_find(optarg);
        if (!o->preset)
            return bad_name(o, "--config", optarg, "preset", O_CONFIG);
        break;
    case O_LATENCY:
        if (whole(o, "--mem-latency", optarg, 1, 1000, "must be a whole number of cycles from 1 to 1000", &v))
            return -1;
        o->mem_latency = (unsigned)v;
        break;
    case O_FORMAT: {
        int f = trace_format_parse(optarg);
        if (f < 0)
            return bad_name(o, "--format", optarg, "trace format", O_FORMAT);
        o->format = (trace_format)f;
        break;
    }
    case O_NO_ASID: o->no_asid = 1; break;
    case O_PTE_NOISE: o->pte_noise = 1; break;
    case O_SUM: o->sum = 1; break;
    case O_MXR: o->mxr = 1; break;
    case O_THP: o->thp = 1; break;
    case O_ASID_BASE:
    case O_ASID_STEP: {
        int base = c == O_ASID_BASE;
        /* ASIDs are bit patterns as often as counts: 0xffff reads better than 65535. */
        if (address(optarg, &v) || v < (uint64_t)!base || v > 65535)
            return bad(o, base ? "--asid-base" : "--asid-step", optarg,
                       base ? "must be an ASID from 0 to 65535 (0xffff), decimal or 0x hex"
                            : "must be from 1 to 65535 (0xffff), decimal or 0x hex");
        *(base ? &o->asid_base : &o->asid_step) = (uint16_t)v;
        break;
    }
    case O_AD:
        if (strcmp(optarg, ad_names[0]) != 0 && strcmp(optarg, ad_names[1]) != 0)
            return bad_name(o, "--ad", optarg, "A/D scheme", O_AD);
        o->ad_fault = strcmp(optarg, ad_names[1]) == 0;
        break;
    case O_PMEM:
        if (address(optarg, &o->pmem))
            return bad(o, "--pmem", optarg, "must be a size in bytes, decimal or 0x hex (0: unbounded)");
        ps->pmem = optarg;
        break;
    case O_VECTORS: o->vectors = optarg; break;
    case O_PA_BASE:
        if (address(optarg, &o->pa_base))
            return bad(o, "--pa-base", optarg, "must be a physical address, decimal or 0x hex");
        ps->pa_base = optarg;
        break;
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
    case O_SKIP:
        if (whole(o, "--skip", optarg, 0, UINT64_MAX, "must be a whole number of accesses", &o->skip))
            return -1;
        break;
    case O_MAX:
        if (whole(o, "--max", optarg, 1, UINT64_MAX, "must be a whole number of accesses, 1 or more", &o->max))
            return -1;
        break;
    case O_PROGRESS: o->progress = 1; break;
    case 'q': o->quiet = 1; break;
    case O_STATS: o->stats = optarg; break;
    case O_NO_CHECK: o->no_check = 1; break;
    case O_CHECK_THREAD: {
        int k = -1;
        for (size_t i = 0; i < sizeof thread_names / sizeof thread_names[0]; i++)
            if (strcmp(optarg, thread_names[i]) == 0)
                k = (int)i;
        if (k < 0)
            return bad_name(o, "--check-thread", optarg, "choice", O_CHECK_THREAD);
        o->check_thread = k;
        break;
    }
    case O_INJECT:
        if (mmu_inject_parse(optarg) < 0)
            return bad_name(o, "--inject-fault", optarg, "kind", O_INJECT);
        o->inject = optarg;
        break;
    case O_WAVES: o->waves = optarg; break;
    case O_FROM:
    case O_TO:
        if (whole(o, c == O_FROM ? "--waves-from" : "--waves-to", optarg, 1, UINT64_MAX,
                  "must be an access number, 1 or more", c == O_FROM ? &o->waves_from : &o->waves_to))
            return -1;
        break;
    case O_MISSES: o->misses = optarg; break;
    case O_LIST: {
        const opt_spec *l = NULL;
        for (size_t i = 0; i < NSPEC; i++)
            if (spec[i].names && strcmp(spec[i].lng, optarg) == 0)
                l = &spec[i];
        if (!l || l->names == listable_name)
            return bad_name(o, "--list", optarg, "list", O_LIST);
        const char *name;
        int as = (l->progs & o->prog) ? o->prog : l->progs; /* another program's option: its names */
        for (size_t i = 0; (name = l->names(i, as)) != NULL; i++)
            if (*name)
                printf("%s\n", name);
        return 1;
    }
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
    return 0;
}

/* What can be checked only once every option is in. */
static int check_all(options *o, const parse_state *ps)
{
    if (ps->frames) {
        uint64_t max = options_max_frames(o->preset);
        if (number(ps->frames, 0, UINT64_MAX, &o->frames))
            return bad(o, "-n", ps->frames, "must be a whole number of frames");
        if (o->frames == 0)
            return bad(o, "-n", ps->frames, "at least one frame is needed");
        if (o->frames > max) {
            char why[160];
            snprintf(why, sizeof why, "at most %llu frames fit the %s preset here (2 GiB of user memory"
                     " at most, 16 MiB of physical addresses kept for page tables)",
                     (unsigned long long)max, o->preset->name);
            return bad(o, "-n", ps->frames, why);
        }
    }
    if (ps->pa_base) {
        /* The frames, then the page tables' 16 MiB, below the top of the PA space. */
        const preset *p = o->preset;
        uint64_t top = (uint64_t)1 << p->pa_bits, need = (o->frames << p->page_bits) + ((uint64_t)16 << 20);
        char why[200];
        if (o->pa_base & (preset_page_size(p) - 1)) {
            snprintf(why, sizeof why, "must be a multiple of the %s page size, %llu", p->name,
                     (unsigned long long)preset_page_size(p));
            return bad(o, "--pa-base", ps->pa_base, why);
        }
        if (o->pa_base > top || need > top - o->pa_base) {
            snprintf(why, sizeof why, "the %llu frames from it and 16 MiB of page tables above them must end by 0x%llx,"
                     " the top of %s's %u-bit physical addresses: at most 0x%llx here",
                     (unsigned long long)o->frames, (unsigned long long)top, p->name, p->pa_bits,
                     (unsigned long long)(need > top ? 0 : top - need));
            return bad(o, "--pa-base", ps->pa_base, why);
        }
    }
    if (ps->pmem && o->pmem) {
        /* The frames below the end of memory, and the page tables with them. */
        const preset *p = o->preset;
        uint64_t end = o->pa_base + (o->frames << p->page_bits);
        if (end >= o->pmem) {
            char why[200];
            snprintf(why, sizeof why, "the %llu frames from 0x%llx end at 0x%llx: physical memory must reach"
                     " beyond them, for the page tables", (unsigned long long)o->frames,
                     (unsigned long long)o->pa_base, (unsigned long long)end);
            return bad(o, "--pmem", ps->pmem, why);
        }
    }
    {
        unsigned bits = o->preset->asid_bits;
        if (o->asid_base >> bits) {
            char why[160], arg[24];
            snprintf(why, sizeof why, "%s's ASIDs are %u bits: at most %u (0x%x)", o->preset->name, bits,
                     (1u << bits) - 1, (1u << bits) - 1);
            snprintf(arg, sizeof arg, "%u", o->asid_base);
            return bad(o, "--asid-base", arg, why);
        }
    }
    if (o->waves_from > o->waves_to)
        return bad(o, "--waves-from", NULL, "must not be after --waves-to");
    if (o->thp && o->preset->levels < 2) {
        char why[160];
        snprintf(why, sizeof why, "needs superpages, and the %s preset has none: its page table has one level"
                 " (use sv32, sv39 or sv48)", o->preset->name);
        return bad(o, "--thp", NULL, why);
    }
    o->tlb_policy = ps->tlb_policy ? (tlb_policy)tlb_policy_parse(ps->tlb_policy) : o->policy->tlb_policy;
    if (!tlb_policy_ok(o->tlb_policy, o->tlb_ways)) {
        char why[96];
        snprintf(why, sizeof why, "needs a power-of-two number of TLB ways, not %u", o->tlb_ways);
        return bad(o, "-t", tlb_policy_name(o->tlb_policy), why);
    }
    /* The instruction TLB's and the second-level TLB's: their policy is the TLB's
     * unless given. */
    if (side_policy(o, "itlb", "ITLB", "an instruction TLB", "instruction TLB", ps->itlb_policy, ps->itlb_sets,
                    o->itlb_ways, &o->itlb_policy) ||
        side_policy(o, "l2", "L2", "a second-level TLB", "second-level TLB", ps->l2_policy, ps->l2_sets,
                    o->l2_ways, &o->l2_policy))
        return -1;
    return 0;
}

/* With --vectors only the MMU runs: the options that say how it is built, and those
 * that only print or ask, mean something; every other is refused, so that nobody
 * thinks it took effect. */
static int check_vectors(const options *o)
{
    static const int keep[] = {O_VECTORS, 't', O_SETS, O_WAYS, O_ISETS, O_IWAYS, O_IPOLICY, O_PWC, O_L2SETS, O_L2WAYS, O_L2POLICY, O_CONFIG, O_LATENCY, O_PROGRESS, O_LIST, 'h',
                               O_VERSION, O_NO_CHECK, O_INJECT};
    for (size_t i = 0; i < NSPEC; i++) {
        int k = spec[i].key, kept = 0;
        for (size_t j = 0; j < sizeof keep / sizeof keep[0]; j++)
            kept |= keep[j] == k;
        if (!kept && (o->given >> i & 1)) {
            char opt[40];
            snprintf(opt, sizeof opt, "--%s", spec[i].lng);
            return bad(o, opt, NULL, "has no meaning with --vectors: the vectors run the MMU alone, with no"
                       " OS and no trace, and set its controls themselves");
        }
    }
    return 0;
}

/* The files an option left out: the project's trace, the backing store beside the
 * trace (else the project's), the miss index beside the waves. */
static void default_files(options *o)
{
    char dir[2048];
    inputs_dir(dir, sizeof dir);
    if (!o->trace) {
        snprintf(o->default_trace, sizeof o->default_trace, "%s/traces/addresses.txt", dir);
        o->trace = o->default_trace;
        /* `vmref < file` reads the default trace, not the file: say so. */
        struct stat st;
        if (fstat(0, &st) == 0 && (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode)) && st.st_size != 0)
            fprintf(stderr, "%s: note: no -f, so running the project's own trace; standard input is read"
                    " only with -f -\n", o->name);
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
    if (o->waves && !o->misses) {
        snprintf(o->default_misses, sizeof o->default_misses, "%s.misses.csv", o->waves);
        o->misses = o->default_misses;
    }
}

/* OPT reads the trace twice: once ahead, then the run. */
static int check_lookahead(options *o)
{
    if (o->policy->needs_future) {
        /* The look-ahead reads the trace once before the run reads it again. */
        struct stat st;
        int got = strcmp(o->trace, "-") == 0 ? fstat(0, &st) : stat(o->trace, &st);
        if (got == 0 && !S_ISREG(st.st_mode))
            return bad(o, "-p", o->policy->name, "reads the trace twice (once ahead, for each page's next"
                       " use), so the trace must be a file, not a pipe: save it to a file first");
    }
    return 0;
}

int options_parse(options *o, int prog, int argc, char **argv)
{
    set_defaults(o, prog, argc, argv);
    struct option lo[NSPEC + 1];
    char so[2 * NSPEC + 2];
    getopt_tables(prog, lo, so);
    parse_state ps = {0};
    int c, r;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, so, lo, NULL)) != -1) {
        const opt_spec *s = spec_of(c);
        if (s)
            o->given |= (uint64_t)1 << (s - spec);
        if ((r = take(o, &ps, c, argv)) != 0)
            return r;
    }
    if (optind < argc)
        return bad(o, argv[optind], NULL, "unexpected argument; the trace is given with -f");
    if (check_all(o, &ps) != 0)
        return -1;
    if (o->vectors)
        return check_vectors(o);
    default_files(o);
    if (check_lookahead(o) != 0)
        return -1;
    return check_outputs(o);
}

/* The value of option `s` in this run as text (into buf), "" for a flag that is on,
 * or NULL when the run does not have it. */
static const char *value_of(const options *o, const opt_spec *s, char *buf, size_t n)
{
    int given = (o->given >> (s - spec)) & 1;
    switch (s->key) {
    case 'f': return o->trace;
    case 'b': return o->backing;
    case 'n': snprintf(buf, n, "%llu", (unsigned long long)o->frames); return buf;
    case 'p': return o->policy->name;
    case 't': return tlb_policy_name(o->tlb_policy);
    case O_SETS: snprintf(buf, n, "%u", o->tlb_sets); return buf;
    case O_WAYS: snprintf(buf, n, "%u", o->tlb_ways); return buf;
    /* Without an instruction TLB a run has none of its three: no command shows them. */
    case O_IWAYS: snprintf(buf, n, "%u", o->itlb_ways); return o->itlb_ways ? buf : NULL;
    case O_ISETS: snprintf(buf, n, "%u", o->itlb_sets); return o->itlb_ways ? buf : NULL;
    case O_IPOLICY: return o->itlb_ways && given ? tlb_policy_name(o->itlb_policy) : NULL;
    case O_PWC: snprintf(buf, n, "%u", o->pwc_entries); return o->pwc_entries ? buf : NULL;
    case O_L2WAYS: snprintf(buf, n, "%u", o->l2_ways); return o->l2_ways ? buf : NULL;
    case O_L2SETS: snprintf(buf, n, "%u", o->l2_sets); return o->l2_ways ? buf : NULL;
    case O_L2POLICY: return o->l2_ways && given ? tlb_policy_name(o->l2_policy) : NULL;
    case O_CONFIG: return o->preset->name;
    case O_LATENCY: snprintf(buf, n, "%u", o->mem_latency); return buf;
    case O_FORMAT: return trace_format_name(o->format);
    case O_NO_ASID: return o->no_asid ? "" : NULL;
    case O_PTE_NOISE: return o->pte_noise ? "" : NULL;
    case O_ASID_BASE: snprintf(buf, n, "%u", o->asid_base); return buf;
    case O_ASID_STEP: snprintf(buf, n, "%u", o->asid_step); return buf;
    case O_PA_BASE: snprintf(buf, n, "%llu", (unsigned long long)o->pa_base); return buf;
    case O_AD: return ad_names[o->ad_fault];
    case O_PMEM: snprintf(buf, n, "%llu", (unsigned long long)o->pmem); return buf;
    case O_SUM: return o->sum ? "" : NULL;
    case O_MXR: return o->mxr ? "" : NULL;
    case O_THP: return o->thp ? "" : NULL;
    case O_VECTORS: return o->vectors;
    case O_SKIP: snprintf(buf, n, "%llu", (unsigned long long)o->skip); return buf;
    case O_MAX:
        if (o->max == UINT64_MAX)
            return NULL;
        snprintf(buf, n, "%llu", (unsigned long long)o->max);
        return buf;
    case 'q': return o->quiet ? "" : NULL;
    case O_STATS: return o->stats;
    case O_PROGRESS: return given ? "" : NULL;
    case O_NO_CHECK: return o->no_check ? "" : NULL;
    case O_CHECK_THREAD: return thread_names[o->check_thread];
    case O_INJECT: return o->inject;
    case O_WAVES: return o->waves;
    case O_FROM: snprintf(buf, n, "%llu", (unsigned long long)o->waves_from); return o->waves ? buf : NULL;
    case O_TO:
        if (!o->waves || o->waves_to == UINT64_MAX)
            return NULL;
        snprintf(buf, n, "%llu", (unsigned long long)o->waves_to);
        return buf;
    case O_MISSES: return o->misses;
    default: return NULL; /* --maps is a list: see its callers; --help, --version */
    }
}

/* Appends s to buf at *k, single-quoted when a shell would change it. */
static void put(char *buf, size_t n, size_t *k, const char *s, int quote_it)
{
    int plain = !quote_it || (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                "0123456789-_./=:,+@%") == strlen(s));
    for (const char *p = plain ? s : "'"; *p && *k + 1 < n; p++)
        buf[(*k)++] = *p;
    if (!plain) {
        for (const char *p = s; *p && *k + 4 < n; p++) {
            if (*p == '\'') {
                memcpy(buf + *k, "'\\''", 4);
                *k += 4;
            } else {
                buf[(*k)++] = *p;
            }
        }
        if (*k + 1 < n)
            buf[(*k)++] = '\'';
    }
    buf[*k] = 0;
}

void options_command(const options *o, cmd_style style, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = 0;
    put(buf, n, &k, style == CMD_MAKE ? (o->prog == PROG_VMSIM ? "make sim" : "make ref") : o->argv0,
        style != CMD_MAKE);
    for (size_t i = 0; i < NSPEC; i++) {
        const opt_spec *s = &spec[i];
        int given = (o->given >> i) & 1;
        if (!(s->progs & o->prog) || (s->flags & F_META) || (style != CMD_SELF && (s->flags & F_OUT)) ||
            (style == CMD_MAKE && !s->make) || (!given && !(s->flags & F_ALWAYS)) ||
            (style == CMD_RECHECK && s->key == 'q'))
            continue;
        if (s->key == O_MAPS) {
            char list[8192];
            size_t m = 0;
            list[0] = 0;
            for (size_t j = 0; j < o->nmaps; j++) {
                char one[4200];
                snprintf(one, sizeof one, "%u=%s", o->maps_pid[j], o->maps_file[j]);
                if (style == CMD_MAKE) {
                    put(list, sizeof list, &m, j ? " " : "", 0);
                    put(list, sizeof list, &m, one, 0);
                } else {
                    put(buf, n, &k, " --maps ", 0);
                    put(buf, n, &k, one, 1);
                }
            }
            if (style == CMD_MAKE) {
                put(buf, n, &k, " MAPS=", 0);
                put(buf, n, &k, list, 1);
            }
            continue;
        }
        char num[32];
        const char *v = value_of(o, s, num, sizeof num);
        if (!v)
            continue;
        if (style == CMD_MAKE) {
            put(buf, n, &k, " ", 0);
            put(buf, n, &k, s->make, 0);
            put(buf, n, &k, "=", 0);
            put(buf, n, &k, *v || s->arg ? v : "1", 1);
            continue;
        }
        char flag[40];
        if (s->key < 256)
            snprintf(flag, sizeof flag, " -%c", s->key);
        else
            snprintf(flag, sizeof flag, " --%s", s->lng);
        put(buf, n, &k, flag, 0);
        if (s->arg) {
            put(buf, n, &k, " ", 0);
            put(buf, n, &k, v, 1);
        }
    }
    /* The vectors print one line a request, with no statistics to keep. */
    if (style == CMD_RECHECK && !o->vectors)
        put(buf, n, &k, " -q", 0);
}

void options_json(const options *o, FILE *f, const char *indent)
{
    int first = 1;
    for (size_t i = 0; i < NSPEC; i++) {
        const opt_spec *s = &spec[i];
        if (!(s->progs & o->prog) || (s->flags & F_META))
            continue;
        fprintf(f, "%s%s\"", first ? "" : ",\n", indent);
        for (const char *p = s->lng; *p; p++)
            fputc(*p == '-' ? '_' : *p, f);
        fputs("\": ", f);
        first = 0;
        if (s->key == O_MAPS) {
            fputc('[', f);
            for (size_t j = 0; j < o->nmaps; j++) {
                fprintf(f, "%s{\"pid\": %u, \"file\": ", j ? ", " : "", o->maps_pid[j]);
                quote_json(f, o->maps_file[j]);
                fputc('}', f);
            }
            fputc(']', f);
            continue;
        }
        char num[32];
        const char *v = value_of(o, s, num, sizeof num);
        if (!s->arg)
            fputs(v ? "true" : "false", f);
        else if (!v)
            fputs("null", f);
        else if (v == num)
            fputs(v, f);
        else
            quote_json(f, v);
    }
    fputc('\n', f);
}

void options_echo(const options *o, FILE *f)
{
    char pmem[48] = "";
    if (o->pmem)
        snprintf(pmem, sizeof pmem, ", physical memory 0x%llx bytes", (unsigned long long)o->pmem);
    char itlb[64] = "";
    if (o->itlb_ways)
        snprintf(itlb, sizeof itlb, " (fetches: ITLB %ux%u %s)", o->itlb_sets, o->itlb_ways,
                 tlb_policy_name(o->itlb_policy));
    char pwcs[32] = "";
    if (o->pwc_entries)
        snprintf(pwcs, sizeof pwcs, ", page-walk cache %u", o->pwc_entries);
    char l2[48] = "";
    if (o->l2_ways)
        snprintf(l2, sizeof l2, ", L2 TLB %ux%u %s", o->l2_sets, o->l2_ways, tlb_policy_name(o->l2_policy));
    fprintf(f, "%s: trace %s, backing %s, %s, %llu frames, frame policy %s, %s %ux%u %s%s%s%s, "
            "memory latency %u%s%s%s%s%s\n",
            o->name, o->trace, o->backing, o->preset->name, (unsigned long long)o->frames,
            o->policy->name, o->itlb_ways ? "DTLB" : "TLB", o->tlb_sets, o->tlb_ways, tlb_policy_name(o->tlb_policy),
            itlb, l2, pwcs, o->mem_latency, o->no_asid ? ", no ASIDs" : "", o->ad_fault ? ", A/D by page faults (Svade)" : "", pmem,
            o->sum ? ", SUM" : "", o->mxr ? ", MXR" : "");
}

mmu_config options_mmu_config(const options *o, const preset *p)
{
    return (mmu_config){.preset = p, .sets = o->tlb_sets, .ways = o->tlb_ways, .policy = o->tlb_policy,
                        .itlb_sets = o->itlb_sets, .itlb_ways = o->itlb_ways, .itlb_policy = o->itlb_policy,
                        .pwc_entries = o->pwc_entries, .l2_sets = o->l2_sets, .l2_ways = o->l2_ways,
                        .l2_policy = o->l2_policy, .mem_latency = o->mem_latency};
}
