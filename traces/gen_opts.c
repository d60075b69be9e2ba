// SPDX-License-Identifier: MIT
/* gen_opts.c -- tracegen's options: one table drives getopt_long and
 * --help, then each value is parsed strictly and checked against the
 * others.  Every error is one line, "tracegen: --name VALUE: why", and
 * exit status 2, before any output file is created. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "gen.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum gen_opt_id {
    OPT_HELP = 'h',
    OPT_OUT = 'o',
    OPT_MODE = 256,
    OPT_SEED,
    OPT_COUNT,
    OPT_VA_BITS,
    OPT_PAGE_BITS,
    OPT_WRITES,
    OPT_SMODE,
    OPT_FETCHES,
    OPT_FORMAT,
    OPT_WS,
    OPT_DRIFT,
    OPT_COLD,
    OPT_PAGES,
    OPT_STRIDE,
    OPT_NODES,
    OPT_NODE_SIZE,
    OPT_WALKS,
    OPT_PROCS,
    OPT_BURST,
    OPT_BACKING,
    OPT_SIZE,
    OPT_VERSION
};

/* One row per option; a row with a NULL name is a heading in --help. */
typedef struct gen_optdef {
    const char *name;    /* long name, without "--" */
    int id;              /* getopt_long's return value */
    const char *metavar; /* NULL: takes no value */
    const char *deflt;   /* default as shown by --help, or NULL */
    const char *help;
} gen_optdef;

static const gen_optdef gen_optdefs[] = {
    {NULL, 0, NULL, NULL, "Trace:"},
    {"mode", OPT_MODE, "M", "locality",
     "uniform | locality | loop | stride | list | multi"},
    {"seed", OPT_SEED, "S", "1", "PRNG seed; the output is a pure function of it"},
    {"count", OPT_COUNT, "N", "1000", "number of accesses (list mode: see --walks)"},
    {"va-bits", OPT_VA_BITS, "B", "16", "virtual address bits, 2..64"},
    {"page-bits", OPT_PAGE_BITS, "P", "8", "page offset bits, 1..B-1"},
    {"writes", OPT_WRITES, "F", "0",
     "fraction of accesses that are writes, 0..1\n(not in list mode)"},
    {"smode", OPT_SMODE, "F", "0",
     "fraction of accesses in S-mode (the kernel's),\nmarked S in the last column; every mode"},
    {"fetches", OPT_FETCHES, "F", "0",
     "fraction of the reads that are instruction\nfetches (X), for a split I/D TLB; every mode"},
    {"format", OPT_FORMAT, "FMT", "text, or ext when needed",
     "text: one decimal address a line;\next: \"pid R|W|X 0xaddr [value] [S]\" lines,\n"
     "chosen when --writes > 0, --smode > 0,\n--fetches > 0, --procs > 1, or mode list or multi"},
    {"output", OPT_OUT, "FILE", "stdout",
     "write here (also -o; - is stdout); a file appears\nonly when complete"},
    {NULL, 0, NULL, NULL, "Mode locality (and each process of multi):"},
    {"ws", OPT_WS, "PAGES", "16", "pages in the hot working set, 1..4096"},
    {"drift", OPT_DRIFT, "P", "0.001",
     "probability per access that one page of the set\nis replaced"},
    {"cold", OPT_COLD, "P", "0.001", "probability that an access goes to any page"},
    {NULL, 0, NULL, NULL, "Modes loop and stride:"},
    {"pages", OPT_PAGES, "N", "32", "loop: pages swept again and again"},
    {"stride", OPT_STRIDE, "BYTES", "64", "bytes between consecutive accesses"},
    {NULL, 0, NULL, NULL, "Mode list:"},
    {"nodes", OPT_NODES, "N", "100", "nodes in the linked list"},
    {"node-size", OPT_NODE_SIZE, "BYTES", "32", "bytes per node, 8..65536"},
    {"walks", OPT_WALKS, "W", "8",
     "walks after building: without --count the trace\nis 2N + W*N accesses; "
     "with --count it is cut\nshort or walks on"},
    {NULL, 0, NULL, NULL, "Mode multi:"},
    {"procs", OPT_PROCS, "K", "4; 1 in other modes", "processes (pids 0..K-1), 1..4096"},
    {"burst", OPT_BURST, "N", "100", "mean accesses per scheduling burst"},
    {NULL, 0, NULL, NULL, "Backing store (instead of a trace):"},
    {"backing", OPT_BACKING, "FILE", NULL, "write SIZE pseudo-random bytes to FILE (- is stdout)"},
    {"size", OPT_SIZE, "BYTES", "65536", "bytes of backing store"},
    {NULL, 0, NULL, NULL, "Other:"},
    {"help", OPT_HELP, NULL, NULL, "print this help and exit (also -h)"},
    {"version", OPT_VERSION, NULL, NULL, "print the version and exit"},
};

