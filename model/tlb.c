// SPDX-License-Identifier: MIT
/* tlb.c — the set-associative TLB of docs/contract.md. */
#include "model/tlb.h"

#include <stdlib.h>
#include <string.h>

int tlb_geometry_ok(unsigned sets, unsigned ways)
{
    return sets >= 1 && sets <= 1024 && (sets & (sets - 1)) == 0 && ways >= 1 && ways <= 64;
}

static const char *const policy_names[] = {[TLB_FIFO] = "fifo", [TLB_LRU] = "lru"};

const char *tlb_policy_name(size_t i)
{
    return i < sizeof policy_names / sizeof policy_names[0] ? policy_names[i] : NULL;
}

int tlb_policy_parse(const char *name)
{
    for (size_t i = 0; tlb_policy_name(i); i++)
        if (strcmp(name, policy_names[i]) == 0)
            return (int)i;
    return -1;
}

int tlb_init(tlb *t, unsigned sets, unsigned ways, tlb_policy policy)
{
    if (!tlb_geometry_ok(sets, ways))
        return -1;
    t->e = calloc((size_t)sets * ways, sizeof *t->e);
    t->key = calloc((size_t)sets * ways, sizeof *t->key);
    /* Two hints per entry, at least 256: collisions stay rare. */
    unsigned hint_bits = 8;
    while (((size_t)1 << hint_bits) < (size_t)2 * sets * ways)
        hint_bits++;
    t->hint_shift = 64 - hint_bits;
    t->hint = calloc((size_t)1 << hint_bits, sizeof *t->hint);
    if (!t->e || !t->key || !t->hint) {
        tlb_free(t);
        return -1;
    }
    t->sets = sets;
    t->ways = ways;
    t->set_mask = sets - 1;
    t->policy = policy;
    /* Reset ranks are "way w has rank w": way 0 youngest.  Stamps that decrease
     * with the way number say the same thing. */
    t->now = ways;
    for (size_t i = 0; i < (size_t)sets * ways; i++)
        t->e[i].stamp = ways - 1 - i % ways;
    return 0;
}

void tlb_free(tlb *t)
{
    free(t->e);
    free(t->key);
    free(t->hint);
    t->e = NULL;
    t->key = NULL;
    t->hint = NULL;
}

static tlb_entry *set_of(tlb *t, uint64_t vpn) { return &t->e[(vpn & t->set_mask) * t->ways]; }

/* The way of the set at `base` holding `key`, or -1. */
static int find(const tlb *t, size_t base, uint64_t key)
{
    const tlb_hint *h = tlb_hint_of(t, key);
    if (h->key == key) /* its entry holds `key`, so it is in this set */
        return (int)(h->index - base);
    const uint64_t *keys = &t->key[base];
    for (unsigned w = 0; w < t->ways; w++)
        if (keys[w] == key)
            return (int)w;
    return -1;
}

/* Makes the hint of entry i's key mirror it. */
static void hint_set(tlb *t, size_t i)
{
    *tlb_hint_of(t, t->key[i]) = (tlb_hint){.key = t->key[i], .ppn = t->e[i].ppn,
                                           .index = (uint32_t)i, .serves = t->e[i].serves};
}

/* Entry i is about to change or go: its hint, if it has one, must not outlive it. */
static void hint_drop(tlb *t, size_t i)
{
    tlb_hint *h = tlb_hint_of(t, t->key[i]);
    if (t->key[i] && h->key == t->key[i])
        h->key = 0;
}

tlb_outcome tlb_lookup(tlb *t, uint16_t asid, uint64_t vpn, access_kind kind,
                       uint64_t *ppn, int *way)
{
    size_t base = (size_t)(vpn & t->set_mask) * t->ways;
    uint64_t key = tlb_key(asid, vpn);
    int w = find(t, base, key);
    *way = w;
    if (w < 0)
        return TLB_MISS;
    hint_set(t, base + (unsigned)w);
    tlb_entry *e = &t->e[base + (unsigned)w];
    if (!perm_allows(e->perm, kind)) {
        if (t->policy == TLB_LRU)
            e->stamp = t->now++;
        return TLB_DENIED;
    }
    if (!tlb_entry_serves(e, kind))
        return TLB_CLEAN;
    if (t->policy == TLB_LRU)
        e->stamp = t->now++;
    *ppn = e->ppn;
    return TLB_HIT;
}

