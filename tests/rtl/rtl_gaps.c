// SPDX-License-Identifier: MIT
/* rtl_gaps.c -- what an OS-driven co-simulation cannot reach, checked on the RTL
 * directly (run by tests/rtl/t_mutant_gaps.sh, which says why each case is here).
 * Prints "PASS name" / "FAIL name: why" lines; exits 1 if any check failed. */
#include <inttypes.h>

#include "rtl_fakesys.h"

static int failed;
/* One line per check, "PASS name" or "FAIL name: why", for the shell to relay. */
#define CHECK(name, cond, ...)         \
    do {                               \
        if (cond) {                    \
            printf("PASS %s\n", name); \
        } else {                       \
            failed++;                  \
            printf("FAIL %s: ", name); \
            printf(__VA_ARGS__);       \
            printf("\n");              \
        }                              \
    } while (0)

static result_t translate(sys_t *s, uint16_t asid, uint64_t va, unsigned kind)
{
    return translate_inval(s, asid, va, kind, 0, 0, 0, 0);
}

/* A leaf with U = 0: every access kind of U-mode is a page fault (step 6), walked,
 * nothing written, nothing filled (the retry walks again). */
static void test_user_bit(void)
{
    sys_t s;
    sys_init(&s, 1, 0);
    unsigned L = s.g.levels;
    map(&s, 1, 7, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D); /* U = 0 */
    const char *names[] = {"read", "write", "execute"};
    for (unsigned k = K_READ; k <= K_EXEC; k++) {
        char name[64];
        snprintf(name, sizeof name, "U=0 leaf: %s is a page fault", names[k]);
        result_t r = translate(&s, 0, va_of(&s, 1, 4), k);
        CHECK(name,
              !r.hit && r.fault == F_PAGE && r.writes == 0 && r.latency == walk_lat(&s, L, 0),
              "hit %d fault %d writes %u latency %u (want walked, fault 1, no write, %u)", r.hit,
              r.fault, r.writes, r.latency, walk_lat(&s, L, 0));
    }
    map(&s, 2, 8, PTE_V | PTE_R | PTE_U | PTE_A);
    result_t r = translate(&s, 0, va_of(&s, 2, 4), K_READ);
    CHECK("U=1 leaf: read translates", r.fault == F_NONE && r.paddr == (8ull << s.g.page_bits | 4),
          "fault %d paddr %#" PRIx64, r.fault, r.paddr);
    sys_free(&s);
}

/* R = 0 and W = 1 is reserved: a page fault (step 3), whatever X says. */
static void test_reserved(void)
{
    sys_t s;
    sys_init(&s, 1, 0);
    unsigned L = s.g.levels;
    map(&s, 3, 9, PTE_V | PTE_W | PTE_U | PTE_A | PTE_D);
    map(&s, 4, 9, PTE_V | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D);
    result_t r = translate(&s, 0, va_of(&s, 3, 0), K_WRITE);
    CHECK("R=0 W=1 leaf: page fault",
          !r.hit && r.fault == F_PAGE && r.latency == walk_lat(&s, L, 0),
          "hit %d fault %d latency %u", r.hit, r.fault, r.latency);
    r = translate(&s, 0, va_of(&s, 4, 0), K_EXEC);
    CHECK("R=0 W=1 X=1 leaf: page fault", !r.hit && r.fault == F_PAGE, "hit %d fault %d", r.hit,
          r.fault);
    sys_free(&s);
}

/* Reserved encodings (step 3): bits 63-54 of a 64-bit PTE on a leaf or a pointer, and
 * D, A or U on a pointer: each a page fault after the read that finds it. */
