// SPDX-License-Identifier: MIT
/* gen_list.c -- tracegen's list mode: the classic course exercise.
 *
 * A program allocates --nodes nodes of --node-size bytes from a bump
 * allocator, links them into a singly linked list in a shuffled order, and
 * walks the list again and again.  The trace records what it touches:
 *
 *   phase 0  one write per node, in allocation order: node->value = v
 *   phase 1  one write per node, in list order: node->next = successor
 *            (the value written is the low byte of the successor's address,
 *            0 for the tail's NULL)
 *   phase 2  one read per node, in list order: p = p->next; repeated, so
 *            --walks W gives W full walks
 *
 * A node is laid out as { next (8 bytes); value ... }: next at offset 0,
 * the payload at offset 8 (offset 0 too when the node is smaller than 16).
 *
 * The allocator hands out chunks of --node-size rounded up to 16 (malloc's
 * alignment) upward from a quarter of the VA space; before a quarter of the
 * allocations it skips a gap of 16 .. 4 * chunk bytes, as the program's
 * other allocations would leave.  Since the walk follows a shuffled order,
 * consecutive reads jump between pages. */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>

static void gen_list_next(gen_stream *s, gen_access *a)
{
    const uint64_t n = s->o->nodes;

    a->pid = 0;
    switch (s->phase) {
    case 0: /* initialise the payload, in allocation order */
        a->kind = 'W';
        a->addr = s->node[s->i] + s->value_off;
        a->value = (unsigned)(gen_rng_next(&s->rng) & 255);
        break;
    case 1: /* link, in list order */
        a->kind = 'W';
        a->addr = s->node[s->link[s->i]];
        a->value = s->i + 1 < n ? (unsigned)(s->node[s->link[s->i + 1]] & 255) : 0;
        break;
    default: /* walk */
        a->kind = 'R';
        a->addr = s->node[s->link[s->i]];
        break;
    }
    if (++s->i == n) {
        s->i = 0;
        if (s->phase < 2)
            s->phase++;
    }
}

/* Lays the nodes out and shuffles the link order.  Returns 0, -1 with
 * why[] if the list does not fit in the VA space, -2 out of memory. */
int gen_list_init(gen_stream *s, char *why, size_t whylen)
{
    const gen_opts *o = s->o;
    const uint64_t n = o->nodes;
    const uint64_t chunk = (o->node_size + 15) & ~(uint64_t)15;
    const uint64_t base = ((uint64_t)1 << (o->va_bits - 2)) & ~s->off_mask;
    uint64_t p = base;

    /* No overflow below: base <= 2^62 and the heap needs at most
     * GEN_MAX_NODES * 5 * GEN_MAX_NODE_SIZE < 2^41 bytes. */
    s->next = gen_list_next;
    s->value_off = o->node_size >= 16 ? 8 : 0;
    s->node = malloc(n * sizeof *s->node);
    s->link = malloc(n * sizeof *s->link);
    if (s->node == NULL || s->link == NULL)
        return -2;

    for (uint64_t k = 0; k < n; k++) {
        if (gen_rng_below(&s->rng, 4) == 0)
            p += 16 * (1 + gen_rng_below(&s->rng, chunk / 4));
        if (p + chunk - 1 > s->va_mask) {
            snprintf(why, whylen,
                     "--nodes %llu: %llu nodes of %llu bytes do not fit in "
                     "a %u-bit VA space (the heap starts at 0x%llx)",
                     (unsigned long long)n, (unsigned long long)n,
                     (unsigned long long)o->node_size, o->va_bits,
                     (unsigned long long)base);
            return -1;
        }
        s->node[k] = p;
        p += chunk;
    }

    /* Fisher-Yates: link[] is a uniform random permutation. */
    for (uint64_t k = 0; k < n; k++)
        s->link[k] = (uint32_t)k;
    for (uint64_t k = n - 1; k > 0; k--) {
        uint64_t j = gen_rng_below(&s->rng, k + 1);
        uint32_t t = s->link[k];
        s->link[k] = s->link[j];
        s->link[j] = t;
    }
    return 0;
}

/* Frees the node tables. */
void gen_list_free(gen_stream *s)
{
    free(s->node);
    free(s->link);
    s->node = NULL;
    s->link = NULL;
}
