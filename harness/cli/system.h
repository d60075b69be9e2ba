// SPDX-License-Identifier: MIT
/* system.h — a system: one OS with its own physical memory, page store and MMU.
 * vmref runs one (the model); vmsim runs two (the RTL and the model) side by side. */
#ifndef VMMU_SYSTEM_H
#define VMMU_SYSTEM_H

#include "harness/mmu/mmu_if.h"
#include "harness/cli/options.h"
#include "harness/os/os.h"
#include "harness/os/pmem.h"
#include "harness/os/store.h"

typedef struct vm_system {
    pmem mem;
    store st;
    mmu mmu;
    maps_binding *maps;   /* loaded from the options' --maps */
    size_t nmaps;
    os *os;
} vm_system;

/* Makes an MMU for a system (mmu_model_new's shape, plus a constructor argument). */
typedef int (*mmu_ctor)(mmu *out, const mmu_config *c, mem_port mem, void *arg);

/* Builds a system from the options.  The system must not move afterwards (its MMU
 * holds a pointer to its memory).  Returns 0, or -1 with a one-line reason in err. */
int system_init(vm_system *s, const options *o, mmu_ctor ctor, void *arg, const uint64_t *future,
                char *err, size_t errlen);
void system_free(vm_system *s);

#endif
