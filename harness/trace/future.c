// SPDX-License-Identifier: MIT
/* future.c — next-use distances for OPT, in one pass over the trace. */
#include "harness/trace/future.h"

#include <stdio.h>
#include <stdlib.h>

#include "harness/base/pagemap.h"

uint64_t *future_build(const char *path, trace_format format, const preset *p, char *err,
                       size_t errlen)
{
    trace_reader t;
    if (trace_open(&t, path, format, p->page_bits, err, errlen) != 0)
        return NULL;
    trace_limit(&t, p);
    size_t cap = 1024, n = 0;
    uint64_t *next = malloc(cap * sizeof *next);
    pagemap last = {0}; /* (pid, vpn) -> the number of its latest access */
    access_rec r;
    int got = 0, oom = !next;
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
            int made;
            uint64_t *at = pagemap_put(&last, r.pid, va >> p->page_bits, &made);
            if (!at) {
                oom = 1;
                break;
            }
            if (!made)
                next[*at] = n;
            *at = n;
        }
        n++;
    }
    trace_close(&t);
    pagemap_free(&last);
    if (got == -1 || oom) {
        if (oom)
            snprintf(err, errlen, "out of memory reading the trace ahead for opt");
        free(next);
        return NULL;
    }
    return next;
}
