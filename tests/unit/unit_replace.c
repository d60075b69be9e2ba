// SPDX-License-Identifier: MIT
/* tests/unit/unit_replace.c — the TLB's plru and random replacement (model/tlb.c)
 * against sequences worked by hand from docs/contract.md's "Replacement" rules, not
 * from the code:
 *
 *   plru: nodes 0 (root: ways 0-1 | 2-3), 1 (way 0 | 1), 2 (way 2 | 3) on 4 ways; a node
 *         holds 1 when the victim is in its upper half; an event points every node on
 *         its way's path away from the way.
 *   random: x^16 + x^14 + x^13 + x^11 + 1, Fibonacci, shifting right, seed 0xACE1; the
 *         victim is the LFSR mod WAYS, and the LFSR steps once per fill that takes
 *         the victim.  Its first values come from the polynomial alone (the one-line
 *         python in the comment below), not from model/tlb.h.
 *
 *   make build/tests/unit_replace && build/tests/unit_replace     (mk/tests.mk; -asan too)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model/tlb.h"
#include "tests/unit/unit.h"

#define EXPECT_EQ(want, got, what)                                                      \
    CHECK((uint64_t)(want) == (uint64_t)(got), "%s: expected %llu, got %llu", what,    \
          (unsigned long long)(want), (unsigned long long)(got))

#define PERM_RWU (PTE_R | PTE_W | PTE_U)

static void fill(tlb *t, uint64_t vpn) { tlb_fill(t, -1, 0, vpn, vpn + 100, PERM_RWU, 1, 0, 0); }

/* Fills pages first..last in order. */
static void fills(tlb *t, uint64_t first, uint64_t last)
{
    for (uint64_t v = first; v <= last; v++)
        fill(t, v);
}

/* Begins test `name` on an empty sets x ways TLB of `pol`; 0 if that failed. */
static int start(const char *name, tlb *t, unsigned sets, unsigned ways, tlb_policy pol)
{
    begin(name);
    CHECK(tlb_init(t, sets, ways, pol, 10) == 0, "tlb_init %ux%u %s failed", sets, ways, tlb_policy_name(pol));
    return cur_ok;
}

/* Ends a test: the invariants hold, and the TLB goes. */
static void finish(tlb *t)
{
    CHECK(tlb_sane(t), "tlb_sane");
    tlb_free(t);
    end();
}

/* A read of vpn: its way if it hits (an event under lru and plru), else -1. */
static int hit(tlb *t, uint64_t vpn)
{
    uint64_t ppn = 0;
    int way = -1;
    return tlb_lookup(t, 0, vpn, ACCESS_READ, PRIV_U, &ppn, &way) == TLB_HIT ? way : -1;
}

/* 1 if vpn is in the TLB, looked at without a lookup (no event). */
static int held(const tlb *t, uint64_t vpn)
{
    const tlb_entry *s = &t->e[(vpn & t->set_mask) * t->ways];
    for (unsigned w = 0; w < t->ways; w++)
        if (s[w].valid && s[w].vpn == vpn)
            return 1;
    return 0;
}

/* The page in each way of set 0, for messages and checks ("7 6 5 8"). */
static void pages(const tlb *t, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = 0;
    for (unsigned w = 0; w < t->ways && k < n; w++)
        k += (size_t)snprintf(buf + k, n - k, w ? " %llu" : "%llu",
                              t->e[w].valid ? (unsigned long long)t->e[w].vpn : 0ull);
}

#define EXPECT_PAGES(t, want, what)                                                     \
    do {                                                                                \
        char got_[128];                                                                 \
        pages(t, got_, sizeof got_);                                                    \
        CHECK(strcmp(want, got_) == 0, "%s: ways hold %s, expected %s", what, got_, want); \
    } while (0)

/* plru on 1x4, by hand (tree written b0 b1 b2):
 *   fill 1 2 3 4 -> ways 0 1 2 3 (invalid ways first); events on 0,1,2,3 leave 0 0 0
 *   hit 1 (way 0): b0 = 1 (up), b1 = 1 (up)           -> 1 1 0, victim: b0 up, b2 low: way 2
 *   fill 5 -> way 2 (page 3 out): b0 = 0, b2 = 1       -> 0 1 1, victim: b0 low, b1 up: way 1
 *   fill 6 -> way 1 (page 2 out): b0 = 1, b1 = 0       -> 1 0 1, victim: b0 up, b2 up: way 3
 *   hit 5 (way 2): b0 = 0, b2 = 1                      -> 0 0 1, victim: way 0
 *   fill 7 -> way 0 (page 1 out): b0 = 1, b1 = 1       -> 1 1 1, victim: way 3
 *   fill 8 -> way 3 (page 4 out): b0 = 0, b2 = 0       -> 0 1 0 (tree = 2)
 * lru would have evicted page 2 for 5 (it was used before 3 and 4 after 1's hit). */
