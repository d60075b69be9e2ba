// SPDX-License-Identifier: MIT
/* out_fmt.h — numbers into out.h's buffer, without printf and without branches on the
 * number of digits, which mispredict on the per-access lines of a run with output.
 * A reader of the output's format can skip it: report.c says what is printed.
 *
 * The contract: the same as the plain path, printf.  out_fmt_u64() writes what
 * printf("%llu") writes, out_fmt_i8_nl() what printf("%d\n") writes for a byte.
 * Held to it by tests/unit/unit_harness.c: fmt_u64_matches_printf (every number below 2^21,
 * both sides of every power of ten and of two, and 300000 random magnitudes) and
 * fmt_i8_newline_matches_printf (all 256 bytes).
 */
#ifndef VMMU_OUT_FMT_H
#define VMMU_OUT_FMT_H

#include <stdint.h>
#include <string.h>

#include "harness/cli/out.h"

/* Writes v in decimal at p and returns the end; callers reserve 20 bytes.
 *
 * A number below 10^8 (every address of the textbook's preset) is made without
 * branches: its eight digits, leading zeros included, come as four pairs from a table
 * into one 64-bit word, which is shifted past the leading zeros and stored whole. */
static inline char *out_fmt_u64(char *p, uint64_t v)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    /* t = bits * 1233 / 4096 = floor(bits * log10(2)): v has t + 1 digits, or t when
     * it is below the least number with t + 1 (least[0] = 0 makes 0 one digit). */
    static const uint64_t least[20] = {0u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u,
        10000000u, 100000000u, 1000000000u, 10000000000u, 100000000000u, 1000000000000u,
        10000000000000u, 100000000000000u, 1000000000000000u, 10000000000000000u,
        100000000000000000u, 1000000000000000000u, 10000000000000000000u};
    unsigned bits = 64 - (unsigned)__builtin_clzll(v | 1);
    unsigned t = bits * 1233 >> 12;
    unsigned n = t + 1 - (v < least[t]);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (v < 100000000u) {
        uint32_t hi = (uint32_t)v / 10000, lo = (uint32_t)v % 10000;
        uint16_t a, b, c, d;
        memcpy(&a, pairs + 2 * (hi / 100), 2);
        memcpy(&b, pairs + 2 * (hi % 100), 2);
        memcpy(&c, pairs + 2 * (lo / 100), 2);
        memcpy(&d, pairs + 2 * (lo % 100), 2);
        /* Joined in registers: four small stores read back as one word would stall. */
        uint64_t x = (uint64_t)a | (uint64_t)b << 16 | (uint64_t)c << 32 | (uint64_t)d << 48;
        x >>= 8 * (8 - n);
        memcpy(p, &x, 8);
        return p + n;
    }
#endif
    char *e = p + n;
    while (v >= 100) {
        uint64_t q = v / 100;
        memcpy(e -= 2, pairs + 2 * (v - q * 100), 2);
        v = q;
    }
    if (v >= 10)
        memcpy(e - 2, pairs + 2 * v, 2);
    else
        e[-1] = (char)('0' + v);
    return p + n;
}

/* Writes v in decimal and a newline at p (8 bytes reserved) and returns the end.
 * o->byte_nl, made by out_init(), holds for each byte, read as signed, its decimal
 * text and a newline (at most 5 characters, little-endian) with the count in the top
 * byte: the value ending each per-access line waits on a memory read, so a table
 * lookup beats arithmetic. */
static inline char *out_fmt_i8_nl(const out_buf *o, char *p, int8_t v)
{
    uint64_t e = o->byte_nl[(uint8_t)v];
    memcpy(p, &e, 8);
    return p + (e >> 56);
}

static inline void out_u64(out_buf *o, uint64_t v)
{
    out_room(o, 40);
    o->n = (size_t)(out_fmt_u64(o->buf + o->n, v) - o->buf);
}

#endif
