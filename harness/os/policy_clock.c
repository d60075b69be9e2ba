// SPDX-License-Identifier: MIT
/* policy_clock.c — second chance over frames in frame order, the A bit as reference.
 * The hand clears A (and, through the host, the page's TLB entry) as it passes; the
 * victim is the first frame whose A was clear, and the hand stops just past it. */
#include <stdlib.h>

#include "harness/os/policy.h"

typedef struct clock_policy {
    uint32_t frames, hand;
} clock_policy;

static void *create(uint32_t frames)
{
    clock_policy *c = calloc(1, sizeof *c);
    if (c)
        c->frames = frames;
    return c;
}

static void destroy(void *p) { free(p); }
static void loaded(void *p, uint32_t frame) { (void)p, (void)frame; }

static uint32_t victim(void *p, const policy_host *h)
{
    clock_policy *c = p;
    /* Terminates: one full turn clears every A bit. */
    for (;;) {
        uint32_t f = c->hand;
        c->hand = f + 1 == c->frames ? 0 : f + 1;
        if (!h->test_and_clear_referenced(h->os, f))
            return f;
    }
}

const frame_policy_ops policy_clock = {
    .name = "clock", .summary = "second chance with the PTE's A bit",
    .create = create, .destroy = destroy, .loaded = loaded, .victim = victim,
};
