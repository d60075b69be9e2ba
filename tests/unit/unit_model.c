// SPDX-License-Identifier: MIT
/* tests/unit/unit_model.c — unit tests of the reference model (model/), driven directly.
 *
 *   make build/tests/unit_model && build/tests/unit_model     (mk/tests.mk; -asan too)
 *
 * The TLB's replacement against hand-worked sequences, invalidation, the clean-write
 * refill, the walk over a hand-built two-level sv32 table in a small array-backed
 * memory, the timing formula through model_mmu_translate, and two MMUs in one
 * process.  Prints "PASS name" / "FAIL name: why" per test and, last,
 * "N passed, M failed"; exits 1 if anything failed.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model/mmu.h"
#include "model/preset.h"
#include "model/pwc.h"
#include "model/timing.h"
#include "model/tlb.h"
#include "model/walk.h"
#include "tests/unit/unit.h"

#define EXPECT_EQ(want, got, what)                                                      \
    CHECK((uint64_t)(want) == (uint64_t)(got), "%s: expected %llu, got %llu", what,    \
          (unsigned long long)(want), (unsigned long long)(got))

#define PERM_RWU (PTE_R | PTE_W | PTE_U)

/* ---- TLB helpers ------------------------------------------------------------------ */

/* The way holding (asid, vpn) for a read, or -1; counts as a use under lru. */
static int way_of(tlb *t, uint16_t asid, uint64_t vpn)
{
    uint64_t ppn = 0;
    int way = -1;
    tlb_outcome o = tlb_lookup(t, asid, vpn, ACCESS_READ, PRIV_U, &ppn, &way);
    return o == TLB_HIT ? way : -1;
}

/* The way holding (asid, vpn), looked at without a lookup (no use is counted). */
static int peek(const tlb *t, uint16_t asid, uint64_t vpn)
{
    const tlb_entry *s = &t->e[(vpn & t->set_mask) * t->ways];
    for (unsigned w = 0; w < t->ways; w++)
        if (s[w].valid && s[w].vpn == vpn && s[w].asid == asid)
            return (int)w;
    return -1;
}

static void fill(tlb *t, uint64_t vpn) { tlb_fill(t, -1, 0, vpn, vpn + 100, PERM_RWU, 1, 0, 0); }

/* 1x2: fill A, fill B, hit A, fill C.  fifo evicts A (filled first, way 0); lru
 * evicts B (A was used since, way 1). */
static void test_tlb_1x2(tlb_policy pol)
{
    begin(pol == TLB_FIFO ? "tlb_1x2_fifo_victim" : "tlb_1x2_lru_victim");
    tlb t;
    CHECK(tlb_init(&t, 1, 2, pol, 10) == 0, "tlb_init 1x2 failed");
    if (!cur_ok)
        return;
    fill(&t, 0xA);
    fill(&t, 0xB);
    EXPECT_EQ(0, peek(&t, 0, 0xA), "A's way");
    EXPECT_EQ(1, peek(&t, 0, 0xB), "B's way");
    EXPECT_EQ(0, way_of(&t, 0, 0xA), "hit on A");
    fill(&t, 0xC);
    if (pol == TLB_FIFO) {
        EXPECT_EQ(0, peek(&t, 0, 0xC), "C's way (fifo replaces A in way 0)");
        CHECK(peek(&t, 0, 0xA) < 0, "A still present under fifo");
        EXPECT_EQ(1, peek(&t, 0, 0xB), "B's way");
    } else {
        EXPECT_EQ(1, peek(&t, 0, 0xC), "C's way (lru replaces B in way 1)");
        CHECK(peek(&t, 0, 0xB) < 0, "B still present under lru");
        EXPECT_EQ(0, peek(&t, 0, 0xA), "A's way");
    }
    CHECK(tlb_sane(&t), "tlb_sane");
    tlb_free(&t);
    end();
}

/* 1x4: fill 1 2 3 4 (ways 0..3), hit 1, hit 2, hit 1, fill 5, fill 6, hit 3?, fill 7.
 *   fifo: fill order 1 2 3 4 -> 5 replaces 1 (w0), 6 replaces 2 (w1), then 3 is still
 *         there (w2, a hit, no event), 7 replaces 3 (w2).  Left: 5 6 7 4.
 *   lru:  use order after the hits: 3 4 2 1 (oldest first) -> 5 replaces 3 (w2),
 *         6 replaces 4 (w3); order now 2 1 5 6; lookup of 3 misses; 7 replaces 2 (w1).
 *         Left: 1 7 5 6. */
static void test_tlb_1x4(tlb_policy pol)
{
    begin(pol == TLB_FIFO ? "tlb_1x4_fifo_sequence" : "tlb_1x4_lru_sequence");
    tlb t;
    CHECK(tlb_init(&t, 1, 4, pol, 10) == 0, "tlb_init 1x4 failed");
    if (!cur_ok)
        return;
    for (uint64_t v = 1; v <= 4; v++)
        fill(&t, v);
    for (uint64_t v = 1; v <= 4; v++)
        EXPECT_EQ(v - 1, peek(&t, 0, v), "initial way");
    EXPECT_EQ(0, way_of(&t, 0, 1), "hit 1");
    EXPECT_EQ(1, way_of(&t, 0, 2), "hit 2");
    EXPECT_EQ(0, way_of(&t, 0, 1), "hit 1 again");
    fill(&t, 5);
    fill(&t, 6);
    int h3 = way_of(&t, 0, 3);
    fill(&t, 7);
    static const uint64_t want_fifo[4] = {5, 6, 7, 4}, want_lru[4] = {1, 7, 5, 6};
    const uint64_t *want = pol == TLB_FIFO ? want_fifo : want_lru;
    EXPECT_EQ(pol == TLB_FIFO ? 2 : (uint64_t)-1, (int64_t)h3, "lookup of 3 after 5 and 6");
    for (unsigned w = 0; w < 4; w++) {
        char what[64];
        snprintf(what, sizeof what, "page in way %u", w);
        EXPECT_EQ(want[w], t.e[w].valid ? t.e[w].vpn : 0, what);
    }
    CHECK(tlb_sane(&t), "tlb_sane");
    tlb_free(&t);
    end();
}

/* Under lru a hit that faults (TLB_DENIED) is a use too; under fifo it is not.
 * 1x2: fill A (read-only), fill B, write to A (denied), fill C. */
static void test_tlb_denied_use(tlb_policy pol)
{
    begin(pol == TLB_FIFO ? "tlb_denied_hit_fifo" : "tlb_denied_hit_lru_counts_as_use");
    tlb t;
    CHECK(tlb_init(&t, 1, 2, pol, 10) == 0, "tlb_init failed");
    if (!cur_ok)
        return;
    uint64_t ppn = 0;
    int way = -7;
    tlb_fill(&t, -1, 0, 0xA, 1, PTE_R | PTE_U, 0, 0, 0);
    fill(&t, 0xB);
    EXPECT_EQ(TLB_DENIED, tlb_lookup(&t, 0, 0xA, ACCESS_WRITE, PRIV_U, &ppn, &way), "write to read-only A");
    EXPECT_EQ(0, way, "A's way");
    fill(&t, 0xC);
    EXPECT_EQ(pol == TLB_FIFO ? 0 : 1, peek(&t, 0, 0xC), "C's way");
    tlb_free(&t);
    end();
}

/* An invalid way is filled first, the lowest-numbered one, whatever the policy says. */
static void test_tlb_invalid_first(tlb_policy pol)
{
    begin(pol == TLB_FIFO ? "tlb_invalid_way_first_fifo" : "tlb_invalid_way_first_lru");
    tlb t;
    CHECK(tlb_init(&t, 1, 4, pol, 10) == 0, "tlb_init failed");
    if (!cur_ok)
        return;
    /* Empty TLB: ways fill 0, 1, 2, 3 in order. */
    for (uint64_t v = 1; v <= 4; v++) {
        fill(&t, v);
        EXPECT_EQ(v - 1, peek(&t, 0, v), "fill into an empty TLB");
    }
    tlb_invalidate(&t, INVAL_PAGE, 0, 3); /* way 2 */
    tlb_invalidate(&t, INVAL_PAGE, 0, 2); /* way 1 */
    fill(&t, 8);
    EXPECT_EQ(1, peek(&t, 0, 8), "first fill after invalidating ways 2 and 1");
    fill(&t, 9);
    EXPECT_EQ(2, peek(&t, 0, 9), "second fill");
    EXPECT_EQ(0, peek(&t, 0, 1), "page 1 untouched");
    EXPECT_EQ(3, peek(&t, 0, 4), "page 4 untouched");
    tlb_free(&t);
    end();
}

