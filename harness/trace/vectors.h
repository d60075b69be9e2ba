// SPDX-License-Identifier: MIT
/* vectors.h — MMU test vectors (the format issue 16 fixes, item 6): memory
 * contents, satp and the controls, SFENCE.VMAs and requests, one a line, read whole
 * and checked before anything runs.
 *
 *   # comment; blank lines ignored; numbers decimal or 0x hex
 *   mem PA VALUE          one PTE-sized word, little-endian, at physical address PA
 *   satp MODE ASID PPN    MODE: bare, or the preset's name
 *   priv U|S    sum 0|1    mxr 0|1    ad hardware|fault    pmem BYTES
 *   sfence VA|- ASID|-    SFENCE.VMA rs1, rs2; '-' is x0
 *   R VA    W VA    X VA  a load, a store, an instruction fetch
 *
 * The reader knows the preset, so what does not fit it (a PA beyond its physical
 * addresses, an ASID wider than its satp's, a VA wider than its registers) is refused
 * here, as `file:line: what is wrong`.  Running them is the program's (vecrun.c). */
#ifndef VMMU_VECTORS_H
#define VMMU_VECTORS_H

#include <stddef.h>
#include <stdint.h>

#include "model/preset.h"

typedef enum vec_op {
    VEC_MEM,     /* a = PA, b = the value */
    VEC_SATP,    /* flag 1: the preset's mode, 0: Bare; a = ASID, b = PPN */
    VEC_PRIV,    /* flag: a priv_mode */
    VEC_SUM,     /* flag: 0 or 1 */
    VEC_MXR,     /* flag: 0 or 1 */
    VEC_AD,      /* flag: 1 fault (Svade), 0 hardware (Svadu) */
    VEC_PMEM,    /* a = bytes (0: unbounded) */
    VEC_SFENCE,  /* flag: bit 0 rs1 names a VA (a), bit 1 rs2 names an ASID (b) */
    VEC_REQ      /* flag: an access_kind; a = the VA */
} vec_op;

typedef struct vec_cmd {
    uint64_t a, b;
    uint64_t line;   /* where it was written, 1-based */
    uint8_t op;      /* a vec_op */
    uint8_t flag;
} vec_cmd;

typedef struct vec_list {
    vec_cmd *c;
    size_t n, cap;
} vec_list;

/* Reads the vectors of `path` (- for standard input) for preset `p` into *v.  Returns
 * 0, or -1 with one line in err: `path:line: what is wrong`, or why the file cannot be
 * read; *v is then empty.  vectors_free() releases it either way. */
int vectors_load(vec_list *v, const char *path, const preset *p, char *err, size_t errlen);
void vectors_free(vec_list *v);

#endif
