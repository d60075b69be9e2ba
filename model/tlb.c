// SPDX-License-Identifier: MIT
/* tlb.c — the set-associative TLB of docs/contract.md. */
#include "model/tlb.h"

#include <stdlib.h>
#include <string.h>

int tlb_geometry_ok(unsigned sets, unsigned ways)
{
    return sets >= 1 && sets <= 1024 && (sets & (sets - 1)) == 0 && ways >= 1 && ways <= 64;
}

static const char *const policy_names[] = {[TLB_FIFO] = "fifo", [TLB_LRU] = "lru", [TLB_PLRU] = "plru",
                                           [TLB_RANDOM] = "random"};

int tlb_policy_ok(tlb_policy policy, unsigned ways)
{
    return (unsigned)policy <= TLB_RANDOM && (policy != TLB_PLRU || (ways & (ways - 1)) == 0);
}

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

int tlb_init(tlb *t, unsigned sets, unsigned ways, tlb_policy policy, unsigned level_bits)
{
    if (!tlb_geometry_ok(sets, ways) || !tlb_policy_ok(policy, ways))
        return -1;
    t->e = calloc((size_t)sets * ways, sizeof *t->e);
    t->key = calloc((size_t)sets * ways, sizeof *t->key);
    t->tree = calloc(sets, sizeof *t->tree); /* every node 0: points to its lower half */
    /* Two hints per entry, at least 256: collisions stay rare. */
    unsigned hint_bits = 8;
    while (((size_t)1 << hint_bits) < (size_t)2 * sets * ways)
        hint_bits++;
    t->hint_shift = 64 - hint_bits;
    t->hint = calloc((size_t)1 << hint_bits, sizeof *t->hint);
    if (!t->e || !t->key || !t->tree || !t->hint) {
        tlb_free(t);
        return -1;
    }
    t->sets = sets;
    t->ways = ways;
    t->set_mask = sets - 1;
    t->policy = policy;
    t->hit_event = policy == TLB_LRU || policy == TLB_PLRU;
    t->level_bits = level_bits;
    t->special = 0;
    t->top_level = 0;
    t->sum = t->mxr = 0;
    t->limit_ppn = UINT64_MAX;
    t->lfsr = TLB_LFSR_SEED;
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
    free(t->tree);
    free(t->hint);
    t->e = NULL;
    t->key = NULL;
    t->tree = NULL;
    t->hint = NULL;
}

static size_t hint_count(const tlb *t) { return (size_t)1 << (64 - t->hint_shift); }

static void hints_clear(tlb *t) { memset(t->hint, 0, hint_count(t) * sizeof *t->hint); }

/* 1 if entry e answers for (asid, vpn): valid, its ASID's or global, and vpn inside its
 * page (the bits above its level agree). */
static int matches(const tlb *t, const tlb_entry *e, uint16_t asid, uint64_t vpn)
{
    return e->valid && (e->global || e->asid == asid) && ((e->vpn ^ vpn) >> (e->level * t->level_bits)) == 0;
}

/* 1 if entry e is plain: a page (level 0) of one ASID, the only kind a key names. */
static int plain(const tlb_entry *e) { return e->level == 0 && !e->global; }

/* The first entry of the set of level `level` for vpn. */
static size_t set_base(const tlb *t, uint64_t vpn, unsigned level)
{
    return (size_t)((vpn >> (level * t->level_bits)) & t->set_mask) * t->ways;
}

/* The way of an entry of `level` in that level's set (at `base`) that answers for
 * (asid, vpn), the lowest, or -1. */
static int find_at(const tlb *t, size_t base, unsigned level, uint16_t asid, uint64_t vpn)
{
    for (unsigned w = 0; w < t->ways; w++)
        if (t->e[base + w].level == level && matches(t, &t->e[base + w], asid, vpn))
            return (int)w;
    return -1;
}

/* The entry that answers for (asid, vpn) (tlb_lookup's order), or -1; *base is its
 * set's first entry. */
static int find(const tlb *t, uint16_t asid, uint64_t vpn, size_t *base)
{
    uint64_t key = tlb_key(asid, vpn);
    const tlb_hint *h = tlb_hint_of(t, key);
    *base = (size_t)(vpn & t->set_mask) * t->ways; /* set_base(t, vpn, 0) */
    if (h->key == key) /* its entry is the one a search finds, so it is in this set */
        return (int)(h->index - *base);
    if (!t->special) {
        const uint64_t *keys = &t->key[*base];
        for (unsigned w = 0; w < t->ways; w++)
            if (keys[w] == key)
                return (int)w;
        return -1;
    }
    for (unsigned level = 0; level <= t->top_level; level++) {
        *base = set_base(t, vpn, level);
        int w = find_at(t, *base, level, asid, vpn);
        if (w >= 0)
            return w;
    }
    return -1;
}

