// SPDX-License-Identifier: MIT
/* out.h — buffered output with hand-formatted integers: the per-access lines are
 * the hot path of a quiet-less run, so they avoid printf and write in large blocks. */
#ifndef VMMU_OUT_H
#define VMMU_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define OUT_BYTES (1u << 16)

typedef struct out_buf {
    int fd;
    int failed;     /* a write failed; later writes are dropped */
    size_t n;
    /* Indexed by a byte read as signed: its decimal text and a newline (at most 5
     * characters, little-endian), the count in the top byte.  The value ending each
     * per-access line waits on a memory read, so a table lookup beats arithmetic. */
    uint64_t byte_nl[256];
    char buf[OUT_BYTES];
} out_buf;

void out_init(out_buf *o, int fd);
/* Writes what is buffered.  Returns 0, or -1 if any write failed. */
int out_flush(out_buf *o);

static inline void out_room(out_buf *o, size_t need)
{
    if (o->n + need > OUT_BYTES)
        out_flush(o);
}

static inline void out_str(out_buf *o, const char *s, size_t len)
{
    out_room(o, len);
    memcpy(o->buf + o->n, s, len);
    o->n += len;
}
#define OUT_LIT(o, lit) out_str((o), (lit), sizeof(lit) - 1)

/* Writes v in decimal at p and returns the end; callers reserve 20 bytes.
 *
 * Per-access lines are the hot path of a run with output, and branches on the number
 * of digits mispredict there, so a number below 10^8 (every address of the textbook's
 * preset) is made without them: its eight digits, leading zeros included, come as
 * four pairs from a table into one 64-bit word, which is shifted past the leading
 * zeros and stored whole.  tests/unit/unit_harness.c holds it to printf. */
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

/* Writes v in decimal and a newline at p (8 bytes reserved) and returns the end. */
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

static inline void out_i64(out_buf *o, int64_t v)
{
    if (v < 0) {
        OUT_LIT(o, "-");
        out_u64(o, (uint64_t)0 - (uint64_t)v);
    } else {
        out_u64(o, (uint64_t)v);
    }
}

#endif