static void test_tlb_invalidate(void)
{
    begin("tlb_invalidate_page_asid_all_page_in_all_asids");
    tlb t;
    CHECK(tlb_init(&t, 4, 4, TLB_LRU, 10) == 0, "tlb_init failed");
    if (!cur_ok)
        return;
    tlb_fill(&t, -1, 1, 10, 110, PERM_RWU, 1, 0, 0);
    tlb_fill(&t, -1, 1, 11, 111, PERM_RWU, 1, 0, 0);
    tlb_fill(&t, -1, 2, 10, 210, PERM_RWU, 1, 0, 0);
    tlb_fill(&t, -1, 2, 12, 212, PERM_RWU, 1, 0, 0);
    uint64_t ppn = 0;
    int way;
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 2, 10, ACCESS_READ, PRIV_U, &ppn, &way), "(2,10) before");
    EXPECT_EQ(210, ppn, "(2,10)'s ppn: the ASID is part of the key");
    tlb_invalidate(&t, INVAL_PAGE, 1, 10);
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 1, 10, ACCESS_READ, PRIV_U, &ppn, &way), "(1,10) after page inval");
    EXPECT_EQ(-1, way, "way of a miss");
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 2, 10, ACCESS_READ, PRIV_U, &ppn, &way), "(2,10) after inval of (1,10)");
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 1, 11, ACCESS_READ, PRIV_U, &ppn, &way), "(1,11) after inval of (1,10)");
    tlb_invalidate(&t, INVAL_ASID, 2, 0);
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 2, 10, ACCESS_READ, PRIV_U, &ppn, &way), "(2,10) after asid inval");
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 2, 12, ACCESS_READ, PRIV_U, &ppn, &way), "(2,12) after asid inval");
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 1, 11, ACCESS_READ, PRIV_U, &ppn, &way), "(1,11) after asid 2 inval");
    tlb_invalidate(&t, INVAL_ALL, 0, 0);
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 1, 11, ACCESS_READ, PRIV_U, &ppn, &way), "(1,11) after inval all");
    for (unsigned i = 0; i < t.sets * t.ways; i++)
        CHECK(!t.e[i].valid, "entry %u valid after inval all", i);
    /* Mode 3 (SFENCE.VMA rs1 = VA, rs2 = x0): that page in every ASID, no other page. */
    tlb_fill(&t, -1, 1, 11, 111, PERM_RWU, 1, 0, 0);
    tlb_fill(&t, -1, 2, 11, 211, PERM_RWU, 1, 0, 0);
    tlb_fill(&t, -1, 2, 12, 212, PERM_RWU, 1, 0, 0);
    tlb_invalidate(&t, INVAL_PAGE_ALL, 1, 11);
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 1, 11, ACCESS_READ, PRIV_U, &ppn, &way), "(1,11) after mode 3 for page 11");
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 2, 11, ACCESS_READ, PRIV_U, &ppn, &way), "(2,11) after mode 3 for page 11");
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 2, 12, ACCESS_READ, PRIV_U, &ppn, &way), "(2,12) after mode 3 for page 11");
    CHECK(tlb_sane(&t), "tlb_sane");
    tlb_free(&t);
    end();
}

/* A write through a clean entry: TLB_CLEAN with its way; the refill goes there. */
static void test_tlb_clean_write(void)
{
    begin("tlb_clean_write_refills_same_way");
    tlb t;
    CHECK(tlb_init(&t, 1, 4, TLB_FIFO, 10) == 0, "tlb_init failed");
    if (!cur_ok)
        return;
    tlb_fill(&t, -1, 0, 1, 101, PERM_RWU, 1, 0, 0);
    tlb_fill(&t, -1, 0, 2, 102, PERM_RWU, 0, 0, 0); /* clean, way 1 */
    tlb_fill(&t, -1, 0, 3, 103, PTE_R | PTE_U, 0, 0, 0); /* read-only, way 2 */
    uint64_t ppn = 0;
    int way = -7;
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 0, 2, ACCESS_READ, PRIV_U, &ppn, &way), "read of the clean entry");
    EXPECT_EQ(TLB_CLEAN, tlb_lookup(&t, 0, 2, ACCESS_WRITE, PRIV_U, &ppn, &way), "write to the clean entry");
    EXPECT_EQ(1, way, "TLB_CLEAN's way");
    tlb_fill(&t, way, 0, 2, 102, PERM_RWU, 1, 0, 0);
    EXPECT_EQ(1, peek(&t, 0, 2), "refill's way");
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 0, 2, ACCESS_WRITE, PRIV_U, &ppn, &way), "write after the refill");
    EXPECT_EQ(1, way, "way of the write hit");
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 0, 4, ACCESS_READ, PRIV_U, &ppn, &way), "page 4");
    CHECK(!t.e[3].valid, "way 3 was filled: the refill made a second entry");
    EXPECT_EQ(TLB_DENIED, tlb_lookup(&t, 0, 3, ACCESS_WRITE, PRIV_U, &ppn, &way), "write to a read-only entry");
    EXPECT_EQ(TLB_DENIED, tlb_lookup(&t, 0, 3, ACCESS_EXEC, PRIV_U, &ppn, &way), "exec of a non-X entry");
    CHECK(tlb_sane(&t), "tlb_sane");
    tlb_free(&t);
    end();
}

/* ---- a little physical memory ----------------------------------------------------- */

#define MEM_BYTES (16u * 4096u)

typedef struct little_mem {
    uint8_t b[MEM_BYTES];
    unsigned reads, writes;
    int out_of_range;
} little_mem;

static uint64_t lm_read(void *ctx, uint64_t pa, unsigned bytes)
{
    little_mem *m = ctx;
    m->reads++;
    if (pa + bytes > MEM_BYTES) {
        m->out_of_range = 1;
        return 0;
    }
    uint64_t v = 0;
    for (unsigned i = 0; i < bytes; i++)
        v |= (uint64_t)m->b[pa + i] << (8 * i);
    return v;
}

static void lm_write(void *ctx, uint64_t pa, uint64_t value, unsigned bytes)
{
    little_mem *m = ctx;
    m->writes++;
    if (pa + bytes > MEM_BYTES) {
        m->out_of_range = 1;
        return;
    }
    for (unsigned i = 0; i < bytes; i++)
        m->b[pa + i] = (uint8_t)(value >> (8 * i));
}

static uint32_t pte_at(little_mem *m, uint64_t pa)
{
    return (uint32_t)(m->b[pa] | m->b[pa + 1] << 8 | m->b[pa + 2] << 16 | (uint32_t)m->b[pa + 3] << 24);
}

static void put_pte(little_mem *m, uint64_t pa, uint32_t pte)
{
    for (unsigned i = 0; i < 4; i++)
        m->b[pa + i] = (uint8_t)(pte >> (8 * i));
}

/* The sv32 table of these tests: root at 0x1000, the level-0 table at 0x2000.
 * VPN = (I1 << 10) | I0.  The root entry I1 points to 0x2000 (PPN 2). */
#define ROOT 0x1000u
#define I1 3u
#define L0 0x2000u
#define ROOT_PTE_PA (ROOT + I1 * 4)
#define VPN(i0) (((uint64_t)I1 << 10) | (i0))
#define LEAF_PA(i0) (L0 + (i0) * 4)
#define PPN_OF_LEAF 0x155u

static void build_table(little_mem *m)
{
    memset(m, 0, sizeof *m);
    put_pte(m, ROOT_PTE_PA, (2u << PTE_PPN_SHIFT) | PTE_V);
}

static const preset *sv32(void)
{
    const preset *p = preset_find("sv32");
    return p;
}

/* One U-mode walk of sv32 for `vpn` and `kind`, Svadu, SUM = MXR = 0, unbounded. */
static void walk_u(mem_port *port, uint64_t vpn, access_kind kind, walk_result *r)
{
    walk_req q = {.root = ROOT, .va = vpn << 12, .kind = kind, .priv = PRIV_U};
    memset(r, 0xEE, sizeof *r);
    walk(sv32(), port, &q, r);
}

/* walk_case NAME: leaf at index 5 is `leaf`; one walk of `kind`. */
static walk_result walk_with_leaf(little_mem *m, uint32_t leaf, access_kind kind)
{
    build_table(m);
    put_pte(m, LEAF_PA(5), leaf);
    mem_port port = {m, lm_read, lm_write};
    walk_result r;
    walk_u(&port, VPN(5), kind, &r);
    return r;
}

