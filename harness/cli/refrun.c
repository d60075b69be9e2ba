// SPDX-License-Identifier: MIT
/* refrun.c — the reference system in a thread of its own (refrun.h).
 *
 * A single-producer, single-consumer ring of answers.  Each side owns its index, on a
 * cache line of its own, and reads the other's only when its own view says the ring
 * is full (the reference, which needs about a fifth of the RTL's instructions an
 * access) or empty (the RTL's side, at the start); the RTL's side publishes what it
 * has released once every RELEASE_BATCH answers.  A side that must wait sleeps on a
 * condition variable and the other wakes it: the reference until the ring is half
 * empty, so the two meet once per half ring, not once per access.  Sleeping is
 * Dekker's handshake: each side stores its flag or index, fences, then loads the
 * other's, so one of the two always sees the other.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness/cli/refrun.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness/cli/run.h"
#include "harness/trace/trace.h"

enum {
    RING = 4096,         /* answers the reference may run ahead (3 MiB) */
    RELEASE_BATCH = 64,  /* answers the RTL's side releases at once */
    LINE = 64            /* a cache line: the two sides' indices never share one */
};

typedef struct slot {
    access_out want;
    mmu_log log; /* n and the first MMU_LOG_OPS operations; its port is not used */
} slot;

struct refrun {
    /* The reference's line: what it wrote, and its view of the other side. */
    _Alignas(LINE) atomic_uint_fast64_t head; /* answers written */
    uint64_t tail_seen;
    /* The RTL's side's line. */
    _Alignas(LINE) atomic_uint_fast64_t tail; /* answers released, as published */
    uint64_t head_seen, taken;                /* answers it has seen written, and taken */
    _Alignas(LINE) atomic_int full_wait;      /* the reference sleeps until the ring is half empty */
    atomic_int empty_wait;                    /* the RTL's side sleeps until an answer comes */
    atomic_int stop;                          /* refrun_stop(): end now */
    atomic_int done;                          /* the reference has ended; with failed, err says why */
    int failed;
    void *block; /* what calloc gave, r inside it */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    const options *o;
    mmu_ctor ctor;
    uint64_t end;
    trace_reader t;
    char err[ERR_BYTES];
    /* The thread's own, on lines of their own. */
    _Alignas(LINE) mmu_log log;
    vm_system ref;
    _Alignas(LINE) slot ring[RING];
};

int refrun_wanted(const options *o, char *err, size_t errlen)
{
    struct stat st;
    if (o->check_thread != CHECK_THREAD_YES)
        return 0;
    if (strcmp(o->trace, "-") != 0 && stat(o->trace, &st) == 0 && S_ISREG(st.st_mode))
        return 1;
    snprintf(err, errlen, "--check-thread yes: the trace must be a file the model's system can read too,"
             " not a pipe or standard input");
    return -1;
}

static void wake(refrun *r)
{
    pthread_mutex_lock(&r->mu);
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
}

/* The reference: waits for room for answer `head`; 0 to go on, -1 when told to stop. */
static int wait_room(refrun *r, uint64_t head)
{
    if (head - r->tail_seen < RING)
        return 0;
    r->tail_seen = atomic_load_explicit(&r->tail, memory_order_acquire);
    if (head - r->tail_seen < RING)
        return 0;
    pthread_mutex_lock(&r->mu);
    atomic_store(&r->full_wait, 1);
    atomic_thread_fence(memory_order_seq_cst);
    while (!atomic_load(&r->stop) && head - (r->tail_seen = atomic_load(&r->tail)) > RING / 2)
        pthread_cond_wait(&r->cv, &r->mu);
    atomic_store(&r->full_wait, 0);
    pthread_mutex_unlock(&r->mu);
    return atomic_load(&r->stop) ? -1 : 0;
}

/* The reference's loop: its answers into the ring, one per access of the trace. */
static void run(refrun *r)
{
    access_rec rec;
    uint64_t n = 0, head = 0;
    char trace_err[ERR_BYTES]; /* the RTL's side meets the same error, and says it */
    while (!atomic_load_explicit(&r->stop, memory_order_relaxed) && n < r->end &&
           trace_next(&r->t, &rec, trace_err, sizeof trace_err) == 1) {
        if (wait_room(r, head) != 0)
            return;
        slot *s = &r->ring[head % RING];
        mmu_log_clear(&r->log);
        if (os_access(r->ref.os, &rec, &s->want, r->err, sizeof r->err) < 0) {
            r->failed = 1;
            return;
        }
        unsigned ops = r->log.n < MMU_LOG_OPS ? r->log.n : MMU_LOG_OPS;
        s->log.n = r->log.n;
        memcpy(s->log.op, r->log.op, ops * sizeof s->log.op[0]);
        /* No statistics are reset at the end of the warm-up: the reference's are never
         * read, only its answers, and the access numbers that matter to its OS (OPT's
         * look-ahead) are not vmsim's. */
        n++;
        atomic_store_explicit(&r->head, ++head, memory_order_release);
        atomic_thread_fence(memory_order_seq_cst);
        /* A waiting RTL's side published all it took: wake it for a batch, not for
         * each answer. */
        if (atomic_load_explicit(&r->empty_wait, memory_order_relaxed) &&
            head - atomic_load(&r->tail) >= RELEASE_BATCH)
            wake(r);
    }
}