#define GEN_NOPTS (sizeof gen_optdefs / sizeof gen_optdefs[0])

static const char *const gen_mode_names[] = {
    [GEN_UNIFORM] = "uniform", [GEN_LOCALITY] = "locality", [GEN_LOOP] = "loop",
    [GEN_STRIDE] = "stride",   [GEN_LIST] = "list",         [GEN_MULTI] = "multi",
};

static void gen_opts_help(void)
{
    printf("usage: tracegen [OPTION]...\n"
           "Writes a memory-access trace for vmmu, or a backing store.\n");
    for (size_t i = 0; i < GEN_NOPTS; i++) {
        const gen_optdef *d = &gen_optdefs[i];
        char left[40];
        if (d->name == NULL) {
            printf("\n%s\n", d->help);
            continue;
        }
        snprintf(left, sizeof left, "--%s%s%s", d->name, d->metavar ? " " : "",
                 d->metavar ? d->metavar : "");
        /* Continued lines ('\n' in the text) and a default that would run
         * past column 79 are indented under the text. */
        int col = printf("  %-20s ", left);
        for (const char *h = d->help; *h != '\0'; h++) {
            if (*h == '\n') {
                col = printf("\n%23s", "") - 1;
            } else {
                putchar(*h);
                col++;
            }
        }
        if (d->deflt != NULL) {
            if (col + (int)strlen(d->deflt) + 11 > 79)
                printf("\n%22s", ""); /* the text below starts with a space */
            printf(" (default %s)", d->deflt);
        }
        printf("\n");
    }
    printf("\nExit status: 0 done, 1 output could not be written, 2 bad option.\n");
}

/* Prints "tracegen: --name VALUE: why".  Returns GEN_OPTS_BAD. */
int gen_opts_bad(const char *name, const char *value, const char *why)
{
    if (value != NULL)
        fprintf(stderr, "tracegen: --%s %s: %s\n", name, value[0] ? value : "''", why);
    else
        fprintf(stderr, "tracegen: --%s: %s\n", name, why);
    return GEN_OPTS_BAD;
}

/* Parses a whole decimal (or 0x hex) unsigned integer.  Returns 0, -1 if
 * s is empty, signed or has junk, or -2 if it exceeds 64 bits. */
static int gen_parse_u64(const char *s, uint64_t *v)
{
    char *end;
    if (s[0] < '0' || s[0] > '9') /* strtoull would take "-1" and " 1" */
        return -1;
    errno = 0;
    unsigned long long x = strtoull(s, &end, s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 16 : 10);
    if (*end != '\0' || end == s)
        return -1;
    if (errno == ERANGE)
        return -2;
    *v = (uint64_t)x;
    return 0;
}

/* Parses a number in [0, 1].  Returns 0 or -1. */
static int gen_parse_frac(const char *s, double *v)
{
    char *end;
    if (!((s[0] >= '0' && s[0] <= '9') || s[0] == '.')) /* no sign, space, "nan" */
        return -1;
    errno = 0;
    double x = strtod(s, &end);
    if (errno != 0 || *end != '\0' || !isfinite(x) || x < 0.0 || x > 1.0)
        return -1;
    *v = x;
    return 0;
}