static void test_walk(void)
{
    static little_mem m;
    const uint32_t leaf = (PPN_OF_LEAF << PTE_PPN_SHIFT) | PTE_V | PTE_R | PTE_W | PTE_U;
    mem_port port = {&m, lm_read, lm_write};
    walk_result r;

    begin("walk_preset_sv32");
    CHECK(sv32() != NULL, "preset_find(\"sv32\") is NULL");
    if (sv32()) {
        EXPECT_EQ(2, sv32()->levels, "sv32 levels");
        EXPECT_EQ(12, sv32()->page_bits, "sv32 page bits");
        EXPECT_EQ(4, sv32()->pte_bytes, "sv32 PTE bytes");
    }
    end();
    if (!sv32())
        return;

    begin("walk_read_sets_A");
    r = walk_with_leaf(&m, leaf, ACCESS_READ);
    EXPECT_EQ(FAULT_NONE, r.fault, "fault");
    EXPECT_EQ(2, r.reads, "PTE reads");
    EXPECT_EQ(2, m.reads, "memory reads");
    EXPECT_EQ(1, r.writes, "A/D write-back");
    EXPECT_EQ(1, m.writes, "memory writes");
    EXPECT_EQ(leaf | PTE_A, pte_at(&m, LEAF_PA(5)), "leaf PTE in memory (A set, D clear)");
    EXPECT_EQ(leaf | PTE_A, r.pte, "walk_result.pte");
    EXPECT_EQ((2u << PTE_PPN_SHIFT) | PTE_V, pte_at(&m, ROOT_PTE_PA), "root PTE untouched");
    /* Again: A is set now, nothing to write. */
    m.reads = m.writes = 0;
    walk_u(&port, VPN(5), ACCESS_READ, &r);
    EXPECT_EQ(FAULT_NONE, r.fault, "second walk's fault");
    EXPECT_EQ(2, r.reads, "second walk's PTE reads");
    EXPECT_EQ(0, r.writes, "second walk's write-back");
    EXPECT_EQ(0, m.writes, "second walk's memory writes");
    CHECK(!m.out_of_range, "memory access out of range");
    end();

    begin("walk_write_sets_D");
    r = walk_with_leaf(&m, leaf, ACCESS_WRITE);
    EXPECT_EQ(FAULT_NONE, r.fault, "fault");
    EXPECT_EQ(2, r.reads, "PTE reads");
    EXPECT_EQ(1, r.writes, "A/D write-back");
    EXPECT_EQ(leaf | PTE_A | PTE_D, pte_at(&m, LEAF_PA(5)), "leaf PTE in memory (A and D set)");
    /* A set, D clear, then a write: one write-back again. */
    put_pte(&m, LEAF_PA(5), leaf | PTE_A);
    walk_u(&port, VPN(5), ACCESS_WRITE, &r);
    EXPECT_EQ(1, r.writes, "write-back for D alone");
    EXPECT_EQ(leaf | PTE_A | PTE_D, pte_at(&m, LEAF_PA(5)), "leaf PTE after setting D");
    end();

    begin("walk_invalid_leaf_page_fault");
    r = walk_with_leaf(&m, leaf & ~(uint32_t)PTE_V, ACCESS_READ);
    EXPECT_EQ(FAULT_PAGE, r.fault, "fault");
    EXPECT_EQ(2, r.reads, "PTE reads");
    EXPECT_EQ(0, m.writes, "memory writes");
    end();

    begin("walk_invalid_root_page_fault");
    build_table(&m);
    walk_u(&port, ((uint64_t)(I1 + 1) << 10) | 5, ACCESS_READ, &r);
    EXPECT_EQ(FAULT_PAGE, r.fault, "fault");
    EXPECT_EQ(1, r.reads, "PTE reads");
    end();

    begin("walk_W_without_R_page_fault");
    /* At the leaf, W and X without R: reserved, a page fault (not a writable leaf). */
    r = walk_with_leaf(&m, (PPN_OF_LEAF << PTE_PPN_SHIFT) | PTE_V | PTE_W | PTE_X | PTE_U,
                       ACCESS_WRITE);
    EXPECT_EQ(FAULT_PAGE, r.fault, "leaf V|W|X|U: fault");
    EXPECT_EQ(2, r.reads, "leaf V|W|X|U: PTE reads");
    EXPECT_EQ(0, m.writes, "leaf V|W|X|U: memory writes");
    r = walk_with_leaf(&m, (PPN_OF_LEAF << PTE_PPN_SHIFT) | PTE_V | PTE_W | PTE_U, ACCESS_WRITE);
    EXPECT_EQ(FAULT_PAGE, r.fault, "leaf V|W|U: fault");
    EXPECT_EQ(2, r.reads, "leaf V|W|U: PTE reads");
    /* At the root, V|W (R=X=0) is not a pointer: the walk stops after one read,
     * even though the table it would point to holds a valid leaf. */
    build_table(&m);
    put_pte(&m, ROOT_PTE_PA, (2u << PTE_PPN_SHIFT) | PTE_V | PTE_W);
    put_pte(&m, LEAF_PA(5), leaf);
    walk_u(&port, VPN(5), ACCESS_READ, &r);
    EXPECT_EQ(FAULT_PAGE, r.fault, "root V|W: fault");
    EXPECT_EQ(1, r.reads, "root V|W: PTE reads");
    EXPECT_EQ(0, m.writes, "root V|W: memory writes");
    end();

    begin("walk_pointer_at_last_level_page_fault");
    r = walk_with_leaf(&m, (2u << PTE_PPN_SHIFT) | PTE_V, ACCESS_READ);
    EXPECT_EQ(FAULT_PAGE, r.fault, "fault");
    EXPECT_EQ(2, r.reads, "PTE reads");
    EXPECT_EQ(0, m.writes, "memory writes");
    end();

    /* Sv32 megapage (spec step 5, step 10): a leaf in the root table maps 4 MiB; its
     * PPN[0] must be 0.  PPN 0x800 = PPN[1] 2, PPN[0] 0: PA = 2 << 22 | VPN[0] << 12. */
    begin("walk_megapage_translates");
    build_table(&m);
    put_pte(&m, ROOT_PTE_PA, (0x800u << PTE_PPN_SHIFT) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_U);
    walk_u(&port, VPN(5), ACCESS_READ, &r);
    EXPECT_EQ(FAULT_NONE, r.fault, "fault");
    EXPECT_EQ(1, r.reads, "PTE reads");
    EXPECT_EQ(1, r.level, "level");
    EXPECT_EQ(0x805, r.ppn, "PPN: PPN[1] of the leaf, PPN[0] = VPN[0] = 5");
    EXPECT_EQ(0x805000, r.pa, "PA");
    EXPECT_EQ(1, m.writes, "A written on the megapage's leaf");
    EXPECT_EQ((0x800u << PTE_PPN_SHIFT) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A, pte_at(&m, ROOT_PTE_PA),
              "root PTE with A");
    end();

    begin("walk_misaligned_megapage_page_fault");
    build_table(&m);
    put_pte(&m, ROOT_PTE_PA, (0x801u << PTE_PPN_SHIFT) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_U);
    walk_u(&port, VPN(5), ACCESS_READ, &r);
    EXPECT_EQ(FAULT_PAGE, r.fault, "fault");
    EXPECT_EQ(1, r.reads, "PTE reads");
    EXPECT_EQ(0, m.writes, "memory writes (no A on a misaligned superpage)");
    end();

    begin("walk_U0_page_fault_in_U_mode");
    r = walk_with_leaf(&m, leaf & ~(uint32_t)PTE_U, ACCESS_READ);
    EXPECT_EQ(FAULT_PAGE, r.fault, "fault");
    EXPECT_EQ(2, r.reads, "PTE reads");
    EXPECT_EQ(0, m.writes, "memory writes");
    EXPECT_EQ(leaf & ~(uint32_t)PTE_U, pte_at(&m, LEAF_PA(5)), "leaf PTE unchanged (no A)");
    end();

    begin("walk_missing_permission_page_fault");
    r = walk_with_leaf(&m, (PPN_OF_LEAF << PTE_PPN_SHIFT) | PTE_V | PTE_R | PTE_U, ACCESS_WRITE);
    EXPECT_EQ(FAULT_PAGE, r.fault, "write to R-only");
    EXPECT_EQ(0, m.writes, "no A written on a refused access");
    r = walk_with_leaf(&m, leaf, ACCESS_EXEC);
    EXPECT_EQ(FAULT_PAGE, r.fault, "exec of RW");
    r = walk_with_leaf(&m, (PPN_OF_LEAF << PTE_PPN_SHIFT) | PTE_V | PTE_X | PTE_U, ACCESS_EXEC);
    EXPECT_EQ(FAULT_NONE, r.fault, "exec of X-only");
    end();
}

/* ---- the MMU: timing, and two instances ---------------------------------------------- */

/* The page table of build_table() with `leaf` as VPN 5's PTE, and a port onto it. */
static mem_port leaf_memory(little_mem *m, uint32_t leaf)
{
    build_table(m);
    put_pte(m, LEAF_PA(5), leaf);
    return (mem_port){m, lm_read, lm_write};
}

