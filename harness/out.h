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

/* Writes v in decimal at p and returns the end.  It may scribble up to 20 bytes
 * past p (callers reserve room): the digits are made backwards in a scratch area
 * and moved with one fixed-size copy, which beats counting digits first. */
static inline char *out_fmt_u64(char *p, uint64_t v)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    char t[40];
    char *e = t + 20;
    while (v >= 100) {
        unsigned d = (unsigned)(v % 100) * 2;
        v /= 100;
        *--e = pairs[d + 1];
        *--e = pairs[d];
    }
    if (v >= 10) {
        *--e = pairs[v * 2 + 1];
        *--e = pairs[v * 2];
    } else {
        *--e = (char)('0' + v);
    }
    memcpy(p, e, 20);
    return p + (t + 20 - e);
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