static void test_reserved_bits(void)
{
    sys_t s;
    sys_init(&s, 1, 0);
    unsigned L = s.g.levels;
    if (s.g.pte_bytes == 8) {
        for (unsigned b = 54; b < 64; b += 3) {
            char name[64];
            map(&s, 5, 9, PTE_V | PTE_R | PTE_U | PTE_A | PTE_D);
            mem_wr(&s, leaf_addr(&s, 5), mem_rd(&s, leaf_addr(&s, 5)) | 1ull << b);
            inval(&s, INV_ALL, 0, 0);
            result_t r = translate(&s, 0, va_of(&s, 5, 0), K_READ);
            snprintf(name, sizeof name, "leaf with bit %u: page fault", b);
            CHECK(name, !r.hit && r.fault == F_PAGE && r.reads == L, "hit %d fault %d reads %u", r.hit,
                  r.fault, r.reads);
        }
    }
    map(&s, 5, 9, PTE_V | PTE_R | PTE_U | PTE_A | PTE_D);
    if (L > 1) {
        /* the root's pointer to VPN 5's tables, spoiled bit by bit */
        uint64_t ptr = s.root + (uint64_t)vpn_slice(&s, 5, L - 1) * s.g.pte_bytes, good = mem_rd(&s, ptr);
        const unsigned bits[] = {4, 6, 7, 60};
        for (unsigned i = 0; i < 4; i++) {
            if (bits[i] >= 8 * s.g.pte_bytes)
                continue;
            char name[64];
            mem_wr(&s, ptr, good | 1ull << bits[i]);
            inval(&s, INV_ALL, 0, 0);
            result_t r = translate(&s, 0, va_of(&s, 5, 0), K_READ);
            snprintf(name, sizeof name, "pointer with bit %u: page fault", bits[i]);
            CHECK(name, !r.hit && r.fault == F_PAGE && r.reads == 1, "hit %d fault %d reads %u", r.hit,
                  r.fault, r.reads);
        }
        mem_wr(&s, ptr, good | PTE_G | 1ull << 8); /* G and RSW on a pointer: allowed */
        result_t r = translate(&s, 0, va_of(&s, 5, 0), K_READ);
        CHECK("pointer with G and RSW: translates", r.fault == F_NONE && r.reads == L, "fault %d", r.fault);
    } else {
        printf("PASS reserved pointer bits: no pointer with one level\n");
    }
    sys_free(&s);
}

/* A leaf above level 0 is a superpage (step 5): aligned, it translates with the VPN's
 * low bits in the PPN's place and one entry answers every page inside; misaligned, it
 * is a page fault; at each level. */
static void test_superpage(void)
{
    sys_t s;
    sys_init(&s, 1, 0);
    unsigned L = s.g.levels;
    uint64_t pg = 1ull << s.g.page_bits;
    for (unsigned lvl = 1; lvl < L; lvl++) {
        uint64_t span = 1ull << (lvl * s.g.level_bits);
        uint64_t vpn = (uint64_t)(lvl + 4) << ((L - 1) * s.g.level_bits); /* its own top slot */
        uint64_t ppn = 6 * span;
        mem_wr(&s, pte_at(&s, vpn, lvl), (ppn << 10) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D);
        result_t r = translate(&s, 0, va_of(&s, vpn + span - 1, 3), K_READ);
        char name[80];
        snprintf(name, sizeof name, "leaf at level %u: a superpage", lvl);
        CHECK(name, !r.hit && r.fault == F_NONE && r.reads == L - lvl && r.paddr == (ppn + span - 1) * pg + 3,
              "hit %d fault %d reads %u paddr %#" PRIx64 " (want %u reads)", r.hit, r.fault, r.reads, r.paddr,
              L - lvl);
        r = translate(&s, 0, va_of(&s, vpn + 1, 4), K_WRITE);
        snprintf(name, sizeof name, "level %u superpage: another page inside hits", lvl);
        CHECK(name, r.hit && r.fault == F_NONE && r.paddr == (ppn + 1) * pg + 4, "hit %d fault %d", r.hit,
              r.fault);
        mem_wr(&s, pte_at(&s, vpn, lvl), ((ppn + 1) << 10) | PTE_V | PTE_R | PTE_U | PTE_A | PTE_D);
        inval(&s, INV_PAGE_ALL, 0, vpn + span - 1); /* any page inside drops it */
        r = translate(&s, 0, va_of(&s, vpn, 0), K_READ);
        snprintf(name, sizeof name, "leaf at level %u misaligned: page fault", lvl);
        CHECK(name, !r.hit && r.fault == F_PAGE && r.reads == L - lvl && r.writes == 0,
              "hit %d fault %d reads %u writes %u", r.hit, r.fault, r.reads, r.writes);
    }
    if (L == 1)
        printf("PASS leaf above level 0: none with one level\n");
    sys_free(&s);
}

/* INVAL_ASID: entries of ASIDs 1 and 2 spread over every set and way; invalidating
 * ASID 1 leaves every ASID 2 entry hitting and every ASID 1 entry missing. */