/* Parses an integer option in [lo, hi] into *v.  Returns GEN_OPTS_RUN or
 * GEN_OPTS_BAD (message printed). */
static int gen_int_opt(const char *name, const char *s, uint64_t lo, uint64_t hi, uint64_t *v)
{
    char why[80];
    switch (gen_parse_u64(s, v)) {
    case 0:
        break;
    case -2:
        return gen_opts_bad(name, s, "too large for 64 bits");
    default:
        return gen_opts_bad(name, s, "not a non-negative integer");
    }
    if (*v < lo || *v > hi) {
        if (hi == UINT64_MAX)
            snprintf(why, sizeof why, "must be at least %llu", (unsigned long long)lo);
        else
            snprintf(why, sizeof why, "must be %llu..%llu", (unsigned long long)lo,
                     (unsigned long long)hi);
        return gen_opts_bad(name, s, why);
    }
    return GEN_OPTS_RUN;
}

static int gen_frac_opt(const char *name, const char *s, double *v)
{
    if (gen_parse_frac(s, v) != 0)
        return gen_opts_bad(name, s, "not a number from 0 to 1");
    return GEN_OPTS_RUN;
}

/* Checks the options against each other and settles the format and the
 * count of list mode.  Returns GEN_OPTS_RUN or GEN_OPTS_BAD. */
static int gen_opts_check(gen_opts *o, int format_set, int count_set, const char *const *arg)
{
    char why[160];
    const uint64_t va_mask = o->va_bits == 64 ? UINT64_MAX : ((uint64_t)1 << o->va_bits) - 1;
    const uint64_t npages_m1 = va_mask >> o->page_bits; /* pages - 1: no overflow */

    if (o->backing != NULL) {
        if (o->out_path != NULL)
            return gen_opts_bad("output", o->out_path,
                                "--backing names the output already; give one of them");
        return GEN_OPTS_RUN;
    }
    if (o->page_bits >= o->va_bits) {
        /* Blame the one the user gave; if both, the page size. */
        if (arg[OPT_PAGE_BITS - OPT_MODE] == NULL) {
            snprintf(why, sizeof why, "must be more than --page-bits (%u)", o->page_bits);
            return gen_opts_bad("va-bits", arg[OPT_VA_BITS - OPT_MODE], why);
        }
        snprintf(why, sizeof why, "must be less than --va-bits (%u)", o->va_bits);
        return gen_opts_bad("page-bits", arg[OPT_PAGE_BITS - OPT_MODE], why);
    }
    if (o->procs > 1 && o->mode != GEN_MULTI)
        return gen_opts_bad("procs", arg[OPT_PROCS - OPT_MODE],
                            "only --mode multi runs several processes");
    if (o->writes > 0 && o->mode == GEN_LIST)
        return gen_opts_bad("writes", arg[OPT_WRITES - OPT_MODE],
                            "--mode list makes its own writes");
    if ((o->mode == GEN_LOCALITY || o->mode == GEN_MULTI) && o->ws - 1 > npages_m1) {
        snprintf(why, sizeof why, "more than the %llu pages of the VA space",
                 (unsigned long long)npages_m1 + 1);
        return gen_opts_bad("ws", arg[OPT_WS - OPT_MODE] ? arg[OPT_WS - OPT_MODE] : "16", why);
    }
    if (o->mode == GEN_LOOP && o->pages - 1 > npages_m1) {
        snprintf(why, sizeof why, "more than the %llu pages of the VA space",
                 (unsigned long long)npages_m1 + 1);
        return gen_opts_bad("pages", arg[OPT_PAGES - OPT_MODE] ? arg[OPT_PAGES - OPT_MODE] : "32", why);
    }

    if (!format_set) {
        o->format = (o->writes > 0 || o->smode > 0 || o->fetches > 0 || o->procs > 1 || o->mode == GEN_LIST ||
                     o->mode == GEN_MULTI)
                        ? GEN_FMT_EXT
                        : GEN_FMT_TEXT;
    } else if (o->format == GEN_FMT_TEXT) {
        /* text keeps addresses only; refuse to drop what was asked for. */
        if (o->writes > 0)
            return gen_opts_bad("format", "text", "cannot record writes (--writes); use --format ext");
        if (o->smode > 0)
            return gen_opts_bad("format", "text", "cannot record S-mode (--smode); use --format ext");
        if (o->fetches > 0)
            return gen_opts_bad("format", "text", "cannot record fetches (--fetches); use --format ext");
        if (o->mode == GEN_MULTI)
            return gen_opts_bad("format", "text", "cannot record pids (--mode multi); use --format ext");
    }

    if (o->mode == GEN_LIST && !count_set) {
        /* 2 writes per node, then one read per node per walk; no overflow:
         * nodes <= 2^24 and walks was capped at 2^32. */
        o->count = o->nodes * (2 + o->walks);
    }
    return GEN_OPTS_RUN;
}

