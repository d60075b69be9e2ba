// SPDX-License-Identifier: MIT
/* fuzz_options.c — libFuzzer target: options_parse, vmref's and vmsim's command line.
 *
 * The input is the argument list, one argument per line (argv[0] is the program's
 * name); an argument ends at a newline or a NUL byte.  Both programs parse it, each
 * on its own copy (getopt permutes argv).  options_parse prints --help and --version
 * to stdout and one line per bad option to stderr: both go to /dev/null here (the
 * sanitizers write to file descriptor 2, so their reports still show).
 *
 * getopt keeps state across calls (glibc's position inside a cluster of short
 * options, like the "q" of "-hq" after -h returned).  options_parse sets optind to 1;
 * the target also resets getopt fully (glibc's optind = 0) before each parse, so that
 * nothing of one input can reach the next: a finding is then options_parse's own.
 *
 * Checked on success: every value is inside its documented range; options_echo
 * writes its line. */
#include "tests/fuzz/fuzz_util.h"

#include <getopt.h>

#include "harness/cli/options.h"

#define MAX_ARGS 64

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    devnull = fopen("/dev/null", "w");
    FUZZ_CHECK(devnull != NULL, "/dev/null: %s", strerror(errno));
    return 0;
}

static void getopt_reset(void)
{
    static char name[] = "reset";
    char *argv[] = {name, NULL};
    optind = 0;
    opterr = 0;
    while (getopt(1, argv, "") != -1) {
    }
}

static void parse_as(int prog, int argc, char **args)
{
    char *argv[MAX_ARGS + 2];
    static char vmref[] = "vmref", vmsim[] = "vmsim";
    argv[0] = prog == PROG_VMREF ? vmref : vmsim;
    for (int i = 0; i < argc; i++)
        argv[i + 1] = args[i];
    argv[argc + 1] = NULL;

    options o;
    getopt_reset();
    FILE *out = stdout, *err = stderr;
    stdout = devnull;
    stderr = devnull;
    int rc = options_parse(&o, prog, argc + 1, argv);
    stdout = out;
    stderr = err;
    FUZZ_CHECK(rc == -1 || rc == 0 || rc == 1, "options_parse returned %d", rc);
    if (rc != 0)
        return;
    FUZZ_CHECK(o.prog == prog && o.name && o.trace && o.backing && o.policy && o.preset,
               "a field left unset");
    FUZZ_CHECK(o.frames >= 1 && o.frames <= options_max_frames(o.preset), "%llu frames",
               (unsigned long long)o.frames);
    FUZZ_CHECK(o.tlb_sets >= 1 && o.tlb_sets <= 1024 && (o.tlb_sets & (o.tlb_sets - 1)) == 0,
               "%u TLB sets", o.tlb_sets);
    FUZZ_CHECK(o.tlb_ways >= 1 && o.tlb_ways <= 64, "%u TLB ways", o.tlb_ways);
    FUZZ_CHECK(o.mem_latency >= 1 && o.mem_latency <= 1000, "latency %u", o.mem_latency);
    FUZZ_CHECK(o.format >= TRACE_AUTO && o.format <= TRACE_LACKEY, "format %d", (int)o.format);
    FUZZ_CHECK(o.nmaps <= 64, "%zu maps", o.nmaps);
    for (size_t i = 0; i < o.nmaps; i++)
        FUZZ_CHECK(o.maps_file[i] && o.maps_file[i][0], "maps %zu has no file", i);
    FUZZ_CHECK(o.waves_from >= 1 && o.waves_from <= o.waves_to, "waves %llu..%llu",
               (unsigned long long)o.waves_from, (unsigned long long)o.waves_to);
    FUZZ_CHECK(prog == PROG_VMSIM || (!o.no_check && !o.inject && !o.waves && !o.misses),
               "a vmsim-only option accepted by vmref");
    FUZZ_CHECK(prog == PROG_VMREF || !o.policy->model_only, "vmsim accepted a model-only policy");
    options_echo(&o, devnull);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Split into NUL-terminated arguments, one per line. */
    char *buf = malloc(size + 1);
    FUZZ_CHECK(buf != NULL, "out of memory");
    memcpy(buf, data, size);
    buf[size] = 0;
    char *args[MAX_ARGS];
    int argc = 0;
    for (char *p = buf; p < buf + size && argc < MAX_ARGS;) {
        char *nl = memchr(p, '\n', (size_t)(buf + size - p));
        if (nl)
            *nl = 0;
        args[argc++] = p;
        p = nl ? nl + 1 : buf + size;
    }
    /* Each program parses its own copy of the strings too: getopt may reorder argv,
     * and a parse must not depend on what another wrote. */
    for (int prog = PROG_VMREF; prog <= PROG_VMSIM; prog++) {
        char *copy[MAX_ARGS];
        for (int i = 0; i < argc; i++) {
            copy[i] = strdup(args[i]);
            FUZZ_CHECK(copy[i] != NULL, "out of memory");
        }
        parse_as(prog, argc, copy);
        for (int i = 0; i < argc; i++)
            free(copy[i]);
    }
    free(buf);
    return 0;
}
