// SPDX-License-Identifier: MIT
/* mmu_inject.c — the defects of --inject-fault, as a wrapper around any MMU. */
#include "harness/mmu/mmu_inject.h"

#include <stdlib.h>
#include <string.h>

/* The one table of kinds, X(enumerator, name, what it spoils): the parser, the names
 * for --help and errors, translate() and the port below all come from it. */
#define INJECT_KINDS(X)                                                                        \
    X(INJECT_PADDR, "paddr", "every answered physical address has its low bit flipped")        \
    X(INJECT_HIT, "hit", "every TLB hit flag is inverted")                                      \
    X(INJECT_LATENCY, "latency", "every latency is one cycle longer")                           \
    X(INJECT_FILL, "fill", "every TLB fill is lost (invalidated as soon as it is made)")        \
    X(INJECT_PTE_ADDR, "pte-addr", "every A/D write lands on the neighbouring PTE")            \
    X(INJECT_PTE_VALUE, "pte-value", "every A/D write stores bit D inverted")                  \
    X(INJECT_CYCLE, "cycle", "every answer is given one cycle later, its latency unchanged")

enum {
#define ENUM(e, name, summary) e,
    INJECT_KINDS(ENUM)
#undef ENUM
    INJECT_NKINDS
};

static const char *const kind_names[] = {
#define NAME(e, name, summary) [e] = name,
    INJECT_KINDS(NAME)
#undef NAME
};

const char *mmu_inject_name(size_t i) { return i < INJECT_NKINDS ? kind_names[i] : NULL; }

int mmu_inject_parse(const char *name)
{
    for (int i = 0; i < INJECT_NKINDS; i++)
        if (strcmp(name, kind_names[i]) == 0)
            return i;
    return -1;
}

typedef struct injector {
    mmu inner;
    int kind;
    mem_port mem;        /* the memory the inner MMU's port leads to */
    mmu_ops ops;         /* the inner MMU's name, so messages name what is under test */
} injector;

static void translate(void *impl, uint64_t vaddr, access_kind kind, priv_mode priv, mmu_result *r)
{
    injector *w = impl;
    w->inner.ops->translate(w->inner.impl, vaddr, kind, priv, r);
    switch (w->kind) {
    case INJECT_PADDR:
        r->paddr ^= r->fault ? 0 : 1;
        break;
    case INJECT_HIT:
        r->hit ^= 1;
        break;
    case INJECT_LATENCY:
        r->cycles += r->cycles < UINT32_MAX; /* a hung walker's UINT32_MAX stays */
        break;
    case INJECT_CYCLE:
        /* as an MMU that accepts nothing in the cycle of a hit would show it */
        r->at++;
        break;
    case INJECT_FILL:
        /* A walk that succeeded has just filled the TLB: take the entry out again (its
         * ASID's or a global one, whichever it is). */
        if (!r->hit && !r->fault)
            w->inner.ops->invalidate(w->inner.impl, INVAL_PAGE_ALL, 0, vaddr);
        break;
    default:
        break;
    }
}

static void invalidate(void *impl, inval_mode mode, uint16_t asid, uint64_t vaddr)
{
    injector *w = impl;
    w->inner.ops->invalidate(w->inner.impl, mode, asid, vaddr);
}

static void set_satp(void *impl, uint64_t satp)
{
    injector *w = impl;
    w->inner.ops->set_satp(w->inner.impl, satp);
}

static void set_ctl(void *impl, const mmu_ctl *c)
{
    injector *w = impl;
    w->inner.ops->set_ctl(w->inner.impl, c);
}

static void destroy(void *impl)
{
    injector *w = impl;
    mmu_destroy(&w->inner);
    free(w);
}

/* The port of the memory-write defects: what the walker writes (the A/D write-back,
 * its only write) arrives spoiled; reads pass. */
static uint64_t port_read(void *ctx, uint64_t pa, unsigned bytes)
{
    injector *w = ctx;
    return w->mem.read(w->mem.ctx, pa, bytes);
}

static void port_write(void *ctx, uint64_t pa, uint64_t value, unsigned bytes)
{
    injector *w = ctx;
    if (w->kind == INJECT_PTE_ADDR)
        pa ^= bytes; /* the other PTE of the aligned pair: the same table */
    else
        value ^= PTE_D;
    w->mem.write(w->mem.ctx, pa, value, bytes);
}

int mmu_inject_build(mmu *out, const mmu_config *c, mem_port mem, int kind, mmu_builder build, void *arg)
{
    injector *w = malloc(sizeof *w);
    if (!w)
        return -1;
    *w = (injector){.kind = kind, .mem = mem};
    int spoils_writes = kind == INJECT_PTE_ADDR || kind == INJECT_PTE_VALUE;
    if (build(&w->inner, c, spoils_writes ? (mem_port){w, port_read, port_write} : mem, arg) != 0) {
        free(w);
        return -1;
    }
    /* No translate_hits: every request goes through translate(), which spoils it. */
    w->ops = (mmu_ops){.name = w->inner.ops->name, .translate = translate, .invalidate = invalidate,
                       .set_satp = set_satp, .set_ctl = set_ctl, .destroy = destroy};
    out->ops = &w->ops;
    out->impl = w;
    return 0;
}
