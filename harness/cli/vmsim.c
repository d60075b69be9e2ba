// SPDX-License-Identifier: MIT
/* vmsim.c — the OS driving the RTL MMU, checked in lock step against a second,
 * independent system that drives the C model (docs/contract.md).
 *
 * Each system has its own OS, physical memory and swap; they see the same trace.
 * After every access the two answers are compared field by field; the first
 * difference stops the run with everything needed to look at it in a waveform. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness/base/interrupt.h"
#include "harness/cli/cosim.h"
#include "harness/mmu/mmu_inject.h"
#include "harness/mmu/mmu_rtl.h"
#include "harness/cli/outfile.h"
#include "harness/cli/progress.h"
#include "harness/cli/report.h"
#include "harness/cli/run.h"
#include "harness/cli/system.h"

enum { EXIT_MISMATCH = 3 };

static int model_ctor(mmu *out, const mmu_config *c, mem_port mem, void *arg)
{
    (void)arg;
    return mmu_model_new(out, c, mem);
}

typedef struct rtl_ctor_arg {
    rtl_options ro;
    int inject;         /* an --inject-fault kind, or -1 */
    char *err;
    size_t errlen;
    mmu_rtl *rtl;       /* the MMU built, for driving its clock and waveform */
} rtl_ctor_arg;

/* The RTL's MMU; with --inject-fault, behind the wrapper that spoils its answers. */
static int rtl_ctor(mmu *out, const mmu_config *c, mem_port mem, void *arg)
{
    rtl_ctor_arg *a = arg;
    a->rtl = mmu_rtl_new(out, c, mem, &a->ro, a->err, a->errlen);
    if (!a->rtl)
        return -1;
    if (a->inject >= 0 && mmu_inject_wrap(out, c, a->inject) != 0) {
        snprintf(a->err, a->errlen, "out of memory");
        return -1;
    }
    return 0;
}

