#!/usr/bin/env bash
# What an OS-driven co-simulation cannot reach, checked on the RTL directly.
#
# The harness's OS always sets U in a leaf, never builds a superpage leaf or a
# reserved (R = 0, W = 1) PTE, never invalidates one ASID, and only invalidates
# between accesses: the model and the RTL are never asked to differ there, so an RTL
# bug there passes every co-simulation (make mutants found these: perm_ignores_u,
# superpage_accepted, exec_only_is_pointer, pte_addr_or, inval_asid_inverted,
# inval_in_walk_kept; docs/mutants.md). It also pins down what the random
# co-simulation reaches in only a few of its cases (an LRU hit that faults,
# INVAL_PAGE of one ASID or of the last way), so no change of its draw loses them.
# This drives each built cosim configuration's RTL through its C API
# (harness/rtl_capi.h) with page tables built by hand and checks the contract's
# answer (docs/contract.md): hit, fault, physical address, latency, memory writes.
# COSIM_CONFIGS picks the builds (default: make test's); unbuilt ones are skipped.
source "$(dirname "$0")/lib.sh"

cat >"$TMP/gaps.c" <<'C'
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtl_capi.h"

enum { PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_A = 64, PTE_D = 128 };
enum { K_READ = 0, K_WRITE = 1, K_EXEC = 2 };
enum { F_NONE = 0, F_PAGE = 1, F_ACCESS = 2 };
enum { INV_PAGE = 0, INV_ASID = 1, INV_ALL = 2 };
#define MEM_SIZE (4u << 20)
#define TABLE_BASE (1u << 20)

static int failed;
/* One line per check, "PASS name" or "FAIL name: why", for the shell to relay. */
#define CHECK(name, cond, ...)                                 \
  do {                                                         \
    if (cond) {                                                \
      printf("PASS %s\n", name);                               \
    } else {                                                   \
      failed++;                                                \
      printf("FAIL %s: ", name);                               \
      printf(__VA_ARGS__);                                     \
      printf("\n");                                            \
    }                                                          \
  } while (0)

typedef struct {
  rtl_model *m;
  rtl_geometry g;
  uint8_t *mem;
  uint64_t next_table, root;
  rtl_in in;
} sys_t;

typedef struct {
  uint64_t paddr;
  int hit, fault;
  unsigned latency, reads, writes;
} result_t;

static uint64_t mem_rd(const sys_t *s, uint64_t a) {
  uint64_t v = 0;
  for (unsigned i = 0; i < s->g.pte_bytes; i++) v |= (uint64_t)s->mem[a + i] << (8 * i);
  return v;
}
static void mem_wr(sys_t *s, uint64_t a, uint64_t v) {
  for (unsigned i = 0; i < s->g.pte_bytes; i++) s->mem[a + i] = (uint8_t)(v >> (8 * i));
}
static uint64_t table_alloc(sys_t *s) {
  uint64_t bytes = (uint64_t)s->g.pte_bytes << s->g.level_bits, page = 1ull << s->g.page_bits;
  uint64_t a = s->next_table;
  s->next_table += (bytes + page - 1) / page * page;
  if (s->next_table > MEM_SIZE) {
    fprintf(stderr, "gaps: out of table memory\n");
    exit(2);
  }
  return a;
}
static unsigned slice(const sys_t *s, uint64_t vpn, unsigned level) {
  return (unsigned)((vpn >> (level * s->g.level_bits)) & ((1u << s->g.level_bits) - 1));
}
/* The address of the PTE of vpn at `level`, making pointer tables above it. */
static uint64_t pte_at(sys_t *s, uint64_t vpn, unsigned level) {
  uint64_t a = s->root;
  for (unsigned i = s->g.levels - 1; i > level; i--) {
    uint64_t pa = a + (uint64_t)slice(s, vpn, i) * s->g.pte_bytes;
    uint64_t pte = mem_rd(s, pa);
    if (!(pte & PTE_V)) {
      pte = ((table_alloc(s) >> s->g.page_bits) << 10) | PTE_V;
      mem_wr(s, pa, pte);
    }
    a = (pte >> 10) << s->g.page_bits;
  }
  return a + (uint64_t)slice(s, vpn, level) * s->g.pte_bytes;
}
static void map(sys_t *s, uint64_t vpn, uint64_t frame, unsigned flags) {
  mem_wr(s, pte_at(s, vpn, 0), (frame << 10) | flags);
}
static void sys_init(sys_t *s, int lru) {
  memset(s, 0, sizeof *s);
  s->m = rtl_new();
  s->mem = calloc(MEM_SIZE, 1);
  if (!s->m || !s->mem) {
    fprintf(stderr, "gaps: out of memory\n");
    exit(2);
  }
  rtl_geometry_get(s->m, &s->g);
  s->next_table = TABLE_BASE;
  s->root = table_alloc(s);
  s->in.root = s->root;
  s->in.tlb_lru = (uint8_t)lru;
}
static void sys_free(sys_t *s) {
  rtl_free(s->m);
  free(s->mem);
}
static void cycle(sys_t *s, rtl_out *o) {
  rtl_cycle(s->m, &s->in, o);
  s->in.req_valid = 0;
  s->in.mem_rvalid = 0;
  s->in.inval = 0;
}
static void set_inval(sys_t *s, int mode, uint16_t asid, uint64_t vpn) {
  s->in.inval = 1;
  s->in.inval_mode = (uint8_t)mode;
  s->in.inval_asid = asid;
  s->in.inval_vpn = vpn;
}
static void inval(sys_t *s, int mode, uint16_t asid, uint64_t vpn) {  /* between accesses */
  rtl_out o;
  set_inval(s, mode, asid, vpn);
  cycle(s, &o);
}
/* One translation, memory latency 1; if inval_at > 0, an invalidation (mode,
 * asid, vpn) is driven in the cycle inval_at cycles after the accepting one. */
