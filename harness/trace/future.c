// SPDX-License-Identifier: MIT
/* future.c — next-use distances for OPT, in one pass over the trace. */
#include "harness/trace/future.h"

#include <stdio.h>
#include <stdlib.h>


typedef struct last_use {
    uint64_t key;   /* (pid << 48 | vpn) + 1; 0 is a free slot */
    uint64_t at;
} last_use;

uint64_t *future_build(const char *path, trace_format format, const preset *p, char *err,
                       size_t errlen)
{
    trace_reader t;
    if (trace_open(&t, path, format, p->page_bits, err, errlen) != 0)
        return NULL;
    trace_limit(&t, p);
    size_t cap = 1024, n = 0, nslot = 1024, used = 0;
    uint64_t *next = malloc(cap * sizeof *next);
    last_use *slot = calloc(nslot, sizeof *slot);
    access_rec r;
    int got = 0, oom = !next || !slot;
    while (!oom && (got = trace_next(&t, &r, err, errlen)) == 1) {
        if (n == cap) {
            uint64_t *g = realloc(next, (cap *= 2) * sizeof *next);
            if (!g) {
                oom = 1;
                break;
            }
            next = g;
        }
        next[n] = UINT64_MAX;
        uint64_t va;
        if (preset_trace_va(p, r.addr, &va) == 0) {
            if ((used + 1) * 2 > nslot) {
                last_use *g = calloc(nslot * 2, sizeof *g);
                if (!g) {
                    oom = 1;
                    break;
                }
                for (size_t i = 0; i < nslot; i++)
                    if (slot[i].key) {
                        size_t j = (size_t)(slot[i].key * 0x9e3779b97f4a7c15ULL >> 20) & (2 * nslot - 1);
                        while (g[j].key)
                            j = (j + 1) & (2 * nslot - 1);
                        g[j] = slot[i];
                    }
                free(slot);
                slot = g;
                nslot *= 2;
            }
            uint64_t key = ((uint64_t)r.pid << 48 | va >> p->page_bits) + 1;
            size_t j = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 20) & (nslot - 1);
            while (slot[j].key && slot[j].key != key)
                j = (j + 1) & (nslot - 1);
            if (slot[j].key)
                next[slot[j].at] = n;
            else
                used++;
            slot[j] = (last_use){key, n};
        }
        n++;
    }
    trace_close(&t);
    free(slot);
    if (got == -1 || oom) {
        if (oom)
            snprintf(err, errlen, "out of memory reading the trace ahead for opt");
        free(next);
        return NULL;
    }
    return next;
}
