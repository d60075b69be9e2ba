// SPDX-License-Identifier: MIT
/* tools/traceread.c — the trace reader alone, for make bench's read speed.
 *
 *   build/traceread FILE [PAGE_BITS]
 *
 * Reads FILE ("-" is standard input; text, ext or lackey, plain or gzip, xz, zstd)
 * through harness/trace/trace.c in vmref's batches and prints "N accesses (checksum S)",
 * S the sum of the addresses — nothing else runs, so its time is the reader's (and
 * the decompressor's).  PAGE_BITS (default
 * 8) is where a lackey access crosses into the next page.  Exit 1 with the reader's
 * one-line error. */
#include <stdio.h>
#include <stdlib.h>

#include "harness/trace/trace.h"

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: traceread FILE [PAGE_BITS]\n");
        return 2;
    }
    unsigned page_bits = argc == 3 ? (unsigned)atoi(argv[2]) : 8;
    char err[512];
    trace_reader t;
    if (trace_open(&t, argv[1], TRACE_AUTO, page_bits, err, sizeof err) != 0) {
        fprintf(stderr, "traceread: %s\n", err);
        return 1;
    }
    enum { BATCH = 256 }; /* vmref's */
    access_rec r[BATCH];
    unsigned long long n = 0, sum = 0;
    int got;
    while ((got = trace_read(&t, r, BATCH, err, sizeof err)) > 0) {
        n += (unsigned long long)got;
        for (int i = 0; i < got; i++)
            sum += r[i].addr; /* every record used: the same sum for every format */
    }
    trace_close(&t);
    if (got < 0) {
        fprintf(stderr, "traceread: %s\n", err);
        return 1;
    }
    printf("%llu accesses (checksum %llu)\n", n, sum);
    return 0;
}
