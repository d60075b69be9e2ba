// SPDX-License-Identifier: MIT
/* timing.h — the latency formula the RTL is held to, cycle for cycle.
 *
 * docs/contract.md "Timing": a request answered by the TLB takes 1 cycle (LOOKUP).
 * A walk takes LOOKUP, then for each memory operation one cycle to issue it and
 * `mem_latency` cycles to wait for its answer, then one cycle to answer (FILL or
 * FAULT), and one cycle for each pointer PTE the page-walk cache gives instead of a
 * read (docs/contract.md, "Page-walk cache"):
 *     2 + (reads + writes) * (1 + mem_latency) + pwc_hits.
 *
 * And the clock around the requests: a request offered in cycle c is accepted at the
 * edge ending c and answered in cycle c + latency.  An answer in LOOKUP (latency 1: a
 * hit, Bare, non-canonical) leaves the MMU ready in that very cycle, so the next
 * request is offered in it; a walk's answer (FILL, FAULT) is followed by an IDLE cycle
 * first.  An invalidation takes the cycle it is given in.  So a run's clock is the sum
 * of the latencies, plus one cycle after each walk (and each second-level TLB hit,
 * answered in FILL too) and one per invalidation.
 */
#ifndef VMMU_TIMING_H
#define VMMU_TIMING_H

#include <stdint.h>

static inline uint32_t timing_hit(void) { return 1; }

/* A second-level TLB's hit (docs/contract.md, "Second-level TLB"): LOOKUP, where the L1
 * misses and the L2's compare (made in LOOKUP, after the L1's miss) hits, then one
 * cycle for its data array's registered read, which answers and refills the L1 (FILL). */
static inline uint32_t timing_l2_hit(void) { return 2; }

/* Cycles between the answer of a request of this latency and the cycle the next
 * request can be offered in: 0 after an answer in LOOKUP, 1 (IDLE) after a walk's or
 * an L2 TLB hit's (FILL). */
static inline uint32_t timing_idle_after(uint32_t latency) { return latency == timing_hit() ? 0 : 1; }

/* Cycles an invalidation takes. */
static inline uint32_t timing_inval(void) { return 1; }

static inline uint32_t timing_walk(unsigned reads, unsigned writes, unsigned pwc_hits, unsigned mem_latency)
{
    return 2 + (reads + writes) * (1 + mem_latency) + pwc_hits;
}

#endif
