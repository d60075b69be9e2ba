// SPDX-License-Identifier: MIT
/* tests/unit/unit_system.c — whole systems (OS, physical memory, swap, the model's MMU),
 * two side by side over one trace, as vmsim runs them:
 *  - os_run() (os_bulk.c, runs of TLB hits in bulk) in batches of random sizes does
 *    exactly what os_access() one by one does: every answer, every count, every
 *    observer event (os_observe's contract), over textbook and multi-process traces
 *    with writes, maps, address faults and every frame policy;
 *  - the lock-step check (harness/cli/cosim.c) catches each --inject-fault defect
 *    with the model as the implementation under test (behind mmu_inject.c), marks
 *    the fields and log steps the defect spoils and no other, and says nothing
 *    without a defect; the defects of the walker's memory writes are caught only
 *    through the MMUs' logs; every field of a log is compared.
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
#include "harness/trace/future.h"
#include "tests/unit/unit.h"

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

static int model_build(mmu *out, const mmu_config *c, mem_port mem, void *arg)
{
    (void)arg;
    return mmu_model_new(out, c, mem);
}

/* The model as vmsim builds the RTL for its check: behind the defect `inject` (-1:
 * none), its walker's memory operations logged in `log` (NULL: not logged; the
 * answers are logged by the OS, os_log). */
typedef struct checked_arg {
    int inject;
    mmu_log *log;
} checked_arg;

static int checked_ctor(mmu *out, const mmu_config *c, mem_port mem, void *arg)
{
    const checked_arg *a = arg;
    if (a->log)
        mem = mmu_log_port(a->log, mem);
    int rc = a->inject >= 0 ? mmu_inject_build(out, c, mem, a->inject, model_build, NULL)
                            : model_build(out, c, mem, NULL);
    return rc;
}

/* Parses argv (NULL-terminated) as `prog` would; 0 or -1. */
static int parse(options *o, int prog, const char **argv)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    return options_parse(o, prog, argc, (char **)argv) == 0 ? 0 : -1;
}

/* ---- os_run() against os_access() ------------------------------------------------------- */

/* What an observer heard, in order. */
typedef struct heard {
    struct event {
        os_event ev;
        uint32_t frame;
        uint64_t access;
    } *e;
    size_t n, cap;
} heard;

static void hear(void *ctx, os_event ev, uint32_t frame, uint64_t access)
{
    heard *h = ctx;
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 1024;
        struct event *e = realloc(h->e, cap * sizeof *e);
        if (!e)
            abort();
        h->e = e;
        h->cap = cap;
    }
    h->e[h->n++] = (struct event){ev, frame, access};
}

/* Every field of two answers. */
static int same_answer(const access_out *a, const access_out *b)
{
    return a->vaddr == b->vaddr && a->paddr == b->paddr && a->cycles == b->cycles &&
           a->outcome == b->outcome && a->hit == b->hit && a->page_fault == b->page_fault &&
           a->walk_reads == b->walk_reads && a->asid == b->asid && a->value == b->value &&
           a->frame == b->frame && a->victim == b->victim;
}

static int same_proc(const proc_stats *a, const proc_stats *b)
{
    return a->pid == b->pid && a->asid == b->asid && a->accesses == b->accesses &&
           a->page_faults == b->page_faults && a->tlb_hits == b->tlb_hits &&
           a->protection_faults == b->protection_faults && a->segv_faults == b->segv_faults &&
           a->writebacks == b->writebacks;
}

/* The whole trace in memory (the OS reads no record's text). */
static access_rec *read_all(const char *path, trace_format f, unsigned page_bits, size_t *n)
{
    trace_reader t;
    char err[ERR];
    access_rec *r = NULL;
    size_t cap = 0;
    *n = 0;
    if (trace_open(&t, path, f, page_bits, err, sizeof err) != 0)
        return NULL;
    for (;;) {
        if (*n == cap) {
            access_rec *g = realloc(r, (cap = cap ? 2 * cap : 4096) * sizeof *r);
            if (!g)
                break;
            r = g;
        }
        int got = trace_next(&t, &r[*n], err, sizeof err);
        if (got != 1) {
            CHECK(got == 0, "%s", err);
            break;
        }
        ++*n;
    }
    trace_close(&t);
    return r;
}

/* What a case must have gone through, or its passing says little. */
enum { EVICTIONS = 1, WRITEBACKS = 2, PROTECTION = 4, SEGV = 8, RANGE = 16, SWITCHES = 32, HUGE = 64 };

#define ULL(x) ((unsigned long long)(x))

/* Accesses r[0..n-1]: through `bulk` by os_run() in batches of random sizes, through
 * `one` by os_access() one at a time; every answer must be the same. */
