// SPDX-License-Identifier: MIT
/* policy.h — frame replacement policies behind one small table (SQLite's page-cache
 * methods are the model).  Adding a policy is one file and one line in policy.c;
 * docs/policies.md says how.
 *
 * The OS tells a policy when a page is loaded into a frame and when a frame is
 * accessed, and asks it for a victim when no frame is free.  Frames are numbered
 * 0..frames-1; a policy sees only frame numbers and what the host lets it ask.
 */
#ifndef VMMU_POLICY_H
#define VMMU_POLICY_H

#include <stdint.h>

#include "model/tlb.h"

/* What a policy may ask of the OS while choosing a victim. */
typedef struct policy_host {
    void *os;
    /* Returns the frame's reference (A) bit and clears it, invalidating the page's
     * TLB entry so that the next access walks and sets A again (CLOCK). */
    int (*test_and_clear_referenced)(void *os, uint32_t frame);
} policy_host;

typedef struct frame_policy_ops {
    const char *name;
    const char *summary;     /* one line for --help */
    tlb_policy tlb_policy;   /* the TLB policy -p implies */
    int needs_future;        /* 1: accessed() must be given each page's next use (OPT) */
    int model_only;          /* 1: needs the whole trace in advance, vmsim refuses it */
    void *(*create)(uint32_t frames);                     /* NULL if out of memory */
    void (*destroy)(void *p);
    void (*loaded)(void *p, uint32_t frame);              /* a page now lives in frame */
    /* One access to a page in `frame`; `walked`: it needed a page walk; `next_use`:
     * the access number of the page's next access (UINT64_MAX: never), if needed. */
    void (*accessed)(void *p, uint32_t frame, int walked, uint64_t next_use); /* NULL: ignores accesses */
    uint32_t (*victim)(void *p, const policy_host *h);   /* only when every frame is used */
} frame_policy_ops;

/* The policy called `name`, or NULL. */
const frame_policy_ops *frame_policy_find(const char *name);
/* "fifo, lru, lru-walk, clock, opt" */
const char *frame_policy_names(void);
/* The i-th policy (for help), NULL past the end. */
const frame_policy_ops *frame_policy_at(int i);

extern const frame_policy_ops policy_fifo, policy_lru, policy_lru_walk, policy_clock, policy_opt;

#endif
