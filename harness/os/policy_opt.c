// SPDX-License-Identifier: MIT
/* policy_opt.c — Belady's OPT: evicts the page whose next use is farthest in the
 * future (never used again counts as farthest), ties to the lowest frame.  It needs
 * the whole trace in advance (the OS reads it once before the run), so it exists in
 * the model only. */
#include <stdlib.h>

#include "harness/os/policy.h"

typedef struct opt_policy {
    uint32_t frames;
    /* Per frame: the access number of its page's next use; 0 for a frame never told
     * of, which is never the victim while any other is (every frame told of has a
     * next use after its access, > 0): the frames of a megapage but its first (--thp,
     * harness/os/os_thp.c) stay so. */
    uint64_t *next_use;
} opt_policy;

static void *create(uint32_t frames)
{
    opt_policy *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->frames = frames;
    o->next_use = calloc(frames, sizeof *o->next_use);
    if (!o->next_use) {
        free(o);
        return NULL;
    }
    return o;
}

static void destroy(void *p)
{
    opt_policy *o = p;
    free(o->next_use);
    free(o);
}

static void loaded(void *p, uint32_t frame) { (void)p, (void)frame; }

static void accessed(void *p, uint32_t frame, int walked, uint64_t next_use)
{
    (void)walked;
    ((opt_policy *)p)->next_use[frame] = next_use;
}

static uint32_t victim(void *p, const policy_host *h)
{
    opt_policy *o = p;
    (void)h;
    uint32_t v = 0;
    for (uint32_t f = 1; f < o->frames; f++)
        if (o->next_use[f] > o->next_use[v])
            v = f;
    return v;
}

const frame_policy_ops policy_opt = {
    .name = "opt", .summary = "Belady: evicts the page used farthest in the future",
    .needs_future = 1, .model_only = 1,
    .create = create, .destroy = destroy, .loaded = loaded, .accessed = accessed, .victim = victim,
};