/* Makes the hint of plain entry i's key mirror it. */
static void hint_set(tlb *t, size_t i)
{
    *tlb_hint_of(t, t->key[i]) = (tlb_hint){.key = t->key[i], .ppn = t->e[i].ppn,
                                           .index = (uint32_t)i, .serves = t->e[i].serves};
}

/* Entry i is about to change or go: its hint, if it has one, must not outlive it.
 * (Only a plain entry has one.) */
static void hint_drop(tlb *t, size_t i)
{
    tlb_hint *h = tlb_hint_of(t, t->key[i]);
    if (t->key[i] && t->key[i] != TLB_KEY_SPECIAL && h->key == t->key[i])
        h->key = 0;
}

/* Entry i stops being valid. */
static void drop(tlb *t, size_t i)
{
    hint_drop(t, i);
    if (t->key[i] == TLB_KEY_SPECIAL)
        t->special--;
    t->e[i].valid = 0;
    t->key[i] = 0;
}

void tlb_set_ctl(tlb *t, int sum, int mxr, uint64_t limit_ppn)
{
    if (t->sum == !!sum && t->mxr == !!mxr && t->limit_ppn == limit_ppn)
        return;
    t->sum = (uint8_t)!!sum;
    t->mxr = (uint8_t)!!mxr;
    t->limit_ppn = limit_ppn;
    for (size_t i = 0; i < (size_t)t->sets * t->ways; i++)
        if (t->e[i].valid)
            t->e[i].serves = tlb_serves_of(t, &t->e[i]);
    hints_clear(t);
}

/* A hit on way w of the set at base: an event under lru and plru. */
static void used(tlb *t, size_t base, unsigned w)
{
    if (t->policy == TLB_LRU)
        t->e[base + w].stamp = t->now++;
    else if (t->policy == TLB_PLRU)
        tlb_plru_touch(&t->tree[base / t->ways], t->ways, w);
}

tlb_outcome tlb_lookup(tlb *t, uint16_t asid, uint64_t vpn, access_kind kind, priv_mode priv,
                       uint64_t *ppn, int *way)
{
    size_t base;
    int w = find(t, asid, vpn, &base);
    *way = w;
    if (w < 0)
        return TLB_MISS;
    tlb_entry *e = &t->e[base + (unsigned)w];
    if (plain(e))
        hint_set(t, base + (unsigned)w);
    if (!perm_allows(e->perm, kind, priv, t->sum, t->mxr)) {
        used(t, base, (unsigned)w);
        return TLB_DENIED;
    }
    if (kind == ACCESS_WRITE && !e->dirty)
        return TLB_CLEAN;
    used(t, base, (unsigned)w);
    *ppn = e->ppn | (vpn & (((uint64_t)1 << (e->level * t->level_bits)) - 1));
    return TLB_HIT;
}

const tlb_entry *tlb_match(const tlb *t, uint16_t asid, uint64_t vpn)
{
    size_t base;
    int w = find(t, asid, vpn, &base);
    return w < 0 ? NULL : &t->e[base + (unsigned)w];
}

/* Lowest invalid way, else the policy's victim: fifo's and lru's, the valid way with
 * the oldest event, written without branches on the data (which stamp is older is a
 * coin toss the branch predictor loses, on every miss); plru's by its tree; random's
 * the LFSR mod WAYS, after which the LFSR steps. */
