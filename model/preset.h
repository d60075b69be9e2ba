// SPDX-License-Identifier: MIT
/* preset.h — address geometries (docs/contract.md "Presets").
 *
 * A preset is hardware structure: the RTL takes the same numbers as Verilog
 * parameters.  Everything else (VPN width, table size) is derived here, once.
 */
#ifndef VMMU_PRESET_H
#define VMMU_PRESET_H

#include <stddef.h>
#include <stdint.h>

typedef struct preset {
    const char *name;
    unsigned va_bits;    /* virtual address width */
    unsigned page_bits;  /* log2 of the page size */
    unsigned levels;     /* page-table levels, 1..4 */
    unsigned level_bits; /* VPN bits resolved per level */
    unsigned pte_bytes;  /* 4 or 8 */
    unsigned ppn_bits;   /* PPN field width in a PTE */
    unsigned pa_bits;    /* = ppn_bits + page_bits */
    unsigned trace_bits; /* how a trace names addresses (presets.def): 64, as virtual
                          * addresses; fewer, numbers that wide, cut to their low VA bits */
    unsigned asid_bits;  /* satp.ASID's width */
    unsigned satp_mode;  /* satp.MODE that selects this preset's translation (0: Bare) */
} preset;

/* Returns the preset called `name`, or NULL if there is none. */
const preset *preset_find(const char *name);

/* The i-th preset, in presets.def's order; NULL past the last. */
const preset *preset_at(size_t i);

static inline unsigned preset_vpn_bits(const preset *p) { return p->va_bits - p->page_bits; }
static inline uint64_t preset_page_size(const preset *p) { return (uint64_t)1 << p->page_bits; }
/* How wide a virtual address is as a request carries it: the register's width, 64
 * for the presets with 8-byte PTEs (RV64: Sv39, Sv48), else the VA's (Sv32's 32 bits,
 * osc's 16).  Wider than the VA, its top bits must copy the VA's top bit. */
static inline unsigned preset_vaddr_bits(const preset *p) { return p->pte_bytes == 8 ? 64 : p->va_bits; }

/* 1 if `va` is a virtual address the preset translates: it fits preset_vaddr_bits(),
 * and for Sv39 (Sv48) bits 63-39 (63-48) all equal bit 38 (47) (priv. spec, "Sv39:
 * Addressing and Memory Protection"); else 0, a page fault.  Adding 2^(VA-1) maps the
 * canonical addresses, and only them, onto [0, 2^VA). */
static inline int preset_canonical(const preset *p, uint64_t va)
{
    uint64_t bias = preset_vaddr_bits(p) > p->va_bits ? (uint64_t)1 << (p->va_bits - 1) : 0;
    return ((va + bias) >> (p->va_bits - 1) >> 1) == 0;
}

/* satp (docs/contract.md "satp"): MODE << (ASID + PPN bits) | ASID << PPN bits | PPN,
 * and its fields.  MODE is 1 bit wide for 4-byte PTEs (RV32), 4 for 8-byte (RV64). */
static inline unsigned preset_satp_mode_bits(const preset *p) { return p->pte_bytes == 8 ? 4 : 1; }
static inline unsigned preset_satp_bits(const preset *p)
{
    return preset_satp_mode_bits(p) + p->asid_bits + p->ppn_bits;
}
static inline uint64_t preset_satp(const preset *p, unsigned mode, uint64_t asid, uint64_t ppn)
{
    return (uint64_t)mode << (p->asid_bits + p->ppn_bits) | asid << p->ppn_bits | ppn;
}
static inline unsigned preset_satp_mode_of(const preset *p, uint64_t satp)
{
    return (unsigned)(satp >> (p->asid_bits + p->ppn_bits) & (((uint64_t)1 << preset_satp_mode_bits(p)) - 1));
}
static inline uint16_t preset_satp_asid_of(const preset *p, uint64_t satp)
{
    return (uint16_t)(satp >> p->ppn_bits & (((uint64_t)1 << p->asid_bits) - 1));
}
static inline uint64_t preset_satp_ppn_of(const preset *p, uint64_t satp)
{
    return satp & (((uint64_t)1 << p->ppn_bits) - 1);
}

/* The largest address a trace may name (a larger one is bad input), and which of
 * the virtual addresses it names are out of range (an address fault, reported): the
 * textbook reads 32-bit numbers and keeps their low 16 bits; the RISC-V presets take
 * the address whole. */
static inline uint64_t preset_trace_max(const preset *p)
{
    return p->trace_bits >= 64 ? UINT64_MAX : ((uint64_t)1 << p->trace_bits) - 1;
}
static inline uint64_t preset_va_max(const preset *p)
{
    return p->va_bits >= 64 ? UINT64_MAX : ((uint64_t)1 << p->va_bits) - 1;
}
/* The virtual address of trace address `addr` (within preset_trace_max): 0, or -1 if
 * it is not one the preset translates (preset_canonical). */
static inline int preset_trace_va(const preset *p, uint64_t addr, uint64_t *va)
{
    if (p->trace_bits < 64) {
        *va = addr & preset_va_max(p);
        return 0;
    }
    *va = addr;
    return preset_canonical(p, addr) ? 0 : -1;
}

/* Bytes in one page-table node: 2^level_bits PTEs. */
static inline uint64_t preset_node_bytes(const preset *p)
{
    return ((uint64_t)1 << p->level_bits) * p->pte_bytes;
}
/* The index into the level-`level` table (0 = the last level) of a VPN. */
static inline unsigned preset_vpn_slice(const preset *p, uint64_t vpn, unsigned level)
{
    return (unsigned)((vpn >> (level * p->level_bits)) & (((uint64_t)1 << p->level_bits) - 1));
}

#endif
