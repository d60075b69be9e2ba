// SPDX-License-Identifier: MIT
/* pwc.c — the page-walk cache of docs/contract.md, "Page-walk cache". */
#include "model/pwc.h"

#include "model/tlb.h"

int pwc_entries_ok(unsigned n) { return n <= PWC_MAX && (n & (n - 1)) == 0; }

int pwc_init(pwc *c, unsigned n)
{
    if (!pwc_entries_ok(n))
        return -1;
    *c = (pwc){.n = n};
    return 0;
}

int pwc_lookup(pwc *c, uint64_t pa, uint64_t *pte)
{
    for (unsigned e = 0; e < c->n; e++)
        if (c->key[e] == pa + 1) {
            tlb_plru_touch(&c->tree, c->n, e);
            *pte = c->pte[e];
            return 1;
        }
    return 0;
}

void pwc_fill(pwc *c, uint64_t pa, uint64_t pte)
{
    unsigned e = 0;
    if (!c->n)
        return;
    while (e < c->n && c->key[e])
        e++;
    if (e == c->n)
        e = tlb_plru_victim(c->tree, c->n);
    c->key[e] = pa + 1;
    c->pte[e] = pte;
    tlb_plru_touch(&c->tree, c->n, e);
}

void pwc_invalidate(pwc *c, inval_mode mode)
{
    if (mode != INVAL_ASID && mode != INVAL_ALL)
        return;
    for (unsigned e = 0; e < c->n; e++)
        c->key[e] = 0;
}

int pwc_sane(const pwc *c)
{
    for (unsigned a = 0; a < c->n; a++)
        for (unsigned b = a + 1; b < c->n; b++)
            if (c->key[a] && c->key[a] == c->key[b])
                return 0;
    return pwc_entries_ok(c->n);
}
