// SPDX-License-Identifier: MIT
/* system.c — assembling one system. */
#include "harness/cli/system.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int system_init(vm_system *s, const options *o, mmu_ctor ctor, void *arg, const uint64_t *future,
                char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    const preset *p = o->preset;
    if (pmem_init(&s->mem, o->pa_base, o->frames, p->page_bits, p->pa_bits) != 0) {
        snprintf(err, errlen, "-n %llu: cannot allocate %llu bytes of physical memory",
                 (unsigned long long)o->frames, (unsigned long long)(o->frames << p->page_bits));
        return -1;
    }
    /* The page tables, above the frames, stay below the end of physical memory. */
    if (o->pmem && s->mem.kern_limit > o->pmem - s->mem.kern_base)
        s->mem.kern_limit = o->pmem - s->mem.kern_base;
    if (store_open(&s->st, o->backing, preset_page_size(p), err, errlen) != 0) {
        system_free(s);
        return -1;
    }
    s->maps = calloc(o->nmaps ? o->nmaps : 1, sizeof *s->maps);
    if (!s->maps) {
        snprintf(err, errlen, "out of memory");
        system_free(s);
        return -1;
    }
    for (; s->nmaps < o->nmaps; s->nmaps++) {
        s->maps[s->nmaps].pid = o->maps_pid[s->nmaps];
        if (maps_load(&s->maps[s->nmaps].map, o->maps_file[s->nmaps], err, errlen) != 0) {
            system_free(s);
            return -1;
        }
    }
    mmu_config mc = options_mmu_config(o, p);
    err[0] = 0;
    if (ctor(&s->mmu, &mc, pmem_port(&s->mem), arg) != 0) {
        if (!err[0]) /* the constructor may have said why */
            snprintf(err, errlen, "cannot build the MMU (%s, TLB %ux%u, ITLB %ux%u)", p->name, o->tlb_sets, o->tlb_ways,
                     o->itlb_sets, o->itlb_ways);
        system_free(s);
        return -1;
    }
    os_config oc = {p, (uint32_t)o->frames, o->policy, o->no_asid, o->asid_base, o->asid_step, o->pte_noise,
                    {.sum = (uint8_t)o->sum, .mxr = (uint8_t)o->mxr, .ad_fault = (uint8_t)o->ad_fault, .pmem = o->pmem}, s->maps, s->nmaps, o->itlb_ways != 0, o->thp, o->l2_ways != 0};
    s->os = os_new(&oc, &s->mem, &s->st, s->mmu, future, err, errlen);
    if (!s->os) {
        system_free(s);
        return -1;
    }
    return 0;
}

void system_free(vm_system *s)
{
    os_free(s->os);
    for (size_t i = 0; i < s->nmaps; i++)
        maps_free(&s->maps[i].map);
    free(s->maps);
    mmu_destroy(&s->mmu);
    store_close(&s->st);
    pmem_free(&s->mem);
    memset(s, 0, sizeof *s);
}