static void test_plru_1x4(void)
{
    tlb t;
    if (!start("plru_1x4_hand_sequence", &t, 1, 4, TLB_PLRU))
        return;
    fills(&t, 1, 4);
    EXPECT_PAGES(&t, "1 2 3 4", "after the four fills");
    EXPECT_EQ(0, t.tree[0], "tree after filling ways 0..3 in order");
    EXPECT_EQ(0, hit(&t, 1), "hit 1");
    EXPECT_EQ(3, t.tree[0], "tree after the hit on way 0 (b0 b1 = 1 1)");
    fill(&t, 5);
    EXPECT_PAGES(&t, "1 2 5 4", "5 replaces way 2");
    fill(&t, 6);
    EXPECT_PAGES(&t, "1 6 5 4", "6 replaces way 1");
    EXPECT_EQ(2, hit(&t, 5), "hit 5");
    fill(&t, 7);
    EXPECT_PAGES(&t, "7 6 5 4", "7 replaces way 0");
    fill(&t, 8);
    EXPECT_PAGES(&t, "7 6 5 8", "8 replaces way 3");
    EXPECT_EQ(2, t.tree[0], "final tree (b1 alone)");
    finish(&t);
}

/* The contract's one property of any tree, on 8 and 64 ways and 4 sets: right after an
 * event on a way of a full set, the next fill of that set does not evict that way. */
static void test_plru_not_last(void)
{
    begin("plru_victim_is_never_the_way_just_used");
    static const unsigned geo[][2] = {{1, 8}, {4, 2}, {1, 64}};
    uint64_t seed = 0x1234567u;
    for (size_t g = 0; g < sizeof geo / sizeof geo[0] && cur_ok; g++) {
        unsigned sets = geo[g][0], ways = geo[g][1];
        tlb t;
        CHECK(tlb_init(&t, sets, ways, TLB_PLRU, 10) == 0, "tlb_init failed");
        if (!cur_ok)
            return;
        uint64_t span = (uint64_t)sets * ways * 3;
        fills(&t, 0, (uint64_t)sets * ways - 1); /* every way valid */
        for (int step = 0; step < 5000 && cur_ok; step++) {
            uint64_t vpn = rng_next(&seed) % span;
            int w = hit(&t, vpn);
            if (w < 0) {
                fill(&t, vpn);
                w = hit(&t, vpn); /* an event on the same way again: harmless */
            }
            /* The next page of this set that is not in the TLB: its fill must not take w. */
            uint64_t other = vpn;
            do
                other += sets;
            while (held(&t, other) && other < vpn + 64 * (uint64_t)sets * ways);
            fill(&t, other);
            CHECK(t.e[(vpn % sets) * ways + (unsigned)w].valid && t.e[(vpn % sets) * ways + (unsigned)w].vpn == vpn,
                  "%ux%u step %d: page %llu (way %d), used last, was evicted by %llu", sets, ways, step,
                  (unsigned long long)vpn, w, (unsigned long long)other);
        }
        CHECK(tlb_sane(&t), "tlb_sane");
        tlb_free(&t);
    }
    end();
}

/* The LFSR's first values, from the polynomial alone:
 *   python3 -c "s=0xACE1
 *   for i in range(8): print(hex(s)); s=(s>>1)|(((s^s>>2^s>>3^s>>5)&1)<<15)"
 * and its period: x^16+x^14+x^13+x^11+1 is primitive, so every non-zero state comes
 * back after exactly 65535 steps, and none is 0. */
static void test_lfsr(void)
{
    begin("lfsr_values_and_period");
    static const uint16_t want[8] = {0xACE1, 0x5670, 0xAB38, 0x559C, 0x2ACE, 0x1567, 0x8AB3, 0x4559};
    uint16_t s = TLB_LFSR_SEED;
    for (unsigned i = 0; i < 8; i++) {
        char what[32];
        snprintf(what, sizeof what, "value %u", i);
        EXPECT_EQ(want[i], s, what);
        s = tlb_lfsr_next(s);
    }
    s = TLB_LFSR_SEED;
    unsigned period = 0;
    do {
        s = tlb_lfsr_next(s);
        period++;
        CHECK(s != 0, "the LFSR reached 0 after %u steps", period);
    } while (s != TLB_LFSR_SEED && period < 70000 && cur_ok);
    EXPECT_EQ(65535, period, "period");
    end();
}