static void test_timing(unsigned L)
{
    char name[64];
    snprintf(name, sizeof name, "mmu_timing_L%u", L);
    begin(name);
    static little_mem m;
    const uint32_t leaf = (PPN_OF_LEAF << PTE_PPN_SHIFT) | PTE_V | PTE_R | PTE_W | PTE_U;
    mem_port port = leaf_memory(&m, leaf);
    model_mmu *mmu = model_mmu_new(sv32(), 1, 16, TLB_LRU, L, port);
    CHECK(mmu != NULL, "model_mmu_new failed");
    if (!mmu)
        return;
    model_mmu_set_satp(mmu, preset_satp(sv32(), 1, 0, ROOT >> 12));
    mmu_result r;
    uint64_t va = (VPN(5) << 12) | 0xABC;
    uint64_t pa = ((uint64_t)PPN_OF_LEAF << 12) | 0xABC;

    /* A first read: 2 PTE reads and the A write-back. */
    model_mmu_translate(mmu, va, ACCESS_READ, PRIV_U, &r);
    EXPECT_EQ(FAULT_NONE, r.fault, "first read: fault");
    EXPECT_EQ(0, r.hit, "first read: hit");
    EXPECT_EQ(pa, r.paddr, "first read: paddr");
    EXPECT_EQ(2, r.pte_reads, "first read: PTE reads");
    EXPECT_EQ(1, r.pte_writes, "first read: PTE writes");
    EXPECT_EQ(2 + 3 * (1 + L), r.cycles, "first read: cycles = 2+(2+1)(1+L)");

    model_mmu_translate(mmu, va, ACCESS_READ, PRIV_U, &r);
    EXPECT_EQ(1, r.hit, "second read: hit");
    EXPECT_EQ(pa, r.paddr, "second read: paddr");
    EXPECT_EQ(1, r.cycles, "second read (hit): cycles");
    EXPECT_EQ(0, r.pte_reads, "hit: PTE reads");

    /* A write through the clean entry walks again and sets D. */
    model_mmu_translate(mmu, va, ACCESS_WRITE, PRIV_U, &r);
    EXPECT_EQ(0, r.hit, "write to clean: hit");
    EXPECT_EQ(FAULT_NONE, r.fault, "write to clean: fault");
    EXPECT_EQ(2 + 3 * (1 + L), r.cycles, "write to clean: cycles = 2+(2+1)(1+L)");
    EXPECT_EQ(leaf | PTE_A | PTE_D, pte_at(&m, LEAF_PA(5)), "D set in memory");
    model_mmu_translate(mmu, va, ACCESS_WRITE, PRIV_U, &r);
    EXPECT_EQ(1, r.hit, "second write: hit");
    EXPECT_EQ(1, r.cycles, "second write: cycles");

    /* After an invalidation: a walk without write-back, 2 + 2(1+L). */
    model_mmu_invalidate(mmu, INVAL_PAGE, 0, va);
    model_mmu_translate(mmu, va, ACCESS_READ, PRIV_U, &r);
    EXPECT_EQ(0, r.hit, "after inval: hit");
    EXPECT_EQ(0, r.pte_writes, "after inval: PTE writes");
    EXPECT_EQ(2 + 2 * (1 + L), r.cycles, "after inval: cycles = 2+2(1+L)");

    /* A page fault: invalid leaf, 2 + 2(1+L); and one at the root, 2 + (1+L). */
    model_mmu_translate(mmu, (VPN(6) << 12) | 1, ACCESS_READ, PRIV_U, &r);
    EXPECT_EQ(FAULT_PAGE, r.fault, "unmapped leaf: fault");
    EXPECT_EQ(2 + 2 * (1 + L), r.cycles, "unmapped leaf: cycles");
    model_mmu_translate(mmu, (((uint64_t)(I1 + 1) << 10) << 12) | 1, ACCESS_READ, PRIV_U, &r);
    EXPECT_EQ(FAULT_PAGE, r.fault, "unmapped root entry: fault");
    EXPECT_EQ(2 + 1 * (1 + L), r.cycles, "unmapped root entry: cycles");

    /* A hit that faults (exec of an RW page, now in the TLB) takes 1 cycle. */
    model_mmu_translate(mmu, va, ACCESS_EXEC, PRIV_U, &r);
    EXPECT_EQ(1, r.hit, "exec of RW: hit");
    EXPECT_EQ(FAULT_PAGE, r.fault, "exec of RW: fault");
    EXPECT_EQ(1, r.cycles, "exec of RW: cycles");
    CHECK(model_mmu_sane(mmu), "model_mmu_sane");
    CHECK(!m.out_of_range, "memory access out of range");
    model_mmu_free(mmu);
    end();
}

/* The set-up test_split and test_l2 share: an sv32 MMU (one set of `ways` ways, fifo,
 * L = 1, satp on build_table()'s root) whose VPN 5 maps a readable, executable user page,
 * A set, so that neither a fetch nor a load of it writes a PTE back. NULL (checked) if
 * the model refuses it. */
static model_mmu *leaf_mmu(little_mem *m, unsigned ways)
{
    const uint32_t leaf = (PPN_OF_LEAF << PTE_PPN_SHIFT) | PTE_V | PTE_R | PTE_X | PTE_U | PTE_A;
    model_mmu *mmu = model_mmu_new(sv32(), 1, ways, TLB_FIFO, 1, leaf_memory(m, leaf));
    CHECK(mmu != NULL, "model_mmu_new failed");
    if (mmu)
        model_mmu_set_satp(mmu, preset_satp(sv32(), 1, 0, ROOT >> 12));
    return mmu;
}

/* An ITLB (docs/contract.md, "Split TLBs"): a fetch looks up and fills it alone, a
 * load the DTLB alone; an invalidation empties both; the translate_hits() fast path
 * routes by kind as translate() does. */
static void test_split(void)
{
    begin("mmu_split_itlb_dtlb");
    static little_mem m;
    model_mmu *mmu = leaf_mmu(&m, 16);
    if (!mmu)
        return;
    CHECK(model_mmu_split(mmu, 3, 4, TLB_LRU) != 0, "an ITLB of 3 sets refused");
    CHECK(model_mmu_split(mmu, 1, 4, TLB_LRU) == 0, "an ITLB of 1x4 accepted");
    CHECK(model_mmu_split(mmu, 1, 4, TLB_LRU) != 0, "a second ITLB refused");
    mmu_result r;
    uint64_t va = (VPN(5) << 12) | 0x123;
    model_mmu_translate(mmu, va, ACCESS_EXEC, PRIV_U, &r);
    EXPECT_EQ(0, r.hit, "first fetch walks");
    model_mmu_translate(mmu, va, ACCESS_EXEC, PRIV_U, &r);
    EXPECT_EQ(1, r.hit, "second fetch hits the ITLB");
    model_mmu_translate(mmu, va, ACCESS_READ, PRIV_U, &r);
    EXPECT_EQ(0, r.hit, "a load of the fetched page walks: the DTLB holds nothing");
    model_mmu_translate(mmu, va, ACCESS_READ, PRIV_U, &r);
    EXPECT_EQ(1, r.hit, "... then hits the DTLB");
    uint64_t vas[2] = {va, va};
    uint8_t kinds[2] = {ACCESS_EXEC, ACCESS_READ};
    uint64_t pas[2];
    EXPECT_EQ(2, model_mmu_translate_hits(mmu, vas, kinds, 2, pas), "bulk: both hit, each in its TLB");
    model_mmu_invalidate(mmu, INVAL_PAGE, 0, va);
    model_mmu_translate(mmu, va, ACCESS_EXEC, PRIV_U, &r);
    EXPECT_EQ(0, r.hit, "after the invalidation a fetch walks");
    model_mmu_translate(mmu, va, ACCESS_READ, PRIV_U, &r);
    EXPECT_EQ(0, r.hit, "... and so does a load");
    CHECK(model_mmu_sane(mmu), "model_mmu_sane");
    model_mmu_free(mmu);
    end();
}

/* A second-level TLB shared by the ITLB and the DTLB (docs/contract.md, "Second-level
 * TLB"): a fetch's walk fills the ITLB and the L2; a load of that page then misses the
 * DTLB, hits the L2 in 2 cycles and refills the DTLB (the next load: 1 cycle); an
 * invalidation empties the L2 too; a bad geometry, or a second L2, is refused. */
static void test_l2(void)
{
    begin("mmu_l2_shared");
    static little_mem m;
    model_mmu *mmu = leaf_mmu(&m, 2);
    if (!mmu)
        return;
    CHECK(model_mmu_split(mmu, 1, 2, TLB_FIFO) == 0, "an ITLB of 1x2 accepted");
    CHECK(model_mmu_l2(mmu, 3, 2, TLB_LRU) != 0, "an L2 of 3 sets refused");
    CHECK(model_mmu_l2(mmu, 2, 3, TLB_PLRU) != 0, "plru on 3 L2 ways refused");
    CHECK(model_mmu_l2(mmu, 2, 2, TLB_LRU) == 0, "an L2 of 2x2 accepted");
    CHECK(model_mmu_l2(mmu, 2, 2, TLB_LRU) != 0, "a second L2 refused");
    mmu_result r;
    uint64_t va = (VPN(5) << 12) | 0x123;
    model_mmu_translate(mmu, va, ACCESS_EXEC, PRIV_U, &r);
    EXPECT_EQ(0, r.hit, "first fetch walks");
    model_mmu_translate(mmu, va, ACCESS_READ, PRIV_U, &r);
    EXPECT_EQ(1, r.hit, "a load of the fetched page: the DTLB misses, the L2 answers");
    EXPECT_EQ(timing_l2_hit(), r.cycles, "... in the L2's 2 cycles");
    EXPECT_EQ(0, r.pte_reads, "... with no walk");
    EXPECT_EQ((PPN_OF_LEAF << 12) | 0x123, r.paddr, "... the leaf's address");
    model_mmu_translate(mmu, va, ACCESS_READ, PRIV_U, &r);
    EXPECT_EQ(timing_hit(), r.cycles, "the L2 refilled the DTLB: the next load is a 1-cycle hit");
    model_mmu_invalidate(mmu, INVAL_PAGE, 0, va);
    model_mmu_translate(mmu, va, ACCESS_READ, PRIV_U, &r);
    EXPECT_EQ(0, r.hit, "after the invalidation a load walks: the L2 lost it too");
    CHECK(model_mmu_sane(mmu), "model_mmu_sane");
    model_mmu_free(mmu);
    end();
}

