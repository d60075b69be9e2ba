// SPDX-License-Identifier: MIT
/* tests/unit_system.c — whole systems (OS, physical memory, swap, the model's MMU),
 * two side by side over one trace, as vmsim runs them:
 *  - the lock-step check (harness/cli/cosim.c) catches each --inject-fault defect
 *    with the model as the implementation under test (behind mmu_inject.c), marks
 *    the field the defect spoils and no other, and says nothing without a defect.
 *
 * unit-sources: harness/cli/cosim.c harness/cli/system.c harness/cli/options.c harness/mmu/mmu_model.c harness/mmu/mmu_inject.c harness/os/os.c harness/os/pmem.c harness/os/store.c harness/os/maps.c harness/os/policy.c harness/os/policy_list.c harness/os/policy_clock.c harness/os/policy_opt.c harness/base/quote.c harness/base/number.c harness/base/interrupt.c harness/trace/trace.c harness/trace/trace_text.c harness/trace/trace_ext.c harness/trace/trace_lackey.c harness/trace/trace_source.c -lz -llzma -lzstd
 *
 * Prints "PASS name" / "FAIL name: why" per test and, last, "N passed, M failed";
 * exits 1 if anything failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/cli/cosim.h"
#include "harness/cli/system.h"
#include "harness/mmu/mmu_inject.h"
#include "tests/unit.h"

#define ERR 512

/* ---- the inputs: a backing store and traces, in a temporary directory ----------------- */

static char dir[64], backing[128];

static int write_file(const char *path, const void *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = fwrite(bytes, 1, n, f);
    return fclose(f) == 0 && w == n ? 0 : -1;
}

static int make_inputs(void)
{
    strcpy(dir, "/tmp/vmmu-unit-system-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(backing, sizeof backing, "%s/backing.bin", dir);
    static uint8_t b[1 << 16];
    uint64_t s = 0x9E3779B97F4A7C15u;
    for (size_t i = 0; i < sizeof b; i++)
        b[i] = (uint8_t)rng_next(&s);
    return write_file(backing, b, sizeof b);
}

/* ---- systems built from a command line, as vmref and vmsim build theirs ---------------- */

static int model_ctor(mmu *out, const mmu_config *c, mem_port mem, void *arg)
{
    (void)arg;
    return mmu_model_new(out, c, mem);
}

/* The model behind the defect *(int *)arg. */
static int injected_ctor(mmu *out, const mmu_config *c, mem_port mem, void *arg)
{
    if (mmu_model_new(out, c, mem) != 0)
        return -1;
    return mmu_inject_wrap(out, c, *(const int *)arg);
}

/* Parses argv (NULL-terminated) as `prog` would; 0 or -1. */
static int parse(options *o, int prog, const char **argv)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    return options_parse(o, prog, argc, (char **)argv) == 0 ? 0 : -1;
}

/* ---- the lock-step check against injected defects -------------------------------------- */

/* The fields the report marks "<-- differs", as "name,name,". */
static void marked(const char *report, char *out, size_t n)
{
    out[0] = 0;
    for (const char *line = report; *line; line = strchr(line, '\n') + 1) {
        const char *end = strchr(line, '\n');
        if (!end)
            break;
        const char *mark = strstr(line, "<-- differs");
        if (mark && mark < end) {
            char name[16];
            snprintf(name, sizeof name, "%.10s", line + 2);
            for (size_t k = strlen(name); k > 0 && name[k - 1] == ' '; k--)
                name[k - 1] = 0;
            strncat(out, name, n - strlen(out) - 2);
            strcat(out, ",");
        }
    }
}

/* Runs `trace` through a plain model system and one behind the defect `inject` names
 * (NULL: none) until the check first objects.  Returns the access number it objected
 * at (0: never), with the report in *report (to free). */
