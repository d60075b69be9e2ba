// SPDX-License-Identifier: MIT
/* out.c — the block writer behind out.h. */
#define _POSIX_C_SOURCE 200809L
#include "harness/cli/out.h"

#include "harness/cli/out_fmt.h"

#include <errno.h>
#include <unistd.h>

void out_init(out_buf *o, int fd)
{
    o->fd = fd;
    o->failed = 0;
    o->n = 0;
    for (int v = -128; v < 128; v++) {
        char t[32];
        char *e = t;
        if (v < 0)
            *e++ = '-';
        e = out_fmt_u64(e, (uint64_t)(v < 0 ? -v : v));
        *e++ = '\n';
        uint64_t w = 0;
        for (int i = 0; i < e - t; i++)
            w |= (uint64_t)(unsigned char)t[i] << (8 * i);
        o->byte_nl[(uint8_t)v] = w | (uint64_t)(e - t) << 56;
    }
}

int out_flush(out_buf *o)
{
    size_t done = 0;
    while (!o->failed && done < o->n) {
        ssize_t w = write(o->fd, o->buf + done, o->n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            o->failed = 1;
        else
            done += (size_t)w;
    }
    o->n = 0;
    return o->failed ? -1 : 0;
}