static void test_two_mmus(void)
{
    begin("mmu_two_instances_independent");
    static little_mem m;
    const uint32_t leaf = (PPN_OF_LEAF << PTE_PPN_SHIFT) | PTE_V | PTE_R | PTE_W | PTE_U | PTE_A;
    mem_port port = leaf_memory(&m, leaf);
    model_mmu *a = model_mmu_new(sv32(), 1, 16, TLB_FIFO, 1, port);
    model_mmu *b = model_mmu_new(sv32(), 4, 4, TLB_LRU, 3, port);
    CHECK(a && b, "model_mmu_new failed");
    if (a && b) {
        model_mmu_set_satp(a, preset_satp(sv32(), 1, 0, ROOT >> 12));
        model_mmu_set_satp(b, preset_satp(sv32(), 1, 0, ROOT >> 12));
        uint64_t va = VPN(5) << 12;
        mmu_result r;
        model_mmu_translate(a, va, ACCESS_READ, PRIV_U, &r);
        EXPECT_EQ(0, r.hit, "a: first");
        model_mmu_translate(a, va, ACCESS_READ, PRIV_U, &r);
        EXPECT_EQ(1, r.hit, "a: second");
        model_mmu_translate(b, va, ACCESS_READ, PRIV_U, &r);
        EXPECT_EQ(0, r.hit, "b: first (a's TLB must not be b's)");
        EXPECT_EQ(2 + 2 * (1 + 3), r.cycles, "b: cycles with its own latency 3");
        model_mmu_translate(b, va, ACCESS_READ, PRIV_U, &r);
        EXPECT_EQ(1, r.hit, "b: second");
        model_mmu_invalidate(b, INVAL_ALL, 0, 0);
        model_mmu_translate(a, va, ACCESS_READ, PRIV_U, &r);
        EXPECT_EQ(1, r.hit, "a after b's flush");
        model_mmu_translate(b, va, ACCESS_READ, PRIV_U, &r);
        EXPECT_EQ(0, r.hit, "b after its own flush");
        CHECK(model_mmu_sane(a) && model_mmu_sane(b), "model_mmu_sane");
    }
    model_mmu_free(a);
    model_mmu_free(b);
    end();
}

/* model_mmu_translate_hits() (vmref's bulk path) must answer each request it takes
 * exactly as model_mmu_translate() does, and leave the MMU as the same requests one
 * by one would.  Two MMUs over two copies of one page table: A takes random runs in
 * bulk (and the request each run stops at one by one), B takes every request one by
 * one; the answers and the memories (A and D bits) must agree throughout. */
static void test_translate_hits(unsigned sets, unsigned ways, tlb_policy pol)
{
    char name[64];
    snprintf(name, sizeof name, "mmu_translate_hits_%ux%u_%s", sets, ways, pol == TLB_LRU ? "lru" : "fifo");
    begin(name);
    static little_mem ma, mb;
    enum { PAGES = 24 };
    uint64_t seed = 0xD1B54A32D192ED03u ^ sets * 131 ^ ways * 7 ^ pol;
    build_table(&ma);
    for (unsigned i = 0; i < PAGES; i++) {
        uint64_t r = rng_next(&seed);
        /* Mostly usable pages, some read-only or execute-only, a few not present. */
        uint32_t perm = r % 8 == 0 ? 0 : r % 8 == 1 ? PTE_R : r % 8 == 2 ? PTE_X : PTE_R | PTE_W;
        if (perm)
            put_pte(&ma, LEAF_PA(i), ((PPN_OF_LEAF + i) << PTE_PPN_SHIFT) | PTE_V | PTE_U | perm);
    }
    mb = ma;
    mem_port pa_port = {&ma, lm_read, lm_write}, pb_port = {&mb, lm_read, lm_write};
    model_mmu *a = model_mmu_new(sv32(), sets, ways, pol, 2, pa_port);
    model_mmu *b = model_mmu_new(sv32(), sets, ways, pol, 2, pb_port);
    CHECK(a && b, "model_mmu_new failed");
    size_t bulk = 0, stops = 0;
    if (a && b) {
        model_mmu_set_satp(a, preset_satp(sv32(), 1, 0, ROOT >> 12));
        model_mmu_set_satp(b, preset_satp(sv32(), 1, 0, ROOT >> 12));
        enum { RUN = 40 };
        uint64_t va[RUN], pa[RUN];
        uint8_t kind[RUN];
        for (int round = 0; round < 3000 && cur_ok; round++) {
            size_t n = 1 + rng_next(&seed) % RUN;
            for (size_t i = 0; i < n; i++) {
                uint64_t r = rng_next(&seed);
                /* A few hot pages, so that runs of hits happen. */
                unsigned page = (unsigned)(r % 4 ? r % 6 : r % PAGES);
                va[i] = VPN(page) << 12 | (r >> 8 & 0xFFF);
                kind[i] = (uint8_t)(r >> 24 & 7) == 0 ? ACCESS_WRITE : (r >> 24 & 7) == 1 ? ACCESS_EXEC : ACCESS_READ;
            }
            if (round % 200 == 199) {
                model_mmu_invalidate(a, INVAL_PAGE, 0, VPN(round % 6) << 12);
                model_mmu_invalidate(b, INVAL_PAGE, 0, VPN(round % 6) << 12);
            }
            for (size_t i = 0; i < n && cur_ok;) {
                size_t k = model_mmu_translate_hits(a, va + i, kind + i, n - i, pa + i);
                CHECK(k <= n - i, "round %d: %zu answered of %zu", round, k, n - i);
                mmu_result ra, rb;
                for (size_t j = i; j < i + k && cur_ok; j++) {
                    model_mmu_translate(b, va[j], (access_kind)kind[j], PRIV_U, &rb);
                    CHECK(rb.hit && rb.fault == FAULT_NONE && rb.cycles == timing_hit() && rb.paddr == pa[j],
                          "round %d, request %zu: bulk paddr 0x%llx, one by one hit %u fault %u paddr 0x%llx",
                          round, j, (unsigned long long)pa[j], rb.hit, rb.fault, (unsigned long long)rb.paddr);
                }
                bulk += k;
                i += k;
                if (i == n)
                    break;
                model_mmu_translate(a, va[i], (access_kind)kind[i], PRIV_U, &ra);
                model_mmu_translate(b, va[i], (access_kind)kind[i], PRIV_U, &rb);
                CHECK(memcmp(&ra, &rb, sizeof ra) == 0, "round %d, request %zu: the stop answered differently", round, i);
                stops++;
                i++;
            }
            CHECK(memcmp(ma.b, mb.b, sizeof ma.b) == 0, "round %d: the page tables differ", round);
        }
        CHECK(model_mmu_sane(a) && model_mmu_sane(b), "model_mmu_sane");
    }
    /* Both ways of ending a run must have happened, or the test proved little. */
    CHECK(bulk > 10000 && stops > 1000, "answered in bulk %zu, stops %zu", bulk, stops);
    model_mmu_free(a);
    model_mmu_free(b);
    end();
}

/* ---- issue 16: privilege, superpage and global entries, the spec's walk on sv39 ------- */

/* perm_allows() against rows worked out from the spec's text (steps 6 and 8; U, SUM,
 * MXR in "Memory Privilege in sstatus"), not from the function. */
static void test_perm_table(void)
{
    begin("perm_allows_priv_sum_mxr_table");
    enum { R = PTE_R, W = PTE_W, X = PTE_X, U = PTE_U };
    static const struct {
        uint8_t perm;
        priv_mode priv;
        int sum, mxr;
        access_kind kind;
        int want;
        const char *why;
    } rows[] = {
        {R | U, PRIV_U, 0, 0, ACCESS_READ, 1, "U reads a U page"},
        {R, PRIV_U, 0, 0, ACCESS_READ, 0, "U never touches a U=0 page"},
        {R | W | X, PRIV_U, 1, 1, ACCESS_EXEC, 0, "nor fetches from one, SUM or not"},
        {R | W | U, PRIV_U, 0, 0, ACCESS_WRITE, 1, "U stores to a writable U page"},
        {R | U, PRIV_U, 0, 0, ACCESS_WRITE, 0, "a store needs W"},
        {R | W | U, PRIV_U, 0, 0, ACCESS_EXEC, 0, "a fetch needs X"},
        {X | U, PRIV_U, 0, 0, ACCESS_READ, 0, "an X-only page is not readable without MXR"},
        {X | U, PRIV_U, 0, 1, ACCESS_READ, 1, "MXR makes it readable"},
        {X | U, PRIV_U, 0, 1, ACCESS_WRITE, 0, "MXR is for loads only"},
        {X | U, PRIV_U, 0, 0, ACCESS_EXEC, 1, "U fetches from an X page"},
        {R | W, PRIV_S, 0, 0, ACCESS_READ, 1, "S reads an S page"},
        {R | W, PRIV_S, 0, 0, ACCESS_WRITE, 1, "S stores to a writable S page"},
        {X, PRIV_S, 0, 0, ACCESS_EXEC, 1, "S fetches from an S page"},
        {X, PRIV_S, 0, 1, ACCESS_READ, 1, "MXR in S-mode too"},
        {R | U, PRIV_S, 0, 0, ACCESS_READ, 0, "S may not read a U page without SUM"},
        {R | U, PRIV_S, 1, 0, ACCESS_READ, 1, "with SUM it may"},
        {R | W | U, PRIV_S, 1, 0, ACCESS_WRITE, 1, "and store"},
        {R | W | U, PRIV_S, 0, 0, ACCESS_WRITE, 0, "not without SUM"},
        {R | X | U, PRIV_S, 1, 0, ACCESS_EXEC, 0, "S never fetches from a U page"},
        {X | U, PRIV_S, 1, 1, ACCESS_READ, 1, "SUM and MXR: S loads from an X-only U page"},
        {X | U, PRIV_S, 0, 1, ACCESS_READ, 0, "MXR without SUM: still a U page"},
        {R | U, PRIV_S, 1, 0, ACCESS_WRITE, 0, "SUM grants no W"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        CHECK(perm_allows(rows[i].perm, rows[i].kind, rows[i].priv, rows[i].sum, rows[i].mxr) == rows[i].want,
              "row %zu (%s): got %d", i, rows[i].why, !rows[i].want);
    end();
}

/* Superpage entries (level 1 of sv32: 1024 pages) in a 4-set TLB: one entry answers for
 * every page inside, found in the set of the superpage's own number whatever the
 * page's set, with the page's PPN; a page invalidation of any page inside drops it. */
static void test_tlb_superpage(void)
{
    begin("tlb_superpage_entry_answers_its_pages");
    tlb t;
    CHECK(tlb_init(&t, 4, 2, TLB_FIFO, 10) == 0, "tlb_init failed");
    if (!cur_ok)
        return;
    uint64_t ppn = 0;
    int way;
    /* VPN 0x1405 (superpage 5), leaf PPN 0x7c00 (aligned: low 10 bits 0). */
    tlb_fill(&t, -1, 1, 0x1405, 0x7c00, PERM_RWU, 1, 1, 0);
    EXPECT_EQ(1, t.e[(5 & 3) * 2].valid, "in set 5 mod 4 = 1, way 0");
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 1, 0x1400, ACCESS_READ, PRIV_U, &ppn, &way), "its first page");
    EXPECT_EQ(0x7c00, ppn, "first page's PPN");
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 1, 0x17ff, ACCESS_WRITE, PRIV_U, &ppn, &way), "its last page (set 3)");
    EXPECT_EQ(0x7fff, ppn, "last page's PPN: the leaf's with the VPN's low 10 bits");
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 1, 0x1800, ACCESS_READ, PRIV_U, &ppn, &way), "the next superpage's");
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 2, 0x1400, ACCESS_READ, PRIV_U, &ppn, &way), "another ASID");
    tlb_invalidate(&t, INVAL_PAGE, 2, 0x1555);
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 1, 0x1400, ACCESS_READ, PRIV_U, &ppn, &way), "after another ASID's page");
    tlb_invalidate(&t, INVAL_PAGE, 1, 0x1555);
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 1, 0x1400, ACCESS_READ, PRIV_U, &ppn, &way),
              "after invalidating a page inside it (another set's)");
    CHECK(tlb_sane(&t), "tlb_sane");
    tlb_free(&t);
    end();
}

