// SPDX-License-Identifier: MIT
/* vmsim.c — the OS driving the RTL MMU, checked in lock step against a second,
 * independent system that drives the C model (docs/contract.md).
 *
 * Each system has its own OS, physical memory and swap; they see the same trace.
 * After every access the two answers are compared field by field (cosim.c); the
 * first difference stops the run with everything needed to look at it in a waveform
 * (--waves, and the TLB-miss index of misslog.c). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness/base/interrupt.h"
#include "harness/cli/cosim.h"
#include "harness/cli/misslog.h"
#include "harness/cli/outfile.h"
#include "harness/cli/progress.h"
#include "harness/cli/refrun.h"
#include "harness/cli/report.h"
#include "harness/cli/run.h"
#include "harness/cli/system.h"
#include "harness/cli/vecrun.h"
#include "harness/mmu/mmu_inject.h"
#include "harness/mmu/mmu_rtl.h"

enum { EXIT_MISMATCH = VECRUN_MISMATCH };

/* ---- the two systems' MMUs ---------------------------------------------------------- */

/* The model's MMU, its walker's memory operations logged in `arg` (an mmu_log). */
static int model_ctor(mmu *out, const mmu_config *c, mem_port mem, void *arg)
{
    return mmu_model_new(out, c, mmu_log_port(arg, mem));
}

typedef struct rtl_ctor_arg {
    rtl_options ro;
    int inject;         /* an --inject-fault kind, or -1 */
    mmu_log *log;       /* where the check logs the RTL's access, or NULL (--no-check) */
    char *err;
    size_t errlen;
    mmu_rtl *rtl;       /* the MMU built, for driving its clock and waveform */
} rtl_ctor_arg;

static int rtl_build(mmu *out, const mmu_config *c, mem_port mem, void *arg)
{
    rtl_ctor_arg *a = arg;
    a->rtl = mmu_rtl_new(out, c, mem, &a->ro, a->err, a->errlen);
    return a->rtl ? 0 : -1;
}

/* The RTL's MMU; with --inject-fault, behind the wrapper that spoils what it does;
 * with the check, its walker's memory operations logged as the model's are, where
 * they reach memory (after any spoiling). */
