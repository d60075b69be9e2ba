// SPDX-License-Identifier: MIT
/* gen_modes.c -- tracegen's address streams: uniform, locality, loop,
 * stride and multi (list mode lives in gen_list.c).
 *
 * A stream is endless; the driver takes --count accesses from it and decides
 * reads and writes itself (except in list mode).  Every stream draws from
 * its own PRNG (GEN_STREAM_ADDR) so the addresses of a seed do not change
 * when --writes does. */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>

/* Returns a random address inside page vpn. */
static uint64_t gen_in_page(gen_stream *s, uint64_t vpn)
{
    return (vpn << s->o->page_bits) | (gen_rng_next(&s->rng) & s->off_mask);
}

/* ---- uniform: every address of the VA space equally likely ---- */

static void gen_uniform_next(gen_stream *s, gen_access *a)
{
    a->addr = gen_rng_next(&s->rng) & s->va_mask;
}

/* ---- locality: a drifting working set of hot pages ----
 *
 * Each access first, with probability --drift, replaces one random page of
 * the set by a page not in it; then it goes, with probability --cold, to any
 * page at all, else to a random page of the set.  Pages of a set stay
 * distinct, so the set really has --ws pages. */

/* Returns 1 if vpn is in the set.  A bitmap answers in small VA spaces,
 * where the set may be dense and fresh pages take many draws; elsewhere a
 * linear search, as sets are small (<= GEN_MAX_WS) and searched only when
 * they change. */
static int gen_ws_has(const gen_ws *w, uint64_t vpn)
{
    if (w->bits != NULL)
        return (int)(w->bits[vpn >> 6] >> (vpn & 63)) & 1;
    for (uint64_t i = 0; i < w->n; i++)
        if (w->page[i] == vpn)
            return 1;
    return 0;
}

/* Puts vpn in slot i of the set (i == w->n appends). */
static void gen_ws_put(gen_ws *w, uint64_t i, uint64_t vpn)
{
    if (w->bits != NULL) {
        if (i < w->n)
            w->bits[w->page[i] >> 6] &= ~((uint64_t)1 << (w->page[i] & 63));
        w->bits[vpn >> 6] |= (uint64_t)1 << (vpn & 63);
    }
    w->page[i] = vpn;
    if (i == w->n)
        w->n++;
}

/* Returns a random page not in the set.  The caller guarantees one exists
 * (the set is smaller than the VA space); the expected number of draws is
 * at most pages / (pages - n). */
static uint64_t gen_ws_fresh(gen_stream *s, const gen_ws *w)
{
    uint64_t vpn;
    do
        vpn = gen_rng_next(&s->rng) & s->vpn_mask;
    while (gen_ws_has(w, vpn));
    return vpn;
}

/* Fills w with n distinct random pages.  Returns 0, or -1 out of memory. */
static int gen_ws_init(gen_stream *s, gen_ws *w, uint64_t n)
{
    w->n = 0;
    w->page = malloc(n * sizeof *w->page);
    if (w->page == NULL)
        return -1;
    if (s->vpn_mask < GEN_WS_BITMAP_PAGES) {
        w->bits = calloc(s->vpn_mask / 64 + 1, sizeof *w->bits);
        if (w->bits == NULL)
            return -1;
    }
    while (w->n < n)
        gen_ws_put(w, w->n, gen_ws_fresh(s, w));
    return 0;
}

/* Returns the next address of a locality stream over set w. */
static uint64_t gen_ws_next(gen_stream *s, gen_ws *w)
{
    if (gen_rng_hit(&s->rng, s->drift_t) && w->n <= s->vpn_mask) {
        uint64_t slot = gen_rng_below(&s->rng, w->n);
        gen_ws_put(w, slot, gen_ws_fresh(s, w));
    }
    if (gen_rng_hit(&s->rng, s->cold_t))
        return gen_in_page(s, gen_rng_next(&s->rng) & s->vpn_mask);
    return gen_in_page(s, w->page[gen_rng_below(&s->rng, w->n)]);
}

static void gen_locality_next(gen_stream *s, gen_access *a)
{
    a->addr = gen_ws_next(s, &s->sets[0]);
}

/* ---- loop: sweep a region of --pages pages, --stride bytes apart ---- */