/* Parses argv into *o.  Returns GEN_OPTS_RUN, GEN_OPTS_DONE or GEN_OPTS_BAD. */
int gen_opts_parse(gen_opts *o, int argc, char **argv)
{
    struct option longopts[GEN_NOPTS + 1];
    const char *arg[OPT_VERSION - OPT_MODE + 1] = {0}; /* text of each value given */
    size_t n = 0;
    int format_set = 0, count_set = 0;
    uint64_t v;

    *o = (gen_opts){
        .mode = GEN_LOCALITY, .seed = 1, .count = 1000, .va_bits = 16, .page_bits = 8,
        .writes = 0, .smode = 0, .fetches = 0, .format = GEN_FMT_TEXT, .out_path = NULL, .ws = 16, .drift = 0.001,
        .cold = 0.001, .pages = 32, .stride = 64, .nodes = 100, .node_size = 32, .walks = 8,
        .procs = 1, .burst = 100, .backing = NULL, .size = 65536,
    };
    int procs_set = 0;

    for (size_t i = 0; i < GEN_NOPTS; i++) {
        if (gen_optdefs[i].name == NULL)
            continue;
        longopts[n].name = gen_optdefs[i].name;
        longopts[n].has_arg = gen_optdefs[i].metavar ? required_argument : no_argument;
        longopts[n].flag = NULL;
        longopts[n].val = gen_optdefs[i].id;
        n++;
    }
    memset(&longopts[n], 0, sizeof longopts[n]);

    opterr = 0; /* we print our own one-line errors */
    for (;;) {
        int prev = optind;
        int c = getopt_long(argc, argv, ":ho:", longopts, NULL);
        if (c == -1)
            break;
        const char *s = optarg;
        int rc = GEN_OPTS_RUN;
        if (c >= OPT_MODE)
            arg[c - OPT_MODE] = s;
        switch (c) {
        case OPT_HELP:
            gen_opts_help();
            return GEN_OPTS_DONE;
        case OPT_VERSION:
            printf("tracegen %s (vmmu)\n", GEN_VERSION);
            return GEN_OPTS_DONE;
        case OPT_OUT:
            if (s[0] == '\0')
                return gen_opts_bad("output", s, "empty file name");
            o->out_path = strcmp(s, "-") == 0 ? NULL : s; /* "-": stdout */
            break;
        case OPT_MODE: {
            size_t m;
            for (m = 0; m < sizeof gen_mode_names / sizeof gen_mode_names[0]; m++)
                if (strcmp(s, gen_mode_names[m]) == 0)
                    break;
            if (m == sizeof gen_mode_names / sizeof gen_mode_names[0])
                return gen_opts_bad("mode", s,
                                    "not one of uniform, locality, loop, stride, list, multi");
            o->mode = (gen_mode)m;
            break;
        }
        case OPT_SEED:
            rc = gen_int_opt("seed", s, 0, UINT64_MAX, &o->seed);
            break;
        case OPT_COUNT:
            rc = gen_int_opt("count", s, 0, UINT64_MAX, &o->count);
            count_set = 1;
            break;
        case OPT_VA_BITS:
            rc = gen_int_opt("va-bits", s, 2, 64, &v);
            o->va_bits = (unsigned)v;
            break;
        case OPT_PAGE_BITS:
            rc = gen_int_opt("page-bits", s, 1, 63, &v);
            o->page_bits = (unsigned)v;
            break;
        case OPT_WRITES:
            rc = gen_frac_opt("writes", s, &o->writes);
            break;
        case OPT_SMODE:
            rc = gen_frac_opt("smode", s, &o->smode);
            break;
        case OPT_FETCHES:
            rc = gen_frac_opt("fetches", s, &o->fetches);
            break;
        case OPT_FORMAT:
            if (strcmp(s, "text") == 0)
                o->format = GEN_FMT_TEXT;
            else if (strcmp(s, "ext") == 0)
                o->format = GEN_FMT_EXT;
            else
                return gen_opts_bad("format", s, "not one of text, ext");
            format_set = 1;
            break;
        case OPT_WS:
            rc = gen_int_opt("ws", s, 1, GEN_MAX_WS, &o->ws);
            break;
        case OPT_DRIFT:
            rc = gen_frac_opt("drift", s, &o->drift);
            break;
        case OPT_COLD:
            rc = gen_frac_opt("cold", s, &o->cold);
            break;
        case OPT_PAGES:
            rc = gen_int_opt("pages", s, 1, UINT64_MAX, &o->pages);
            break;
        case OPT_STRIDE:
            rc = gen_int_opt("stride", s, 1, UINT64_MAX, &o->stride);
            break;
        case OPT_NODES:
            rc = gen_int_opt("nodes", s, 1, GEN_MAX_NODES, &o->nodes);
            break;
        case OPT_NODE_SIZE:
            rc = gen_int_opt("node-size", s, 8, GEN_MAX_NODE_SIZE, &o->node_size);
            break;
        case OPT_WALKS:
            rc = gen_int_opt("walks", s, 0, UINT32_MAX, &o->walks);
            break;
        case OPT_PROCS:
            rc = gen_int_opt("procs", s, 1, GEN_MAX_PROCS, &o->procs);
            procs_set = 1;
            break;
        case OPT_BURST:
            rc = gen_int_opt("burst", s, 1, UINT32_MAX, &o->burst);
            break;
        case OPT_BACKING:
            if (s[0] == '\0')
                return gen_opts_bad("backing", s, "empty file name");
            o->backing = s;
            break;
        case OPT_SIZE:
            rc = gen_int_opt("size", s, 0, UINT64_MAX, &o->size);
            break;
        case ':': /* a value is missing; argv[optind-1] is the option */
            fprintf(stderr, "tracegen: %s: needs a value\n", argv[optind - 1]);
            return GEN_OPTS_BAD;
        default: { /* '?': unknown option, or a value given to a flag */
            const char *bad = argv[optind - 1 > prev ? optind - 1 : prev];
            if (strncmp(bad, "--", 2) == 0 && strchr(bad, '=') != NULL && optopt != 0)
                fprintf(stderr, "tracegen: %s: --%.*s takes no value\n", bad,
                        (int)(strchr(bad, '=') - bad - 2), bad + 2);
            else if (optopt != 0 && optopt < OPT_MODE && optopt != OPT_HELP)
                fprintf(stderr, "tracegen: -%c: unknown option; see --help\n", optopt);
            else
                fprintf(stderr, "tracegen: %s: unknown option; see --help\n", bad);
            return GEN_OPTS_BAD;
        }
        }
        if (rc != GEN_OPTS_RUN)
            return rc;
    }
    if (optind < argc) {
        fprintf(stderr, "tracegen: %s: unexpected argument; see --help\n", argv[optind]);
        return GEN_OPTS_BAD;
    }
    /* multi defaults to 4 processes; every other mode has one. */
    if (o->mode == GEN_MULTI && !procs_set)
        o->procs = 4;
    return gen_opts_check(o, format_set, count_set, arg);
}