/* Global entries match every ASID; of the four SFENCE cases, the two with an ASID keep
 * them, the two without drop them.  Two entries answering one request (a global one
 * and another ASID's for the same page: a software error) are settled by the lowest
 * way. */
static void test_tlb_global(void)
{
    begin("tlb_global_entries_and_the_four_sfence_cases");
    tlb t;
    CHECK(tlb_init(&t, 1, 4, TLB_FIFO, 10) == 0, "tlb_init failed");
    if (!cur_ok)
        return;
    uint64_t ppn = 0;
    int way;
    tlb_fill(&t, -1, 3, 7, 70, PERM_RWU, 1, 0, 1); /* global, filled under ASID 3 */
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 5, 7, ACCESS_READ, PRIV_U, &ppn, &way), "ASID 5 finds the global page");
    tlb_invalidate(&t, INVAL_ASID, 3, 0);
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 3, 7, ACCESS_READ, PRIV_U, &ppn, &way), "sfence - 3 keeps it");
    tlb_invalidate(&t, INVAL_PAGE, 3, 7);
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 3, 7, ACCESS_READ, PRIV_U, &ppn, &way), "sfence VA 3 keeps it");
    tlb_invalidate(&t, INVAL_PAGE_ALL, 0, 7);
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 3, 7, ACCESS_READ, PRIV_U, &ppn, &way), "sfence VA - drops it");
    tlb_fill(&t, -1, 3, 7, 70, PERM_RWU, 1, 0, 1);
    tlb_invalidate(&t, INVAL_ALL, 0, 0);
    EXPECT_EQ(TLB_MISS, tlb_lookup(&t, 9, 7, ACCESS_READ, PRIV_U, &ppn, &way), "sfence - - drops it");
    /* ASID 2's page 9 in way 0, then a global page 9 (another mapping) in way 1. */
    tlb_fill(&t, -1, 2, 9, 200, PERM_RWU, 1, 0, 0);
    tlb_fill(&t, -1, 1, 9, 100, PERM_RWU, 1, 0, 1);
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 2, 9, ACCESS_READ, PRIV_U, &ppn, &way), "ASID 2, page 9");
    EXPECT_EQ(200, ppn, "the lowest way answers: ASID 2's own entry");
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 4, 9, ACCESS_READ, PRIV_U, &ppn, &way), "ASID 4, page 9");
    EXPECT_EQ(100, ppn, "the global entry");
    /* Filled the other way round, the global one answers ASID 2 too. */
    tlb_invalidate(&t, INVAL_ALL, 0, 0);
    tlb_fill(&t, -1, 1, 9, 100, PERM_RWU, 1, 0, 1);
    tlb_fill(&t, -1, 2, 9, 200, PERM_RWU, 1, 0, 0);
    EXPECT_EQ(TLB_HIT, tlb_lookup(&t, 2, 9, ACCESS_READ, PRIV_U, &ppn, &way), "ASID 2, page 9, global first");
    EXPECT_EQ(100, ppn, "the lowest way answers: the global entry");
    CHECK(tlb_sane(&t), "tlb_sane");
    tlb_free(&t);
    end();
}

/* sv39 tables in the little memory: root 0x1000, level 1 at 0x2000, level 0 at 0x3000;
 * VA 0x40201000 (VPN[2] 1, VPN[1] 1, VPN[0] 1). */
#define S39_ROOT 0x1000u
#define S39_VA 0x40201000u
static const preset *sv39(void) { return preset_find("sv39"); }

static void put_pte64(little_mem *m, uint64_t pa, uint64_t pte)
{
    for (unsigned i = 0; i < 8; i++)
        m->b[pa + i] = (uint8_t)(pte >> (8 * i));
}

static void sv39_tables(little_mem *m, uint64_t l2, uint64_t l1, uint64_t l0)
{
    memset(m, 0, sizeof *m);
    put_pte64(m, S39_ROOT + 8, l2);
    put_pte64(m, 0x2000 + 8, l1);
    put_pte64(m, 0x3000 + 8, l0);
}

static walk_result walk39(little_mem *m, access_kind kind, const mmu_ctl *ctl)
{
    mem_port port = {m, lm_read, lm_write};
    walk_req q = {.root = S39_ROOT, .va = S39_VA | 0x123, .kind = kind, .priv = PRIV_U};
    if (ctl)
        q.ctl = *ctl;
    walk_result r;
    walk(sv39(), &port, &q, &r);
    return r;
}