static result_t translate_x(sys_t *s, uint16_t asid, uint64_t va, unsigned kind, unsigned inval_at,
                            int mode, uint16_t iasid, uint64_t ivpn) {
  result_t r;
  rtl_out o;
  memset(&r, 0, sizeof r);
  uint64_t accept = 0;
  int accepted = 0;
  long answer_at = -1;
  for (unsigned n = 0; n < 1000; n++) {
    uint64_t c = rtl_cycles(s->m);
    if (!accepted) {
      s->in.req_valid = 1;
      s->in.req_asid = asid;
      s->in.req_vaddr = va;
      s->in.req_kind = (uint8_t)kind;
    }
    if (answer_at >= 0 && (uint64_t)answer_at == c) {
      s->in.mem_rvalid = 1;
      answer_at = -1;
    }
    if (accepted && inval_at && c - accept == inval_at) set_inval(s, mode, iasid, ivpn);
    cycle(s, &o);
    if (!accepted) {
      if (o.req_ready) {
        accepted = 1;
        accept = c;
      }
      continue;
    }
    if (o.mem_req) {
      if (o.mem_we) {
        mem_wr(s, o.mem_addr, o.mem_wdata);
        r.writes++;
      } else {
        s->in.mem_rdata = mem_rd(s, o.mem_addr);
        r.reads++;
      }
      answer_at = (long)(c + 1);
    }
    if (o.rsp_valid) {
      r.paddr = o.rsp_paddr;
      r.hit = o.rsp_hit;
      r.fault = o.rsp_fault;
      r.latency = (unsigned)(c - accept);
      return r;
    }
  }
  r.fault = -1;  /* no answer: a hung walker */
  return r;
}
static result_t translate(sys_t *s, uint16_t asid, uint64_t va, unsigned kind) {
  return translate_x(s, asid, va, kind, 0, 0, 0, 0);
}
static uint64_t va_of(const sys_t *s, uint64_t vpn, uint64_t off) { return (vpn << s->g.page_bits) | off; }
static unsigned walk_lat(unsigned reads, unsigned writes) { return 2 + (reads + writes) * 2; }

/* A leaf with U = 0: every access kind is an access fault, walked, nothing written,
 * nothing filled (the retry walks again). */
