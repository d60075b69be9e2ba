// SPDX-License-Identifier: MIT
/* os_bulk.c — os_run(): many accesses, with runs of TLB hits handed to the MMU at once.
 *
 * The contract: os_run() over accesses r[0..n-1] is os_access() on each in turn —
 * the same answers, statistics, frame-policy calls and observer events (os.h,
 * os_observe: a bulk run is told once, as its last access) — only faster.  Where an
 * access is not a plain TLB hit of the running process in U-mode (a miss, a fault, a
 * process switch, an address beyond the VA, an S-mode access), it goes to os_access()
 * itself; only the runs before it are done here.  Held to it by tests/unit/unit_system.c
 * (os_run_same_as_os_access_*, which compares two systems access by access), and in
 * every random co-simulation by tests/cosim/cosim_random.py (vmref's output and counts,
 * through os_run(), against vmsim's, through os_access()).
 *
 * It is what makes vmref fast: a textbook reader can skip this file.
 */
#include "harness/os/os_internal.h"

/* The longest run of accesses os_run() hands to translate_hits() at once. */
#define HIT_RUN 64

/* Accounts k plain TLB hits of the running process, accesses of kind[0..k-1] to
 * pa[0..k-1], of `cycles` each, as k calls of os_access() would. */
static void count_hits(os *o, const uint8_t *kind, const uint64_t *pa, size_t k, uint32_t cycles)
{
    for (size_t i = 0; o->c.itlb && i < k; i++)
        o->s.itlb_hits += kind[i] == ACCESS_EXEC;
    for (size_t i = 0; o->thp && i < k; i++)
        os_thp_count(o, 0, pa[i], 1, o->s.hits_by_size);
    o->s.accesses += k;
    o->run->s.accesses += k;
    o->s.tlb_hits += k;
    o->run->s.tlb_hits += k;
    o->s.cycles += (uint64_t)k * cycles;
}

/* Of accesses r[0..n-1], whose addresses and kinds are va[] and kind[], performs the
 * leading ones that are plain TLB hits in bulk (the MMU's translate_hits()).  Returns
 * how many (0: the first is not such an access), or -1 (err set) with *ok the number
 * performed before the one that failed. */
static long run_hits(os *o, const access_rec *r, const uint64_t *va, const uint8_t *kind, size_t n,
                     access_out *out, size_t *ok, char *err, size_t errlen)
{
    uint64_t pa[HIT_RUN];
    uint32_t cycles = 0;
    uint64_t at = 0;
    size_t k = o->mmu.ops->translate_hits(o->mmu.impl, va, kind, n, pa, &cycles, &at);
    uint64_t n0 = o->s.accesses;
    /* Read once: a store through user memory might alias them, as far as the compiler
     * knows, and it would read them again for every access. */
    uint64_t user_base = o->mem->user_base, user_bytes = o->mem->user_bytes;
    const uint8_t *user = o->mem->user; /* byte_at(), its loads out of the loop */
    int policy_hears = o->accessed != NULL;
    for (size_t i = 0; i < k; i++) {
        /* touch() has nothing to do for a read in the user frames that no policy hears;
         * when nobody wants the answers either (-q), skip to the next that is not one. */
        if (!out && !policy_hears) {
            while (i < k && kind[i] != ACCESS_WRITE && pa[i] - user_base < user_bytes)
                i++;
            if (i == k)
                break;
        }
        int busy = pa[i] - user_base >= user_bytes || kind[i] == ACCESS_WRITE || policy_hears;
        if (busy && touch(o, &r[i], va[i], pa[i], 0, n0 + i, err, errlen) != 0) {
            count_hits(o, kind, pa, i + 1, cycles); /* as os_access() would have, up to the failure */
            *ok = i;
            return -1;
        }
        if (out)
            answer(&out[i], va[i], o->run_asid, cycles, at + i, 1, 0, pa[i], (int8_t)user[pa[i] - user_base]);
    }
    count_hits(o, kind, pa, k, cycles);
    if (k)
        tell(o, OS_EV_ACCESS, 0); /* the run's last: the observer's number is never behind */
    return (long)k;
}

/* Of r[i..n), the leading user-mode accesses (at most HIT_RUN) of the running process
 * whose addresses the preset translates, into va[] and kind[]; returns the index after
 * them.  translate_hits() answers U-mode requests only: an S-mode access (the extended
 * format's privilege column, rare: a kernel's copy to or from user memory) goes to
 * os_access(), which passes its privilege to translate().  `bias` is the OS's
 * addr_bias, a constant 0 where the preset has no upper half. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t gather(const os *o, const access_rec *r, size_t i, size_t n, uint64_t bias, uint64_t *va,
                            uint8_t *kind)
{
    size_t m = n - i < HIT_RUN ? n - i : HIT_RUN, k;
    uint64_t addr_max = o->addr_max, va_mask = o->va_mask, pid = o->run_pid;
    const access_rec *p = r + i; /* one index for the loop: it pays for the privilege's test */
    for (k = 0; k < m && p[k].addr + bias <= addr_max && p[k].pid == pid && p[k].priv == PRIV_U; k++) {
        va[k] = p[k].addr & va_mask;
        kind[k] = p[k].kind;
    }
    return i + k;
}

int os_run(os *o, const access_rec *r, size_t n, access_out *out, size_t *done, char *err,
           size_t errlen)
{
    /* An observer does not turn bulk off (os_observe): an MMU that answers hits in
     * bulk shows no cycles between them.  A log does (os_log): it wants every answer. */
    int bulk = o->mmu.ops->translate_hits != NULL && !o->log;
    /* va[] and kind[] hold accesses r[b..end): the running process's, in range.  They
     * stay valid while os_access() serves one of them: it switches no process. */
    uint64_t va[HIT_RUN];
    uint8_t kind[HIT_RUN];
    size_t i = 0, b = 0, end = 0;
    while (i < n) {
        if (bulk && i >= end) {
            b = i;
            end = o->addr_bias ? gather(o, r, i, n, o->addr_bias, va, kind) : gather(o, r, i, n, 0, va, kind);
        }
        if (bulk && i < end) {
            size_t ok = 0;
            long k = run_hits(o, r + i, va + (i - b), kind + (i - b), end - i, out ? out + i : NULL, &ok,
                              err, errlen);
            if (k < 0) {
                *done = i + ok;
                return -1;
            }
            i += (size_t)k;
            if (i == end)
                continue;
        }
        int how = os_access(o, &r[i], out ? &out[i] : NULL, err, errlen);
        if (how < 0) {
            *done = i;
            return -1;
        }
        i++;
        if (how != ACC_OK) {
            *done = i;
            return how;
        }
    }
    *done = n;
    return ACC_OK;
}