static void *reference(void *arg)
{
    refrun *r = arg;
    if (system_init(&r->ref, r->o, r->ctor, &r->log, NULL, r->err, sizeof r->err) != 0) {
        r->failed = 1;
    } else {
        os_log(r->ref.os, &r->log);
        run(r);
    }
    /* Its answers are copies: the system goes, the ring stays for the RTL's side.  A
     * trace that ends or goes wrong here does so at the same access on the RTL's side,
     * which reads it too and says why: only the system's failure is the reference's. */
    system_free(&r->ref);
    atomic_store(&r->done, 1);
    wake(r);
    return NULL;
}

/* The RTL's side: publishes the answers it has released, and wakes the reference if
 * it waits for them. */
static void release(refrun *r)
{
    atomic_store_explicit(&r->tail, r->taken, memory_order_release);
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load_explicit(&r->full_wait, memory_order_relaxed) && atomic_load(&r->head) - r->taken <= RING / 2)
        wake(r);
}

refrun *refrun_start(const options *o, mmu_ctor ctor, uint64_t end, char *err, size_t errlen)
{
    /* calloc, aligned by hand: the ring's pages stay untouched (and zero) until the
     * reference writes them, in its thread. */
    void *block = calloc(1, sizeof(refrun) + LINE);
    if (!block) {
        snprintf(err, errlen, "out of memory for the reference's ring");
        return NULL;
    }
    refrun *r = (refrun *)(((uintptr_t)block + LINE) & ~(uintptr_t)(LINE - 1));
    r->block = block;
    r->o = o;
    r->ctor = ctor;
    r->end = end;
    atomic_init(&r->head, 0);
    atomic_init(&r->tail, 0);
    atomic_init(&r->full_wait, 0);
    atomic_init(&r->empty_wait, 0);
    atomic_init(&r->stop, 0);
    atomic_init(&r->done, 0);
    if (trace_open(&r->t, o->trace, o->format, o->preset->page_bits, err, errlen) != 0) {
        free(r->block);
        return NULL;
    }
    trace_limit(&r->t, o->preset);
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->cv, NULL);
    /* Signals (^C) are the main thread's: the reference never sees an interrupted read. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&r->thread, NULL, reference, r);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        snprintf(err, errlen, "cannot start the reference's thread: %s", strerror(rc));
        pthread_cond_destroy(&r->cv);
        pthread_mutex_destroy(&r->mu);
        trace_close(&r->t);
        free(r->block);
        return NULL;
    }
    return r;
}

int refrun_next(refrun *r, const access_out **want, const mmu_log **log, char *err, size_t errlen)
{
    /* The answer handed out last is released now (its pointers were valid until this
     * call). */
    uint64_t next = r->taken;
    if (next > 0 && next % RELEASE_BATCH == 0)
        release(r);
    if (r->head_seen == next)
        r->head_seen = atomic_load_explicit(&r->head, memory_order_acquire);
    if (r->head_seen == next) {
        release(r); /* the reference may wait for room that is already free */
        pthread_mutex_lock(&r->mu);
        atomic_store(&r->empty_wait, 1);
        atomic_thread_fence(memory_order_seq_cst);
        while ((r->head_seen = atomic_load(&r->head)) - next < RELEASE_BATCH && !atomic_load(&r->done))
            pthread_cond_wait(&r->cv, &r->mu);
        atomic_store(&r->empty_wait, 0);
        pthread_mutex_unlock(&r->mu);
        if (r->head_seen == next) {
            if (r->failed)
                snprintf(err, errlen, "%s", r->err);
            else
                snprintf(err, errlen, "the reference ended after %llu accesses, before the RTL's side",
                         (unsigned long long)next);
            return -1;
        }
    }
    const slot *s = &r->ring[next % RING];
    r->taken = next + 1;
    *want = &s->want;
    *log = &s->log;
    return 0;
}

void refrun_stop(refrun *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&r->mu);
    atomic_store(&r->stop, 1);
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->thread, NULL);
    pthread_cond_destroy(&r->cv);
    pthread_mutex_destroy(&r->mu);
    trace_close(&r->t);
    free(r->block);
}