static void run_both(os *bulk, os *one, const access_rec *r, size_t n, access_out *ga)
{
    char err[ERR];
    uint64_t s = 0x5851F42D4C957F2Du ^ n;
    for (size_t i = 0; i < n && cur_ok;) {
        size_t m = 1 + rng_next(&s) % 200, done = 0;
        m = m < n - i ? m : n - i;
        /* A third of the batches quiet, as vmref -q runs them (no answers wanted: its own
         * path in run_hits); what they did shows in the later answers and the counts. */
        int quiet = rng_next(&s) % 3 == 0;
        int how = os_run(bulk, r + i, m, quiet ? NULL : ga + i, &done, err, sizeof err);
        CHECK(how >= 0 && done >= 1 && done <= m, "os_run at access %zu: %d, %zu done: %s", i + 1, how,
              done, how < 0 ? err : "");
        if (!cur_ok)
            break;
        CHECK(done == m || how != ACC_OK, "os_run stopped after an access that ended well");
        for (size_t k = i; k < i + done && cur_ok; k++) {
            access_out b;
            int rc = os_access(one, &r[k], &b, err, sizeof err);
            if (quiet) {
                CHECK(rc >= 0, "os_access at access %zu: %s", k + 1, err);
                continue;
            }
            const access_out *a = &ga[k];
            CHECK(rc == b.outcome && same_answer(a, &b),
                  "access %zu (line %llu): os_run outcome %u paddr 0x%llx hit %u cycles %u value %d"
                  " frame %u victim %u; os_access %d: outcome %u paddr 0x%llx hit %u cycles %u value %d"
                  " frame %u victim %u",
                  k + 1, ULL(r[k].line), a->outcome, ULL(a->paddr), a->hit, a->cycles, a->value, a->frame,
                  a->victim, rc, b.outcome, ULL(b.paddr), b.hit, b.cycles, b.value, b.frame, b.victim);
        }
        i += done;
    }
}

/* os_observe's contract: one by one, every access is told in order; in bulk the same
 * events, and access numbers that never fall behind and end at the last.  Returns how
 * many accesses bulk told one by one or as a run's last. */
static size_t check_heard(const heard *hb, const heard *ho, size_t n)
{
    size_t told = 0, j = 0;
    uint64_t last = 0;
    for (size_t k = 0; k < ho->n; k++)
        if (ho->e[k].ev == OS_EV_ACCESS)
            CHECK(ho->e[k].access == ++told, "one by one: access %zu told as %llu", told,
                  ULL(ho->e[k].access));
    CHECK(told == n, "one by one: %zu of %zu accesses told", told, n);
    told = 0;
    for (size_t k = 0; k < hb->n && cur_ok; k++) {
        const struct event *e = &hb->e[k];
        CHECK(e->access >= last, "bulk: access number %llu after %llu", ULL(e->access), ULL(last));
        last = e->access;
        if (e->ev == OS_EV_ACCESS) {
            told++;
            continue;
        }
        while (j < ho->n && ho->e[j].ev == OS_EV_ACCESS)
            j++;
        CHECK(j < ho->n && ho->e[j].ev == e->ev && ho->e[j].frame == e->frame && ho->e[j].access == e->access,
              "bulk: event %d frame %u at access %llu, one by one heard otherwise", e->ev, e->frame,
              ULL(e->access));
        j++;
    }
    while (j < ho->n && ho->e[j].ev == OS_EV_ACCESS)
        j++;
    CHECK(j == ho->n, "bulk heard fewer events than one by one");
    CHECK(last == n, "bulk: the last access number told is %llu of %zu", ULL(last), n);
    return told;
}

/* The two systems' statistics, whole and per process, and the corners `need` names. */
static void check_counts(const os *bulk, const os *one, unsigned need)
{
    const os_stats *sb = os_stats_of(bulk), *so = os_stats_of(one);
    CHECK(memcmp(sb, so, sizeof *sb) == 0,
          "statistics differ: accesses %llu/%llu, hits %llu/%llu, cycles %llu/%llu",
          ULL(sb->accesses), ULL(so->accesses), ULL(sb->tlb_hits), ULL(so->tlb_hits), ULL(sb->cycles),
          ULL(so->cycles));
    CHECK(os_nprocs(bulk) == os_nprocs(one), "processes %zu/%zu", os_nprocs(bulk), os_nprocs(one));
    for (size_t p = 0; p < os_nprocs(bulk) && p < os_nprocs(one); p++)
        CHECK(same_proc(os_proc(bulk, p), os_proc(one, p)), "process %zu's statistics differ", p);
    CHECK((!(need & EVICTIONS) || so->evictions) && (!(need & WRITEBACKS) || so->writebacks) &&
              (!(need & PROTECTION) || so->protection_faults) && (!(need & SEGV) || so->segv_faults) &&
              (!(need & RANGE) || so->range_faults) && (!(need & SWITCHES) || so->switches),
          "a corner not reached: evictions %llu, write-backs %llu, protection %llu, segv %llu, range %llu,"
          " switches %llu", ULL(so->evictions), ULL(so->writebacks), ULL(so->protection_faults),
          ULL(so->segv_faults), ULL(so->range_faults), ULL(so->switches));
    /* --thp: megapages mapped, and runs of hits through both sizes of page. */
    CHECK(!(need & HUGE) || (so->faults_by_size[1] && so->hits_by_size[1] > 100 && so->hits_by_size[0]),
          "huge pages: faults %llu, hits %llu (4 KiB pages' hits %llu)", ULL(so->faults_by_size[1]),
          ULL(so->hits_by_size[1]), ULL(so->hits_by_size[0]));
}

/* Two systems from vmref's command line `args` (NULL-terminated), one through
 * os_run(), one through os_access(), compared in everything. */