static int rtl_ctor(mmu *out, const mmu_config *c, mem_port mem, void *arg)
{
    rtl_ctor_arg *a = arg;
    if (a->log)
        mem = mmu_log_port(a->log, mem);
    int rc = a->inject >= 0 ? mmu_inject_build(out, c, mem, a->inject, rtl_build, a) : rtl_build(out, c, mem, a);
    return rc != 0 ? -1 : 0; /* err says why, or system_init() will */
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

/* ---- the outputs beside stdout ----------------------------------------------------- */

/* Each is opened before the run, so a path that cannot be written fails at once, and
 * renamed into place at its end. */
typedef struct outputs {
    outfile stats;     /* --stats */
    misslog misses;    /* --misses */
    outfile waves;     /* --waves: written by the RTL, under waves.tmp */
} outputs;

static int outputs_open(outputs *x, const options *o, char *err, size_t errlen)
{
    memset(x, 0, sizeof *x);
    if (outfile_open(&x->stats, o->stats, 1, err, errlen) != 0 ||
        misslog_open(&x->misses, o->misses, o->waves_from, o->waves_to, o->preset->page_bits, o->itlb_ways != 0,
                     err, errlen) != 0 ||
        outfile_open(&x->waves, o->waves, 0, err, errlen) != 0)
        return -1;
    return 0;
}

static int output_failed(int rc, const char *what, const char *err)
{
    fprintf(stderr, "vmsim: %s %s\n", what, err);
    return rc ? rc : 1;
}

/* Ends the outputs of a run that ends with exit status rc.  A failed run (1) leaves
 * whatever was at their paths as it was; a mismatch keeps the miss index and the
 * waveform, which show the run up to the difference, but no statistics.  Returns rc,
 * or 1 if an output could not be written. */
static int outputs_close(outputs *x, int rc)
{
    if (rc == 1) {
        outfile_abort(&x->stats);
        misslog_close(&x->misses, 0, NULL, 0);
        outfile_abort(&x->waves);
        return rc;
    }
    if (rc == EXIT_MISMATCH)
        outfile_abort(&x->stats);
    char err[ERR_BYTES];
    const char *misses = x->misses.file.path, *waves = x->waves.path;
    if (outfile_commit(&x->stats, err, sizeof err) != 0)
        rc = output_failed(rc, "--stats", err);
    if (misslog_close(&x->misses, 1, err, sizeof err) != 0)
        rc = output_failed(rc, "--misses", err);
    else if (misses)
        fprintf(stderr, "vmsim: wrote the TLB-miss index %s\n", misses);
    if (outfile_commit(&x->waves, err, sizeof err) != 0)
        rc = output_failed(rc, "--waves", err);
    else if (waves)
        fprintf(stderr, "vmsim: wrote the waveform %s\n", waves);
    return rc;
}

/* ---- the run ----------------------------------------------------------------------- */

typedef struct vmsim {
    const options *o;
    trace_reader t;
    vm_system rtl;          /* the system under test */
    int check;
    mmu_log rtl_log;        /* with the check: what each MMU did in the access */
    vm_system ref;          /* the model's, built here when the check runs in line */
    mmu_log ref_log;        /* ... and its MMU's log of the access */
    int threaded;           /* with the check: the model's system in a thread (refrun.h) */
    refrun *beside;         /* with the check: the model's system in its thread (which
                             * builds it), or NULL: in line, between the RTL's accesses */
    mmu_rtl *hw;            /* rtl's MMU, for its clock and waveform */
    out_buf *out;           /* stdout */
    misslog *misses;
    uint64_t n;             /* accesses so far, warm-up included: the trace's numbers, as
                             * in the waveform and the miss index */
    uint64_t counted_from;  /* the RTL's cycle when the warm-up ended */
} vmsim;

/* Opens the trace and builds the systems: the RTL's (behind --inject-fault's defect,
 * its OS watched by show_in_waves) and, unless --no-check, the model's.  Returns 0,
 * or -1 with err set. */
static int vmsim_open(vmsim *v, outputs *x, char *err, size_t errlen)
{
    const options *o = v->o;
    rtl_ctor_arg ra = {.ro = {o->waves ? x->waves.tmp : NULL}, .inject = o->inject ? mmu_inject_parse(o->inject) : -1,
                       .log = v->check ? &v->rtl_log : NULL, .err = err, .errlen = errlen};
    v->misses = &x->misses;
    if (v->check && (v->threaded = refrun_wanted(o, err, errlen)) < 0)
        return -1;
    if (trace_open(&v->t, o->trace, o->format, o->preset->page_bits, err, errlen) != 0)
        return -1;
    trace_limit(&v->t, o->preset);
    if (system_init(&v->rtl, o, rtl_ctor, &ra, NULL, err, errlen) != 0 ||
        (v->check && !v->threaded && system_init(&v->ref, o, model_ctor, &v->ref_log, NULL, err, errlen) != 0))
        return -1;
    v->hw = ra.rtl;
    if (v->check) {
        /* Each system's log: its walker's memory operations (the ctors' ports), and its
         * MMU's answers as its OS receives them. */
        os_log(v->rtl.os, &v->rtl_log);
        if (!v->threaded)
            os_log(v->ref.os, &v->ref_log);
    }
    os_observe(v->rtl.os, (os_observer){.event = show_in_waves, .ctx = v->hw});
    return 0;
}

/* Frees the systems (the RTL's closes the waveform) and closes the trace. */
static void vmsim_close(vmsim *v)
{
    system_free(&v->rtl);
    system_free(&v->ref);
    trace_close(&v->t);
}

/* The model's system's answer to access n (from its thread, or taken in line now),
 * compared with the RTL's.  Returns 0 when they agree, EXIT_MISMATCH after the
 * report, or -1 (err set) when the model's system cannot go on. */
static int check_access(vmsim *v, const access_rec *r, uint64_t cycle, const access_out *got,
                        const char *got_err, char *err, size_t errlen)
{
    access_out in_line;
    const access_out *want = &in_line;
    const mmu_log *want_log = &v->ref_log;
    if (v->beside) {
        if (refrun_next(v->beside, &want, &want_log, err, errlen) != 0)
            return -1;
    } else {
        mmu_log_clear(&v->ref_log);
        if (os_access(v->ref.os, r, &in_line, err, errlen) < 0)
            return -1;
    }
    if (!cosim_differ(want, got, got_err != NULL, want_log, &v->rtl_log))
        return 0;
    cosim_report(stderr, v->o, &(cosim_mismatch){.rec = r, .n = v->n, .cycle = cycle,
                                                  .who = v->rtl.mmu.ops->name, .want = want, .got = got,
                                                  .got_err = got_err, .want_log = want_log,
                                                  .got_log = &v->rtl_log});
    return EXIT_MISMATCH;
}

/* The warm-up (--skip) is over: counting starts here. */
static void end_warmup(vmsim *v)
{
    os_stats_reset(v->rtl.os);
    if (v->check && !v->threaded) /* a thread's is its own, and never read */
        os_stats_reset(v->ref.os);
    v->counted_from = mmu_rtl_cycles(v->hw);
}

/* Every access of the trace, through the RTL system and, with the check, the model's
 * in lock step; the first o->skip are a warm-up, neither printed nor counted, and at
 * most o->max follow.  Returns 0 at the end of the trace (or on a signal),
 * EXIT_MISMATCH after reporting the first difference, or -1 with err set.  Not
 * inlined into main(): GCC compiles main() as code that runs once, for size, and
 * would turn this loop's divisions by constants into division instructions. */
VMMU_NOINLINE VMMU_FLATTEN static int run_accesses(vmsim *v, progress *pr, char *err, size_t errlen)
{
    const options *o = v->o;
    char rerr[ERR_BYTES];
    access_rec r;
    access_out a;
    uint64_t end = o->max > UINT64_MAX - o->skip ? UINT64_MAX : o->skip + o->max;
    int got = 0;
    if (v->threaded && !(v->beside = refrun_start(o, model_ctor, end, err, errlen)))
        return -1;
    while (!interrupt_signal() && v->n < end && (got = trace_next(&v->t, &r, err, errlen)) == 1) {
        uint64_t n = ++v->n;
        if (o->waves && n == o->waves_from)
            mmu_rtl_waves(v->hw, 1);
        uint64_t start = mmu_rtl_cycles(v->hw);
        mmu_log_clear(&v->rtl_log);
        int failed = os_access(v->rtl.os, &r, &a, rerr, sizeof rerr) < 0;
        if (failed)
            a = (access_out){.victim = UINT32_MAX}; /* nothing was answered */
        if (o->waves && n == o->waves_to)
            mmu_rtl_waves(v->hw, 0);
        if (v->check) {
            int c = check_access(v, &r, start, &a, failed ? rerr : NULL, err, errlen);
            if (c != 0) {
                got = c;
                break;
            }
        } else if (failed) {
            snprintf(err, errlen, "%s", rerr);
            got = -1;
            break;
        }
        misslog_row(v->misses, n, &r, start, &a);
        if (n == o->skip)
            end_warmup(v);
        else if (n > o->skip && !o->quiet)
            report_access(v->out, &r, &a, o->preset, v->t.format != TRACE_TEXT);
        progress_tick(pr, n);
    }
    refrun_stop(v->beside);
    v->beside = NULL;
    if (got == EXIT_MISMATCH)
        return got;
    if (got >= 0 && v->n < o->skip) {
        run_short_warmup(o, v->rtl.os, v->n);
        if (v->check && !v->threaded)
            os_stats_reset(v->ref.os);
        v->counted_from = mmu_rtl_cycles(v->hw);
    }
    return got < 0 ? -1 : 0;
}

/* Runs the trace and says how it went: the statistics (stdout, stderr, --stats) and
 * the check's verdict.  Returns the exit status. */
static int vmsim_run(vmsim *v, FILE *stats, char *err, size_t errlen)
{
    const options *o = v->o;
    progress pr;
    progress_start(&pr, "vmsim", o->progress, v->t.fd, 1u << 12);
    double t0 = seconds();
    interrupt_install();
    int got = run_accesses(v, &pr, err, errlen);
    progress_end(&pr);
    double secs = seconds() - t0;
    uint64_t cycles = mmu_rtl_cycles(v->hw) - v->counted_from;
    uint64_t compared = v->n > o->skip ? v->n - o->skip : 0;
    if (got == EXIT_MISMATCH) {
        out_flush(v->out);
        fprintf(stderr, "vmsim: %llu accesses compared, 1 mismatch\n", (unsigned long long)v->n);
        return EXIT_MISMATCH;
    }
    if (got < 0) {
        out_flush(v->out);
        fprintf(stderr, "vmsim: %s\n", err);
        return 1;
    }
    int partial = interrupt_signal() != 0;
    char extra[256];
    snprintf(extra, sizeof extra, "  \"compared\": %llu,\n  \"mismatches\": 0,\n  \"simulated_cycles\": %llu",
             (unsigned long long)(v->check ? compared : 0), (unsigned long long)cycles);
    int rc = run_finish(o, v->out, v->rtl.os, partial, stats, extra);
    if (partial)
        rc = 128 + interrupt_signal();
    if (v->check)
        fprintf(stderr, "vmsim: %llu accesses compared, 0 mismatches\n", (unsigned long long)compared);
    else
        fprintf(stderr, "vmsim: %llu accesses, not checked (--no-check)\n", (unsigned long long)compared);
    fprintf(stderr, "vmsim: %llu simulated cycles (the RTL's clock: the translation cycles, plus one idle"
            " cycle after each walk%s and one per invalidation) in %.3f s, %.2f M cycles/s\n",
            (unsigned long long)cycles, o->l2_ways ? " and each L2 TLB hit" : "", secs,
            secs > 0 ? (double)cycles / secs / 1e6 : 0.0);
    return rc;
}

/* --vectors: the RTL alone on the vectors, and the model in lock step unless
 * --no-check (vecrun.c).  Returns the exit status. */
static int vmsim_vectors(const options *o)
{
    char err[ERR_BYTES];
    mmu_log rtl_log, ref_log;
    int check = !o->no_check;
    rtl_ctor_arg ra = {.inject = o->inject ? mmu_inject_parse(o->inject) : -1, .log = check ? &rtl_log : NULL,
                       .err = err, .errlen = sizeof err};
    vec_ref ref = {.build = model_ctor, .arg = &ref_log, .log = &ref_log, .dut_log = &rtl_log};
    int rc = vecrun(o, rtl_ctor, &ra, check ? &ref : NULL, stdout, err, sizeof err);
    if (rc != 0 || err[0])
        fprintf(stderr, "vmsim: %s\n", err);
    return rc;
}

int main(int argc, char **argv)
{
    char err[ERR_BYTES];
    options o;
    int rc = options_parse(&o, PROG_VMSIM, argc, argv);
    if (rc)
        return rc > 0 ? 0 : 2;
    if (o.vectors)
        return vmsim_vectors(&o);
    vmsim v = {.o = &o, .check = !o.no_check, .out = malloc(sizeof(out_buf))};
    if (!v.out) {
        fprintf(stderr, "vmsim: out of memory\n");
        return 1;
    }
    out_init(v.out, 1);
    outputs x;
    if (outputs_open(&x, &o, err, sizeof err) != 0 || vmsim_open(&v, &x, err, sizeof err) != 0) {
        fprintf(stderr, "vmsim: %s\n", err);
        rc = 1;
    } else {
        run_check_inputs(&o, &v.rtl.st);
        rc = vmsim_run(&v, x.stats.f, err, sizeof err);
    }
    vmsim_close(&v);
    rc = outputs_close(&x, rc);
    free(v.out);
    return rc;
}