/* The RTL system's OS observer: its events go to the waveform's annotation inputs. */
static void show_in_waves(void *hw, os_event ev, uint32_t frame, uint64_t access)
{
    static const rtl_os_event shown[] = {
        [OS_EV_FAULT] = RTL_OS_PAGE_FAULT,
        [OS_EV_EVICT] = RTL_OS_EVICT,
        [OS_EV_INVAL] = RTL_OS_TLB_INVAL,
        [OS_EV_SWITCH] = RTL_OS_SWITCH,
    };
    mmu_rtl *rtl = hw;
    mmu_rtl_show_access(rtl, access);
    if (ev != OS_EV_ACCESS)
        mmu_rtl_show_event(rtl, shown[ev], frame);
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Every access of the trace, through the RTL system and, if `ref`, the model's in
 * lock-step; the first o->skip are a warm-up, neither printed nor counted, and at
 * most o->max follow.  Returns 0 at the end of the trace (or on a signal),
 * EXIT_MISMATCH after reporting the first difference, or -1 with err set; *n counts
 * the accesses, warm-up included (access numbers are the trace's, as in the
 * waveform and the miss index), and *counted_from is the RTL's cycle at the end of
 * the warm-up.  Not inlined into main(): GCC compiles main() as code that runs once,
 * for size, and would turn this loop's divisions by constants into division
 * instructions. */
VMMU_NOINLINE VMMU_FLATTEN static int run_accesses(const options *o, trace_reader *t, vm_system *rtl,
                        mmu_rtl *hw, vm_system *ref,
                        out_buf *out, FILE *misses, progress *pr, uint64_t *n, uint64_t *counted_from,
                        char *err, size_t errlen)
{
    char rerr[ERR_BYTES];
    access_rec r;
    access_out a, b;
    uint64_t nmiss = 0;
    uint64_t end = o->max > UINT64_MAX - o->skip ? UINT64_MAX : o->skip + o->max;
    int got = 0;
    while (!interrupt_signal() && *n < end && (got = trace_next(t, &r, err, errlen)) == 1) {
        ++*n;
        if (o->waves && *n == o->waves_from)
            mmu_rtl_waves(hw, 1);
        uint64_t start = mmu_rtl_cycles(hw);
        int rrc = os_access(rtl->os, &r, &a, rerr, sizeof rerr);
        if (rrc < 0)
            a = (access_out){.victim = UINT32_MAX}; /* nothing was answered */
        if (o->waves && *n == o->waves_to)
            mmu_rtl_waves(hw, 0);
        if (ref) {
            if (os_access(ref->os, &r, &b, err, errlen) < 0)
                return -1;
            if (cosim_differ(&b, &a, rrc < 0)) {
                cosim_report(stderr, o, &(cosim_mismatch){.rec = &r, .n = *n, .cycle = start,
                                                           .who = rtl->mmu.ops->name, .want = &b, .got = &a,
                                                           .got_err = rrc < 0 ? rerr : NULL});
                return EXIT_MISMATCH;
            }
        } else if (rrc < 0) {
            snprintf(err, errlen, "%s", rerr);
            return -1;
        }
        /* Misses keep the whole run's numbers, so miss K is the same miss in a
         * windowed dump as in a full one. */
        if (!a.hit && a.outcome != OUT_RANGE && ++nmiss && misses && *n >= o->waves_from &&
            *n <= o->waves_to) {
            fprintf(misses, "%llu,%llu,%llu,%llu,0x%llx,0x%llx,%u,%u,%s,", (unsigned long long)nmiss,
                    (unsigned long long)*n, (unsigned long long)r.line, (unsigned long long)start * 10,
                    (unsigned long long)a.vaddr, (unsigned long long)(a.vaddr >> o->preset->page_bits),
                    a.asid, a.cycles, a.page_fault ? "yes" : "no");
            if (a.victim != UINT32_MAX)
                fprintf(misses, "%u\n", a.victim);
            else
                fputs("\n", misses);
        }
        if (*n <= o->skip) {
            if (*n == o->skip) {
                os_stats_reset(rtl->os);
                if (ref)
                    os_stats_reset(ref->os);
                *counted_from = mmu_rtl_cycles(hw);
            }
        } else if (!o->quiet) {
            report_access(out, &r, &a, o->preset, t->format != TRACE_TEXT);
        }
        progress_tick(pr, *n);
    }
    if (got >= 0 && *n < o->skip) {
        run_short_warmup(o, rtl->os, *n);
        if (ref)
            os_stats_reset(ref->os);
        *counted_from = mmu_rtl_cycles(hw);
    }
    return got < 0 ? -1 : 0;
}

/* A failed run leaves whatever was at the outputs' paths as it was. */
static void outputs_abort(outfile *stats, outfile *misses, outfile *waves)
{
    outfile_abort(stats);
    outfile_abort(misses);
    outfile_abort(waves);
}

int main(int argc, char **argv)
{
    options o;
    int rc = options_parse(&o, PROG_VMSIM, argc, argv);
    if (rc)
        return rc > 0 ? 0 : 2;

    char err[ERR_BYTES];
    outfile stats, misses, waves;
    trace_reader t;
    vm_system rtl, ref;
    int check = !o.no_check;
    out_buf *out = malloc(sizeof *out);
    if (!out) {
        fprintf(stderr, "vmsim: out of memory\n");
        return 1;
    }
    out_init(out, 1);
    memset(&ref, 0, sizeof ref);
    memset(&rtl, 0, sizeof rtl);
    memset(&misses, 0, sizeof misses);
    memset(&waves, 0, sizeof waves);
    /* Outputs first: a path that cannot be written fails before the run. */
    if (outfile_open(&stats, o.stats, 1, err, sizeof err) != 0 ||
        outfile_open(&misses, o.misses, 1, err, sizeof err) != 0 ||
        outfile_open(&waves, o.waves, 0, err, sizeof err) != 0) {
        fprintf(stderr, "vmsim: %s\n", err);
        outputs_abort(&stats, &misses, &waves);
        free(out);
        return 1;
    }
    rtl_ctor_arg ra = {{o.waves ? waves.tmp : NULL}, o.inject ? mmu_inject_parse(o.inject) : -1, err,
                       sizeof err, NULL};
    if (trace_open(&t, o.trace, o.format, o.preset->page_bits, err, sizeof err) != 0) {
        fprintf(stderr, "vmsim: %s\n", err);
        rc = 1;
        goto abort_outputs;
    }
    trace_limit(&t, o.preset);
    if (system_init(&rtl, &o, rtl_ctor, &ra, NULL, err, sizeof err) != 0 ||
        (check && system_init(&ref, &o, model_ctor, NULL, NULL, err, sizeof err) != 0)) {
        fprintf(stderr, "vmsim: %s\n", err);
        system_free(&rtl);
        trace_close(&t);
        rc = 1;
        goto abort_outputs;
    }
    os_observe(rtl.os, (os_observer){.event = show_in_waves, .ctx = ra.rtl});
    run_check_inputs(&o, &rtl.st);
    if (misses.f)
        fprintf(misses.f, "miss,access,line,time_ns,vaddr,vpn,asid,walk_cycles,page_fault,victim_frame\n");

    uint64_t n = 0, counted_from = 0;
    progress pr;
    progress_start(&pr, "vmsim", o.progress, t.fd, 1u << 12);
    double t0 = seconds();
    interrupt_install();
    int got = run_accesses(&o, &t, &rtl, ra.rtl, check ? &ref : NULL, out, misses.f, &pr, &n, &counted_from,
                           err, sizeof err);
    progress_end(&pr);
    if (got == EXIT_MISMATCH)
        rc = EXIT_MISMATCH;
    double secs = seconds() - t0;
    uint64_t cycles = mmu_rtl_cycles(ra.rtl) - counted_from;
    uint64_t compared = n > o.skip ? n - o.skip : 0;
    if (rc == EXIT_MISMATCH) {
        out_flush(out);
        fprintf(stderr, "vmsim: %llu accesses compared, 1 mismatch\n", (unsigned long long)n);
    } else if (got < 0) {
        out_flush(out);
        fprintf(stderr, "vmsim: %s\n", err);
        rc = 1;
    } else {
        int partial = interrupt_signal() != 0;
        char extra[256];
        snprintf(extra, sizeof extra, "  \"compared\": %llu,\n  \"mismatches\": 0,\n  \"simulated_cycles\": %llu",
                 (unsigned long long)(check ? compared : 0), (unsigned long long)cycles);
        rc = run_finish(&o, out, rtl.os, partial, stats.f, extra);
        if (partial)
            rc = 128 + interrupt_signal();
        if (check)
            fprintf(stderr, "vmsim: %llu accesses compared, 0 mismatches\n", (unsigned long long)compared);
        else
            fprintf(stderr, "vmsim: %llu accesses, not checked (--no-check)\n", (unsigned long long)compared);
        fprintf(stderr, "vmsim: %llu simulated cycles (the RTL's clock: the translation cycles, plus one idle"
                " cycle per request and per invalidation) in %.3f s, %.2f M cycles/s\n",
                (unsigned long long)cycles, secs, secs > 0 ? (double)cycles / secs / 1e6 : 0.0);
    }
    /* The waveform is closed with the RTL; a mismatch keeps it and the miss index,
     * which show the run up to the difference. */
    system_free(&rtl);
    if (check)
        system_free(&ref);
    trace_close(&t);
    if (rc == 1) {
        outputs_abort(&stats, &misses, &waves);
    } else {
        if (rc == EXIT_MISMATCH)
            outfile_abort(&stats);
        const char *what[] = {"--stats", "--misses", "--waves"};
        outfile *files[] = {&stats, &misses, &waves};
        for (int i = 0; i < 3; i++) {
            const char *path = files[i]->path;
            if (outfile_commit(files[i], err, sizeof err) != 0) {
                fprintf(stderr, "vmsim: %s %s\n", what[i], err);
                rc = rc ? rc : 1;
            } else if (path && i > 0) {
                fprintf(stderr, "vmsim: wrote %s %s\n", i == 1 ? "the TLB-miss index" : "the waveform", path);
            }
        }
    }
    free(out);
    return rc;

abort_outputs:
    outputs_abort(&stats, &misses, &waves);
    free(out);
    return rc;
}
