// SPDX-License-Identifier: MIT
/* store.h — where pages come from: the read-only backing file, and swap.
 *
 * The backing file is mapped read-only and never written; a page past its end reads
 * as zeros (demand-zero).  Dirty pages that are evicted go to swap, a copy held in
 * memory per (process, page), which later page-ins prefer to the file.  Swap grows
 * with the number of distinct dirty pages, never with the trace's length.
 */
#ifndef VMMU_STORE_H
#define VMMU_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "harness/base/pagemap.h"

typedef struct store {
    const uint8_t *file;   /* the mapped backing file (NULL when empty) */
    uint64_t file_bytes;
    uint64_t page_bytes;
    pagemap swap;          /* (process index, VPN) -> its page's copy (a uint8_t *) */
} store;

/* Maps the backing file at `path`.  Returns 0, or -1 with a one-line reason in
 * err (errlen bytes) — the path is part of the reason. */
int store_open(store *s, const char *path, uint64_t page_bytes, char *err, size_t errlen);
void store_close(store *s);

/* Copies page `vpn` of process `proc` into dst: from swap if it was written back,
 * else from the file (zeros past its end) when `from_file`, else zeros. */
void store_page_in(const store *s, uint32_t proc, uint64_t vpn, int from_file, uint8_t *dst);

/* Writes a dirty page back to swap.  Returns 0, or -1 if memory runs out. */
int store_write_back(store *s, uint32_t proc, uint64_t vpn, const uint8_t *src);

#endif
