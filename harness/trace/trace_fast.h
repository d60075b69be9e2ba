// SPDX-License-Identifier: MIT
/* trace_fast.h — the reader's fast path: a run of the textbook's common line, one to
 * seven decimal digits and a newline, read a 64-bit word per line (SWAR: SIMD within
 * a register) in one tight loop.  For trace.c only; a textbook reader can skip it.
 *
 * The contract: the same as the plain path.  Every record it gives is the record the
 * whole reader (trace.c's next_slow(), trace_text.c's parser) gives for that line —
 * the address and the line number — plus `.text`, the line's digits; any line it does
 * not take whole (more digits, hex, CRLF, a comment, spaces, the end of the block) it
 * leaves to the plain path untouched.  Held to it by tests/unit/unit_harness.c:
 * trace_fast_line_matches_reference (trace_fast_line() against a digit-by-digit
 * reading, two million random lines) and trace_reader_reads_every_line (the whole
 * reader, both paths, over 400000 lines of every shape across block refills, against
 * the numbers the test wrote).
 */
#ifndef VMMU_TRACE_FAST_H
#define VMMU_TRACE_FAST_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "harness/trace/trace.h"

#define TRACE_BLOCK (1u << 20) /* a line longer than this is an error, not a reallocation */
#define TRACE_PAD 16           /* bytes after a block: the sentinel and an 8-byte window */

/* A line of one to seven decimal digits and a newline, at `p`, read as one 64-bit
 * word.  Returns the line's length with its newline, and the number in *v; 0 for
 * anything else, which the plain path then reads.  Reading 8 bytes is safe: buf
 * always has TRACE_PAD bytes past its end, and its sentinel is not a digit. */
static inline size_t trace_fast_line(const char *p, uint64_t *v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t d = w - 0x3030303030303030u;
    /* A byte's top bit is set when it is not a digit: below '0' it wraps, above '9'
     * adding 0x76 reaches 0x80.  Borrows and carries only run towards later bytes,
     * so the lowest flagged byte is exactly the first non-digit. */
    uint64_t flags = (d | (d + 0x7676767676767676u)) & 0x8080808080808080u;
    if (!flags)
        return 0;
    unsigned n = (unsigned)__builtin_ctzll(flags) >> 3;
    if (n == 0 || p[n] != '\n')
        return 0;
    /* Shift the digits to the top, so the bytes below are leading zeros, then add
     * neighbours in pairs, quads and octets. */
    d <<= 8 * (8 - n);
    d = (d & 0x0F0F0F0F0F0F0F0Fu) * 2561 >> 8;
    d = (d & 0x00FF00FF00FF00FFu) * 6553601 >> 16;
    *v = (d & 0x0000FFFF0000FFFFu) * 42949672960001u >> 32;
    return n + 1;
#else
    (void)p;
    (void)v;
    return 0;
#endif
}

/* Reads into r[0..max) the run of such lines at the reader's place, moving it on:
 * returns how many (0: the next line is not one, or this is not a textbook trace
 * whose limit every seven-digit number fits).  A text line gives one record, handed
 * out at once, so none is ever pending. */
static inline size_t trace_fast_read(trace_reader *t, access_rec *r, size_t max)
{
    if (t->format != TRACE_TEXT || t->addr_max < 9999999)
        return 0;
    const char *p = t->buf + t->pos;
    uint64_t line = t->line;
    size_t k = 0, n;
    uint64_t v;
    while (k < max && (n = trace_fast_line(p, &v)) != 0) {
        r[k++] = (access_rec){.addr = v, .line = ++line, .text = p, .text_len = (uint32_t)n - 1};
        p += n;
    }
    t->pos = (size_t)(p - t->buf);
    t->line = line;
    return k;
}

#endif