static uint64_t run_checked(const char *trace, const char *inject, char **report)
{
    const char *argv[] = {"vmsim", "-f", trace, "-b", backing, "-n", "16", "-q",
                          inject ? "--inject-fault" : NULL, inject, NULL};
    int kind = inject ? mmu_inject_parse(inject) : -1;
    options o;
    vm_system dut, ref;
    trace_reader t;
    char err[ERR];
    *report = NULL;
    if (parse(&o, PROG_VMSIM, argv) != 0 || trace_open(&t, trace, TRACE_AUTO, 8, err, sizeof err) != 0) {
        CHECK(0, "setup: %s", "options or trace");
        return 0;
    }
    int arg = kind;
    if (system_init(&ref, &o, model_ctor, NULL, NULL, err, sizeof err) != 0 ||
        system_init(&dut, &o, kind >= 0 ? injected_ctor : model_ctor, &arg, NULL, err, sizeof err) != 0) {
        CHECK(0, "system_init: %s", err);
        trace_close(&t);
        return 0;
    }
    access_rec r;
    access_out want, got;
    uint64_t n = 0, caught = 0;
    char gerr[ERR];
    while (!caught && trace_next(&t, &r, err, sizeof err) == 1) {
        n++;
        int grc = os_access(dut.os, &r, &got, gerr, sizeof gerr);
        int wrc = os_access(ref.os, &r, &want, err, sizeof err);
        CHECK(wrc >= 0, "the reference failed at access %llu: %s", (unsigned long long)n, err);
        if (wrc < 0)
            break;
        if (cosim_differ(&want, &got, grc < 0)) {
            caught = n;
            size_t len;
            FILE *f = open_memstream(report, &len);
            if (f) {
                cosim_report(f, &o, &(cosim_mismatch){.rec = &r, .n = n, .who = dut.mmu.ops->name,
                                                      .want = &want, .got = &got,
                                                      .got_err = grc < 0 ? gerr : NULL});
                fclose(f);
            }
        }
    }
    system_free(&dut);
    system_free(&ref);
    trace_close(&t);
    return caught;
}

/* Each defect, as mmu_inject.h describes it, is caught at the first access it spoils,
 * with the fields it spoils marked.  The trace's first two accesses share a page: the
 * first page-faults and walks, the second hits the TLB that walk filled. */
static void test_inject_caught(const char *trace)
{
    static const struct {
        const char *kind;
        uint64_t at;        /* the first access the defect shows in */
        const char *fields; /* the report's marked fields */
    } cases[] = {
        {"paddr", 1, "paddr,"},           /* the value read at paddr ^ 1 may differ too */
        {"hit", 1, "tlb hit,"},
        {"latency", 1, "cycles,"},
        {"fill", 2, "tlb hit,cycles,"},   /* the fill was lost: a walk where a hit was due */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "cosim_catches_injected_%s_in_the_model", cases[i].kind);
        begin(name);
        char *report;
        uint64_t at = run_checked(trace, cases[i].kind, &report);
        CHECK(at == cases[i].at, "caught at access %llu, expected %llu", (unsigned long long)at,
              (unsigned long long)cases[i].at);
        char fields[128] = "";
        if (report)
            marked(report, fields, sizeof fields);
        int ok = strcmp(fields, cases[i].fields) == 0 ||
                 (strcmp(cases[i].kind, "paddr") == 0 && strcmp(fields, "paddr,value,") == 0);
        CHECK(ok, "marked '%s', expected '%s'", fields, cases[i].fields);
        char head[320], rerun[64];
        snprintf(head, sizeof head, "vmsim: MISMATCH at access %llu (%s:%llu), model cycle 0",
                 (unsigned long long)cases[i].at, trace, (unsigned long long)cases[i].at);
        snprintf(rerun, sizeof rerun, " --inject-fault %s", cases[i].kind);
        CHECK(report && strncmp(report, head, strlen(head)) == 0 && strstr(report, rerun),
              "report: %s", report ? report : "(none)");
        free(report);
        end();
    }
    begin("cosim_quiet_without_a_defect");
    char *report;
    uint64_t at = run_checked(trace, NULL, &report);
    CHECK(at == 0, "objected at access %llu: %s", (unsigned long long)at, report ? report : "");
    free(report);
    end();
    begin("inject_kinds_one_list");
    CHECK(strcmp(mmu_inject_names(), "paddr, hit, latency, fill") == 0, "names '%s'", mmu_inject_names());
    CHECK(mmu_inject_parse("none") == -1 && mmu_inject_parse("") == -1 && mmu_inject_parse("Hit") == -1,
          "parses what it does not list");
    end();
}

/* A textbook trace: a hot set of pages with now and then a cold one, more pages than
 * frames, so faults, evictions and hits all happen. */
static int text_trace(char *path, size_t n)
{
    snprintf(path, n, "%s/text.txt", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f, "4660\n4700\n"); /* page 18 twice: a walk, then a hit */
    uint64_t s = 0xC0FFEE1234567u;
    for (int i = 0; i < 3000; i++) {
        uint64_t r = rng_next(&s);
        unsigned page = (unsigned)(r % 8 ? 16 + r % 12 : r % 256);
        fprintf(f, "%u\n", page << 8 | (unsigned)(r >> 16 & 0xFF));
    }
    return fclose(f);
}

int main(void)
{
    char text[128];
    if (make_inputs() != 0 || text_trace(text, sizeof text) != 0) {
        begin("setup");
        CHECK(0, "cannot write the inputs under /tmp");
        return summary();
    }
    test_inject_caught(text);
    unlink(text);
    unlink(backing);
    rmdir(dir);
    return summary();
}