static void bulk_case(const char *name, unsigned need, const char **args)
{
    begin(name);
    const char *argv[32] = {"vmref"};
    int argc = 1;
    for (; args[argc - 1] && argc < 31; argc++)
        argv[argc] = args[argc - 1];
    argv[argc] = NULL;
    options o;
    char err[ERR] = "";
    size_t n = 0;
    vm_system bulk = {0}, one = {0};
    heard hb = {0}, ho = {0};
    access_rec *r = NULL;
    access_out *ga = NULL;
    uint64_t *future = NULL;
    int ok = parse(&o, PROG_VMREF, argv) == 0 && (r = read_all(o.trace, o.format, o.preset->page_bits, &n)) &&
             (ga = malloc(n * sizeof *ga));
    if (ok && o.policy->needs_future)
        ok = (future = future_build(o.trace, o.format, o.preset, err, sizeof err)) != NULL;
    ok = ok && system_init(&bulk, &o, model_build, NULL, future, err, sizeof err) == 0 &&
         system_init(&one, &o, model_build, NULL, future, err, sizeof err) == 0;
    CHECK(ok, "setup: %s", err);
    if (ok) {
        os_observe(bulk.os, (os_observer){.event = hear, .ctx = &hb});
        os_observe(one.os, (os_observer){.event = hear, .ctx = &ho});
        run_both(bulk.os, one.os, r, n, ga);
        check_counts(bulk.os, one.os, need);
        size_t told = check_heard(&hb, &ho, n);
        /* It proves little unless many accesses went in bulk: each run is told once. */
        CHECK(told + n / 10 < n, "bulk: %zu of %zu accesses told one by one or as a run's last", told, n);
    }
    system_free(&bulk);
    system_free(&one);
    free(hb.e), free(ho.e), free(r), free(ga), free(future);
    end();
}

/* A multi-process trace in the extended format on sv32: reads, writes (some naming
 * their byte), executes, a few addresses beyond 32 bits, and process 1 confined to a
 * map with a read-only and an executable region.  With `smode`, the same accesses,
 * about one in six in S-mode (the privilege column, in every spelling; some others
 * with an explicit U), on pages the process also touches in U-mode, so that runs of
 * TLB hits meet them; and process 1's executable region execute-only (MXR's case). */
static int ext_trace(char *path, size_t n, char *map_path, size_t mn, int smode)
{
    snprintf(map_path, mn, "%s/%s.maps", dir, smode ? "priv" : "one");
    FILE *m = fopen(map_path, "w");
    if (!m)
        return -1;
    fprintf(m, "00010000-00018000 r--p 00000000 00:00 0 /bin/x\n"
               "00020000-00024000 %s 00000000 00:00 0 /bin/x\n", smode ? "--xp" : "r-xp");
    if (fclose(m) != 0)
        return -1;
    snprintf(path, n, "%s/%s.txt", dir, smode ? "priv" : "ext");
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    uint64_t s = 0xBADC0FFEE0DDF00Du;
    unsigned pid = 0;
    for (int i = 0; i < 6000; i++) {
        uint64_t r = rng_next(&s);
        if (r % 97 == 0)
            pid = (unsigned)(r >> 8) % 3;
        unsigned page = r % 16 ? 0x10 + (unsigned)(r >> 12) % 10 : (unsigned)(r >> 12) % 64;
        if (pid == 1 && r % 3 == 0)
            page = 0x20 + (unsigned)(r >> 20) % 4;
        uint64_t addr = (uint64_t)page << 12 | (r >> 32 & 0xFFF);
        if (r % 211 == 0)
            addr |= (uint64_t)1 << 33; /* beyond sv32's 32-bit VA */
        const char *k = r % 5 == 0 ? "W" : r % 7 == 0 ? "X" : "R";
        const char *priv = "";
        if (smode && (r >> 44) % 6 == 0)
            priv = (const char *[]){" S", "\ts", " S", " s"}[(r >> 48) % 4];
        else if (smode && (r >> 52) % 5 == 0)
            priv = (r >> 56) % 2 ? " U" : " u";
        if (*k == 'W' && r % 2)
            fprintf(f, "%u W 0x%llx %u%s\n", pid, (unsigned long long)addr, (unsigned)(r >> 40) & 0xFF, priv);
        else
            fprintf(f, "%u %s 0x%llx%s\n", pid, k, (unsigned long long)addr, priv);
    }
    return fclose(f);
}

