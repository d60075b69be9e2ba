// SPDX-License-Identifier: MIT
/* policy.c — the registry of frame replacement policies. */
#include "harness/os/policy.h"

#include <string.h>

static const frame_policy_ops *const all[] = {&policy_fifo, &policy_lru, &policy_lru_walk,
                                              &policy_clock, &policy_opt};

const frame_policy_ops *frame_policy_at(int i)
{
    return i >= 0 && i < (int)(sizeof all / sizeof all[0]) ? all[i] : NULL;
}

const frame_policy_ops *frame_policy_find(const char *name)
{
    for (int i = 0; frame_policy_at(i); i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return NULL;
}

const char *frame_policy_names(void) { return "fifo, lru, lru-walk, clock, opt"; }