static void test_inval_asid(void)
{
    sys_t s;
    sys_init(&s, 1, 0);
    unsigned S = s.g.sets, W = s.g.ways, N = S * W < 16 ? S * W : 16;
    for (unsigned k = 0; k < N; k++)
        map(&s, k + 1, 100 + k, PTE_V | PTE_R | PTE_U | PTE_A);
#define ASID_OF(k) ((uint16_t)(1 + (((k) % S + (k) / S) & 1)))
    int all = 1;
    for (unsigned k = 0; k < N; k++)
        translate(&s, ASID_OF(k), va_of(&s, k + 1, 0), K_READ);
    for (unsigned k = 0; k < N; k++)
        all &= translate(&s, ASID_OF(k), va_of(&s, k + 1, 0), K_READ).hit;
    CHECK("INVAL_ASID set-up: every entry hits", all, "a fill was lost");
    inval(&s, INV_ASID, 1, 0);
    unsigned kept = 0, want_kept = 0, gone = 0, want_gone = 0;
    for (unsigned k = 0; k < N; k++)
        if (ASID_OF(k) == 2) {
            want_kept++;
            kept += translate(&s, 2, va_of(&s, k + 1, 0), K_READ).hit;
        }
    for (unsigned k = 0; k < N; k++)
        if (ASID_OF(k) == 1) {
            want_gone++;
            gone += !translate(&s, 1, va_of(&s, k + 1, 0), K_READ).hit;
        }
    CHECK("INVAL_ASID 1: every ASID 2 entry still hits", kept == want_kept, "%u of %u hit", kept,
          want_kept);
    CHECK("INVAL_ASID 1: every ASID 1 entry misses", gone == want_gone, "%u of %u miss", gone,
          want_gone);
    sys_free(&s);
}

/* INVAL_PAGE: only that page of that ASID goes, from whichever way holds it. (The
 * co-simulation reaches this only when the OS evicts a page another process also
 * has in the TLB, or whose entry sits in the last way: a few cases in 60.) */
static void test_inval_page(void)
{
    sys_t s;
    sys_init(&s, 1, 0);
    unsigned W = s.g.ways, S = s.g.sets;
    if ((uint64_t)(W + 1) * S >= 1ull << (s.g.va_bits - s.g.page_bits)) {
        printf("PASS INVAL_PAGE: every way (n/a at %ux%u)\n", S, W);
        sys_free(&s);
        return;
    }
    for (unsigned k = 1; k <= W; k++)
        map(&s, (uint64_t)k * S, 100 + k, PTE_V | PTE_R | PTE_U | PTE_A);
    if (W >= 2) {
        translate(&s, 1, va_of(&s, S, 0), K_READ);
        translate(&s, 2, va_of(&s, S, 0), K_READ);
        inval(&s, INV_PAGE, 1, S);
        CHECK("INVAL_PAGE (ASID 1, VPN): the same VPN of ASID 2 still hits",
              translate(&s, 2, va_of(&s, S, 0), K_READ).hit, "it missed");
        CHECK("INVAL_PAGE (ASID 1, VPN): ASID 1 misses",
              !translate(&s, 1, va_of(&s, S, 0), K_READ).hit, "it hit");
    }
    /* Every way of set 0 holds a page; each page invalidated must miss afterwards. */
    inval(&s, INV_ALL, 0, 0);
    for (unsigned k = 1; k <= W; k++)
        translate(&s, 0, va_of(&s, (uint64_t)k * S, 0), K_READ);
    for (unsigned k = 1; k <= W; k++)
        inval(&s, INV_PAGE, 0, (uint64_t)k * S);
    unsigned stale = 0;
    for (unsigned k = 1; k <= W; k++)
        stale += translate(&s, 0, va_of(&s, (uint64_t)k * S, 0), K_READ).hit;
    CHECK("INVAL_PAGE: a page in any way of a full set is gone", stale == 0, "%u of %u still hit",
          stale, W);
    sys_free(&s);
}

/* An invalidation during a walk (any mode, even of another page): the answer is
 * still given, the fill is dropped, so the next access walks, and the one after hits. */
static void test_inval_in_walk(void)
{
    sys_t s;
    sys_init(&s, 1, 0);
    unsigned L = s.g.levels;
    uint64_t pg = 1ull << s.g.page_bits;
    map(&s, 2, 9, PTE_V | PTE_R | PTE_U | PTE_A);
    struct {
        int mode;
        uint16_t asid;
        uint64_t vpn;
        unsigned at;
        const char *what;
    } cases[] = {
        {INV_ALL, 0, 0, 1, "all, in LOOKUP"},
        {INV_ALL, 0, 0, 2, "all, in READ_PTE"},
        {INV_ALL, 0, 0, walk_lat(&s, L, 0), "all, in FILL"},
        {INV_ASID, 3, 0, 2, "its ASID"},
        {INV_PAGE, 3, 2, 3, "its page"},
        {INV_PAGE, 3, 77, 2, "another page"},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[96];
        inval(&s, INV_ALL, 0, 0);
        result_t r = translate_inval(&s, 3, va_of(&s, 2, 7), K_READ, cases[i].at, cases[i].mode,
                                     cases[i].asid, cases[i].vpn);
        snprintf(name, sizeof name, "invalidate %s during a walk: answered", cases[i].what);
        CHECK(name, !r.hit && r.fault == F_NONE && r.paddr == 9 * pg + 7,
              "hit %d fault %d paddr %#" PRIx64, r.hit, r.fault, r.paddr);
        r = translate(&s, 3, va_of(&s, 2, 7), K_READ);
        snprintf(name, sizeof name, "invalidate %s during a walk: fill dropped", cases[i].what);
        CHECK(name, !r.hit, "the next access hit");
        r = translate(&s, 3, va_of(&s, 2, 7), K_READ);
        snprintf(name, sizeof name, "invalidate %s during a walk: then refilled", cases[i].what);
        CHECK(name, r.hit, "the access after it missed");
    }
    sys_free(&s);
}