static void test_user_bit(void) {
  sys_t s;
  sys_init(&s, 0);
  unsigned L = s.g.levels;
  map(&s, 1, 7, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);  /* U = 0 */
  const char *names[] = {"read", "write", "execute"};
  for (unsigned k = K_READ; k <= K_EXEC; k++) {
    char name[64];
    snprintf(name, sizeof name, "U=0 leaf: %s is an access fault", names[k]);
    result_t r = translate(&s, 0, va_of(&s, 1, 4), k);
    CHECK(name, !r.hit && r.fault == F_ACCESS && r.writes == 0 && r.latency == walk_lat(L, 0),
          "hit %d fault %d writes %u latency %u (want walked, fault 2, no write, %u)", r.hit,
          r.fault, r.writes, r.latency, walk_lat(L, 0));
  }
  map(&s, 2, 8, PTE_V | PTE_R | PTE_U | PTE_A);
  result_t r = translate(&s, 0, va_of(&s, 2, 4), K_READ);
  CHECK("U=1 leaf: read translates", r.fault == F_NONE && r.paddr == (8ull << s.g.page_bits | 4),
        "fault %d paddr %#" PRIx64, r.fault, r.paddr);
  sys_free(&s);
}

/* R = 0 and W = 1 is reserved: a page fault (step 3), whatever X says. */
static void test_reserved(void) {
  sys_t s;
  sys_init(&s, 0);
  unsigned L = s.g.levels;
  map(&s, 3, 9, PTE_V | PTE_W | PTE_U | PTE_A | PTE_D);
  map(&s, 4, 9, PTE_V | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D);
  result_t r = translate(&s, 0, va_of(&s, 3, 0), K_WRITE);
  CHECK("R=0 W=1 leaf: page fault", !r.hit && r.fault == F_PAGE && r.latency == walk_lat(L, 0),
        "hit %d fault %d latency %u", r.hit, r.fault, r.latency);
  r = translate(&s, 0, va_of(&s, 4, 0), K_EXEC);
  CHECK("R=0 W=1 X=1 leaf: page fault", !r.hit && r.fault == F_PAGE, "hit %d fault %d", r.hit,
        r.fault);
  sys_free(&s);
}

/* A leaf above level 0 (a superpage) is an access fault (step 5), at each level. */
static void test_superpage(void) {
  sys_t s;
  sys_init(&s, 0);
  unsigned L = s.g.levels;
  for (unsigned lvl = 1; lvl < L; lvl++) {
    uint64_t vpn = (uint64_t)(lvl + 4) << ((L - 1) * s.g.level_bits);  /* its own top slot */
    mem_wr(&s, pte_at(&s, vpn, lvl), (5ull << 10) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D);
    result_t r = translate(&s, 0, va_of(&s, vpn, 0), K_READ);
    char name[64];
    snprintf(name, sizeof name, "leaf at level %u: access fault", lvl);
    CHECK(name, !r.hit && r.fault == F_ACCESS && r.reads == L - lvl && r.writes == 0,
          "hit %d fault %d reads %u writes %u (want %u reads)", r.hit, r.fault, r.reads, r.writes,
          L - lvl);
  }
  if (L == 1) printf("PASS leaf above level 0: none with one level\n");
  sys_free(&s);
}

/* INVAL_ASID: entries of ASIDs 1 and 2 spread over every set and way; invalidating
 * ASID 1 leaves every ASID 2 entry hitting and every ASID 1 entry missing. */
