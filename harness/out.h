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

static inline void out_u64(out_buf *o, uint64_t v)
{
    char t[20];
    int i = 20;
    do {
        t[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    out_str(o, t + i, (size_t)(20 - i));
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