/* LRU: a TLB hit that page-faults is an event too (contract: "hits that fault
 * included"). Fill every way of set 0 with read-only pages, write to the oldest (a
 * hit with a page fault), fill one more: the victim is the second oldest. The
 * harness reaches this only when a protection fault hits a full set under lru. */
static void test_lru_faulting_hit(void)
{
    sys_t s;
    sys_init(&s, 1, 1);
    unsigned W = s.g.ways, S = s.g.sets;
    if (W < 2 || (uint64_t)(W + 2) * S >= 1ull << (s.g.va_bits - s.g.page_bits)) {
        printf("PASS lru: a hit that faults is an event (n/a at %ux%u)\n", S, W);
        sys_free(&s);
        return;
    }
    for (unsigned k = 1; k <= W + 1; k++)
        map(&s, (uint64_t)k * S, 100 + k, PTE_V | PTE_R | PTE_U | PTE_A);
    for (unsigned k = 1; k <= W; k++)
        translate(&s, 0, va_of(&s, (uint64_t)k * S, 0), K_READ);
    result_t r = translate(&s, 0, va_of(&s, S, 0), K_WRITE);
    CHECK("lru: a write to a read-only entry is a hit with a page fault",
          r.hit && r.fault == F_PAGE, "hit %d fault %d", r.hit, r.fault);
    translate(&s, 0, va_of(&s, (uint64_t)(W + 1) * S, 0), K_READ);
    r = translate(&s, 0, va_of(&s, S, 0), K_READ);
    CHECK("lru: a hit that faults is an event (that page is not the next victim)", r.hit,
          "the page just hit (with a fault) was evicted");
    r = translate(&s, 0, va_of(&s, 2ull * S, 0), K_READ);
    CHECK("lru: ... the page used longest ago is", !r.hit, "page 2 still hits");
    sys_free(&s);
}

/* An execute-only leaf (R = W = 0, X = 1) is a leaf, not a pointer (step 4 needs
 * R = X = 0): execute translates, read is a page fault. The OS never maps one. */
static void test_exec_only(void)
{
    sys_t s;
    sys_init(&s, 1, 0);
    uint64_t pg = 1ull << s.g.page_bits;
    map(&s, 6, 12, PTE_V | PTE_X | PTE_U | PTE_A);
    result_t r = translate(&s, 0, va_of(&s, 6, 1), K_EXEC);
    CHECK("X-only leaf: execute translates", r.fault == F_NONE && r.paddr == 12 * pg + 1,
          "fault %d paddr %#" PRIx64, r.fault, r.paddr);
    r = translate(&s, 0, va_of(&s, 6, 1), K_READ);
    CHECK("X-only leaf: read is a page fault", r.fault == F_PAGE, "fault %d", r.fault);
    sys_free(&s);
}

/* The root need only be page aligned (contract): an osc table (1 KiB) at an odd
 * page spans a carry into the next page, so the PTE address is an add, not an OR.
 * The OS aligns every table to its size, where the two agree. */
static void test_root_page_aligned(void)
{
    sys_t s;
    sys_init(&s, 1, 0);
    uint64_t pg = 1ull << s.g.page_bits;
    s.next_table = TABLE_BASE + pg; /* the first table was never used: reuse its room */
    s.root = table_alloc(&s); /* satp names it in each request (rtl_fakesys.h) */
    map(&s, 0x41, 13, PTE_V | PTE_R | PTE_U | PTE_A); /* index 0x41: 0x104 bytes into the table */
    result_t r = translate(&s, 0, va_of(&s, 0x41, 2), K_READ);
    CHECK("root at an odd page: the PTE address adds the index",
          r.fault == F_NONE && r.paddr == 13 * pg + 2, "fault %d paddr %#" PRIx64, r.fault,
          r.paddr);
    sys_free(&s);
}

int main(void)
{
    test_user_bit();
    test_reserved();
    test_reserved_bits();
    test_superpage();
    test_inval_asid();
    test_inval_page();
    test_inval_in_walk();
    test_lru_faulting_hit();
    test_exec_only();
    test_root_page_aligned();
    return failed ? 1 : 0;
}