static void test_walk_sv39(void)
{
    static little_mem m;
    const uint64_t p1 = (uint64_t)2 << PTE_PPN_SHIFT | PTE_V, p0 = (uint64_t)3 << PTE_PPN_SHIFT | PTE_V;
    const uint64_t leaf = (uint64_t)0x777 << PTE_PPN_SHIFT | PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D;
    walk_result r;

    begin("walk_sv39_reserved_bits_page_fault");
    /* Each of bits 54..63 (N, PBMT, reserved) on the leaf, then on a pointer. */
    for (unsigned bit = 54; bit < 64 && cur_ok; bit++) {
        sv39_tables(&m, p1, p0, leaf | (uint64_t)1 << bit);
        r = walk39(&m, ACCESS_READ, NULL);
        CHECK(r.fault == FAULT_PAGE && r.reads == 3, "leaf bit %u: fault %u after %u reads", bit, r.fault, r.reads);
        sv39_tables(&m, p1, p0 | (uint64_t)1 << bit, leaf);
        r = walk39(&m, ACCESS_READ, NULL);
        CHECK(r.fault == FAULT_PAGE && r.reads == 2, "level-1 pointer bit %u: fault %u after %u reads", bit, r.fault,
              r.reads);
    }
    CHECK(m.writes == 0, "a faulting walk wrote");
    end();

    begin("walk_sv39_pointer_A_D_U_page_fault_G_allowed");
    static const uint64_t bad[] = {PTE_A, PTE_D, PTE_U};
    for (unsigned k = 0; k < 3; k++) {
        sv39_tables(&m, p1 | bad[k], p0, leaf);
        r = walk39(&m, ACCESS_READ, NULL);
        CHECK(r.fault == FAULT_PAGE && r.reads == 1, "root pointer with 0x%llx: fault %u after %u reads",
              (unsigned long long)bad[k], r.fault, r.reads);
    }
    sv39_tables(&m, p1, p0 | PTE_G | (3u << 8), leaf);
    r = walk39(&m, ACCESS_READ, NULL);
    EXPECT_EQ(FAULT_NONE, r.fault, "G and RSW on a pointer: no fault");
    EXPECT_EQ(1, r.global, "G on a pointer: global");
    sv39_tables(&m, p1, p0, leaf);
    r = walk39(&m, ACCESS_READ, NULL);
    EXPECT_EQ(0, r.global, "no G anywhere: not global");
    end();

    begin("walk_sv39_full_ppn_and_gigapage");
    /* Bit 53, the PPN's top bit, is not reserved: PA bit 55. */
    sv39_tables(&m, p1, p0, leaf | (uint64_t)1 << 53);
    r = walk39(&m, ACCESS_READ, NULL);
    EXPECT_EQ(FAULT_NONE, r.fault, "PPN bit 43");
    EXPECT_EQ((uint64_t)1 << 55 | 0x777123, r.pa, "PA with bit 55");
    /* A gigapage at the root: PPN[1] = PPN[0] = 0 needed; PA = PPN[2] << 30 | VA[29:0]. */
    const uint64_t giga = (uint64_t)0x40000 << PTE_PPN_SHIFT | PTE_V | PTE_R | PTE_U | PTE_A;
    sv39_tables(&m, giga, 0, 0);
    r = walk39(&m, ACCESS_READ, NULL);
    EXPECT_EQ(FAULT_NONE, r.fault, "gigapage");
    EXPECT_EQ(2, r.level, "its level");
    EXPECT_EQ((uint64_t)1 << 30 | (S39_VA & 0x3fffffff) | 0x123, r.pa, "gigapage PA");
    sv39_tables(&m, giga | (uint64_t)0x200 << PTE_PPN_SHIFT, 0, 0);
    r = walk39(&m, ACCESS_READ, NULL);
    EXPECT_EQ(FAULT_PAGE, r.fault, "gigapage with PPN[1] = 1: misaligned");
    sv39_tables(&m, giga | (uint64_t)1 << PTE_PPN_SHIFT, 0, 0);
    r = walk39(&m, ACCESS_READ, NULL);
    EXPECT_EQ(FAULT_PAGE, r.fault, "gigapage with PPN[0] = 1: misaligned");
    end();

    begin("walk_sv39_svade_and_pmem");
    mmu_ctl svade = {.ad_fault = 1};
    sv39_tables(&m, p1, p0, leaf & ~(uint64_t)PTE_A);
    r = walk39(&m, ACCESS_READ, &svade);
    EXPECT_EQ(FAULT_PAGE, r.fault, "Svade, A = 0: page fault");
    EXPECT_EQ(0, m.writes, "Svade writes nothing");
    sv39_tables(&m, p1, p0, leaf & ~(uint64_t)PTE_D);
    r = walk39(&m, ACCESS_READ, &svade);
    EXPECT_EQ(FAULT_NONE, r.fault, "Svade, D = 0, a load: fine");
    r = walk39(&m, ACCESS_WRITE, &svade);
    EXPECT_EQ(FAULT_PAGE, r.fault, "Svade, D = 0, a store: page fault");
    /* The bound: the level-0 table at 0x3000 lies outside memory [0, 0x3000), though
     * the page it names (PPN 1: 0x1123) does not. */
    mmu_ctl small = {.pmem = 0x3000};
    sv39_tables(&m, p1, p0, (uint64_t)1 << PTE_PPN_SHIFT | PTE_V | PTE_R | PTE_U | PTE_A);
    r = walk39(&m, ACCESS_READ, &small);
    EXPECT_EQ(FAULT_ACCESS, r.fault, "PTE read at 0x3008 >= 0x3000: access fault");
    EXPECT_EQ(3, r.reads, "the read outside counts");
    small.pmem = 0x3010;
    r = walk39(&m, ACCESS_READ, &small);
    EXPECT_EQ(FAULT_NONE, r.fault, "the same walk with the bound above the PTE");
    EXPECT_EQ(0x1123, r.pa, "its PA");
    sv39_tables(&m, p1, p0, leaf & ~(uint64_t)PTE_A);
    /* The final PA 0x777123 against 0x777123 and 0x777124: outside, then inside. */
    small.pmem = 0x777123;
    r = walk39(&m, ACCESS_READ, &small);
    EXPECT_EQ(FAULT_ACCESS, r.fault, "PA at the bound: access fault");
    EXPECT_EQ(0, m.writes, "no A written before an access fault");
    small.pmem = 0x777124;
    r = walk39(&m, ACCESS_READ, &small);
    EXPECT_EQ(FAULT_NONE, r.fault, "PA below the bound");
    EXPECT_EQ(1, m.writes, "A written");
    /* Svade's fault comes before the bound's. */
    sv39_tables(&m, p1, p0, leaf & ~(uint64_t)PTE_A);
    mmu_ctl both = {.ad_fault = 1, .pmem = 0x1000000};
    both.pmem = 0x777000;
    r = walk39(&m, ACCESS_READ, &both);
    EXPECT_EQ(FAULT_PAGE, r.fault, "Svade with the PA outside: the page fault first");
    end();
}

/* The MMU around the walk: non-canonical and Bare requests answer in a cycle without
 * touching memory or the TLB; a walk that ends in an access fault fills nothing;
 * SUM changes what a cached entry allows, at once. */
static void test_mmu_sv39(void)
{
    begin("mmu_sv39_canonical_bare_pmem_sum");
    static little_mem m;
    const uint64_t p1 = (uint64_t)2 << PTE_PPN_SHIFT | PTE_V, p0 = (uint64_t)3 << PTE_PPN_SHIFT | PTE_V;
    sv39_tables(&m, p1, p0, (uint64_t)0x777 << PTE_PPN_SHIFT | PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D);
    mem_port port = {&m, lm_read, lm_write};
    model_mmu *u = model_mmu_new(sv39(), 1, 16, TLB_FIFO, 1, port);
    CHECK(u != NULL, "model_mmu_new");
    if (!u) {
        end();
        return;
    }
    mmu_result r;
    /* Bare (satp 0, as made): PA = VA, 1 cycle, nothing read. */
    model_mmu_translate(u, 0x123456, ACCESS_WRITE, PRIV_S, &r);
    CHECK(r.fault == FAULT_NONE && r.paddr == 0x123456 && r.cycles == 1 && !r.hit && m.reads == 0,
          "Bare: fault %u paddr 0x%llx cycles %u hit %u reads %u", r.fault, (unsigned long long)r.paddr, r.cycles,
          r.hit, m.reads);
    model_mmu_set_satp(u, preset_satp(sv39(), 8, 5, S39_ROOT >> 12));
    /* Bit 38 set with 63-39 clear: non-canonical. */
    model_mmu_translate(u, (uint64_t)1 << 38 | S39_VA, ACCESS_READ, PRIV_U, &r);
    CHECK(r.fault == FAULT_PAGE && r.cycles == 1 && !r.hit && m.reads == 0,
          "non-canonical: fault %u cycles %u hit %u reads %u", r.fault, r.cycles, r.hit, m.reads);
    /* The final PA outside memory: an access fault after 3 reads, nothing filled. */
    mmu_ctl c = {.pmem = 0x777000};
    model_mmu_set_ctl(u, &c);
    model_mmu_translate(u, S39_VA, ACCESS_READ, PRIV_U, &r);
    CHECK(r.fault == FAULT_ACCESS && r.cycles == 2 + 3 * 2 && !r.hit, "PA outside: fault %u cycles %u hit %u",
          r.fault, r.cycles, r.hit);
    c.pmem = 0;
    model_mmu_set_ctl(u, &c);
    model_mmu_translate(u, S39_VA, ACCESS_READ, PRIV_U, &r);
    CHECK(r.fault == FAULT_NONE && !r.hit && r.paddr == 0x777000, "then a walk: nothing was filled (hit %u)", r.hit);
    /* Lowering the bound below a cached page: a hit with an access fault. */
    c.pmem = 0x777000;
    model_mmu_set_ctl(u, &c);
    model_mmu_translate(u, S39_VA | 8, ACCESS_READ, PRIV_U, &r);
    CHECK(r.fault == FAULT_ACCESS && r.hit && r.cycles == 1, "cached PA outside: fault %u hit %u", r.fault, r.hit);
    c.pmem = 0;
    /* S-mode on the U page: refused without SUM, allowed with it, from the same entry. */
    model_mmu_set_ctl(u, &c);
    model_mmu_translate(u, S39_VA, ACCESS_READ, PRIV_S, &r);
    CHECK(r.fault == FAULT_PAGE && r.hit, "S without SUM: fault %u hit %u", r.fault, r.hit);
    c.sum = 1;
    model_mmu_set_ctl(u, &c);
    model_mmu_translate(u, S39_VA, ACCESS_READ, PRIV_S, &r);
    CHECK(r.fault == FAULT_NONE && r.hit, "S with SUM: fault %u hit %u", r.fault, r.hit);
    model_mmu_translate(u, S39_VA, ACCESS_EXEC, PRIV_S, &r);
    CHECK(r.fault == FAULT_PAGE && r.hit, "S fetch from a U page: fault %u hit %u", r.fault, r.hit);
    /* The upper half's alias of nothing: 0xffffffc040201000 is canonical, VPN[2] 0x101. */
    model_mmu_translate(u, 0xffffffc040201000ull, ACCESS_READ, PRIV_U, &r);
    CHECK(r.fault == FAULT_PAGE && !r.hit && r.cycles == 2 + 2, "upper half, no root PTE: fault %u hit %u cycles %u",
          r.fault, r.hit, r.cycles);
    CHECK(model_mmu_sane(u), "model_mmu_sane");
    model_mmu_free(u);
    end();
}

static void test_geometry(void)
{
    begin("tlb_geometry_limits");
    CHECK(tlb_geometry_ok(1, 1), "1x1 refused");
    CHECK(tlb_geometry_ok(1024, 64), "1024x64 refused");
    CHECK(!tlb_geometry_ok(3, 4), "3 sets accepted");
    CHECK(!tlb_geometry_ok(2048, 4), "2048 sets accepted");
    CHECK(!tlb_geometry_ok(0, 4), "0 sets accepted");
    CHECK(!tlb_geometry_ok(4, 0), "0 ways accepted");
    CHECK(!tlb_geometry_ok(4, 65), "65 ways accepted");
    static little_mem m;
    mem_port port = {&m, lm_read, lm_write};
    CHECK(model_mmu_new(sv32(), 1, 16, TLB_FIFO, 0, port) == NULL, "latency 0 accepted");
    CHECK(model_mmu_new(sv32(), 3, 16, TLB_FIFO, 1, port) == NULL, "3 sets accepted by model_mmu_new");
    end();
}