static void test_inval_asid(void) {
  sys_t s;
  sys_init(&s, 0);
  unsigned S = s.g.sets, W = s.g.ways, N = S * W < 16 ? S * W : 16;
  for (unsigned k = 0; k < N; k++) map(&s, k + 1, 100 + k, PTE_V | PTE_R | PTE_U | PTE_A);
#define ASID_OF(k) ((uint16_t)(1 + (((k) % S + (k) / S) & 1)))
  int all = 1;
  for (unsigned k = 0; k < N; k++) translate(&s, ASID_OF(k), va_of(&s, k + 1, 0), K_READ);
  for (unsigned k = 0; k < N; k++) all &= translate(&s, ASID_OF(k), va_of(&s, k + 1, 0), K_READ).hit;
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
static void test_inval_page(void) {
  sys_t s;
  sys_init(&s, 0);
  unsigned W = s.g.ways, S = s.g.sets;
  if ((uint64_t)(W + 1) * S >= 1ull << (s.g.va_bits - s.g.page_bits)) {
    printf("PASS INVAL_PAGE: every way (n/a at %ux%u)\n", S, W);
    sys_free(&s);
    return;
  }
  for (unsigned k = 1; k <= W; k++) map(&s, (uint64_t)k * S, 100 + k, PTE_V | PTE_R | PTE_U | PTE_A);
  if (W >= 2) {
    translate(&s, 1, va_of(&s, S, 0), K_READ);
    translate(&s, 2, va_of(&s, S, 0), K_READ);
    inval(&s, INV_PAGE, 1, S);
    CHECK("INVAL_PAGE (ASID 1, VPN): the same VPN of ASID 2 still hits",
          translate(&s, 2, va_of(&s, S, 0), K_READ).hit, "it missed");
    CHECK("INVAL_PAGE (ASID 1, VPN): ASID 1 misses", !translate(&s, 1, va_of(&s, S, 0), K_READ).hit,
          "it hit");
  }
  /* Every way of set 0 holds a page; each page invalidated must miss afterwards. */
  inval(&s, INV_ALL, 0, 0);
  for (unsigned k = 1; k <= W; k++) translate(&s, 0, va_of(&s, (uint64_t)k * S, 0), K_READ);
  for (unsigned k = 1; k <= W; k++) inval(&s, INV_PAGE, 0, (uint64_t)k * S);
  unsigned stale = 0;
  for (unsigned k = 1; k <= W; k++) stale += translate(&s, 0, va_of(&s, (uint64_t)k * S, 0), K_READ).hit;
  CHECK("INVAL_PAGE: a page in any way of a full set is gone", stale == 0, "%u of %u still hit", stale, W);
  sys_free(&s);
}

/* An invalidation during a walk (any mode, even of another page): the answer is
 * still given, the fill is dropped, so the next access walks, and the one after hits. */
static void test_inval_in_walk(void) {
  sys_t s;
  sys_init(&s, 0);
  unsigned L = s.g.levels;
  uint64_t pg = 1ull << s.g.page_bits;
  map(&s, 2, 9, PTE_V | PTE_R | PTE_U | PTE_A);
  struct { int mode; uint16_t asid; uint64_t vpn; unsigned at; const char *what; } cases[] = {
      {INV_ALL, 0, 0, 1, "all, in LOOKUP"},
      {INV_ALL, 0, 0, 2, "all, in READ_PTE"},
      {INV_ALL, 0, 0, walk_lat(L, 0), "all, in FILL"},
      {INV_ASID, 3, 0, 2, "its ASID"},
      {INV_PAGE, 3, 2, 3, "its page"},
      {INV_PAGE, 3, 77, 2, "another page"},
  };
  for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char name[96];
    inval(&s, INV_ALL, 0, 0);
    result_t r = translate_x(&s, 3, va_of(&s, 2, 7), K_READ, cases[i].at, cases[i].mode,
                             cases[i].asid, cases[i].vpn);
    snprintf(name, sizeof name, "invalidate %s during a walk: answered", cases[i].what);
    CHECK(name, !r.hit && r.fault == F_NONE && r.paddr == 9 * pg + 7, "hit %d fault %d paddr %#" PRIx64,
          r.hit, r.fault, r.paddr);
    r = translate(&s, 3, va_of(&s, 2, 7), K_READ);
    snprintf(name, sizeof name, "invalidate %s during a walk: fill dropped", cases[i].what);
    CHECK(name, !r.hit, "the next access hit");
    r = translate(&s, 3, va_of(&s, 2, 7), K_READ);
    snprintf(name, sizeof name, "invalidate %s during a walk: then refilled", cases[i].what);
    CHECK(name, r.hit, "the access after it missed");
  }
  sys_free(&s);
}

/* LRU: a TLB hit that access-faults is an event too (contract: "hits that fault
 * included"). Fill every way of set 0 with read-only pages, write to the oldest (a
 * hit with an access fault), fill one more: the victim is the second oldest. The
 * harness reaches this only when a protection fault hits a full set under lru. */
static void test_lru_faulting_hit(void) {
  sys_t s;
  sys_init(&s, 1);
  unsigned W = s.g.ways, S = s.g.sets;
  if (W < 2 || (uint64_t)(W + 2) * S >= 1ull << (s.g.va_bits - s.g.page_bits)) {
    printf("PASS lru: a hit that faults is an event (n/a at %ux%u)\n", S, W);
    sys_free(&s);
    return;
  }
  for (unsigned k = 1; k <= W + 1; k++) map(&s, (uint64_t)k * S, 100 + k, PTE_V | PTE_R | PTE_U | PTE_A);
  for (unsigned k = 1; k <= W; k++) translate(&s, 0, va_of(&s, (uint64_t)k * S, 0), K_READ);
  result_t r = translate(&s, 0, va_of(&s, S, 0), K_WRITE);
  CHECK("lru: a write to a read-only entry is a hit with an access fault", r.hit && r.fault == F_ACCESS,
        "hit %d fault %d", r.hit, r.fault);
  translate(&s, 0, va_of(&s, (uint64_t)(W + 1) * S, 0), K_READ);
  r = translate(&s, 0, va_of(&s, S, 0), K_READ);
  CHECK("lru: a hit that faults is an event (that page is not the next victim)", r.hit,
        "the page just hit (with a fault) was evicted");
  r = translate(&s, 0, va_of(&s, 2ull * S, 0), K_READ);
  CHECK("lru: ... the page used longest ago is", !r.hit, "page 2 still hits");
  sys_free(&s);
}

