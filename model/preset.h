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
} preset;

/* Returns the preset called `name`, or NULL if there is none. */
const preset *preset_find(const char *name);

/* The i-th preset, in presets.def's order; NULL past the last. */
const preset *preset_at(size_t i);

static inline unsigned preset_vpn_bits(const preset *p) { return p->va_bits - p->page_bits; }
static inline uint64_t preset_page_size(const preset *p) { return (uint64_t)1 << p->page_bits; }
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
 * it is beyond the virtual address space. */
static inline int preset_trace_va(const preset *p, uint64_t addr, uint64_t *va)
{
    if (p->trace_bits < 64) {
        *va = addr & preset_va_max(p);
        return 0;
    }
    *va = addr;
    return addr > preset_va_max(p) ? -1 : 0;
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