/* ---- the lookup's inline fast path --------------------------------------------- */

/* A deep copy of t's state, and whether two TLBs hold the same state. */
static int tlb_clone(tlb *dst, const tlb *src)
{
    size_t n = (size_t)src->sets * src->ways, nh = (size_t)1 << (64 - src->hint_shift);
    if (tlb_init(dst, src->sets, src->ways, src->policy, src->level_bits) != 0)
        return -1;
    memcpy(dst->e, src->e, n * sizeof *dst->e);
    memcpy(dst->key, src->key, n * sizeof *dst->key);
    memcpy(dst->hint, src->hint, nh * sizeof *dst->hint);
    memcpy(dst->tree, src->tree, src->sets * sizeof *dst->tree);
    dst->lfsr = src->lfsr;
    dst->now = src->now;
    dst->special = src->special;
    dst->top_level = src->top_level;
    return 0;
}

static int tlb_same(const tlb *a, const tlb *b)
{
    size_t n = (size_t)a->sets * a->ways;
    size_t nh = (size_t)1 << (64 - a->hint_shift);
    return a->now == b->now && a->lfsr == b->lfsr && memcmp(a->tree, b->tree, a->sets * sizeof *a->tree) == 0 &&
           memcmp(a->e, b->e, n * sizeof *a->e) == 0 &&
           memcmp(a->key, b->key, n * sizeof *a->key) == 0 &&
           memcmp(a->hint, b->hint, nh * sizeof *a->hint) == 0;
}

/* tlb_hit_fast() (the inline hit path model_mmu_translate takes) must be tlb_lookup()
 * whenever it answers, and change nothing when it does not.  Random reads, writes and
 * executes over few pages and ASIDs, with fills of random permissions and dirtiness,
 * and invalidations, on several geometries and every policy. */
static void test_tlb_fast_agrees(void)
{
    static const unsigned geo[][2] = {{1, 1}, {1, 4}, {1, 16}, {4, 4}, {16, 1}, {2, 64}};
    begin("tlb_fast_path_agrees_with_lookup");
    uint64_t seed = 0x9E3779B97F4A7C15u;
    unsigned answered = 0, declined = 0;
    for (size_t g = 0; g < sizeof geo / sizeof geo[0] && cur_ok; g++) {
        for (int pol = TLB_FIFO; pol <= TLB_RANDOM && cur_ok; pol++) {
            tlb t;
            if (tlb_init(&t, geo[g][0], geo[g][1], (tlb_policy)pol, 2) != 0) {
                CHECK(0, "tlb_init failed");
                return;
            }
            for (int step = 0; step < 20000 && cur_ok; step++) {
                uint64_t r = rng_next(&seed);
                uint16_t asid = (uint16_t)(r % 3);
                uint64_t vpn = (r >> 8) % (3 * (uint64_t)geo[g][0] * geo[g][1]);
                access_kind kind = (access_kind)((r >> 20) % 3);
                if ((r >> 24) % 50 == 0) {
                    tlb_invalidate(&t, (inval_mode)((r >> 30) % 4), asid, vpn);
                    continue;
                }
                tlb fast, slow;
                if (tlb_clone(&fast, &t) != 0 || tlb_clone(&slow, &t) != 0) {
                    CHECK(0, "out of memory");
                    tlb_free(&t);
                    return;
                }
                uint64_t ppn_fast = 0, ppn_slow = 0;
                int way;
                int hit = tlb_hit_fast(&fast, asid, vpn, kind, &ppn_fast);
                tlb_outcome o = tlb_lookup(&slow, asid, vpn, kind, PRIV_U, &ppn_slow, &way);
                if (hit) {
                    answered++;
                    CHECK(o == TLB_HIT, "step %d: fast path hit, lookup says %d", step, (int)o);
                    CHECK(ppn_fast == ppn_slow, "step %d: ppn %llu vs %llu", step,
                          (unsigned long long)ppn_fast, (unsigned long long)ppn_slow);
                    CHECK(tlb_same(&fast, &slow), "step %d: states differ after a hit", step);
                } else {
                    declined++;
                    CHECK(tlb_same(&fast, &t), "step %d: declining changed the TLB", step);
                }
                tlb_free(&fast);
                tlb_free(&slow);
                /* Now the real lookup, and a fill as the MMU would do it. */
                o = tlb_lookup(&t, asid, vpn, kind, PRIV_U, &ppn_slow, &way);
                if (o == TLB_MISS || o == TLB_CLEAN) {
                    uint8_t perm = (uint8_t)(PTE_U | ((r >> 40) % 2 ? PTE_R : 0) |
                                             ((r >> 41) % 2 ? PTE_W | PTE_R : 0) |
                                             ((r >> 42) % 2 ? PTE_X : 0));
                    /* The frame varies from fill to fill, so a stale copy of one shows. */
                    /* Now and then a superpage (4 pages: level bits 2 here) or a
                     * global entry, so the hints meet entries they must not mirror. */
                    unsigned level = (r >> 50) % 8 == 0;
                    uint64_t ppn = (vpn + 7 + (r >> 44) % 5) & ~(uint64_t)(level ? 3 : 0);
                    tlb_fill(&t, o == TLB_CLEAN ? way : -1, asid, vpn, ppn, perm,
                             (uint8_t)(kind == ACCESS_WRITE || (r >> 43) % 2), level, (r >> 53) % 8 == 0);
                }
                CHECK(tlb_sane(&t), "step %d: invariants broken", step);
            }
            tlb_free(&t);
        }
    }
    /* Both branches must have been taken, or the test proved nothing. */
    CHECK(answered > 1000 && declined > 1000, "fast path answered %u, declined %u", answered,
          declined);
    end();
}

/* The page-walk cache (docs/contract.md, "Page-walk cache"): the contract's plru worked
 * example on 4 entries as one set, the invalid entries first, and the SFENCE rules:
 * rs1 = x0 (with or without an ASID) empties it, rs1 = VA leaves it. */
static void test_pwc(void)
{
    begin("pwc: plru over 4 entries, invalid first; rs1 = x0 fences empty it, rs1 = VA ones keep it");
    pwc c;
    uint64_t pte = 0;
    CHECK(pwc_init(&c, 3) != 0 && pwc_init(&c, 128) != 0 && pwc_init(&c, 0) == 0 && pwc_init(&c, 64) == 0,
          "sizes: 0 and powers of two up to 64 only");
    pwc_init(&c, 4);
    for (uint64_t a = 1; a <= 4; a++) /* A B C D at 0x10 .. 0x40: entries 0 .. 3 */
        pwc_fill(&c, a << 4, a);
    CHECK(pwc_lookup(&c, 0x10, &pte) && pte == 1, "A held");      /* hit A: victim entry 2 (C) */
    pwc_fill(&c, 0x50, 5);                                        /* E replaces C */
    CHECK(!pwc_lookup(&c, 0x30, &pte), "C evicted by E (the contract's plru victim after a hit on A)");
    CHECK(pwc_lookup(&c, 0x50, &pte) && pte == 5, "E held"); /* hit E: victim entry 1 (B) */
    pwc_fill(&c, 0x60, 6);
    CHECK(!pwc_lookup(&c, 0x20, &pte) && pwc_lookup(&c, 0x40, &pte) && pte == 4, "F replaced B, D kept");
    CHECK(pwc_sane(&c), "one entry a key");
    pwc_invalidate(&c, INVAL_PAGE);
    pwc_invalidate(&c, INVAL_PAGE_ALL);
    CHECK(pwc_lookup(&c, 0x10, &pte), "an rs1 = VA fence keeps the pointers");
    pwc_invalidate(&c, INVAL_ASID);
    CHECK(!pwc_lookup(&c, 0x10, &pte) && !pwc_lookup(&c, 0x60, &pte), "an rs1 = x0 fence of one ASID empties it");
    pwc_fill(&c, 0x70, 7); /* an empty cache fills its lowest entry again */
    CHECK(c.key[0] == 0x71, "the lowest invalid entry first");
    end();
}

int main(void)
{
    test_tlb_1x2(TLB_FIFO);
    test_tlb_1x2(TLB_LRU);
    test_tlb_1x4(TLB_FIFO);
    test_tlb_1x4(TLB_LRU);
    test_tlb_denied_use(TLB_FIFO);
    test_tlb_denied_use(TLB_LRU);
    test_tlb_invalid_first(TLB_FIFO);
    test_tlb_invalid_first(TLB_LRU);
    test_tlb_invalidate();
    test_tlb_clean_write();
    test_geometry();
    test_tlb_fast_agrees();
    test_walk();
    test_perm_table();
    test_tlb_superpage();
    test_tlb_global();
    test_pwc();
    if (sv39()) {
        test_walk_sv39();
        test_mmu_sv39();
    }
    if (sv32()) {
        test_timing(1);
        test_timing(5);
        test_two_mmus();
        test_split();
        test_l2();
        test_translate_hits(1, 4, TLB_FIFO);
        test_translate_hits(1, 4, TLB_LRU);
        test_translate_hits(2, 2, TLB_LRU);
        test_translate_hits(1, 16, TLB_FIFO);
    }
    return summary();
}