/* Lowest invalid way, else the valid way with the oldest event.  Written without
 * branches on the data: which stamp is older is a coin toss the branch predictor
 * loses, on every miss. */
static unsigned victim(const tlb *t, size_t base)
{
    const uint64_t *keys = &t->key[base];
    const tlb_entry *s = &t->e[base];
    unsigned ways = t->ways;
    for (unsigned w = 0; w < ways; w++)
        if (!keys[w]) /* key 0: invalid */
            return w;
    unsigned v = 0;
    uint64_t oldest = s[0].stamp;
    for (unsigned w = 1; w < ways; w++) {
        uint64_t st = s[w].stamp;
        int older = st < oldest;
        oldest = older ? st : oldest;
        v = older ? w : v;
    }
    return v;
}

void tlb_fill(tlb *t, int way, uint16_t asid, uint64_t vpn, uint64_t ppn, uint8_t perm,
              uint8_t dirty)
{
    size_t base = (size_t)(vpn & t->set_mask) * t->ways;
    unsigned w = way >= 0 ? (unsigned)way : victim(t, base);
    tlb_entry *e = &t->e[base + w];
    hint_drop(t, base + w);
    t->key[base + w] = tlb_key(asid, vpn);
    e->valid = 1;
    e->asid = asid;
    e->vpn = vpn;
    e->ppn = ppn;
    e->perm = perm;
    e->dirty = dirty;
    e->serves = tlb_serves_of(e);
    e->stamp = t->now++;
    hint_set(t, base + w);
}

void tlb_invalidate(tlb *t, inval_mode mode, uint16_t asid, uint64_t vpn)
{
    if (mode == INVAL_PAGE) {
        tlb_entry *s = set_of(t, vpn);
        for (unsigned w = 0; w < t->ways; w++)
            if (s[w].vpn == vpn && s[w].asid == asid) {
                size_t i = (size_t)(s - t->e) + w;
                hint_drop(t, i);
                s[w].valid = 0, t->key[i] = 0;
            }
        return;
    }
    /* Mode 3 is not named, and invalidates everything, as the RTL does (contract). */
    for (size_t i = 0; i < (size_t)t->sets * t->ways; i++)
        if (mode != INVAL_ASID || t->e[i].asid == asid) {
            hint_drop(t, i);
            t->e[i].valid = 0, t->key[i] = 0;
        }
}

int tlb_sane(const tlb *t)
{
    size_t n = (size_t)t->sets * t->ways;
    for (size_t i = 0; i < (size_t)1 << (64 - t->hint_shift); i++) {
        const tlb_hint *h = &t->hint[i];
        if (h->key && (h->index >= n || t->key[h->index] != h->key || t->e[h->index].ppn != h->ppn ||
                       t->e[h->index].serves != h->serves || tlb_hint_of(t, h->key) != h))
            return 0;
    }
    for (unsigned set = 0; set < t->sets; set++) {
        const tlb_entry *s = &t->e[(size_t)set * t->ways];
        for (unsigned a = 0; a < t->ways; a++) {
            if (s[a].valid && (s[a].vpn & t->set_mask) != set)
                return 0;
            if (s[a].valid && s[a].serves != tlb_serves_of(&s[a]))
                return 0;
            if (t->key[(size_t)set * t->ways + a] != (s[a].valid ? tlb_key(s[a].asid, s[a].vpn) : 0))
                return 0;
            for (unsigned b = a + 1; b < t->ways; b++) {
                if (s[a].stamp == s[b].stamp)
                    return 0;
                if (s[a].valid && s[b].valid && s[a].vpn == s[b].vpn && s[a].asid == s[b].asid)
                    return 0;
            }
        }
    }
    return 1;
}