static unsigned victim(tlb *t, size_t base)
{
    const uint64_t *keys = &t->key[base];
    const tlb_entry *s = &t->e[base];
    unsigned ways = t->ways;
    for (unsigned w = 0; w < ways; w++)
        if (!keys[w]) /* key 0: invalid */
            return w;
    if (t->policy == TLB_PLRU)
        return tlb_plru_victim(t->tree[base / ways], ways);
    if (t->policy == TLB_RANDOM) {
        unsigned v = t->lfsr % ways;
        t->lfsr = tlb_lfsr_next(t->lfsr);
        return v;
    }
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

void tlb_fill(tlb *t, int clean, uint16_t asid, uint64_t vpn, uint64_t ppn, uint8_t perm, uint8_t dirty,
              unsigned level, int global)
{
    size_t base = set_base(t, vpn, level);
    /* The entry it replaces: after a miss none matches; after a clean store, the one
     * that did, if it is of this level (else whichever of this level matches). */
    int same = -1;
    if (clean >= 0) {
        const tlb_entry *c = &t->e[base + (unsigned)clean];
        same = c->level == level && matches(t, c, asid, vpn) ? clean : find_at(t, base, level, asid, vpn);
    }
    unsigned w = same >= 0 ? (unsigned)same : victim(t, base);
    tlb_entry *e = &t->e[base + w];
    if (e->valid)
        drop(t, base + w);
    e->valid = 1;
    e->asid = asid;
    e->vpn = vpn;
    e->ppn = ppn;
    e->perm = perm;
    e->dirty = dirty;
    e->level = (uint8_t)level;
    e->global = (uint8_t)!!global;
    e->serves = tlb_serves_of(t, e);
    e->stamp = t->now++;
    if (t->policy == TLB_PLRU)
        tlb_plru_touch(&t->tree[base / t->ways], t->ways, w);
    if (level > t->top_level)
        t->top_level = level;
    if (plain(e)) {
        t->key[base + w] = tlb_key(asid, vpn);
        /* Its hint, unless a lower way answers for its key (a global entry of another
         * mapping: software's error, which the lookup's order settles). */
        if (!t->special || find_at(t, base, 0, asid, vpn) == (int)w)
            hint_set(t, base + w);
    } else {
        /* It may answer for keys whose hints name a higher way: none may stay. */
        t->key[base + w] = TLB_KEY_SPECIAL;
        t->special++;
        hints_clear(t);
    }
}

/* 1 if invalidation (mode, asid, vpn) clears entry e (valid). */
static int cleared(const tlb *t, const tlb_entry *e, inval_mode mode, uint16_t asid, uint64_t vpn)
{
    int page = ((e->vpn ^ vpn) >> (e->level * t->level_bits)) == 0;
    switch (mode) {
    case INVAL_PAGE: return page && !e->global && e->asid == asid;
    case INVAL_ASID: return !e->global && e->asid == asid;
    case INVAL_PAGE_ALL: return page;
    default: return 1; /* INVAL_ALL */
    }
}

void tlb_invalidate(tlb *t, inval_mode mode, uint16_t asid, uint64_t vpn)
{
    if (mode == INVAL_PAGE || mode == INVAL_PAGE_ALL) {
        /* An entry holding the page sits in its level's set. */
        for (unsigned level = 0; level <= t->top_level; level++) {
            size_t base = set_base(t, vpn, level);
            for (unsigned w = 0; w < t->ways; w++)
                if (t->e[base + w].valid && t->e[base + w].level == level &&
                    cleared(t, &t->e[base + w], mode, asid, vpn))
                    drop(t, base + w);
        }
        return;
    }
    for (size_t i = 0; i < (size_t)t->sets * t->ways; i++)
        if (t->e[i].valid && cleared(t, &t->e[i], mode, asid, vpn))
            drop(t, i);
}

int tlb_sane(const tlb *t)
{
    size_t n = (size_t)t->sets * t->ways;
    unsigned special = 0;
    if (!t->lfsr)
        return 0;
    for (unsigned set = 0; set < t->sets; set++) /* the tree has WAYS-1 nodes */
        if (t->tree[set] >> (t->ways - 1))
            return 0;
    for (size_t i = 0; i < hint_count(t); i++) {
        const tlb_hint *h = &t->hint[i];
        if (h->key && (h->index >= n || t->key[h->index] != h->key || t->e[h->index].ppn != h->ppn ||
                       t->e[h->index].serves != h->serves || tlb_hint_of(t, h->key) != h))
            return 0;
    }
    for (unsigned set = 0; set < t->sets; set++) {
        const tlb_entry *s = &t->e[(size_t)set * t->ways];
        const uint64_t *keys = &t->key[(size_t)set * t->ways];
        for (unsigned a = 0; a < t->ways; a++) {
            if (s[a].valid && ((s[a].vpn >> (s[a].level * t->level_bits)) & t->set_mask) != set)
                return 0;
            if (s[a].valid && s[a].level > t->top_level)
                return 0;
            if (s[a].valid && s[a].serves != tlb_serves_of(t, &s[a]))
                return 0;
            uint64_t want = !s[a].valid ? 0 : plain(&s[a]) ? tlb_key(s[a].asid, s[a].vpn) : TLB_KEY_SPECIAL;
            if (keys[a] != want)
                return 0;
            special += want == TLB_KEY_SPECIAL;
            for (unsigned b = a + 1; b < t->ways; b++)
                if (s[a].stamp == s[b].stamp)
                    return 0;
        }
    }
    /* A hint names the entry a search finds: no lower way of its set matches at level 0. */
    for (size_t i = 0; i < hint_count(t); i++) {
        const tlb_hint *h = &t->hint[i];
        if (!h->key)
            continue;
        const tlb_entry *e = &t->e[h->index];
        size_t base = h->index - h->index % t->ways;
        for (size_t j = base; j < h->index; j++)
            if (t->e[j].level == 0 && matches(t, &t->e[j], e->asid, e->vpn))
                return 0;
    }
    return special == t->special;
}
