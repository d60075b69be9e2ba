// SPDX-License-Identifier: MIT
/* out.h — buffered output: the per-access lines are the hot path of a quiet-less run,
 * so they avoid stdio and write in large blocks.  Numbers go into the buffer through
 * out_fmt.h. */
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
    uint64_t byte_nl[256];  /* out_fmt_i8_nl()'s table (out_fmt.h), made by out_init() */
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

#endif