/* random on 1x4, by hand: victims are the LFSR values above mod 4: 1 0 0 0 2 3.
 *   fill 1 2 3 4 -> ways 0 1 2 3 (no draw); hits 1 and 2 (no draw)
 *   fill 5 -> way 1 (0xACE1 mod 4);  fill 6 -> way 0 (0x5670)
 *   invalidate 6: way 0 invalid; fill 7 -> way 0, the lowest invalid way (no draw)
 *   fill 8 -> way 0 (0xAB38), 9 -> way 0 (0x559C), 10 -> way 2 (0x2ACE), 11 -> way 3 (0x1567)
 *   the LFSR then holds 0x8AB3 (six draws). */
static void test_random_1x4(void)
{
    tlb t;
    if (!start("random_1x4_hand_sequence", &t, 1, 4, TLB_RANDOM))
        return;
    fills(&t, 1, 4);
    EXPECT_EQ(0, hit(&t, 1), "hit 1");
    EXPECT_EQ(1, hit(&t, 2), "hit 2");
    EXPECT_EQ(0xACE1, t.lfsr, "no draw yet");
    fill(&t, 5);
    EXPECT_PAGES(&t, "1 5 3 4", "5 replaces way 1");
    fill(&t, 6);
    EXPECT_PAGES(&t, "6 5 3 4", "6 replaces way 0");
    tlb_invalidate(&t, INVAL_PAGE, 0, 6);
    fill(&t, 7);
    EXPECT_PAGES(&t, "7 5 3 4", "7 takes the invalid way 0");
    fills(&t, 8, 11);
    EXPECT_PAGES(&t, "9 5 10 11", "8, 9 to way 0, 10 to way 2, 11 to way 3");
    EXPECT_EQ(0x8AB3, t.lfsr, "the LFSR after six draws");
    finish(&t);
}

/* random on 1x3: mod 3, by digit sums: 0xACE1 = 44257 -> 1, 0x5670 = 22128 -> 0,
 * 0xAB38 = 43832 -> 2. */
static void test_random_1x3(void)
{
    tlb t;
    if (!start("random_1x3_mod_ways", &t, 1, 3, TLB_RANDOM))
        return;
    fills(&t, 1, 3);
    /* after the fills of 4, 5 and 6: ways 1, 0, 2 replaced */
    static const char *const want[] = {"1 4 3", "5 4 3", "5 4 6"};
    for (unsigned i = 0; i < 3; i++) {
        fill(&t, 4 + i);
        EXPECT_PAGES(&t, want[i], "after a fill");
    }
    finish(&t);
}

/* The one list of names, and where each policy is defined. */
static void test_names(void)
{
    begin("policy_names_and_geometries");
    static const char *const want[] = {"fifo", "lru", "plru", "random"};
    for (unsigned i = 0; i < 4; i++) {
        CHECK(tlb_policy_name(i) && strcmp(tlb_policy_name(i), want[i]) == 0, "name %u", i);
        CHECK(tlb_policy_parse(want[i]) == (int)i, "parse %s", want[i]);
    }
    CHECK(tlb_policy_name(4) == NULL, "a fifth name");
    CHECK(tlb_policy_parse("PLRU") < 0 && tlb_policy_parse("") < 0, "a wrong name parsed");
    tlb t;
    CHECK(tlb_init(&t, 1, 3, TLB_PLRU, 10) != 0, "plru on 3 ways accepted");
    CHECK(tlb_init(&t, 2, 5, TLB_PLRU, 10) != 0, "plru on 5 ways accepted");
    CHECK(tlb_policy_ok(TLB_PLRU, 1) && tlb_policy_ok(TLB_PLRU, 64) && !tlb_policy_ok(TLB_PLRU, 6),
          "plru's way counts");
    CHECK(tlb_policy_ok(TLB_RANDOM, 3) && tlb_policy_ok(TLB_FIFO, 5) && tlb_policy_ok(TLB_LRU, 7),
          "the other policies take any way count");
    end();
}

int main(void)
{
    test_plru_1x4();
    test_plru_not_last();
    test_lfsr();
    test_random_1x4();
    test_random_1x3();
    test_names();
    return summary();
}