static void test_bulk(const char *text, const char *ext, const char *map_path)
{
    static const char *const policies[] = {"fifo", "lru", "lru-walk", "clock", "opt"};
    for (size_t i = 0; i < sizeof policies / sizeof policies[0]; i++) {
        char name[80];
        snprintf(name, sizeof name, "os_run_same_as_os_access_text_%s", policies[i]);
        bulk_case(name, EVICTIONS,
                  (const char *[]){"-f", text, "-b", backing, "-n", "16", "-p", policies[i], NULL});
    }
    bulk_case("os_run_same_as_os_access_text_clock_svade", EVICTIONS,
              (const char *[]){"-f", text, "-b", backing, "-n", "16", "-p", "clock", "--ad", "fault", NULL});
    bulk_case("os_run_same_as_os_access_text_4x2_tlb", EVICTIONS,
              (const char *[]){"-f", text, "-b", backing, "-n", "16", "--tlb-sets", "4", "--tlb-ways", "2",
                               NULL});
    char m[160];
    snprintf(m, sizeof m, "1=%s", map_path);
    bulk_case("os_run_same_as_os_access_ext_maps_clock",
              EVICTIONS | WRITEBACKS | PROTECTION | SEGV | RANGE | SWITCHES,
              (const char *[]){"-f", ext, "-b", backing, "--config", "sv32", "-n", "8", "-p", "clock",
                               "--maps", m, NULL});
    bulk_case("os_run_same_as_os_access_ext_no_asid_lru", EVICTIONS | WRITEBACKS | RANGE | SWITCHES,
              (const char *[]){"-f", ext, "-b", backing, "--config", "sv32", "-n", "8", "-p", "lru",
                               "--no-asid", NULL});
    /* Memory at the top of sv32's 34-bit physical addresses, high and spread ASIDs (of
     * sv32's 9 bits: 509, 125, 253). */
    bulk_case("os_run_same_as_os_access_ext_high_pa_and_asids", EVICTIONS | WRITEBACKS | RANGE | SWITCHES,
              (const char *[]){"-f", ext, "-b", backing, "--config", "sv32", "-n", "8", "--pa-base",
                               "0x3fefe0000", "--asid-base", "509", "--asid-step", "128", NULL});
    /* S-mode accesses among the user's: os_run() hands none to translate_hits() (which
     * answers U-mode requests), whatever SUM, MXR and the A/D scheme. */
    char pt[128], pm[128];
    if (ext_trace(pt, sizeof pt, pm, sizeof pm, 1) != 0) {
        begin("os_run_same_as_os_access_priv_setup");
        CHECK(0, "cannot write the privilege trace under /tmp");
        end();
        return;
    }
    snprintf(m, sizeof m, "1=%s", pm);
    bulk_case("os_run_same_as_os_access_priv_sum0", EVICTIONS | WRITEBACKS | PROTECTION | SEGV | SWITCHES,
              (const char *[]){"-f", pt, "-b", backing, "--config", "sv39", "-n", "12", "-p", "clock",
                               "--maps", m, NULL});
    bulk_case("os_run_same_as_os_access_priv_sum1", EVICTIONS | WRITEBACKS | PROTECTION | SEGV | SWITCHES,
              (const char *[]){"-f", pt, "-b", backing, "--config", "sv39", "-n", "12", "-p", "clock",
                               "--maps", m, "--sum", NULL});
    bulk_case("os_run_same_as_os_access_priv_sum1_mxr_svade",
              EVICTIONS | WRITEBACKS | PROTECTION | SEGV | SWITCHES,
              (const char *[]){"-f", pt, "-b", backing, "--config", "sv32", "-n", "12", "-p", "lru",
                               "--maps", m, "--sum", "--mxr", "--ad", "fault", NULL});
    bulk_case("os_run_same_as_os_access_priv_mxr_no_asid", EVICTIONS | WRITEBACKS | PROTECTION | SEGV | SWITCHES,
              (const char *[]){"-f", pt, "-b", backing, "--config", "sv48", "-n", "12", "--maps", m, "--mxr",
                               "--no-asid", NULL});
    /* Huge pages from the OS (--thp): os_run() counts each run's hits by page size.
     * Process 1's map makes its accesses 4 KiB pages (a file's, not anonymous); the
     * others' first 2 MiB is one megapage each while an aligned run of frames is free:
     * 1100 frames hold two; 520 hold one, evicted as a unit when the 4 KiB pages of
     * the others crowd it out (its range is then paged in 4 KiB pages: no aligned run
     * is ever free again). */
    bulk_case("os_run_same_as_os_access_priv_thp_maps", PROTECTION | SEGV | SWITCHES | HUGE,
              (const char *[]){"-f", pt, "-b", backing, "--config", "sv39", "-n", "1100", "--maps", m,
                               "--thp", NULL});
    bulk_case("os_run_same_as_os_access_ext_thp_evict", EVICTIONS | WRITEBACKS | SWITCHES | HUGE,
              (const char *[]){"-f", ext, "-b", backing, "--config", "sv48", "-n", "520", "-p", "clock",
                               "--thp", NULL});
    bulk_case("os_run_same_as_os_access_ext_thp_sv32_lru", EVICTIONS | SWITCHES | HUGE,
              (const char *[]){"-f", ext, "-b", backing, "--config", "sv32", "-n", "1100", "-p", "lru",
                               "--thp", NULL});
    unlink(pt);
    unlink(pm);
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
 * (NULL: none) until the check first objects; with `logged`, the check compares the
 * MMUs' logs too, as vmsim's does.  Returns the access number it objected at (0:
 * never), with the report in *report (to free). */
static uint64_t run_checked(const char *trace, const char *inject, int logged, char **report)
{
    const char *argv[] = {"vmsim", "-f", trace, "-b", backing, "-n", "16", "-q",
                          inject ? "--inject-fault" : NULL, inject, NULL};
    options o;
    vm_system dut, ref;
    trace_reader t;
    char err[ERR];
    *report = NULL;
    if (parse(&o, PROG_VMSIM, argv) != 0 || trace_open(&t, trace, TRACE_AUTO, 8, err, sizeof err) != 0) {
        CHECK(0, "setup: %s", "options or trace");
        return 0;
    }
    static mmu_log want_log, got_log;
    checked_arg ra = {-1, logged ? &want_log : NULL}, da = {inject ? mmu_inject_parse(inject) : -1, ra.log ? &got_log : NULL};
    if (system_init(&ref, &o, checked_ctor, &ra, NULL, err, sizeof err) != 0 ||
        system_init(&dut, &o, checked_ctor, &da, NULL, err, sizeof err) != 0) {
        CHECK(0, "system_init: %s", err);
        trace_close(&t);
        return 0;
    }
    os_log(ref.os, ra.log);
    os_log(dut.os, da.log);
    access_rec r;
    access_out want, got;
    uint64_t n = 0, caught = 0;
    char gerr[ERR];
    while (!caught && trace_next(&t, &r, err, sizeof err) == 1) {
        n++;
        mmu_log_clear(&got_log);
        mmu_log_clear(&want_log);
        int grc = os_access(dut.os, &r, &got, gerr, sizeof gerr);
        int wrc = os_access(ref.os, &r, &want, err, sizeof err);
        CHECK(wrc >= 0, "the reference failed at access %llu: %s", (unsigned long long)n, err);
        if (wrc < 0)
            break;
        if (cosim_differ(&want, &got, grc < 0, ra.log, da.log)) {
            caught = n;
            size_t len;
            FILE *f = open_memstream(report, &len);
            if (f) {
                cosim_report(f, &o, &(cosim_mismatch){.rec = &r, .n = n, .who = dut.mmu.ops->name,
                                                      .want = &want, .got = &got,
                                                      .got_err = grc < 0 ? gerr : NULL,
                                                      .want_log = ra.log, .got_log = da.log});
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
 * with the fields and the steps of the logs it spoils marked.  The trace's first two
 * accesses share a page: the first page-faults (step 1 reads the empty PTE, step 2
 * answers the fault, step 3 reads the PTE the OS wrote, step 4 writes A back, step 5
 * answers), the second hits the TLB that walk filled (step 1 answers). */
static void test_inject_caught(const char *trace)
{
    static const struct {
        const char *kind;
        uint64_t at;        /* the first access the defect shows in */
        const char *fields; /* the report's marked fields and steps */
        int unlogged;       /* 1: a check without the logs objects there too; 0: later or never */
    } cases[] = {
        {"paddr", 1, "paddr,step 5,", 1},    /* the value read at paddr ^ 1 may differ too */
        {"hit", 1, "tlb hit,step 2,step 5,", 1},
        {"latency", 1, "cycles,step 2,step 5,", 1},
        {"fill", 2, "tlb hit,cycles,answer at,step 1,step 2,", 2}, /* a walk where a hit was due */
        /* The A/D write lands elsewhere: the answers stay right until a walk reads
         * one of the two PTEs again. */
        {"pte-addr", 1, "step 4,", 0},
        /* D inverted in memory: the TLB holds the page as it should, and the wrong D
         * shows only in a write-back nobody compares. */
        {"pte-value", 1, "step 4,", 0},
        /* Each answer one cycle late, its latency right: only the cycle compared. */
        {"cycle", 1, "answer at,step 2,step 5,", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "cosim_catches_injected_%s_in_the_model", cases[i].kind);
        begin(name);
        char *report;
        uint64_t at = run_checked(trace, cases[i].kind, 1, &report);
        CHECK(at == cases[i].at, "caught at access %llu, expected %llu", (unsigned long long)at,
              (unsigned long long)cases[i].at);
        char fields[128] = "";
        if (report)
            marked(report, fields, sizeof fields);
        int ok = strcmp(fields, cases[i].fields) == 0 ||
                 (strcmp(cases[i].kind, "paddr") == 0 && strcmp(fields, "paddr,value,step 5,") == 0);
        CHECK(ok, "marked '%s', expected '%s'", fields, cases[i].fields);
        char head[320], rerun[64];
        snprintf(head, sizeof head, "vmsim: MISMATCH at access %llu (%s:%llu), model cycle 0",
                 (unsigned long long)cases[i].at, trace, (unsigned long long)cases[i].at);
        snprintf(rerun, sizeof rerun, " --inject-fault %s", cases[i].kind);
        CHECK(report && strncmp(report, head, strlen(head)) == 0 && strstr(report, rerun),
              "report: %s", report ? report : "(none)");
        free(report);
        end();
        /* What the logs add: where the answers alone would notice the defect. */
        snprintf(name, sizeof name, "cosim_without_the_logs_%s_caught_%s", cases[i].kind,
                 cases[i].unlogged ? "as_soon" : "later_or_never");
        begin(name);
        at = run_checked(trace, cases[i].kind, 0, &report);
        CHECK(cases[i].unlogged ? at == cases[i].at : at == 0 || at > cases[i].at,
              "caught at access %llu without the logs, with them at %llu", (unsigned long long)at,
              (unsigned long long)cases[i].at);
        free(report);
        end();
    }
    begin("cosim_quiet_without_a_defect");
    char *report;
    uint64_t at = run_checked(trace, NULL, 1, &report);
    CHECK(at == 0, "objected at access %llu: %s", (unsigned long long)at, report ? report : "");
    free(report);
    end();
    begin("inject_kinds_one_list");
    const char *want[] = {"paddr", "hit", "latency", "fill", "pte-addr", "pte-value", "cycle", NULL};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const char *got = mmu_inject_name(i);
        CHECK(want[i] ? got && strcmp(got, want[i]) == 0 && mmu_inject_parse(got) == (int)i : !got,
              "kind %zu is '%s'", i, got ? got : "(none)");
    }
    CHECK(mmu_inject_parse("none") == -1 && mmu_inject_parse("") == -1 && mmu_inject_parse("Hit") == -1,
          "parses what it does not list");
    end();
}

/* The contract fixes the physical address of a fault (0), and the check compares it:
 * two answers that differ only there differ; so do two logs that differ only in one
 * memory operation's address, kind or value; identical ones do not. */
static void test_log_fields(void)
{
    begin("cosim_compares_every_field_of_the_logs");
    access_out a = {.outcome = ACC_PROTECTION, .cycles = 1, .hit = 1, .victim = UINT32_MAX};
    static mmu_log x, y;
    mmu_log_clear(&x);
    mmu_log_add(&x, MMU_OP_READ, 0x4048, 0x1c01, 0, 0);
    mmu_log_add(&x, MMU_OP_WRITE, 0x4048, 0x1c41, 0, 0);
    mmu_log_add(&x, MMU_OP_ANSWER, 0, 1, 1, FAULT_ACCESS);
    CHECK(!cosim_differ(&a, &a, 0, &x, &x), "a log differs from itself");
    static const struct {
        unsigned step;
        struct {
            mmu_op_kind kind;
            uint64_t addr, data;
            uint8_t hit, fault;
        } op;
        const char *what;
    } spoil[] = {
        {2, {MMU_OP_ANSWER, 0x1000, 1, 1, FAULT_ACCESS}, "a fault's paddr"},
        {2, {MMU_OP_ANSWER, 0, 2, 1, FAULT_ACCESS}, "an answer's cycles"},
        {2, {MMU_OP_ANSWER, 0, 1, 0, FAULT_ACCESS}, "an answer's hit"},
        {2, {MMU_OP_ANSWER, 0, 1, 1, FAULT_PAGE}, "an answer's fault"},
        {1, {MMU_OP_WRITE, 0x404c, 0x1c41, 0, 0}, "a write's address"},
        {1, {MMU_OP_WRITE, 0x4048, 0x1cc1, 0, 0}, "a write's value"},
        {0, {MMU_OP_WRITE, 0x4048, 0x1c01, 0, 0}, "a read made a write"},
        {0, {MMU_OP_READ, 0x4048, 0x1c00, 0, 0}, "a read's value"},
    };
    for (size_t i = 0; i < sizeof spoil / sizeof spoil[0]; i++) {
        y = x;
        y.n = spoil[i].step;
        mmu_log_add(&y, spoil[i].op.kind, spoil[i].op.addr, spoil[i].op.data, spoil[i].op.hit, spoil[i].op.fault);
        y.n = x.n;
        CHECK(cosim_differ(&a, &a, 0, &x, &y), "%s not compared", spoil[i].what);
    }
    y = x;
    y.n = 2;
    CHECK(cosim_differ(&a, &a, 0, &x, &y), "a missing step not compared");
    CHECK(!cosim_differ(&a, &a, 0, NULL, &y), "compared with no log");
    end();
}

/* --pte-noise sets the PTE bits the contract says a walker ignores, and no answer
 * changes: two systems over the same multi-process trace, on a 3-level preset with
 * 64-bit PTEs (pointers and leaves), one with the noise, answer every access alike;
 * the noisy one's walker read PTEs with every kind of ignored bit set (its log). */
static void test_pte_noise(const char *ext)
{
    begin("pte_noise_sets_the_ignored_bits_and_changes_no_answer");
    const char *plain_argv[] = {"vmref", "-f", ext, "-b", backing, "--config", "sv39", "-n", "8", NULL};
    const char *noisy_argv[] = {"vmref", "-f", ext, "-b", backing, "--config", "sv39", "-n", "8", "--pte-noise", NULL};
    options po, no;
    vm_system plain, noisy;
    char err[ERR];
    static mmu_log log;
    checked_arg na = {-1, &log};
    if (parse(&po, PROG_VMREF, plain_argv) != 0 || parse(&no, PROG_VMREF, noisy_argv) != 0 ||
        system_init(&plain, &po, model_build, NULL, NULL, err, sizeof err) != 0) {
        CHECK(0, "setup: %s", "options or the plain system");
        end();
        return;
    }
    if (system_init(&noisy, &no, checked_ctor, &na, NULL, err, sizeof err) != 0) {
        CHECK(0, "setup: %s", err);
        system_free(&plain);
        end();
        return;
    }
    size_t n = 0;
    access_rec *r = read_all(ext, TRACE_AUTO, 12, &n);
    CHECK(r && n > 1000, "read %zu accesses of %s", n, ext);
    /* Which bits the walker saw set: RSW, the one field it must ignore, in both its
     * values; and never G, the top ten, or a pointer's A/D/U, which now mean something
     * (global) or are reserved (a page fault). */
    uint64_t seen = 0;
    const uint64_t rsw = 3u << 8, top = (uint64_t)0x3ff << 54, ptr = PTE_A | PTE_D | PTE_U;
    for (size_t i = 0; r && i < n && cur_ok; i++) {
        access_out a, b;
        char e2[ERR];
        mmu_log_clear(&log);
        int ra = os_access(plain.os, &r[i], &a, err, sizeof err);
        int rb = os_access(noisy.os, &r[i], &b, e2, sizeof e2);
        CHECK(ra == rb && (ra < 0 || same_answer(&a, &b)),
              "access %zu: %d paddr 0x%llx cycles %u without the noise, %d paddr 0x%llx cycles %u with it", i + 1,
              ra, ULL(a.paddr), a.cycles, rb, ULL(b.paddr), b.cycles);
        for (unsigned k = 0; k < log.n && k < MMU_LOG_OPS; k++) {
            const mmu_op *op = &log.op[k];
            if (mmu_op_kind_of(op) != MMU_OP_READ || !(op->data & PTE_V))
                continue;
            int pointer = !(op->data & (PTE_R | PTE_X));
            seen |= (op->data & (rsw | PTE_G | top)) | (pointer && (op->data & ptr) ? (uint64_t)1 : 0);
        }
    }
    CHECK(seen == rsw, "bits seen set: 0x%llx (want RSW, 0x300, alone)", ULL(seen));
    free(r);
    system_free(&plain);
    system_free(&noisy);
    end();
}

/* Two systems from vmref's command lines `a` and `b` (NULL-terminated), built with the
 * model logged into `la` and `lb` (NULL: not logged); 0, or -1 after a failed CHECK. */
static int two_systems(const char **a, const char **b, vm_system *sa, vm_system *sb, mmu_log *la, mmu_log *lb)
{
    options oa, ob;
    char err[ERR] = "";
    checked_arg ca = {-1, la}, cb = {-1, lb};
    int ok = parse(&oa, PROG_VMREF, a) == 0 && parse(&ob, PROG_VMREF, b) == 0;
    ok = ok && system_init(sa, &oa, checked_ctor, &ca, NULL, err, sizeof err) == 0;
    if (ok && system_init(sb, &ob, checked_ctor, &cb, NULL, err, sizeof err) != 0) {
        system_free(sa);
        ok = 0;
    }
    CHECK(ok, "setup: %s", err[0] ? err : "options");
    return ok ? 0 : -1;
}

/* Svade (--ad fault) against Svadu: the OS maps pages accessed (and dirty when a store
 * brings them in) and sets A or D itself after an A/D page fault, where the walker
 * would have set them; so every access ends the same (outcome, frame, victim, the
 * byte, the first attempt's hit), and the paging is the same (faults, evictions,
 * write-backs), CLOCK's choices included, which read the A bits.  Only the MMU's
 * own work moves: no A/D write under Svade, A/D faults instead (CLOCK clears A, so
 * some must happen). */
static void test_svade(const char *text, const char *ext, const char *map_path)
{
    char m[160];
    snprintf(m, sizeof m, "1=%s", map_path);
    const char *cases[][16] = {
        {"vmref", "-f", text, "-b", backing, "-n", "16", "-p", "clock", NULL},
        {"vmref", "-f", ext, "-b", backing, "--config", "sv32", "-n", "8", "-p", "clock", "--maps", m, NULL},
    };
    for (size_t c = 0; c < 2; c++) {
        begin(c ? "svade_pages_as_svadu_ext_maps_clock" : "svade_pages_as_svadu_text_clock");
        const char *fa[20];
        size_t k = 0;
        for (; cases[c][k]; k++)
            fa[k] = cases[c][k];
        fa[k++] = "--ad";
        fa[k++] = "fault";
        fa[k] = NULL;
        vm_system hw, sw;
        if (two_systems(cases[c], fa, &hw, &sw, NULL, NULL) != 0) {
            end();
            continue;
        }
        size_t n = 0;
        access_rec *r = read_all(c ? ext : text, TRACE_AUTO, c ? 12 : 8, &n);
        char err[ERR], e2[ERR];
        for (size_t i = 0; r && i < n && cur_ok; i++) {
            access_out a, b;
            int ra = os_access(hw.os, &r[i], &a, err, sizeof err), rb = os_access(sw.os, &r[i], &b, e2, sizeof e2);
            CHECK(ra >= 0 && rb >= 0, "access %zu: %s / %s", i + 1, ra < 0 ? err : "", rb < 0 ? e2 : "");
            CHECK(ra == rb && a.paddr == b.paddr && a.value == b.value && a.hit == b.hit &&
                      a.page_fault == b.page_fault && a.frame == b.frame && a.victim == b.victim,
                  "access %zu (line %llu): Svadu %d paddr 0x%llx frame %u victim %u, Svade %d paddr 0x%llx"
                  " frame %u victim %u", i + 1, ULL(r[i].line), ra, ULL(a.paddr), a.frame, a.victim, rb,
                  ULL(b.paddr), b.frame, b.victim);
        }
        const os_stats *h = os_stats_of(hw.os), *v = os_stats_of(sw.os);
        CHECK(h->page_faults == v->page_faults && h->tlb_hits == v->tlb_hits && h->evictions == v->evictions &&
                  h->writebacks == v->writebacks && h->protection_faults == v->protection_faults &&
                  h->segv_faults == v->segv_faults,
              "paging differs: faults %llu/%llu, hits %llu/%llu, evictions %llu/%llu, write-backs %llu/%llu",
              ULL(h->page_faults), ULL(v->page_faults), ULL(h->tlb_hits), ULL(v->tlb_hits), ULL(h->evictions),
              ULL(v->evictions), ULL(h->writebacks), ULL(v->writebacks));
        CHECK(h->ad_faults == 0 && h->pte_writes > 0 && v->ad_faults > 0 && v->pte_writes == 0,
              "Svadu: %llu A/D faults, %llu A/D writes; Svade: %llu A/D faults, %llu A/D writes", ULL(h->ad_faults),
              ULL(h->pte_writes), ULL(v->ad_faults), ULL(v->pte_writes));
        CHECK(h->evictions > 0 && (c == 0 || h->protection_faults > 0), "evictions %llu, protection faults %llu",
              ULL(h->evictions), ULL(h->protection_faults));
        free(r);
        system_free(&hw);
        system_free(&sw);
        end();
    }
}

/* Sv39 addresses as the spec has them: canonical ones (bits 63-39 copies of bit 38)
 * are translated, the lower half's and the upper half's; the others are address faults
 * the OS reports without asking the MMU. */
static void test_canonical(void)
{
    begin("sv39_canonical_addresses_translated_others_address_faults");
    char path[128];
    snprintf(path, sizeof path, "%s/canon.txt", dir);
    static const struct {
        uint64_t addr;
        int outcome;
    } want[] = {
        {0x1000, ACC_OK},                  /* the lower half's bottom */
        {0x3fffffffffull, ACC_OK},         /* its top */
        {0xffffffc000000000ull, ACC_OK},   /* the upper half's bottom */
        {0xfffffffffffff008ull, ACC_OK},   /* its top page */
        {0x4000000000ull, ACC_RANGE},      /* bit 38 set, 63-39 clear */
        {0x7fffffffffull, ACC_RANGE},
        {0xffffffbfffffffffull, ACC_RANGE}, /* bit 38 clear, 63-39 set */
        {0x8000000000000000ull, ACC_RANGE},
        {0xffffffc000000010ull, ACC_OK},   /* a hit on the upper half's page */
    };
    FILE *f = fopen(path, "w");
    for (size_t i = 0; f && i < sizeof want / sizeof want[0]; i++)
        fprintf(f, "0 %s 0x%llx\n", i % 2 ? "W" : "R", ULL(want[i].addr));
    CHECK(f && fclose(f) == 0, "cannot write %s", path);
    const char *argv[] = {"vmref", "-f", path, "-b", backing, "--config", "sv39", "-n", "8", NULL};
    options o;
    vm_system sys;
    char err[ERR] = "";
    if (!cur_ok || parse(&o, PROG_VMREF, argv) != 0 || system_init(&sys, &o, model_build, NULL, NULL, err, sizeof err) != 0) {
        CHECK(0, "setup: %s", err);
        end();
        return;
    }
    size_t n = 0;
    access_rec *r = read_all(path, TRACE_AUTO, 12, &n);
    CHECK(n == sizeof want / sizeof want[0], "read %zu accesses", n);
    for (size_t i = 0; r && i < n && cur_ok; i++) {
        access_out a;
        int how = os_access(sys.os, &r[i], &a, err, sizeof err);
        CHECK(how == want[i].outcome, "0x%llx: outcome %d, want %d (%s)", ULL(want[i].addr), how, want[i].outcome,
              how < 0 ? err : "");
    }
    const os_stats *st = os_stats_of(sys.os);
    CHECK(st->range_faults == 4 && st->page_faults == 4 && st->tlb_hits == 1,
          "address faults %llu, page faults %llu, hits %llu", ULL(st->range_faults), ULL(st->page_faults),
          ULL(st->tlb_hits));
    free(r);
    system_free(&sys);
    unlink(path);
    end();
}

/* --pmem: the OS keeps its page tables below the end of physical memory, so no walk
 * reads beyond it; and a memory too small for them stops the run saying so. */
static void test_pmem(const char *ext)
{
    begin("pmem_page_tables_below_the_bound");
    /* sv39, 8 frames of 4 KiB at 0: the tables start at 0x8000; 0x20000 leaves them 24
     * pages, enough for three processes' three levels and the pages they touch. */
    const char *a[] = {"vmref", "-f", ext, "-b", backing, "--config", "sv39", "-n", "8", "--pmem", "0x20000", NULL};
    const char *b[] = {"vmref", "-f", ext, "-b", backing, "--config", "sv39", "-n", "8", NULL};
    vm_system sa, sb;
    static mmu_log la;
    if (two_systems(a, b, &sa, &sb, &la, NULL) != 0) {
        end();
        return;
    }
    size_t n = 0, reads = 0;
    access_rec *r = read_all(ext, TRACE_AUTO, 12, &n);
    char err[ERR], e2[ERR];
    for (size_t i = 0; r && i < n && cur_ok; i++) {
        access_out x, y;
        mmu_log_clear(&la);
        int ra = os_access(sa.os, &r[i], &x, err, sizeof err), rb = os_access(sb.os, &r[i], &y, e2, sizeof e2);
        CHECK(ra == rb && same_answer(&x, &y), "access %zu: %d / %d (%s)", i + 1, ra, rb, ra < 0 ? err : "");
        for (unsigned k = 0; k < la.n && k < MMU_LOG_OPS; k++)
            if (mmu_op_kind_of(&la.op[k]) == MMU_OP_READ) {
                reads++;
                CHECK(la.op[k].addr < 0x20000, "access %zu: a PTE read at 0x%llx", i + 1, ULL(la.op[k].addr));
            }
    }
    CHECK(reads > 100, "only %zu PTE reads", reads);
    free(r);
    system_free(&sa);
    system_free(&sb);
    end();

    begin("pmem_too_small_for_the_tables");
    const char *c[] = {"vmref", "-f", ext, "-b", backing, "--config", "sv39", "-n", "8", "--pmem", "0x9000", NULL};
    options o;
    vm_system sys;
    if (parse(&o, PROG_VMREF, c) != 0 || system_init(&sys, &o, model_build, NULL, NULL, err, sizeof err) != 0) {
        CHECK(0, "setup: %s", err);
        end();
        return;
    }
    r = read_all(ext, TRACE_AUTO, 12, &n);
    int how = 0;
    for (size_t i = 0; r && i < n && how >= 0; i++)
        how = os_access(sys.os, &r[i], NULL, err, sizeof err);
    CHECK(how < 0 && strstr(err, "the kernel region is full"), "the run went on, or stopped otherwise: %d %s", how,
          how < 0 ? err : "");
    free(r);
    system_free(&sys);
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
    char text[128], ext[128], map_path[128];
    if (make_inputs() != 0 || text_trace(text, sizeof text) != 0 ||
        ext_trace(ext, sizeof ext, map_path, sizeof map_path, 0) != 0) {
        begin("setup");
        CHECK(0, "cannot write the inputs under /tmp");
        return summary();
    }
    test_bulk(text, ext, map_path);
    test_inject_caught(text);
    test_log_fields();
    test_pte_noise(ext);
    test_svade(text, ext, map_path);
    test_canonical();
    test_pmem(ext);
    unlink(ext);
    unlink(map_path);
    unlink(text);
    unlink(backing);
    rmdir(dir);
    return summary();
}