static void gen_loop_next(gen_stream *s, gen_access *a)
{
    a->addr = s->base + s->pos;
    if (s->last - s->pos < s->o->stride)
        s->pos = 0; /* the next step leaves the region: start a new sweep */
    else
        s->pos += s->o->stride;
}

/* ---- stride: one pass, --stride bytes apart, wrapping at the VA end ---- */

static void gen_stride_next(gen_stream *s, gen_access *a)
{
    a->addr = s->pos;
    s->pos = (s->pos + s->o->stride) & s->va_mask;
}

/* ---- multi: --procs locality streams, interleaved in bursts ----
 *
 * A burst's length is uniform in [1, 2*burst-1] (mean --burst); the next
 * burst goes to another process chosen at random, as a scheduler would. */

static void gen_multi_next(gen_stream *s, gen_access *a)
{
    if (s->left == 0) {
        if (s->nsets > 1) {
            uint32_t k = (uint32_t)gen_rng_below(&s->rng, s->nsets - 1);
            s->cur = k >= s->cur ? k + 1 : k; /* any process but this one */
        }
        s->left = 1 + gen_rng_below(&s->rng, 2 * s->o->burst - 1);
    }
    s->left--;
    a->pid = s->cur;
    a->addr = gen_ws_next(s, &s->sets[s->cur]);
}

/* ---- setup ---- */

/* Makes nsets working sets.  Returns 0, or -2 out of memory. */
static int gen_sets_init(gen_stream *s, uint32_t nsets)
{
    s->sets = calloc(nsets, sizeof *s->sets);
    if (s->sets == NULL)
        return -2;
    s->nsets = nsets;
    for (uint32_t i = 0; i < nsets; i++)
        if (gen_ws_init(s, &s->sets[i], s->o->ws) != 0)
            return -2; /* gen_stream_free() releases what was made */
    return 0;
}

/* Sets up the stream for o->mode.  Returns 0, -1 with why[] on a bad
 * combination of options, or -2 out of memory. */
int gen_stream_init(gen_stream *s, const gen_opts *o, char *why, size_t whylen)
{
    int rc = 0;

    *s = (gen_stream){0};
    s->o = o;
    gen_rng_seed(&s->rng, o->seed, GEN_STREAM_ADDR);
    s->va_mask = o->va_bits == 64 ? UINT64_MAX : ((uint64_t)1 << o->va_bits) - 1;
    s->off_mask = ((uint64_t)1 << o->page_bits) - 1;
    s->vpn_mask = s->va_mask >> o->page_bits;
    s->drift_t = gen_rng_threshold(o->drift);
    s->cold_t = gen_rng_threshold(o->cold);

    switch (o->mode) {
    case GEN_UNIFORM:
        s->next = gen_uniform_next;
        break;
    case GEN_LOCALITY:
        s->next = gen_locality_next;
        rc = gen_sets_init(s, 1);
        break;
    case GEN_MULTI:
        s->next = gen_multi_next;
        rc = gen_sets_init(s, (uint32_t)o->procs);
        if (rc == 0)
            s->cur = (uint32_t)gen_rng_below(&s->rng, s->nsets);
        break;
    case GEN_LOOP:
        /* The region starts on a random page and lies wholly in the VA
         * space (gen_opts checked pages <= vpn_mask + 1). */
        s->next = gen_loop_next;
        s->base = gen_rng_below(&s->rng, s->vpn_mask - o->pages + 2) << o->page_bits;
        s->last = ((o->pages - 1) << o->page_bits) | s->off_mask;
        break;
    case GEN_STRIDE:
        s->next = gen_stride_next;
        s->pos = (gen_rng_next(&s->rng) & s->vpn_mask) << o->page_bits;
        break;
    case GEN_LIST:
        rc = gen_list_init(s, why, whylen);
        break;
    }
    if (rc != 0)
        gen_stream_free(s);
    return rc;
}

/* Frees what gen_stream_init() allocated. */
void gen_stream_free(gen_stream *s)
{
    for (uint32_t i = 0; i < s->nsets; i++) {
        free(s->sets[i].page);
        free(s->sets[i].bits);
    }
    free(s->sets);
    s->sets = NULL;
    s->nsets = 0;
    gen_list_free(s);
}
