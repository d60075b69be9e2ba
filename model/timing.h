// SPDX-License-Identifier: MIT
/* timing.h — the latency formula the RTL is held to, cycle for cycle.
 *
 * docs/contract.md "Timing": a request answered by the TLB takes 1 cycle (LOOKUP).
 * A walk takes LOOKUP, then for each memory operation one cycle to issue it and
 * `mem_latency` cycles to wait for its answer, then one cycle to answer (FILL or
 * FAULT):  2 + (reads + writes) * (1 + mem_latency).
 */
#ifndef VMMU_TIMING_H
#define VMMU_TIMING_H

#include <stdint.h>

static inline uint32_t timing_hit(void) { return 1; }

static inline uint32_t timing_walk(unsigned reads, unsigned writes, unsigned mem_latency)
{
    return 2 + (reads + writes) * (1 + mem_latency);
}

#endif