/* An execute-only leaf (R = W = 0, X = 1) is a leaf, not a pointer (step 4 needs
 * R = X = 0): execute translates, read is an access fault. The OS never maps one. */
static void test_exec_only(void) {
  sys_t s;
  sys_init(&s, 0);
  uint64_t pg = 1ull << s.g.page_bits;
  map(&s, 6, 12, PTE_V | PTE_X | PTE_U | PTE_A);
  result_t r = translate(&s, 0, va_of(&s, 6, 1), K_EXEC);
  CHECK("X-only leaf: execute translates", r.fault == F_NONE && r.paddr == 12 * pg + 1,
        "fault %d paddr %#" PRIx64, r.fault, r.paddr);
  r = translate(&s, 0, va_of(&s, 6, 1), K_READ);
  CHECK("X-only leaf: read is an access fault", r.fault == F_ACCESS, "fault %d", r.fault);
  sys_free(&s);
}

/* The root need only be page aligned (contract): an osc table (1 KiB) at an odd
 * page spans a carry into the next page, so the PTE address is an add, not an OR.
 * The OS aligns every table to its size, where the two agree. */
static void test_root_page_aligned(void) {
  sys_t s;
  sys_init(&s, 0);
  uint64_t pg = 1ull << s.g.page_bits;
  s.next_table = TABLE_BASE + pg;  /* the first table was never used: reuse its room */
  s.root = table_alloc(&s);
  s.in.root = s.root;
  map(&s, 0x41, 13, PTE_V | PTE_R | PTE_U | PTE_A);  /* index 0x41: 0x104 bytes into the table */
  result_t r = translate(&s, 0, va_of(&s, 0x41, 2), K_READ);
  CHECK("root at an odd page: the PTE address adds the index", r.fault == F_NONE && r.paddr == 13 * pg + 2,
        "fault %d paddr %#" PRIx64, r.fault, r.paddr);
  sys_free(&s);
}

int main(void) {
  test_user_bit();
  test_reserved();
  test_superpage();
  test_inval_asid();
  test_inval_page();
  test_inval_in_walk();
  test_lru_faulting_hit();
  test_exec_only();
  test_root_page_aligned();
  return failed ? 1 : 0;
}
C

configs=${COSIM_CONFIGS:-osc-1x16 osc-16x1 osc-4x4 osc-1x64 sv32-4x4 sv39-1x16 sv48-1x16}
ran=0
for cfg in $configs; do
    lib=build/$cfg/librtl.a
    if [ ! -r "$lib" ]; then
        skip "gaps $cfg" "$lib is not built (make cosim-builds)"
        continue
    fi
    if ! gcc -std=c11 -O1 -Wall -Wextra -Iharness -o "$TMP/gaps-$cfg" "$TMP/gaps.c" "$lib" \
        -lstdc++ -lz -lpthread -lm 2>"$TMP/cc.err"; then
        fail "gaps $cfg: build" "$(head -c 400 "$TMP/cc.err" | tr '\n' '|')"
        continue
    fi
    ran=$((ran + 1))
    "$TMP/gaps-$cfg" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    while IFS= read -r line; do
        case $line in
        PASS\ *) pass "gaps $cfg: ${line#PASS }" ;;
        FAIL\ *) line=${line#FAIL }; fail "gaps $cfg: ${line%%: *}" "${line#*: }" ;;
        esac
    done <"$TMP/out"
    # An RTL assertion or a crash stops the program: that is a failure too.
    if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$TMP/out"; then
        fail "gaps $cfg: runs to the end" "exit $rc: $(tail -3 "$TMP/err" | tr '\n' '|')"
    fi
done
[ $ran -gt 0 ] || skip "gaps" "no configuration of '$configs' is built"
summary
